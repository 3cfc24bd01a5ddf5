//! `min_sources: N`: reports [`Kind::Uncorroborated`] and [`Kind::Unstated`],
//! whose documentation (`crosscheck explain uncorroborated`, `… unstated`)
//! says when, where and how to act on them: each statement when 1 to N-1
//! outlets state the claim, one finding per rule when no outlet of a story does.

use super::{diagnostic, message, relate, Evidence, Fields};
use crate::diagnostic::{Diagnostic, Kind};
use crate::rules::{Rule, RuleSet};
use crate::span::LineIndex;
use crate::wording::{names, outlets};

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Holds,
    Uncorroborated,
    Unstated,
}

pub(super) fn check(evidence: &Evidence, out: &mut Vec<Diagnostic>) -> Verdict {
    let rule = evidence.rule;
    let Some(needed) = rule.expect.min_sources else {
        return Verdict::Holds;
    };
    let count = evidence.stating_count();
    if count == 0 && needed > 0 {
        return Verdict::Unstated;
    }
    if count >= needed {
        return Verdict::Holds;
    }
    let names_stating = evidence.stating_names();
    let total = evidence.outlets.len();
    for outlet in evidence.stating() {
        for item in &outlet.states {
            let fields = Fields {
                count,
                needed: Some(needed),
                value: item.statement.value.as_ref().map(|v| v.value.canonical()),
                outlets: &names_stating,
                ..Fields::default()
            };
            let default = format!(
                "only {} {} this claim, {} needed",
                outlets(count),
                if count == 1 { "states" } else { "state" },
                needed
            );
            let mut diagnostic = diagnostic(
                rule,
                Kind::Uncorroborated,
                item.span(),
                message(rule, &fields, default),
            );
            diagnostic.value = fields.value.map(str::to_owned);
            let others = evidence
                .stating()
                .filter(|other| other.name != outlet.name)
                .map(|other| (other.name, other.states[0]));
            relate(&mut diagnostic, others, |name, _| {
                format!("also stated by {name}")
            });
            diagnostic.notes.push(format!(
                "stated by {count} of {total} outlets (needs {needed}): {}",
                names(&names_stating)
            ));
            out.push(diagnostic);
        }
    }
    Verdict::Uncorroborated
}

/// The one `unstated` diagnostic of a rule, at its id in the rule file.
pub(super) fn unstated(
    rule: &Rule,
    rules: &RuleSet,
    stories: &[(&str, usize)],
) -> Option<Diagnostic> {
    let needed = rule.expect.min_sources?;
    if stories.is_empty() {
        return None;
    }
    let file = rules.file(&rule.origin.path)?;
    let primary =
        LineIndex::new(&file.text).span(&file.path, &file.text, rule.origin.range.clone());
    let fields = Fields {
        count: 0,
        needed: Some(needed),
        ..Fields::default()
    };
    let default = format!("no outlet states this claim, {needed} needed");
    let mut diagnostic = diagnostic(
        rule,
        Kind::Unstated,
        &primary,
        message(rule, &fields, default),
    );
    let story_names: Vec<&str> = stories.iter().map(|(story, _)| *story).collect();
    match stories {
        [(story, outlet_count)] => diagnostic.notes.push(format!(
            "none of the {} of story `{story}` states it",
            outlets(*outlet_count)
        )),
        _ => diagnostic.notes.push(format!(
            "not stated in {} stories: {}",
            stories.len(),
            names(&story_names)
        )),
    }
    Some(diagnostic)
}
