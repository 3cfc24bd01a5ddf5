//! The contradiction check, always on: reports [`Kind::Contradiction`], whose
//! documentation (`crosscheck explain contradiction`) says when, where and
//! how to act on it: each denial of what another outlet states.

use super::{diagnostic, message, names, outlets, relate, Evidence, Fields};
use crate::diagnostic::{Diagnostic, Kind};

pub(super) fn check(evidence: &Evidence, out: &mut Vec<Diagnostic>) {
    let rule = evidence.rule;
    for outlet in evidence.outlets.iter().filter(|outlet| !outlet.denies.is_empty()) {
        let others: Vec<&str> = evidence.stating().filter(|other| other.name != outlet.name).map(|other| other.name).collect();
        if others.is_empty() {
            continue;
        }
        for item in &outlet.denies {
            let fields = Fields { count: others.len(), outlets: &others, ..Fields::default() };
            let default = format!("denies this claim, which {} {}", outlets(others.len()), if others.len() == 1 { "states" } else { "state" });
            let mut diagnostic = diagnostic(rule, Kind::Contradiction, item.span(), message(rule, &fields, default));
            let stating = evidence.stating().filter(|other| other.name != outlet.name).map(|other| (other.name, other.states[0]));
            relate(&mut diagnostic, stating, |name, _| format!("stated by {name}"));
            diagnostic.notes.push(format!("stated by {}: {}", outlets(others.len()), names(&others)));
            out.push(diagnostic);
        }
    }
}
