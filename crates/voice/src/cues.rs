//! The cue lists: hedges and reporting verbs, as data.
//!
//! The English defaults live in `cues/english.txt` beside the crate's
//! manifest and are compiled into the program; a config replaces them with
//! [`Cues::new`] or adds to them with [`Cues::extended`]. Each list is
//! compiled once into one case-insensitive regular expression over whole
//! words (the alternatives longest first, so that "sources said" wins over
//! "said" where both start), then searched only within a statement's
//! sentence.

use std::fmt;
use std::ops::Range;

use regex::Regex;

/// The default English cues: a `[hedges]` list and a `[reporting]` list.
pub const ENGLISH: &str = include_str!("../cues/english.txt");

/// The hedge cues and the reporting cues a statement's voice is found from.
#[derive(Debug, Clone)]
pub struct Cues {
    pub(crate) hedges: CueList,
    pub(crate) reporting: CueList,
}

/// Why a set of cues could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CuesError {
    /// A cue file's line that is neither a cue under a known list's header,
    /// a comment nor blank.
    Line {
        /// The line's number, from 1.
        number: usize,
        /// The line as written.
        text: String,
    },
    /// The lists compile to a pattern too large for the regex engine.
    Pattern(String),
}

impl fmt::Display for CuesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CuesError::Line { number, text } => write!(f, "line {number} of the cue file is not a cue under [hedges] or [reporting]: {text:?}"),
            CuesError::Pattern(error) => write!(f, "the cues do not compile: {error}"),
        }
    }
}

impl std::error::Error for CuesError {}

impl Default for Cues {
    fn default() -> Self {
        Cues::english()
    }
}

impl Cues {
    /// The shipped English cues ([`ENGLISH`]).
    pub fn english() -> Self {
        Cues::from_cue_file(ENGLISH).expect("the shipped cue file is tested to compile")
    }

    /// Cues from the given lists, as a config's `voice: { hedges, reporting }`
    /// replaces the defaults. Cues are trimmed, lowercased and deduplicated;
    /// blank ones are skipped.
    pub fn new<H, R>(hedges: H, reporting: R) -> Result<Self, CuesError>
    where
        H: IntoIterator,
        H::Item: AsRef<str>,
        R: IntoIterator,
        R::Item: AsRef<str>,
    {
        Ok(Cues {
            hedges: CueList::new(normalized(hedges))?,
            reporting: CueList::new(normalized(reporting))?,
        })
    }

    /// Cues from a cue file written as `cues/english.txt` is: a cue a line
    /// under a `[hedges]` or `[reporting]` header, `#` comments, blank lines.
    pub fn from_cue_file(text: &str) -> Result<Self, CuesError> {
        let (mut hedges, mut reporting) = (Vec::new(), Vec::new());
        let mut list: Option<&mut Vec<String>> = None;
        for (index, line) in text.lines().enumerate() {
            let cue = line.split('#').next().unwrap_or_default().trim();
            match cue {
                "" => {}
                "[hedges]" => list = Some(&mut hedges),
                "[reporting]" => list = Some(&mut reporting),
                _ => match list.as_deref_mut() {
                    Some(list) if !cue.starts_with('[') => list.push(cue.to_owned()),
                    _ => {
                        return Err(CuesError::Line {
                            number: index + 1,
                            text: line.to_owned(),
                        })
                    }
                },
            }
        }
        Cues::new(hedges, reporting)
    }

    /// These cues with more of each kind, as a config extends the defaults.
    pub fn extended<H, R>(&self, hedges: H, reporting: R) -> Result<Self, CuesError>
    where
        H: IntoIterator,
        H::Item: AsRef<str>,
        R: IntoIterator,
        R::Item: AsRef<str>,
    {
        let more = |list: &CueList, extra: Vec<String>| [list.cues.clone(), extra].concat();
        Cues::new(
            more(&self.hedges, normalized(hedges)),
            more(&self.reporting, normalized(reporting)),
        )
    }

    /// The hedge cues, normalized, in their given order.
    pub fn hedges(&self) -> &[String] {
        &self.hedges.cues
    }

    /// The reporting cues, normalized, in their given order.
    pub fn reporting(&self) -> &[String] {
        &self.reporting.cues
    }
}

/// Cues trimmed, lowercased, with single spaces, without blanks or repeats.
fn normalized<I>(cues: I) -> Vec<String>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut out: Vec<String> = Vec::new();
    for cue in cues {
        let cue = cue
            .as_ref()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if !cue.is_empty() && !out.contains(&cue) {
            out.push(cue);
        }
    }
    out
}

/// One list of cues and its compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct CueList {
    cues: Vec<String>,
    /// `None` for an empty list, which matches nothing.
    pattern: Option<Regex>,
}

impl CueList {
    fn new(cues: Vec<String>) -> Result<Self, CuesError> {
        let mut alternatives: Vec<String> = cues.iter().map(|cue| alternative(cue)).collect();
        alternatives.sort_by_key(|alternative| std::cmp::Reverse(alternative.len()));
        let pattern = if alternatives.is_empty() {
            None
        } else {
            let source = format!(r"(?i)\b(?:{})\b", alternatives.join("|"));
            Some(Regex::new(&source).map_err(|error| CuesError::Pattern(error.to_string()))?)
        };
        Ok(CueList { cues, pattern })
    }

    /// The cues found in `text[within]`, as byte ranges of `text`, leftmost
    /// first and not overlapping.
    pub(crate) fn find<'t>(
        &'t self,
        text: &'t str,
        within: Range<usize>,
    ) -> impl Iterator<Item = Range<usize>> + 't {
        let offset = within.start;
        self.pattern
            .iter()
            .flat_map(move |pattern| pattern.find_iter(&text[within.clone()]))
            .map(move |found| found.start() + offset..found.end() + offset)
    }
}

/// A cue as a pattern: its words, any white space between them, either
/// apostrophe for an apostrophe.
fn alternative(cue: &str) -> String {
    cue.split(' ')
        .map(|word| regex::escape(word).replace(['\'', '’'], "['’]"))
        .collect::<Vec<_>>()
        .join(r"\s+")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(list: &CueList, text: &str) -> Vec<String> {
        list.find(text, 0..text.len())
            .map(|range| text[range].to_owned())
            .collect()
    }

    #[test]
    fn shipped_cues_compile_and_hold_both_lists() {
        let cues = Cues::english();
        assert!(cues.hedges().contains(&"reportedly".to_owned()));
        assert!(cues.reporting().contains(&"according to".to_owned()));
    }

    #[test]
    fn cues_match_whole_words_case_insensitively_across_white_space() {
        let cues = Cues::english();
        let text = "Maybe it Could be; SOURCES\nSAID so, may-be. It’s possible.";
        assert_eq!(
            found(&cues.hedges, text),
            ["Maybe", "Could", "SOURCES\nSAID", "may", "It’s possible"]
        );
        assert_eq!(
            found(&cues.reporting, "He said; she's saying; unsaid"),
            ["said", "saying"]
        );
    }

    #[test]
    fn new_replaces_and_extended_adds() {
        let cues = Cues::new(["  Rumour  Has It "], ["whispered"]).unwrap();
        assert_eq!(cues.hedges(), ["rumour has it"]);
        let more = cues
            .extended(["Rumour has it", "gossip"], Vec::<String>::new())
            .unwrap();
        assert_eq!(more.hedges(), ["rumour has it", "gossip"]);
        assert_eq!(more.reporting(), ["whispered"]);
        let none = Cues::new(Vec::<&str>::new(), Vec::<&str>::new()).unwrap();
        assert_eq!(found(&none.hedges, "may"), Vec::<String>::new());
    }

    #[test]
    fn cue_file_rejects_lines_outside_lists() {
        let error = Cues::from_cue_file("said\n[reporting]\nsaid").unwrap_err();
        assert_eq!(
            error,
            CuesError::Line {
                number: 1,
                text: "said".into()
            }
        );
        assert!(Cues::from_cue_file("[hedges]\nmay\n[quotes]").is_err());
    }
}
