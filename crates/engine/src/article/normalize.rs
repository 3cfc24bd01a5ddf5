//! The matching view of an article and its map back to the original bytes.
//!
//! Both parsers feed a [`Builder`] with pieces of the source, in source order:
//! text to copy (normalized on the way), atomic replacements (an entity, a code
//! span whose text differs from its bytes), breaks, and block ends. The
//! builder writes the normalized text (SPEC §2: curly quotes → `'`/`"`, dashes
//! → `-`, Unicode spaces → ` `, white-space runs → one space, soft hyphens and
//! zero-width characters dropped) and a compact span map: one segment per run
//! copied 1:1 and one per replaced piece, looked up by binary search.

use std::ops::Range;

use super::Block;

/// One stretch of the normalized text: either copied byte for byte from
/// `orig..orig_end` (same length), or an atomic replacement of that range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    norm: usize,
    orig: usize,
    orig_end: usize,
    copied: bool,
}

/// The normalized text of an article body (blocks joined by one space), with a
/// map from its byte ranges back to byte ranges of the original file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormalizedText {
    /// The text rules match against.
    pub text: String,
    segments: Vec<Segment>,
    /// Where an empty text maps to (the body start).
    origin: usize,
}

impl NormalizedText {
    /// Original byte range of the normalized `range` (start inclusive, end
    /// exclusive), on char boundaries of the source. A range that starts or
    /// ends inside a replaced piece (a folded white-space run, an entity, a
    /// curly quote) grows to the whole piece. Out-of-range input is clamped.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let end = range.end.min(self.text.len());
        let start = range.start.min(end);
        if self.segments.is_empty() {
            return self.origin..self.origin;
        }
        let orig_start = self.map_start(start);
        if start == end {
            return orig_start..orig_start;
        }
        orig_start..self.map_end(end).max(orig_start)
    }

    /// Number of map segments (for tests and size checks).
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    fn segment_at(&self, pos: usize) -> &Segment {
        let i = self.segments.partition_point(|s| s.norm <= pos);
        &self.segments[i.saturating_sub(1)]
    }

    fn map_start(&self, pos: usize) -> usize {
        if pos >= self.text.len() {
            return self.segments.last().map_or(self.origin, |s| s.orig_end);
        }
        let seg = self.segment_at(pos);
        if seg.copied {
            seg.orig + (pos - seg.norm)
        } else {
            seg.orig
        }
    }

    /// `pos` > 0: the end just after byte `pos - 1`.
    fn map_end(&self, pos: usize) -> usize {
        let seg = self.segment_at(pos - 1);
        if seg.copied {
            seg.orig + (pos - seg.norm)
        } else {
            seg.orig_end
        }
    }
}

/// How one character reads in the normalized view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// White space: folds with its neighbours into one space.
    Space,
    /// Invisible: soft hyphen, zero-width characters, control characters.
    Drop,
    /// Read as this ASCII character.
    Map(&'static str),
    /// Copied as is.
    Keep,
}

/// The normalized reading of `c`.
pub(crate) fn classify(c: char) -> Class {
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' => Class::Space,
        '\u{85}'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Class::Space,
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' => Class::Drop,
        // C1 controls that are Windows-1252 punctuation decoded as Latin-1
        // (common in scraped news): read them as the punctuation they were.
        '\u{91}' | '\u{92}' => Class::Map("'"),
        '\u{93}' | '\u{94}' => Class::Map("\""),
        '\u{96}' | '\u{97}' => Class::Map("-"),
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Class::Drop,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}'
        | '\u{2039}' | '\u{203A}' | '\u{02BC}' | '\u{FF07}' => Class::Map("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{2036}' | '\u{AB}'
        | '\u{BB}' | '\u{301D}' | '\u{301E}' | '\u{301F}' | '\u{FF02}' => Class::Map("\""),
        '\u{2010}'..='\u{2015}'
        | '\u{2043}'
        | '\u{2212}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}' => Class::Map("-"),
        _ => Class::Keep,
    }
}

/// Writes a [`NormalizedText`] and its [`Block`]s from pieces of `source`.
///
/// Pieces must come in source order; a piece that starts before the end of the
/// previous one is clipped, so the map stays monotone whatever the parser does.
pub(crate) struct Builder<'s> {
    source: &'s str,
    out: NormalizedText,
    blocks: Vec<Block>,
    /// Normalized start of the open block, once it has content.
    block_start: Option<usize>,
    /// White space seen after the block's last content, not yet written.
    pending_space: Option<Range<usize>>,
    /// Original end of the last piece written: later pieces start at or after it.
    floor: usize,
}

impl<'s> Builder<'s> {
    /// A builder for the body of `source` starting at `body_start`.
    pub(crate) fn new(source: &'s str, body_start: usize) -> Self {
        Builder {
            source,
            out: NormalizedText {
                text: String::with_capacity(source.len() - body_start),
                segments: Vec::new(),
                origin: body_start,
            },
            blocks: Vec::new(),
            block_start: None,
            pending_space: None,
            floor: body_start,
        }
    }

    /// Text: `source[range]` is article text, normalized character by character.
    pub(crate) fn text(&mut self, range: Range<usize>) {
        let source = self.source;
        let bytes = source.as_bytes();
        let end = floor_boundary(source, range.end.min(source.len()));
        let mut i = ceil_boundary(source, range.start.max(self.floor).min(end));
        while i < end {
            let b = bytes[i];
            if b.is_ascii_graphic() {
                // Fast path: ASCII words separated by single spaces copy 1:1.
                let j = i + copy_run(&bytes[i..end]);
                self.content(i..j, &source[i..j], true);
                i = j;
                continue;
            }
            let c = if b < 0x80 {
                b as char
            } else {
                source[i..].chars().next().unwrap_or('\u{FFFD}')
            };
            let next = i + c.len_utf8();
            match classify(c) {
                Class::Space => self.space(i..next),
                Class::Drop => {}
                Class::Map(to) => self.content(i..next, to, false),
                Class::Keep => self.content(i..next, &source[i..next], true),
            }
            i = next;
        }
    }

    /// An atomic replacement: `source[range]` reads as `with` (an entity, an
    /// escape). `with` is normalized; the whole range maps to it.
    pub(crate) fn replace(&mut self, range: Range<usize>, with: &str) {
        let (start, end) = self.clip(range);
        let mut norm = String::with_capacity(with.len());
        let mut space = false;
        for c in with.chars() {
            let mapped = match classify(c) {
                Class::Space => {
                    space = true;
                    continue;
                }
                Class::Drop => continue,
                Class::Map(to) => Some(to),
                Class::Keep => None,
            };
            if space && !norm.is_empty() {
                norm.push(' ');
            }
            space = false;
            match mapped {
                Some(to) => norm.push_str(to),
                None => norm.push(c),
            }
        }
        let leading_space = with
            .chars()
            .next()
            .is_some_and(|c| classify(c) == Class::Space);
        if norm.is_empty() {
            if space || leading_space {
                self.space(start..end);
            }
            return;
        }
        if leading_space {
            self.space(start..start);
        }
        self.content(start..end, &norm, false);
        if space {
            self.space(end..end);
        }
    }

    /// A break (soft or hard line break, `<br>`): white space covering `range`.
    pub(crate) fn space(&mut self, range: Range<usize>) {
        if self.block_start.is_none() {
            return; // leading white space of a block is dropped
        }
        let (start, end) = self.clip(range);
        self.pending_space = Some(match self.pending_space.take() {
            Some(pending) => pending.start..end.max(pending.end),
            None => start..end,
        });
    }

    /// Ends the open block, if it has content. Trailing white space is dropped.
    pub(crate) fn end_block(&mut self, heading: bool) {
        self.pending_space = None;
        if let Some(start) = self.block_start.take() {
            self.blocks.push(Block {
                range: start..self.out.text.len(),
                heading,
            });
        }
    }

    /// The normalized text and its blocks.
    pub(crate) fn finish(mut self) -> (NormalizedText, Vec<Block>) {
        self.end_block(false);
        self.out.segments.shrink_to_fit();
        (self.out, self.blocks)
    }

    fn clip(&self, range: Range<usize>) -> (usize, usize) {
        let start = ceil_boundary(
            self.source,
            range.start.max(self.floor).min(self.source.len()),
        );
        let end = floor_boundary(self.source, range.end.min(self.source.len())).max(start);
        (start, end)
    }

    /// Writes `norm` for original `orig`; `copied` means `norm == source[orig]`.
    fn content(&mut self, orig: Range<usize>, norm: &str, copied: bool) {
        match self.block_start {
            None => {
                self.pending_space = None;
                if !self.out.text.is_empty() {
                    // Blocks are joined by one space standing for the gap between them.
                    self.push(self.floor..orig.start, " ", false);
                }
                self.block_start = Some(self.out.text.len());
            }
            Some(_) => {
                if let Some(space) = self.pending_space.take() {
                    let single = space.len() == 1 && self.source.as_bytes()[space.start] == b' ';
                    self.push(space, " ", single);
                }
            }
        }
        self.push(orig, norm, copied);
    }

    fn push(&mut self, orig: Range<usize>, norm: &str, copied: bool) {
        let segments = &mut self.out.segments;
        match segments.last_mut() {
            Some(last) if copied && last.copied && last.orig_end == orig.start => {
                last.orig_end = orig.end;
            }
            _ => segments.push(Segment {
                norm: self.out.text.len(),
                orig: orig.start,
                orig_end: orig.end,
                copied,
            }),
        }
        self.out.text.push_str(norm);
        self.floor = orig.end;
    }
}

/// Length of the run at the start of `bytes` (whose first byte is ASCII
/// graphic) that copies 1:1: ASCII graphic bytes and single spaces between
/// them.
fn copy_run(bytes: &[u8]) -> usize {
    const BLOCK: usize = 16;
    let graphic = |byte: u8| byte.wrapping_sub(b'!') <= b'~' - b'!';
    let len = bytes.len();
    // Invariant: bytes[j - 1] is graphic, or it is a space and bytes[j] is graphic.
    let mut j = 1;
    // Blocks whose every byte copies, tested without branches (in vector
    // instructions), each byte beside the one after it.
    while let Some(window) = bytes.get(j..j + BLOCK + 1) {
        let copies = window
            .iter()
            .zip(&window[1..])
            .fold(true, |copies, (&byte, &next)| {
                copies & (graphic(byte) | (byte == b' ') & graphic(next))
            });
        if !copies {
            break;
        }
        j += BLOCK;
    }
    while j < len {
        if graphic(bytes[j]) {
            j += 1;
        } else if bytes[j] == b' ' && j + 1 < len && graphic(bytes[j + 1]) {
            j += 2;
        } else {
            return j;
        }
    }
    len
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One block of `source`, all of it text.
    fn normalize(source: &str) -> NormalizedText {
        let mut b = Builder::new(source, 0);
        b.text(0..source.len());
        b.finish().0
    }

    fn orig<'a>(source: &'a str, n: &NormalizedText, needle: &str) -> &'a str {
        let at = n.text.find(needle).expect(needle);
        &source[n.original_range(at..at + needle.len())]
    }

    #[test]
    fn quotes_dashes_spaces() {
        let source = "‘a’ “b” „c‟ «d» ′e″ x–y—z‒w―v−u‐t‑s";
        let n = normalize(source);
        assert_eq!(n.text, "'a' \"b\" \"c\" \"d\" 'e\" x-y-z-w-v-u-t-s");
        assert_eq!(orig(source, &n, "'a'"), "‘a’");
        assert_eq!(orig(source, &n, "y-z"), "y—z");
    }

    #[test]
    fn unicode_spaces_and_runs_fold() {
        let source = "a\u{A0}b\u{2009}c\u{202F}d\u{3000}e\tf \r\n  g\u{2002}\u{205F}h";
        let n = normalize(source);
        assert_eq!(n.text, "a b c d e f g h");
        assert_eq!(orig(source, &n, "f g"), "f \r\n  g");
        assert_eq!(orig(source, &n, "a b"), "a\u{A0}b");
    }

    #[test]
    fn invisible_characters_are_dropped() {
        let source = "co\u{AD}operate zero\u{200B}width \u{FEFF}bom a\u{1}b";
        let n = normalize(source);
        assert_eq!(n.text, "cooperate zerowidth bom ab");
        assert_eq!(orig(source, &n, "cooperate"), "co\u{AD}operate");
        assert_eq!(orig(source, &n, "operate"), "operate");
        assert_eq!(orig(source, &n, "co"), "co");
        let n = normalize("in \u{91}hive\u{92} \u{93}q\u{94} a\u{96}b\u{81}");
        assert_eq!(n.text, "in 'hive' \"q\" a-b");
    }

    #[test]
    fn case_and_other_characters_are_kept() {
        let source = "Café NAÏVE 🔍 Ünïcode";
        let n = normalize(source);
        assert_eq!(n.text, source);
        assert_eq!(n.segment_count(), 1);
        assert_eq!(n.original_range(0..n.text.len()), 0..source.len());
    }

    #[test]
    fn leading_and_trailing_space_trimmed_and_blocks_joined() {
        let source = "  one  \n\n\u{A0}two\n";
        let mut b = Builder::new(source, 0);
        b.text(0..7);
        b.end_block(false);
        b.text(7..source.len());
        b.end_block(true);
        let (n, blocks) = b.finish();
        assert_eq!(n.text, "one two");
        assert_eq!(blocks.len(), 2);
        assert_eq!(&n.text[blocks[0].range.clone()], "one");
        assert_eq!(&n.text[blocks[1].range.clone()], "two");
        assert!(blocks[1].heading && !blocks[0].heading);
        // The separator maps to the gap between the blocks.
        assert_eq!(&source[n.original_range(3..4)], "  \n\n\u{A0}");
        assert_eq!(&source[n.original_range(0..7)], "one  \n\n\u{A0}two");
    }

    #[test]
    fn empty_blocks_are_dropped() {
        let source = "   \n\u{AD}\u{200B}\nx";
        let mut b = Builder::new(source, 0);
        b.text(0..4);
        b.end_block(false);
        b.text(4..10);
        b.end_block(false);
        b.text(10..11);
        let (n, blocks) = b.finish();
        assert_eq!(n.text, "x");
        assert_eq!(blocks.len(), 1);
        assert_eq!(n.original_range(0..1), 10..11);
    }

    #[test]
    fn replacements_are_atomic() {
        let source = "AT&amp;T says";
        let mut b = Builder::new(source, 0);
        b.text(0..2);
        b.replace(2..7, "&");
        b.text(7..source.len());
        let (n, _) = b.finish();
        assert_eq!(n.text, "AT&T says");
        assert_eq!(n.original_range(2..3), 2..7);
        assert_eq!(n.original_range(0..3), 0..7);
        assert_eq!(n.original_range(3..4), 7..8);
        assert_eq!(n.original_range(2..2), 2..2);
        // `&nbsp;` is white space; `&shy;` is nothing.
        let source = "a&nbsp;b&shy;c";
        let mut b = Builder::new(source, 0);
        b.text(0..1);
        b.replace(1..7, "\u{A0}");
        b.text(7..8);
        b.replace(8..13, "\u{AD}");
        b.text(13..14);
        let (n, _) = b.finish();
        assert_eq!(n.text, "a bc");
        assert_eq!(n.original_range(1..2), 1..7);
    }

    #[test]
    fn pieces_out_of_order_are_clipped() {
        let source = "abcdef";
        let mut b = Builder::new(source, 0);
        b.text(2..4);
        b.text(0..3); // overlaps: clipped away
        b.replace(1..6, "Z"); // starts before the floor: clipped to 4..6
        let (n, _) = b.finish();
        assert_eq!(n.text, "cdZ");
        assert_eq!(n.original_range(2..3), 4..6);
    }

    #[test]
    fn lookups_clamp_and_stay_monotone() {
        let source = "x “quoted” and  spaced\u{AD}word end";
        let n = normalize(source);
        assert_eq!(n.original_range(0..1000), 0..source.len());
        assert_eq!(
            n.original_range(n.text.len()..n.text.len()),
            source.len()..source.len()
        );
        let bounds: Vec<usize> = (0..=n.text.len())
            .filter(|&i| n.text.is_char_boundary(i))
            .collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                let r = n.original_range(a..b);
                assert!(source.is_char_boundary(r.start) && source.is_char_boundary(r.end));
                assert!(r.start <= r.end);
                if b < n.text.len() {
                    let wider = n.original_range(a..b + 1);
                    assert!(wider.start == r.start && wider.end >= r.end);
                }
                if a > 0 {
                    let wider = n.original_range(a - 1..b);
                    assert!(wider.start <= r.start && wider.end == r.end || b == a);
                }
            }
        }
    }

    #[test]
    fn copy_runs() {
        let naive = |bytes: &[u8]| {
            let mut j = 1;
            loop {
                while j < bytes.len() && bytes[j].is_ascii_graphic() {
                    j += 1;
                }
                if j + 1 < bytes.len() && bytes[j] == b' ' && bytes[j + 1].is_ascii_graphic() {
                    j += 2;
                } else {
                    return j;
                }
            }
        };
        let samples = [
            "a",
            "ab",
            "a b",
            "a  b",
            "a ",
            "abcdefgh ijklmnop qrstuvwx",
            "abcdefg  hijkl",
            "abcdefghijklmnopq\nrest",
            "abcdefghijklmnop\u{7F}x",
            "abcdefghijklm\u{e9}",
            "x~}|{ abcdefghi ",
            "0123456 89abcdef 0123456 ",
            "a b c d e f g h i j k l m n o p",
            "abcdefgh\tijk",
            // A space closing a block: before a graphic byte, a space, a newline, the end.
            "abcdefghijklmnop qrstuvwxyz",
            "abcdefghijklmnop  qrs",
            "abcdefghijklmnop \nqrs",
            "abcdefghijklmnop ",
            "abcdefghijklmnop qrstuvwxyzabcde fghij",
        ];
        for sample in samples {
            assert_eq!(
                copy_run(sample.as_bytes()),
                naive(sample.as_bytes()),
                "{sample:?}"
            );
        }
        // Every single-byte change of a long line.
        let base = b"The quick brown fox jumps over the lazy dog again and again.".to_vec();
        for at in 1..base.len() {
            for b in [b' ', b'\n', b'\t', 0x7F, 0x80, 0x1F, b'~', b'!'] {
                let mut bytes = base.clone();
                bytes[at] = b;
                assert_eq!(
                    copy_run(&bytes),
                    naive(&bytes),
                    "{:?}",
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
        // Every pair of spaces or newlines in a line without any.
        let base = b"Thequickbrownfoxjumpsoverthelazydog.".to_vec();
        for first in 1..base.len() {
            for second in first + 1..base.len() {
                for (a, b) in [(b' ', b' '), (b' ', b'\n'), (b'\n', b' ')] {
                    let mut bytes = base.clone();
                    bytes[first] = a;
                    bytes[second] = b;
                    assert_eq!(
                        copy_run(&bytes),
                        naive(&bytes),
                        "{:?}",
                        String::from_utf8_lossy(&bytes)
                    );
                }
            }
        }
    }

    #[test]
    fn empty_text_maps_to_origin() {
        let n = Builder::new("---\n---\n", 8).finish().0;
        assert_eq!(n.text, "");
        assert_eq!(n.original_range(0..0), 8..8);
        assert_eq!(n.original_range(0..5), 8..8);
    }

    #[test]
    fn compact_map() {
        let source = "word ".repeat(10_000);
        let n = normalize(&source);
        assert_eq!(n.segment_count(), 1);
        let source = "line one\nline two\n".repeat(1000);
        let n = normalize(&source);
        assert!(n.segment_count() <= 4000);
    }
}
