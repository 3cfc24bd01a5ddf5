//! The contradiction check, always on: reports [`Kind::Contradiction`], whose
//! documentation (`crosscheck explain contradiction`) says when, where and
//! how to act on it: each denial of what another outlet states.

use super::{diagnostic, message, relate, Evidence, Fields};
use crate::diagnostic::{Diagnostic, Kind, Related};
use crate::rules::Rule;
use crate::span::Span;
use crate::wording::{names, outlets};

pub(super) fn check(evidence: &Evidence, out: &mut Vec<Diagnostic>) {
    let rule = evidence.rule;
    for outlet in evidence
        .outlets
        .iter()
        .filter(|outlet| !outlet.denies.is_empty())
    {
        let others: Vec<&str> = evidence
            .stating()
            .filter(|other| other.name != outlet.name)
            .map(|other| other.name)
            .collect();
        if others.is_empty() {
            continue;
        }
        for item in &outlet.denies {
            let fields = Fields {
                count: others.len(),
                outlets: &others,
                ..Fields::default()
            };
            let default = format!(
                "denies this claim, which {} {}",
                outlets(others.len()),
                if others.len() == 1 { "states" } else { "state" }
            );
            let mut diagnostic = diagnostic(
                rule,
                Kind::Contradiction,
                item.span(),
                message(rule, &fields, default),
            );
            let stating = evidence
                .stating()
                .filter(|other| other.name != outlet.name)
                .map(|other| (other.name, other.states[0]));
            relate(&mut diagnostic, stating, |name, _| {
                format!("stated by {name}")
            });
            diagnostic.notes.push(format!(
                "stated by {}: {}",
                outlets(others.len()),
                names(&others)
            ));
            out.push(diagnostic);
        }
    }
}

/// The contradiction of `denials` (contradiction diagnostics of `rule`)
/// seen from the statement they deny, for a review that shows only the
/// stating article (`lint --focus`): there the article under review is the
/// one contradicted. The rule's `message:` applies as to every diagnostic.
pub fn seen_from_statement(
    rule: Option<&Rule>,
    statement: &Span,
    denials: &[&Diagnostic],
    outlet_of: impl Fn(&str) -> String,
) -> Diagnostic {
    let mut deniers: Vec<String> = denials
        .iter()
        .map(|denial| outlet_of(&denial.primary.path))
        .collect();
    deniers.sort();
    deniers.dedup();
    let deniers: Vec<&str> = deniers.iter().map(String::as_str).collect();
    let first = denials[0];
    let default = format!(
        "states this claim, which {} {}",
        outlets(deniers.len()),
        if deniers.len() == 1 { "denies" } else { "deny" }
    );
    let fields = Fields {
        count: deniers.len(),
        outlets: &deniers,
        ..Fields::default()
    };
    Diagnostic {
        rule: first.rule.clone(),
        kind: Kind::Contradiction,
        severity: first.severity,
        message: rule.map_or(default.clone(), |rule| message(rule, &fields, default)),
        claim: first.claim.clone(),
        primary: statement.clone(),
        related: denials
            .iter()
            .map(|denial| Related {
                span: denial.primary.clone(),
                message: format!("denied by {}", outlet_of(&denial.primary.path)),
            })
            .collect(),
        value: None,
        notes: vec![format!(
            "denied by {}: {}",
            outlets(deniers.len()),
            names(&deniers)
        )],
        suggestion: None,
    }
}
