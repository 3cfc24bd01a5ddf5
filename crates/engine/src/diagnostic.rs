//! What crosscheck reports: one violation with a primary span, related spans
//! in other sources, notes and an optional suggestion (SPEC §1, §6).

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
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
/// crosscheck itself finds in its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `min_sources`: a statement too few outlets make.
    Uncorroborated,
    /// `min_sources`: no outlet of a story states the claim at all.
    Unstated,
    /// `max_sources`: a statement by more outlets than allowed.
    Overstated,
    /// `agree`: an extracted value that differs from the majority.
    Conflict,
    /// `when_mentioned`: an outlet mentions the topic but not the claim.
    Missing,
    /// Always on: an outlet denies what another states.
    Contradiction,
    /// An article that could not be read (I/O, not UTF-8, binary, bad front matter).
    Unreadable,
    /// A suppression comment without a reason or naming an unknown rule.
    InvalidSuppression,
    /// `crosscheck rules test`: a rule's example or case gives another result than it says.
    TestFailure,
}

impl Kind {
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

    /// One line for help texts, SARIF and documentation.
    pub fn description(self) -> &'static str {
        match self {
            Kind::Uncorroborated => "the claim is stated by fewer outlets than `min_sources`",
            Kind::Unstated => "no outlet of a story states a claim that needs `min_sources`",
            Kind::Overstated => "the claim is stated by more outlets than `max_sources`",
            Kind::Conflict => "an extracted value differs from the value most outlets give",
            Kind::Missing => "an outlet mentions the topic of `when_mentioned` but not the claim",
            Kind::Contradiction => "an outlet denies a claim that another outlet states",
            Kind::Unreadable => "an article could not be read",
            Kind::InvalidSuppression => "a suppression comment has no reason or names an unknown rule",
            Kind::TestFailure => "a rule's example or case does not give the result it says",
        }
    }

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    #[serde(flatten)]
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub path: String,
    pub byte_start: usize,
    pub byte_end: usize,
    pub replacement: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    pub message: String,
    pub claim: String,
    pub primary: Span,
    pub related: Vec<Related>,
    pub value: Option<String>,
    pub notes: Vec<String>,
    pub suggestion: Option<Suggestion>,
}

impl Diagnostic {
    /// The order of SPEC §6: path, then byte_start, then rule id (then the
    /// rest, so that the order is total and output is byte-identical).
    pub fn sort(diagnostics: &mut [Diagnostic]) {
        diagnostics.sort_by(|a, b| {
            (&a.primary.path, a.primary.byte_start, &a.rule, a.kind, a.primary.byte_end, &a.message).cmp(&(
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
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Counts {
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
