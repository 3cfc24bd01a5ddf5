//! Why an article file could not be read as an article.

use std::fmt;

use crate::encoding::EncodingError;

/// A file that cannot be linted as an article, with the place and the reason.
///
/// The caller turns it into an error diagnostic naming the file; [`ArticleError::offset`]
/// gives the byte to point a span at when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleError {
    /// The bytes are not UTF-8 text.
    Encoding(EncodingError),
    /// A `---` front matter block with no closing `---` (or `...`) line.
    UnclosedFrontMatter {
        /// The line (1-based) of the opening `---`.
        line: usize,
        /// The byte offset of the opening `---`.
        offset: usize,
    },
    /// The front matter is not valid YAML, or not a mapping of keys to values.
    /// `line` and `column` (1-based) are positions in the file, not in the block.
    InvalidFrontMatter {
        /// The line (1-based) of the error in the file.
        line: usize,
        /// The column (1-based, in characters) of the error.
        column: usize,
        /// The byte offset of that place in the file.
        offset: usize,
        /// The YAML reader's message, without its place; lines it quotes
        /// count from the start of the file.
        message: String,
    },
}

impl ArticleError {
    /// Byte offset of the problem in the file, when there is one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            ArticleError::Encoding(error) => Some(error.offset()),
            ArticleError::UnclosedFrontMatter { offset, .. }
            | ArticleError::InvalidFrontMatter { offset, .. } => Some(*offset),
        }
    }
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArticleError::Encoding(error) => error.fmt(f),
            ArticleError::UnclosedFrontMatter { line, .. } => {
                write!(
                    f,
                    "front matter opened on line {line} is never closed with `---`"
                )
            }
            ArticleError::InvalidFrontMatter {
                line,
                column,
                message,
                ..
            } => write!(
                f,
                "invalid front matter at line {line}, column {column}: {message}"
            ),
        }
    }
}

impl std::error::Error for ArticleError {}

impl From<EncodingError> for ArticleError {
    fn from(error: EncodingError) -> ArticleError {
        ArticleError::Encoding(error)
    }
}
