//! Text reuse between news articles: is a passage of one article copied,
//! near-verbatim, from another, and where in that other article is it?
//!
//! (Module docs: see below, written after measuring.)

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(test)]
mod tests;
mod words;

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Words in a shingle.
pub const SHINGLE_WORDS: usize = 8;

/// Winnowing window, in shingles: of every this many consecutive shingles, at
/// least the one of least hash is kept.
const WINNOW_WINDOW: usize = 4;

/// Least share of a passage's shingles found in the source for the passage to
/// be a copy.
pub const PASSAGE_SHARE: f32 = 0.5;

/// Least number of a passage's shingles found in the source for the passage to
/// be a copy (unless it has fewer).
const PASSAGE_MATCHES: usize = 2;

/// The text of an article reduced to what comparing it with others needs: a
/// sample of its hashed word shingles, each with its byte range in the text.
/// Computed once per article ([`Fingerprint::new`]); serializable so that it
/// can be cached beside the article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Sorted by hash, then start.
    shingles: Vec<Shingle>,
    text_len: u32,
}

/// A run of [`SHINGLE_WORDS`] words (or all of a shorter text's words).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Shingle {
    hash: u32,
    start: u32,
    end: u32,
}

/// A passage found in a source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// The byte of the source's text that corresponds to the statement's byte
    /// in the copy. Exact where the text between the statement and the nearest
    /// shared shingle is the same byte for byte in both; otherwise off by the
    /// difference (a folded quote, an edited word), possibly inside a word or a
    /// character: look up the source's sentence that contains it.
    pub source_byte: usize,
    /// Share of the passage's shingles found in the source, 0 to 1.
    pub shared: f32,
}

impl Fingerprint {
    /// The fingerprint of `text` (an article's text, markup removed or not).
    /// Texts beyond 4 GiB are fingerprinted up to there.
    pub fn new(text: &str) -> Self {
        let text = up_to_u32(text);
        let mut winnower = Winnower::with_capacity(text.len() / 12);
        let mut word_hashes = [0u64; SHINGLE_WORDS];
        let mut word_starts = [0u32; SHINGLE_WORDS];
        let mut words = 0;
        let mut last_end = 0;
        let mut rolling = 0u64;
        words::for_each_word(text, |hash, start, end| {
            let slot = words % SHINGLE_WORDS;
            let leaving = if words >= SHINGLE_WORDS { word_hashes[slot] } else { 0 };
            rolling = rolling.wrapping_mul(ROLLING_BASE).wrapping_add(hash).wrapping_sub(leaving.wrapping_mul(ROLLING_BASE_POW));
            word_hashes[slot] = hash;
            word_starts[slot] = start as u32;
            words += 1;
            last_end = end as u32;
            if words >= SHINGLE_WORDS {
                winnower.push(Shingle { hash: fold(rolling), start: word_starts[words % SHINGLE_WORDS], end: last_end });
            }
        });
        if (1..SHINGLE_WORDS).contains(&words) {
            winnower.push(Shingle { hash: fold(rolling), start: word_starts[0], end: last_end });
        }
        let mut shingles = winnower.finish();
        shingles.sort_unstable_by_key(|shingle| u64::from(shingle.hash) << 32 | u64::from(shingle.start));
        Fingerprint { shingles, text_len: text.len() as u32 }
    }

    /// Share of this text's shingles found in `source`, 0 to 1 (0 for a text
    /// without words): how much of this text is copied from `source`.
    pub fn shared_with(&self, source: &Fingerprint) -> f32 {
        if self.shingles.is_empty() {
            return 0.0;
        }
        let mut theirs = source.shingles.iter().map(|shingle| shingle.hash).peekable();
        let found = self
            .shingles
            .iter()
            .filter(|shingle| {
                while theirs.next_if(|&hash| hash < shingle.hash).is_some() {}
                theirs.peek() == Some(&shingle.hash)
            })
            .count();
        found as f32 / self.shingles.len() as f32
    }

    /// Whether `passage` of this text (the byte range of a statement's sentence
    /// and its neighbours) is found near-verbatim in `source`, and if so where
    /// the byte `statement` (inside `passage`) is in the source.
    pub fn passage_in(&self, source: &Fingerprint, passage: Range<usize>, statement: usize) -> Option<Found> {
        let mut own = 0;
        let mut found = 0;
        let mut nearest: Option<(u32, u32)> = None;
        // At or before the statement first, then the closest.
        let distance = |start: u32| (start as usize > statement, (start as usize).abs_diff(statement));
        for shingle in self.shingles.iter().filter(|shingle| (shingle.start as usize) < passage.end && shingle.end as usize > passage.start) {
            own += 1;
            let Some(theirs) = source.nearest_with(shingle.hash, shingle.start) else { continue };
            found += 1;
            if nearest.is_none_or(|(start, _)| distance(shingle.start) < distance(start)) {
                nearest = Some((shingle.start, theirs.start));
            }
        }
        let (own_start, source_start) = nearest?;
        if found < own.min(PASSAGE_MATCHES) || (found as f32) < PASSAGE_SHARE * own as f32 {
            return None;
        }
        let source_byte = (source_start as usize + statement).saturating_sub(own_start as usize).min(source.text_len as usize);
        Some(Found { source_byte, shared: found as f32 / own as f32 })
    }

    /// Drops the shingles of `stock` from this fingerprint, before comparing
    /// it with others.
    pub fn remove_stock(&mut self, stock: &Stock) {
        let mut stock = stock.hashes.iter().copied().peekable();
        self.shingles.retain(|shingle| {
            while stock.next_if(|&hash| hash < shingle.hash).is_some() {}
            stock.peek() != Some(&shingle.hash)
        });
    }

    /// The shingle of hash `hash` nearest to `start`, of the shingles that
    /// have it: a copy keeps its source's order, mostly.
    fn nearest_with(&self, hash: u32, start: u32) -> Option<&Shingle> {
        let first = self.shingles.partition_point(|shingle| shingle.hash < hash);
        self.shingles[first..].iter().take_while(|shingle| shingle.hash == hash).min_by_key(|shingle| shingle.start.abs_diff(start))
    }
}

/// Stories a shingle must be found in to be stock text.
pub const STOCK_STORIES: usize = 3;

/// The stock text of a corpus: shingles found in articles of at least
/// [`STOCK_STORIES`] different stories. A story's own text recurs in no other
/// story, but site templates ("please check your email and click on the link
/// to activate your profile"), credit lines ("All rights reserved. This
/// material may not be published, broadcast, rewritten or redistributed") and
/// the longest stock phrases ("no arrests have been made in the shooting")
/// do, and two outlets of one owner share them in every story.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stock {
    /// Sorted, without duplicates.
    hashes: Vec<u32>,
}

impl Stock {
    /// The stock text of a corpus given the fingerprints of its articles,
    /// story by story.
    pub fn of_stories<'a, Story: IntoIterator<Item = &'a Fingerprint>>(stories: impl IntoIterator<Item = Story>) -> Self {
        // Per hash: the last story it was seen in, and in how many stories.
        let mut seen: FxHashMap<u32, (usize, usize)> = FxHashMap::default();
        for (story, fingerprints) in stories.into_iter().enumerate() {
            for shingle in fingerprints.into_iter().flat_map(|fingerprint| &fingerprint.shingles) {
                let (last_story, stories) = seen.entry(shingle.hash).or_insert((usize::MAX, 0));
                if *last_story != story {
                    *last_story = story;
                    *stories += 1;
                }
            }
        }
        let mut hashes: Vec<u32> = seen.into_iter().filter(|(_, (_, stories))| *stories >= STOCK_STORIES).map(|(hash, _)| hash).collect();
        hashes.sort_unstable();
        Stock { hashes }
    }
}

/// Base of the rolling shingle hash, Σ word·BASEⁱ mod 2⁶⁴: odd, so that no
/// word's bits are shifted out.
const ROLLING_BASE: u64 = 0x2545_F491_4F6C_DD1D;
/// `ROLLING_BASE` to the power [`SHINGLE_WORDS`], to take the leaving word out.
const ROLLING_BASE_POW: u64 = {
    let mut power = 1u64;
    let mut words = 0;
    while words < SHINGLE_WORDS {
        power = power.wrapping_mul(ROLLING_BASE);
        words += 1;
    }
    power
};

/// A shingle's 32-bit hash: the high half of its rolling hash, which every
/// bit of every word's (already mixed) hash reaches.
fn fold(rolling: u64) -> u32 {
    (rolling >> 32) as u32
}

/// The longest prefix of `text` whose byte offsets fit in a `u32`.
fn up_to_u32(text: &str) -> &str {
    let mut end = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Winnowing (Schleimer, Wilkerson and Aiken, 2003): keeps the shingle of
/// least hash in every window of [`WINNOW_WINDOW`] consecutive shingles, the
/// rightmost on ties, plus the first and the last, so that every word is in a
/// kept shingle and any run of `WINNOW_WINDOW + SHINGLE_WORDS - 1` words that
/// two texts share yields a kept shingle in both.
struct Winnower {
    window: [Shingle; WINNOW_WINDOW],
    seen: usize,
    /// Index of the rightmost least shingle in the window.
    least: usize,
    last_kept: Option<usize>,
    kept: Vec<Shingle>,
}

impl Winnower {
    fn with_capacity(capacity: usize) -> Self {
        Winnower { window: [Shingle::default(); WINNOW_WINDOW], seen: 0, least: 0, last_kept: None, kept: Vec::with_capacity(capacity) }
    }

    #[inline]
    fn push(&mut self, shingle: Shingle) {
        let index = self.seen;
        self.seen += 1;
        let fell_out = self.least + WINNOW_WINDOW <= index;
        let is_least = index == 0 || shingle.hash <= self.window[self.least % WINNOW_WINDOW].hash;
        self.window[index % WINNOW_WINDOW] = shingle;
        if is_least {
            self.least = index;
        } else if fell_out {
            let first = index + 1 - WINNOW_WINDOW;
            self.least = (first..=index).rev().min_by_key(|&index| self.window[index % WINNOW_WINDOW].hash).unwrap_or(index);
        }
        if index == 0 || self.seen >= WINNOW_WINDOW {
            self.keep(self.least);
        }
    }

    /// Indices kept only grow (the rightmost least of a sliding window never
    /// moves left), so comparing with the last kept one avoids duplicates.
    fn keep(&mut self, index: usize) {
        if self.last_kept != Some(index) {
            self.last_kept = Some(index);
            self.kept.push(self.window[index % WINNOW_WINDOW]);
        }
    }

    fn finish(mut self) -> Vec<Shingle> {
        if let Some(last) = self.seen.checked_sub(1) {
            self.keep(last);
        }
        self.kept
    }
}
