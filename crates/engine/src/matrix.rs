//! The claims × outlets matrix (SPEC §6): for each rule and story, what each
//! outlet states, denies, mentions or leaves unsaid, with the spans behind it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::assertions::{group_by_story, Evidence};
use crate::diagnostic::{Diagnostic, Kind};
use crate::record::ArticleRecord;
use crate::rules::RuleSet;
use crate::span::Span;
use crate::statements::{Statement, StatementKind};

/// What one outlet's articles say about one rule's claim in one story: the
/// strongest of what they say, states before denies before mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// At least one of its articles states the claim (it may also deny it elsewhere).
    States,
    /// It denies the claim and never states it.
    Denies,
    /// It only mentions the rule's `when_mentioned` topic.
    Mentions,
    /// It says nothing about the claim.
    Silent,
}

/// One statement, denial or mention behind a cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellSpan {
    /// Where it is; flattened into the object in JSON.
    #[serde(flatten)]
    pub span: Span,
    /// Whether this span states, denies or mentions the claim (an extension
    /// of SPEC §6: a cell that states may also hold denials).
    pub kind: StatementKind,
    /// The normalized value it gives, if the rule extracts one and it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// What one outlet says about one claim in one story, with the spans behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// The strongest thing the outlet says about the claim.
    pub state: State,
    /// Normalized values, distinct, in file order.
    pub values: Vec<String>,
    /// Every statement, denial and mention of the outlet, by path, then byte offset.
    pub spans: Vec<CellSpan>,
    /// One of its values is reported as a `conflict`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conflict: bool,
}

impl Cell {
    /// The cell in a few characters: its values joined by `separator`, or a
    /// mark for its state (✓ states, ✗ denies, ✓✗ both, ~ mentions); None
    /// when the outlet is silent.
    pub fn summary(&self, separator: &str) -> Option<String> {
        let text = match self.state {
            State::States if !self.values.is_empty() => self.values.join(separator),
            State::States
                if self
                    .spans
                    .iter()
                    .any(|span| span.kind == StatementKind::Denies) =>
            {
                "✓✗".to_owned()
            }
            State::States => "✓".to_owned(),
            State::Denies => "✗".to_owned(),
            State::Mentions => "~".to_owned(),
            State::Silent => return None,
        };
        Some(text)
    }
}

/// One rule in one story: a claim and what each outlet says about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// The rule's id.
    pub rule: String,
    /// The rule's `claim:`.
    pub claim: String,
    /// The story's name: `corpus` when the whole corpus is one story, else a
    /// folder such as `gva/404238` or a front-matter `story:`.
    pub story: String,
    /// Every outlet of the story, by name.
    pub cells: BTreeMap<String, Cell>,
}

/// The claims × outlets document of SPEC §6 (`matrix --format json`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Matrix {
    /// The version of the document's format, now 1.
    pub version: u32,
    /// Every outlet of the corpus, in name order.
    pub outlets: Vec<String>,
    /// One row per rule and story it applies to, in rule order then story order.
    pub claims: Vec<Row>,
}

impl Matrix {
    /// One row per rule and story it applies to, in rule order then story order.
    pub fn build(rules: &RuleSet, records: &[ArticleRecord], diagnostics: &[Diagnostic]) -> Matrix {
        let conflicts: BTreeSet<(&str, &str, usize)> = diagnostics
            .iter()
            .filter(|d| d.kind == Kind::Conflict)
            .map(|d| {
                (
                    d.rule.as_str(),
                    d.primary.path.as_str(),
                    d.primary.byte_start,
                )
            })
            .collect();
        let stories = group_by_story(records);
        let mut claims = Vec::new();
        for (index, rule) in rules.rules.iter().enumerate() {
            for (story, members) in &stories {
                if !rule.matching.applies_to(story) {
                    continue;
                }
                let evidence = Evidence::gather(index, rule, story, members);
                let cells = evidence
                    .outlets
                    .iter()
                    .map(|outlet| {
                        let state = if outlet.is_stating() {
                            State::States
                        } else if !outlet.denies.is_empty() {
                            State::Denies
                        } else if !outlet.mentions.is_empty() {
                            State::Mentions
                        } else {
                            State::Silent
                        };
                        let mut statements: Vec<(&str, &Statement)> = outlet
                            .states
                            .iter()
                            .chain(&outlet.denies)
                            .chain(&outlet.mentions)
                            .map(|item| (item.article.path.as_str(), item.statement))
                            .collect();
                        statements.sort_by(|a, b| {
                            (a.0, a.1.span.byte_start, a.1.kind).cmp(&(
                                b.0,
                                b.1.span.byte_start,
                                b.1.kind,
                            ))
                        });
                        let mut values: Vec<String> = Vec::new();
                        let mut conflict = false;
                        let spans = statements
                            .iter()
                            .map(|(_, statement)| {
                                let value = statement.value.as_ref().map(|extracted| {
                                    conflict |= conflicts.contains(&(
                                        rule.id.as_str(),
                                        extracted.span.path.as_str(),
                                        extracted.span.byte_start,
                                    ));
                                    extracted.value.canonical().to_owned()
                                });
                                if let Some(value) = &value {
                                    if !values.contains(value) {
                                        values.push(value.clone());
                                    }
                                }
                                CellSpan {
                                    span: statement.span.clone(),
                                    kind: statement.kind,
                                    value,
                                }
                            })
                            .collect();
                        (
                            outlet.name.to_owned(),
                            Cell {
                                state,
                                values,
                                spans,
                                conflict,
                            },
                        )
                    })
                    .collect();
                claims.push(Row {
                    rule: rule.id.clone(),
                    claim: rule.claim.clone(),
                    story: (*story).to_owned(),
                    cells,
                });
            }
        }
        let outlets = records
            .iter()
            .map(|record| record.outlet.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        Matrix {
            version: 1,
            outlets,
            claims,
        }
    }

    /// The rows grouped by story (stories in name order, rows in rule
    /// order): one table each, as every format shows them.
    pub fn stories(&self) -> BTreeMap<&str, Vec<&Row>> {
        let mut stories: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
        for row in &self.claims {
            stories.entry(&row.story).or_default().push(row);
        }
        stories
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(rule: &str, story: &str) -> Row {
        Row {
            rule: rule.to_owned(),
            claim: String::new(),
            story: story.to_owned(),
            cells: BTreeMap::new(),
        }
    }

    #[test]
    fn stories_group_rows_that_build_lists_rule_first() {
        let matrix = Matrix {
            version: 1,
            outlets: Vec::new(),
            claims: vec![
                row("a", "s2"),
                row("a", "s1"),
                row("b", "s2"),
                row("b", "s1"),
            ],
        };
        let stories: Vec<(&str, Vec<&str>)> = matrix
            .stories()
            .into_iter()
            .map(|(story, rows)| (story, rows.iter().map(|row| row.rule.as_str()).collect()))
            .collect();
        assert_eq!(stories, [("s1", vec!["a", "b"]), ("s2", vec!["a", "b"])]);
    }
}
