//! Assertions: the rules' `expect:` judged over the statements of each story
//! (SPEC §3). Each assertion lives in its own file; the user documentation of
//! what it reports is that of the [`Kind`]. All of them read the same
//! [`Evidence`].

pub mod agree;
pub mod contradiction;
mod evidence;
pub mod max_sources;
pub mod min_sources;
pub mod when_mentioned;

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Kind, Related};
use crate::record::ArticleRecord;
use crate::rules::{Rule, RuleSet};
use crate::span::Span;
use crate::statements::StatementKind;

pub use evidence::{Evidence, Item, OutletEvidence, Story};

/// At most this many other outlets are named as related spans of one
/// diagnostic; a note counts the rest.
pub const MAX_RELATED_OUTLETS: usize = 10;

/// Every diagnostic the rules' assertions give over `articles`, sorted.
/// Rules are judged in parallel: each one reads only its own statements.
pub fn judge(rules: &RuleSet, articles: &[ArticleRecord]) -> Vec<Diagnostic> {
    let stories = group_by_story(articles);
    let mut diagnostics: Vec<Diagnostic> = rules
        .rules
        .par_iter()
        .enumerate()
        .flat_map_iter(|(index, rule)| judge_rule(rules, index, rule, &stories))
        .collect();
    Diagnostic::sort(&mut diagnostics);
    diagnostics
}

fn judge_rule(
    rules: &RuleSet,
    index: usize,
    rule: &Rule,
    stories: &BTreeMap<&str, Story>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut unstated = Vec::new();
    for (story, members) in stories {
        if !rule.matching.applies_to(story) {
            continue;
        }
        // Most stories say nothing of most claims; then only `min_sources` has something to report.
        if members.stating(index).next().is_none() {
            if rule.expect.min_sources.is_some_and(|needed| needed > 0) {
                unstated.push((*story, members.outlets().len()));
            }
            continue;
        }
        let evidence = Evidence::gather(index, rule, story, members);
        if min_sources::check(&evidence, &mut diagnostics) == min_sources::Verdict::Unstated {
            unstated.push((*story, evidence.outlets.len()));
        }
        max_sources::check(&evidence, &mut diagnostics);
        agree::check(&evidence, &mut diagnostics);
        when_mentioned::check(&evidence, &mut diagnostics);
        contradiction::check(&evidence, &mut diagnostics);
    }
    if let Some(diagnostic) = min_sources::unstated(rule, rules, &unstated) {
        diagnostics.push(diagnostic);
    }
    diagnostics
}

/// Only the `unstated` diagnostics, one per rule whose `min_sources` some
/// story leaves unsaid: what an edit can change outside its own story, found
/// without judging every story again.
pub fn unstated(rules: &RuleSet, articles: &[ArticleRecord]) -> Vec<Diagnostic> {
    let stories = group_by_story(articles);
    let mut diagnostics = Vec::new();
    for (index, rule) in rules.rules.iter().enumerate() {
        if rule.expect.min_sources.is_none_or(|needed| needed == 0) {
            continue;
        }
        let unsaid: Vec<(&str, usize)> = stories
            .iter()
            .filter(|(story, members)| {
                rule.matching.applies_to(story)
                    && !members.stating(index).any(|position| {
                        members.articles[position]
                            .statements_of(index)
                            .iter()
                            .any(|statement| statement.kind == StatementKind::States)
                    })
            })
            .map(|(story, members)| (*story, members.outlets().len()))
            .collect();
        diagnostics.extend(min_sources::unstated(rule, rules, &unsaid));
    }
    diagnostics
}

/// Articles by story, stories in name order, articles in path order.
pub fn group_by_story(articles: &[ArticleRecord]) -> BTreeMap<&str, Story<'_>> {
    // Hashed, not ordered, while every article is placed: a corpus has far
    // fewer stories than articles, and only the stories are put in order.
    let mut stories: FxHashMap<&str, Vec<&ArticleRecord>> = FxHashMap::default();
    for article in articles {
        stories.entry(&article.story).or_default().push(article);
    }
    stories
        .into_par_iter()
        .map(|(name, mut members)| {
            members.sort_by(|a, b| a.path.cmp(&b.path));
            (name, Story::new(members))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The values a message template may name.
#[derive(Default)]
pub(crate) struct Fields<'a> {
    pub count: usize,
    pub needed: Option<usize>,
    pub value: Option<&'a str>,
    pub majority: Option<&'a str>,
    pub outlets: &'a [&'a str],
}

/// The rule's `message` template filled in, else `default`.
pub(crate) fn message(rule: &Rule, fields: &Fields, default: String) -> String {
    let Some(template) = &rule.message else {
        return default;
    };
    let mut out = String::with_capacity(template.len());
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let replacement = match &after[..close] {
            "claim" => rule.claim.clone(),
            "id" => rule.id.clone(),
            "count" => fields.count.to_string(),
            "needed" => fields.needed.map(|n| n.to_string()).unwrap_or_default(),
            "value" => fields.value.unwrap_or_default().to_owned(),
            "majority" => fields.majority.unwrap_or_default().to_owned(),
            "outlets" => fields.outlets.join(", "),
            other => format!("{{{other}}}"),
        };
        out.push_str(&replacement);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A diagnostic of `rule` at a statement, before related spans and notes.
pub(crate) fn diagnostic(rule: &Rule, kind: Kind, primary: &Span, message: String) -> Diagnostic {
    Diagnostic {
        rule: rule.id.clone(),
        kind,
        severity: rule.severity,
        message,
        claim: rule.claim.clone(),
        primary: primary.clone(),
        related: Vec::new(),
        value: None,
        notes: Vec::new(),
        suggestion: None,
    }
}

/// Related spans: the first item of each outlet, at most
/// [`MAX_RELATED_OUTLETS`] of them, and a note counting the rest.
pub(crate) fn relate<'a>(
    diagnostic: &mut Diagnostic,
    outlets: impl Iterator<Item = (&'a str, Item<'a>)>,
    describe: impl Fn(&str, &Item) -> String,
) {
    let outlets: Vec<(&str, Item)> = outlets.collect();
    for (name, item) in outlets.iter().take(MAX_RELATED_OUTLETS) {
        diagnostic.related.push(Related {
            span: item.span().clone(),
            message: describe(name, item),
        });
    }
    if outlets.len() > MAX_RELATED_OUTLETS {
        diagnostic.notes.push(format!(
            "{} more outlets are not shown",
            outlets.len() - MAX_RELATED_OUTLETS
        ));
    }
}
