//! Statements: which units of an article state, deny or mention each rule's
//! claim (SPEC §1, §3). This is the per-article "map" step; assertions judge
//! the statements of the whole corpus afterwards.

mod matcher;
pub mod negation;
mod search;
mod unit;

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::choice::Choice;
use crate::rules::{Matching, RuleSet, Scope};
use crate::span::{LineIndex, Span};
use crate::values::{DateOrder, Value};

use matcher::{Hit, Matcher, Plan, Scan, Triggers};
pub use unit::{evaluate_unit, Finding};

/// What a statement does with a rule's claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// The unit matches the rule's patterns: it states the claim.
    States,
    /// The unit matches a `deny:` pattern, or a negation cue stands before a
    /// matched pattern (`negation: auto`).
    Denies,
    /// The text names the rule's `when_mentioned` topic.
    Mentions,
}

/// A value pulled out of a statement by the rule's `extract` pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Extracted {
    /// The value, parsed as the rule's `extract.kind`.
    pub value: Value,
    /// Where the `value` group of the pattern matched, in the original file.
    pub span: Span,
}

/// One unit of one article that states or denies a rule's claim, or one
/// mention of its `when_mentioned` topic.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Index of the rule in its [`RuleSet`].
    pub rule: usize,
    /// Whether the unit states or denies the claim, or mentions its topic.
    pub kind: StatementKind,
    /// Where it is in the original file: a statement from its first matched
    /// pattern's start to the last one's end, a denial from its cue or `deny`
    /// match, a mention its topic's match.
    pub span: Span,
    /// The value the rule's `extract:` pulls out of a statement, if any.
    pub value: Option<Extracted>,
}

/// How units are chosen for evaluation. Both give the same statements; the
/// exhaustive way exists to prove it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Strategy {
    /// Only units that hold the ends of the right patterns, found by one
    /// pass of a combined automaton over the whole text (see `matcher`).
    #[default]
    Prefiltered,
    /// Every unit of every rule.
    Exhaustive,
}

impl Choice for Strategy {
    const ALL: &'static [Strategy] = &[Strategy::Prefiltered, Strategy::Exhaustive];

    fn name(self) -> &'static str {
        match self {
            Strategy::Prefiltered => "prefiltered",
            Strategy::Exhaustive => "exhaustive",
        }
    }

    fn about(self) -> &'static str {
        match self {
            Strategy::Prefiltered => "Only units that hold the ends of the right patterns, found by one pass of a combined automaton over the whole text",
            Strategy::Exhaustive => "Every unit of every rule",
        }
    }
}

/// The combined automaton of one rule set, built on first use (a run served
/// from the cache never needs it). None on the exhaustive path, or when the
/// automaton cannot be built.
#[derive(Default)]
pub struct Combined(OnceLock<Option<Matcher>>);

/// What an article is read with: the rules and, on the fast path, their
/// combined automaton.
pub struct Reader<'a> {
    /// The rules the articles are read for.
    pub rules: &'a RuleSet,
    /// How slash dates in extracted values read (the config's `date_order:`).
    pub date_order: DateOrder,
    strategy: Strategy,
    combined: Slot<'a>,
    /// The rules that apply to each story met so far: a corpus has far
    /// fewer stories than articles, and matching `stories:` globs per
    /// article and rule adds up.
    by_story: Mutex<FxHashMap<String, Arc<[usize]>>>,
}

enum Slot<'a> {
    /// Boxed: a `Matcher` is large, a reference small.
    Own(Box<Combined>),
    /// Kept by the caller between readers of the same rule set.
    Shared(&'a Combined),
}

impl<'a> Reader<'a> {
    /// A reader of `rules` with its own automaton, built on first need when
    /// `strategy` is [`Strategy::Prefiltered`].
    pub fn new(rules: &'a RuleSet, date_order: DateOrder, strategy: Strategy) -> Reader<'a> {
        Reader {
            rules,
            date_order,
            strategy,
            combined: Slot::Own(Box::default()),
            by_story: Mutex::default(),
        }
    }

    /// A fast-path reader whose automaton is `combined`, built by the first
    /// reader of these `rules` that needs it and kept for the next ones (the
    /// language server reads one article per edit). `combined` must only
    /// ever serve this rule set.
    pub fn sharing(
        rules: &'a RuleSet,
        date_order: DateOrder,
        combined: &'a Combined,
    ) -> Reader<'a> {
        Reader {
            rules,
            date_order,
            strategy: Strategy::Prefiltered,
            combined: Slot::Shared(combined),
            by_story: Mutex::default(),
        }
    }

    /// The indices of the rules that apply to `story`.
    pub fn rules_of(&self, story: &str) -> Arc<[usize]> {
        let mut by_story = self
            .by_story
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(rules) = by_story.get(story) {
            return Arc::clone(rules);
        }
        let rules: Arc<[usize]> = self
            .rules
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.matching.applies_to(story))
            .map(|(index, _)| index)
            .collect();
        by_story.insert(story.to_owned(), Arc::clone(&rules));
        rules
    }

    /// Builds the combined automaton now, rather than when the first article
    /// needs it (which makes the other threads wait for it).
    pub fn prepare(&self) {
        self.matcher();
    }

    fn matcher(&self) -> Option<&Matcher> {
        let combined = match &self.combined {
            Slot::Own(combined) => &**combined,
            Slot::Shared(combined) => combined,
        };
        combined
            .0
            .get_or_init(|| match self.strategy {
                Strategy::Prefiltered => Matcher::new(self.rules),
                Strategy::Exhaustive => None,
            })
            .as_ref()
    }

    /// Every statement, denial and mention of `rules` (indices into the rule
    /// set) in `article`, in rule order, then text order.
    pub fn statements(&self, path: &str, article: &Article, rules: &[usize]) -> Vec<Statement> {
        // Line starts are found once the first statement needs them.
        let lines = OnceLock::new();
        let lines = || lines.get_or_init(|| LineIndex::new(&article.source));
        let text = &article.text.text;
        let mut document = Document {
            article,
            sentences: vec![None; article.blocks.len()],
        };
        let fast = self
            .matcher()
            .and_then(|matcher| Some((matcher, matcher.scan(text)?)));
        let mut statements = Vec::new();
        for &index in rules {
            // Only the rule's `Matching` decides its statements (and keys the cache).
            let rule = &self.rules.rules[index].matching;
            let units = match fast {
                Some((matcher, ref scan)) => match matcher.plan(index) {
                    Plan::Triggered(triggers) => {
                        document.candidate_units(rule, triggers, scan, index)
                    }
                    Plan::EveryUnit => document.units(rule.scope),
                },
                None => document.units(rule.scope),
            };
            for unit in units {
                if let Some(finding) = evaluate_unit(rule, text, unit) {
                    statements.push(self.statement(index, path, article, lines(), finding));
                }
            }
            let mentions = match fast {
                Some((matcher, ref scan)) => matcher.mentions(index, rule, text, scan),
                None => rule
                    .when_mentioned
                    .iter()
                    .flat_map(|topic| topic.regex.find_iter(text))
                    .filter(|m| !m.is_empty())
                    .map(|m| m.range())
                    .collect(),
            };
            for mention in mentions {
                let span = resolve(path, article, lines(), mention);
                statements.push(Statement {
                    rule: index,
                    kind: StatementKind::Mentions,
                    span,
                    value: None,
                });
            }
        }
        // Kept for the whole run: a vector grown by pushes holds room for four.
        statements.shrink_to_fit();
        statements
    }

    fn statement(
        &self,
        rule: usize,
        path: &str,
        article: &Article,
        lines: &LineIndex,
        finding: Finding,
    ) -> Statement {
        let span = resolve(path, article, lines, finding.range);
        let value = finding.value.and_then(|(range, kind)| {
            let value =
                crate::values::parse(kind, &article.text.text[range.clone()], self.date_order)?;
            Some(Extracted {
                value,
                span: resolve(path, article, lines, range),
            })
        });
        Statement {
            rule,
            kind: finding.kind,
            span,
            value,
        }
    }
}

fn resolve(path: &str, article: &Article, lines: &LineIndex, range: Range<usize>) -> Span {
    lines.span(path, &article.source, article.text.original_range(range))
}

/// An article's units, with sentences cut only for the blocks that need them.
struct Document<'a> {
    article: &'a Article,
    /// Per block, once cut.
    sentences: Vec<Option<Vec<Range<usize>>>>,
}

impl Document<'_> {
    fn units(&mut self, scope: Scope) -> Vec<Range<usize>> {
        match scope {
            Scope::Document => std::iter::once(0..self.article.text.text.len()).collect(),
            Scope::Paragraph => self
                .article
                .blocks
                .iter()
                .map(|block| block.range.clone())
                .collect(),
            Scope::Sentence => (0..self.article.blocks.len())
                .flat_map(|block| self.sentences_of(block).to_vec())
                .collect(),
        }
    }

    /// The units of rule `index` that hold the hits its `triggers` need.
    fn candidate_units(
        &mut self,
        rule: &Matching,
        triggers: &Triggers,
        scan: &Scan,
        index: usize,
    ) -> Vec<Range<usize>> {
        let hits = &scan.hits[index];
        if hits.is_empty() {
            return Vec::new();
        }
        let scope = rule.scope;
        if scope == Scope::Document {
            let mask = hits.iter().fold(0, |mask, hit| mask | hit.bit);
            return if triggers.may_match(mask) {
                std::iter::once(0..self.article.text.text.len()).collect()
            } else {
                Vec::new()
            };
        }
        let blocks = hit_masks(
            self.article.blocks.iter().map(|block| block.range.clone()),
            hits,
        );
        let mut units = Vec::new();
        for (block, mask) in blocks {
            if !triggers.may_match(mask) {
                continue;
            }
            let range = self.article.blocks[block].range.clone();
            if scope == Scope::Paragraph {
                units.push(range);
                continue;
            }
            if !triggers.may_state_or_deny(
                rule,
                &self.article.text.text[range.clone()],
                mask,
                scan.ascii_words,
            ) {
                continue;
            }
            let inside = &hits[hits.partition_point(|hit| hit.end <= range.start)
                ..hits.partition_point(|hit| hit.end <= range.end)];
            let sentences = self.sentences_of(block);
            units.extend(
                hit_masks(sentences.iter().cloned(), inside)
                    .into_iter()
                    .filter(|&(_, mask)| triggers.may_match(mask))
                    .map(|(i, _)| sentences[i].clone()),
            );
        }
        units
    }

    fn sentences_of(&mut self, block: usize) -> &[Range<usize>] {
        let article = self.article;
        self.sentences[block].get_or_insert_with(|| article.sentences(&article.blocks[block]))
    }
}

/// The units (sorted, disjoint) that hold the last byte of some hit, each
/// with the bits of its hits. `hits` are in text order.
fn hit_masks(units: impl IntoIterator<Item = Range<usize>>, hits: &[Hit]) -> Vec<(usize, u64)> {
    let mut found = Vec::new();
    let mut hits = hits.iter().peekable();
    for (index, unit) in units.into_iter().enumerate() {
        if hits.peek().is_none() {
            break;
        }
        let mut mask = 0;
        while let Some(hit) = hits.next_if(|hit| hit.end <= unit.end) {
            if hit.end > unit.start {
                mask |= hit.bit;
            }
        }
        if mask != 0 {
            found.push((index, mask));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Markup;

    const RULES: &str = r#"
rules:
  - id: primary
    claim: Azure is primary
    match: { all: ['\bAzure\b'], any: ['\bprimary\b', '\bmain\b'], not: ['\bformerly\b'] }
    deny: ['\bno longer (?:the )?primary\b']
    expect: { when_mentioned: '\bAzure\b' }
  - id: stake
    claim: The stake
    extract: { pattern: '(?P<value>\d+)% stake', kind: percent }
  - id: cafe
    claim: The café is open
    scope: paragraph
    match: { any: ['\bcafé\b', '\bcafe\b'] }
  - id: glued
    claim: A question glued to its answer
    match: { any: ['why\?\b', '\?\b{end-half}'] }
  - id: anchored
    claim: A sentence that starts with a claim
    match: { any: ['^Azure'] }
  - id: document
    claim: The whole article
    scope: document
    match: { all: ['\bAzure\b', '\bstake\b'] }
"#;

    const ARTICLES: &[&str] = &[
        "Azure is the primary cloud. Azure is formerly primary. It holds a 49% stake.",
        "Azure will no longer be the primary cloud. The café — Azure's main café — is open.",
        "# Azure\n\nWhy?Because Azure is main. Azure is not primary.\n\nÉcole Azure primary. Azureé primary. A 27% stake in the cafe.",
        "No claim here at all.\n\nNone.",
        "Naïve Azure…primary – a 3% stake © 2020. Azure, main • Azure primary?",
    ];

    fn statements(strategy: Strategy, source: &str) -> Vec<Statement> {
        let rules = RuleSet::from_text("rules.yaml", RULES).unwrap();
        let article = Article::parse(source.as_bytes(), Markup::Markdown).unwrap();
        let all: Vec<usize> = (0..rules.rules.len()).collect();
        Reader::new(&rules, DateOrder::Dmy, strategy).statements("a.md", &article, &all)
    }

    #[test]
    fn the_rules_of_a_story_follow_their_globs() {
        let rules = RuleSet::from_text(
            "rules.yaml",
            "rules:\n  - id: everywhere\n    claim: c\n    pattern: a\n  - id: gva\n    claim: d\n    pattern: b\n    stories: ['gva/*']\n",
        )
        .unwrap();
        let reader = Reader::new(&rules, DateOrder::Dmy, Strategy::Prefiltered);
        for _ in 0..2 {
            assert_eq!(&*reader.rules_of("gva/404238"), &[0, 1]);
            assert_eq!(&*reader.rules_of("abp/disaster"), &[0]);
        }
    }

    #[test]
    fn readers_sharing_an_automaton_build_it_once() {
        let rules = RuleSet::from_text("rules.yaml", RULES).unwrap();
        let article = Article::parse(ARTICLES[0].as_bytes(), Markup::Markdown).unwrap();
        let all: Vec<usize> = (0..rules.rules.len()).collect();
        let combined = Combined::default();
        let first = Reader::sharing(&rules, DateOrder::Dmy, &combined);
        let found = first.statements("a.md", &article, &all);
        let built: *const Matcher = first.matcher().expect("the automaton builds");
        let second = Reader::sharing(&rules, DateOrder::Dmy, &combined);
        assert!(
            std::ptr::eq(built, second.matcher().unwrap()),
            "the second reader built its own"
        );
        assert_eq!(found, second.statements("a.md", &article, &all));
        assert_eq!(found, statements(Strategy::Exhaustive, ARTICLES[0]));
    }

    #[test]
    fn the_fast_path_finds_what_every_unit_gives() {
        let mut found = 0;
        for source in ARTICLES {
            let exhaustive = statements(Strategy::Exhaustive, source);
            assert_eq!(
                statements(Strategy::Prefiltered, source),
                exhaustive,
                "{source}"
            );
            found += exhaustive.len();
        }
        assert!(
            found > 15,
            "the articles exercise the rules: {found} statements"
        );
    }
}
