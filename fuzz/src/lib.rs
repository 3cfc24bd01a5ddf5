//! What each fuzz target checks. A panic anywhere, or a broken invariant
//! (which panics here), is a finding; errors for bad input are not.

use std::sync::OnceLock;

use crosscheck::article::{invariants, Article, Format};
use crosscheck::corpus::ArticleRecord;
use crosscheck::rules::RuleSet;
use crosscheck::statements::{Reader, Statement, Strategy};
use crosscheck::values::{self, DateOrder, ValueKind};

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
    RULES.get_or_init(|| RuleSet::from_text("fuzz.yaml", ARTICLE_RULES).expect("the fuzz rules compile"))
}

/// Reads `data` as an article: an error is fine; an article must keep every
/// invariant, and its statements must be the same whichever way units are
/// chosen, with spans that are the file's own bytes.
pub fn article(data: &[u8], format: Format) {
    let Ok(article) = Article::parse(data, format) else {
        return;
    };
    if let Err(broken) = invariants::check(&article) {
        panic!("{broken}");
    }
    let rules = article_rules();
    let all: Vec<usize> = (0..rules.rules.len()).collect();
    let read = |strategy| Reader { rules, date_order: DateOrder::Dmy, strategy }.statements("fuzz.txt", &article, &all);
    let statements = read(Strategy::Prefiltered);
    assert_eq!(statements, read(Strategy::Exhaustive), "the prefilter changed the statements");
    for statement in &statements {
        check_statement(&article, statement);
    }
}

fn check_statement(article: &Article, statement: &Statement) {
    let spans = std::iter::once(&statement.span).chain(statement.value.as_ref().map(|value| &value.span));
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
                    assert!(text.get(range.clone()).is_some(), "problem {problem:?} points outside the text");
                }
            }
            let texts = vec![("fuzz.yaml".to_owned(), text.to_owned())];
            crosscheck::render::render_problems(&problems, &texts, false, &mut Vec::new()).expect("problems render");
        }
        Ok(rules) => {
            let articles =
                ["Azure is the primary cloud. The deal runs through 2032, a 49% stake.", "Azure is not the primary cloud, officials said on April 28, 2026."];
            let all: Vec<usize> = (0..rules.rules.len()).collect();
            let records: Vec<ArticleRecord> = articles
                .iter()
                .enumerate()
                .map(|(index, text)| {
                    let article = Article::parse(text.as_bytes(), Format::Plain).expect("a plain article");
                    let reader = Reader { rules: &rules, date_order: DateOrder::Dmy, strategy: Strategy::Prefiltered };
                    let statements = reader.statements(&format!("{index}.txt"), &article, &all);
                    ArticleRecord { path: format!("{index}.txt"), outlet: index.to_string(), story: "corpus".into(), date: None, sort_date: None, statements }
                })
                .collect();
            crosscheck::assertions::judge(&rules, &records);
        }
    }
}

const KINDS: [ValueKind; 6] = [ValueKind::Number, ValueKind::Percent, ValueKind::Year, ValueKind::Date, ValueKind::Money, ValueKind::Text];

/// Normalizes `data` (after a byte choosing the kind and date order) as a
/// value: never a panic, and a value's canonical form is a fixed point.
pub fn values(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let kind = KINDS[usize::from(choice) % KINDS.len()];
    let order = if choice & 0x80 == 0 { DateOrder::Dmy } else { DateOrder::Mdy };
    let raw = String::from_utf8_lossy(rest);
    let Some(value) = values::normalize(kind, &raw, order) else {
        return;
    };
    if let Some(magnitude) = value.magnitude() {
        assert!(magnitude.is_finite(), "{kind:?} {raw:?} gives {magnitude}");
    }
    let again = values::normalize(kind, value.canonical(), order);
    assert_eq!(again.as_ref(), Some(&value), "{kind:?} {raw:?}: its canonical form {:?} reads differently", value.canonical());
}
