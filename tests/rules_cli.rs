//! `crosscheck rules list | check | explain | test`: output and exit status,
//! on the sample rules and seeds and on small rule files written here.

use assert_cmd::Command;
use predicates::prelude::*;

fn crosscheck() -> Command {
    let mut command = Command::cargo_bin("crosscheck").unwrap();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    command
}

/// The standard output of a command that must succeed.
fn stdout(command: &mut Command) -> String {
    String::from_utf8(command.assert().success().get_output().stdout.clone()).unwrap()
}

/// A folder with a config and one rule file holding `rules`.
fn project(rules: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("seeds")).unwrap();
    std::fs::write(folder.path().join("rules.yaml"), rules).unwrap();
    std::fs::write(
        folder.path().join("crosscheck.yaml"),
        "sources: [seeds]\nrules: [rules.yaml]\n",
    )
    .unwrap();
    folder
}

#[test]
fn list_shows_every_rule_with_its_place() {
    let output = stdout(crosscheck().args(["rules", "list"]));
    insta::assert_snapshot!("rules_list", output);
}

#[test]
fn check_accepts_the_sample_rules() {
    crosscheck()
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout("ok: 10 rules in 1 file\n");
}

#[test]
fn check_points_at_the_line_and_exits_2() {
    let folder = project("rules:\n  - id: good\n    claim: c\n    pattern: x\n  - id: bad\n    claim: d\n    match:\n      any: ['fine', 'bro(ken']\n");
    crosscheck()
        .current_dir(folder.path())
        .args(["rules", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: invalid regular expression",
        ))
        .stderr(predicate::str::contains("rules.yaml:8:21"))
        .stderr(predicate::str::contains(
            "error: the rules are invalid: 1 problem",
        ));
}

#[test]
fn check_reports_bad_cases_at_their_place() {
    let folder = project(
        "rules:\n  - id: r\n    claim: c\n    pattern: x\n    cases:\n      - name: n\n        articles: { a.doc: x }\n        want: [{ kind: conflict, path: b.md }, { kind: unstated, path: a.doc }]\n",
    );
    let output = crosscheck()
        .current_dir(folder.path())
        .args(["rules", "check"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(output).unwrap();
    assert!(
        stderr.contains("case article `a.doc` is not an article name"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the case has no article `b.md`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`unstated` is reported at the rule, not in an article"),
        "{stderr}"
    );
}

#[test]
fn explain_shows_the_rule_and_its_statements() {
    let output =
        stdout(crosscheck().args(["rules", "explain", "extension-2032", "--color", "never"]));
    insta::assert_snapshot!("explain_extension_2032", output);
}

#[test]
fn explain_shows_values_and_what_lint_reports() {
    let output = stdout(crosscheck().args([
        "rules",
        "explain",
        "previously-exclusive",
        "--color",
        "never",
    ]));
    insta::assert_snapshot!("explain_previously_exclusive", output);
}

#[test]
fn explain_an_unknown_rule_exits_2() {
    crosscheck()
        .args(["rules", "explain", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no rule has the id `no-such-rule`",
        ));
}

#[test]
fn test_passes_on_the_sample_rules() {
    crosscheck()
        .args(["rules", "test"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "rule tests: ok: 57 passed, 0 failed (10 rules tested)",
        ));
}

#[test]
fn test_failures_point_at_the_example_and_exit_1() {
    let folder = project(
        "rules:\n  - id: azure\n    claim: Azure is primary\n    match: { all: ['\\bAzure\\b'], any: [primary] }\n    examples:\n      states:\n        - \"Azure stays the primary cloud.\"\n        - \"Azure will no longer be the primary cloud.\"\n    cases:\n      - name: two outlets agree\n        articles: { a.md: \"Azure is primary.\", b.md: \"Azure is primary.\" }\n        want: [{ kind: contradiction, path: b.md }]\n",
    );
    let output = crosscheck()
        .current_dir(folder.path())
        .args(["rules", "test", "--color", "never"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let output = String::from_utf8(output).unwrap();
    assert!(output.contains("error[azure/test-failure]: this example should state the claim, but it denies the claim"), "{output}");
    assert!(output.contains("rules.yaml:8:11"), "{output}");
    assert!(
        output.contains("case `two outlets agree` does not give the diagnostics it wants"),
        "{output}"
    );
    assert!(
        output.contains("wanted `contradiction` in b.md, not given"),
        "{output}"
    );
    assert!(
        output.contains("rule tests: FAILED: 1 passed, 2 failed (1 rule tested)"),
        "{output}"
    );
}

#[test]
fn test_with_invalid_rules_exits_2() {
    let folder = project("rules:\n  - id: r\n    claim: c\n    colour: red\n");
    crosscheck()
        .current_dir(folder.path())
        .args(["rules", "test"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `colour`"));
}

#[test]
fn rules_without_tests_are_named() {
    let folder = project("rules:\n  - id: bare\n    claim: c\n    pattern: x\n");
    crosscheck()
        .current_dir(folder.path())
        .args(["rules", "test"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 passed, 0 failed (0 rules tested)",
        ))
        .stdout(predicate::str::contains("note: no examples or cases: bare"));
}
