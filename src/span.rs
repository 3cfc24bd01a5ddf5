//! Spans: byte ranges into an original file, resolved to 1-based lines and
//! columns (columns count Unicode scalar values, as SPEC §6 requires).

use serde::{Deserialize, Serialize};

/// A stretch of a file: byte offsets into the original bytes, end-exclusive,
/// with its line/column and the exact text it covers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub path: String,
    pub byte_start: usize,
    pub byte_end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
}

/// Line starts of one file, to turn byte offsets into lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Every [`CHECKPOINT`] bytes (moved back to a char boundary): the byte
    /// offset and the number of characters before it, so that a column in a
    /// long line is counted from nearby, not from the line's start (a file
    /// that is one 200 MB line would make every span cost a full scan).
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let line_starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let mut checkpoints = vec![(0, 0)];
        let mut at = 0;
        let mut chars = 0;
        while at + CHECKPOINT < source.len() {
            let mut next = at + CHECKPOINT;
            while !source.is_char_boundary(next) {
                next -= 1;
            }
            chars += source[at..next].chars().count();
            checkpoints.push((next, chars));
            at = next;
        }
        LineIndex { line_starts, checkpoints }
    }

    /// 1-based line and column of `offset`, which must be a char boundary of `source`.
    pub fn position(&self, source: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = if offset - line_start <= CHECKPOINT {
            source[line_start..offset].chars().count()
        } else {
            self.chars_before(source, offset) - self.chars_before(source, line_start)
        };
        (line, column + 1)
    }

    /// Characters in `source[..offset]`.
    fn chars_before(&self, source: &str, offset: usize) -> usize {
        let (at, chars) = self.checkpoints[self.checkpoints.partition_point(|&(at, _)| at <= offset) - 1];
        chars + source[at..offset].chars().count()
    }

    /// The resolved [`Span`] of `range` in `source`.
    pub fn span(&self, path: &str, source: &str, range: std::ops::Range<usize>) -> Span {
        let (line, column) = self.position(source, range.start);
        let (end_line, end_column) = self.position(source, range.end);
        Span { path: path.to_owned(), byte_start: range.start, byte_end: range.end, line, column, end_line, end_column, text: source[range].to_owned() }
    }
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
        assert_eq!((span.line, span.column, span.end_line, span.end_column), (2, 1, 2, 7));
    }

    #[test]
    fn columns_in_long_lines() {
        let source = format!("x\n{}é{}\nlast", "aé".repeat(5000), "b".repeat(9000));
        let index = LineIndex::new(&source);
        for offset in (0..=source.len()).filter(|&i| source.is_char_boundary(i)).step_by(97).chain([source.len()]) {
            let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = (source[..offset].matches('\n').count() + 1, source[line_start..offset].chars().count() + 1);
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
