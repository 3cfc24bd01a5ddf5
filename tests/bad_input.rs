//! Bad input (SPEC §2, §3, §4): articles that are not UTF-8, binary, empty,
//! with a BOM or CRLF, huge, behind a symlink loop or with broken front
//! matter; rule files and configs that are invalid. Each case builds its own
//! corpus in a temporary folder.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{assert_report_spans, assert_span_invariant, crosscheck};
use serde_json::Value;

/// The rule every corpus here is linted with: Azure is the primary cloud,
/// and whoever mentions Azure must say so.
const RULES: &str = "\
rules:
  - id: azure-primary
    claim: Azure remains the primary cloud
    match: { all: ['\\bAzure\\b'], any: ['\\bprimary\\b'] }
    expect: { when_mentioned: '\\bAzure\\b' }
";

/// A corpus in a temporary folder: `crosscheck.yaml`, `rules.yaml` and
/// `articles/`, with two good articles (one states, one only mentions).
struct Corpus {
    dir: tempfile::TempDir,
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|error| {
            panic!(
                "invalid JSON ({error}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl Corpus {
    fn new() -> Corpus {
        let corpus = Corpus::empty();
        corpus.write(
            "crosscheck.yaml",
            "sources: [articles]\nrules: [rules.yaml]\n",
        );
        corpus.write("rules.yaml", RULES);
        corpus.write(
            "articles/good.txt",
            "Azure remains the primary cloud for the company.\n",
        );
        corpus.write(
            "articles/other.txt",
            "The company also uses Azure for storage.\n",
        );
        corpus
    }

    fn empty() -> Corpus {
        Corpus {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    fn run(&self, args: &[&str]) -> Run {
        let output = crosscheck()
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .expect("crosscheck runs");
        Run {
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            code: output
                .status
                .code()
                .expect("crosscheck exits, not killed by a signal"),
        }
    }

    fn lint(&self, format: &str) -> Run {
        self.run(&["lint", "--format", format, "--color", "never"])
    }
}

/// The diagnostics of a JSON report as `(path, kind)`.
fn kinds(report: &Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["primary"]["path"].as_str().unwrap().to_owned(),
                d["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(path: &str, kind: &str) -> (String, String) {
    (path.to_owned(), kind.to_owned())
}

/// The one `unreadable` diagnostic of `path` in a report.
fn unreadable<'a>(report: &'a Value, path: &str) -> &'a Value {
    let found: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["primary"]["path"] == path)
        .collect();
    assert_eq!(found.len(), 1, "one diagnostic for {path}: {report}");
    let d = found[0];
    assert_eq!(
        (
            d["kind"].as_str(),
            d["severity"].as_str(),
            d["rule"].as_str()
        ),
        (Some("unreadable"), Some("error"), Some("crosscheck")),
        "{d}"
    );
    d
}

// ---------------------------------------------------------------------------
// Articles that cannot be read.

#[test]
fn windows_1252_is_named_and_the_rest_is_linted() {
    let corpus = Corpus::new();
    corpus.write(
        "articles/latin.txt",
        b"Azure is the primary cloud, said the caf\xe9 owner, \x93really\x94.\n",
    );
    let run = corpus.lint("json");
    assert_eq!(run.code, 2, "an unreadable article exits 2");
    let report = run.json();
    assert_eq!(
        kinds(&report),
        [
            pair("articles/latin.txt", "unreadable"),
            pair("articles/other.txt", "missing")
        ],
        "the other articles are still judged"
    );
    let d = unreadable(&report, "articles/latin.txt");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("Windows-1252"), "{message}");
    assert!(message.contains("UTF-8"), "{message}");
    assert_eq!(
        (&d["primary"]["line"], &d["primary"]["byte_start"]),
        (&Value::from(1), &Value::from(40)),
        "points at the first bad byte"
    );
    assert_report_spans(corpus.dir.path(), &report);
    assert_eq!(
        report["summary"]["sources"], 2,
        "the unreadable article is not a source"
    );

    let human = corpus.lint("human");
    assert_eq!(human.code, 2);
    let line = human
        .stdout
        .lines()
        .find(|line| line.contains("Windows-1252"))
        .unwrap_or_else(|| panic!("{}", human.stdout));
    assert!(
        line.contains("articles/latin.txt"),
        "the message names the file: {line}"
    );
    assert!(
        human.stdout.contains("articles/other.txt"),
        "the other diagnostics are printed too"
    );
}

#[test]
fn a_binary_file_is_named_and_the_rest_is_linted() {
    let corpus = Corpus::new();
    corpus.write("articles/image.md", b"Azure\0primary\x01\x02");
    let run = corpus.lint("json");
    assert_eq!(run.code, 2);
    let report = run.json();
    assert_eq!(
        kinds(&report),
        [
            pair("articles/image.md", "unreadable"),
            pair("articles/other.txt", "missing")
        ]
    );
    let message = unreadable(&report, "articles/image.md")["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("binary"), "{message}");
    let short = corpus.lint("short");
    assert!(
        short
            .stdout
            .lines()
            .any(|line| line.starts_with("articles/image.md:") && line.contains("binary")),
        "{}",
        short.stdout
    );
}

#[test]
fn a_binary_file_is_not_echoed_to_the_terminal() {
    let corpus = Corpus::new();
    corpus.write("articles/image.md", b"Azure\0primary\x01\x02\n");
    let run = corpus.lint("human");
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("articles/image.md"), "{}", run.stdout);
    assert!(
        !run.stdout.contains(['\0', '\x01', '\x02']),
        "the human report quotes the binary file's control bytes:\n{:?}",
        run.stdout
    );
}

#[test]
fn utf16_is_named() {
    let corpus = Corpus::new();
    let utf16: Vec<u8> = "\u{FEFF}Azure is the primary cloud."
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    corpus.write("articles/wide.txt", utf16);
    let run = corpus.lint("json");
    assert_eq!(run.code, 2);
    let report = run.json();
    assert!(unreadable(&report, "articles/wide.txt")["message"]
        .as_str()
        .unwrap()
        .contains("UTF-16"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_article_exits_2_and_the_others_are_still_reported() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = Corpus::new();
    std::os::unix::fs::symlink("nowhere.md", corpus.path("articles/dangling.md")).unwrap();
    corpus.write("articles/locked.md", "Azure is the primary cloud.\n");
    let locked = corpus.path("articles/locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked_is_unreadable = std::fs::read(&locked).is_err(); // not so for root
    let run = corpus.lint("json");
    assert_eq!(run.code, 2, "{}", run.stderr);
    let report = run.json();
    let mut expected = vec![pair("articles/dangling.md", "unreadable")];
    if locked_is_unreadable {
        expected.push(pair("articles/locked.md", "unreadable"));
    } else {
        eprintln!(
            "running as root: articles/locked.md is readable, only the dangling link is checked"
        );
    }
    expected.push(pair("articles/other.txt", "missing"));
    assert_eq!(kinds(&report), expected);
    assert!(unreadable(&report, "articles/dangling.md")["message"]
        .as_str()
        .unwrap()
        .contains("cannot read"));
    // Every format still prints the other diagnostics.
    let short = corpus.lint("short");
    assert_eq!(short.code, 2);
    assert!(short.stdout.lines().any(|line| line.starts_with("articles/other.txt:1:23: warning[azure-primary/missing]")), "{}", short.stdout);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_the_rest_is_linted() {
    let corpus = Corpus::new();
    std::fs::create_dir_all(corpus.path("articles/sub")).unwrap();
    std::os::unix::fs::symlink("..", corpus.path("articles/sub/loop")).unwrap();
    corpus.write(
        "articles/sub/nested.txt",
        "Azure is still the primary cloud.\n",
    );
    let run = corpus.lint("json");
    assert_eq!(run.code, 2);
    let report = run.json();
    assert_eq!(
        kinds(&report),
        [
            pair("articles/other.txt", "missing"),
            pair("articles/sub/loop", "unreadable")
        ]
    );
    let message = unreadable(&report, "articles/sub/loop")["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("loop"), "{message}");
    assert_eq!(
        report["summary"]["sources"], 3,
        "good, other and sub/nested are read once each"
    );
}

#[test]
fn unclosed_front_matter_names_the_file_and_line() {
    let corpus = Corpus::new();
    corpus.write(
        "articles/open.md",
        "---\noutlet: Open Post\ntitle: Never closed\n\nAzure is the primary cloud.\n",
    );
    let run = corpus.lint("json");
    assert_eq!(run.code, 2);
    let report = run.json();
    assert_eq!(
        kinds(&report),
        [
            pair("articles/open.md", "unreadable"),
            pair("articles/other.txt", "missing")
        ]
    );
    let d = unreadable(&report, "articles/open.md");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("front matter") && message.contains("line 1"),
        "{message}"
    );
    assert_eq!(d["primary"]["line"], 1);
    let short = corpus.lint("short");
    assert!(
        short
            .stdout
            .contains("articles/open.md:1:1: error[crosscheck/unreadable]: "),
        "{}",
        short.stdout
    );
}

#[test]
fn invalid_front_matter_names_the_file_and_line() {
    let corpus = Corpus::new();
    corpus.write("articles/bad.md", "---\noutlet: Bad Post\ntitle: [one, two\ndate: 2024-01-01\n---\nAzure is the primary cloud.\n");
    let run = corpus.lint("json");
    assert_eq!(run.code, 2);
    let report = run.json();
    let d = unreadable(&report, "articles/bad.md");
    let line = d["primary"]["line"].as_u64().unwrap();
    assert!(
        (3..=5).contains(&line),
        "points into the front matter, not the top of the file: {d}"
    );
    assert!(
        d["message"].as_str().unwrap().contains("front matter"),
        "{d}"
    );
    assert_report_spans(corpus.dir.path(), &report);
}

// ---------------------------------------------------------------------------
// Articles that are fine though unusual.

#[test]
fn an_empty_article_lints_fine() {
    let corpus = Corpus::new();
    corpus.write("articles/empty.txt", "");
    corpus.write("articles/empty.md", "");
    corpus.write("articles/front-only.md", "---\noutlet: Blank Post\n---\n");
    let run = corpus.lint("json");
    assert_eq!(run.code, 0, "{}", run.stdout);
    let report = run.json();
    assert_eq!(kinds(&report), [pair("articles/other.txt", "missing")]);
    assert_eq!(report["summary"]["sources"], 5);
    assert_eq!(
        report["summary"]["outlets"], 4,
        "empty.txt and empty.md are both outlet `empty`"
    );
}

#[test]
fn a_bom_is_allowed_and_spans_still_point_at_the_right_bytes() {
    let corpus = Corpus::new();
    corpus.write(
        "articles/bom.txt",
        "\u{FEFF}Azure, the company said, remains its primary cloud.\nAzure is mentioned again.\n",
    );
    corpus.write("articles/bom.md", "\u{FEFF}---\noutlet: Byte Order\n---\n# Cloud\n\nThe company also names Azure in passing.\n");
    let run = corpus.lint("json");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(
        kinds(&report),
        [
            pair("articles/bom.md", "missing"),
            pair("articles/other.txt", "missing")
        ]
    );
    assert!(assert_report_spans(corpus.dir.path(), &report) >= 4);
    let d = &report["diagnostics"][0];
    assert_eq!(d["primary"]["text"], "Azure");
    assert_eq!(
        d["primary"]["line"], 6,
        "the front matter after the BOM is read as front matter"
    );
    assert!(d["message"].as_str().is_some());
    let related: Vec<&Value> = d["related"].as_array().unwrap().iter().collect();
    let bom = related
        .iter()
        .find(|r| r["path"] == "articles/bom.txt")
        .expect("bom.txt states the claim");
    assert_eq!(
        bom["byte_start"], 3,
        "the statement starts right after the BOM"
    );
    assert_eq!(bom["text"], "Azure, the company said, remains its primary");
    // The outlet of bom.md comes from its front matter.
    let outlets = check_matrix_spans(&corpus);
    assert_eq!(outlets, ["Byte Order", "bom", "good", "other"]);
}

#[test]
fn crlf_line_ends_keep_spans_on_the_right_bytes() {
    let corpus = Corpus::new();
    corpus.write("articles/crlf.txt", "CLOUD DEAL\r\n\r\nThe company said that Azure would stay the\r\nprimary cloud for training.\r\nAzure again.\r\n");
    corpus.write("articles/crlf.md", "---\r\noutlet: Carriage Return\r\ndate: 2024-02-02\r\n---\r\n# Cloud\r\n\r\nA note on **Azure**, in\r\npassing.\r\n");
    let run = corpus.lint("json");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(
        kinds(&report),
        [
            pair("articles/crlf.md", "missing"),
            pair("articles/other.txt", "missing")
        ]
    );
    assert!(assert_report_spans(corpus.dir.path(), &report) >= 4);
    let d = &report["diagnostics"][0];
    assert_eq!(
        (
            &d["primary"]["line"],
            &d["primary"]["column"],
            &d["primary"]["text"]
        ),
        (&Value::from(7), &Value::from(13), &Value::from("Azure"))
    );
    let related = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "articles/crlf.txt")
        .expect("crlf.txt states the claim");
    assert_eq!(
        related["text"], "Azure would stay the\r\nprimary",
        "a soft-wrapped sentence, quoted with its CRLF"
    );
    assert_eq!(
        (&related["line"], &related["end_line"]),
        (&Value::from(3), &Value::from(4))
    );
    let outlets = check_matrix_spans(&corpus);
    assert_eq!(
        outlets,
        ["Carriage Return", "crlf", "good", "other"],
        "the outlet from CRLF front matter"
    );
}

/// Checks every span of the matrix; returns its outlets.
fn check_matrix_spans(corpus: &Corpus) -> Vec<String> {
    let run = corpus.run(&["matrix", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let matrix = run.json();
    for row in matrix["claims"].as_array().unwrap() {
        for cell in row["cells"].as_object().unwrap().values() {
            for span in cell["spans"].as_array().unwrap() {
                assert_span_invariant(corpus.dir.path(), span);
            }
        }
    }
    matrix["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|outlet| outlet.as_str().unwrap().to_owned())
        .collect()
}

/// 50 MB of wire copy on one line: sentences with statements, mentions and
/// non-ASCII text all the way, and one claim stated only at the very end.
#[test]
fn a_50_mb_one_line_article_lints_in_reasonable_time() {
    let corpus = Corpus::new();
    corpus.write(
        "rules.yaml",
        format!(
            "{RULES}  - id: late-claim
    claim: The deal closes on Friday
    match: {{ all: ['\\bdeal closes on Friday\\b'] }}
    expect: {{ min_sources: 2 }}
"
        ),
    );
    const SIZE: usize = 50 * 1024 * 1024;
    let sentences = [
        "Officials said the café on the “main” street stayed open late into the evening. ",
        "The company — which declined to comment — also uses Azure for storage. ",
        "Analysts expect revenue to grow by a few percent over the coming year. ",
        "Azure remains the primary cloud for the company, a spokesperson said. ",
        "No further details were released on Tuesday, according to the statement. ",
    ];
    let ending = "In the end the deal closes on Friday.";
    let mut text = String::with_capacity(SIZE + 200);
    let mut i = 0usize;
    while text.len() + ending.len() < SIZE {
        // A statement of azure-primary in one sentence of 50, a mention in one of 10.
        let sentence = match i % 50 {
            0 => sentences[3],
            n if n % 10 == 5 => sentences[1],
            n if n % 3 == 0 => sentences[0],
            n if n % 3 == 1 => sentences[2],
            _ => sentences[4],
        };
        text.push_str(sentence);
        i += 1;
    }
    text.push_str(ending);
    text.push('\n');
    assert!(text.len() >= SIZE - 200 && text.matches('\n').count() == 1);
    corpus.write("articles/huge.txt", &text);

    let limit = if cfg!(debug_assertions) {
        Duration::from_secs(600)
    } else {
        Duration::from_secs(60)
    };
    let started = Instant::now();
    let output = crosscheck()
        .current_dir(corpus.dir.path())
        .args(["lint", "--format", "json"])
        .timeout(limit)
        .output();
    let elapsed = started.elapsed();
    let output = output.unwrap_or_else(|error| {
        panic!("linting a 50 MB one-line article did not finish in {limit:?}: {error}")
    });
    assert!(
        elapsed < limit,
        "linting a 50 MB one-line article took {elapsed:?}; it must finish within {limit:?}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        kinds(&report),
        [
            pair("articles/huge.txt", "uncorroborated"),
            pair("articles/other.txt", "missing")
        ],
        "the late claim is stated by one outlet only; other.txt only mentions Azure"
    );
    let late = &report["diagnostics"][0]["primary"];
    assert_eq!(late["text"], "deal closes on Friday");
    assert_eq!(
        late["byte_end"].as_u64().unwrap() as usize,
        text.len() - 2,
        "the very end of the file"
    );
    assert_eq!(late["line"], 1);
    assert_span_invariant(corpus.dir.path(), late);
    assert_report_spans(corpus.dir.path(), &report);
    eprintln!("50 MB one-line article linted in {elapsed:?}");
}

// ---------------------------------------------------------------------------
// Invalid rule files and configs: exit 2, an error at file:line:column,
// nothing linted.

/// Asserts a run that stopped before linting on `file` at `line:column`.
fn assert_rejected(run: &Run, place: &str, words: &[&str]) {
    assert_eq!(
        run.code, 2,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(run.stdout, "", "nothing is linted or printed on stdout");
    assert!(
        run.stderr.contains(place),
        "the error points at {place}:\n{}",
        run.stderr
    );
    for word in words {
        assert!(
            run.stderr.contains(word),
            "the error says {word:?}:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("nothing was linted"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("articles/"),
        "no article is mentioned:\n{}",
        run.stderr
    );
}

fn rejected_rules(rules: &str, place: &str, words: &[&str]) {
    let corpus = Corpus::new();
    corpus.write("rules.yaml", rules);
    for format in ["human", "json", "short"] {
        let run = corpus.lint(format);
        assert_rejected(&run, place, words);
    }
}

#[test]
fn a_rule_file_with_bad_yaml() {
    rejected_rules(
        "rules:\n  - id: azure\n    claim: x\n    match: { all: [Azure] ]\n    severity: warning\n",
        "rules.yaml:4:27",
        &["invalid rule file"],
    );
    rejected_rules(
        "rules:\n  - id: azure\n\tclaim: x\n",
        "rules.yaml:3:1",
        &["tab"],
    );
}

#[test]
fn a_rule_file_with_an_unknown_key() {
    rejected_rules(
        "rules:\n  - id: azure\n    claim: x\n    colour: red\n    match: { all: [Azure] }\n",
        "rules.yaml:4:5",
        &["colour"],
    );
    rejected_rules(
        "rule:\n  - id: azure\n    claim: x\n",
        "rules.yaml:1:1",
        &["rule"],
    );
}

#[test]
fn a_rule_file_with_an_invalid_regex() {
    rejected_rules(
        "rules:\n  - id: azure\n    claim: x\n    match: { all: ['(unclosed'] }\n",
        "rules.yaml:4:20",
        &["regular expression"],
    );
    rejected_rules(
        "rules:\n  - id: azure\n    claim: x\n    match: { all: [Azure] }\n    expect: { when_mentioned: 'Azure[' }\n",
        "rules.yaml:5:31",
        &["regular expression"],
    );
}

#[test]
fn an_invalid_regex_is_one_problem_not_two() {
    let corpus = Corpus::new();
    corpus.write(
        "rules.yaml",
        "rules:\n  - id: azure\n    claim: x\n    match: { all: ['(unclosed'] }\n",
    );
    let run = corpus.lint("human");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("nothing was linted: 1 problem\n"),
        "a bad pattern should not also count as a missing one:\n{}",
        run.stderr
    );
}

#[test]
fn a_rule_with_agree_but_no_extract() {
    rejected_rules("rules:\n  - id: azure\n    claim: x\n    match: { all: [Azure] }\n    expect: { agree: true }\n", "rules.yaml:5:15", &["agree", "extract"]);
}

#[test]
fn duplicate_rule_ids() {
    rejected_rules(
        "rules:\n  - id: azure\n    claim: x\n    match: { all: [Azure] }\n  - id: azure\n    claim: y\n    match: { all: [cloud] }\n",
        "rules.yaml:5:9",
        &["duplicate", "azure"],
    );
    // Across files too: the second file's id is the duplicate.
    let corpus = Corpus::new();
    corpus.write("crosscheck.yaml", "sources: [articles]\nrules: [rules]\n");
    corpus.write(
        "rules/a.yaml",
        "rules:\n  - id: azure\n    claim: x\n    match: { all: [Azure] }\n",
    );
    corpus.write(
        "rules/b.yaml",
        "# the same id again\nrules:\n  - id: azure\n    claim: y\n    match: { all: [cloud] }\n",
    );
    let run = corpus.lint("human");
    assert_rejected(&run, "rules/b.yaml:3:9", &["duplicate"]);
    assert!(
        run.stderr.contains("rules/a.yaml"),
        "names where it was first defined:\n{}",
        run.stderr
    );
}

#[test]
fn duplicate_rule_ids_name_the_first_place_by_line() {
    let corpus = Corpus::new();
    corpus.write("rules.yaml", "rules:\n  - id: azure\n    claim: x\n    match: { all: [Azure] }\n  - id: azure\n    claim: y\n    match: { all: [cloud] }\n");
    let run = corpus.lint("human");
    assert!(
        run.stderr.contains("rules.yaml:2:9"),
        "the note should say where the id was first defined as line:column:\n{}",
        run.stderr
    );
}

#[test]
fn every_problem_of_the_rule_files_is_reported() {
    let corpus = Corpus::new();
    corpus.write(
        "rules.yaml",
        "rules:\n  - id: one\n    claim: x\n    match: { all: ['(a'] }\n  - id: two\n    claim: y\n    match: { all: [b] }\n    expect: { agree: true }\n",
    );
    let run = corpus.lint("human");
    assert_rejected(&run, "rules.yaml:4:20", &["rules.yaml:8:15"]);
}

#[test]
fn a_rule_file_given_with_rules_is_validated_too() {
    let corpus = Corpus::new();
    corpus.write(
        "extra/bad.yml",
        "rules:\n  - id: Not_Kebab\n    claim: x\n    match: { all: [a] }\n",
    );
    let run = corpus.run(&["lint", "--rules", "extra/bad.yml"]);
    assert_rejected(&run, "extra/bad.yml:2:9", &["kebab"]);
}

#[test]
fn a_config_with_an_unknown_key() {
    let corpus = Corpus::new();
    corpus.write(
        "crosscheck.yaml",
        "sources: [articles]\nrules: [rules.yaml]\nfail_no: error\n",
    );
    let run = corpus.lint("json");
    assert_rejected(&run, "crosscheck.yaml:3:1", &["fail_no"]);
    // Named with --config from elsewhere: the path is shown as given.
    let run = crosscheck()
        .current_dir(corpus.dir.path().parent().unwrap())
        .args(["lint", "--config"])
        .arg(corpus.path("crosscheck.yaml"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("crosscheck.yaml:3:1"), "{stderr}");
}

#[test]
fn a_config_with_bad_yaml_or_values() {
    let corpus = Corpus::new();
    corpus.write(
        "crosscheck.yaml",
        "sources: [articles\nrules: [rules.yaml]\n",
    );
    assert_rejected(
        &corpus.lint("human"),
        "crosscheck.yaml:",
        &["invalid configuration"],
    );
    corpus.write(
        "crosscheck.yaml",
        "sources: [articles]\nrules: [rules.yaml]\nfail_on: sometimes\n",
    );
    assert_rejected(
        &corpus.lint("human"),
        "crosscheck.yaml:3:10",
        &["sometimes"],
    );
    corpus.write("crosscheck.yaml", "sources: [articles]\nrules: [rules.yaml]\noverrides: { no-such-rule: { severity: error } }\n");
    assert_rejected(&corpus.lint("human"), "crosscheck.yaml", &["no-such-rule"]);
}

#[test]
fn a_missing_rule_folder_is_an_error() {
    let corpus = Corpus::new();
    corpus.write(
        "crosscheck.yaml",
        "sources: [articles]\nrules: [no-such-rules]\n",
    );
    let run = corpus.lint("json");
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("no-such-rules"), "{}", run.stderr);
}

#[test]
fn corpus_paths_are_relative_to_the_config_folder() {
    // Run from a subfolder: the config is found in the ancestor, and paths
    // are shown relative to the working directory.
    let corpus = Corpus::new();
    std::fs::create_dir_all(corpus.path("work")).unwrap();
    let output = crosscheck()
        .current_dir(corpus.path("work"))
        .args(["lint", "--format", "short"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout, "../articles/other.txt:1:23: warning[azure-primary/missing]: mentions `Azure` but does not state this claim\n");
}
