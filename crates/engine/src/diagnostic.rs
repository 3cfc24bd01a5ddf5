//! What crosscheck reports: one violation with a primary span, related spans
//! in other sources, notes and an optional suggestion (SPEC §1, §6).

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::span::Span;

/// How serious a diagnostic is: a rule's `severity:` (SPEC §2), or the
/// engine's own for problems with its input. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; fails a run only under `fail_on: note`.
    Note,
    /// Likely wrong; fails a run under `fail_on: warning` or `note`.
    Warning,
    /// Wrong; fails a run unless `fail_on` is `never`.
    Error,
}

impl Severity {
    /// The name in rule files and output: `note`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of a diagnostic: one per assertion (SPEC §3), plus the problems
/// crosscheck itself finds in its input. Each variant's documentation is its
/// user documentation, the text of `crosscheck explain KIND` (see
/// [`Kind::explanation`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    #[doc = include_str!("kinds/uncorroborated.md")]
    Uncorroborated,
    #[doc = include_str!("kinds/unstated.md")]
    Unstated,
    #[doc = include_str!("kinds/overstated.md")]
    Overstated,
    #[doc = include_str!("kinds/conflict.md")]
    Conflict,
    #[doc = include_str!("kinds/missing.md")]
    Missing,
    #[doc = include_str!("kinds/contradiction.md")]
    Contradiction,
    #[doc = include_str!("kinds/unreadable.md")]
    Unreadable,
    #[doc = include_str!("kinds/invalid-suppression.md")]
    InvalidSuppression,
    #[doc = include_str!("kinds/test-failure.md")]
    TestFailure,
}

impl Kind {
    /// Every kind, in the order of their declaration.
    pub const ALL: [Kind; 9] = [
        Kind::Uncorroborated,
        Kind::Unstated,
        Kind::Overstated,
        Kind::Conflict,
        Kind::Missing,
        Kind::Contradiction,
        Kind::Unreadable,
        Kind::InvalidSuppression,
        Kind::TestFailure,
    ];

    /// The kebab-case name in output and in `crosscheck explain KIND`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Uncorroborated => "uncorroborated",
            Kind::Unstated => "unstated",
            Kind::Overstated => "overstated",
            Kind::Conflict => "conflict",
            Kind::Missing => "missing",
            Kind::Contradiction => "contradiction",
            Kind::Unreadable => "unreadable",
            Kind::InvalidSuppression => "invalid-suppression",
            Kind::TestFailure => "test-failure",
        }
    }

    /// What the kind means, why it matters and how to fix or accept it, in
    /// Markdown: the one text behind `crosscheck explain`, SARIF help, hovers
    /// and the README. Its first line is the [`summary`](Kind::summary).
    pub fn explanation(self) -> &'static str {
        match self {
            Kind::Uncorroborated => include_str!("kinds/uncorroborated.md"),
            Kind::Unstated => include_str!("kinds/unstated.md"),
            Kind::Overstated => include_str!("kinds/overstated.md"),
            Kind::Conflict => include_str!("kinds/conflict.md"),
            Kind::Missing => include_str!("kinds/missing.md"),
            Kind::Contradiction => include_str!("kinds/contradiction.md"),
            Kind::Unreadable => include_str!("kinds/unreadable.md"),
            Kind::InvalidSuppression => include_str!("kinds/invalid-suppression.md"),
            Kind::TestFailure => include_str!("kinds/test-failure.md"),
        }
    }

    /// One line: what reports the kind, and when.
    pub fn summary(self) -> &'static str {
        let text = self.explanation();
        text.split_once('\n').map_or(text, |(line, _)| line)
    }

    /// The kind named `name` (as [`Kind::as_str`] spells it), if any.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule id of diagnostics about crosscheck's input rather than a claim.
pub const ENGINE_RULE: &str = "crosscheck";

/// A span in another source (or elsewhere in the same one) that bears on a
/// diagnostic, with what it shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// Where the related text is; flattened into the object in JSON.
    #[serde(flatten)]
    pub span: Span,
    /// What this span shows, such as `Reuters gives 49%`.
    pub message: String,
}

/// A replacement that would fix a diagnostic: the bytes `byte_start..byte_end`
/// of the file at `path` replaced by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The file to edit, as in [`Span::path`].
    pub path: String,
    /// Where the replaced bytes start in the original file.
    pub byte_start: usize,
    /// Where the replaced bytes end in the original file (exclusive).
    pub byte_end: usize,
    /// The text to put in their place, such as the majority's wording of a value.
    pub replacement: String,
    /// What the edit does, such as "replace `51%` with `49%`, as most outlets give".
    pub message: String,
}

/// One finding: a rule's assertion failed for a story, or crosscheck could
/// not read part of its input (SPEC §6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The id of the rule that reports it, or [`ENGINE_RULE`] for problems with the input.
    pub rule: String,
    /// Which assertion failed, or which problem with the input was found.
    pub kind: Kind,
    /// The rule's `severity:`, after the config's `overrides:`.
    pub severity: Severity,
    /// What is wrong: the rule's `message:` template filled in, else crosscheck's own wording.
    pub message: String,
    /// The rule's `claim:`, the claim in plain words; empty for problems with the input.
    pub claim: String,
    /// Where the finding is: the statement, value or text it is about.
    pub primary: Span,
    /// The spans in other sources behind the finding, at most one per outlet.
    pub related: Vec<Related>,
    /// The canonical value a `conflict` is about, such as `49%`; `None` for other kinds.
    pub value: Option<String>,
    /// Extra lines of explanation, such as the tally of values given.
    pub notes: Vec<String>,
    /// An edit that would fix the finding, if crosscheck knows one.
    pub suggestion: Option<Suggestion>,
}

impl Diagnostic {
    /// The order of SPEC §6: path, then byte_start, then rule id (then the
    /// rest, so that the order is total and output is byte-identical).
    pub fn sort(diagnostics: &mut [Diagnostic]) {
        diagnostics.sort_by(|a, b| {
            (
                &a.primary.path,
                a.primary.byte_start,
                &a.rule,
                a.kind,
                a.primary.byte_end,
                &a.message,
            )
                .cmp(&(
                    &b.primary.path,
                    b.primary.byte_start,
                    &b.rule,
                    b.kind,
                    b.primary.byte_end,
                    &b.message,
                ))
        });
    }
}

/// Diagnostic counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// How many diagnostics have [`Severity::Error`].
    pub errors: usize,
    /// How many diagnostics have [`Severity::Warning`].
    pub warnings: usize,
    /// How many diagnostics have [`Severity::Note`].
    pub notes: usize,
}

impl Counts {
    /// The counts of `diagnostics`.
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut counts = Counts::default();
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Note => counts.notes += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_explanation_opens_with_its_summary_and_has_its_sections() {
        for kind in Kind::ALL {
            let text = kind.explanation();
            assert!(
                text.starts_with(&format!("{}\n\n", kind.summary())),
                "{kind}: a one-line summary, then a blank line"
            );
            for section in ["**What it means.**", "**Why it matters.**", "**How to fix"] {
                assert!(text.contains(section), "{kind} has no {section}");
            }
        }
    }

    /// The README's table of kinds is generated from the same texts: a kind
    /// reworded here must be reworded there.
    #[test]
    fn the_readme_table_of_kinds_is_the_summaries() {
        let rows: String = Kind::ALL
            .iter()
            .map(|kind| format!("| `{kind}` | {} |\n", kind.summary()))
            .collect();
        let table = format!("| kind | reported when |\n|---|---|\n{rows}");
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
                .unwrap();
        assert!(
            readme.contains(&table),
            "README.md should hold this table of kinds:\n{table}"
        );
    }
}
