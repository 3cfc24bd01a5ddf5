//! Spans: byte ranges into an original file, resolved to 1-based lines and
//! columns (columns count Unicode scalar values, as SPEC §6 requires).

use serde::{Deserialize, Serialize};

/// A stretch of a file: byte offsets into the original bytes, end-exclusive,
/// with its line/column and the exact text it covers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// The file, as shown to the user: relative to the working directory when
    /// under it, with `/` between components.
    pub path: String,
    /// Where the span starts, in bytes into the original file.
    pub byte_start: usize,
    /// Where the span ends, in bytes into the original file (exclusive).
    pub byte_end: usize,
    /// The 1-based line of `byte_start`.
    pub line: usize,
    /// The 1-based column of `byte_start`, in Unicode scalar values.
    pub column: usize,
    /// The 1-based line of `byte_end`.
    pub end_line: usize,
    /// The 1-based column of `byte_end`, in Unicode scalar values.
    pub end_column: usize,
    /// The original text of `byte_start..byte_end`.
    pub text: String,
}

/// Bytes per block of the character-count table of long lines.
const BLOCK: usize = 4096;

/// Line starts of one file, to turn byte offsets into lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Characters before each [`BLOCK`] boundary, built on first need: on a
    /// line of megabytes, counting from the line start for every span
    /// would make many spans quadratic.
    blocks: std::sync::OnceLock<Vec<usize>>,
}

impl LineIndex {
    /// The index of the lines of `source`.
    pub fn new(source: &str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex {
            line_starts,
            blocks: std::sync::OnceLock::new(),
        }
    }

    /// 1-based line and column of `offset`, which must be a char boundary of `source`.
    pub fn position(&self, source: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = if offset - line_start <= BLOCK {
            char_starts(&source.as_bytes()[line_start..offset])
        } else {
            self.chars_before(source, offset) - self.chars_before(source, line_start)
        };
        (line, column + 1)
    }

    /// How many lines the text has: one more than its newlines.
    pub fn lines(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Where 0-based `line` starts, if the text has it.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// Where 0-based `line` of `source` ends, before its newline.
    pub fn line_end(&self, source: &str, line: usize) -> usize {
        self.line_starts
            .get(line + 1)
            .map_or(source.len(), |&next| next - 1)
    }

    /// The characters of `source` between two of its character boundaries.
    pub fn chars_between(&self, source: &str, from: usize, to: usize) -> usize {
        self.chars_before(source, to) - self.chars_before(source, from)
    }

    fn chars_before(&self, source: &str, offset: usize) -> usize {
        let bytes = source.as_bytes();
        let blocks = self.blocks.get_or_init(|| {
            let mut counts = vec![0];
            for chunk in bytes.chunks(BLOCK) {
                counts.push(counts[counts.len() - 1] + char_starts(chunk));
            }
            counts
        });
        let block = offset / BLOCK;
        blocks[block] + char_starts(&bytes[block * BLOCK..offset])
    }

    /// The resolved [`Span`] of `range` in `source`.
    pub fn span(&self, path: &str, source: &str, range: std::ops::Range<usize>) -> Span {
        let (line, column) = self.position(source, range.start);
        let (end_line, end_column) = self.position(source, range.end);
        Span {
            path: path.to_owned(),
            byte_start: range.start,
            byte_end: range.end,
            line,
            column,
            end_line,
            end_column,
            text: source[range].to_owned(),
        }
    }
}

/// How many characters start in `bytes` (every byte but UTF-8 continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| (byte as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalar_values() {
        let source = "a’b\nsecond line";
        let index = LineIndex::new(source);
        let span = index.span("f.txt", source, 4..5);
        assert_eq!((span.line, span.column, span.end_column), (1, 3, 4));
        assert_eq!(span.text, "b");
        let span = index.span("f.txt", source, 6..12);
        assert_eq!(
            (span.line, span.column, span.end_line, span.end_column),
            (2, 1, 2, 7)
        );
    }

    #[test]
    fn long_lines_count_columns_through_the_block_table() {
        let source = format!("x\n{}’{}", "é".repeat(5000), "a".repeat(9000));
        let index = LineIndex::new(&source);
        let offset = source.len() - 10;
        let expected = source[2..offset].chars().count() + 1;
        assert_eq!(index.position(&source, offset), (2, expected));
        assert_eq!(index.position(&source, 2 + 2 * 5000), (2, 5001));
    }

    #[test]
    fn columns_in_long_lines() {
        let source = format!("x\n{}é{}\nlast", "aé".repeat(5000), "b".repeat(9000));
        let index = LineIndex::new(&source);
        for offset in (0..=source.len())
            .filter(|&i| source.is_char_boundary(i))
            .step_by(97)
            .chain([source.len()])
        {
            let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = (
                source[..offset].matches('\n').count() + 1,
                source[line_start..offset].chars().count() + 1,
            );
            assert_eq!(index.position(&source, offset), expected, "at {offset}");
        }
    }

    #[test]
    fn end_of_file_position() {
        let source = "ab\n";
        let index = LineIndex::new(source);
        assert_eq!(index.position(source, 3), (2, 1));
    }
}
