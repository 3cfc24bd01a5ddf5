//! What each fuzz target checks. A panic anywhere, or a broken invariant
//! (which panics here), is a finding; errors for bad input are not.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crosscheck_engine::article::{invariants, Article, Markup};
use crosscheck_engine::record::ArticleRecord;
use crosscheck_engine::rules::RuleSet;
use crosscheck_engine::statements::{Combined, Reader, Statement, Strategy};
use crosscheck_engine::values::{self, DateOrder, ValueKind};

/// Rules of every scope and value kind, so that fuzzed articles reach units,
/// negation, extraction and every normalizer.
const ARTICLE_RULES: &str = r#"
rules:
  - id: sentence-number
    claim: a sentence with a number
    match: { all: ['\b\w+\b'], any: ['[aeiou]', '\d'] }
    extract: { pattern: '(?P<value>(?:\d[\d,.]*|one|two|three|forty-nine)\s*(?:million|bn|k)?)', kind: number }
  - id: paragraph-percent
    claim: a paragraph with a share
    scope: paragraph
    extract: { pattern: '(?P<value>\d+(?:\.\d+)?\s*(?:%|percent|per cent))', kind: percent }
    deny: ['\bnot\b']
    expect: { when_mentioned: '\bstake\b' }
  - id: document-date
    claim: a dated document
    scope: document
    extract: { pattern: '(?P<value>\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2},? \d{4})', kind: date }
  - id: sentence-money
    claim: money
    case: sensitive
    extract: { pattern: '(?P<value>(?:US)?[$€£¥]\s?\d[\d,.]*\s*(?:billion|million|bn|m)?)', kind: money }
  - id: sentence-year-text
    claim: a year
    match: { any: ['\b(?:in|by|through) \d{4}\b'], not: ['before'] }
    extract: { pattern: '(?P<value>\d{4})', kind: year }
  - id: heading-text
    claim: text
    pattern: '^\w'
    extract: { pattern: '^(?P<value>\w+(?: \w+)?)', kind: text }
"#;

fn article_rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        RuleSet::from_text("fuzz.yaml", ARTICLE_RULES).expect("the fuzz rules compile")
    })
}

/// Reads `data` as an article: an error is fine; an article must keep every
/// invariant (a Markdown body read as plain prose must read as the parser
/// reads it), and its statements must be the same whichever way units are
/// chosen, with spans that are the file's own bytes.
pub fn article(data: &[u8], format: Markup) {
    let Ok(article) = Article::parse(data, format) else {
        return;
    };
    if let Err(broken) = invariants::check(&article) {
        panic!("{broken}");
    }
    if format == Markup::Markdown {
        if let Err(broken) = invariants::check_prose(&article) {
            panic!("{broken}");
        }
    }
    let rules = article_rules();
    let all: Vec<usize> = (0..rules.rules.len()).collect();
    // The combined automaton is built once per process, as in a run, not per input.
    static COMBINED: OnceLock<Combined> = OnceLock::new();
    let fast = Reader::sharing(
        rules,
        DateOrder::Dmy,
        COMBINED.get_or_init(Combined::default),
    );
    let statements = fast.statements("fuzz.txt", &article, &all);
    let exhaustive = Reader::new(rules, DateOrder::Dmy, Strategy::Exhaustive)
        .statements("fuzz.txt", &article, &all);
    assert_eq!(
        statements, exhaustive,
        "the prefilter changed the statements"
    );
    for statement in &statements {
        check_statement(&article, statement);
    }
}

fn check_statement(article: &Article, statement: &Statement) {
    let spans =
        std::iter::once(&statement.span).chain(statement.value.as_ref().map(|value| &value.span));
    for span in spans {
        if let Err(broken) = invariants::check_span(&article.source, span) {
            panic!("{broken}");
        }
    }
}

/// Reads `data` as a rule file: rules or problems, and problems point at
/// places that render. Rules that compile are run over two short articles.
pub fn rules(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match RuleSet::from_text("fuzz.yaml", text) {
        Err(problems) => {
            for problem in &problems {
                if let Some(range) = &problem.range {
                    assert!(
                        text.get(range.clone()).is_some(),
                        "problem {problem:?} points outside the text"
                    );
                }
            }
            let texts = vec![("fuzz.yaml".to_owned(), text.to_owned())];
            crosscheck_render::render_problems(
                &problems,
                &texts,
                false,
                "nothing was linted",
                &mut Vec::new(),
            )
            .expect("problems render");
        }
        Ok(rules) => {
            let articles = [
                "Azure is the primary cloud. The deal runs through 2032, a 49% stake.",
                "Azure is not the primary cloud, officials said on April 28, 2026.",
            ];
            let all: Vec<usize> = (0..rules.rules.len()).collect();
            let records: Vec<ArticleRecord> = articles
                .iter()
                .enumerate()
                .map(|(index, text)| {
                    let article =
                        Article::parse(text.as_bytes(), Markup::Plain).expect("a plain article");
                    let reader = Reader::new(&rules, DateOrder::Dmy, Strategy::Prefiltered);
                    let statements = reader.statements(&format!("{index}.txt"), &article, &all);
                    ArticleRecord {
                        path: format!("{index}.txt"),
                        outlet: index.to_string(),
                        story: "corpus".into(),
                        date: None,
                        sort_date: None,
                        statements,
                        suppressions: Default::default(),
                    }
                })
                .collect();
            crosscheck_engine::assertions::judge(&rules, &records);
        }
    }
}

const KINDS: [ValueKind; 6] = [
    ValueKind::Number,
    ValueKind::Percent,
    ValueKind::Year,
    ValueKind::Date,
    ValueKind::Money,
    ValueKind::Text,
];

/// Normalizes `data` (after a byte choosing the kind and date order) as a
/// value: never a panic, and a value's canonical form is a fixed point.
pub fn values(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let kind = KINDS[usize::from(choice) % KINDS.len()];
    let order = if choice & 0x80 == 0 {
        DateOrder::Dmy
    } else {
        DateOrder::Mdy
    };
    let raw = String::from_utf8_lossy(rest);
    let Some(value) = values::parse(kind, &raw, order) else {
        return;
    };
    if let Some(magnitude) = value.magnitude() {
        assert!(magnitude.is_finite(), "{kind:?} {raw:?} gives {magnitude}");
    }
    let again = values::parse(kind, value.canonical(), order);
    assert_eq!(
        again.as_ref(),
        Some(&value),
        "{kind:?} {raw:?}: its canonical form {:?} reads differently",
        value.canonical()
    );
}

/// The workspace folder the `lsp` target's sessions name: seeds write it as
/// this placeholder, replaced by the `file:` URI of a copy of
/// tests/fixtures/lsp made once per process.
const WORKSPACE: &[u8] = b"file:///WORKSPACE";

/// The URI of the `lsp` target's workspace: a copy of tests/fixtures/lsp
/// under fuzz/target/lsp-workspace/PID/workspace, made once per process (the
/// server only reads it; the folder above holds nothing else, so a session
/// that climbs out finds no configuration).
fn lsp_workspace() -> &'static [u8] {
    static ROOT: OnceLock<String> = OnceLock::new();
    ROOT.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let parent = manifest
            .join("target/lsp-workspace")
            .join(std::process::id().to_string());
        let _ = std::fs::remove_dir_all(&parent);
        let root = parent.join("workspace");
        copy_folder(&manifest.join("../tests/fixtures/lsp"), &root);
        let root = root.canonicalize().expect("the workspace copy");
        url::Url::from_file_path(&root)
            .expect("an absolute path")
            .to_string()
    })
    .as_bytes()
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("the fixture") {
        let entry = entry.expect("an entry");
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

/// `data` with every `from` replaced by `to`.
fn replace(data: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    while let Some(at) = find(rest, from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn find(data: &[u8], part: &[u8]) -> Option<usize> {
    data.windows(part.len()).position(|window| window == part)
}

/// The client's stream with the workspace placeholder replaced by `root`,
/// and each `Content-Length: N` grown by what the replacement adds to the N
/// bytes after its header, so that the frames stay whole.
fn with_workspace(data: &[u8], root: &[u8]) -> Vec<u8> {
    const HEADER: &[u8] = b"Content-Length: ";
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    while let Some(at) = find(rest, HEADER) {
        let digits = at + HEADER.len();
        let digits_end = digits
            + rest[digits..]
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count();
        out.extend(replace(&rest[..digits], WORKSPACE, root));
        let length = std::str::from_utf8(&rest[digits..digits_end])
            .ok()
            .and_then(|digits| digits.parse::<usize>().ok());
        let body = find(&rest[digits_end..], b"\r\n\r\n").map(|blank| digits_end + blank + 4);
        let (Some(length), Some(body)) = (length, body) else {
            out.extend_from_slice(&rest[digits..digits_end]);
            rest = &rest[digits_end..];
            continue;
        };
        let end = body.saturating_add(length).min(rest.len());
        let count = rest[body..end]
            .windows(WORKSPACE.len())
            .filter(|window| *window == WORKSPACE)
            .count();
        // Occurrences may overlap only if the placeholder could, which it cannot.
        out.extend(
            (length + count * root.len() - count * WORKSPACE.len())
                .to_string()
                .into_bytes(),
        );
        out.extend(replace(&rest[digits_end..end], WORKSPACE, root));
        rest = &rest[end..];
    }
    out.extend(replace(rest, WORKSPACE, root));
    out
}

/// Runs the language server on `data` as the client's byte stream (after
/// the workspace placeholder is replaced): framing, dispatch, edits, hovers,
/// code actions and publishing against the fixture workspace. A panic is a
/// finding (the server catches panics in handlers, but the fuzzer's panic
/// hook aborts first); so is output that is not framed JSON-RPC. An I/O
/// error (a body cut short by the end of the input) is not.
pub fn lsp(data: &[u8]) {
    // A session may name any folder as its workspace; keep it off devices
    // and kernel files, which the server would read as documents.
    if [&b"/dev/"[..], b"/proc/", b"/sys/"]
        .iter()
        .any(|device| find(data, device).is_some())
    {
        return;
    }
    let input = with_workspace(data, lsp_workspace());
    let mut output = Vec::new();
    let _ = crosscheck_lsp::serve(Cursor::new(input), &mut output);
    check_frames(&output);
}

/// Every message the server wrote is a `Content-Length` frame holding a
/// JSON-RPC 2.0 object.
fn check_frames(output: &[u8]) {
    let mut rest = output;
    while !rest.is_empty() {
        let text = std::str::from_utf8(rest).expect("the server writes UTF-8");
        let (header, body) = text.split_once("\r\n\r\n").expect("a framed message");
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|length| length.parse().ok())
            .expect("a Content-Length header");
        let message: serde_json::Value =
            serde_json::from_str(body.get(..length).expect("the whole body")).expect("a JSON body");
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
        rest = &rest[header.len() + 4 + length..];
    }
}
