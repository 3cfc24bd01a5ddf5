//! Sentences: UAX #29 sentence boundaries within a block, minus the ones that
//! follow an English abbreviation that does not end a sentence (SPEC §2).
//!
//! Computed on demand, one block at a time: only blocks with candidate matches
//! are ever cut.

use std::ops::Range;

use super::sentence_bounds::sentence_bounds;
use super::Block;

/// The sentence units of `block` in `text`, trimmed of spaces, non-empty.
/// A heading block is one unit.
pub(crate) fn sentences(text: &str, block: &Block) -> Vec<Range<usize>> {
    let Some(body) = text.get(block.range.clone()) else {
        return Vec::new();
    };
    let base = block.range.start;
    let mut units = Vec::new();
    if block.heading {
        push_trimmed(&mut units, body, base, 0..body.len());
        return units;
    }
    let mut start = 0;
    let mut bounds = sentence_bounds(body).into_iter().peekable();
    while let Some((at, piece)) = bounds.next() {
        let end = at + piece.len();
        if let Some(&(_, next)) = bounds.peek() {
            if continues(&body[start..end], next) {
                continue;
            }
        }
        push_trimmed(&mut units, body, base, start..end);
        start = end;
    }
    units
}

fn push_trimmed(units: &mut Vec<Range<usize>>, body: &str, base: usize, range: Range<usize>) {
    let piece = &body[range.clone()];
    let trimmed = piece.trim_start_matches(' ');
    let start = range.start + (piece.len() - trimmed.len());
    let end = start + trimmed.trim_end_matches(' ').len();
    if start < end {
        units.push(base + start..base + end);
    }
}

/// Opening quotes and brackets before a word.
const OPENERS: &[char] = &['"', '\'', '(', '[', '{'];
/// Punctuation after a word.
const TRAILING: &[char] = &['"', '\'', ')', ']', '}', ',', ';', ':', '.', '!', '?'];

/// Whether the sentence that ends `before` goes on into `next`, because
/// `before` ends with an abbreviation that does not end a sentence here.
fn continues(before: &str, next: &str) -> bool {
    let before = before.trim_end_matches(' ');
    let token = before.rsplit(' ').next().unwrap_or(before);
    let Some(word) = token.strip_suffix('.') else {
        return false; // `?`, `!`, or a closing quote after the period
    };
    let word = word.trim_start_matches(OPENERS);
    let next_word = next
        .trim_start_matches(' ')
        .split(' ')
        .next()
        .unwrap_or("")
        .trim_start_matches(OPENERS);
    let next_core = next_word.trim_end_matches(TRAILING);
    let Some(first) = next_word.chars().next() else {
        return false;
    };
    let lower_or_digit = first.is_lowercase() || first.is_ascii_digit();
    let digit = first.is_ascii_digit();
    let starter = SENTENCE_STARTERS.contains(&next_core);

    // A title, also when a missing space glued it to the sentence before: "dead.Dr."
    if TITLES.contains(&word)
        || word
            .rsplit_once('.')
            .is_some_and(|(_, t)| TITLES.contains(&t))
    {
        return true;
    }
    if word == "No" || word == "Nos" {
        return digit;
    }
    if MONTHS.contains(&word) {
        return digit;
    }
    if word.eq_ignore_ascii_case("a.m") || word.eq_ignore_ascii_case("p.m") {
        return lower_or_digit || AFTER_TIME.contains(&next_core);
    }
    if is_dotted_acronym(word) || is_initial(word) || SUFFIXES.contains(&word) {
        return lower_or_digit || (first.is_uppercase() && !starter);
    }
    false
}

/// `U.S`, `D.C`, `U.N`, `Ph.D`, `N.Y` (the final period already removed).
fn is_dotted_acronym(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let letters = part.chars().count();
        if !(1..=2).contains(&letters) || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// A single capital letter: the initial in "Robert J. Smith".
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Titles before a name: never the end of a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Sen", "Sens", "Rep",
    "Reps", "Gov", "Govs", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Cpl", "Pvt",
    "Det", "Insp", "Supt", "Atty", "Rev", "Hon", "Pres", "Fr", "vs", "v",
];

/// Abbreviations that may end a sentence: kept joined unless the next word is
/// a common sentence starter. Company suffixes, name suffixes, streets, and
/// the AP abbreviations of U.S. states.
const SUFFIXES: &[&str] = &[
    "Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Plc", "Jr", "Sr", "St", "Ave", "Blvd", "Rd", "Mt",
    "Ft", "Dept", "Univ", "Assn", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla",
    "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo",
    "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wyo",
];

/// Month abbreviations: joined before a day number ("Jan. 5").
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Words that go on a time ("5 p.m. Tuesday", "10 a.m. EST").
const AFTER_TIME: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "ET",
    "EST",
    "EDT",
    "CT",
    "CST",
    "CDT",
    "MT",
    "MST",
    "MDT",
    "PT",
    "PST",
    "PDT",
    "GMT",
    "UTC",
    "BST",
    "CET",
];

/// Capitalized words that usually start a sentence: after an ambiguous
/// abbreviation they mean the sentence ended there.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Then",
    "Their",
    "His",
    "Her",
    "Its",
    "Our",
    "My",
    "Your",
    "In",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "Police",
    "Officers",
    "Authorities",
    "Officials",
    "Investigators",
    "Deputies",
    "Witnesses",
    "Sources",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "However",
    "Meanwhile",
    "Also",
    "According",
    "Both",
    "Each",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "One",
    "For",
    "From",
    "By",
    "With",
    "Now",
    "Today",
    "Yesterday",
    "Later",
    "Earlier",
    "Still",
    "Although",
    "Though",
    "Because",
    "Since",
    "Until",
    "Despite",
    "During",
    "Under",
    "Over",
    "To",
    "Of",
    "Neither",
    "Once",
    "Even",
    "Only",
    "Another",
    "Such",
    "Several",
    "Instead",
    "Here",
    "Anyone",
    "Everyone",
    "Nobody",
    "Other",
    "Further",
    "Furthermore",
    "Moreover",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        let block = Block {
            range: 0..text.len(),
            heading: false,
        };
        sentences(text, &block)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            cut("One sentence here. Another one! A third? Yes."),
            ["One sentence here.", "Another one!", "A third?", "Yes."]
        );
        assert_eq!(cut("No final punctuation"), ["No final punctuation"]);
        assert_eq!(cut(""), Vec::<&str>::new());
    }

    #[test]
    fn titles() {
        assert_eq!(
            cut("Mr. Smith met Dr. Jones and Sen. Warren. Then they left."),
            [
                "Mr. Smith met Dr. Jones and Sen. Warren.",
                "Then they left."
            ]
        );
        assert_eq!(
            cut("Gov. Bill Lee spoke. It rained."),
            ["Gov. Bill Lee spoke.", "It rained."]
        );
        assert_eq!(
            cut("The dog was found dead.Dr. Neil W. Hoffman said so."),
            ["The dog was found dead.Dr. Neil W. Hoffman said so."]
        );
    }

    #[test]
    fn dotted_acronyms() {
        assert_eq!(cut("U.S. officials said so."), ["U.S. officials said so."]);
        assert_eq!(cut("The U.S. Army said so."), ["The U.S. Army said so."]);
        assert_eq!(
            cut("He moved to the U.S. The move was costly."),
            ["He moved to the U.S.", "The move was costly."]
        );
        assert_eq!(
            cut("in Washington, D.C. Police said two died."),
            ["in Washington, D.C.", "Police said two died."]
        );
        assert_eq!(
            cut("A U.N. Security Council vote."),
            ["A U.N. Security Council vote."]
        );
    }

    #[test]
    fn times() {
        assert_eq!(
            cut("It happened at 5 p.m. The suspect fled."),
            ["It happened at 5 p.m.", "The suspect fled."]
        );
        assert_eq!(
            cut("At 5 p.m. on Friday it ended."),
            ["At 5 p.m. on Friday it ended."]
        );
        assert_eq!(
            cut("At 2:51 p.m. Wednesday it ended."),
            ["At 2:51 p.m. Wednesday it ended."]
        );
        assert_eq!(
            cut("At 9 A.M. Officers came."),
            ["At 9 A.M.", "Officers came."]
        );
    }

    #[test]
    fn company_suffixes() {
        assert_eq!(
            cut("Apple Inc. said it would."),
            ["Apple Inc. said it would."]
        );
        assert_eq!(
            cut("Apple Inc. CEO Tim Cook spoke."),
            ["Apple Inc. CEO Tim Cook spoke."]
        );
        assert_eq!(
            cut("He sold shares of Apple Inc. The stock fell."),
            ["He sold shares of Apple Inc.", "The stock fell."]
        );
        assert_eq!(
            cut("Warner Bros. Discovery and Acme Corp. Ltd. merged."),
            ["Warner Bros. Discovery and Acme Corp. Ltd. merged."]
        );
    }

    #[test]
    fn numbers_and_months() {
        assert_eq!(
            cut("He wore No. 3 all season."),
            ["He wore No. 3 all season."]
        );
        assert_eq!(
            cut("It is ranked No. 3 Ohio State."),
            ["It is ranked No. 3 Ohio State."]
        );
        assert_eq!(cut("He said No. The end."), ["He said No.", "The end."]);
        assert_eq!(cut("On Jan. 5 they met."), ["On Jan. 5 they met."]);
        assert_eq!(cut("It was Dec. 14 2016."), ["It was Dec. 14 2016."]);
    }

    #[test]
    fn initials() {
        assert_eq!(
            cut("Robert J. Smith was there."),
            ["Robert J. Smith was there."]
        );
        assert_eq!(
            cut("Author J. R. R. Tolkien wrote it."),
            ["Author J. R. R. Tolkien wrote it."]
        );
        assert_eq!(
            cut("They took vitamin C. The doses were high."),
            ["They took vitamin C.", "The doses were high."]
        );
    }

    #[test]
    fn quotes_and_states() {
        assert_eq!(
            cut("\"We will win.\" He left. 'Fine.' She stayed."),
            ["\"We will win.\"", "He left.", "'Fine.'", "She stayed."]
        );
        assert_eq!(
            cut("In Memphis, Tenn. Police responded. In Nashville, Tenn. Mayor Cooper spoke."),
            [
                "In Memphis, Tenn.",
                "Police responded.",
                "In Nashville, Tenn. Mayor Cooper spoke."
            ]
        );
    }

    #[test]
    fn heading_is_one_unit_and_ranges_are_offset() {
        let text = "Intro. Title. With dots";
        let block = Block {
            range: 7..text.len(),
            heading: true,
        };
        let units = sentences(text, &block);
        assert_eq!(units.len(), 1);
        assert_eq!(units[0], 7..text.len());
        let block = Block {
            range: 7..text.len(),
            heading: false,
        };
        let units: Vec<&str> = sentences(text, &block)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(units, ["Title.", "With dots"]);
    }
}
