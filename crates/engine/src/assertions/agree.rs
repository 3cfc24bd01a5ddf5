//! `agree: true` (needs `extract`): reports [`Kind::Conflict`], whose
//! documentation (`crosscheck explain conflict`) says when, where and how to
//! act on it: each value that differs from the majority's.

use std::collections::BTreeMap;

use super::{diagnostic, message, relate, Evidence, Fields, Item};
use crate::diagnostic::{Diagnostic, Kind, Suggestion};
use crate::values::Value;
use crate::wording::{names, outlets};

/// One outlet's value, at one statement.
struct Vote<'a> {
    outlet: &'a str,
    value: &'a Value,
    item: Item<'a>,
}

pub(super) fn check(evidence: &Evidence, out: &mut Vec<Diagnostic>) {
    let rule = evidence.rule;
    // `agree` is only valid with `extract`, whose values the statements carry.
    if !rule.expect.agree {
        return;
    }
    let votes: Vec<Vote> = evidence
        .stating()
        .flat_map(|outlet| {
            outlet.states.iter().filter_map(move |item| {
                Some(Vote {
                    outlet: outlet.name,
                    value: &item.statement.value.as_ref()?.value,
                    item: *item,
                })
            })
        })
        .collect();
    let agrees = |a: &Value, b: &Value| a.agrees(b, rule.expect.tolerance);
    if votes.iter().all(|vote| agrees(vote.value, votes[0].value)) {
        return;
    }

    // Support of each distinct value: the outlets giving a value that agrees with it.
    let mut distinct: Vec<&Value> = Vec::new();
    for vote in &votes {
        if !distinct
            .iter()
            .any(|value| value.canonical() == vote.value.canonical())
        {
            distinct.push(vote.value);
        }
    }
    let support = |value: &Value| {
        let mut supporters: Vec<&str> = votes
            .iter()
            .filter(|vote| agrees(vote.value, value))
            .map(|vote| vote.outlet)
            .collect();
        supporters.dedup();
        supporters
    };
    let supports: Vec<(&Value, Vec<&str>)> = distinct
        .iter()
        .map(|value| (*value, support(value)))
        .collect();
    let best = supports
        .iter()
        .map(|(_, supporters)| supporters.len())
        .max()
        .unwrap_or(0);
    let leaders: Vec<&(&Value, Vec<&str>)> = supports
        .iter()
        .filter(|(_, supporters)| supporters.len() == best)
        .collect();
    let majority = leaders
        .first()
        .filter(|_| leaders.iter().all(|(value, _)| agrees(value, leaders[0].0)))
        .map(|(value, _)| *value);

    let tally = tally(&votes);
    for vote in &votes {
        if majority.is_some_and(|majority| agrees(vote.value, majority)) {
            continue;
        }
        let value = vote.value.canonical();
        let extracted = vote
            .item
            .statement
            .value
            .as_ref()
            .expect("votes have values");
        let fields = Fields {
            count: evidence.stating_count(),
            value: Some(value),
            majority: majority.map(Value::canonical),
            outlets: &[],
            ..Fields::default()
        };
        let default = match majority {
            Some(majority) => format!(
                "gives {value} where most outlets give {}",
                majority.canonical()
            ),
            None => format!("gives {value}; the values given have no majority"),
        };
        let mut diagnostic = diagnostic(
            rule,
            Kind::Conflict,
            &extracted.span,
            message(rule, &fields, default),
        );
        diagnostic.value = Some(value.to_owned());
        let others = votes
            .iter()
            .filter(|other| other.outlet != vote.outlet && !agrees(other.value, vote.value));
        let mut seen = Vec::new();
        let related = others.filter(|other| {
            !seen.contains(&other.outlet) && {
                seen.push(other.outlet);
                true
            }
        });
        relate(
            &mut diagnostic,
            related.map(|other| (other.outlet, other.item)),
            |name, item| {
                format!(
                    "{name} gives {}",
                    item.statement
                        .value
                        .as_ref()
                        .map_or("", |v| v.value.canonical())
                )
            },
        );
        diagnostic.notes.push(format!("values given: {tally}"));
        if let Some(majority) = majority {
            let wording = majority_wording(
                &votes,
                majority,
                &extracted.span.text,
                rule.expect.tolerance,
            );
            diagnostic.suggestion = Some(Suggestion {
                path: extracted.span.path.clone(),
                byte_start: extracted.span.byte_start,
                byte_end: extracted.span.byte_end,
                replacement: wording.clone(),
                message: format!(
                    "replace `{}` with `{wording}`, as most outlets give",
                    extracted.span.text
                ),
            });
        }
        out.push(diagnostic);
    }
}

/// "49% (2 outlets: a, b); 27% (1 outlet: c)", most supported first.
fn tally(votes: &[Vote]) -> String {
    let mut by_value: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for vote in votes {
        let outlets = by_value.entry(vote.value.canonical()).or_default();
        if !outlets.contains(&vote.outlet) {
            outlets.push(vote.outlet);
        }
    }
    let mut entries: Vec<(&str, Vec<&str>)> = by_value.into_iter().collect();
    entries.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    entries
        .iter()
        .map(|(value, names_giving)| {
            format!(
                "{value} ({}: {})",
                outlets(names_giving.len()),
                names(names_giving)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// How the majority writes its value, preferring the wording that looks like
/// the one replaced (digits for digits, words for words), then the most common.
fn majority_wording(votes: &[Vote], majority: &Value, replaced: &str, tolerance: f64) -> String {
    let digits = |text: &str| text.chars().any(|c| c.is_ascii_digit());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for vote in votes
        .iter()
        .filter(|vote| vote.value.agrees(majority, tolerance))
    {
        if let Some(extracted) = &vote.item.statement.value {
            *counts.entry(extracted.span.text.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(text, count)| {
            (
                digits(text) == digits(replaced),
                *count,
                std::cmp::Reverse(*text),
            )
        })
        .map_or_else(
            || majority.canonical().to_owned(),
            |(text, _)| text.to_owned(),
        )
}
