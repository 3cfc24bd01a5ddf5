//! LSP positions ↔ byte offsets. The engine's offsets are UTF-8 bytes of the
//! original file; LSP counts lines the way editors do (after `\n`, `\r\n` or
//! a lone `\r`) and characters in the encoding negotiated at `initialize`.

use std::ops::Range;

use lsp_types::{Position, PositionEncodingKind};

/// The unit LSP `character` offsets count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// The protocol's default, which every client understands.
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use given what the client offers
    /// (`general.positionEncodings`): UTF-8 when offered, as it needs no
    /// conversion, then UTF-32, else UTF-16.
    pub fn negotiate(offered: &[PositionEncodingKind]) -> Encoding {
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// The lines of one text, to convert positions both ways.
pub struct Lines<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Lines { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and moved back to
    /// the start of the character it falls in).
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let character: usize = self.text[self.starts[line]..offset]
            .chars()
            .map(|c| encoding.width(c))
            .sum();
        Position {
            line: saturate(line),
            character: saturate(character),
        }
    }

    pub fn range(&self, range: Range<usize>, encoding: Encoding) -> lsp_types::Range {
        lsp_types::Range {
            start: self.position(range.start, encoding),
            end: self.position(range.end, encoding),
        }
    }

    /// The byte offset of `position`. As the protocol says, a line past the
    /// end means the end of the text and a character past the end of its line
    /// means the end of the line; one inside a character means its start.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self.content_end(position.line as usize);
        let mut counted = 0;
        for (at, c) in self.text[start..end].char_indices() {
            counted += encoding.width(c);
            if counted > position.character as usize {
                return start + at;
            }
        }
        end
    }

    pub fn offsets(&self, range: lsp_types::Range, encoding: Encoding) -> Range<usize> {
        let start = self.offset(range.start, encoding);
        start..self.offset(range.end, encoding).max(start)
    }

    /// Where line `line`'s text ends, before its line break.
    fn content_end(&self, line: usize) -> usize {
        match self.starts.get(line + 1) {
            Some(&next) if self.text[..next].ends_with("\r\n") => next - 2,
            Some(&next) => next - 1,
            None => self.text.len(),
        }
    }
}

fn saturate(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn negotiation_prefers_utf8_and_defaults_to_utf16() {
        assert_eq!(
            Encoding::negotiate(&[PositionEncodingKind::UTF16, PositionEncodingKind::UTF8]),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(&[PositionEncodingKind::UTF32, PositionEncodingKind::UTF16]),
            Encoding::Utf32
        );
        assert_eq!(
            Encoding::negotiate(&[PositionEncodingKind::UTF16]),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(&[]), Encoding::Utf16);
    }

    #[test]
    fn curly_quotes_accents_and_emoji_count_per_encoding() {
        // “ is 3 bytes and 1 UTF-16 unit; é is 2 bytes; 🎉 is 4 bytes and 2 UTF-16 units.
        let text = "first\n“Café” 🎉 said 3 people\n";
        let lines = Lines::new(text);
        let three = text.find('3').unwrap();
        assert_eq!(
            lines.position(three, Encoding::Utf8),
            at(1, (three - 6) as u32)
        );
        assert_eq!(lines.position(three, Encoding::Utf16), at(1, 15));
        assert_eq!(lines.position(three, Encoding::Utf32), at(1, 14));
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(
                lines.offset(lines.position(three, encoding), encoding),
                three,
                "{encoding:?}"
            );
        }
    }

    #[test]
    fn every_character_round_trips() {
        let text = "a’b\r\nç😀d\re\n\nend";
        let lines = Lines::new(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            // (The `\n` of a `\r\n` is inside a line break: no position names it.)
            for (offset, _) in text
                .char_indices()
                .filter(|&(at, c)| !(c == '\n' && text[..at].ends_with('\r')))
            {
                assert_eq!(
                    lines.offset(lines.position(offset, encoding), encoding),
                    offset,
                    "{encoding:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn line_breaks_as_editors_count_them() {
        let text = "one\r\ntwo\rthree\nfour";
        let lines = Lines::new(text);
        assert_eq!(
            lines.position(text.find("two").unwrap(), Encoding::Utf16),
            at(1, 0)
        );
        assert_eq!(
            lines.position(text.find("three").unwrap(), Encoding::Utf16),
            at(2, 0)
        );
        assert_eq!(
            lines.position(text.find("four").unwrap(), Encoding::Utf16),
            at(3, 0)
        );
        assert_eq!(lines.position(text.len(), Encoding::Utf16), at(3, 4));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\r\n😀x\n";
        let lines = Lines::new(text);
        assert_eq!(
            lines.offset(at(0, 99), Encoding::Utf16),
            2,
            "past the line end: before the CRLF"
        );
        assert_eq!(lines.offset(at(9, 0), Encoding::Utf16), text.len());
        assert_eq!(
            lines.offset(at(1, 1), Encoding::Utf16),
            4,
            "inside a surrogate pair: the character's start"
        );
        assert_eq!(
            lines.position(5, Encoding::Utf16),
            at(1, 0),
            "inside a character: its start"
        );
        assert_eq!(lines.position(999, Encoding::Utf16), at(2, 0));
    }
}
