//! The real corpus: all 6,224 GVA articles (../shared/corpora/gva), one story
//! per incident, with the shootings rule set in tests/corpora/gva. Every span
//! of every diagnostic and matrix cell must point at the exact bytes it
//! quotes, and extracted values must be sensible.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The repository root, where `tests/corpora/gva` names the corpus, or None
/// when the corpus is absent (see [`common::shared_corpus`]).
fn corpus() -> Option<PathBuf> {
    common::shared_corpus("gva").map(|_| common::root().to_path_buf())
}

fn run(root: &Path, args: &[&str]) -> Value {
    let output = common::crosscheck()
        .current_dir(root)
        .args(args)
        .output()
        .expect("crosscheck runs");
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "exit {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

#[test]
fn every_diagnostic_span_quotes_its_bytes() {
    let Some(root) = corpus() else { return };
    let report = run(
        &root,
        &[
            "lint",
            "--config",
            "tests/corpora/gva/crosscheck.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(report["summary"]["sources"], 6224);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics.len() > 500,
        "the shootings rules find real disagreements in GVA"
    );
    let mut spans = 0;
    for diagnostic in diagnostics {
        common::assert_span_invariant(&root, &diagnostic["primary"]);
        spans += 1;
        for related in diagnostic["related"].as_array().unwrap() {
            common::assert_span_invariant(&root, related);
            spans += 1;
        }
        if let Some(suggestion) = diagnostic["suggestion"].as_object() {
            assert_eq!(
                suggestion["byte_start"],
                diagnostic["primary"]["byte_start"]
            );
            assert_eq!(suggestion["byte_end"], diagnostic["primary"]["byte_end"]);
        }
    }
    eprintln!("checked {spans} spans of {} diagnostics", diagnostics.len());
}

#[test]
fn every_matrix_span_quotes_its_bytes_and_values_are_sensible() {
    let Some(root) = corpus() else { return };
    let matrix = run(
        &root,
        &[
            "matrix",
            "--config",
            "tests/corpora/gva/crosscheck.yaml",
            "--format",
            "json",
        ],
    );
    let claims = matrix["claims"].as_array().unwrap();
    let stories: std::collections::BTreeSet<&str> = claims
        .iter()
        .map(|row| row["story"].as_str().unwrap())
        .collect();
    assert_eq!(stories.len(), 3614, "one story per incident folder");
    let mut spans = 0;
    for row in claims {
        for cell in row["cells"].as_object().unwrap().values() {
            for span in cell["spans"].as_array().unwrap() {
                common::assert_span_invariant(&root, span);
                spans += 1;
                let Some(value) = span["value"].as_str() else {
                    continue;
                };
                match row["rule"].as_str().unwrap() {
                    "killed-count" | "injured-count" => {
                        let count: f64 = value
                            .parse()
                            .unwrap_or_else(|_| panic!("a count, not {value}"));
                        assert!(
                            (0.0..=1000.0).contains(&count) && count.fract() == 0.0,
                            "count {value} at {span}"
                        );
                    }
                    "suspect-age" => {
                        let age: f64 = value.parse().unwrap();
                        assert!((5.0..=99.0).contains(&age), "age {value} at {span}");
                    }
                    "shooting-date" => {
                        let year: u32 = value[..4].parse().unwrap();
                        assert!(
                            value.len() == 10 && (1990..=2018).contains(&year),
                            "date {value} at {span}"
                        );
                    }
                    other => panic!("rule {other} has no extract, yet value {value}"),
                }
            }
        }
    }
    assert!(
        spans > 5000,
        "the rules find statements all over GVA ({spans})"
    );
}
