//! Words as a copy is compared: runs of letters and digits, case folded,
//! everything else a separator, so that what syndication changes between
//! outlets (quotes, dashes, punctuation, white space, Markdown emphasis) never
//! reaches a word. Apostrophes (straight or curly) join a word, so "sheriff's"
//! and "sheriff’s" are one word; link targets and bare URLs are not words, since
//! outlets rewrite them.

/// Calls `word(hash, start, end)` for each word of `text` in order, with the
/// byte range of the word in `text`.
///
/// Most words of English news are ASCII letters and digits between ASCII
/// separators; they take a fast path that costs no branch per byte: a bitmap of
/// the bytes that can be in a word, whose runs are found by counting zeros, and
/// a hash of each run eight bytes at a time. A run with an apostrophe or a
/// non-ASCII byte, and a text with Markdown links, are read character by
/// character ([`scan_chars`]), to the same hashes.
pub(crate) fn for_each_word(text: &str, mut word: impl FnMut(u64, usize, usize)) {
    if text.contains("](") {
        scan_chars(text, 0, text.len(), &mut word);
        return;
    }
    let bytes = text.as_bytes();
    let runs = WordBytes::new(bytes);
    let mut from = 0;
    while let Some(start) = runs.next_set(from) {
        let end = runs.next_clear(start).min(bytes.len());
        from = match hash_plain_run(bytes, start, end) {
            Some(hash)
                if !matches!(bytes[start], b'h' | b'H' | b'w' | b'W')
                    || url_end(bytes, start).is_none() =>
            {
                word(hash, start, end);
                end
            }
            _ => scan_chars(text, start, end, &mut word),
        };
    }
}

/// The words of `text` from `from` to `to`, character by character: link
/// targets and URLs skipped, apostrophes and invisible characters joining,
/// letters lowered. Returns where it stopped, `to` or past it (a URL or a word
/// that goes on).
fn scan_chars(
    text: &str,
    from: usize,
    to: usize,
    word: &mut impl FnMut(u64, usize, usize),
) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        if let Some(after) = url_end(bytes, i) {
            i = after;
        } else if bytes[i] == b']' && bytes.get(i + 1) == Some(&b'(') {
            i = link_target_end(bytes, i + 2);
        } else if let Some(char) = text[i..].chars().next() {
            if is_alphanumeric(char) {
                i = word_of_any_chars(text, i, word);
            } else {
                i += char.len_utf8();
            }
        } else {
            break;
        }
    }
    i
}

/// One bit per byte of a text: set for the bytes that can be in a word (ASCII
/// letters, digits and apostrophes, and any non-ASCII byte).
struct WordBytes(Vec<u64>);

impl WordBytes {
    fn new(bytes: &[u8]) -> Self {
        WordBytes(
            bytes
                .chunks(64)
                .map(|chunk| {
                    chunk.iter().enumerate().fold(0u64, |bits, (index, &byte)| {
                        bits | u64::from(IN_WORD[usize::from(byte)]) << index
                    })
                })
                .collect(),
        )
    }

    /// The first set bit at or after `from`.
    fn next_set(&self, from: usize) -> Option<usize> {
        self.next(from, |bits| bits)
    }

    /// The first clear bit at or after `from` (bits past the text are clear).
    fn next_clear(&self, from: usize) -> usize {
        self.next(from, |bits| !bits).unwrap_or(self.0.len() * 64)
    }

    fn next(&self, from: usize, wanted: impl Fn(u64) -> u64) -> Option<usize> {
        let mut block = from / 64;
        let mut bits = wanted(*self.0.get(block)?) & (u64::MAX << (from % 64));
        while bits == 0 {
            block += 1;
            bits = wanted(*self.0.get(block)?);
        }
        Some(block * 64 + bits.trailing_zeros() as usize)
    }
}

/// Bytes that can be in a word, 1, or not, 0.
static IN_WORD: [u8; 256] = {
    let mut in_word = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        in_word[byte] =
            matches!(byte as u8, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'\'' | 0x80..) as u8;
        byte += 1;
    }
    in_word
};

/// The hash [`WordHasher`] gives the word `bytes[start..end]` if it is ASCII
/// letters and digits only, eight bytes at a time (`| 0x20` lowers letters and
/// leaves digits as they are); `None` if it has an apostrophe or a non-ASCII
/// byte.
fn hash_plain_run(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    const APOSTROPHES: u64 = 0x2727_2727_2727_2727;
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let is_plain = |lane: u64| {
        let apostrophe = lane ^ APOSTROPHES;
        lane & HIGH_BITS == 0 && apostrophe.wrapping_sub(LOW_BITS) & !apostrophe & HIGH_BITS == 0
    };
    let mut hasher = WordHasher::default();
    let mut at = start;
    while at + 8 <= end {
        let lane = load_lane(bytes, at);
        if !is_plain(lane) {
            return None;
        }
        hasher.push_lane(lane | LOWER);
        at += 8;
    }
    if at < end {
        let mask = u64::MAX >> (64 - 8 * (end - at));
        let lane = if at + 8 <= bytes.len() {
            load_lane(bytes, at) & mask
        } else {
            let mut tail = [0; 8];
            tail[..end - at].copy_from_slice(&bytes[at..end]);
            u64::from_le_bytes(tail)
        };
        // Past the run, bytes masked off are zero: neither high nor apostrophes.
        if !is_plain(lane) {
            return None;
        }
        hasher.lane = (lane | LOWER) & mask;
        hasher.lane_bytes = (end - at) as u32;
    }
    Some(hasher.finish())
}

fn load_lane(bytes: &[u8], at: usize) -> u64 {
    let mut lane = [0; 8];
    lane.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(lane)
}

/// The word starting at `start`, character by character; returns where it ends.
fn word_of_any_chars(text: &str, start: usize, word: &mut impl FnMut(u64, usize, usize)) -> usize {
    let mut hasher = WordHasher::default();
    let mut end = start;
    for (offset, char) in text[start..].char_indices() {
        if char.is_ascii_alphanumeric() {
            hasher.push(char as u8 | 0x20);
        } else if joins_words(char) {
            continue;
        } else if is_alphanumeric(char) {
            for lower in char.to_lowercase() {
                lower
                    .encode_utf8(&mut [0; 4])
                    .bytes()
                    .for_each(|byte| hasher.push(byte));
            }
        } else {
            word(hasher.finish(), start, end);
            return start + offset;
        }
        end = start + offset + char.len_utf8();
    }
    word(hasher.finish(), start, end);
    text.len()
}

/// `char::is_alphanumeric`, answered at once for the quotes and dashes of
/// General Punctuation, the most common non-ASCII characters of news text.
fn is_alphanumeric(char: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&char) && char.is_alphanumeric()
}

/// Apostrophes, straight and curly, and the invisible characters that web pages leave inside
/// words (soft hyphens, zero-width spaces and joiners, byte-order marks).
fn joins_words(char: char) -> bool {
    matches!(
        char,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00AD}' | '\u{200B}'
            ..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Where a bare URL starting at `i` ends, if one does.
fn url_end(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = &bytes[i..];
    if !(rest.starts_with(b"http://") || rest.starts_with(b"https://") || rest.starts_with(b"www."))
    {
        return None;
    }
    let length = rest
        .iter()
        .position(|&byte| {
            byte.is_ascii_whitespace() || matches!(byte, b'<' | b'>' | b')' | b']' | b'"')
        })
        .unwrap_or(rest.len());
    Some(i + length)
}

/// Past the `)` that closes a Markdown link target opened before `i`, or the
/// end of its line if it is not closed there.
fn link_target_end(bytes: &[u8], i: usize) -> usize {
    match bytes[i..]
        .iter()
        .position(|&byte| matches!(byte, b')' | b'\n'))
    {
        Some(length) if bytes[i + length] == b')' => i + length + 1,
        Some(length) => i + length,
        None => bytes.len(),
    }
}

/// Hashes a word's folded bytes eight at a time: a word is mostly one or two
/// 64-bit lanes, so hashing costs a multiply per lane and a finalizer per word.
#[derive(Default)]
struct WordHasher {
    state: u64,
    lane: u64,
    lane_bytes: u32,
    /// Bytes in full lanes.
    length: u64,
}

impl WordHasher {
    fn push(&mut self, byte: u8) {
        self.lane |= u64::from(byte) << (8 * self.lane_bytes);
        self.lane_bytes += 1;
        if self.lane_bytes == 8 {
            self.push_lane(self.lane);
            self.lane = 0;
            self.lane_bytes = 0;
        }
    }

    /// Eight bytes at once, when no partial lane is pending.
    fn push_lane(&mut self, lane: u64) {
        self.state = (self.state ^ lane)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
        self.length += 8;
    }

    /// The word's hash; the hasher is ready for the next word.
    fn finish(&mut self) -> u64 {
        let hash = mix(self.state
            ^ self.lane
            ^ (self.length + u64::from(self.lane_bytes)).rotate_right(8));
        *self = Self::default();
        hash
    }
}

/// MurmurHash3's 64-bit finalizer: every input bit flips each output bit with
/// probability about one half, which the linear shingle hash relies on.
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn words(text: &str) -> Vec<(u64, &str)> {
        let mut words = Vec::new();
        for_each_word(text, |hash, start, end| {
            words.push((hash, &text[start..end]))
        });
        words
    }

    fn hashes(text: &str) -> Vec<u64> {
        words(text).into_iter().map(|(hash, _)| hash).collect()
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_with_their_ranges() {
        let found: Vec<&str> = words("A 19-year-old man, shot at 5:45 p.m., died.")
            .into_iter()
            .map(|(_, word)| word)
            .collect();
        assert_eq!(
            found,
            ["A", "19", "year", "old", "man", "shot", "at", "5", "45", "p", "m", "died"]
        );
    }

    #[test]
    fn case_quotes_dashes_and_emphasis_do_not_change_words() {
        let plain = hashes("He said \"it's over\" - the sheriff's office said.");
        assert_eq!(
            hashes("he SAID “it’s over” — the *sheriff’s* office **said**."),
            plain
        );
        assert_eq!(
            hashes("He said 'it's over' -- the _sheriff's_ office said"),
            plain
        );
    }

    #[test]
    fn link_targets_and_urls_are_not_words() {
        let plain = hashes("Read the sheriff's statement here.");
        assert_eq!(
            hashes("Read the [sheriff's statement](http://example.com/a/b-c.html) here."),
            plain
        );
        assert_eq!(
            hashes("Read the sheriff's statement https://example.com/x?y=1 here."),
            plain
        );
    }

    #[test]
    fn non_ascii_letters_are_words_and_fold_case() {
        assert_eq!(hashes("ÉMILE Zoë"), hashes("émile zoë"));
        assert_eq!(words("café–bar").len(), 2);
        assert_ne!(hashes("long words differ"), hashes("long worde differ"));
        assert_ne!(hashes("investigation"), hashes("investigatiom"));
    }

    /// Each word's hash and byte range.
    type Words = Vec<(u64, usize, usize)>;

    fn fast_and_slow(text: &str) -> (Words, Words) {
        let mut fast = Vec::new();
        for_each_word(text, |hash, start, end| fast.push((hash, start, end)));
        let mut slow = Vec::new();
        scan_chars(text, 0, text.len(), &mut |hash, start, end| {
            slow.push((hash, start, end))
        });
        (fast, slow)
    }

    proptest! {
        #[test]
        fn the_fast_path_finds_the_words_characters_do(text in "(http://|https://x|www\\.|Www|[a-zA-Z0-9 '’.,:/—éÉß\u{AD}\n])*") {
            let (fast, slow) = fast_and_slow(&text);
            prop_assert_eq!(fast, slow);
        }

        #[test]
        fn the_fast_path_finds_the_words_characters_do_in_any_text(text in "\\PC*") {
            let (fast, slow) = fast_and_slow(&text);
            prop_assert_eq!(fast, slow);
        }
    }
}
