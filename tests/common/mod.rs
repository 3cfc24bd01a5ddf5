//! Helpers shared by the integration tests: the binary under test, the real
//! corpora of `../shared/corpora` (and whether their absence fails a test),
//! and the span invariant of SPEC §6.

#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::SystemTime;

use serde_json::Value;

/// The repository root (where the bundled `crosscheck.yaml`, `seeds/` and
/// `rules/` are).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The variable that makes a missing real corpus a test failure. `.ci/run`
/// sets it to `1`: the project's CI machine has `../shared/corpora`.
pub const REQUIRE_CORPORA: &str = "CROSSCHECK_REQUIRE_CORPORA";

/// The real corpus `../shared/corpora/<name>` (gva, abp, readability) beside
/// the repository, for the calling test. When it is absent, the test fails if
/// [`REQUIRE_CORPORA`] is `1`; otherwise this says loudly on standard error
/// which test skipped and why, and gives `None` (the test then returns).
/// Whether the variable `CI` is set plays no part: GitHub's runners set it
/// and have no `../shared`.
pub fn shared_corpus(name: &str) -> Option<PathBuf> {
    let corpus = root().join("../shared/corpora").join(name);
    if corpus.is_dir() {
        return Some(corpus);
    }
    let thread = std::thread::current();
    let test = thread
        .name()
        .filter(|name| *name != "main")
        .unwrap_or("a real-corpus test");
    let required = std::env::var_os(REQUIRE_CORPORA).is_some_and(|value| value == "1");
    assert!(
        !required,
        "{test}: the real corpus {} is missing, and {REQUIRE_CORPORA}=1 requires it",
        corpus.display()
    );
    // Written to the stream itself, past the test harness's capture, so that
    // the skip shows in every run's output and not only in a failure's; in
    // one write, so that the harness's lines on standard output cannot cut it.
    let message = format!("\n*** SKIPPED {test}: the real corpus {} is absent; set {REQUIRE_CORPORA}=1 to make that a failure ***\n", corpus.display());
    let _ = std::io::stderr().write_all(message.as_bytes());
    None
}

/// The `crosscheck` binary of this build, run from the repository root with
/// no colour taken from the environment.
pub fn crosscheck() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    command
        .current_dir(root())
        .env_remove("RAYON_NUM_THREADS")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1");
    command
}

/// A file as read, with the length and modification time it was read at.
type Cached = (u64, Option<SystemTime>, Rc<Vec<u8>>);

thread_local! {
    /// Files already read, so that checking thousands of spans reads each file once.
    static FILES: RefCell<HashMap<PathBuf, Cached>> = RefCell::new(HashMap::new());
}

fn read(path: &Path) -> Rc<Vec<u8>> {
    let metadata = std::fs::metadata(path)
        .unwrap_or_else(|error| panic!("span path {} cannot be read: {error}", path.display()));
    let stamp = (metadata.len(), metadata.modified().ok());
    FILES.with(|files| {
        let mut files = files.borrow_mut();
        match files.get(path) {
            Some((len, modified, bytes)) if (*len, *modified) == stamp => bytes.clone(),
            _ => {
                let bytes = Rc::new(std::fs::read(path).unwrap_or_else(|error| {
                    panic!("span path {} cannot be read: {error}", path.display())
                }));
                files.insert(path.to_path_buf(), (stamp.0, stamp.1, bytes.clone()));
                bytes
            }
        }
    })
}

/// 1-based line and column (in Unicode scalar values) of byte `offset` of
/// `bytes`, which must be UTF-8 up to `offset` and a character boundary there.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let on_line = std::str::from_utf8(&before[line_start..]).unwrap_or_else(|error| {
        panic!("byte {offset} is not after valid UTF-8 on its line: {error}")
    });
    (line, on_line.chars().count() + 1)
}

fn number(span: &Value, key: &str) -> usize {
    span[key]
        .as_u64()
        .unwrap_or_else(|| panic!("span has no numeric `{key}`: {span}")) as usize
}

/// Asserts the span invariant of SPEC §6 for one span object (a primary or
/// related span, or a matrix cell span): it has every span key; the bytes
/// `[byte_start, byte_end)` of the file at `root`/`path` are exactly `text`;
/// `line`/`column` locate `byte_start` and `end_line`/`end_column` locate
/// `byte_end` (1-based, columns counted in Unicode scalar values).
pub fn assert_span_invariant(root: &Path, span: &Value) {
    let path = span["path"]
        .as_str()
        .unwrap_or_else(|| panic!("span has no `path`: {span}"));
    let (start, end) = (number(span, "byte_start"), number(span, "byte_end"));
    let text = span["text"]
        .as_str()
        .unwrap_or_else(|| panic!("span has no `text`: {span}"));
    let bytes = read(&root.join(path));
    assert!(
        start <= end && end <= bytes.len(),
        "span {start}..{end} out of the {} bytes of {path}: {span}",
        bytes.len()
    );
    assert!(
        &bytes[start..end] == text.as_bytes(),
        "bytes {start}..{end} of {path} are {:?}, the span says {text:?}: {span}",
        String::from_utf8_lossy(&bytes[start..end])
    );
    let (line, column) = line_column(&bytes, start);
    assert_eq!(
        (number(span, "line"), number(span, "column")),
        (line, column),
        "line/column of byte_start {start} in {path}: {span}"
    );
    let (end_line, end_column) = line_column(&bytes, end);
    assert_eq!(
        (number(span, "end_line"), number(span, "end_column")),
        (end_line, end_column),
        "end_line/end_column of byte_end {end} in {path}: {span}"
    );
}

/// Every span of a `lint --format json` document (primary, related) and
/// the suggestion's range, checked with [`assert_span_invariant`]; returns
/// how many spans were checked.
pub fn assert_report_spans(root: &Path, report: &Value) -> usize {
    let mut checked = 0;
    for diagnostic in report["diagnostics"]
        .as_array()
        .expect("`diagnostics` is an array")
    {
        assert_span_invariant(root, &diagnostic["primary"]);
        checked += 1;
        for related in diagnostic["related"]
            .as_array()
            .expect("`related` is an array")
        {
            assert_span_invariant(root, related);
            checked += 1;
        }
        if let Some(suggestion) = diagnostic["suggestion"].as_object() {
            let path = suggestion["path"].as_str().expect("suggestion path");
            let bytes = read(&root.join(path));
            let (start, end) = (
                suggestion["byte_start"].as_u64().unwrap() as usize,
                suggestion["byte_end"].as_u64().unwrap() as usize,
            );
            assert!(
                start <= end
                    && end <= bytes.len()
                    && std::str::from_utf8(&bytes[start..end]).is_ok(),
                "suggestion range {start}..{end} in {path}"
            );
        }
    }
    checked
}

pub fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

pub const SPAN_KEYS: [&str; 8] = [
    "path",
    "byte_start",
    "byte_end",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
];

pub fn assert_span_shape(span: &Value, extra: &[&str]) {
    let expected: BTreeSet<&str> = SPAN_KEYS.iter().chain(extra).copied().collect();
    assert_eq!(keys(span), expected, "{span}");
    assert!(
        span["path"].is_string() && span["text"].is_string(),
        "{span}"
    );
    for key in &SPAN_KEYS[1..7] {
        assert!(span[key].is_u64(), "{key} of {span}");
    }
}

/// The shape of SPEC §6 and its order, for any lint JSON document.
pub fn assert_report_shape(report: &Value) {
    assert_eq!(
        keys(report),
        BTreeSet::from(["version", "summary", "diagnostics"])
    );
    assert_eq!(report["version"], 1);
    assert_eq!(
        keys(&report["summary"]),
        BTreeSet::from(["sources", "outlets", "rules", "errors", "warnings", "notes"])
    );
    let diagnostics = report["diagnostics"]
        .as_array()
        .expect("diagnostics is an array");
    let mut counts = [0u64; 3];
    for d in diagnostics {
        assert_eq!(
            keys(d),
            BTreeSet::from([
                "rule",
                "kind",
                "severity",
                "message",
                "claim",
                "primary",
                "related",
                "value",
                "notes",
                "suggestion"
            ]),
            "{d}"
        );
        for key in ["rule", "kind", "message", "claim"] {
            assert!(d[key].is_string(), "{key} of {d}");
        }
        match d["severity"].as_str() {
            Some("error") => counts[0] += 1,
            Some("warning") => counts[1] += 1,
            Some("note") => counts[2] += 1,
            other => panic!("severity {other:?}"),
        }
        assert!(
            [
                "uncorroborated",
                "unstated",
                "overstated",
                "conflict",
                "missing",
                "contradiction",
                "unreadable",
                "invalid-suppression"
            ]
            .contains(&d["kind"].as_str().unwrap()),
            "kind of {d}"
        );
        assert_span_shape(&d["primary"], &[]);
        for related in d["related"].as_array().expect("related is an array") {
            assert_span_shape(related, &["message"]);
            assert!(related["message"].is_string());
        }
        assert!(
            d["value"].is_null() || d["value"].is_string(),
            "value of {d}"
        );
        assert!(d["notes"]
            .as_array()
            .expect("notes is an array")
            .iter()
            .all(Value::is_string));
        if !d["suggestion"].is_null() {
            assert_eq!(
                keys(&d["suggestion"]),
                BTreeSet::from(["path", "byte_start", "byte_end", "replacement", "message"])
            );
        }
    }
    let s = &report["summary"];
    assert_eq!(
        [
            s["errors"].as_u64().unwrap(),
            s["warnings"].as_u64().unwrap(),
            s["notes"].as_u64().unwrap()
        ],
        counts,
        "summary counts the diagnostics"
    );
    let order: Vec<(&str, u64, &str)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["primary"]["path"].as_str().unwrap(),
                d["primary"]["byte_start"].as_u64().unwrap(),
                d["rule"].as_str().unwrap(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(
        order, sorted,
        "diagnostics are sorted by path, byte_start, rule"
    );
}
