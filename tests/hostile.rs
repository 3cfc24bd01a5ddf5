//! Hostile input: rule files and corpora built to crash, hang or exhaust
//! crosscheck. Each must end quickly, in bounded memory, with a clear error
//! that names the file and the place, and lose no other article.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crosscheck_engine::statements::{Reader, Strategy};
use crosscheck_engine::{corpus, run};
use crosscheck_render as render;
use tempfile::TempDir;

/// Address space allowed to a run (`ulimit -v`), in KiB: a run that needs
/// more is killed and its test fails.
const MEMORY_KIB: u64 = 1024 * 1024;

/// A corpus folder holding one ordinary article and a rule that it states.
fn corpus() -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write(
        dir.path(),
        "articles/ok.txt",
        "Azure is the primary cloud.\n",
    );
    write(dir.path(), "rules.yaml", "rules:\n  - id: azure-primary\n    claim: Azure is the primary cloud\n    pattern: 'primary cloud'\n");
    dir
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
    std::fs::write(path, contents).expect("written");
}

/// Runs `crosscheck ARGS` in `dir` under the memory limit; fails the test
/// past `seconds` (and `timeout` ends a run that would hang).
fn run(dir: &Path, args: &[&str], seconds: u64) -> Output {
    let binary = assert_cmd::cargo::cargo_bin("crosscheck");
    let started = Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_KIB} && exec timeout {seconds} \"$0\" \"$@\""
        ))
        .arg(binary)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("it runs");
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(seconds),
        "{args:?} took {elapsed:?}"
    );
    assert!(
        output.status.code().is_some(),
        "{args:?} was killed: {:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Lints `articles/` with the rule file `name`, expecting exit 2 and no lint.
fn refused_rules(name: &str, contents: impl AsRef<[u8]>) -> String {
    let dir = corpus();
    write(dir.path(), name, contents);
    let output = run(dir.path(), &["lint", "articles", "--rules", name], 20);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("nothing was linted"), "{text}");
    text
}

#[test]
fn a_regex_over_the_size_limit_is_an_error_at_the_pattern() {
    let text = refused_rules("big.yaml", "rules:\n  - id: big\n    claim: c\n    match:\n      any: ['\\w{1000}\\w{1000}\\w{1000}']\n");
    assert!(text.contains("invalid regular expression"), "{text}");
    assert!(text.contains("big.yaml:5:13"), "{text}");
    assert!(text.contains("larger than"), "{text}");
}

#[test]
fn ten_thousand_rules_are_an_error_at_the_first_past_the_limit() {
    let rules: String = std::iter::once("rules:\n".to_owned())
        .chain((0..10_000).map(|i| format!("  - id: rule-{i}\n    claim: claim {i}\n    match: {{ all: ['\\bword{i}\\b'], any: [primary, cloud] }}\n")))
        .collect();
    let text = refused_rules("many.yaml", rules);
    assert!(
        text.contains("too many rules: a run reads at most 1000"),
        "{text}"
    );
    // The 1001st rule's id, on line 2 + 3 * 1000.
    assert!(text.contains("many.yaml:3002:9"), "{text}");
}

#[test]
fn deeply_nested_yaml_is_an_error_at_its_place() {
    let text = refused_rules(
        "deep.yaml",
        format!("rules: {}{}\n", "[".repeat(200_000), "]".repeat(200_000)),
    );
    assert!(
        text.contains("invalid rule file: nested more than 64 levels deep"),
        "{text}"
    );
    assert!(text.contains("deep.yaml:1:"), "{text}");
}

#[test]
fn an_alias_bomb_is_an_error_at_the_alias() {
    let mut bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n".to_owned();
    for level in 1..10 {
        bomb.push_str(&format!(
            "a{level}: &a{level} [{}]\n",
            vec![format!("*a{}", level - 1); 9].join(", ")
        ));
    }
    bomb.push_str("rules: *a9\n");
    let text = refused_rules("bomb.yaml", bomb);
    assert!(
        text.contains("aliases expand to more than 1000000 nodes"),
        "{text}"
    );
    assert!(text.contains("bomb.yaml:"), "{text}");
}

#[test]
fn a_rule_file_that_is_not_utf8_names_its_likely_encoding() {
    let text = refused_rules(
        "latin1.yaml",
        b"rules:\n  - id: r\n    claim: caf\xe9 \x93quoted\x94\n    pattern: x\n",
    );
    assert!(text.contains("latin1.yaml"), "{text}");
    assert!(
        text.contains("not valid UTF-8 at byte 31 (line 3); it looks like Windows-1252"),
        "{text}"
    );
}

#[test]
fn a_huge_rule_file_is_refused_before_it_is_read() {
    let text = refused_rules(
        "huge.yaml",
        format!("rules: []\n# {}\n", "x".repeat(5 * 1024 * 1024)),
    );
    assert!(text.contains("huge.yaml"), "{text}");
    assert!(text.contains("larger than 4 MiB"), "{text}");
}

#[test]
fn a_hostile_configuration_is_an_error_at_its_place() {
    let dir = corpus();
    write(
        dir.path(),
        "crosscheck.yaml",
        format!("sources: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let output = run(dir.path(), &["lint"], 20);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("invalid configuration: nested more than 64 levels deep"),
        "{text}"
    );
    assert!(text.contains("crosscheck.yaml:1:"), "{text}");
}

#[test]
fn hostile_front_matter_is_an_error_for_its_article_only() {
    let dir = corpus();
    write(
        dir.path(),
        "articles/deep.md",
        format!(
            "---\noutlet: x\nz: {}{}\n---\nAzure is the primary cloud.\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    let output = run(
        dir.path(),
        &[
            "lint",
            "articles",
            "--rules",
            "rules.yaml",
            "--format",
            "short",
        ],
        20,
    );
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("articles/deep.md:3:"), "{text}");
    assert!(text.contains("error[crosscheck/unreadable]"), "{text}");
    assert!(text.contains("nested more than 64 levels deep"), "{text}");
}

/// The articles a run read, from its JSON summary.
fn sources(output: &Output) -> u64 {
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    json["summary"]["sources"].as_u64().expect("a count")
}

fn unreadable(output: &Output) -> Vec<(String, String)> {
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["kind"] == "unreadable")
        .map(|d| {
            (
                d["primary"]["path"].as_str().unwrap_or_default().to_owned(),
                d["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn lint_json(dir: &Path, seconds: u64) -> Output {
    run(
        dir,
        &[
            "lint",
            "articles",
            "--rules",
            "rules.yaml",
            "--format",
            "json",
        ],
        seconds,
    )
}

#[test]
fn a_symlink_loop_is_reported_and_the_rest_is_linted() {
    let dir = corpus();
    std::os::unix::fs::symlink(".", dir.path().join("articles/loop")).expect("a symlink");
    std::os::unix::fs::symlink("self", dir.path().join("articles/self"))
        .expect("a symlink to itself");
    let output = lint_json(dir.path(), 20);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(sources(&output), 1);
    let problems = unreadable(&output);
    assert!(
        problems
            .iter()
            .any(|(path, message)| path == "articles/loop"
                && message.starts_with("symbolic link loop")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(path, message)| path == "articles/self" && message.contains("cannot read")),
        "{problems:?}"
    );
}

#[test]
fn nul_bytes_and_windows_1252_are_named_and_the_rest_is_linted() {
    let dir = corpus();
    write(
        dir.path(),
        "articles/binary.txt",
        b"Azure is\0the primary cloud.\n",
    );
    write(
        dir.path(),
        "articles/wire.txt",
        b"Azure is the \x93primary\x94 cloud, caf\xe9 owners said.\n",
    );
    let output = lint_json(dir.path(), 20);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(sources(&output), 1);
    let problems = unreadable(&output);
    assert!(
        problems.contains(&(
            "articles/binary.txt".into(),
            "binary file (NUL byte at byte 8)".into()
        )),
        "{problems:?}"
    );
    assert!(
        problems.contains(&(
            "articles/wire.txt".into(),
            "not valid UTF-8 at byte 13 (line 1); it looks like Windows-1252: convert it to UTF-8"
                .into()
        )),
        "{problems:?}"
    );
}

#[test]
fn a_hundred_thousand_tiny_files() {
    let dir = corpus();
    for folder in 0..100 {
        let folder_path = dir.path().join(format!("articles/f{folder:03}"));
        std::fs::create_dir_all(&folder_path).expect("a folder");
        for file in 0..1000 {
            std::fs::write(
                folder_path.join(format!("{file:04}.txt")),
                "Azure is the primary cloud.",
            )
            .expect("written");
        }
    }
    let output = lint_json(dir.path(), 120);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(sources(&output), 100_001);
}

const LINE: &str = "Azure is the primary cloud and the deal runs through 2032, officials said ";

#[test]
fn a_200_mb_one_line_file_is_refused_and_the_rest_is_linted() {
    let dir = corpus();
    write(
        dir.path(),
        "articles/huge.txt",
        LINE.repeat(200 * 1024 * 1024 / LINE.len()),
    );
    let output = lint_json(dir.path(), 20);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(sources(&output), 1);
    let problems = unreadable(&output);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].1.starts_with("larger than 64 MiB"),
        "{problems:?}"
    );
}

/// A one-line article just under the size limit with a mention every few
/// words: hundreds of thousands of spans, each resolved to a column far
/// into one line.
#[test]
fn a_16_mb_one_line_file_is_read_in_bounded_time_and_memory() {
    let dir = corpus();
    write(
        dir.path(),
        "articles/huge.txt",
        LINE.repeat(15 * 1024 * 1024 / LINE.len()),
    );
    let rules = "rules:\n  - id: azure\n    claim: Azure is the primary cloud\n    pattern: 'primary cloud'\n    expect: { when_mentioned: '\\bAzure\\b' }\n";
    write(dir.path(), "rules.yaml", rules);
    let output = run(
        dir.path(),
        &[
            "matrix",
            "articles",
            "--rules",
            "rules.yaml",
            "--format",
            "json",
        ],
        120,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let matrix: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let spans = matrix["claims"][0]["cells"]["huge"]["spans"]
        .as_array()
        .expect("spans")
        .len();
    assert_eq!(
        spans,
        1 + 15 * 1024 * 1024 / LINE.len(),
        "one statement and a mention per line"
    );
}

const SENTENCE: &str = "Azure is the primary cloud. ";

/// Lints a one-line article of 5 MiB of short sentences, each its own
/// diagnostic, in `format`. The output holds `each` once per sentence and
/// `last(column)` for the last one; returns it and the number of sentences.
fn one_line_of_many_diagnostics(
    format: &str,
    each: &str,
    last: impl Fn(usize) -> String,
) -> (String, usize) {
    let dir = corpus();
    let count = 5 * 1024 * 1024 / SENTENCE.len();
    write(dir.path(), "articles/huge.txt", SENTENCE.repeat(count));
    let rules = "rules:\n  - id: r\n    claim: c\n    pattern: 'primary cloud'\n    expect: { min_sources: 3 }\n";
    write(dir.path(), "rules.yaml", rules);
    let output = run(
        dir.path(),
        &[
            "lint",
            "articles/huge.txt",
            "--rules",
            "rules.yaml",
            "--format",
            format,
        ],
        60,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let shown = stdout(&output);
    assert_eq!(shown.matches(each).count(), count);
    let last = last((count - 1) * SENTENCE.len() + 14);
    assert!(shown.contains(&last), "the last diagnostic at {last}");
    (shown, count)
}

/// The human format quotes the same huge line 190,000 times, and must read
/// and index it once, not once per diagnostic (that took minutes).
#[test]
fn a_one_line_file_with_190_000_diagnostics_renders_in_human_format() {
    let (shown, count) =
        one_line_of_many_diagnostics("human", "warning[r/uncorroborated]", |column| {
            format!("articles/huge.txt:1:{column}\n")
        });
    assert!(
        shown.ends_with(&format!(
            "0 errors, {count} warnings, 0 notes in 1 article from 1 outlet (1 rule)\n"
        )),
        "{}",
        &shown[shown.len() - 200..]
    );
}

/// SARIF writes its 190,000 results one at a time (a JSON value of all of
/// them at once needed several GiB).
#[test]
fn a_one_line_file_with_190_000_diagnostics_renders_in_sarif() {
    let (sarif, _) = one_line_of_many_diagnostics("sarif", "\"ruleId\": \"r\"", |column| {
        format!("\"startColumn\": {column},")
    });
    assert!(sarif.ends_with("}\n"));
}

#[test]
fn very_deep_folders() {
    let dir = corpus();
    // 150 levels: a long path that still works, whose article is linted.
    let deep: String = (0..150).map(|_| "d/").collect();
    write(
        dir.path(),
        &format!("articles/{deep}deep.txt"),
        "Azure is the primary cloud.\n",
    );
    let output = lint_json(dir.path(), 20);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(sources(&output), 2);
    // 2200 levels: past PATH_MAX, made one step at a time; an error names
    // where the walk could not go on, and the rest is linted.
    let made = Command::new("sh")
        .arg("-c")
        .arg("for i in $(seq 2200); do mkdir e && cd -P e || exit 1; done && echo 'Azure is the primary cloud.' > lost.txt")
        .current_dir(dir.path().join("articles"))
        .status()
        .expect("sh");
    assert!(made.success());
    let output = lint_json(dir.path(), 60);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(sources(&output), 2);
    let problems = unreadable(&output);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].1.contains("name too long"), "{problems:?}");
}

/// The library's own run, as the command line makes it, over `dir`.
fn setup(dir: &Path, rules: &str) -> run::Setup {
    write(dir, "rules.yaml", rules);
    let options = run::Options {
        cwd: dir.to_path_buf(),
        rules: vec!["rules.yaml".into()],
        paths: vec![dir.join("articles").to_string_lossy().into_owned()],
        ..run::Options::default()
    };
    run::Setup::load(&options).expect("the rules load")
}

#[test]
fn a_file_that_vanishes_after_discovery_is_reported_and_the_rest_is_linted() {
    let dir = corpus();
    write(
        dir.path(),
        "articles/gone.txt",
        "Azure is the primary cloud.\n",
    );
    let setup = setup(
        dir.path(),
        "rules:\n  - id: r\n    claim: c\n    pattern: primary\n",
    );
    let (files, problems) = corpus::discover(&setup.inputs, &setup.config);
    assert_eq!((files.len(), problems.len()), (2, 0));
    std::fs::remove_file(dir.path().join("articles/gone.txt")).expect("removed");
    let (records, problems) = corpus::read_all(
        &files,
        &setup.config,
        &Reader::new(&setup.rules, setup.config.date_order, Strategy::default()),
        None,
    );
    assert_eq!(records.len(), 1);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].primary.path.ends_with("articles/gone.txt"),
        "{:?}",
        problems[0]
    );
    assert!(
        problems[0].message.starts_with("cannot read: "),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_file_that_changes_after_it_is_read_is_shown_without_a_stale_snippet() {
    let dir = corpus();
    let setup = setup(dir.path(), "rules:\n  - id: r\n    claim: c\n    pattern: primary cloud\n    expect: { min_sources: 2 }\n");
    let outcome = run::lint(&setup, Strategy::default());
    assert_eq!(outcome.diagnostics.len(), 1);
    let report = render::Report {
        outcome: &outcome,
        diagnostics: &outcome.diagnostics,
        rules: &setup.rules,
        color: false,
        quiet: false,
        context: &render::Context {
            root: dir.path().to_path_buf(),
            blob_base: None,
        },
    };
    for changed in [
        "",
        "é".repeat(40).as_str(),
        "Azure is the secondary cloud, now.\n",
    ] {
        write(dir.path(), "articles/ok.txt", changed);
        let mut shown = Vec::new();
        render::Format::Human
            .renderer()
            .render(&report, &mut shown)
            .expect("rendered");
        let shown = String::from_utf8(shown).expect("UTF-8");
        assert!(
            shown.contains("articles/ok.txt:1:14: states: c `primary cloud`"),
            "{shown}"
        );
    }
}
