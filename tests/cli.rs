//! The command line end to end (issue 2): every fixture corpus under
//! tests/fixtures gives exactly its expected diagnostics; every output
//! format has its shape; exit codes, `--output`, `--quiet`, `--rule`,
//! `--rules` and `--stories` do what SPEC §5 says; output is deterministic.

mod common;

use std::collections::BTreeSet;

use common::{assert_report_shape, assert_span_shape, crosscheck, keys};
use serde_json::Value;

const FIXTURES: [&str; 7] = [
    "conflict",
    "contradiction",
    "missing",
    "overstated",
    "stories",
    "uncorroborated",
    "unstated",
];

fn config(fixture: &str) -> String {
    format!("tests/fixtures/{fixture}/crosscheck.yaml")
}

/// Runs crosscheck from the repository root; returns stdout, stderr and the exit code.
fn run(args: &[&str]) -> (String, String, i32) {
    let output = crosscheck().args(args).output().expect("crosscheck runs");
    let code = output
        .status
        .code()
        .expect("crosscheck exits, not killed by a signal");
    (
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code,
    )
}

/// `lint --format json` of a fixture (plus `extra` arguments): the document and the exit code.
fn lint_json(fixture: &str, extra: &[&str]) -> (Value, i32) {
    let config = config(fixture);
    let mut args = vec!["lint", "--config", &config, "--format", "json"];
    args.extend_from_slice(extra);
    let (stdout, stderr, code) = run(&args);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|error| {
        panic!("invalid JSON ({error}) from {args:?}:\n{stdout}\nstderr:\n{stderr}")
    });
    (report, code)
}

/// What a diagnostic is, in the terms the fixtures are written in.
#[derive(Debug, PartialEq, Eq)]
struct Found {
    kind: String,
    rule: String,
    path: String,
    severity: String,
    text: String,
    related: Vec<String>,
    replacement: Option<String>,
}

fn found(report: &Value) -> Vec<Found> {
    let s = |value: &Value| {
        value
            .as_str()
            .unwrap_or_else(|| panic!("not a string: {value}"))
            .to_owned()
    };
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| Found {
            kind: s(&d["kind"]),
            rule: s(&d["rule"]),
            path: s(&d["primary"]["path"]),
            severity: s(&d["severity"]),
            text: s(&d["primary"]["text"]),
            related: d["related"]
                .as_array()
                .expect("related")
                .iter()
                .map(|r| s(&r["path"]))
                .collect(),
            replacement: d["suggestion"]
                .as_object()
                .map(|suggestion| s(&suggestion["replacement"])),
        })
        .collect()
}

fn expect(
    kind: &str,
    rule: &str,
    path: &str,
    severity: &str,
    text: &str,
    related: &[&str],
    replacement: Option<&str>,
) -> Found {
    Found {
        kind: kind.into(),
        rule: rule.into(),
        path: path.into(),
        severity: severity.into(),
        text: text.into(),
        related: related.iter().map(|path| (*path).to_owned()).collect(),
        replacement: replacement.map(str::to_owned),
    }
}

fn summary(report: &Value) -> [u64; 6] {
    let s = &report["summary"];
    ["sources", "outlets", "rules", "errors", "warnings", "notes"].map(|key| {
        s[key]
            .as_u64()
            .unwrap_or_else(|| panic!("summary.{key}: {s}"))
    })
}

// ---------------------------------------------------------------------------
// One test per fixture corpus: exactly these diagnostics.

#[test]
fn fixture_conflict_suggests_the_majority_value() {
    let (report, code) = lint_json("conflict", &[]);
    let a = "tests/fixtures/conflict/articles";
    assert_eq!(
        found(&report),
        [expect(
            "conflict",
            "killed-count",
            &format!("{a}/c.md"),
            "error",
            "Four",
            &[&format!("{a}/a.md"), &format!("{a}/b.md")],
            Some("Three")
        )]
    );
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["value"], "4", "the normalized value of `Four`");
    let suggestion = &diagnostic["suggestion"];
    assert_eq!(suggestion["path"], diagnostic["primary"]["path"]);
    assert_eq!(
        (&suggestion["byte_start"], &suggestion["byte_end"]),
        (
            &diagnostic["primary"]["byte_start"],
            &diagnostic["primary"]["byte_end"]
        )
    );
    assert!(
        diagnostic["message"].as_str().unwrap().contains('3'),
        "the message names the majority value: {}",
        diagnostic["message"]
    );
    assert_eq!(summary(&report), [3, 3, 1, 1, 0, 0]);
    assert_eq!(
        code, 1,
        "an error diagnostic fails the run under fail_on: error"
    );
}

#[test]
fn fixture_contradiction_reports_each_denial() {
    let (report, code) = lint_json("contradiction", &[]);
    let a = "tests/fixtures/contradiction/articles";
    let stated = format!("{a}/a.md");
    assert_eq!(
        found(&report),
        [
            expect(
                "contradiction",
                "suspect-arrested",
                &format!("{a}/b.md"),
                "warning",
                "no arrests",
                &[&stated],
                None
            ),
            expect(
                "contradiction",
                "suspect-arrested",
                &format!("{a}/c.md"),
                "warning",
                "suspect was never arrested",
                &[&stated],
                None
            ),
        ]
    );
    assert_eq!(summary(&report), [3, 3, 1, 0, 2, 0]);
    assert_eq!(code, 0);
}

#[test]
fn fixture_missing_a_denial_is_a_contradiction_not_also_missing() {
    let (report, code) = lint_json("missing", &[]);
    let a = "tests/fixtures/missing/articles";
    let one = format!("{a}/one.txt");
    assert_eq!(
        found(&report),
        [
            expect(
                "contradiction",
                "azure-primary",
                &format!("{a}/three.txt"),
                "warning",
                "Azure will no longer be the primary",
                &[&one],
                None
            ),
            expect(
                "missing",
                "azure-primary",
                &format!("{a}/two.txt"),
                "warning",
                "Azure",
                &[&one],
                None
            ),
        ]
    );
    // four.txt never mentions Azure; one.txt states the claim.
    assert_eq!(summary(&report), [4, 4, 1, 0, 2, 0]);
    assert_eq!(code, 0);
}

#[test]
fn fixture_overstated_reports_the_newer_outlet() {
    let (report, code) = lint_json("overstated", &[]);
    let a = "tests/fixtures/overstated/articles";
    assert_eq!(
        found(&report),
        [expect(
            "overstated",
            "exclusive-interview",
            &format!("{a}/second.md"),
            "warning",
            "exclusive interview",
            &[&format!("{a}/first.md")],
            None
        )]
    );
    assert_eq!(summary(&report), [3, 3, 1, 0, 1, 0]);
    assert_eq!(code, 0);
}

#[test]
fn fixture_stories_judges_each_folder_and_reports_a_tie_without_suggestion() {
    let (report, code) = lint_json("stories", &[]);
    let a = "tests/fixtures/stories/news";
    assert_eq!(
        found(&report),
        [
            expect(
                "conflict",
                "killed-count",
                &format!("{a}/202/abc.md"),
                "warning",
                "Four",
                &[&format!("{a}/202/local.md")],
                None
            ),
            expect(
                "conflict",
                "killed-count",
                &format!("{a}/202/local.md"),
                "warning",
                "Three",
                &[&format!("{a}/202/abc.md")],
                None
            ),
        ]
    );
    // Five articles, four outlets: wjhl.com has two articles and counts once.
    assert_eq!(summary(&report), [5, 4, 1, 0, 2, 0]);
    assert_eq!(code, 0);
}

#[test]
fn fixture_uncorroborated_reports_the_lone_statement() {
    let (report, code) = lint_json("uncorroborated", &[]);
    assert_eq!(
        found(&report),
        [expect(
            "uncorroborated",
            "suspect-named",
            "tests/fixtures/uncorroborated/articles/daily.md",
            "warning",
            "suspect, John Doe, was arrested",
            &[],
            None
        )]
    );
    assert_eq!(summary(&report), [3, 3, 1, 0, 1, 0]);
    assert_eq!(code, 0);
}

#[test]
fn fixture_unstated_points_at_the_rule() {
    let (report, code) = lint_json("unstated", &[]);
    assert_eq!(
        found(&report),
        [expect(
            "unstated",
            "motive-stated",
            "tests/fixtures/unstated/rules.yaml",
            "note",
            "motive-stated",
            &[],
            None
        )]
    );
    let primary = &report["diagnostics"][0]["primary"];
    assert_eq!(
        (&primary["line"], &primary["column"]),
        (&Value::from(2), &Value::from(9)),
        "the rule's `id` value: {primary}"
    );
    assert_eq!(summary(&report), [2, 2, 1, 0, 0, 1]);
    assert_eq!(code, 0);
}

#[test]
fn every_fixture_span_quotes_its_bytes() {
    for fixture in FIXTURES {
        let (report, _) = lint_json(fixture, &[]);
        let checked = common::assert_report_spans(common::root(), &report);
        assert!(checked > 0, "{fixture} has spans");
    }
}

// ---------------------------------------------------------------------------
// Outlets, stories and the corpus arguments.

#[test]
fn two_articles_of_one_outlet_are_one_source() {
    let a = "tests/fixtures/stories/news/101";
    let config = config("stories");
    // Only wjhl.com's two articles: one outlet, though two files state it.
    let (stdout, _, code) = run(&[
        "lint",
        "--config",
        &config,
        "--format",
        "json",
        &format!("{a}/wjhl.md"),
        &format!("{a}/wjhl-update.md"),
    ]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let kinds: Vec<(String, String)> = found(&report)
        .into_iter()
        .map(|f| (f.kind, f.path))
        .collect();
    assert_eq!(
        kinds,
        [
            ("uncorroborated".to_owned(), format!("{a}/wjhl-update.md")),
            ("uncorroborated".to_owned(), format!("{a}/wjhl.md"))
        ],
        "min_sources: 2 is not met by two articles of one outlet"
    );
    assert_eq!(summary(&report)[..2], [2, 1]);
    assert_eq!(code, 0);
    // With wcyb.com, two outlets state it.
    let (stdout, _, _) = run(&[
        "lint",
        "--config",
        &config,
        "--format",
        "json",
        &format!("{a}/wjhl.md"),
        &format!("{a}/wjhl-update.md"),
        &format!("{a}/wcyb.md"),
    ]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(found(&report), []);
    // In the whole corpus as one story, the majority value 2 is given by two outlets, not three.
    let (report, _) = lint_json("stories", &["--stories", "corpus"]);
    let notes = report["diagnostics"][0]["notes"].to_string();
    assert!(
        notes.contains("2 (2 outlets: wcyb.com, wjhl.com)"),
        "{notes}"
    );
}

#[test]
fn stories_on_the_command_line_override_the_config() {
    let news = "tests/fixtures/stories/news";
    // The config says `stories: folder`; `--stories corpus` makes one story with majority 2.
    let (report, _) = lint_json("stories", &["--stories", "corpus"]);
    assert_eq!(
        found(&report),
        [
            expect(
                "conflict",
                "killed-count",
                &format!("{news}/202/abc.md"),
                "warning",
                "Four",
                &[
                    &format!("{news}/202/local.md"),
                    &format!("{news}/101/wcyb.md"),
                    &format!("{news}/101/wjhl-update.md")
                ],
                Some("Two")
            ),
            expect(
                "conflict",
                "killed-count",
                &format!("{news}/202/local.md"),
                "warning",
                "Three",
                &[
                    &format!("{news}/101/wcyb.md"),
                    &format!("{news}/101/wjhl-update.md"),
                    &format!("{news}/202/abc.md")
                ],
                Some("Two")
            ),
        ]
    );
    // stories-unset reads the same articles with no `stories:` key: one story…
    let (report, _) = lint_json("stories-unset", &[]);
    assert!(
        found(&report)
            .iter()
            .all(|f| f.replacement.as_deref() == Some("Two")),
        "{report}"
    );
    // …unless `--stories folder` is given.
    let (by_folder, _) = lint_json("stories-unset", &["--stories", "folder"]);
    let (configured, _) = lint_json("stories", &[]);
    assert_eq!(found(&by_folder), found(&configured));
}

#[test]
fn paths_on_the_command_line_replace_the_sources_and_are_shown_as_given() {
    let (stdout, _, code) = run(&[
        "lint",
        "--config",
        &config("conflict"),
        "--format",
        "short",
        "./tests/fixtures/conflict/articles/c.md",
    ]);
    assert_eq!(code, 0, "c.md alone agrees with itself");
    assert_eq!(stdout, "");
    let (stdout, _, _) = run(&[
        "lint",
        "--config",
        &config("conflict"),
        "--format",
        "json",
        "tests/fixtures/conflict/articles/",
    ]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        found(&report)[0].path,
        "tests/fixtures/conflict/articles/c.md"
    );
}

#[test]
fn an_article_under_two_inputs_is_read_once() {
    let (alone, _, _) = run(&["lint", "--format", "json", "seeds"]);
    for args in [
        ["seeds", "seeds/001_fb6df0adf204e7b3.txt"],
        ["seeds/001_fb6df0adf204e7b3.txt", "seeds"],
    ] {
        let (twice, _, _) = run(&["lint", "--format", "json", args[0], args[1]]);
        assert_eq!(twice, alone, "{args:?}");
        let report: Value = serde_json::from_str(&twice).unwrap();
        assert_eq!(summary(&report)[0], 4, "{args:?}: four sources");
    }
}

#[test]
fn rule_restricts_the_run_to_those_rules() {
    let (stdout, _, _) = run(&["lint", "--format", "json", "--rule", "azure-primary"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let rules: BTreeSet<String> = found(&report).into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, BTreeSet::from(["azure-primary".to_owned()]));
    assert_eq!(summary(&report)[2], 1, "one rule ran");

    let (stdout, _, _) = run(&[
        "lint",
        "--format",
        "json",
        "--rule",
        "azure-primary",
        "--rule",
        "single-vendor-dependency",
    ]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let rules: BTreeSet<String> = found(&report).into_iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        BTreeSet::from([
            "azure-primary".to_owned(),
            "single-vendor-dependency".to_owned()
        ])
    );
    assert_eq!(summary(&report)[2], 2);

    let (stdout, stderr, code) = run(&["lint", "--rule", "no-such-rule"]);
    assert_eq!(code, 2, "an unknown --rule id is a usage error");
    assert_eq!(stdout, "", "nothing is linted");
    assert!(stderr.contains("no-such-rule"), "{stderr}");
}

#[test]
fn rules_on_the_command_line_replace_the_configs() {
    // The stories rule file says `killed-count` is a warning; the conflict fixture's says error.
    let (report, code) = lint_json(
        "conflict",
        &["--rules", "tests/fixtures/stories/rules.yaml"],
    );
    let found = found(&report);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (
            found[0].kind.as_str(),
            found[0].severity.as_str(),
            found[0].replacement.as_deref()
        ),
        ("conflict", "warning", Some("Three"))
    );
    assert_eq!(code, 0, "only a warning now");

    // Repeatable, and no rule of the config's file is kept.
    let (report, _) = lint_json(
        "conflict",
        &[
            "--rules",
            "tests/fixtures/contradiction/rules.yaml",
            "--rules",
            "tests/fixtures/missing/rules.yaml",
        ],
    );
    assert_eq!(summary(&report)[2], 2);
    assert_eq!(
        report["diagnostics"],
        Value::Array(vec![]),
        "neither rule applies to the conflict articles"
    );
}

// ---------------------------------------------------------------------------
// Output formats.

#[test]
fn human_output_of_every_fixture() {
    for fixture in FIXTURES {
        let (stdout, stderr, _) = run(&["lint", "--config", &config(fixture), "--color", "never"]);
        assert_eq!(stderr, "");
        assert!(
            !stdout.contains('\x1b'),
            "no escape codes with --color never"
        );
        insta::assert_snapshot!(format!("human_{fixture}"), stdout);
    }
}

#[test]
fn color_always_colours_and_never_does_not() {
    let (stdout, _, _) = run(&["lint", "--config", &config("conflict"), "--color", "always"]);
    assert!(
        stdout.contains("\x1b["),
        "--color always colours even into a pipe"
    );
    let (plain, _, _) = run(&["lint", "--config", &config("conflict"), "--color", "never"]);
    let stripped = strip_ansi(&stdout);
    assert_eq!(stripped, plain, "colour adds escape codes and nothing else");
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn short_output_is_one_exact_line_per_diagnostic() {
    let expected: [(&str, &[&str]); 7] = [
        ("conflict", &["tests/fixtures/conflict/articles/c.md:4:1: error[killed-count/conflict]: gives 4 where most outlets give 3"]),
        (
            "contradiction",
            &[
                "tests/fixtures/contradiction/articles/b.md:1:13: warning[suspect-arrested/contradiction]: denies this claim, which 1 outlet states",
                "tests/fixtures/contradiction/articles/c.md:1:5: warning[suspect-arrested/contradiction]: denies this claim, which 1 outlet states",
            ],
        ),
        (
            "missing",
            &[
                "tests/fixtures/missing/articles/three.txt:1:1: warning[azure-primary/contradiction]: denies this claim, which 1 outlet states",
                "tests/fixtures/missing/articles/two.txt:1:23: warning[azure-primary/missing]: mentions `Azure` but does not state this claim",
            ],
        ),
        (
            "overstated",
            &["tests/fixtures/overstated/articles/second.md:5:7: warning[exclusive-interview/overstated]: 2 outlets state this claim, at most 1 allowed"],
        ),
        (
            "stories",
            &[
                "tests/fixtures/stories/news/202/abc.md:4:1: warning[killed-count/conflict]: gives 4; the values given have no majority",
                "tests/fixtures/stories/news/202/local.md:5:1: warning[killed-count/conflict]: gives 3; the values given have no majority",
            ],
        ),
        (
            "uncorroborated",
            &["tests/fixtures/uncorroborated/articles/daily.md:7:17: warning[suspect-named/uncorroborated]: only 1 outlet states this claim, 2 needed"],
        ),
        ("unstated", &["tests/fixtures/unstated/rules.yaml:2:9: note[motive-stated/unstated]: no outlet states this claim, 1 needed"]),
    ];
    for (fixture, lines) in expected {
        let (stdout, stderr, _) = run(&["lint", "--config", &config(fixture), "--format", "short"]);
        assert_eq!(stderr, "");
        assert_eq!(stdout.lines().collect::<Vec<_>>(), lines, "{fixture}");
        assert!(stdout.ends_with('\n'));
        // The short line agrees with the JSON document.
        let (report, _) = lint_json(fixture, &[]);
        for (line, d) in stdout
            .lines()
            .zip(report["diagnostics"].as_array().unwrap())
        {
            let p = &d["primary"];
            let head = format!(
                "{}:{}:{}: {}[{}/{}]: ",
                p["path"].as_str().unwrap(),
                p["line"],
                p["column"],
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["kind"].as_str().unwrap()
            );
            assert!(line.starts_with(&head), "{line} vs {head}");
        }
    }
}

#[test]
fn json_output_has_the_documented_shape() {
    for fixture in FIXTURES {
        let (report, _) = lint_json(fixture, &[]);
        assert_report_shape(&report);
    }
    let (stdout, _, _) = run(&["lint", "--format", "json"]);
    let seeds: Value = serde_json::from_str(&stdout).expect("the seeds' report is JSON");
    assert_report_shape(&seeds);
    assert!(seeds["diagnostics"].as_array().unwrap().len() > 3);
}

#[test]
fn matrix_table_of_the_stories_fixture() {
    let (stdout, stderr, code) = run(&["matrix", "--config", &config("stories")]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    insta::assert_snapshot!("matrix_stories", stdout);
    let (stdout, _, _) = run(&["matrix", "--config", &config("missing")]);
    insta::assert_snapshot!("matrix_missing", stdout);
}

/// Outlets of each story of a fixture, from its articles' front matter or stems.
fn matrix_json(fixture: &str, extra: &[&str]) -> Value {
    let config = config(fixture);
    let mut args = vec!["matrix", "--config", &config, "--format", "json"];
    args.extend_from_slice(extra);
    let (stdout, stderr, code) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout)
        .unwrap_or_else(|error| panic!("invalid matrix JSON ({error}):\n{stdout}"))
}

fn assert_matrix_shape(matrix: &Value) {
    assert_eq!(
        keys(matrix),
        BTreeSet::from(["version", "outlets", "claims"])
    );
    assert_eq!(matrix["version"], 1);
    let outlets: Vec<&str> = matrix["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    let mut sorted = outlets.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(outlets, sorted, "outlets are listed once each, sorted");
    for row in matrix["claims"].as_array().unwrap() {
        assert_eq!(
            keys(row),
            BTreeSet::from(["rule", "claim", "story", "cells"]),
            "{row}"
        );
        for (outlet, cell) in row["cells"].as_object().unwrap() {
            assert!(
                outlets.contains(&outlet.as_str()),
                "{outlet} is in `outlets`"
            );
            // SPEC §6 keys, and `conflict: true` on a value in conflict (an extension).
            let mut cell_keys = keys(cell);
            if cell_keys.remove("conflict") {
                assert_eq!(cell["conflict"], true, "{cell}");
            }
            assert_eq!(
                cell_keys,
                BTreeSet::from(["state", "values", "spans"]),
                "{cell}"
            );
            let state = cell["state"].as_str().unwrap();
            assert!(
                ["states", "denies", "mentions", "silent"].contains(&state),
                "{state}"
            );
            let spans = cell["spans"].as_array().unwrap();
            assert_eq!(
                state == "silent",
                spans.is_empty(),
                "a cell is silent exactly when nothing is behind it: {cell}"
            );
            for span in spans {
                // SPEC §6 keys, `value` when the rule extracts, and the span's `kind` (an extension).
                let extra: &[&str] = if span.get("value").is_some() {
                    &["value", "kind"]
                } else {
                    &["kind"]
                };
                assert_span_shape(span, extra);
                assert!(
                    ["states", "denies", "mentions"].contains(&span["kind"].as_str().unwrap()),
                    "{span}"
                );
                common::assert_span_invariant(common::root(), span);
            }
            let order: Vec<(&str, u64)> = spans
                .iter()
                .map(|s| {
                    (
                        s["path"].as_str().unwrap(),
                        s["byte_start"].as_u64().unwrap(),
                    )
                })
                .collect();
            let mut sorted = order.clone();
            sorted.sort();
            assert_eq!(order, sorted, "spans in file order: {cell}");
            let values: BTreeSet<&str> = spans.iter().filter_map(|s| s["value"].as_str()).collect();
            let listed: BTreeSet<&str> = cell["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(
                listed, values,
                "the cell's values are those of its spans: {cell}"
            );
        }
    }
}

#[test]
fn matrix_json_has_every_outlet_of_each_story_in_its_cells() {
    let matrix = matrix_json("stories", &[]);
    assert_matrix_shape(&matrix);
    assert_eq!(
        matrix["outlets"],
        serde_json::json!(["abcnews.go.com", "local8now.com", "wcyb.com", "wjhl.com"])
    );
    let rows = matrix["claims"].as_array().unwrap();
    let stories: Vec<(&str, Vec<&String>)> = rows
        .iter()
        .map(|row| {
            (
                row["story"].as_str().unwrap(),
                row["cells"].as_object().unwrap().keys().collect(),
            )
        })
        .collect();
    assert_eq!(stories.len(), 2, "one row per rule and story");
    assert_eq!(stories[0].0, "news/101");
    assert_eq!(stories[0].1, ["wcyb.com", "wjhl.com"]);
    assert_eq!(stories[1].0, "news/202");
    assert_eq!(stories[1].1, ["abcnews.go.com", "local8now.com"]);
    let wjhl = &rows[0]["cells"]["wjhl.com"];
    assert_eq!(wjhl["state"], "states");
    assert_eq!(
        wjhl["values"],
        serde_json::json!(["2"]),
        "the outlet's two articles give one value"
    );
    assert_eq!(
        wjhl["spans"].as_array().unwrap().len(),
        2,
        "both articles are behind the cell"
    );
    let conflicts: Vec<bool> = rows
        .iter()
        .flat_map(|row| {
            row["cells"]
                .as_object()
                .unwrap()
                .values()
                .map(|cell| cell["conflict"] == true)
        })
        .collect();
    assert_eq!(
        conflicts,
        [false, false, true, true],
        "the tie of story 202 is a conflict of both cells"
    );

    // A silent outlet still has its cell.
    let matrix = matrix_json("missing", &[]);
    assert_matrix_shape(&matrix);
    let cells = &matrix["claims"][0]["cells"];
    assert_eq!(keys(cells), BTreeSet::from(["four", "one", "three", "two"]));
    let states: Vec<&str> = ["one", "two", "three", "four"]
        .iter()
        .map(|o| cells[o]["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["states", "mentions", "denies", "silent"]);

    for fixture in FIXTURES {
        assert_matrix_shape(&matrix_json(fixture, &[]));
    }
    let (stdout, _, _) = run(&["matrix", "--format", "json"]);
    assert_matrix_shape(&serde_json::from_str(&stdout).unwrap());
}

// ---------------------------------------------------------------------------
// Exit codes.

fn exit_code(args: &[&str]) -> i32 {
    run(args).2
}

#[test]
fn exit_status_follows_fail_on() {
    let conflict = config("conflict");
    let contradiction = config("contradiction");
    let unstated = config("unstated");
    // Warnings only, fail_on error (the default): success.
    assert_eq!(exit_code(&["lint", "--config", &contradiction]), 0);
    // An error diagnostic under fail_on error.
    assert_eq!(exit_code(&["lint", "--config", &conflict]), 1);
    // --fail-on warning on a warning-only fixture.
    assert_eq!(
        exit_code(&["lint", "--config", &contradiction, "--fail-on", "warning"]),
        1
    );
    // --fail-on note catches a note; the default does not.
    assert_eq!(exit_code(&["lint", "--config", &unstated]), 0);
    assert_eq!(
        exit_code(&["lint", "--config", &unstated, "--fail-on", "note"]),
        1
    );
    assert_eq!(
        exit_code(&["lint", "--config", &unstated, "--fail-on", "warning"]),
        0
    );
    // --fail-on never: even an error passes.
    assert_eq!(
        exit_code(&["lint", "--config", &conflict, "--fail-on", "never"]),
        0
    );
    // The exit status does not depend on the format.
    for format in ["human", "short", "json"] {
        assert_eq!(
            exit_code(&["lint", "--config", &conflict, "--format", format]),
            1,
            "{format}"
        );
    }
}

#[test]
fn config_fail_on_is_used_and_the_flag_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = common::root().join("tests/fixtures/contradiction");
    let text = format!(
        "sources: ['{}']\nrules: ['{}']\nfail_on: warning\n",
        fixture.join("articles").display(),
        fixture.join("rules.yaml").display()
    );
    std::fs::write(dir.path().join("crosscheck.yaml"), text).unwrap();
    let config = dir.path().join("crosscheck.yaml");
    let config = config.to_str().unwrap();
    assert_eq!(
        exit_code(&["lint", "--config", config]),
        1,
        "fail_on: warning in the config"
    );
    assert_eq!(
        exit_code(&["lint", "--config", config, "--fail-on", "error"]),
        0,
        "the flag wins"
    );
}

#[test]
fn usage_errors_exit_2_without_output() {
    let conflict = config("conflict");
    for args in [
        vec!["lint", "--config", &conflict, "--format", "xml"],
        vec!["lint", "--config", &conflict, "--fail-on", "sometimes"],
        vec!["lint", "--config", &conflict, "--stories", "chapter"],
        vec!["lint", "--no-such-flag"],
        vec!["no-such-command"],
        vec![],
        vec!["lint", "--config", "tests/fixtures/no-such-config.yaml"],
        vec![
            "lint",
            "--config",
            &conflict,
            "--rules",
            "tests/fixtures/no-such-rules.yaml",
        ],
        vec!["lint", "--config", &conflict, "--rule", "no-such-rule"],
    ] {
        let (stdout, stderr, code) = run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?}: nothing is linted");
        assert!(!stderr.is_empty(), "{args:?} says why");
    }
}

#[test]
fn an_unreadable_path_exits_2_and_the_rest_is_still_linted() {
    let (stdout, _, code) = run(&[
        "lint",
        "--config",
        &config("conflict"),
        "--format",
        "short",
        "tests/fixtures/conflict/articles",
        "tests/fixtures/conflict/no-such-article.md",
    ]);
    assert_eq!(code, 2);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0]
            .starts_with("tests/fixtures/conflict/articles/c.md:4:1: error[killed-count/conflict]"),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with(
            "tests/fixtures/conflict/no-such-article.md:1:1: error[crosscheck/unreadable]"
        ),
        "{stdout}"
    );
}

// ---------------------------------------------------------------------------
// --output, --quiet, determinism.

#[test]
fn output_file_holds_the_same_bytes_as_stdout_and_no_temporary_file_is_left() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [
        ("json", "report.json"),
        ("human", "report.txt"),
        ("short", "report.short"),
    ] {
        let target = dir.path().join(name);
        // An existing file is replaced.
        std::fs::write(
            &target,
            "stale contents that are longer than nothing at all",
        )
        .unwrap();
        let config = config("conflict");
        let (expected, _, expected_code) = run(&["lint", "--config", &config, "--format", format]);
        let (stdout, stderr, code) = run(&[
            "lint",
            "--config",
            &config,
            "--format",
            format,
            "--output",
            target.to_str().unwrap(),
        ]);
        assert_eq!(
            (stdout.as_str(), stderr.as_str()),
            ("", ""),
            "{format}: nothing on stdout or stderr"
        );
        assert_eq!(
            code, expected_code,
            "{format}: --output keeps the exit status"
        );
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            expected,
            "{format}"
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["report.json", "report.short", "report.txt"],
        "no temporary file is left behind"
    );

    // The matrix too.
    let target = dir.path().join("matrix.json");
    let (expected, _, _) = run(&["matrix", "--config", &config("stories"), "--format", "json"]);
    let (stdout, _, code) = run(&[
        "matrix",
        "--config",
        &config("stories"),
        "--format",
        "json",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!((stdout.as_str(), code), ("", 0));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), expected);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
}

#[test]
fn output_into_a_missing_folder_fails_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no/such/folder/report.json");
    let (stdout, stderr, code) = run(&[
        "lint",
        "--config",
        &config("conflict"),
        "--format",
        "json",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(!stderr.is_empty());
    assert!(!target.exists());
}

#[test]
fn quiet_drops_the_summary_only() {
    for fixture in FIXTURES {
        let (full, _, full_code) = run(&["lint", "--config", &config(fixture), "--color", "never"]);
        let (quiet, _, quiet_code) = run(&[
            "lint",
            "--config",
            &config(fixture),
            "--color",
            "never",
            "--quiet",
        ]);
        assert_eq!(full_code, quiet_code);
        let summary = full.lines().last().unwrap();
        assert!(
            summary.contains(" articles from ") || summary.contains(" article from "),
            "{fixture}: the last line is the summary: {summary}"
        );
        assert!(
            !quiet.contains(summary),
            "{fixture}: --quiet leaves out the summary"
        );
        assert_eq!(
            format!("{quiet}{summary}\n"),
            full,
            "{fixture}: and nothing else"
        );
        let (short_quiet, _, _) = run(&[
            "lint",
            "--config",
            &config(fixture),
            "--format",
            "short",
            "-q",
        ]);
        let (short, _, _) = run(&["lint", "--config", &config(fixture), "--format", "short"]);
        assert_eq!(short_quiet, short);
    }
    // No findings: nothing at all.
    let (quiet, _, code) = run(&[
        "lint",
        "--config",
        &config("conflict"),
        "--quiet",
        "tests/fixtures/conflict/articles/a.md",
    ]);
    assert_eq!((quiet.as_str(), code), ("", 0));
}

#[test]
fn same_input_gives_byte_identical_output() {
    let runs: [&[&str]; 4] = [
        &["lint", "--format", "json"],
        &["lint", "--color", "never"],
        &[
            "lint",
            "--config",
            "tests/fixtures/stories/crosscheck.yaml",
            "--format",
            "json",
            "--stories",
            "corpus",
        ],
        &["matrix", "--format", "json"],
    ];
    for args in runs {
        let first = crosscheck().args(args).output().unwrap();
        let second = crosscheck().args(args).output().unwrap();
        assert_eq!(first.stdout, second.stdout, "{args:?}: two runs");
        let one = crosscheck()
            .args(args)
            .env("RAYON_NUM_THREADS", "1")
            .output()
            .unwrap();
        let two = crosscheck()
            .args(args)
            .env("RAYON_NUM_THREADS", "2")
            .output()
            .unwrap();
        let many = crosscheck()
            .args(args)
            .env("RAYON_NUM_THREADS", "8")
            .output()
            .unwrap();
        assert_eq!(one.stdout, first.stdout, "{args:?}: one thread");
        assert_eq!(two.stdout, first.stdout, "{args:?}: two threads");
        assert_eq!(many.stdout, first.stdout, "{args:?}: eight threads");
        assert_eq!(first.status.code(), one.status.code());
    }
}

#[test]
fn explain_prints_a_kinds_explanation() {
    let (stdout, stderr, code) = run(&["explain", "conflict"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        stdout.starts_with("# conflict\n\n`agree: true`: "),
        "{stdout}"
    );
    for section in [
        "**What it means.**",
        "**Why it matters.**",
        "**How to fix or accept it.**",
        "crosscheck-disable-next-line",
        "--baseline",
    ] {
        assert!(stdout.contains(section), "no {section} in:\n{stdout}");
    }
    // The code a diagnostic prints, `RULE/KIND`, explains its kind.
    assert_eq!(
        run(&["explain", "death-toll/conflict"]),
        (stdout, String::new(), 0)
    );
}

#[test]
fn explain_without_a_kind_lists_every_kind() {
    let (stdout, _, code) = run(&["explain"]);
    assert_eq!(code, 0);
    let kinds = [
        "uncorroborated",
        "unstated",
        "overstated",
        "conflict",
        "missing",
        "contradiction",
        "unreadable",
        "invalid-suppression",
        "test-failure",
    ];
    let listed: Vec<&str> = stdout
        .lines()
        .take_while(|line| !line.is_empty())
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(listed, kinds);
    assert!(
        stdout.contains("invalid-suppression  crosscheck's input: a suppression comment"),
        "{stdout}"
    );
    assert!(stdout.ends_with("`crosscheck explain KIND` tells what a kind means, why it matters and how to fix or accept it.\n"), "{stdout}");
}

#[test]
fn explain_an_unknown_kind_names_the_kinds_and_exits_2() {
    let (stdout, stderr, code) = run(&["explain", "conflicts"]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert_eq!(
        stderr,
        "error: no diagnostic kind is called `conflicts`; the kinds are uncorroborated, unstated, overstated, conflict, missing, contradiction, unreadable, invalid-suppression, test-failure\n"
    );
}
