//! Baselines (SPEC §4): the findings a newsroom has accepted, written by
//! `lint --write-baseline FILE` and hidden by `lint --baseline FILE`.
//!
//! An entry is a fingerprint, not a place: rule, kind, path (relative to
//! the config's folder) and the primary span's text with its white space
//! folded. Edits elsewhere in the file, or re-wrapping the paragraph, keep
//! the finding hidden; a new article, a new claim or a changed wording is
//! reported again. The same fingerprint twice in a file needs two entries
//! (`count`), so a second copy of an accepted sentence is still reported.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Kind};
use crate::paths;
use crate::problem::Problem;

/// The version of the baseline format this build reads and writes.
pub const VERSION: u32 = 1;

/// One accepted finding's fingerprint, and how many findings share it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The id of the rule that gave the finding.
    pub rule: String,
    /// The finding's kind (`contradiction`, `uncorroborated`, …).
    pub kind: Kind,
    /// The article's path, relative to the config's folder, with `/`.
    pub path: String,
    /// The primary span's text, its white space folded to single spaces.
    pub text: String,
    /// How many findings share this fingerprint.
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

/// A baseline file: the findings accepted when it was written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format's version (1); a baseline of any other version is refused.
    pub version: u32,
    /// The accepted fingerprints, sorted.
    pub entries: Vec<Entry>,
}

/// (rule, kind, path, text) of one diagnostic.
type Fingerprint = (String, Kind, String, String);

fn fingerprint(diagnostic: &Diagnostic, shown_base: &str) -> Fingerprint {
    let text = diagnostic
        .primary
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (
        diagnostic.rule.clone(),
        diagnostic.kind,
        paths::relative(shown_base, &diagnostic.primary.path).to_owned(),
        text,
    )
}

impl Baseline {
    /// The baseline that accepts every finding of `diagnostics` (articles
    /// that could not be read are never accepted), sorted.
    pub fn of(diagnostics: &[Diagnostic], shown_base: &str) -> Baseline {
        let mut counts: BTreeMap<Fingerprint, usize> = BTreeMap::new();
        for diagnostic in diagnostics.iter().filter(|d| d.kind != Kind::Unreadable) {
            *counts
                .entry(fingerprint(diagnostic, shown_base))
                .or_default() += 1;
        }
        let entries = counts
            .into_iter()
            .map(|((rule, kind, path, text), count)| Entry {
                rule,
                kind,
                path,
                text,
                count,
            })
            .collect();
        Baseline {
            version: VERSION,
            entries,
        }
    }

    /// Reads a baseline file (`shown` is its name for errors).
    pub fn load(path: &Path, shown: &str) -> Result<Baseline, Problem> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            Problem::new(format!("cannot read the baseline: {error}")).in_file(shown)
        })?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|error| {
            let start = crate::problem::offset_of(&text, error.line(), error.column());
            let end = text[start..]
                .find('\n')
                .map_or(text.len(), |len| start + len)
                .max(start);
            let message = error.to_string();
            let message = message.split(" at line ").next().unwrap_or_default();
            Problem::new(format!("invalid baseline: {message}"))
                .in_file(shown)
                .at(start..end, "here")
        })?;
        if baseline.version != VERSION {
            return Err(Problem::new(format!(
                "baseline version {} is not supported (this crosscheck reads version {VERSION})",
                baseline.version
            ))
            .in_file(shown)
            .with_note("write it again with `crosscheck lint --write-baseline FILE`"));
        }
        Ok(baseline)
    }

    /// The document written to a baseline file.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a baseline serializes");
        bytes.push(b'\n');
        bytes
    }

    /// Removes the diagnostics this baseline accepts; returns how many.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>, shown_base: &str) -> usize {
        let mut left: BTreeMap<Fingerprint, usize> = BTreeMap::new();
        for entry in &self.entries {
            *left
                .entry((
                    entry.rule.clone(),
                    entry.kind,
                    entry.path.clone(),
                    entry.text.clone(),
                ))
                .or_default() += entry.count;
        }
        let before = diagnostics.len();
        diagnostics.retain(
            |diagnostic| match left.get_mut(&fingerprint(diagnostic, shown_base)) {
                Some(count) if *count > 0 && diagnostic.kind != Kind::Unreadable => {
                    *count -= 1;
                    false
                }
                _ => true,
            },
        );
        before - diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::span::Span;

    fn finding(path: &str, start: usize, text: &str) -> Diagnostic {
        let primary = Span {
            path: path.into(),
            byte_start: start,
            byte_end: start + text.len(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            text: text.into(),
        };
        Diagnostic {
            rule: "r".into(),
            kind: Kind::Uncorroborated,
            severity: Severity::Warning,
            message: "m".into(),
            claim: "c".into(),
            primary,
            related: Vec::new(),
            value: None,
            notes: Vec::new(),
            suggestion: None,
        }
    }

    #[test]
    fn fingerprints_ignore_places_and_wrapping() {
        let baseline = Baseline::of(&[finding("a.md", 10, "through\n2032")], "");
        assert_eq!(baseline.entries[0].text, "through 2032");
        let mut later = vec![
            finding("a.md", 500, "through 2032"),
            finding("b.md", 10, "through 2032"),
        ];
        assert_eq!(baseline.apply(&mut later, ""), 1);
        assert_eq!(
            later[0].primary.path, "b.md",
            "another file is still reported"
        );
    }

    #[test]
    fn counts_are_consumed() {
        let baseline = Baseline::of(&[finding("a.md", 1, "x")], "");
        let mut twice = vec![finding("a.md", 1, "x"), finding("a.md", 9, "x")];
        assert_eq!(baseline.apply(&mut twice, ""), 1);
        assert_eq!(twice.len(), 1);
    }

    #[test]
    fn round_trip_and_bad_files() {
        let baseline = Baseline::of(&[finding("a.md", 1, "x"), finding("a.md", 5, "x")], "");
        assert_eq!(baseline.entries[0].count, 2);
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("baseline.json");
        std::fs::write(&path, baseline.to_json()).unwrap();
        assert_eq!(Baseline::load(&path, "baseline.json").unwrap(), baseline);

        std::fs::write(&path, "{\"version\": 1,\n \"entries\": [oops]}").unwrap();
        let problem = Baseline::load(&path, "baseline.json").unwrap_err();
        assert!(
            problem.message.starts_with("invalid baseline"),
            "{}",
            problem.message
        );
        assert!(problem.range.is_some());
        std::fs::write(&path, "{\"version\": 9, \"entries\": []}").unwrap();
        assert!(Baseline::load(&path, "baseline.json")
            .unwrap_err()
            .message
            .contains("version 9"));
        assert!(
            Baseline::load(&folder.path().join("missing.json"), "missing.json")
                .unwrap_err()
                .message
                .starts_with("cannot read the baseline")
        );
    }
}
