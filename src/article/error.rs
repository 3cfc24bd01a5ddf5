//! Why an article file could not be read as an article.

use std::fmt;

/// A file that cannot be linted as an article, with the place and the reason.
///
/// The caller turns it into an error diagnostic naming the file; [`ArticleError::offset`]
/// gives the byte to point a span at when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleError {
    /// The bytes are not UTF-8. `windows_1252` is set when the invalid bytes look
    /// like a single-byte Western encoding (Windows-1252 / Latin-1).
    NotUtf8 { offset: usize, line: usize, windows_1252: bool },
    /// UTF-16 text, recognised by its byte order mark or by alternating NUL bytes.
    Utf16 { big_endian: bool },
    /// A NUL byte: the file is binary, not text.
    Binary { offset: usize },
    /// A `---` front matter block with no closing `---` (or `...`) line.
    UnclosedFrontMatter { line: usize, offset: usize },
    /// The front matter is not valid YAML, or not a mapping of keys to values.
    /// `line` and `column` (1-based) are positions in the file, not in the block.
    InvalidFrontMatter { line: usize, column: usize, offset: usize, message: String },
}

impl ArticleError {
    /// Byte offset of the problem in the file, when there is one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            ArticleError::NotUtf8 { offset, .. }
            | ArticleError::Binary { offset }
            | ArticleError::UnclosedFrontMatter { offset, .. }
            | ArticleError::InvalidFrontMatter { offset, .. } => Some(*offset),
            ArticleError::Utf16 { .. } => Some(0),
        }
    }
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArticleError::NotUtf8 { offset, line, windows_1252 } => {
                write!(f, "not valid UTF-8 at byte {offset} (line {line})")?;
                if *windows_1252 {
                    write!(f, "; it looks like Windows-1252: convert it to UTF-8")
                } else {
                    write!(f, ": convert it to UTF-8")
                }
            }
            ArticleError::Utf16 { big_endian } => {
                let order = if *big_endian { "big" } else { "little" };
                write!(f, "UTF-16 ({order}-endian) text: convert it to UTF-8")
            }
            ArticleError::Binary { offset } => write!(f, "binary file (NUL byte at byte {offset})"),
            ArticleError::UnclosedFrontMatter { line, .. } => {
                write!(f, "front matter opened on line {line} is never closed with `---`")
            }
            ArticleError::InvalidFrontMatter { line, column, message, .. } => write!(f, "invalid front matter at line {line}, column {column}: {message}"),
        }
    }
}

impl std::error::Error for ArticleError {}
