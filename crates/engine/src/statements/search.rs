//! The search of a combined automaton: every end of every pattern in a text,
//! exactly as the library's overlapping search reports them, faster.
//!
//! A lazy DFA search is a chain of table lookups, each waiting for the one
//! before it: a byte costs the latency of a load, and the processor idles
//! meanwhile. So a long text is cut into parts at spaces, and one run per
//! part advances byte for byte beside the others: independent chains, which
//! the processor overlaps. Each run then goes on past the end of its part
//! beside a fresh start of the next part's run until both are in the same
//! state (a few bytes, on prose): from there on they read alike, so the next
//! run's ends count from that point. A run that is not met within
//! [`MEET_WITHIN`] bytes is dropped and the one before it goes on alone.

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};
use regex_syntax::hir::Hir;

/// Room for the lazy DFA's states, per thread: large enough that realistic
/// rule sets never clear it on news text.
pub(super) const CACHE_CAPACITY: usize = 16 * 1024 * 1024;
/// A combined automaton larger than this is not built (every unit is read).
const NFA_SIZE_LIMIT: usize = 64 * 1024 * 1024;
/// The shortest part a text is cut into: a text under twice this is
/// searched in one run.
const PART_MIN_LEN: usize = 512;
/// How far past the end of its part a run may go to meet the next one.
const MEET_WITHIN: usize = 256;

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>>;

/// One lazy DFA and a cache per thread.
pub(super) struct Automaton {
    dfa: DFA,
    caches: CachePool,
}

impl Automaton {
    /// None when the patterns are too large together.
    pub(super) fn build(hirs: &[Hir], cache_capacity: usize) -> Option<Automaton> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(NFA_SIZE_LIMIT)),
            )
            .build_many_from_hir(hirs)
            .ok()?;
        // A Unicode word boundary (which the automata of rules never hold)
        // makes the search give up at the first non-ASCII byte.
        let config = DFA::config()
            .match_kind(MatchKind::All)
            .cache_capacity(cache_capacity)
            .skip_cache_capacity_check(true)
            .unicode_word_boundary(true);
        let dfa = DFA::builder().configure(config).build_from_nfa(nfa).ok()?;
        let for_caches = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_caches.create_cache()));
        Some(Automaton { dfa, caches })
    }

    /// Every (pattern, end) of `text`, in text order, as the library's
    /// `try_search_overlapping_fwd` reports them; None if the search gave up.
    pub(super) fn ends(&self, text: &str, each: impl FnMut(usize, usize)) -> Option<()> {
        self.ends_in_parts(text, PART_MIN_LEN, MEET_WITHIN, each)
    }

    /// [`ends`](Self::ends), with up to four parts of at least
    /// `part_min_len` bytes.
    fn ends_in_parts(
        &self,
        text: &str,
        part_min_len: usize,
        meet_within: usize,
        mut each: impl FnMut(usize, usize),
    ) -> Option<()> {
        let dfa = &self.dfa;
        let mut cache = self.caches.get();
        let cache = &mut *cache;
        let start = dfa.start_state_forward(cache, &Input::new(text)).ok()?;
        let mut reported = 0;
        let mut counted = |pattern, end| {
            reported += 1;
            each(pattern, end);
        };
        let parts = match text.len() / part_min_len.max(1) {
            0 | 1 => Ok((start, 0)),
            2 => parts::<2>(dfa, cache, text, start, meet_within, &mut counted),
            3 => parts::<3>(dfa, cache, text, start, meet_within, &mut counted),
            _ => parts::<4>(dfa, cache, text, start, meet_within, &mut counted),
        };
        match parts {
            Ok((state, at)) => run(dfa, cache, text, state, at, &mut counted),
            Err(Stopped::Over(over)) => over,
            Err(Stopped::Cleared) => {
                // The cache filled up under the runs (never seen on news
                // text): search again in one run, past what was reported.
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

/// A search that ended early: `Some(())` when it is over (a dead state:
/// nothing more can match), None when it gave up.
type Over = Option<()>;

/// Why the runs of [`parts`] did not hand one run on to go to the end.
enum Stopped {
    Over(Over),
    /// The cache was cleared: the states the other runs held are gone.
    Cleared,
}

/// Where each of `K` parts of `haystack` starts: the first at 0, the others
/// right after the last space before their share. None if a part would be empty.
fn part_starts<const K: usize>(haystack: &[u8]) -> Option<[usize; K]> {
    let mut starts = [0; K];
    for part in 1..K {
        let share = part * haystack.len() / K;
        let start = haystack[..share].iter().rposition(|&byte| byte == b' ')? + 1;
        if start <= starts[part - 1] {
            return None;
        }
        starts[part] = start;
    }
    Some(starts)
}

/// The runs over `K` parts of `text`, side by side, then each meeting the
/// next; `first` is the start state. Reports what it can be sure of, and
/// gives the run that goes on to the end: its state and position.
fn parts<const K: usize>(
    dfa: &DFA,
    cache: &mut Cache,
    text: &str,
    first: LazyStateID,
    meet_within: usize,
    each: &mut dyn FnMut(usize, usize),
) -> Result<(LazyStateID, usize), Stopped> {
    let haystack = text.as_bytes();
    let Some(starts) = part_starts::<K>(haystack) else {
        return Ok((first, 0));
    };
    // Any step that adds a state may clear the cache, after which no other
    // run's state may be used.
    let clears = cache.clear_count();
    let cleared = |cache: &Cache| {
        if cache.clear_count() == clears {
            Ok(())
        } else {
            Err(Stopped::Cleared)
        }
    };
    let step = |cache: &mut Cache, state: LazyStateID, byte: u8| {
        let next = advance(dfa, cache, state, byte).ok_or(Stopped::Over(None))?;
        cleared(cache).map(|()| next)
    };
    let mut fresh = [first; K];
    for part in 1..K {
        let Ok(start) = dfa.start_state_forward(cache, &Input::new(text).range(starts[part]..))
        else {
            return Ok((first, 0));
        };
        cleared(cache)?;
        fresh[part] = start;
    }
    let ends: [usize; K] = std::array::from_fn(|part| {
        if part + 1 < K {
            starts[part + 1]
        } else {
            haystack.len()
        }
    });
    let steps = (0..K)
        .map(|part| ends[part] - starts[part])
        .min()
        .unwrap_or(0);
    let mut states = fresh;
    // The ends the later runs find, kept until it is known from where they count.
    let mut later: [Vec<(usize, usize)>; K] = std::array::from_fn(|_| Vec::new());
    // Each run is at `starts[part] + at`.
    let mut at = 0;
    while at < steps {
        if states.iter().any(|state| state.is_tagged()) {
            for part in 0..K {
                states[part] = step(cache, states[part], haystack[starts[part] + at])?;
            }
            at += 1;
        } else {
            let lanes =
                std::array::from_fn(|part| &haystack[starts[part] + at..starts[part] + steps]);
            let (taken, before, mut next) = untagged_steps(dfa, cache, lanes, states);
            at += taken;
            states = before;
            for part in 0..K {
                if next[part].is_unknown() {
                    next[part] = step(cache, states[part], haystack[starts[part] + at - 1])?;
                }
            }
            states = next;
        }
        entered(dfa, cache, text, states[0], at, each).map_err(Stopped::Over)?;
        // A later run that is dead or gave up is only ever met by a run in
        // the same state, which ends the search as it would have.
        for part in 1..K {
            let found = &mut later[part];
            let _ = entered(
                dfa,
                cache,
                text,
                states[part],
                starts[part] + at,
                &mut |pattern, end| found.push((pattern, end)),
            );
        }
    }
    // The first run, and whichever run it meets, goes on to the end.
    let (mut state, mut position) = (states[0], at);
    for part in 1..K {
        state =
            walk(dfa, cache, text, state, position, starts[part], each).map_err(Stopped::Over)?;
        cleared(cache)?;
        position = starts[part];
        // The part's run has read up to `starts[part] + at`: they meet by then, or not at all.
        let limit = (starts[part] + meet_within).min(starts[part] + at);
        let mut again = fresh[part];
        while state != again && position < limit {
            let next = step(cache, state, haystack[position])?;
            again = step(cache, again, haystack[position])?;
            state = next;
            position += 1;
            entered(dfa, cache, text, state, position, each).map_err(Stopped::Over)?;
        }
        if state == again {
            // Met at `position`: the run before reported the ends before it.
            for &(pattern, end) in later[part].iter().filter(|&&(_, end)| end >= position) {
                each(pattern, end);
            }
            (state, position) = (states[part], starts[part] + at);
        }
    }
    Ok((state, position))
}

/// The hot loop: the runs' next states over their `lanes` (of one length),
/// byte by byte while none is tagged. Gives how many bytes each run read,
/// the states before the last byte and those after it (where one may be
/// tagged). Its own function, so that the states stay in registers.
#[inline(never)]
fn untagged_steps<const K: usize>(
    dfa: &DFA,
    cache: &Cache,
    lanes: [&[u8]; K],
    mut states: [LazyStateID; K],
) -> (usize, [LazyStateID; K], [LazyStateID; K]) {
    let len = lanes.iter().map(|lane| lane.len()).min().unwrap_or(0);
    // Cut to one known length, which spares each byte its bounds check.
    let lanes: [&[u8]; K] = std::array::from_fn(|part| &lanes[part][..len]);
    let mut taken = 0;
    while taken < len {
        let next: [LazyStateID; K] = std::array::from_fn(|part| {
            dfa.next_state_untagged(cache, states[part], lanes[part][taken])
        });
        taken += 1;
        if next
            .iter()
            .fold(false, |tagged, state| tagged | state.is_tagged())
        {
            return (taken, states, next);
        }
        states = next;
    }
    (len, states, states)
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

/// Reports the patterns `state`, entered on byte `at - 1`, holds: matches
/// are delayed by one byte, so they end just before it. Only an empty match
/// ends inside a character; the library drops those.
fn entered(
    dfa: &DFA,
    cache: &Cache,
    text: &str,
    state: LazyStateID,
    at: usize,
    each: &mut dyn FnMut(usize, usize),
) -> Result<(), Over> {
    if state.is_match() {
        if text.is_char_boundary(at - 1) {
            report(dfa, cache, state, at - 1, each);
        }
        Ok(())
    } else if state.is_dead() {
        Err(Some(()))
    } else if state.is_quit() {
        Err(None)
    } else {
        Ok(())
    }
}

/// Every pattern the match state `state` holds ends at `end`.
fn report(
    dfa: &DFA,
    cache: &Cache,
    state: LazyStateID,
    end: usize,
    each: &mut dyn FnMut(usize, usize),
) {
    (0..dfa.match_len(cache, state))
        .for_each(|index| each(dfa.match_pattern(cache, state, index).as_usize(), end));
}

/// One run from `state`, entered at `at`, to `to`, and the state it gets there in.
///
/// The library's overlapping search takes every byte through its general
/// case; this one runs through untagged states (no match, no state left to
/// compute) with one table lookup a byte, as its forward search does.
fn walk(
    dfa: &DFA,
    cache: &mut Cache,
    text: &str,
    mut state: LazyStateID,
    mut at: usize,
    to: usize,
    each: &mut dyn FnMut(usize, usize),
) -> Result<LazyStateID, Over> {
    let haystack = text.as_bytes();
    while at < to {
        if state.is_tagged() {
            state = advance(dfa, cache, state, haystack[at]).ok_or(None)?;
            at += 1;
        } else {
            let mut previous = state;
            while at < to && !state.is_tagged() {
                previous = state;
                state = dfa.next_state_untagged(cache, state, haystack[at]);
                at += 1;
            }
            if state.is_unknown() {
                state = advance(dfa, cache, previous, haystack[at - 1]).ok_or(None)?;
            }
        }
        entered(dfa, cache, text, state, at, each)?;
    }
    Ok(state)
}

/// One run from `state`, entered at `at`, to the end of `text`.
fn run(
    dfa: &DFA,
    cache: &mut Cache,
    text: &str,
    state: LazyStateID,
    at: usize,
    each: &mut dyn FnMut(usize, usize),
) -> Option<()> {
    let state = match walk(dfa, cache, text, state, at, text.len(), each) {
        Ok(state) => state,
        Err(over) => return over,
    };
    let state = dfa.next_eoi_state(cache, state).ok()?;
    if state.is_match() {
        report(dfa, cache, state, text.len(), each);
    }
    Some(())
}

/// Every (pattern, end) `hirs` have in `text`, by [`Automaton::ends`].
#[cfg(test)]
pub(super) fn all_ends(hirs: &[Hir], text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    Automaton::build(hirs, CACHE_CAPACITY)
        .unwrap()
        .ends(text, |pattern, end| found.push((pattern, end)))
        .unwrap();
    found
}

#[cfg(test)]
mod tests {
    use regex_automata::hybrid::dfa::OverlappingState;

    use super::super::matcher::ascii_words;
    use super::*;

    fn hir(pattern: &str) -> Hir {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(pattern)
            .unwrap()
    }

    /// What the library's own overlapping search reports; None if it gave up.
    fn library_ends(hirs: &[Hir], text: &str) -> Option<Vec<(usize, usize)>> {
        let automaton = Automaton::build(hirs, CACHE_CAPACITY).unwrap();
        let mut cache = automaton.dfa.create_cache();
        let input = Input::new(text);
        let mut state = OverlappingState::start();
        let mut found = Vec::new();
        loop {
            automaton
                .dfa
                .try_search_overlapping_fwd(&mut cache, &input, &mut state)
                .ok()?;
            match state.get_match() {
                Some(hit) => found.push((hit.pattern().as_usize(), hit.offset())),
                None => return Some(found),
            }
        }
    }

    /// What the runs report, or None if the search gave up.
    fn ends_in_parts(
        automaton: &Automaton,
        text: &str,
        part_min_len: usize,
        meet_within: usize,
    ) -> Option<Vec<(usize, usize)>> {
        let mut found = Vec::new();
        automaton
            .ends_in_parts(text, part_min_len, meet_within, |pattern, end| {
                found.push((pattern, end))
            })
            .map(|()| found)
    }

    const PATTERNS: &[&str] = &[
        "a",
        "ab",
        "a+b",
        "b*",
        "^a",
        "a$",
        r"(?m)^b",
        r"\ba",
        r"a\b",
        r"\Bb",
        "é",
        "aé?b",
        r"\bé",
        "[^a]b",
        "(?:ab|ba)+",
        ".",
        "a b",
        "[ab ]{3}",
    ];

    #[test]
    fn every_end_of_every_pattern_is_reported() {
        assert_eq!(
            all_ends(&[hir("a+"), hir("aa")], "aaa"),
            [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3)]
        );
        // Overlapping matches of two patterns, and a longer one hiding a shorter.
        assert_eq!(
            all_ends(
                &[
                    ascii_words(&hir(r"\bborder wall\b")),
                    ascii_words(&hir(r"\bwall\b"))
                ],
                "the Border Wall"
            ),
            [(0, 15), (1, 15)]
        );
        // An empty match never ends inside a character.
        assert_eq!(all_ends(&[hir("b*")], "é"), [(0, 0), (0, 2)]);
    }

    #[test]
    fn parts_start_after_spaces() {
        assert_eq!(part_starts::<2>(b"ab cd ef gh"), Some([0, 3]));
        assert_eq!(part_starts::<4>(b"ab cd ef gh ij"), Some([0, 3, 6, 9]));
        assert_eq!(part_starts::<3>(b"a  b c d e"), Some([0, 3, 5]));
        // No space between the second and the third share: the third part would be empty.
        assert_eq!(part_starts::<3>(b"ab cdefghijk"), None);
        assert_eq!(part_starts::<3>(b"abc  d"), None);
        assert_eq!(part_starts::<2>(b"abcdef"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn one_run_reports_what_the_library_does(
            patterns in proptest::collection::vec(proptest::sample::select(PATTERNS), 1..6),
            text in "[ab é\n.]{0,40}",
        ) {
            let hirs: Vec<Hir> = patterns.iter().map(|pattern| ascii_words(&hir(pattern))).collect();
            let automaton = Automaton::build(&hirs, CACHE_CAPACITY).unwrap();
            proptest::prop_assert_eq!(ends_in_parts(&automaton, &text, usize::MAX, 0), library_ends(&hirs, &text));
        }

        /// Two to four parts, whose runs meet soon, late or never, with a
        /// cache so small that it is cleared under them; with Unicode word
        /// boundaries, a run gives up at the first non-ASCII byte.
        #[test]
        fn runs_side_by_side_report_what_the_library_does(
            patterns in proptest::collection::vec(proptest::sample::select(PATTERNS), 1..6),
            text in "[ab é\n.]{0,100}",
            part_min_len in 0usize..40,
            meet_within in 0usize..12,
            small_cache: bool,
            unicode_words: bool,
        ) {
            let hirs: Vec<Hir> = patterns.iter().map(|pattern| if unicode_words { hir(pattern) } else { ascii_words(&hir(pattern)) }).collect();
            let automaton = Automaton::build(&hirs, if small_cache { 0 } else { CACHE_CAPACITY }).unwrap();
            proptest::prop_assert_eq!(ends_in_parts(&automaton, &text, part_min_len, meet_within), library_ends(&hirs, &text));
        }
    }

    #[test]
    fn runs_survive_a_cleared_cache() {
        let hirs: Vec<Hir> = PATTERNS
            .iter()
            .map(|pattern| ascii_words(&hir(pattern)))
            .collect();
        let automaton = Automaton::build(&hirs, 0).unwrap();
        let text = "ab ba aab b.a é ab\nb a ".repeat(40);
        assert_eq!(
            ends_in_parts(&automaton, &text, 0, 64),
            library_ends(&hirs, &text)
        );
        assert!(
            automaton.caches.get().clear_count() > 0,
            "the cache was never cleared"
        );
    }
}
