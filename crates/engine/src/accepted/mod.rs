//! Accepted findings: what a fact-checker has looked at and decided not to
//! be told again. Three ways, all applied after judging and never changing
//! what an article states (its statements stay evidence for the others):
//! the config's `ignore:` entries ([`Ignore`]), suppression comments in the
//! articles ([`comments`]) and a baseline file ([`Baseline`]).

mod baseline;
pub mod comments;
mod ignore;

pub use baseline::{Baseline, Entry};
pub use comments::Suppressions;
pub use ignore::Ignore;

use crate::diagnostic::Diagnostic;
use crate::paths;

/// Everything that accepts findings in one run.
#[derive(Clone, Copy)]
pub struct Accepting<'a> {
    /// The config's `ignore:` entries.
    pub ignore: &'a [Ignore],
    /// The config's folder as shown: ignore globs and baseline paths are
    /// relative to it.
    pub shown_base: &'a str,
    /// The baseline file given with `--baseline`, if any.
    pub baseline: Option<&'a Baseline>,
}

impl Accepting<'_> {
    /// Removes the accepted findings from `diagnostics`, given each article's
    /// path and suppression comments; returns how many.
    pub fn hide<'r>(
        &self,
        articles: impl IntoIterator<Item = (&'r str, &'r Suppressions)>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> usize {
        let before = diagnostics.len();
        diagnostics.retain(|diagnostic| {
            let relative = paths::relative(self.shown_base, &diagnostic.primary.path);
            !self
                .ignore
                .iter()
                .any(|ignore| ignore.matches(relative, diagnostic))
        });
        let mut hidden = before - diagnostics.len();
        hidden += comments::apply(articles, diagnostics);
        if let Some(baseline) = self.baseline {
            hidden += baseline.apply(diagnostics, self.shown_base);
        }
        hidden
    }
}
