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
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let line_starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { line_starts }
    }

    /// 1-based line and column of `offset`, which must be a char boundary of `source`.
    pub fn position(&self, source: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = source[line_start..offset].chars().count() + 1;
        (line, column)
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
    fn end_of_file_position() {
        let source = "ab\n";
        let index = LineIndex::new(source);
        assert_eq!(index.position(source, 3), (2, 1));
    }
}
