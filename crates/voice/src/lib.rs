//! The voice of a statement in a news paragraph: whether the outlet asserts
//! it (**own**), reports someone's speech (**attributed**), quotes it
//! directly (**quoted**) or doubts it (**hedged**), with the cue that decided.
//!
//! crosscheck checks claims across articles, and a claim counts for less the
//! further the outlet stands from it: "Three people were reportedly killed"
//! does not corroborate "Three people were killed", and "the company denied
//! that …" is the company's denial, not the outlet's. So every statement (a
//! rule's match in a paragraph) gets a voice, found from the clause around it
//! with deterministic rules whose every decision names its cue, so that a
//! diagnostic can say *why* ("hedged by 'reportedly'", "attributed: 'said',
//! source 'the sheriff's office'").
//!
//! The rules, in order of precedence:
//!
//! 1. **Hedged** — a hedge cue (reportedly, may, it is unclear whether, …; a
//!    [`Cues`] list) in the match; or in the match's minimal clause before
//!    the match's end and not after a determiner or number (those modify a
//!    noun: "an apparently accidental shot"; a hedge after the match belongs
//!    to the main clause a relative one sits in: "the four who were killed
//!    are believed to be …"); or in the words of the report that governs it
//!    ("according to unconfirmed reports", "police sources said"); or a
//!    post-posed belief that ends its clause ("…, police believe"). A hedged
//!    statement is hedged whatever else it is. "May" capitalized is the month
//!    (or a name) unless it starts the sentence and no number follows it.
//! 2. **Quoted** — both ends of the match inside direct quotations
//!    ([`Quotations`]), even where a reporting verb names the speaker.
//! 3. **Attributed** — a reporting cue (said, told, according to, denied, …)
//!    outside other quotations governs the match: post-posed ("…, police
//!    said"), it governs its segment; preposed ("Police said …"), what
//!    follows it up to a comma before a coordinating conjunction. See the
//!    `clause` module for segments, minimal clauses and the reasons.
//! 4. **Own** — otherwise.
//!
//! The approach follows FactBank's split of an event's factuality into source
//! and certainty (a report names a source, a hedge lowers certainty), the
//! CoNLL-2010 hedge cue lists, and PARC's attribution relations (a cue, a
//! source and the content it governs), cut down to rules that fit in a
//! diagnostic. Classification looks at one sentence: the paragraph's
//! quotations are paired once ([`Paragraph::new`]) and every statement of it
//! reuses them.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod clause;
mod cues;
mod quotations;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use clause::{overlaps, words, Report, Sentence};
pub use cues::{Cues, CuesError, ENGLISH};
pub use quotations::{Quotation, Quotations};

/// Who stands behind a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The outlet asserts it: "Three people were killed."
    Own,
    /// Reported speech: "Police said three people were killed."
    Attributed,
    /// A direct quotation: "“Three people died,” the chief said."
    Quoted,
    /// A hedge doubts it: "Three people were reportedly killed."
    Hedged,
}

impl Voice {
    /// Every voice, in the order of the enum.
    pub const ALL: [Voice; 4] = [Voice::Own, Voice::Attributed, Voice::Quoted, Voice::Hedged];

    /// The voice's name, as serialized: "own", "attributed", "quoted" or
    /// "hedged".
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Own => "own",
            Voice::Attributed => "attributed",
            Voice::Quoted => "quoted",
            Voice::Hedged => "hedged",
        }
    }
}

impl std::fmt::Display for Voice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The words that decided a voice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    /// The cue as the paragraph writes it: "reportedly", "said",
    /// "according to", or the opening mark of a quotation.
    pub text: String,
    /// Its bytes in the paragraph; for a quotation, the whole quotation.
    pub range: Range<usize>,
}

/// A statement's voice and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Voiced {
    /// The voice.
    pub voice: Voice,
    /// The hedge, quotation or reporting cue that decided it; `None` for
    /// [`Voice::Own`].
    pub cue: Option<Cue>,
    /// Who the statement is reported from, when a reporting cue governs it
    /// and the words around the cue name them ("police", "the company"):
    /// whose denial a denial is. Bytes of the paragraph.
    pub source: Option<Range<usize>>,
}

/// A paragraph with its direct quotations, paired once for all its
/// statements.
#[derive(Debug, Clone)]
pub struct Paragraph<'a> {
    text: &'a str,
    quotations: Quotations,
}

impl<'a> Paragraph<'a> {
    /// Pairs the quotations of `text`.
    pub fn new(text: &'a str) -> Self {
        Paragraph {
            text,
            quotations: Quotations::of(text),
        }
    }

    /// The paragraph's text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Its direct quotations.
    pub fn quotations(&self) -> &Quotations {
        &self.quotations
    }
}

impl Cues {
    /// The voice of the statement matched at `matched`, in the sentence at
    /// `sentence`, both byte ranges of `paragraph` (see the crate docs for
    /// the rules). Ranges are clamped into the paragraph and onto character
    /// boundaries, and `matched` into `sentence`, so that no input panics.
    pub fn voice(
        &self,
        paragraph: &Paragraph<'_>,
        sentence: Range<usize>,
        matched: Range<usize>,
    ) -> Voiced {
        let text = paragraph.text();
        let sentence = snapped(text, sentence.start, sentence.end);
        let matched = snapped(
            text,
            matched.start.clamp(sentence.start, sentence.end),
            matched.end.clamp(sentence.start, sentence.end),
        );
        let quotations = paragraph.quotations();
        let cut = Sentence::new(text, sentence.clone(), quotations);
        let quotation = quotation_around(quotations, &matched);

        // A report speaks from outside quotations, or from inside the one
        // that holds the statement ("“Police told me three died,” she said");
        // after a determiner its cue is a noun ("in the wake of a report").
        let report = self
            .reporting
            .find(text, sentence.clone())
            .filter(|cue| {
                let holder = quotations.innermost_at(cue.start);
                (holder.is_none() || holder == quotation) && !is_attributive(text, cue, &sentence)
            })
            .map(|cue| cut.report(cue))
            .filter(|report| report.governs(&matched))
            .min_by_key(|report| (!report.post_posed, report.cue.start));
        let source = report.as_ref().and_then(|report| report.source.clone());

        let clause = cut.clause_around(&matched);
        let hedge = self
            .hedges
            .find(text, sentence.clone())
            .filter(|hedge| !is_month(text, hedge, &sentence))
            .find(|hedge| {
                overlaps(hedge, &matched)
                    || (overlaps(hedge, &clause)
                        && hedge.start < matched.end
                        && !is_attributive(text, hedge, &sentence))
                    || report
                        .as_ref()
                        .is_some_and(|report| report.speaker_overlaps(hedge))
                    || governs_as_belief(&cut, hedge, &matched)
            });

        let cue_at = |range: Range<usize>| Cue {
            text: text[range.clone()].to_owned(),
            range,
        };
        let (voice, cue) = if let Some(hedge) = hedge {
            (Voice::Hedged, Some(cue_at(hedge)))
        } else if let Some(quotation) = quotation {
            let mark = quotation.range.start..quotation.inner.start;
            let cue = Cue {
                text: text[mark].to_owned(),
                range: quotation.range.clone(),
            };
            (Voice::Quoted, Some(cue))
        } else if let Some(Report { cue, .. }) = report {
            (Voice::Attributed, Some(cue_at(cue)))
        } else {
            return Voiced {
                voice: Voice::Own,
                cue: None,
                source: None,
            };
        };
        Voiced { voice, cue, source }
    }
}

/// The innermost quotation at the match's start, when both of its ends are
/// inside quotations (a statement quoted in two parts around "he said" is
/// still quoted; one that only quotes a phrase of its own is not).
fn quotation_around<'q>(
    quotations: &'q Quotations,
    matched: &Range<usize>,
) -> Option<&'q Quotation> {
    let last = matched.end.saturating_sub(1).max(matched.start);
    quotations.innermost_at(last)?;
    quotations.innermost_at(matched.start)
}

/// Whether the cue at `cue` modifies or is a noun rather than governing a
/// clause: it follows a determiner or a number ("an apparently accidental
/// shot", "two apparently random shootings", "a report on the shooting").
fn is_attributive(text: &str, cue: &Range<usize>, sentence: &Range<usize>) -> bool {
    const DETERMINERS: [&str; 13] = [
        "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our",
        "some",
    ];
    words(text, sentence.start..cue.start)
        .last()
        .is_some_and(|word| {
            let word = text[word].to_lowercase();
            DETERMINERS.contains(&word.as_str()) || word.starts_with(|c: char| c.is_ascii_digit())
        })
}

/// Whether the hedge at `hedge` is a post-posed belief with its holder named
/// before it and nothing after it in its clause, governing the match as a report would: "…, police believe",
/// "One person, I believe, was injured".
fn governs_as_belief(cut: &Sentence<'_>, hedge: &Range<usize>, matched: &Range<usize>) -> bool {
    let belief = cut.report(hedge.clone());
    let holder_before = belief
        .source
        .as_ref()
        .is_some_and(|source| source.end <= hedge.start);
    belief.post_posed && holder_before && cut.ends_clause(hedge.end) && belief.governs(matched)
}

/// Whether the hedge cue at `cue` is "May" the month or a name: capitalized,
/// and either before a number ("May 5") or not the sentence's first word.
fn is_month(text: &str, cue: &Range<usize>, sentence: &Range<usize>) -> bool {
    if &text[cue.clone()] != "May" {
        return false;
    }
    let before_number = text[cue.end..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit());
    let first_word = words(text, sentence.start..cue.start).next().is_none();
    before_number || !first_word
}

/// `start..end` within `text`, ordered, on character boundaries (the start
/// moved back, the end forward).
fn snapped(text: &str, start: usize, end: usize) -> Range<usize> {
    let (mut start, mut end) = (start.min(text.len()), end.min(text.len()));
    if start > end {
        std::mem::swap(&mut start, &mut end);
    }
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}
