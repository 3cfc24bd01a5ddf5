//! One rule against one unit of normalized text.

use std::ops::Range;

use super::negation::cue_before;
use super::StatementKind;
use crate::rules::{Negation, Rule};
use crate::values::ValueKind;

/// What a unit says about a rule's claim, in normalized-text coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: StatementKind,
    /// From the first matched pattern's start to the last one's end.
    pub range: Range<usize>,
    /// The `value` group of the extract pattern, for statements.
    pub value: Option<(Range<usize>, ValueKind)>,
}

/// Whether `unit` of `text` states or denies `rule`'s claim.
pub fn evaluate_unit(rule: &Rule, text: &str, unit: Range<usize>) -> Option<Finding> {
    let offset = unit.start;
    let unit_text = &text[unit];
    let shift = |range: Range<usize>| range.start + offset..range.end + offset;

    if let Some(denial) = rule.deny.iter().filter_map(|pattern| pattern.regex.find(unit_text)).min_by_key(|m| (m.start(), m.end())) {
        return Some(Finding { kind: StatementKind::Denies, range: shift(denial.range()), value: None });
    }

    let mut matched: Vec<Range<usize>> = Vec::with_capacity(rule.all.len() + 1);
    if rule.has_match() {
        for pattern in &rule.all {
            matched.push(pattern.regex.find(unit_text)?.range());
        }
        let before_any = matched.len();
        matched.extend(rule.any.iter().filter_map(|pattern| pattern.regex.find(unit_text)).map(|m| m.range()));
        if !rule.any.is_empty() && matched.len() == before_any {
            return None;
        }
    } else {
        let extract = rule.extract.as_ref()?;
        matched.push(extract.pattern.regex.find(unit_text)?.range());
    }
    if rule.not.iter().any(|pattern| pattern.regex.is_match(unit_text)) {
        return None;
    }

    let start = matched.iter().map(|range| range.start).min()?;
    let end = matched.iter().map(|range| range.end).max()?;
    if rule.negation == Negation::Auto {
        if let Some(cue) = matched.iter().filter_map(|range| cue_before(unit_text, range.start)).min() {
            return Some(Finding { kind: StatementKind::Denies, range: shift(cue.min(start)..end), value: None });
        }
    }

    let value = rule.extract.as_ref().and_then(|extract| {
        let group = extract.pattern.regex.captures(unit_text)?.name("value")?;
        Some((shift(group.range()), extract.kind))
    });
    Some(Finding { kind: StatementKind::States, range: shift(start..end), value })
}
