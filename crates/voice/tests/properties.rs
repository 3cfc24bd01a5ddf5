//! Invariants on arbitrary text: quotations are well nested on character
//! boundaries, and classification never panics.

use crosscheck_voice::{Cues, Paragraph, Quotations};
use std::sync::OnceLock;

use proptest::prelude::*;

/// Text rich in the characters the rules read: marks, apostrophes, dashes,
/// punctuation, cue words, and some multi-byte letters.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("“"),
        Just("”"),
        Just("‘"),
        Just("’"),
        Just("\""),
        Just("'"),
        Just(" "),
        Just(", "),
        Just("; "),
        Just(" — "),
        Just(" – "),
        Just("--"),
        Just("."),
        Just("("),
        Just(")"),
        Just("\n"),
        Just("said"),
        Just("police"),
        Just("according to"),
        Just("may"),
        Just("May"),
        Just("5"),
        Just("reportedly"),
        Just("and"),
        Just("that"),
        Just("killed"),
        Just("three"),
        Just("é"),
        Just("日本"),
        Just("don"),
        Just("t"),
        Just("90s"),
        Just("em"),
        Just("sources said"),
        Just("unclear whether"),
        Just("believe"),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![newsy_text(), any::<String>()]
}

proptest! {
    #[test]
    fn quotations_are_well_nested_on_char_boundaries(text in any_text()) {
        let quotations = Quotations::of(&text);
        let list = quotations.as_slice();
        for quotation in list {
            let (range, inner) = (&quotation.range, &quotation.inner);
            prop_assert!(range.start <= inner.start && inner.start <= inner.end && inner.end <= range.end);
            prop_assert!(range.end <= text.len());
            for at in [range.start, inner.start, inner.end, range.end] {
                prop_assert!(text.is_char_boundary(at));
            }
            let enclosing = list.iter().filter(|outer| outer.range.start <= range.start && range.end <= outer.range.end && *outer != quotation).count();
            prop_assert_eq!(quotation.depth, enclosing);
        }
        for (index, a) in list.iter().enumerate() {
            for b in &list[index + 1..] {
                let disjoint = a.range.end <= b.range.start || b.range.end <= a.range.start;
                let nested = a.range.start <= b.range.start && b.range.end <= a.range.end;
                prop_assert!(disjoint || nested, "{:?} and {:?} cross", a, b);
                prop_assert!(a.range.start <= b.range.start, "ordered by start");
            }
        }
    }

    #[test]
    fn classification_never_panics_and_points_into_the_paragraph(
        text in any_text(),
        bounds in prop::array::uniform4(0usize..200),
    ) {
        static CUES: OnceLock<Cues> = OnceLock::new();
        let cues = CUES.get_or_init(Cues::english);
        let paragraph = Paragraph::new(&text);
        let voiced = cues.voice(&paragraph, bounds[0]..bounds[1], bounds[2]..bounds[3]);
        let ranges = voiced.cue.iter().map(|cue| cue.range.clone()).chain(voiced.source.clone());
        for range in ranges {
            prop_assert!(range.start <= range.end && range.end <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
        if let Some(cue) = &voiced.cue {
            prop_assert!(text[cue.range.clone()].starts_with(&cue.text));
        }
    }
}
