//! ## Contradiction — always on
//!
//! Every rule, with or without `expect:`, holds only when no outlet denies
//! what another outlet states. A unit denies the claim when it matches
//! `deny:`, or (with `negation: auto`, the default) when a negation cue
//! (`not`, `n't`, `no`, `never`, `no longer`, `neither`, `nor`, `without`,
//! `denied`, `denies`, `false`) stands at most five words before a matched
//! pattern. Each such denial is reported as **`contradiction`**, with the
//! statements of the other outlets as related spans.

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
