//! `when_mentioned: REGEX`: reports [`Kind::Missing`], whose documentation
//! (`crosscheck explain missing`) says when, where and how to act on it: each
//! outlet that mentions the topic without stating the claim, at its first
//! mention.

use super::{diagnostic, message, relate, Evidence, Fields};
use crate::diagnostic::{Diagnostic, Kind};
use crate::wording::names;

pub(super) fn check(evidence: &Evidence, out: &mut Vec<Diagnostic>) {
    let rule = evidence.rule;
    if rule.matching.when_mentioned.is_none() {
        return;
    }
    let names_stating = evidence.stating_names();
    let mentioning = evidence
        .outlets
        .iter()
        .filter(|outlet| !outlet.mentions.is_empty())
        .count();
    for outlet in &evidence.outlets {
        if outlet.is_stating() || !outlet.denies.is_empty() {
            continue;
        }
        // The first mention in file order (mentions are sorted oldest article first).
        let Some(first) = outlet.mentions.iter().min_by(|a, b| {
            (&a.article.path, a.span().byte_start).cmp(&(&b.article.path, b.span().byte_start))
        }) else {
            continue;
        };
        let fields = Fields {
            count: names_stating.len(),
            outlets: &names_stating,
            ..Fields::default()
        };
        let default = format!(
            "mentions `{}` but does not state this claim",
            first.span().text
        );
        let mut diagnostic = diagnostic(
            rule,
            Kind::Missing,
            first.span(),
            message(rule, &fields, default),
        );
        let stating = evidence
            .stating()
            .map(|other| (other.name, other.states[0]));
        relate(&mut diagnostic, stating, |name, _| {
            format!("stated by {name}")
        });
        diagnostic.notes.push(format!(
            "{} of {mentioning} outlets that mention it state it: {}",
            names_stating.len(),
            if names_stating.is_empty() {
                "none".to_owned()
            } else {
                names(&names_stating)
            }
        ));
        out.push(diagnostic);
    }
}
