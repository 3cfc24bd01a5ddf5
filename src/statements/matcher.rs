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
use std::panic::{RefUnwindSafe, UnwindSafe};

use rayon::prelude::*;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::{meta, Input, MatchKind};
use regex_syntax::hir::{Hir, HirKind, Look};

use crate::rules::{Case, Pattern, Rule, RuleSet};

/// Room for the lazy DFA's states, per thread: large enough that realistic
/// rule sets never clear it on news text.
const CACHE_CAPACITY: usize = 16 * 1024 * 1024;
/// Texts this long or longer are searched in two runs side by side.
const HALVES_MIN_LEN: usize = 1024;
/// How far past the middle the first run may go to meet the second.
const MEET_WITHIN: usize = 256;
/// A combined automaton larger than this is not built (every unit is read).
const NFA_SIZE_LIMIT: usize = 64 * 1024 * 1024;
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
        let states = mask & self.all == self.all && (self.any == 0 || mask & self.any != 0);
        states || mask & self.deny != 0
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
            let anchored = mask & self.all == self.all && (self.any == 0 || mask & self.any != 0);
            return anchored && unanchored.all.iter().all(matches) && (unanchored.any.is_empty() || unanchored.any.iter().any(matches));
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

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>>;

/// One lazy DFA and a cache per thread.
struct Automaton {
    dfa: DFA,
    caches: CachePool,
}

impl Automaton {
    fn build(hirs: &[Hir], cache_capacity: usize) -> Option<Automaton> {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None).nfa_size_limit(Some(NFA_SIZE_LIMIT)))
            .build_many_from_hir(hirs)
            .ok()?;
        let config = DFA::config().match_kind(MatchKind::All).cache_capacity(cache_capacity).skip_cache_capacity_check(true);
        let dfa = DFA::builder().configure(config).build_from_nfa(nfa).ok()?;
        let for_caches = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_caches.create_cache()));
        Some(Automaton { dfa, caches })
    }

    /// Every (pattern, end) of `text`, in text order; None if the search gave up.
    fn ends(&self, text: &str, each: impl FnMut(usize, usize)) -> Option<()> {
        self.ends_in_halves(text, HALVES_MIN_LEN, MEET_WITHIN, each)
    }

    /// What `try_search_overlapping_fwd` reports, searched in two runs when
    /// `text` is `min_len` bytes or longer.
    ///
    /// A search is a chain of table lookups, each waiting for the one
    /// before it: one byte costs the latency of a load. Two runs, one from
    /// the start and one from a space near the middle, advanced byte for
    /// byte side by side, are two chains the processor overlaps. The first
    /// run then goes on past the middle beside a fresh start of the second,
    /// until both are in the same state (within `meet_within` bytes, or it
    /// goes on alone): from there they read alike, so the first run reports
    /// the ends before that point and the second the ends from it on.
    fn ends_in_halves(&self, text: &str, min_len: usize, meet_within: usize, mut each: impl FnMut(usize, usize)) -> Option<()> {
        let dfa = &self.dfa;
        let mut cache = self.caches.get();
        let cache = &mut *cache;
        let haystack = text.as_bytes();
        let start = dfa.start_state_forward(cache, &Input::new(text)).ok()?;
        let space = (haystack.len() >= min_len).then(|| haystack[..haystack.len() / 2].iter().rposition(|&byte| byte == b' ')).flatten();
        let Some(space) = space else {
            return run(dfa, cache, text, start, 0, &mut each);
        };
        let mut reported = 0;
        let halves = halves(dfa, cache, text, start, space + 1, meet_within, &mut |pattern, end| {
            reported += 1;
            each(pattern, end);
        });
        match halves {
            Halves::Done(done) => done,
            Halves::Continue(state, at) => run(dfa, cache, text, state, at, &mut each),
            Halves::Cleared => {
                // The cache filled up and the other run's states are gone
                // (never seen on news text): search again in one run,
                // past what was reported.
                let start = dfa.start_state_forward(cache, &Input::new(text)).ok()?;
                let mut skip = reported;
                run(dfa, cache, text, start, 0, &mut |pattern, end| match skip {
                    0 => each(pattern, end),
                    _ => skip -= 1,
                })
            }
        }
    }
}

/// How the two runs of [`Automaton::ends_in_halves`] ended.
enum Halves {
    /// The search is over (None: it gave up).
    Done(Option<()>),
    /// One run goes on alone, in this state at this position.
    Continue(LazyStateID, usize),
    /// The cache was cleared: state IDs held by the other run are gone.
    Cleared,
}

/// The two runs of [`Automaton::ends_in_halves`]: `first` from the start,
/// the second from `split`, which follows a space before the middle.
fn halves(dfa: &DFA, cache: &mut Cache, text: &str, mut first: LazyStateID, split: usize, meet_within: usize, each: &mut dyn FnMut(usize, usize)) -> Halves {
    let haystack = text.as_bytes();
    let clears = cache.clear_count();
    // Every step that may add a state may clear the cache; the other run's
    // state must not be used after that.
    let cleared = |cache: &Cache| cache.clear_count() != clears;
    let Ok(second_start) = dfa.start_state_forward(cache, &Input::new(text).range(split..)) else {
        return Halves::Continue(first, 0);
    };
    if cleared(cache) {
        return Halves::Cleared;
    }
    let mut second = second_start;
    // The second run's ends, kept until it is known from where they count.
    let mut later = Vec::new();
    // The first run is at `at`, the second at `split + at`.
    let mut at = 0;
    while at < split {
        if first.is_tagged() || second.is_tagged() {
            let Some(next) = advance(dfa, cache, first, haystack[at]) else { return Halves::Done(None) };
            if cleared(cache) {
                return Halves::Cleared;
            }
            let Some(other) = advance(dfa, cache, second, haystack[split + at]) else { return Halves::Done(None) };
            if cleared(cache) {
                return Halves::Cleared;
            }
            (first, second) = (next, other);
            at += 1;
        } else {
            let (mut before_first, mut before_second) = (first, second);
            while at < split && !first.is_tagged() && !second.is_tagged() {
                (before_first, before_second) = (first, second);
                first = dfa.next_state_untagged(cache, first, haystack[at]);
                second = dfa.next_state_untagged(cache, second, haystack[split + at]);
                at += 1;
            }
            if first.is_unknown() {
                let Ok(next) = dfa.next_state(cache, before_first, haystack[at - 1]) else { return Halves::Done(None) };
                if cleared(cache) {
                    return Halves::Cleared;
                }
                first = next;
            }
            if second.is_unknown() {
                let Ok(next) = dfa.next_state(cache, before_second, haystack[split + at - 1]) else { return Halves::Done(None) };
                if cleared(cache) {
                    return Halves::Cleared;
                }
                second = next;
            }
        }
        match entered(dfa, cache, text, first, at, each) {
            Entered::Dead => return Halves::Done(Some(())),
            Entered::Quit => return Halves::Done(None),
            Entered::On => {}
        }
        match entered(dfa, cache, text, second, split + at, &mut |pattern, end| later.push((pattern, end))) {
            Entered::Dead | Entered::Quit => return Halves::Continue(first, at),
            Entered::On => {}
        }
    }
    // The second run has read up to `2 * split`: they must meet by then.
    let limit = (split + meet_within).min(2 * split);
    let mut again = second_start;
    while first != again {
        if at == limit {
            return Halves::Continue(first, at);
        }
        let Some(next) = advance(dfa, cache, first, haystack[at]) else { return Halves::Done(None) };
        if cleared(cache) {
            return Halves::Cleared;
        }
        let Some(next_again) = advance(dfa, cache, again, haystack[at]) else { return Halves::Done(None) };
        if cleared(cache) {
            return Halves::Cleared;
        }
        (first, again) = (next, next_again);
        at += 1;
        match entered(dfa, cache, text, first, at, each) {
            Entered::Dead => return Halves::Done(Some(())),
            Entered::Quit => return Halves::Done(None),
            Entered::On => {}
        }
    }
    // Met at `at`: the first run reported the ends before it.
    for &(pattern, end) in later.iter().filter(|&&(_, end)| end >= at) {
        each(pattern, end);
    }
    Halves::Continue(second, 2 * split)
}

/// The state after `state` reads `byte`; None if the search gave up.
fn advance(dfa: &DFA, cache: &mut Cache, state: LazyStateID, byte: u8) -> Option<LazyStateID> {
    if !state.is_tagged() {
        let next = dfa.next_state_untagged(cache, state, byte);
        if !next.is_unknown() {
            return Some(next);
        }
    }
    dfa.next_state(cache, state, byte).ok()
}

/// What a search does after entering a state.
enum Entered {
    On,
    Dead,
    Quit,
}

/// Reports the patterns `state`, entered on byte `at - 1`, holds: matches
/// are delayed by one byte, so they end just before it. Only an empty match
/// ends inside a character; the library drops those.
fn entered(dfa: &DFA, cache: &Cache, text: &str, state: LazyStateID, at: usize, each: &mut dyn FnMut(usize, usize)) -> Entered {
    if state.is_match() {
        if text.is_char_boundary(at - 1) {
            report(dfa, cache, state, at - 1, each);
        }
        Entered::On
    } else if state.is_dead() {
        Entered::Dead
    } else if state.is_quit() {
        Entered::Quit
    } else {
        Entered::On
    }
}

/// Every pattern the match state `state` holds ends at `end`.
fn report(dfa: &DFA, cache: &Cache, state: LazyStateID, end: usize, each: &mut dyn FnMut(usize, usize)) {
    (0..dfa.match_len(cache, state)).for_each(|index| each(dfa.match_pattern(cache, state, index).as_usize(), end));
}

/// The search of `text` on from `state`, entered at `at`, to its end.
///
/// The library's overlapping search takes every byte through its general
/// case; this one runs through untagged states (no match, no state left to
/// compute) with one table lookup a byte, as the library's forward search
/// does.
fn run(dfa: &DFA, cache: &mut Cache, text: &str, mut state: LazyStateID, mut at: usize, each: &mut dyn FnMut(usize, usize)) -> Option<()> {
    let haystack = text.as_bytes();
    while at < haystack.len() {
        if state.is_tagged() {
            state = dfa.next_state(cache, state, haystack[at]).ok()?;
            at += 1;
        } else {
            let mut previous = state;
            while at < haystack.len() && !state.is_tagged() {
                previous = state;
                state = dfa.next_state_untagged(cache, state, haystack[at]);
                at += 1;
            }
            if state.is_unknown() {
                state = dfa.next_state(cache, previous, haystack[at - 1]).ok()?;
            }
        }
        match entered(dfa, cache, text, state, at, each) {
            Entered::Dead => return Some(()),
            Entered::Quit => return None,
            Entered::On => {}
        }
    }
    state = dfa.next_eoi_state(cache, state).ok()?;
    if state.is_match() {
        report(dfa, cache, state, haystack.len(), each);
    }
    Some(())
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
fn ascii_words(hir: &Hir) -> Hir {
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
    use regex_automata::hybrid::dfa::OverlappingState;

    use super::*;

    fn hir(pattern: &str) -> Hir {
        regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(pattern).unwrap()
    }

    fn ends(hirs: &[Hir], text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        Automaton::build(hirs, CACHE_CAPACITY).unwrap().ends(text, |pattern, end| found.push((pattern, end))).unwrap();
        found
    }

    #[test]
    fn every_end_of_every_pattern_is_reported() {
        assert_eq!(ends(&[hir("a+"), hir("aa")], "aaa"), [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3)]);
        // Overlapping matches of two patterns, and a longer one hiding a shorter.
        assert_eq!(ends(&[ascii_words(&hir(r"\bborder wall\b")), ascii_words(&hir(r"\bwall\b"))], "the Border Wall"), [(0, 15), (1, 15)]);
        // An empty match never ends inside a character.
        assert_eq!(ends(&[hir("b*")], "é"), [(0, 0), (0, 2)]);
    }

    /// What the library's own overlapping search reports.
    fn library_ends(hirs: &[Hir], text: &str) -> Vec<(usize, usize)> {
        let automaton = Automaton::build(hirs, CACHE_CAPACITY).unwrap();
        let mut cache = automaton.dfa.create_cache();
        let input = Input::new(text);
        let mut state = OverlappingState::start();
        let mut found = Vec::new();
        loop {
            automaton.dfa.try_search_overlapping_fwd(&mut cache, &input, &mut state).unwrap();
            match state.get_match() {
                Some(hit) => found.push((hit.pattern().as_usize(), hit.offset())),
                None => return found,
            }
        }
    }

    const PATTERNS: &[&str] =
        &["a", "ab", "a+b", "b*", "^a", "a$", r"(?m)^b", r"\ba", r"a\b", r"\Bb", "é", "aé?b", r"\bé", "[^a]b", "(?:ab|ba)+", ".", "a b", "[ab ]{3}"];

    /// What the two runs report, or None if the search gave up.
    fn ends_in_halves(automaton: &Automaton, text: &str, min_len: usize, meet_within: usize) -> Option<Vec<(usize, usize)>> {
        let mut found = Vec::new();
        automaton.ends_in_halves(text, min_len, meet_within, |pattern, end| found.push((pattern, end))).map(|()| found)
    }

    proptest::proptest! {
        #[test]
        fn the_search_loop_reports_what_the_library_does(
            patterns in proptest::collection::vec(proptest::sample::select(PATTERNS), 1..6),
            text in "[ab é\n.]{0,40}",
        ) {
            let hirs: Vec<Hir> = patterns.iter().map(|pattern| ascii_words(&hir(pattern))).collect();
            proptest::prop_assert_eq!(ends(&hirs, &text), library_ends(&hirs, &text));
        }

        /// Whether the runs meet soon, late or never, and with a cache so
        /// small that it is cleared under them.
        #[test]
        fn two_runs_report_what_the_library_does(
            patterns in proptest::collection::vec(proptest::sample::select(PATTERNS), 1..6),
            text in "[ab é\n.]{0,80}",
            min_len in 0usize..24,
            meet_within in 0usize..12,
            small_cache: bool,
        ) {
            let hirs: Vec<Hir> = patterns.iter().map(|pattern| ascii_words(&hir(pattern))).collect();
            let automaton = Automaton::build(&hirs, if small_cache { 0 } else { CACHE_CAPACITY }).unwrap();
            proptest::prop_assert_eq!(ends_in_halves(&automaton, &text, min_len, meet_within), Some(library_ends(&hirs, &text)));
        }
    }

    #[test]
    fn two_runs_survive_a_cleared_cache() {
        let hirs: Vec<Hir> = PATTERNS.iter().map(|pattern| ascii_words(&hir(pattern))).collect();
        let automaton = Automaton::build(&hirs, 0).unwrap();
        let text = "ab ba aab b.a é ab\nb a ".repeat(40);
        assert_eq!(ends_in_halves(&automaton, &text, 0, 64), Some(library_ends(&hirs, &text)));
        assert!(automaton.caches.get().clear_count() > 0, "the cache was never cleared");
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
