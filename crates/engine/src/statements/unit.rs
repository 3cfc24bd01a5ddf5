//! One rule against one unit of normalized text.

use std::ops::Range;

use super::negation::cue_before;
use super::StatementKind;
use crate::rules::{Matching, Negation};
use crate::values::ValueKind;

/// What a unit says about a rule's claim, in normalized-text coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Whether the unit states or denies the claim.
    pub kind: StatementKind,
    /// From the first matched pattern's start to the last one's end.
    pub range: Range<usize>,
    /// The `value` group of the extract pattern, for statements.
    pub value: Option<(Range<usize>, ValueKind)>,
}

/// Whether `unit` of `text` states or denies the claim of the rule whose matching is `rule`.
pub fn evaluate_unit(rule: &Matching, text: &str, unit: Range<usize>) -> Option<Finding> {
    let offset = unit.start;
    let unit_text = &text[unit];
    let shift = |range: Range<usize>| range.start + offset..range.end + offset;

    if let Some(denial) = rule
        .deny
        .iter()
        .filter_map(|pattern| pattern.regex.find(unit_text))
        .min_by_key(|m| (m.start(), m.end()))
    {
        return Some(Finding {
            kind: StatementKind::Denies,
            range: shift(denial.range()),
            value: None,
        });
    }

    let mut matched: Vec<Range<usize>> = Vec::with_capacity(rule.all.len() + 1);
    if rule.has_match() {
        for pattern in &rule.all {
            matched.push(pattern.regex.find(unit_text)?.range());
        }
        let before_any = matched.len();
        matched.extend(
            rule.any
                .iter()
                .filter_map(|pattern| pattern.regex.find(unit_text))
                .map(|m| m.range()),
        );
        if !rule.any.is_empty() && matched.len() == before_any {
            return None;
        }
    } else {
        let extract = rule.extract.as_ref()?;
        matched.push(extract.pattern.regex.find(unit_text)?.range());
    }
    if rule
        .not
        .iter()
        .any(|pattern| pattern.regex.is_match(unit_text))
    {
        return None;
    }

    let start = matched.iter().map(|range| range.start).min()?;
    let end = matched.iter().map(|range| range.end).max()?;
    if rule.negation == Negation::Auto {
        if let Some(cue) = matched
            .iter()
            .filter_map(|range| cue_before(unit_text, range.start))
            .min()
        {
            return Some(Finding {
                kind: StatementKind::Denies,
                range: shift(cue.min(start)..end),
                value: None,
            });
        }
    }

    let value = rule.extract.as_ref().and_then(|extract| {
        let group = extract.pattern.regex.captures(unit_text)?.name("value")?;
        Some((shift(group.range()), extract.kind))
    });
    Some(Finding {
        kind: StatementKind::States,
        range: shift(start..end),
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn compile_rule(body: &str) -> Matching {
        let text = format!("rules:\n  - id: r\n    claim: c\n{body}");
        RuleSet::from_text("r.yaml", &text)
            .unwrap_or_else(|problems| panic!("{problems:?}"))
            .rules
            .remove(0)
            .matching
    }

    fn evaluate(rule: &Matching, text: &str) -> Option<(StatementKind, &'static str)> {
        let finding = evaluate_unit(rule, text, 0..text.len())?;
        Some((
            finding.kind,
            Box::leak(text[finding.range].to_owned().into_boxed_str()),
        ))
    }

    #[test]
    fn all_any_and_not() {
        let rule = compile_rule("    match: { all: ['\\b2032\\b'], any: ['\\bthrough\\b', '\\broadmap\\b'], not: ['\\bbefore 2032\\b'] }\n");
        assert_eq!(
            evaluate(&rule, "The alliance runs through 2032, they said."),
            Some((StatementKind::States, "through 2032"))
        );
        assert_eq!(
            evaluate(&rule, "Their roadmap reaches 2032."),
            Some((StatementKind::States, "roadmap reaches 2032"))
        );
        assert_eq!(
            evaluate(&rule, "Sales may double by 2032."),
            None,
            "no `any` pattern"
        );
        assert_eq!(
            evaluate(&rule, "It ends through talks before 2032."),
            None,
            "a `not` pattern"
        );
    }

    #[test]
    fn deny_patterns_and_negation_cues_make_denials() {
        let rule = compile_rule("    match: { all: ['\\bAzure\\b'], any: ['\\bprimary\\b'] }\n    deny: ['\\bAzure is secondary\\b']\n");
        assert_eq!(
            evaluate(&rule, "Azure will no longer be the primary cloud."),
            Some((StatementKind::Denies, "Azure will no longer be the primary"))
        );
        assert_eq!(
            evaluate(&rule, "Now Azure is secondary."),
            Some((StatementKind::Denies, "Azure is secondary"))
        );
        assert_eq!(
            evaluate(&rule, "Azure remains the primary cloud."),
            Some((StatementKind::States, "Azure remains the primary"))
        );
        let off = compile_rule(
            "    match: { all: ['\\bAzure\\b'], any: ['\\bprimary\\b'] }\n    negation: off\n",
        );
        assert_eq!(
            evaluate(&off, "Azure will no longer be the primary cloud."),
            Some((StatementKind::States, "Azure will no longer be the primary"))
        );
    }

    #[test]
    fn extract_only_rules_state_where_the_value_is() {
        let rule = compile_rule(
            "    extract: { pattern: '(?P<value>\\d+)% (?:economic )?interest', kind: percent }\n",
        );
        let text = "Microsoft keeps its 49% economic interest.";
        let finding = evaluate_unit(&rule, text, 0..text.len()).unwrap();
        assert_eq!(&text[finding.range], "49% economic interest");
        let (value, kind) = finding.value.unwrap();
        assert_eq!((&text[value], kind), ("49", ValueKind::Percent));
        assert_eq!(evaluate(&rule, "Microsoft keeps an interest."), None);
    }

    #[test]
    fn units_are_evaluated_in_place() {
        let rule = compile_rule("    pattern: '\\bprimary\\b'\n");
        let text = "First unit. Azure is primary.";
        let finding = evaluate_unit(&rule, text, 12..text.len()).unwrap();
        assert_eq!(&text[finding.range], "primary");
        assert!(evaluate_unit(&rule, text, 0..11).is_none());
    }

    #[test]
    fn case_sensitive_rules() {
        let rule = compile_rule("    case: sensitive\n    pattern: '\\bAzure\\b'\n");
        assert!(evaluate(&rule, "azure is a colour").is_none());
        assert!(evaluate(&rule, "Azure is a cloud").is_some());
    }
}
