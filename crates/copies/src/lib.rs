//! Text reuse between news articles: is a passage of one article copied,
//! near-verbatim, from another, and where in that other article is it?
//!
//! SPEC §8: a statement is copied when the passage around it (its sentence
//! and its neighbours) appears near-verbatim in an earlier article of another
//! outlet in the same story; copies survive what syndication changes (headline,
//! dateline and credit lines, quotes and dashes, line wrapping, Markdown, a
//! paragraph dropped or moved, a word or two edited), and shared stock phrases
//! do not make one. Which article is earlier, and which articles to compare,
//! is the caller's business; this crate compares two texts.
//!
//! # Use
//!
//! ```
//! use crosscheck_copies::{Fingerprint, Stock, COPY_SHARE};
//!
//! let source = "BRISTOL, Tenn. (AP) — A gunman killed three relatives in a surprise attack witnessed \
//!     by several children in a home in eastern Tennessee, authorities said. The 19-year-old attacker \
//!     was shot and wounded by another family member during his getaway, the sheriff's office said.";
//! let copy = "# 3 dead in Sullivan County\n\nA gunman killed three relatives in a *surprise attack* \
//!     witnessed by several children in a home in eastern Tennessee, authorities said.\n\nThe \
//!     19-year-old attacker was shot and wounded by another family member during his getaway, \
//!     the sheriff’s office said.";
//! // Once per article, cached with it.
//! let (mut source_print, mut copy_print) = (Fingerprint::new(source), Fingerprint::new(copy));
//! // Optionally, once per corpus: drop stock text (here: none, one story).
//! let stock = Stock::of_stories([[&source_print, &copy_print]]);
//! source_print.remove_stock(&stock);
//! copy_print.remove_stock(&stock);
//!
//! assert!(copy_print.shared_with(&source_print) >= COPY_SHARE);
//! let statement = copy.find("19-year-old").unwrap();
//! let passage = copy.find("A gunman").unwrap()..copy.len();
//! let found = copy_print.passage_in(&source_print, passage, statement).unwrap();
//! assert_eq!(found.source_byte, source.find("19-year-old").unwrap());
//! ```
//!
//! # How
//!
//! - **Words**, not characters (module `words`): runs of letters and digits, case
//!   folded, apostrophes joining, everything else a separator, link targets
//!   and URLs skipped. Quotes, dashes, punctuation, white space and Markdown
//!   emphasis never reach a word, so none of them can break a match.
//! - **Shingles of [`SHINGLE_WORDS`] = 8 words**, hashed with a rolling hash.
//!   Eight words is long enough that stock phrases ("police said", "no
//!   arrests have been made", "anyone with information is asked to call", all
//!   of 7 words or fewer) make no shingle by themselves, and short enough
//!   that a sentence of 20 words keeps most of its shingles when a word of it
//!   is edited. It is also the length the issue measured with.
//! - **Winnowing** (Schleimer, Wilkerson and Aiken, 2003, as in MOSS), window
//!   of 4 shingles: keeps about 0.4 shingles per word, and guarantees that
//!   any 11 words two texts share give both the same kept shingle, so even a
//!   short passage has shingles to compare. Every kept shingle has its byte
//!   range, which locates a passage in the source. On GVA, winnowed shares
//!   differ from those of all shingles by 0.014 on average and select the
//!   same pairs; a window of 8 halves the size and the work but loses short
//!   passages (a paragraph moved between new neighbours, in the tests).
//! - **Containment, not resemblance**: [`Fingerprint::shared_with`] is the
//!   share of the copy's shingles found in the source, which a copy that
//!   drops or adds paragraphs keeps; [`Fingerprint::passage_in`] is the same
//!   over the shingles that overlap a passage, then maps the statement's byte
//!   to the source through the nearest shared shingle.
//! - **Stock text by document frequency** (as passim drops boilerplate
//!   n-grams): [`Stock`] is the shingles found in [`STOCK_STORIES`] = 3 or
//!   more stories of the corpus; a story's own text recurs in no other story.
//!   On GVA this is 1,885 of 764,000 kept shingles: the AP credit line ("All
//!   rights reserved. This material may not be published, broadcast,
//!   rewritten or redistributed"), site templates ("please check your email
//!   and click on the link to activate your profile"), widgets, tip lines.
//!   It changes one pair in GVA (two sister sites sharing 0.67 of their text,
//!   all of it a sign-up template, now 0.00) and keeps credit lines from
//!   counting in passages. It is optional: it needs a pass over the corpus.
//!
//! # Rejected
//!
//! - **MinHash and LSH** (crates `lshdedup-core` 0.1, `datasketch-minhash-lsh`
//!   0.0.1, "use it at your own risk", `gaoya`): they estimate the resemblance
//!   of whole documents and find candidates among millions; here candidates
//!   are given (the articles of one story), the measure needed is containment
//!   of a passage, and a signature keeps no positions to point at the source.
//! - **Simhash**: one signature per document, no passages, no positions.
//! - **SpotSigs** (stopword-anchored chains): built to skip site templates
//!   around AP copy on raw pages; here markup is removed and templates are
//!   handled by [`Stock`], and anchoring on stopwords would leave the short
//!   passages of statements with few signatures.
//! - **passim's alignment** (Smith-Waterman over the matching n-grams): it
//!   finds the exact extent of a reused passage; here the passage is given
//!   and only whether, and where, it is found is asked, which shingle
//!   positions answer.
//!
//! So the crate is a small implementation on `serde` (to cache fingerprints)
//! and `rustc-hash` (counting stock shingles).
//!
//! # Cost
//!
//! A fingerprint keeps one shingle of 12 bytes per 15 bytes of text (on GVA),
//! so it is about 0.8 times the size of its text in memory. Fingerprinting
//! is one pass over the text with no branch per byte on ASCII text
//! (`examples/throughput.rs`): 250 to 270 MB of text per second of CPU time
//! on AllSides texts, on a shared 2-core machine. Comparisons are merges of
//! sorted hashes (`shared_with`) or binary searches (`passage_in`).
//!
//! # Measured on GVA (3,614 stories, 6,224 articles, 3,767 pairs of outlets)
//!
//! `examples/gva_pairs.rs`: 45 copies share 0.5 or more of their text with
//! their source, in 43 stories, 48 pairs either way (46 copies counting stock
//! text; the issue counted 49 pairs in 47 stories): walb.com and wmbfnews.com
//! 0.98, atf.gov and fbi.gov 0.98, kstp.com and minnesota.cbslocal.com 0.84
//! (0.92 the other way). From 0.2 to 0.5 are 28
//! pairs, mostly real copies: sister stations running a rewrite with two
//! paragraphs kept, an update that contains the earlier article
//! (kron4.com in wjbf.com: 0.73 of it, 0.33 of the longer update), wire copy
//! with local paragraphs; and shared third-party text (a school district's
//! statement, embedded tweets, a police release). Under 0.2, what is shared
//! is a sentence or two of the same release or interview. Of the sentences of
//! copies sharing 0.5 or more, 89% have their passage found in the source
//! (976 of 1,100); of those of pairs sharing under 0.2, 0.15% (140 of 91,109),
//! all of them text the two share for real (a witness's words, a tip line,
//! a press release's names), none made of stock phrases.

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
/// be a copy. A passage of three sentences of 20 words has about 24 kept
/// shingles: a word edited in it takes out about 3, a paragraph of new
/// neighbours about 10; a stock phrase of 9 words that two independent passages
/// share gives them 2 shingles in common, 1 kept at most. On GVA, 89% of the
/// sentences of copies have their passage found at this threshold.
pub const PASSAGE_SHARE: f32 = 0.5;

/// Least [`Fingerprint::shared_with`] for two articles to share copy, in the
/// listing of copies. From 0.2 up, pairs on GVA are copies with edits or
/// additions, or share a third party's text at length (a statement, tweets);
/// under it, a sentence or two of the same police release. 73 pairs of GVA
/// in 67 stories; 45 in 43 stories share 0.5 or more.
pub const COPY_SHARE: f32 = 0.2;

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
        let mut shingler = Shingler {
            shingles: Vec::with_capacity(text.len() / 5),
            ..Shingler::default()
        };
        words::for_each_word(text, |hash, start, end| {
            shingler.push(hash, start as u32, end as u32)
        });
        let all = shingler.finish();
        let mut kept = winnow(&all);
        // Sorting bare keys is faster than sorting the shingles by key.
        kept.sort_unstable();
        let shingles = kept.iter().map(|&key| all[key as u32 as usize]).collect();
        Fingerprint {
            shingles,
            text_len: text.len() as u32,
        }
    }

    /// Share of this text's shingles found in `source`, 0 to 1 (0 for a text
    /// without words): how much of this text is copied from `source`.
    pub fn shared_with(&self, source: &Fingerprint) -> f32 {
        if self.shingles.is_empty() {
            return 0.0;
        }
        let mut theirs = source
            .shingles
            .iter()
            .map(|shingle| shingle.hash)
            .peekable();
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
    pub fn passage_in(
        &self,
        source: &Fingerprint,
        passage: Range<usize>,
        statement: usize,
    ) -> Option<Found> {
        let mut own = 0;
        let mut found = 0;
        let mut nearest: Option<(u32, u32)> = None;
        // At or before the statement first, then the closest.
        let distance = |start: u32| {
            (
                start as usize > statement,
                (start as usize).abs_diff(statement),
            )
        };
        for shingle in self.shingles.iter().filter(|shingle| {
            (shingle.start as usize) < passage.end && shingle.end as usize > passage.start
        }) {
            own += 1;
            let Some(theirs) = source.nearest_with(shingle.hash, shingle.start) else {
                continue;
            };
            found += 1;
            if nearest.is_none_or(|(start, _)| distance(shingle.start) < distance(start)) {
                nearest = Some((shingle.start, theirs.start));
            }
        }
        let (own_start, source_start) = nearest?;
        if found < own.min(PASSAGE_MATCHES) || (found as f32) < PASSAGE_SHARE * own as f32 {
            return None;
        }
        let source_byte = (source_start as usize + statement)
            .saturating_sub(own_start as usize)
            .min(source.text_len as usize);
        Some(Found {
            source_byte,
            shared: found as f32 / own as f32,
        })
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
        self.shingles[first..]
            .iter()
            .take_while(|shingle| shingle.hash == hash)
            .min_by_key(|shingle| shingle.start.abs_diff(start))
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
    pub fn of_stories<'a, Story: IntoIterator<Item = &'a Fingerprint>>(
        stories: impl IntoIterator<Item = Story>,
    ) -> Self {
        // Per hash: the last story it was seen in, and in how many stories.
        let mut seen: FxHashMap<u32, (usize, usize)> = FxHashMap::default();
        for (story, fingerprints) in stories.into_iter().enumerate() {
            for shingle in fingerprints
                .into_iter()
                .flat_map(|fingerprint| &fingerprint.shingles)
            {
                let (last_story, stories) = seen.entry(shingle.hash).or_insert((usize::MAX, 0));
                if *last_story != story {
                    *last_story = story;
                    *stories += 1;
                }
            }
        }
        let mut hashes: Vec<u32> = seen
            .into_iter()
            .filter(|(_, (_, stories))| *stories >= STOCK_STORIES)
            .map(|(hash, _)| hash)
            .collect();
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

/// Words to shingles: a rolling hash over the last [`SHINGLE_WORDS`] words.
#[derive(Default)]
struct Shingler {
    hashes: [u64; SHINGLE_WORDS],
    starts: [u32; SHINGLE_WORDS],
    words: usize,
    last_end: u32,
    rolling: u64,
    shingles: Vec<Shingle>,
}

impl Shingler {
    #[inline(always)]
    fn push(&mut self, hash: u64, start: u32, end: u32) {
        let slot = self.words % SHINGLE_WORDS;
        let leaving = if self.words >= SHINGLE_WORDS {
            self.hashes[slot]
        } else {
            0
        };
        self.rolling = self
            .rolling
            .wrapping_mul(ROLLING_BASE)
            .wrapping_add(hash)
            .wrapping_sub(leaving.wrapping_mul(ROLLING_BASE_POW));
        self.hashes[slot] = hash;
        self.starts[slot] = start;
        self.words += 1;
        self.last_end = end;
        if self.words >= SHINGLE_WORDS {
            self.shingles.push(Shingle {
                hash: fold(self.rolling),
                start: self.starts[self.words % SHINGLE_WORDS],
                end,
            });
        }
    }

    /// The shingles in text order; a text of fewer words than a shingle is
    /// one shingle.
    fn finish(mut self) -> Vec<Shingle> {
        if (1..SHINGLE_WORDS).contains(&self.words) {
            self.shingles.push(Shingle {
                hash: fold(self.rolling),
                start: self.starts[0],
                end: self.last_end,
            });
        }
        self.shingles
    }
}

/// Winnowing (Schleimer, Wilkerson and Aiken, 2003): keeps the shingle of
/// least hash in every window of [`WINNOW_WINDOW`] consecutive shingles, the
/// rightmost on ties, plus the first and the last, so that every word is in a
/// kept shingle and any run of `WINNOW_WINDOW + SHINGLE_WORDS - 1` words that
/// two texts share yields a kept shingle in both. Returns the kept ones as
/// keys, hash in the high half and index in `shingles` in the low half.
///
/// Without branches on hashes (which no predictor could guess): the window's
/// least is chosen by conditional moves, and each window writes its choice
/// and counts it only if it is new.
fn winnow(shingles: &[Shingle]) -> Vec<u64> {
    let key = |index: usize| u64::from(shingles[index].hash) << 32 | index as u64;
    let Some(last) = shingles.len().checked_sub(1) else {
        return Vec::new();
    };
    let mut keys = vec![0; shingles.len() + 1];
    keys[0] = key(0);
    let mut kept = 1;
    let mut last_kept = 0;
    for first in 0..shingles.len().saturating_sub(WINNOW_WINDOW - 1) {
        let mut least = first;
        for index in first + 1..first + WINNOW_WINDOW {
            least = if shingles[index].hash <= shingles[least].hash {
                index
            } else {
                least
            };
        }
        keys[kept] = key(least);
        kept += usize::from(least != last_kept);
        last_kept = least;
    }
    keys[kept] = key(last);
    kept += usize::from(last != last_kept);
    keys.truncate(kept);
    keys
}
