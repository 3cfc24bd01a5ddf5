//! The clauses of a sentence, as far as voice needs them, from punctuation
//! and a few function words rather than a parse.
//!
//! Two grains:
//!
//! - **Segments** are cut by a semicolon or a lone dash (a pair of dashes
//!   sets off an aside and cuts nothing). A reporting cue governs at most its
//!   segment: in "Police said they arrested a man; three people were killed"
//!   the killing is not attributed.
//! - **Minimal clauses** are cut, within a segment, by commas, brackets,
//!   colons, dashes, quotation marks and the words that open a clause
//!   ([`OPENERS`]: and, but, when, who, that, whether, ...). A hedge doubts
//!   only its minimal clause: in "Three people were killed and two may have
//!   been hurt" the killing is not hedged.
//!
//! A reporting cue governs in one of two directions (see [`Sentence::report`]).
//! *Post-posed*, it follows a comma or a closing quotation mark and at most a
//! short speaker ("…, police said", "…,” the sheriff's office said Sunday",
//! "…, said Sheriff Anderson", "…, according to police") and governs its
//! whole segment; after a named speaker it takes at most a short addressee
//! before an adjunct ("…, Smith told The Associated Press on Monday"), since
//! a clause there ("…, his daughter told a paper she thinks …") makes it the
//! verb of a new sentence. Otherwise it is *preposed* ("Police said three people were
//! killed", "The sheriff told reporters that …") and governs what follows it
//! up to a comma before a coordinating conjunction: AP style puts that comma
//! only between independent clauses, so in "Police said a man was arrested,
//! and three people were killed" the second clause is the outlet's own,
//! while in "Police said three were killed and two were hurt" both are
//! reported. What precedes a preposed cue is not governed by it: in "Three
//! people were killed and police said the suspect fled", the killing is own.

use std::ops::Range;

use crate::quotations::Quotations;

/// Words that open a clause of their own.
pub(crate) const OPENERS: [&str; 24] = [
    "and", "but", "yet", "while", "whereas", "although", "though", "because", "after", "before",
    "when", "since", "until", "unless", "who", "whom", "which", "whose", "where", "whether", "if",
    "that", "what", "why",
];

/// Conjunctions that, after a comma, join independent clauses.
const COORDINATORS: [&str; 5] = ["and", "but", "yet", "or", "while"];

/// The most words a post-posed cue's speaker has ("the Sullivan County
/// sheriff's office").
const MAX_SPEAKER_WORDS: usize = 8;

/// The most words between a post-posed cue and the next break or
/// preposition ("The Associated Press", "WPDE ABC 15 News").
const MAX_TAIL_WORDS: usize = 5;

/// Prepositions that start an adjunct after a post-posed cue.
const PREPOSITIONS: [&str; 14] = [
    "in", "on", "at", "during", "via", "through", "from", "with", "for", "by", "after", "before",
    "about", "to",
];

/// The most words a source has: "Chicago Police Department News Affairs
/// Officer Veejay Zala" has 8.
const MAX_SOURCE_WORDS: usize = 10;

/// One sentence of a paragraph, cut into segments and minimal clauses.
#[derive(Debug)]
pub(crate) struct Sentence<'a> {
    paragraph: &'a str,
    segments: Vec<Range<usize>>,
    /// Byte offsets that start or end a minimal clause, sorted, segment
    /// bounds included.
    breaks: Vec<usize>,
    /// Offsets of the commas that come before a coordinating conjunction.
    coordinations: Vec<usize>,
}

/// How a reporting cue governs its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Report {
    /// The cue's bytes.
    pub(crate) cue: Range<usize>,
    /// Who is reported, when the words around the cue name them.
    pub(crate) source: Option<Range<usize>>,
    /// The bytes the cue governs.
    pub(crate) governed: Range<usize>,
    /// Whether the cue follows what it governs.
    pub(crate) post_posed: bool,
}

impl Report {
    /// Whether the cue governs some of `matched` other than the cue itself.
    pub(crate) fn governs(&self, matched: &Range<usize>) -> bool {
        let outside_cue = |start: usize, end: usize| {
            let (start, end) = (start.max(matched.start), end.min(matched.end));
            start < end
        };
        outside_cue(self.governed.start, self.governed.end.min(self.cue.start))
            || outside_cue(self.governed.start.max(self.cue.end), self.governed.end)
            || (matched.is_empty() && self.governed.contains(&matched.start))
    }

    /// Whether `bytes` fall in the cue or in the words naming its source,
    /// where a hedge doubts the report itself ("according to unconfirmed
    /// reports", "sources said").
    pub(crate) fn speaker_overlaps(&self, bytes: &Range<usize>) -> bool {
        overlaps(&self.cue, bytes)
            || self
                .source
                .as_ref()
                .is_some_and(|source| overlaps(source, bytes))
    }
}

impl<'a> Sentence<'a> {
    /// Cuts `paragraph[range]`; `quotations` are the paragraph's.
    pub(crate) fn new(paragraph: &'a str, range: Range<usize>, quotations: &Quotations) -> Self {
        let text = &paragraph[range.clone()];
        let at = |offset: usize| range.start + offset;
        let mut cuts: Vec<Range<usize>> = Vec::new();
        let mut dashes: Vec<Range<usize>> = Vec::new();
        let mut breaks = vec![range.start, range.end];
        for (offset, c) in text.char_indices() {
            let spaced = |width: usize| {
                text[..offset].ends_with(' ') && text[offset + width..].starts_with(' ')
            };
            let here = at(offset)..at(offset + c.len_utf8());
            match c {
                ';' => cuts.push(here),
                '—' => dashes.push(here),
                '–' if spaced(c.len_utf8()) => dashes.push(here),
                '-' if spaced(1)
                    || text[offset..].starts_with("--") && !text[..offset].ends_with('-') =>
                {
                    dashes.push(here)
                }
                ',' | '(' | ')' | ':' => breaks.push(here.start),
                _ => {}
            }
        }
        breaks.extend(dashes.iter().map(|dash| dash.start));
        // A pair of dashes sets off an aside; a dash left over cuts.
        if dashes.len() % 2 == 1 {
            cuts.extend(dashes.pop());
        }
        cuts.sort_by_key(|cut| cut.start);
        let mut segments = Vec::new();
        let mut start = range.start;
        for cut in &cuts {
            segments.push(start..cut.start);
            start = cut.end;
        }
        segments.push(start..range.end);
        breaks.extend(cuts.iter().flat_map(|cut| [cut.start, cut.end]));
        for quotation in quotations.as_slice() {
            let edges = [
                quotation.range.start,
                quotation.inner.start,
                quotation.inner.end,
                quotation.range.end,
            ];
            breaks.extend(edges.into_iter().filter(|edge| range.contains(edge)));
        }
        let mut coordinations = Vec::new();
        let mut previous: Option<Range<usize>> = None;
        for word in words(paragraph, range.clone()) {
            let lower = paragraph[word.clone()].to_lowercase();
            if OPENERS.contains(&lower.as_str()) {
                breaks.push(word.start);
            }
            if let Some(previous) = previous.filter(|previous| {
                COORDINATORS.contains(&paragraph[previous.clone()].to_lowercase().as_str())
            }) {
                let before = paragraph[range.start..previous.start].trim_end();
                if before.ends_with(',') && lower != "that" {
                    coordinations.push(range.start + before.len() - 1);
                }
            }
            previous = Some(word);
        }
        breaks.sort_unstable();
        breaks.dedup();
        Sentence {
            paragraph,
            segments,
            breaks,
            coordinations,
        }
    }

    /// The segment holding the byte at `at` (the last one for the end).
    fn segment_of(&self, at: usize) -> Range<usize> {
        self.segments
            .iter()
            .find(|segment| at < segment.end)
            .or(self.segments.last())
            .cloned()
            .unwrap_or(at..at)
    }

    /// The minimal clause around `bytes`: from the last break at or before
    /// their start to the first at or after their end.
    pub(crate) fn clause_around(&self, bytes: &Range<usize>) -> Range<usize> {
        let start = self.breaks.iter().rev().find(|&&at| at <= bytes.start);
        let end = self.breaks.iter().find(|&&at| at >= bytes.end);
        start.map_or(bytes.start, |&at| at)..end.map_or(bytes.end, |&at| at)
    }

    /// The first break after `at`, within `segment`.
    fn next_break(&self, at: usize, segment: &Range<usize>) -> usize {
        self.breaks
            .iter()
            .copied()
            .find(|&b| b > at)
            .unwrap_or(segment.end)
            .min(segment.end)
    }

    /// How many words follow `at` before the next break or preposition.
    fn tail_words(&self, at: usize, segment: &Range<usize>) -> usize {
        words(self.paragraph, at..self.next_break(at, segment))
            .take_while(|word| {
                !PREPOSITIONS.contains(&self.paragraph[word.clone()].to_lowercase().as_str())
            })
            .count()
    }

    /// Whether nothing but punctuation and white space lies between `at` and
    /// the next break.
    pub(crate) fn ends_clause(&self, at: usize) -> bool {
        let end = self.breaks.iter().copied().find(|&b| b >= at).unwrap_or(at);
        words(self.paragraph, at..end).next().is_none()
    }

    /// The words of the minimal clause before `at`, without the word that
    /// opens the clause: "police" in "…, and police said".
    fn subject_before(&self, at: usize) -> Range<usize> {
        let start = self.clause_around(&(at..at)).start;
        let start = words(self.paragraph, start..at)
            .next()
            .filter(|word| OPENERS.contains(&self.paragraph[word.clone()].to_lowercase().as_str()))
            .map_or(start, |word| word.end);
        start..at
    }

    /// How the reporting cue at `cue` governs (see the module docs).
    pub(crate) fn report(&self, cue: Range<usize>) -> Report {
        let segment = self.segment_of(cue.start);
        let before = &self.paragraph[segment.start..cue.start.max(segment.start)];
        let pivot = before.rfind([',', '”', '"', '(']).map(|at| {
            let width = before[at..].chars().next().map_or(1, char::len_utf8);
            segment.start + at + width
        });
        let speaker_words: Vec<Range<usize>> = pivot
            .map(|pivot| words(self.paragraph, pivot..cue.start).collect())
            .unwrap_or_default();
        // A speaker is a noun phrase: no word of it opens a clause ("…, one
        // injured after police say"), but for an "and" inside a name ("the
        // Department of Health and Human Services") after its first word.
        let opens_clause = speaker_words.iter().enumerate().any(|(index, word)| {
            let word = self.paragraph[word.clone()].to_lowercase();
            OPENERS.contains(&word.as_str()) && (index == 0 || word != "and")
        });
        // "according to" names its source after it.
        let prepositional = words(self.paragraph, cue.clone())
            .last()
            .is_some_and(|word| self.paragraph[word].eq_ignore_ascii_case("to"));
        // After a named speaker, a post-posed cue has at most a short
        // addressee before any adjunct ("…, Smith told The Associated Press
        // in an interview"), not a clause ("…, his daughter told a paper
        // she thinks his health played a role").
        let short_tail = speaker_words.is_empty()
            || prepositional
            || self.tail_words(cue.end, &segment) <= MAX_TAIL_WORDS;
        let post_posed = pivot.is_some()
            && speaker_words.len() <= MAX_SPEAKER_WORDS
            && !opens_clause
            && short_tail;
        let after = || cue.end..self.next_break(cue.end, &segment);
        let source = match (post_posed, pivot) {
            _ if prepositional => after(),
            (true, Some(pivot)) if !speaker_words.is_empty() => pivot..cue.start,
            (true, _) => after(),
            (false, _) => self.subject_before(cue.start),
        };
        // A source is a noun phrase, not the rest of a long clause.
        let source = Some(source)
            .filter(|source| words(self.paragraph, source.clone()).count() <= MAX_SOURCE_WORDS);
        let governed = if post_posed {
            segment.clone()
        } else {
            let end = self
                .coordinations
                .iter()
                .copied()
                .find(|&at| at > cue.end && at < segment.end);
            cue.start..end.unwrap_or(segment.end)
        };
        Report {
            source: source.and_then(|source| trimmed(self.paragraph, source)),
            cue,
            governed,
            post_posed,
        }
    }
}

/// Whether two byte ranges share a byte.
pub(crate) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The words of `text[range]`: runs of letters and digits, with an
/// apostrophe inside a word kept in it (sheriff's).
pub(crate) fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let slice = &text[range.clone()];
    let mut chars = slice.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = start;
        while let Some(&(at, c)) = chars.peek() {
            let joins = (c == '\'' || c == '’')
                && slice[at + c.len_utf8()..].starts_with(char::is_alphanumeric);
            if !(c.is_alphanumeric() || joins) {
                break;
            }
            end = at + c.len_utf8();
            chars.next();
        }
        let end = end.max(start + slice[start..].chars().next().map_or(0, char::len_utf8));
        Some(range.start + start..range.start + end)
    })
}

/// `range` without white space and punctuation at either end; `None` when
/// nothing is left.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = &text[range.clone()];
    let is_edge = |c: char| !c.is_alphanumeric();
    let start = range.start + (slice.len() - slice.trim_start_matches(is_edge).len());
    let end = range.start + slice.trim_end_matches(is_edge).len();
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Sentence<'_> {
        Sentence::new(text, 0..text.len(), &Quotations::of(text))
    }

    #[test]
    fn semicolons_and_lone_dashes_cut_segments_but_paired_dashes_do_not() {
        let text = "A man died; two — a woman and a boy — were hurt — police said";
        let cut = sentence(text);
        let segments: Vec<&str> = cut.segments.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(
            segments,
            [
                "A man died",
                " two — a woman and a boy — were hurt ",
                " police said"
            ]
        );
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        let text = "the sheriff's office, 'em";
        let found: Vec<&str> = words(text, 0..text.len()).map(|w| &text[w]).collect();
        assert_eq!(found, ["the", "sheriff's", "office", "em"]);
    }

    #[test]
    fn post_posed_and_preposed_reports() {
        let text = "Three people were killed, the sheriff's office said Sunday.";
        let report = sentence(text).report(text.find("said").map(|at| at..at + 4).unwrap());
        assert!(report.post_posed);
        assert_eq!(&text[report.source.unwrap()], "the sheriff's office");
        let text = "Three people were killed, and police said the suspect fled.";
        let report = sentence(text).report(text.find("said").map(|at| at..at + 4).unwrap());
        assert!(!report.post_posed);
        assert_eq!(&text[report.source.unwrap()], "police");
    }
}
