//! Suppression (SPEC §4) end to end: Markdown comments, the config's
//! `ignore:` list and baselines, each hiding reports without changing the
//! evidence.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const RULES: &str = r#"rules:
  - id: extension-2032
    claim: The alliance is extended through 2032
    pattern: '\bthrough 2032\b'
    expect: { max_sources: 1 }
  - id: stake
    claim: Microsoft keeps a 49% stake
    extract: { pattern: '(?P<value>\d+%) stake', kind: percent }
    expect: { min_sources: 3 }
"#;

/// A corpus: a.md (oldest) and b.md state the extension, so b.md is
/// overstated; a.md and b.md give the stake, each uncorroborated.
fn corpus(config: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("news")).unwrap();
    write(folder.path(), "news/a.md", "---\ndate: 2026-04-01\n---\nThe alliance runs through 2032.\n\nMicrosoft keeps a 49% stake.\n");
    write(folder.path(), "news/b.md", "---\ndate: 2026-04-02\n---\nThe deal is solid through 2032.\n\nMicrosoft keeps a 49% stake.\n");
    write(folder.path(), "rules.yaml", RULES);
    write(
        folder.path(),
        "crosscheck.yaml",
        &format!("sources: [news]\nrules: [rules.yaml]\n{config}"),
    );
    folder
}

fn write(folder: &Path, path: &str, text: &str) {
    std::fs::write(folder.join(path), text).unwrap();
}

fn lint(folder: &Path, args: &[&str]) -> (Value, i32) {
    let output = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(folder)
        .args(["lint", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let document = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    (document, output.status.code().unwrap())
}

/// (rule, kind, path) of every diagnostic.
fn found(document: &Value) -> Vec<(String, String, String)> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["kind"].as_str().unwrap().to_owned(),
                d["primary"]["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn finding(rule: &str, kind: &str, path: &str) -> (String, String, String) {
    (rule.to_owned(), kind.to_owned(), path.to_owned())
}

#[test]
fn without_suppression_everything_is_reported() {
    let folder = corpus("");
    let (document, _) = lint(folder.path(), &[]);
    assert_eq!(
        found(&document),
        [
            finding("stake", "uncorroborated", "news/a.md"),
            finding("extension-2032", "overstated", "news/b.md"),
            finding("stake", "uncorroborated", "news/b.md"),
        ]
    );
}

#[test]
fn a_suppressed_statement_is_still_evidence() {
    let folder = corpus("");
    write(
        folder.path(),
        "news/a.md",
        "---\ndate: 2026-04-01\n---\n<!-- crosscheck-disable -- our own scoop, confirmed -->\nThe alliance runs through 2032.\n\nMicrosoft keeps a 49% stake.\n",
    );
    let (document, code) = lint(folder.path(), &["--fail-on", "warning"]);
    // a.md hides its own reports, but its statements still make b.md
    // overstated and still corroborate b.md's stake (2 of 3 needed).
    assert_eq!(
        found(&document),
        [
            finding("extension-2032", "overstated", "news/b.md"),
            finding("stake", "uncorroborated", "news/b.md")
        ]
    );
    let notes = document["diagnostics"][1]["notes"][0].as_str().unwrap();
    assert!(
        notes.starts_with("stated by 2 of 2 outlets (needs 3)"),
        "{notes}"
    );
    assert_eq!(code, 1);
}

#[test]
fn disable_enable_and_next_line_hide_only_what_they_cover() {
    let folder = corpus("");
    write(
        folder.path(),
        "news/b.md",
        "---\ndate: 2026-04-02\n---\n<!-- crosscheck-disable-next-line extension-2032 -- the court record confirms it -->\n\nThe deal is solid through 2032.\n\n<!-- crosscheck-disable stake -- checked -->\n<!-- crosscheck-enable stake -->\nMicrosoft keeps a 49% stake.\n",
    );
    let (document, _) = lint(folder.path(), &[]);
    assert_eq!(
        found(&document),
        [
            finding("stake", "uncorroborated", "news/a.md"),
            finding("stake", "uncorroborated", "news/b.md")
        ]
    );
}

#[test]
fn bad_suppressions_are_warnings() {
    let folder = corpus("");
    write(
        folder.path(),
        "news/b.md",
        "---\ndate: 2026-04-02\n---\n<!-- crosscheck-disable-next-line extension-2032 -->\nThe deal is solid through 2032.\n\n<!-- crosscheck-disable-next-line stak -- typo -->\nMicrosoft keeps a 49% stake.\n",
    );
    let (document, _) = lint(folder.path(), &[]);
    let warnings: Vec<(&str, &str)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "invalid-suppression")
        .map(|d| {
            (
                d["message"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [
            ("`crosscheck-disable-next-line` without a reason", "warning"),
            (
                "`crosscheck-disable-next-line` names `stak`, which no rule has",
                "warning"
            )
        ]
    );
    // The reasonless comment still hides what it covers.
    assert!(!found(&document).contains(&finding("extension-2032", "overstated", "news/b.md")));
    assert!(found(&document).contains(&finding("stake", "uncorroborated", "news/b.md")));
}

#[test]
fn config_ignore_hides_by_rule_path_and_text() {
    let folder = corpus(
        "ignore:\n  - { path: 'news/b.md', rule: stake, text: '49% stake', reason: accepted }\n",
    );
    let (document, _) = lint(folder.path(), &[]);
    assert_eq!(
        found(&document),
        [
            finding("stake", "uncorroborated", "news/a.md"),
            finding("extension-2032", "overstated", "news/b.md")
        ]
    );
    let human = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(folder.path())
        .args(["lint", "--color", "never"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&human.stdout).contains("; 1 suppressed"));
}

#[test]
fn baseline_round_trip() {
    let folder = corpus("");
    let root = folder.path();
    Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(root)
        .args([
            "lint",
            "--write-baseline",
            "baseline.json",
            "--fail-on",
            "warning",
            "--color",
            "never",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "wrote baseline.json: 3 findings accepted",
        ))
        .stdout(predicate::str::contains(
            "no findings in 2 articles from 2 outlets (2 rules); 3 suppressed",
        ));
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !leftovers.iter().any(|name| name.ends_with(".tmp")),
        "a temporary file was left: {leftovers:?}"
    );
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(baseline["version"], 1);
    assert_eq!(
        baseline["entries"][0],
        serde_json::json!({ "rule": "extension-2032", "kind": "overstated", "path": "news/b.md", "text": "through 2032", "count": 1 })
    );

    let (document, code) = lint(
        root,
        &["--baseline", "baseline.json", "--fail-on", "warning"],
    );
    assert_eq!(found(&document), []);
    assert_eq!(code, 0);

    // Edits elsewhere in a baselined file keep its findings accepted.
    write(
        root,
        "news/b.md",
        "---\ndate: 2026-04-02\n---\n# A new headline\n\nA new first paragraph, written later.\n\nThe deal is solid through 2032.\n\nMicrosoft keeps a 49% stake.\n",
    );
    let (document, _) = lint(root, &["--baseline", "baseline.json"]);
    assert_eq!(found(&document), []);

    // A new article is reported, and so is the finding it gives an old one.
    write(root, "news/c.md", "---\ndate: 2026-04-03\n---\nThe pact holds through 2032.\n\nMicrosoft keeps a 49% stake.\n");
    let (document, code) = lint(
        root,
        &["--baseline", "baseline.json", "--fail-on", "warning"],
    );
    assert_eq!(
        found(&document),
        [finding("extension-2032", "overstated", "news/c.md")],
        "the stake is now corroborated by 3 outlets"
    );
    assert_eq!(code, 1);

    // A changed wording of a baselined finding is reported again.
    write(root, "news/c.md", "Nothing about it.\n");
    write(
        root,
        "news/b.md",
        "---\ndate: 2026-04-02\n---\nThe deal runs through 2032.\n\nMicrosoft keeps a 47% stake.\n",
    );
    let (document, _) = lint(root, &["--baseline", "baseline.json"]);
    assert_eq!(
        found(&document),
        [finding("stake", "uncorroborated", "news/b.md")]
    );
}

#[test]
fn a_bad_baseline_is_a_usage_error() {
    let folder = corpus("");
    write(
        folder.path(),
        "baseline.json",
        "{ \"version\": 1, \"entries\": [ { \"rule\": 3 } ] }",
    );
    Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(folder.path())
        .args(["lint", "--baseline", "baseline.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid baseline"))
        .stderr(predicate::str::contains("baseline.json:1:"));
    Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(folder.path())
        .args(["lint", "--baseline", "missing.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.json: cannot read the baseline",
        ));
}
