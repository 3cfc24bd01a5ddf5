//! `max_sources: N`: reports [`Kind::Overstated`], whose documentation
//! (`crosscheck explain overstated`) says when, where and how to act on it:
//! each statement of an outlet past the first N, oldest first.

use super::{diagnostic, message, relate, Evidence, Fields};
use crate::diagnostic::{Diagnostic, Kind};
use crate::wording::{names, outlets};

pub(super) fn check(evidence: &Evidence, out: &mut Vec<Diagnostic>) {
    let rule = evidence.rule;
    let Some(allowed) = rule.expect.max_sources else {
        return;
    };
    let count = evidence.stating_count();
    if count <= allowed {
        return;
    }
    let names_stating = evidence.stating_names();
    for (position, outlet) in evidence.stating().enumerate().skip(allowed) {
        for item in &outlet.states {
            let fields = Fields {
                count,
                needed: Some(allowed),
                value: item.statement.value.as_ref().map(|v| v.value.canonical()),
                outlets: &names_stating,
                ..Fields::default()
            };
            let default = format!(
                "{} state this claim, at most {allowed} allowed",
                outlets(count)
            );
            let mut diagnostic = diagnostic(
                rule,
                Kind::Overstated,
                item.span(),
                message(rule, &fields, default),
            );
            diagnostic.value = fields.value.map(str::to_owned);
            if allowed == 0 {
                let others = evidence
                    .stating()
                    .filter(|other| other.name != outlet.name)
                    .map(|other| (other.name, other.states[0]));
                relate(&mut diagnostic, others, |name, _| {
                    format!("also stated by {name}")
                });
            } else {
                let first = evidence
                    .stating()
                    .take(allowed)
                    .map(|other| (other.name, other.states[0]));
                relate(&mut diagnostic, first, |name, _| {
                    format!("stated first by {name}")
                });
            }
            diagnostic.notes.push(format!(
                "stated by {count} outlets (at most {allowed}): {}",
                names(&names_stating)
            ));
            diagnostic.notes.push(format!(
                "{} is outlet {} of {count}, oldest first",
                outlet.name,
                position + 1
            ));
            out.push(diagnostic);
        }
    }
}
