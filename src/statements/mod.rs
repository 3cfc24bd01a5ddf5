//! Statements: which units of an article state, deny or mention each rule's
//! claim (SPEC §1, §3). This is the per-article "map" step; assertions judge
//! the statements of the whole corpus afterwards.

mod negation;
mod unit;

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::rules::{Rule, RuleSet, Scope};
use crate::span::{LineIndex, Span};
use crate::values::{DateOrder, Value};

pub use unit::{evaluate_unit, Finding};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    States,
    Denies,
    Mentions,
}

/// A value pulled out of a statement by the rule's `extract` pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Extracted {
    pub value: Value,
    pub span: Span,
}

/// One unit of one article that states or denies a rule's claim, or one
/// mention of its `when_mentioned` topic.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Index of the rule in its [`RuleSet`].
    pub rule: usize,
    pub kind: StatementKind,
    pub span: Span,
    pub value: Option<Extracted>,
}

/// How units are chosen for evaluation. Both give the same statements; the
/// exhaustive way exists to prove it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Strategy {
    /// Only units that overlap a match of the rule's patterns in the whole text.
    #[default]
    Prefiltered,
    /// Every unit of every rule.
    Exhaustive,
}

/// What an article is read with: the rules that apply to its story.
pub struct Reader<'a> {
    pub rules: &'a RuleSet,
    pub date_order: DateOrder,
    pub strategy: Strategy,
}

impl Reader<'_> {
    /// Every statement, denial and mention of `rules` (indices into the rule
    /// set) in `article`, in rule order, then text order.
    pub fn statements(&self, path: &str, article: &Article, rules: &[usize]) -> Vec<Statement> {
        let lines = LineIndex::new(&article.source);
        let mut document = Document { article, sentences: HashMap::new() };
        let mut statements = Vec::new();
        for &index in rules {
            let rule = &self.rules.rules[index];
            let units = match self.strategy {
                Strategy::Prefiltered if prefilter_is_exact(rule) => document.candidate_units(rule),
                _ => document.units(rule.scope),
            };
            for unit in units {
                if let Some(finding) = evaluate_unit(rule, &article.text.text, unit) {
                    statements.push(self.statement(index, path, article, &lines, finding));
                }
            }
            if let Some(topic) = &rule.expect.when_mentioned {
                for mention in topic.regex.find_iter(&article.text.text).filter(|m| !m.is_empty()) {
                    let span = resolve(path, article, &lines, mention.range());
                    statements.push(Statement { rule: index, kind: StatementKind::Mentions, span, value: None });
                }
            }
        }
        statements
    }

    fn statement(&self, rule: usize, path: &str, article: &Article, lines: &LineIndex, finding: Finding) -> Statement {
        let span = resolve(path, article, lines, finding.range);
        let value = finding.value.and_then(|(range, kind)| {
            let value = crate::values::normalize(kind, &article.text.text[range.clone()], self.date_order)?;
            Some(Extracted { value, span: resolve(path, article, lines, range) })
        });
        Statement { rule, kind: finding.kind, span, value }
    }
}

fn resolve(path: &str, article: &Article, lines: &LineIndex, range: Range<usize>) -> Span {
    lines.span(path, &article.source, article.text.original_range(range))
}

/// Whether a match inside a unit is sure to be found by a search of the
/// whole text, so that the units around whole-text matches are all there is
/// to evaluate. Anchors (`^`, `$`, `\A`, `\z`) and `\B` see the edges of a
/// unit differently from the text around it; such rules read every unit.
fn prefilter_is_exact(rule: &Rule) -> bool {
    use regex_syntax::hir::Look;
    let edge_sensitive = [Look::Start, Look::End, Look::StartLF, Look::EndLF, Look::StartCRLF, Look::EndCRLF, Look::WordAsciiNegate, Look::WordUnicodeNegate];
    trigger_patterns(rule).all(|pattern| {
        regex_syntax::parse(&pattern.source).map(|hir| !edge_sensitive.iter().any(|look| hir.properties().look_set().contains(*look))).unwrap_or(false)
    })
}

/// The patterns one of which must match for a unit to state or deny the claim.
fn trigger_patterns(rule: &Rule) -> impl Iterator<Item = &crate::rules::Pattern> {
    let stating: &[crate::rules::Pattern] = if !rule.all.is_empty() {
        &rule.all[..1]
    } else if !rule.any.is_empty() {
        &rule.any
    } else {
        std::slice::from_ref(&rule.extract.as_ref().expect("a rule without match has extract").pattern)
    };
    stating.iter().chain(&rule.deny)
}

/// An article's units, with sentences cut only for the blocks that need them.
struct Document<'a> {
    article: &'a Article,
    sentences: HashMap<usize, Vec<Range<usize>>>,
}

impl Document<'_> {
    fn units(&mut self, scope: Scope) -> Vec<Range<usize>> {
        match scope {
            Scope::Document => std::iter::once(0..self.article.text.text.len()).collect(),
            Scope::Paragraph => self.article.blocks.iter().map(|block| block.range.clone()).collect(),
            Scope::Sentence => (0..self.article.blocks.len()).flat_map(|block| self.sentences_of(block).to_vec()).collect(),
        }
    }

    fn candidate_units(&mut self, rule: &Rule) -> Vec<Range<usize>> {
        let text = &self.article.text.text;
        let mut hits: Vec<Range<usize>> =
            trigger_patterns(rule).flat_map(|pattern| pattern.regex.find_iter(text).map(|m| m.start()..m.end().max(m.start() + 1))).collect();
        if hits.is_empty() {
            return Vec::new();
        }
        hits.sort_by_key(|hit| hit.start);
        if rule.scope == Scope::Document {
            return std::iter::once(0..text.len()).collect();
        }
        // The furthest end among the hits up to each one: whether any hit
        // starting before a unit's end reaches into it is one lookup, not a
        // scan of every earlier hit (quadratic in a long article).
        let reach: Vec<usize> = hits
            .iter()
            .scan(0, |furthest, hit| {
                *furthest = hit.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        let overlaps = |unit: &Range<usize>| {
            let first = hits.partition_point(|hit| hit.start < unit.end);
            first > 0 && reach[first - 1] > unit.start
        };
        let blocks: Vec<usize> = (0..self.article.blocks.len()).filter(|&i| overlaps(&self.article.blocks[i].range)).collect();
        match rule.scope {
            Scope::Paragraph => blocks.into_iter().map(|i| self.article.blocks[i].range.clone()).collect(),
            _ => blocks.into_iter().flat_map(|i| self.sentences_of(i).to_vec()).filter(|unit| overlaps(unit)).collect(),
        }
    }

    fn sentences_of(&mut self, block: usize) -> &[Range<usize>] {
        let article = self.article;
        self.sentences.entry(block).or_insert_with(|| article.sentences(&article.blocks[block]))
    }
}
