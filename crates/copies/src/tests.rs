use proptest::prelude::*;

use super::*;

/// An AP story as a wire client would run it (sentences from GVA story 404238).
const SOURCE: &str = "# 3 dead, 2 hurt in shooting spree near Bristol

BRISTOL, Tenn. (AP) — A gunman killed three relatives in a surprise attack witnessed by several children in a home in eastern Tennessee, authorities said.

The 19-year-old attacker was shot and wounded by another family member during his getaway and was captured a short time later, the Sullivan County sheriff's office said.

A half-dozen children were in the home during the shooting spree and one girl was injured, Sheriff Wayne Anderson said.

\"From what I've seen and heard, he just took 'em by surprise,\" Anderson said. \"It just all happened real fast.\"

Two women with gunshot wounds were found in the kitchen when authorities arrived Saturday evening, he said. They were pronounced dead at the scene.

A man found on the front porch with gunshot wounds was airlifted to a hospital, where he later died, the sheriff said.

Copyright 2015 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
";

/// A story of another incident that shares only stock phrases with `SOURCE`
/// and with `OTHER_INCIDENT`.
const INDEPENDENT: &str = "# Man wounded in Orange Mound shooting

MEMPHIS, Tenn. — A man was shot several times outside a convenience store on Park Avenue late Friday, police said.

Officers found the 34-year-old victim in the parking lot and took him to Regional One Health in critical condition, police said.

No arrests have been made. The cause remains under investigation.

Anyone with information is asked to call Crime Stoppers at 901-528-2274.
";

const OTHER_INCIDENT: &str = "# Teen hurt in drive-by shooting in Frayser

A 16-year-old boy was wounded when someone fired into a house on Overton Crossing Street on Sunday night, police said.

The boy was taken to Le Bonheur Children's Hospital, where he is expected to survive, police said.

No arrests have been made in the case. The cause remains under investigation by the department's homicide unit, police said.

Anyone with information is asked to call the Frayser station at 901-545-2677.
";

/// The byte range of the first occurrence of `needle` in `text`.
fn range_of(text: &str, needle: &str) -> Range<usize> {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    start..start + needle.len()
}

/// Whether `copy` is a copy of `SOURCE` at the level of the whole text and of
/// the passage around "A half-dozen children...", which every copy keeps, and
/// whether that passage is located in the right sentence of the source.
fn assert_copy_of_source(copy: &str) {
    let (copy_print, source_print) = (Fingerprint::new(copy), Fingerprint::new(SOURCE));
    let shared = copy_print.shared_with(&source_print);
    assert!(shared >= 0.5, "shared {shared} in {copy}");
    // Single words, which re-wrapping leaves whole.
    let statement = range_of(copy, "half-dozen");
    let passage = range_of(copy, "19-year-old").start..range_of(copy, "'em").end;
    let found = copy_print
        .passage_in(&source_print, passage, statement.start)
        .unwrap_or_else(|| panic!("passage not found in {copy}"));
    assert!(found.shared >= PASSAGE_SHARE, "{found:?}");
    let sentence = range_of(SOURCE, "A half-dozen children were in the home during the shooting spree and one girl was injured, Sheriff Wayne Anderson said.");
    assert!(
        sentence.contains(&found.source_byte),
        "{found:?} not in {sentence:?}"
    );
}

#[test]
fn a_text_is_a_copy_of_itself() {
    assert_copy_of_source(SOURCE);
}

#[test]
fn a_copy_with_a_new_headline_is_a_copy() {
    assert_copy_of_source(&SOURCE.replace(
        "# 3 dead, 2 hurt in shooting spree near Bristol",
        "# He Took Them by Surprise: 3 Dead, 2 Hurt in Shooting Spree",
    ));
}

#[test]
fn a_copy_with_its_own_dateline_and_credit_line_is_a_copy() {
    let copy = SOURCE.replace("BRISTOL, Tenn. (AP) — ", "SULLIVAN COUNTY, Tenn. (WJHL) - ").replace(
        "Copyright 2015 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
        "Copyright 2015 WJHL. All rights reserved.\n\nThe Associated Press contributed to this report.",
    );
    assert_copy_of_source(&copy);
}

#[test]
fn a_copy_with_curly_quotes_and_other_dashes_is_a_copy() {
    let mut opening = true;
    let curly: String = SOURCE
        .chars()
        .map(|char| match char {
            '"' => {
                opening = !opening;
                if opening {
                    '”'
                } else {
                    '“'
                }
            }
            '\'' => '’',
            '—' => '–',
            '-' => '‐',
            _ => char,
        })
        .collect();
    let copy_print = Fingerprint::new(&curly);
    assert_eq!(copy_print.shared_with(&Fingerprint::new(SOURCE)), 1.0);
    let statement = curly
        .find("half-dozen")
        .or_else(|| curly.find("half‐dozen"))
        .unwrap_or_default();
    let found = copy_print.passage_in(
        &Fingerprint::new(SOURCE),
        statement..statement + 1,
        statement,
    );
    assert!(
        found.is_some_and(
            |found| range_of(SOURCE, "A half-dozen children were in the home")
                .contains(&found.source_byte)
        ),
        "{found:?}"
    );
}

#[test]
fn a_rewrapped_copy_is_a_copy() {
    let mut wrapped = String::new();
    for paragraph in SOURCE.split("\n\n") {
        let mut column = 0;
        for word in paragraph.split(' ') {
            if column + word.len() > 60 {
                wrapped.push('\n');
                column = 0;
            } else if column > 0 {
                wrapped.push(' ');
                column += 1;
            }
            wrapped.push_str(word);
            column += word.len();
        }
        wrapped.push_str("\n\n");
    }
    assert_ne!(wrapped.trim(), SOURCE.trim());
    assert_copy_of_source(&wrapped);
    assert_eq!(
        Fingerprint::new(&wrapped).shared_with(&Fingerprint::new(SOURCE)),
        1.0
    );
}

#[test]
fn a_copy_with_markdown_emphasis_and_links_is_a_copy() {
    let copy = SOURCE
        .replace("BRISTOL, Tenn. (AP) —", "**BRISTOL, Tenn. (AP)** —")
        .replace("surprise attack", "*surprise* attack")
        .replace(
            "the Sullivan County sheriff's office said",
            "the [Sullivan County sheriff's office](https://www.sullivancountytn.gov/sheriff \"Sheriff\") said",
        )
        .replace("Sheriff Wayne Anderson said", "Sheriff __Wayne Anderson__ said");
    assert_copy_of_source(&copy);
    assert_eq!(
        Fingerprint::new(&copy).shared_with(&Fingerprint::new(SOURCE)),
        1.0
    );
}

#[test]
fn a_copy_with_a_paragraph_dropped_is_a_copy() {
    let copy = SOURCE.replace("A man found on the front porch with gunshot wounds was airlifted to a hospital, where he later died, the sheriff said.\n\n", "");
    assert_copy_of_source(&copy);
}

#[test]
fn a_copy_with_a_paragraph_moved_is_a_copy() {
    let moved = "Two women with gunshot wounds were found in the kitchen when authorities arrived Saturday evening, he said. They were pronounced dead at the scene.\n\n";
    let copy = SOURCE.replace(moved, "").replace(
        "The 19-year-old attacker",
        &format!("{moved}The 19-year-old attacker"),
    );
    assert_copy_of_source(&copy);
    let found = Fingerprint::new(&copy).passage_in(
        &Fingerprint::new(SOURCE),
        range_of(&copy, moved.trim()),
        range_of(&copy, "in the kitchen").start,
    );
    assert!(
        found.is_some_and(|found| range_of(SOURCE, moved.trim()).contains(&found.source_byte)),
        "{found:?}"
    );
}

#[test]
fn a_copy_with_a_word_or_two_edited_is_a_copy() {
    let copy = SOURCE
        .replace("witnessed by several children", "witnessed by six children")
        .replace(
            "was captured a short time later",
            "was arrested a short time later",
        );
    assert_copy_of_source(&copy);
}

#[test]
fn stock_phrases_do_not_make_a_copy() {
    let (independent, other) = (
        Fingerprint::new(INDEPENDENT),
        Fingerprint::new(OTHER_INCIDENT),
    );
    for (copy, source) in [(&independent, &other), (&other, &independent)] {
        let shared = copy.shared_with(source);
        assert!(shared < COPY_SHARE, "shared {shared}");
    }
    for stock in [
        "police said",
        "No arrests have been made",
        "The cause remains under investigation",
        "Anyone with information is asked to call",
    ] {
        let statement = range_of(INDEPENDENT, stock);
        let sentence_start = INDEPENDENT[..statement.start]
            .rfind("\n\n")
            .map_or(0, |start| start + 2);
        let passage = sentence_start
            ..INDEPENDENT[statement.end..]
                .find("\n\n")
                .map_or(INDEPENDENT.len(), |end| statement.end + end);
        assert_eq!(
            independent.passage_in(&other, passage.clone(), statement.start),
            None,
            "{stock:?}"
        );
        assert_eq!(
            independent.passage_in(&Fingerprint::new(SOURCE), passage, statement.start),
            None,
            "{stock:?}"
        );
    }
}

#[test]
fn stock_text_of_a_corpus_is_removed() {
    // A tip line that the police put in every release, run by every outlet.
    let tip_line = "Anyone with information is asked to call Crime Stoppers at 901-528-2274.";
    let stories: Vec<String> = [INDEPENDENT, OTHER_INCIDENT, SOURCE]
        .iter()
        .map(|text| format!("{text}\n{tip_line}\n"))
        .collect();
    let fingerprints: Vec<Fingerprint> =
        stories.iter().map(|text| Fingerprint::new(text)).collect();
    let passage = range_of(&stories[1], tip_line);
    assert!(fingerprints[1]
        .passage_in(&fingerprints[2], passage.clone(), passage.start)
        .is_some());
    let stock = Stock::of_stories(fingerprints.iter().map(std::iter::once));
    let [mut other, mut source] = [fingerprints[1].clone(), fingerprints[2].clone()];
    other.remove_stock(&stock);
    source.remove_stock(&stock);
    assert_eq!(
        other.passage_in(&source, passage.clone(), passage.start),
        None
    );
    assert!(other.shared_with(&source) < fingerprints[1].shared_with(&fingerprints[2]));
    // In a single story nothing is stock.
    assert_eq!(Stock::of_stories([&fingerprints]), Stock::default());
}

#[test]
fn a_fingerprint_survives_serialization() {
    let fingerprint = Fingerprint::new(SOURCE);
    let json = serde_json::to_string(&fingerprint).unwrap_or_default();
    assert_eq!(
        serde_json::from_str::<Fingerprint>(&json).ok(),
        Some(fingerprint)
    );
}

#[test]
fn texts_without_words_share_nothing() {
    let empty = Fingerprint::new(" — \n\n** **");
    assert_eq!(empty.shared_with(&empty), 0.0);
    assert_eq!(empty.passage_in(&empty, 0..10, 0), None);
    assert_eq!(
        Fingerprint::new("Police said.").shared_with(&Fingerprint::new("police SAID")),
        1.0
    );
}

/// Texts of sentences of words from a small vocabulary, with the byte range
/// of each sentence.
fn texts() -> impl Strategy<Value = (String, Vec<Range<usize>>)> {
    const WORDS: &[&str] = &[
        "police",
        "said",
        "the",
        "a",
        "man",
        "woman",
        "was",
        "shot",
        "killed",
        "Tuesday",
        "in",
        "of",
        "“near”",
        "home",
        "sheriff’s",
        "O'Brien",
        "19-year-old",
        "**arrested**",
        "Zoë",
        "1,000",
        "officers",
        "found",
        "car",
        "street",
        "and",
        "(AP)",
        "told",
        "WJHL",
        "É",
    ];
    let sentence = prop::collection::vec(prop::sample::select(WORDS), 1..25);
    prop::collection::vec(sentence, 1..12).prop_map(|sentences| {
        let mut text = String::new();
        let mut ranges = Vec::new();
        for words in sentences {
            let start = text.len();
            text.push_str(&words.join(" "));
            text.push('.');
            ranges.push(start..text.len());
            text.push_str(if ranges.len() % 3 == 0 { "\n\n" } else { " " });
        }
        (text, ranges)
    })
}

proptest! {
    #[test]
    fn a_text_is_a_full_copy_of_itself((text, sentences) in texts()) {
        let fingerprint = Fingerprint::new(&text);
        prop_assert_eq!(fingerprint.shared_with(&fingerprint), 1.0);
        for (index, sentence) in sentences.iter().enumerate() {
            let passage = sentences[index.saturating_sub(1)].start..sentences[(index + 1).min(sentences.len() - 1)].end;
            let found = fingerprint.passage_in(&fingerprint, passage, sentence.start);
            prop_assert_eq!(found, Some(Found { source_byte: sentence.start, shared: 1.0 }));
            let alone = fingerprint.passage_in(&fingerprint, sentence.clone(), sentence.start);
            prop_assert_eq!(alone, Some(Found { source_byte: sentence.start, shared: 1.0 }));
        }
    }

    #[test]
    fn shares_are_between_0_and_1((copy, sentences) in texts(), (source, _) in texts()) {
        let (copy_print, source_print) = (Fingerprint::new(&copy), Fingerprint::new(&source));
        let shared = copy_print.shared_with(&source_print);
        prop_assert!((0.0..=1.0).contains(&shared));
        for sentence in sentences {
            if let Some(found) = copy_print.passage_in(&source_print, sentence.clone(), sentence.start) {
                prop_assert!((PASSAGE_SHARE..=1.0).contains(&found.shared));
                prop_assert!(found.source_byte <= source.len());
            }
        }
    }
}
