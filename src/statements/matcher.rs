//! The fast path of [`Strategy::Prefiltered`](super::Strategy): one pass of
//! one automaton over an article's text finds where the patterns of every
//! rule end, so that only the units holding the right ends are evaluated.
//!
//! The automaton is a lazy DFA over all rules' anchor patterns at once
//! (`MatchKind::All`, overlapping: every end of every pattern is reported).
//! Lazy DFAs cannot decide a Unicode word boundary (`\b`) next to non-ASCII
//! text, which is what makes a plain `\b` search slow. So there are two:
//!
//! - `exact`: Unicode word boundaries read as ASCII ones. On a text with no
//!   non-ASCII word character (most news, once quotes and dashes are
//!   normalized) both read alike, so its ends are exactly the patterns' ends.
//! - `relaxed`: word boundaries dropped, a superset of the ends, for the
//!   other texts.
//!
//! Each rule has anchors: patterns of which one matches in every unit that
//! states or denies its claim (its first `all` pattern, else its `any`
//! patterns, else its `extract` pattern; and its `deny` patterns). Only the
//! anchors (and `when_mentioned` topics) are in the automaton, to keep it
//! small. A unit is evaluated when
//! it holds the end of an anchor, and a paragraph is cut into sentences only
//! when the rule's own patterns could match in it
//! ([`Triggers::may_state_or_deny`]). No unit that
//! states or denies a claim is skipped, and
//! [`evaluate_unit`](super::evaluate_unit) decides, as on the plain path.

use std::ops::Range;

use rayon::prelude::*;
use regex_automata::meta;
use regex_syntax::hir::{Hir, HirKind, Look};

use super::search::{Automaton, CACHE_CAPACITY};
use crate::rules::{Case, Pattern, Rule, RuleSet};

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
    pub(crate) fn may_state_or_deny(&self, rule: &Rule, text: &str, mask: u64, ascii_words: bool) -> bool {
        if ascii_words {
            if mask & self.deny != 0 {
                return true;
            }
            let matches = |regex: &meta::Regex| regex.is_match(text);
            let unanchored = &self.unanchored;
            return self.anchors_state(mask) && unanchored.all.iter().all(matches) && (unanchored.any.is_empty() || unanchored.any.iter().any(matches));
        }
        let matches = |pattern: &Pattern| pattern.regex.is_match(text);
        let states = if rule.has_match() {
            rule.all.iter().all(matches) && (rule.any.is_empty() || rule.any.iter().any(matches))
        } else {
            rule.extract.as_ref().is_some_and(|extract| matches(&extract.pattern))
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

/// The combined automata of a rule set and each rule's plan.
pub(crate) struct Matcher {
    exact: Automaton,
    relaxed: Automaton,
    /// Per automaton pattern: its rule and its bit in that rule's masks.
    owners: Vec<(usize, u64)>,
    /// Per rule.
    plans: Vec<Plan>,
}

impl Matcher {
    /// None when the combined automaton cannot be built (then every unit is read).
    pub(crate) fn new(rules: &RuleSet) -> Option<Matcher> {
        let mut exact = Vec::new();
        let mut relaxed = Vec::new();
        let mut owners = Vec::new();
        let mut plans = Vec::with_capacity(rules.rules.len());
        // Each rule's ASCII regexes are built in parallel, then both automata.
        let parsed: Vec<_> = rules.rules.par_iter().map(parse_rule).collect();
        for (index, parsed) in parsed.into_iter().enumerate() {
            let Some((anchors, unanchored)) = parsed else {
                plans.push(Plan::EveryUnit);
                continue;
            };
            let mut triggers = Triggers { all: 0, any: 0, deny: 0, mention: None, unanchored };
            for (bit, (role, hir)) in anchors.into_iter().enumerate() {
                let bit = 1u64 << bit;
                match role {
                    Role::All => triggers.all |= bit,
                    Role::Any => triggers.any |= bit,
                    Role::Deny => triggers.deny |= bit,
                    Role::Mention => triggers.mention = Some((bit, ascii_regex(&hir)?)),
                }
                exact.push(ascii_words(&hir));
                relaxed.push(without_words(&hir));
                owners.push((index, bit));
            }
            plans.push(Plan::Triggered(triggers));
        }
        let (exact, relaxed) = rayon::join(|| Automaton::build(&exact, CACHE_CAPACITY), || Automaton::build(&relaxed, CACHE_CAPACITY));
        Some(Matcher { exact: exact?, relaxed: relaxed?, owners, plans })
    }

    pub(crate) fn plan(&self, rule: usize) -> &Plan {
        &self.plans[rule]
    }

    /// One pass over `text`; None if the automaton gave up.
    pub(crate) fn scan(&self, text: &str) -> Option<Scan> {
        let ascii_words = !has_non_ascii_word(text);
        let automaton = if ascii_words { &self.exact } else { &self.relaxed };
        let mut hits: Vec<Vec<Hit>> = (0..self.plans.len()).map(|_| Vec::new()).collect();
        automaton.ends(text, |pattern, end| {
            let (rule, bit) = self.owners[pattern];
            hits[rule].push(Hit { end, bit });
        })?;
        Some(Scan { hits, ascii_words })
    }

    /// The mentions of rule `index`'s topic in `text`, exactly as
    /// `find_iter` of its regex gives them.
    pub(crate) fn mentions(&self, index: usize, rule: &Rule, text: &str, scan: &Scan) -> Vec<Range<usize>> {
        let Some(topic) = &rule.expect.when_mentioned else {
            return Vec::new();
        };
        let (bit, ascii) = match &self.plans[index] {
            Plan::Triggered(Triggers { mention: Some(mention), .. }) => mention,
            _ => return topic.regex.find_iter(text).filter(|m| !m.is_empty()).map(|m| m.range()).collect(),
        };
        if !scan.hits[index].iter().any(|hit| hit.bit == *bit) {
            return Vec::new();
        }
        if scan.ascii_words {
            ascii.find_iter(text).filter(|m| !m.is_empty()).map(|m| m.range()).collect()
        } else {
            topic.regex.find_iter(text).filter(|m| !m.is_empty()).map(|m| m.range()).collect()
        }
    }
}

/// Whether `text` holds a word character that is not ASCII. Only the
/// non-ASCII characters are decoded: most news text is ASCII once quotes and
/// dashes are normalized.
fn has_non_ascii_word(text: &str) -> bool {
    let mut rest = text;
    while !rest.is_ascii() {
        let Some(at) = rest.bytes().position(|b| !b.is_ascii()) else { break };
        let mut chars = rest[at..].chars();
        if chars.next().is_some_and(regex_syntax::is_word_character) {
            return true;
        }
        rest = chars.as_str();
    }
    false
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
fn parse_rule(rule: &Rule) -> Option<(Vec<(Role, Hir)>, Unanchored)> {
    let parse = |pattern: &Pattern| regex_syntax::ParserBuilder::new().case_insensitive(rule.case == Case::Insensitive).build().parse(&pattern.source).ok();
    // Every pattern `may_state_or_deny` reads must see units as the text does.
    let checked = |patterns: &[Pattern]| -> Option<Vec<Hir>> { patterns.iter().map(|pattern| parse(pattern).filter(sees_units_as_text)).collect() };
    let (all, any, deny) = (checked(&rule.all)?, checked(&rule.any)?, checked(&rule.deny)?);
    let extract = match &rule.extract {
        Some(extract) if !rule.has_match() => Some(parse(&extract.pattern).filter(sees_units_as_text)?),
        _ => None,
    };
    let ascii = |hirs: &[Hir]| -> Option<Vec<meta::Regex>> { hirs.iter().map(ascii_regex).collect() };
    let mut all = all.into_iter();
    let (stating, unanchored): (Vec<(Role, Hir)>, Unanchored) = match (all.next(), extract) {
        (Some(first), _) => {
            let rest: Vec<Hir> = all.collect();
            (vec![(Role::All, first)], Unanchored { all: ascii(&rest)?, any: ascii(&any)? })
        }
        (None, Some(extract)) => (vec![(Role::All, extract)], Unanchored::default()),
        (None, None) => (any.into_iter().map(|hir| (Role::Any, hir)).collect(), Unanchored::default()),
    };
    let mention = match &rule.expect.when_mentioned {
        Some(topic) => Some((Role::Mention, parse(topic)?)),
        None => None,
    };
    let anchors: Vec<(Role, Hir)> = stating.into_iter().chain(deny.into_iter().map(|hir| (Role::Deny, hir))).chain(mention).collect();
    (anchors.len() <= MAX_TRIGGERS).then_some((anchors, unanchored))
}

/// A regex for `hir` with ASCII word boundaries, searched like the rule's own.
fn ascii_regex(hir: &Hir) -> Option<meta::Regex> {
    meta::Regex::builder().build_from_hir(&ascii_words(hir)).ok()
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
    !edge_sensitive.iter().any(|look| looks.contains(*look)) && hir.properties().minimum_len().is_some_and(|len| len > 0)
}

/// `hir` with its Unicode word boundaries read as ASCII ones.
pub(super) fn ascii_words(hir: &Hir) -> Hir {
    map_looks(hir, &|look| {
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

/// `hir` without word boundaries: it matches wherever `hir` does, and more.
fn without_words(hir: &Hir) -> Hir {
    map_looks(hir, &|look| match look {
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

/// `hir` with each look-around replaced by `map`'s (None: always true).
/// Capture groups are dropped: only where matches end matters.
fn map_looks(hir: &Hir, map: &dyn Fn(Look) -> Option<Look>) -> Hir {
    match hir.kind() {
        HirKind::Look(look) => map(*look).map_or_else(Hir::empty, Hir::look),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|sub| map_looks(sub, map)).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(|sub| map_looks(sub, map)).collect()),
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
        regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(pattern).unwrap()
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
    fn non_ascii_word_characters_are_found() {
        for (text, found) in [("", false), ("plain", false), ("a … b © • c", false), ("naïve", true), ("a … é", true), ("日本", true), ("x—y", false)]
        {
            assert_eq!(has_non_ascii_word(text), found, "{text}");
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
        let mentions = matcher.mentions(0, &rules.rules[0], "An Azure cloud.", &scan);
        assert_eq!(mentions, std::iter::once(4..8).collect::<Vec<_>>());
    }

    #[test]
    fn edge_sensitive_and_empty_patterns_read_every_unit() {
        for pattern in [r"^Azure", r"cloud$", r"\Bzure", r"(?m)^x", r"x\b{end-half}", r"x?", r"\b"] {
            assert!(!sees_units_as_text(&hir(pattern)), "{pattern}");
        }
        for pattern in [r"\bAzure\b", r"\b{start}x\b{end}", r"\b{start-half}x", r"(?-u:\b)x"] {
            assert!(sees_units_as_text(&hir(pattern)), "{pattern}");
        }
    }
}
