//! `crosscheck rules explain ID`: one rule, where it is written, and every
//! statement, denial and mention it finds in each story of the corpus, with
//! what `lint` reports about them.

use std::collections::BTreeMap;

use crate::assertions::{group_by_story, Evidence};
use crate::diagnostic::{Diagnostic, Kind};
use crate::record::ArticleRecord;
use crate::rules::{Rule, RuleSet};
use crate::span::{LineIndex, Span};

/// Everything `rules explain` shows about one rule.
#[derive(Debug)]
pub struct Explanation<'a> {
    /// The rule explained.
    pub rule: &'a Rule,
    /// The rule's `id` in its file.
    pub defined_at: Span,
    /// One per story the rule applies to, in story order.
    pub stories: Vec<Evidence<'a>>,
    /// How many diagnostics of each kind the rule gives.
    pub findings: BTreeMap<Kind, usize>,
}

/// The explanation of rule `id` over `records`, whose lint gave `diagnostics`;
/// None when no rule has that id.
pub fn explain<'a>(
    rules: &'a RuleSet,
    id: &str,
    records: &'a [ArticleRecord],
    diagnostics: &[Diagnostic],
) -> Option<Explanation<'a>> {
    let index = rules.rules.iter().position(|rule| rule.id == id)?;
    let rule = &rules.rules[index];
    let defined_at = match rules.file(&rule.origin.path) {
        Some(file) => {
            LineIndex::new(&file.text).span(&file.path, &file.text, rule.origin.range.clone())
        }
        None => Span {
            path: rule.origin.path.clone(),
            byte_start: 0,
            byte_end: 0,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            text: String::new(),
        },
    };
    let stories = group_by_story(records)
        .into_iter()
        .filter(|(story, _)| rule.matching.applies_to(story))
        .map(|(story, members)| Evidence::gather(index, rule, story, &members))
        .collect();
    let mut findings = BTreeMap::new();
    for diagnostic in diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == rule.id)
    {
        *findings.entry(diagnostic.kind).or_default() += 1;
    }
    Some(Explanation {
        rule,
        defined_at,
        stories,
        findings,
    })
}
