//! The config's `ignore:` entries (SPEC §4): findings accepted by path,
//! rule and, when given, the exact text of the primary span.

use globset::GlobMatcher;

use crate::diagnostic::Diagnostic;

/// One accepted finding: diagnostics of `rule` whose primary span lies in a
/// file matching `path` and (when given) covers exactly `text` are not reported.
#[derive(Clone, Debug)]
pub struct Ignore {
    /// The `path:` glob, matched against the path relative to the config's
    /// folder or as shown.
    pub path: GlobMatcher,
    /// The `rule:` id whose diagnostics it hides.
    pub rule: String,
    /// The `text:`: the primary span's exact text; None hides the rule's
    /// findings anywhere in the file.
    pub text: Option<String>,
    /// The `reason:`, why the finding is accepted; empty when none is given.
    pub reason: String,
}

impl Ignore {
    /// Whether this entry hides `diagnostic`, whose path relative to the config is `relative`.
    pub fn matches(&self, relative: &str, diagnostic: &Diagnostic) -> bool {
        diagnostic.rule == self.rule
            && (self.path.is_match(relative) || self.path.is_match(&diagnostic.primary.path))
            && self
                .text
                .as_ref()
                .is_none_or(|text| *text == diagnostic.primary.text)
    }
}
