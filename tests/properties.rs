//! Property tests: arbitrary Unicode text with Markdown markup keeps every
//! invariant of the article model (`article::invariants`), statement spans
//! are the files' own bytes with the right lines and columns, normalization
//! is idempotent, and value normalization never panics.
//!
//! Case counts are bounded so the suite stays quick; the fuzzers in `fuzz/`
//! explore the same ground for as long as they are given.

use crosscheck_engine::article::{invariants, Article, Markup};
use crosscheck_engine::rules::RuleSet;
use crosscheck_engine::span::LineIndex;
use crosscheck_engine::statements::{Reader, Strategy as UnitStrategy};
use crosscheck_engine::values::{parse, DateOrder, ValueKind};
use proptest::prelude::*;

/// Markup and punctuation that Markdown and the normalizer treat specially.
const MARKUP: &[&str] = &[
    "**",
    "*",
    "_",
    "__",
    "~~",
    "`",
    "``",
    "\n```\n",
    "[",
    "](",
    ")",
    "![",
    "<",
    ">",
    "<!--",
    "-->",
    "<br>",
    "&amp;",
    "&nbsp;",
    "&#8217;",
    "&shy;",
    "\\",
    "\n# ",
    "\n## ",
    "\n- ",
    "\n* ",
    "\n1. ",
    "\n> ",
    "|",
    "\n|---|---|\n",
    "\n---\n",
    "[^1]",
    "\n[^1]: ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
];

/// Characters the normalizer folds, maps or drops, and abbreviations.
const SPECIAL: &[&str] = &[
    " ", "  ", "\u{A0}", "\u{2009}", "\u{3000}", "\u{AD}", "\u{200B}", "\u{FEFF}", "\u{91}",
    "\u{93}", "“", "”", "‘", "’", "—", "–", "−", ". ", "? ", "! ", "Mr. ", "U.S. ", "No. 3",
    "e\u{301}", "🙂", "ß", "İ",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => "[a-zA-Z]{1,8}",
        2 => "[0-9]{1,4}(?:[.,][0-9]{1,3})?%?",
        3 => prop::sample::select(MARKUP).prop_map(str::to_owned),
        3 => prop::sample::select(SPECIAL).prop_map(str::to_owned),
        2 => any::<char>().prop_map(String::from),
    ]
}

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat())
}

/// Rules of each scope that match often in generated text.
const RULES: &str = r#"
rules:
  - id: sentence
    claim: a sentence with a number
    match: { any: ['[aeiou]\w*', '\d'] }
    deny: ['\bno\b']
    extract: { pattern: '(?P<value>\d+(?:[.,]\d+)?)', kind: number }
  - id: paragraph
    claim: a paragraph with a share
    scope: paragraph
    extract: { pattern: '(?P<value>\d+(?:\.\d+)?%)', kind: percent }
    expect: { when_mentioned: '[xyz]' }
  - id: document
    claim: a document
    scope: document
    case: sensitive
    pattern: '[A-Z]\w+'
"#;

fn config() -> ProptestConfig {
    // A failure prints its minimal input; nothing is written beside the tests.
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Blocks, units and the span map: the text is normalized (and
    /// normalizing it again changes nothing), every range maps to a range on
    /// character boundaries of the file, and the map is monotone.
    #[test]
    fn articles_keep_every_invariant(text in article_text(), markdown in any::<bool>()) {
        let format = if markdown { Markup::Markdown } else { Markup::Plain };
        // Front matter may be broken YAML: that is an error, not a panic.
        if let Ok(article) = Article::parse(text.as_bytes(), format) {
            if let Err(broken) = invariants::check(&article) {
                return Err(TestCaseError::fail(format!("{broken} in {text:?}")));
            }
        }
    }

    /// Every statement's span, and every value's, is the file's own bytes,
    /// with lines and columns that agree with its offsets.
    #[test]
    fn statement_spans_are_the_files_own_bytes(text in article_text(), markdown in any::<bool>()) {
        let format = if markdown { Markup::Markdown } else { Markup::Plain };
        let Ok(article) = Article::parse(text.as_bytes(), format) else {
            return Ok(());
        };
        let rules = RuleSet::from_text("rules.yaml", RULES).expect("the rules compile");
        let reader = Reader::new(&rules, DateOrder::Dmy, UnitStrategy::Prefiltered);
        let statements = reader.statements("a.md", &article, &[0, 1, 2]);
        for statement in &statements {
            for span in std::iter::once(&statement.span).chain(statement.value.as_ref().map(|value| &value.span)) {
                if let Err(broken) = invariants::check_span(&article.source, span) {
                    return Err(TestCaseError::fail(format!("{broken} in {text:?}")));
                }
            }
        }
    }

    /// Lines and columns of any range of any text agree with its offsets.
    #[test]
    fn line_index_agrees_with_offsets(text in "(?s).{0,200}", a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
        let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let (a, b) = (a.get(&boundaries), b.get(&boundaries));
        let span = LineIndex::new(&text).span("f.txt", &text, *a.min(b)..*a.max(b));
        prop_assert_eq!(invariants::check_span(&text, &span), Ok(()));
    }

    /// Normalizing the normalized text of any text changes nothing (checked
    /// inside `invariants::check`), whatever characters it holds.
    #[test]
    fn normalization_is_idempotent(text in "(?s).{0,300}") {
        if let Ok(article) = Article::parse(text.as_bytes(), Markup::Plain) {
            prop_assert_eq!(invariants::check(&article), Ok(()));
        }
    }

    /// Value normalization never panics, for any text, kind and date order;
    /// what it reads has a finite magnitude and a canonical form that reads
    /// the same again.
    #[test]
    fn value_normalization_never_panics(raw in prop_oneof![
        "(?s).{0,40}",
        "[-+$€£¥ ]{0,2}[0-9,. ]{1,16}[ ]?(?:million|bn|billion|k|m|%|percent|per cent|USD|dollars)?",
        "(?:[0-9]{1,4}[-/. ]){2}[0-9]{1,4}",
        "(?:one|two|forty|nine|hundred|thousand|million|and|a|half|dozen|minus|-| ){1,8}",
    ], order in prop_oneof![Just(DateOrder::Dmy), Just(DateOrder::Mdy)]) {
        for kind in [ValueKind::Number, ValueKind::Percent, ValueKind::Year, ValueKind::Date, ValueKind::Money, ValueKind::Text] {
            let Some(value) = parse(kind, &raw, order) else {
                continue;
            };
            if let Some(magnitude) = value.magnitude() {
                prop_assert!(magnitude.is_finite(), "{:?} {:?} gives {}", kind, raw, magnitude);
            }
            let again = parse(kind, value.canonical(), order);
            prop_assert_eq!(again.as_ref(), Some(&value), "{:?} {:?}", kind, raw);
        }
    }
}

/// Inputs the properties once failed on (markup inside a word: an inline
/// comment, a tag in a comment, a footnote marker), kept as plain tests.
#[test]
fn found_by_the_properties() {
    for text in ["Aa<!--A-->a", "a<!--<br>a-->A", "AA[^1]a\n[^1]: "] {
        let article = Article::parse(text.as_bytes(), Markup::Markdown).expect("an article");
        assert_eq!(invariants::check(&article), Ok(()), "{text:?}");
    }
}
