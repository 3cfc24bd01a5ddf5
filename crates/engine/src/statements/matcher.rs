//! The fast path of [`Strategy::Prefiltered`](super::Strategy): one pass of
//! one automaton over an article's text finds where the patterns of every
//! rule end, so that only the units holding the right ends are evaluated.
//!
//! The automaton is a lazy DFA over all rules' anchor patterns at once
//! (`MatchKind::All`, overlapping: every end of every pattern is reported).
//! Lazy DFAs cannot decide a Unicode word boundary (`\b`) next to non-ASCII
//! text, which is what makes a plain `\b` search slow. Its ends need not be
//! exact, only never fewer than the patterns' own, so there are two:
//!
//! - `covering`: each Unicode word boundary read as an ASCII one where the
//!   pattern's own character beside it is an ASCII letter, digit or `_`
//!   (or a [`WordLike`] lookalike), and dropped elsewhere
//!   ([`covering_words`]). On a text with no non-ASCII word character (most
//!   news, once quotes and dashes are normalized) an ASCII boundary reads as
//!   the Unicode one; on other texts it holds wherever the Unicode one does.
//! - `relaxed`: word boundaries dropped, for the rare texts holding a
//!   lookalike: the Kelvin sign or the long s, which case folding matches
//!   with `k` and `s`, or a digit of another script.
//!
//! Each rule has anchors: patterns of which one matches in every unit that
//! states or denies its claim (its first `all` pattern, else its `any`
//! patterns, else its `extract` pattern; and its `deny` patterns). Only the
//! anchors (and `when_mentioned` topics) are in the automaton, to keep it
//! small. A unit is evaluated when it holds the end of an anchor, and a
//! paragraph is cut into sentences only when the rule's own patterns could
//! match in it ([`Triggers::may_state_or_deny`]). No unit that states or
//! denies a claim is skipped, and [`evaluate_unit`](super::evaluate_unit)
//! decides, as on the plain path.

use std::ops::Range;

use rayon::prelude::*;
use regex_automata::meta;
use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind, Literal, Look};

use super::search::{Automaton, CACHE_CAPACITY};
use crate::rules::{Case, Matching, Pattern, RuleSet};

/// A rule's trigger patterns are tracked as bits of a `u64`.
const MAX_TRIGGERS: usize = 64;

/// How the units of one rule are found.
#[derive(Debug)]
pub(crate) enum Plan {
    /// From the ends the automaton reports for its patterns.
    Triggered(Triggers),
    /// Every unit: a pattern sees the edge of a unit differently from the
    /// text around it (`^`, `$`, `\B`), can match the empty string, or the
    /// rule has too many patterns to track.
    EveryUnit,
}

/// A rule's anchors in the automaton, as bits of its hit masks, and its
/// patterns with ASCII word boundaries.
#[derive(Debug)]
pub(crate) struct Triggers {
    /// This must end in a unit for it to state the claim.
    all: u64,
    /// Or one of these, when `all` is zero.
    any: u64,
    /// One of these ending in a unit may make it a denial.
    deny: u64,
    /// The `when_mentioned` topic: its bit, and its regex.
    mention: Option<(u64, meta::Regex)>,
    /// The rule's stating patterns that are not anchors, with ASCII word
    /// boundaries, for the texts where those read alike.
    unanchored: Unanchored,
}

/// The `all` patterns after the first and, with them, the `any` patterns.
#[derive(Debug, Default)]
struct Unanchored {
    all: Vec<meta::Regex>,
    any: Vec<meta::Regex>,
}

impl Triggers {
    /// Whether a unit whose hits are `mask` may state or deny the claim.
    pub(crate) fn may_match(&self, mask: u64) -> bool {
        self.anchors_state(mask) || mask & self.deny != 0
    }

    /// Whether hits `mask` hold the anchors a statement of the claim needs.
    fn anchors_state(&self, mask: u64) -> bool {
        mask & self.all == self.all && (self.any == 0 || mask & self.any != 0)
    }

    /// Whether some unit inside `text`, whose hits are `mask`, may state or
    /// deny `rule`'s claim: a quick test of a paragraph before it is cut
    /// into sentences. It holds whenever [`evaluate_unit`](super::evaluate_unit)
    /// finds something in a unit of `text`, since the rule's patterns read a
    /// unit as they read the text around it. Where ASCII word boundaries
    /// are exact, the anchors' ends are `mask`'s bits (and more: a match may
    /// begin before `text`), so only the other patterns are searched.
    pub(crate) fn may_state_or_deny(
        &self,
        rule: &Matching,
        text: &str,
        mask: u64,
        ascii_words: bool,
    ) -> bool {
        if ascii_words {
            if mask & self.deny != 0 {
                return true;
            }
            let matches = |regex: &meta::Regex| regex.is_match(text);
            let unanchored = &self.unanchored;
            return self.anchors_state(mask)
                && unanchored.all.iter().all(matches)
                && (unanchored.any.is_empty() || unanchored.any.iter().any(matches));
        }
        let matches = |pattern: &Pattern| pattern.regex.is_match(text);
        let states = if rule.has_match() {
            rule.all.iter().all(matches) && (rule.any.is_empty() || rule.any.iter().any(matches))
        } else {
            rule.extract
                .as_ref()
                .is_some_and(|extract| matches(&extract.pattern))
        };
        states || rule.deny.iter().any(matches)
    }
}

/// One end of one pattern: where, and the pattern's bit in its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub end: usize,
    pub bit: u64,
}

/// What one pass over an article found.
pub(crate) struct Scan {
    /// Per rule, in text order.
    pub hits: Vec<Vec<Hit>>,
    /// The text has no non-ASCII word character: ASCII word boundaries are exact.
    pub ascii_words: bool,
}

/// How the non-ASCII characters of a text bear on word boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Words {
    /// No non-ASCII word character: ASCII and Unicode word boundaries agree.
    Ascii,
    /// Non-ASCII word characters, none of them [`WordLike`].
    Unicode,
    /// A non-ASCII character that patterns match along with ASCII word characters.
    Lookalike,
}

impl Words {
    /// Only the non-ASCII characters are decoded: most news text is ASCII
    /// once quotes and dashes are normalized.
    fn of(text: &str, like: &WordLike) -> Words {
        let mut words = Words::Ascii;
        let mut rest = text;
        while let Some(at) = first_non_ascii(rest.as_bytes()) {
            let mut chars = rest[at..].chars();
            match chars.next() {
                Some(c) if like.holds(c) => return Words::Lookalike,
                Some(c) if regex_syntax::is_word_character(c) => words = Words::Unicode,
                _ => {}
            }
            rest = chars.as_str();
        }
        words
    }
}

/// Where the first non-ASCII byte of `bytes` is. Blocks are tested whole
/// (in vector instructions), and only the one holding it byte by byte.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let block = bytes.chunks(BLOCK).position(|block| !block.is_ascii())?;
    let start = block * BLOCK;
    bytes[start..]
        .iter()
        .position(|byte| !byte.is_ascii())
        .map(|at| start + at)
}

/// The combined automata of a rule set and each rule's plan.
pub(crate) struct Matcher {
    covering: Automaton,
    relaxed: Automaton,
    like: WordLike,
    /// Per automaton pattern: its rule and its bit in that rule's masks.
    owners: Vec<(usize, u64)>,
    /// Per rule.
    plans: Vec<Plan>,
}

impl Matcher {
    /// None when the combined automaton cannot be built (then every unit is read).
    pub(crate) fn new(rules: &RuleSet) -> Option<Matcher> {
        let like = WordLike::new();
        let mut covering = Vec::new();
        let mut relaxed = Vec::new();
        let mut owners = Vec::new();
        let mut plans = Vec::with_capacity(rules.rules.len());
        // Each rule's ASCII regexes are built in parallel, then both automata.
        let parsed: Vec<_> = rules
            .rules
            .par_iter()
            .map(|rule| parse_rule(&rule.matching))
            .collect();
        for (index, parsed) in parsed.into_iter().enumerate() {
            let Some((anchors, unanchored)) = parsed else {
                plans.push(Plan::EveryUnit);
                continue;
            };
            let mut triggers = Triggers {
                all: 0,
                any: 0,
                deny: 0,
                mention: None,
                unanchored,
            };
            for (bit, (role, hir)) in anchors.into_iter().enumerate() {
                let bit = 1u64 << bit;
                match role {
                    Role::All => triggers.all |= bit,
                    Role::Any => triggers.any |= bit,
                    Role::Deny => triggers.deny |= bit,
                    Role::Mention => triggers.mention = Some((bit, ascii_regex(&hir)?)),
                }
                covering.push(covering_words(&hir, &like));
                relaxed.push(without_words(&hir));
                owners.push((index, bit));
            }
            plans.push(Plan::Triggered(triggers));
        }
        let (covering, relaxed) = rayon::join(
            || Automaton::build(&covering, CACHE_CAPACITY),
            || Automaton::build(&relaxed, CACHE_CAPACITY),
        );
        Some(Matcher {
            covering: covering?,
            relaxed: relaxed?,
            like,
            owners,
            plans,
        })
    }

    pub(crate) fn plan(&self, rule: usize) -> &Plan {
        &self.plans[rule]
    }

    /// One pass over `text`; None if the automaton gave up.
    pub(crate) fn scan(&self, text: &str) -> Option<Scan> {
        let words = Words::of(text, &self.like);
        let automaton = if words == Words::Lookalike {
            &self.relaxed
        } else {
            &self.covering
        };
        let mut hits: Vec<Vec<Hit>> = (0..self.plans.len()).map(|_| Vec::new()).collect();
        automaton.ends(text, |pattern, end| {
            let (rule, bit) = self.owners[pattern];
            hits[rule].push(Hit { end, bit });
        })?;
        Some(Scan {
            hits,
            ascii_words: words == Words::Ascii,
        })
    }

    /// The mentions of rule `index`'s topic in `text`, exactly as
    /// `find_iter` of its regex gives them.
    pub(crate) fn mentions(
        &self,
        index: usize,
        rule: &Matching,
        text: &str,
        scan: &Scan,
    ) -> Vec<Range<usize>> {
        let Some(topic) = &rule.when_mentioned else {
            return Vec::new();
        };
        let (bit, ascii) = match &self.plans[index] {
            Plan::Triggered(Triggers {
                mention: Some(mention),
                ..
            }) => mention,
            _ => {
                return topic
                    .regex
                    .find_iter(text)
                    .filter(|m| !m.is_empty())
                    .map(|m| m.range())
                    .collect()
            }
        };
        if !scan.hits[index].iter().any(|hit| hit.bit == *bit) {
            return Vec::new();
        }
        if scan.ascii_words {
            ascii
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| m.range())
                .collect()
        } else {
            topic
                .regex
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| m.range())
                .collect()
        }
    }
}

/// The part a pattern plays in its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    All,
    Any,
    Deny,
    Mention,
}

/// The rule's anchors, parsed: the patterns of which one must end in a unit
/// that states or denies the claim (its first `all` pattern, else its `any`
/// patterns, else its `extract` pattern; and its `deny` patterns), and its
/// `when_mentioned` topic; and its other stating patterns with ASCII word
/// boundaries. None when its units must all be read.
fn parse_rule(rule: &Matching) -> Option<(Vec<(Role, Hir)>, Unanchored)> {
    let parse = |pattern: &Pattern| {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(rule.case == Case::Insensitive)
            .build()
            .parse(&pattern.source)
            .ok()
    };
    // Every pattern `may_state_or_deny` reads must see units as the text does.
    let checked = |patterns: &[Pattern]| -> Option<Vec<Hir>> {
        patterns
            .iter()
            .map(|pattern| parse(pattern).filter(sees_units_as_text))
            .collect()
    };
    let (all, any, deny) = (
        checked(&rule.all)?,
        checked(&rule.any)?,
        checked(&rule.deny)?,
    );
    let extract = match &rule.extract {
        Some(extract) if !rule.has_match() => {
            Some(parse(&extract.pattern).filter(sees_units_as_text)?)
        }
        _ => None,
    };
    let ascii =
        |hirs: &[Hir]| -> Option<Vec<meta::Regex>> { hirs.iter().map(ascii_regex).collect() };
    let mut all = all.into_iter();
    let (stating, unanchored): (Vec<(Role, Hir)>, Unanchored) = match (all.next(), extract) {
        (Some(first), _) => {
            let rest: Vec<Hir> = all.collect();
            (
                vec![(Role::All, first)],
                Unanchored {
                    all: ascii(&rest)?,
                    any: ascii(&any)?,
                },
            )
        }
        (None, Some(extract)) => (vec![(Role::All, extract)], Unanchored::default()),
        (None, None) => (
            any.into_iter().map(|hir| (Role::Any, hir)).collect(),
            Unanchored::default(),
        ),
    };
    let mention = match &rule.when_mentioned {
        Some(topic) => Some((Role::Mention, parse(topic)?)),
        None => None,
    };
    let anchors: Vec<(Role, Hir)> = stating
        .into_iter()
        .chain(deny.into_iter().map(|hir| (Role::Deny, hir)))
        .chain(mention)
        .collect();
    (anchors.len() <= MAX_TRIGGERS).then_some((anchors, unanchored))
}

/// A regex for `hir` with ASCII word boundaries, searched like the rule's own.
fn ascii_regex(hir: &Hir) -> Option<meta::Regex> {
    meta::Regex::builder()
        .build_from_hir(&ascii_words(hir))
        .ok()
}

/// Whether every match of `hir` inside a unit is also a match in the whole
/// text, ending at the same place. A unit never begins right after a word
/// character, and ends with one only before a space, so word boundaries read
/// alike at its edges. Anchors, `\B` and `\b{end-half}` (true at the end of
/// every unit, but not before a sentence glued to the next: "why?Because")
/// do not; and an empty match has no end inside a unit.
fn sees_units_as_text(hir: &Hir) -> bool {
    let edge_sensitive = [
        Look::Start,
        Look::End,
        Look::StartLF,
        Look::EndLF,
        Look::StartCRLF,
        Look::EndCRLF,
        Look::WordAsciiNegate,
        Look::WordUnicodeNegate,
        Look::WordEndHalfAscii,
        Look::WordEndHalfUnicode,
    ];
    let looks = hir.properties().look_set();
    !edge_sensitive.iter().any(|look| looks.contains(*look))
        && hir.properties().minimum_len().is_some_and(|len| len > 0)
}

/// `hir` with its Unicode word boundaries read as ASCII ones.
pub(super) fn ascii_words(hir: &Hir) -> Hir {
    map_looks(hir, &|look, _, _| {
        Some(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            other => other,
        })
    })
}

/// The ASCII word characters, and the non-ASCII characters that patterns
/// match along with them: the case folds of ASCII letters (`(?i)k` matches
/// the Kelvin sign, `(?i)s` the long s) and the digits of other scripts
/// (`\d`). News text rarely holds the non-ASCII ones.
#[derive(Debug)]
struct WordLike(ClassUnicode);

impl WordLike {
    fn new() -> WordLike {
        let parsed = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(r"[0-9A-Z_a-z\d]");
        match parsed.map(Hir::into_kind) {
            Ok(HirKind::Class(Class::Unicode(class))) => WordLike(class),
            _ => WordLike(ClassUnicode::empty()),
        }
    }

    fn holds(&self, c: char) -> bool {
        let ranges = self.0.ranges();
        ranges
            .get(ranges.partition_point(|range| range.end() < c))
            .is_some_and(|range| range.start() <= c)
    }

    /// Whether every character of `class` is one.
    fn covers(&self, class: &ClassUnicode) -> bool {
        let mut rest = class.clone();
        rest.difference(&self.0);
        rest.ranges().is_empty()
    }
}

/// `hir` with each Unicode word boundary read as an ASCII one where that
/// holds wherever the Unicode one does, on texts without non-ASCII
/// [`WordLike`] characters, and dropped elsewhere. It matches wherever
/// `hir` does, and on ASCII words exactly.
///
/// A Unicode boundary next to a character of the match that is an ASCII
/// word character `c` means that the character on its other side is not a
/// word character; then it is no ASCII one either, and the ASCII boundary
/// holds too. Next to anything else (`\b\$`, `\bé`) it may not: "é$".
/// Half boundaries (`\b{start-half}`) only ask that a neighbour is no word
/// character, which holds in ASCII whenever it does in Unicode.
fn covering_words(hir: &Hir, like: &WordLike) -> Hir {
    map_looks(hir, &|look, subs, at| {
        let word_before = || inward_edge(&subs[..at], Edge::Last, like) == Some(true);
        let word_after = || inward_edge(&subs[at + 1..], Edge::First, like) == Some(true);
        match look {
            Look::WordUnicode if word_before() || word_after() => Some(Look::WordAscii),
            Look::WordStartUnicode if word_after() => Some(Look::WordStartAscii),
            Look::WordEndUnicode if word_before() => Some(Look::WordEndAscii),
            Look::WordStartHalfUnicode => Some(Look::WordStartHalfAscii),
            Look::WordEndHalfUnicode => Some(Look::WordEndHalfAscii),
            Look::WordUnicode
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordUnicodeNegate => None,
            other => Some(other),
        }
    })
}

/// The first or the last character of a match.
#[derive(Clone, Copy)]
enum Edge {
    First,
    Last,
}

/// Whether every non-empty match of `hir` has a [`WordLike`] character at
/// `edge`; false when it cannot tell.
fn edge_is_word_like(hir: &Hir, edge: Edge, like: &WordLike) -> bool {
    let ascii_word = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
    match hir.kind() {
        // An ASCII byte at the edge is a whole character, also without Unicode (`(?-u)`).
        HirKind::Literal(Literal(bytes)) => {
            let byte = match edge {
                Edge::First => bytes.first(),
                Edge::Last => bytes.last(),
            };
            byte.is_some_and(|&byte| ascii_word(byte))
        }
        HirKind::Class(Class::Unicode(class)) => like.covers(class),
        HirKind::Class(Class::Bytes(class)) => class
            .iter()
            .all(|range| (range.start()..=range.end()).all(ascii_word)),
        HirKind::Capture(capture) => edge_is_word_like(&capture.sub, edge, like),
        HirKind::Alternation(subs) => subs.iter().all(|sub| edge_is_word_like(sub, edge, like)),
        HirKind::Repetition(repetition) => edge_is_word_like(&repetition.sub, edge, like),
        HirKind::Concat(subs) => inward_edge(subs, edge, like) != Some(false),
        // No non-empty match.
        HirKind::Empty | HirKind::Look(_) => true,
    }
}

/// The character at `edge` of the matches of the concatenation `subs`:
/// Some(true) if every match has one and it is [`WordLike`], None if the
/// non-empty matches have such one but a match may be empty, Some(false)
/// otherwise. Read from `edge` inward, the first part that is never empty
/// holds the character unless a part before it is not empty.
fn inward_edge(subs: &[Hir], edge: Edge, like: &WordLike) -> Option<bool> {
    let nonempty = |sub: &Hir| sub.properties().minimum_len().is_some_and(|len| len > 0);
    let decides = |sub: &Hir| match edge_is_word_like(sub, edge, like) {
        false => Some(Some(false)),
        true if nonempty(sub) => Some(Some(true)),
        true => None,
    };
    match edge {
        Edge::First => subs.iter().find_map(decides)?,
        Edge::Last => subs.iter().rev().find_map(decides)?,
    }
}

/// `hir` without word boundaries: it matches wherever `hir` does, and more.
fn without_words(hir: &Hir) -> Hir {
    map_looks(hir, &|look, _, _| match look {
        Look::WordUnicode
        | Look::WordUnicodeNegate
        | Look::WordAsciiNegate
        | Look::WordStartUnicode
        | Look::WordEndUnicode
        | Look::WordStartHalfUnicode
        | Look::WordEndHalfUnicode
        | Look::WordAscii
        | Look::WordStartAscii
        | Look::WordEndAscii
        | Look::WordStartHalfAscii
        | Look::WordEndHalfAscii => None,
        other => Some(other),
    })
}

/// A look-around's new reading (None: always true), given the parts of the
/// concatenation it stands in and its place there (alone, when it stands in
/// none).
type LookMap<'a> = dyn Fn(Look, &[Hir], usize) -> Option<Look> + 'a;

/// `hir` with each look-around read as `map` says. Capture groups are
/// dropped: only where matches end matters.
fn map_looks(hir: &Hir, map: &LookMap<'_>) -> Hir {
    let mapped = |look: Look, subs: &[Hir], at: usize| {
        map(look, subs, at).map_or_else(Hir::empty, Hir::look)
    };
    match hir.kind() {
        HirKind::Look(look) => mapped(*look, std::slice::from_ref(hir), 0),
        HirKind::Concat(subs) => Hir::concat(
            subs.iter()
                .enumerate()
                .map(|(at, sub)| match sub.kind() {
                    HirKind::Look(look) => mapped(*look, subs, at),
                    _ => map_looks(sub, map),
                })
                .collect(),
        ),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|sub| map_looks(sub, map)).collect())
        }
        HirKind::Repetition(repetition) => {
            let mut repetition = repetition.clone();
            repetition.sub = Box::new(map_looks(&repetition.sub, map));
            Hir::repetition(repetition)
        }
        HirKind::Capture(capture) => map_looks(&capture.sub, map),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::search::all_ends as ends;
    use super::*;

    fn hir(pattern: &str) -> Hir {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(pattern)
            .unwrap()
    }

    #[test]
    fn word_boundaries_read_as_ascii_or_dropped() {
        let exact = [ascii_words(&hir(r"\bcafe\b"))];
        assert_eq!(ends(&exact, "a cafe."), [(0, 6)]);
        assert_eq!(ends(&exact, "cafes"), []);
        // Dropped: a superset of the ends, also next to non-ASCII letters.
        let relaxed = [without_words(&hir(r"\bcaf\b"))];
        assert_eq!(ends(&relaxed, "café"), [(0, 3)]);
        assert_eq!(ends(&relaxed, "cafe"), [(0, 3)]);
    }

    #[test]
    fn texts_are_told_by_their_non_ascii_word_characters() {
        let like = WordLike::new();
        let expected = [
            ("", Words::Ascii),
            ("plain", Words::Ascii),
            ("a … b © • c", Words::Ascii),
            ("x—y", Words::Ascii),
            ("naïve", Words::Unicode),
            ("a … é", Words::Unicode),
            ("日本", Words::Unicode),
            ("2 \u{212A}", Words::Lookalike),
            ("é, then \u{17F}", Words::Lookalike),
            ("\u{663}", Words::Lookalike),
        ];
        for (text, words) in expected {
            assert_eq!(Words::of(text, &like), words, "{text}");
        }
        // Non-ASCII characters at and across the edges of the blocks tested whole.
        for at in [0, 1, 62, 63, 64, 65, 127, 200] {
            let ascii = "x".repeat(at);
            assert_eq!(
                Words::of(&format!("{ascii}é"), &like),
                Words::Unicode,
                "é after {at}"
            );
            assert_eq!(
                Words::of(&format!("{ascii}…{ascii}\u{17F}"), &like),
                Words::Lookalike,
                "ſ after {at}"
            );
            assert_eq!(first_non_ascii(format!("{ascii}…").as_bytes()), Some(at));
            assert_eq!(first_non_ascii(ascii.as_bytes()), None);
        }
    }

    #[test]
    fn boundaries_beside_ascii_word_characters_read_as_ascii() {
        let like = WordLike::new();
        let covering = |pattern: &str| covering_words(&hir(pattern), &like);
        for (pattern, read) in [
            (r"\bcafe\b", r"(?-u:\b)cafe(?-u:\b)"),
            (r"\bkey\b", r"(?-u:\b)key(?-u:\b)"),
            (
                r"\b(?:house|senate)s?\b",
                r"(?-u:\b)(?:house|senate)s?(?-u:\b)",
            ),
            (
                r"\bfund(?:s|ing|ed)?\b",
                r"(?-u:\b)fund(?:s|ing|ed)?(?-u:\b)",
            ),
            (r"\bis(?:n't)?\b", r"(?-u:\b)is(?:n't)?(?-u:\b)"),
            (r"\bU\.S(?:\.)?\b", r"(?-u:\b)U\.S(?:\.)?"),
            (r"(?:\$|x)?\bx", r"(?:\$|x)?(?-u:\b)x"),
            (r"(?:\$|x)?\b\$", r"(?:\$|x)?\$"),
            (r"x\b(?:\.\b)?", r"x(?-u:\b)(?:\.)?"),
            (r"\b\$\d+ billion\b", r"\$\d+ billion(?-u:\b)"),
            (r"\bcafé\b", r"(?-u:\b)café"),
            (r"\b(?:a|\.)", r"(?:a|\.)"),
            (r"x\b\.", r"x(?-u:\b)\."),
            (r"\.\bx", r"\.(?-u:\b)x"),
            (r"\b{start}x\b{end}", r"(?-u:\b{start})x(?-u:\b{end})"),
            (r"\.\b{start}\b{end}\.", r"\.\."),
            (
                r"\b{start-half}é\b{end-half}",
                r"(?-u:\b{start-half})é(?-u:\b{end-half})",
            ),
            (r"\Bx|\b", r"x|"),
            (r"(?-u:\b)é", r"(?-u:\b)é"),
        ] {
            assert_eq!(
                covering(pattern),
                covering_words(&hir(read), &like),
                "{pattern}"
            );
        }
    }

    /// Where a pattern ends in `text`, by brute force with Unicode word
    /// boundaries: for every end, whether some match of it ends there.
    fn unicode_ends(pattern: &str, text: &str) -> Vec<usize> {
        let regex = meta::Regex::builder()
            .configure(meta::Config::new().match_kind(regex_automata::MatchKind::All))
            .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
            .build(pattern)
            .unwrap();
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&at| text.is_char_boundary(at))
            .collect();
        bounds
            .iter()
            .copied()
            .filter(|&end| {
                bounds
                    .iter()
                    .take_while(|&&start| start <= end)
                    .any(|&start| {
                        let input = regex_automata::Input::new(text)
                            .span(start..end)
                            .anchored(regex_automata::Anchored::Yes);
                        regex.search(&input).is_some_and(|found| found.end() == end)
                    })
            })
            .collect()
    }

    const BOUNDED: &[&str] = &[
        r"\bcafe\b",
        r"\bcaf",
        r"\b\$\d+\b",
        r"\$\b",
        r"\b(?:é|e)",
        r"\bkey\b",
        r"\bs\w*\b",
        r"\b(?:a|\.)+\b",
        r"x?\b\.",
        r"\b{start}\w+\b{end}",
        r"\b{start-half}e\b{end-half}",
        r"\w\b.",
        r"\Be",
        r"\bs(?:e)?\b",
        r"\bc(?:\.|é)?\b",
        r"\b\d+\b",
        r"(?:\$|x)?\b(?:x|\$)",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// On every text, the automaton [`Matcher::scan`] picks for it
        /// reports every end the Unicode pattern has.
        #[test]
        fn covering_boundaries_miss_no_end(
            pattern in proptest::sample::select(BOUNDED),
            text in "[ aceksx.$1é\u{E9}\u{F1}\u{17F}\u{212A}\u{663}\u{1F642}]{0,12}",
        ) {
            let like = WordLike::new();
            let read = match Words::of(&text, &like) {
                Words::Lookalike => without_words(&hir(pattern)),
                Words::Ascii | Words::Unicode => covering_words(&hir(pattern), &like),
            };
            let found: Vec<usize> = ends(&[read], &text).into_iter().map(|(_, end)| end).collect();
            for end in unicode_ends(pattern, &text) {
                proptest::prop_assert!(found.contains(&end), "{pattern} in {text:?}: the end {end} is missing from {found:?}");
            }
        }
    }

    #[test]
    fn any_pattern_builds_the_automata() {
        // Edge-sensitive patterns make their rule read every unit; topics are
        // searched in the whole text, so the automata take them as they are.
        let rules = RuleSet::from_text(
            "rules.yaml",
            "rules:\n  - id: anchored\n    claim: c\n    pattern: '^Azure\\B'\n    expect: { when_mentioned: '\\Bzure\\b{end-half}|^x$' }\n  - id: plain\n    claim: d\n    pattern: '\\bcloud\\b'\n",
        )
        .unwrap();
        let matcher = Matcher::new(&rules).expect("the automata build");
        assert!(matches!(matcher.plan(0), Plan::EveryUnit));
        assert!(matches!(matcher.plan(1), Plan::Triggered(_)));
        let scan = matcher.scan("An Azure cloud.").unwrap();
        let mentions = matcher.mentions(0, &rules.rules[0].matching, "An Azure cloud.", &scan);
        assert_eq!(mentions, std::iter::once(4..8).collect::<Vec<_>>());
    }

    #[test]
    fn edge_sensitive_and_empty_patterns_read_every_unit() {
        for pattern in [
            r"^Azure",
            r"cloud$",
            r"\Bzure",
            r"(?m)^x",
            r"x\b{end-half}",
            r"x?",
            r"\b",
        ] {
            assert!(!sees_units_as_text(&hir(pattern)), "{pattern}");
        }
        for pattern in [
            r"\bAzure\b",
            r"\b{start}x\b{end}",
            r"\b{start-half}x",
            r"(?-u:\b)x",
        ] {
            assert!(sees_units_as_text(&hir(pattern)), "{pattern}");
        }
    }
}
