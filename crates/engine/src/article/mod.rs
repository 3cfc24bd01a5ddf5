//! Articles: the bytes of one file → front matter, a normalized matching view
//! with a map back to the original bytes, and its paragraphs (SPEC §2).
//!
//! Data flows one way: [`crate::encoding`] checks the bytes, `front_matter` splits
//! off the YAML header, `markdown` (or `prose`, for Markdown without markup,
//! faster and alike) or `plain` cut the body into blocks and feed them to the
//! `normalize` builder, which writes the matching view and its span map;
//! `units` cuts a block into sentences on demand.

mod error;
mod front_matter;
pub mod invariants;
mod markdown;
mod normalize;
mod plain;
mod prose;
mod sentence_bounds;
mod units;

use std::ops::Range;
use std::path::Path;

pub use error::ArticleError;
pub use front_matter::FrontMatter;
pub use normalize::NormalizedText;

/// How an article's body is written, and so read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Markup {
    /// `.txt`: paragraphs from blank lines and line shapes.
    Plain,
    /// `.md`, `.markdown`: CommonMark with tables, strikethrough and footnotes.
    Markdown,
}

impl Markup {
    /// The format of an article file by its extension (case-insensitive):
    /// `.txt` → Plain, `.md`/`.markdown` → Markdown, anything else → `None`
    /// (not an article).
    pub fn of_path(path: &Path) -> Option<Markup> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("txt") {
            Some(Markup::Plain)
        } else if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
            Some(Markup::Markdown)
        } else {
            None
        }
    }
}

/// One article file, read for matching.
#[derive(Clone, Debug)]
pub struct Article {
    /// The whole file as text (a UTF-8 BOM stays in it as U+FEFF, so offsets
    /// are offsets into the original bytes).
    pub source: String,
    /// The front matter's fields (all `None` without front matter).
    pub front: FrontMatter,
    /// Where the body starts in `source`: after the front matter, if any.
    pub body_start: usize,
    /// The matching view of the body: blocks joined by single spaces, so the
    /// whole text is the document-scope unit.
    pub text: NormalizedText,
    /// Paragraphs, headings, list items and table cells, in order, as ranges
    /// of `text.text`: the paragraph-scope units.
    pub blocks: Vec<Block>,
    /// Markdown HTML comments (`<!-- … -->`), for suppression comments.
    pub comments: Vec<Comment>,
}

/// A block of the body: a range of [`NormalizedText::text`], trimmed, non-empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Where the block lies in `text.text`.
    pub range: Range<usize>,
    /// A heading: one sentence unit whatever its punctuation.
    pub heading: bool,
}

/// A Markdown HTML comment: its range in the original file (`<!--` to `-->`
/// included) and its inner text, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Byte range in [`Article::source`].
    pub range: Range<usize>,
    /// The comment's inner text, trimmed.
    pub text: String,
}

impl Article {
    /// Reads one article file. Fails on text that is not UTF-8, binary files
    /// and broken front matter; an empty file is an article with no blocks.
    pub fn parse(bytes: &[u8], format: Markup) -> Result<Article, ArticleError> {
        let (source, bom) = crate::encoding::decode(bytes)?;
        let (front, body_start) = front_matter::split(source, bom)?;
        let mut comments = Vec::new();
        let mut builder = normalize::Builder::new(source, body_start);
        match format {
            Markup::Markdown => markdown::parse(source, body_start, &mut builder, &mut comments),
            Markup::Plain => plain::parse(source, body_start, &mut builder),
        }
        let (text, blocks) = builder.finish();
        Ok(Article {
            source: source.to_owned(),
            front,
            body_start,
            text,
            blocks,
            comments,
        })
    }

    /// The sentence units of one block, as ranges of `text.text`, trimmed of
    /// surrounding spaces, non-empty. A heading block is one unit.
    pub fn sentences(&self, block: &Block) -> Vec<Range<usize>> {
        units::sentences(&self.text.text, block)
    }

    /// The normalized text of `block`.
    pub fn block_text(&self, block: &Block) -> &str {
        &self.text.text[block.range.clone()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::EncodingError;

    #[test]
    fn format_of_path() {
        assert_eq!(Markup::of_path(Path::new("a/b.txt")), Some(Markup::Plain));
        assert_eq!(Markup::of_path(Path::new("b.TXT")), Some(Markup::Plain));
        assert_eq!(Markup::of_path(Path::new("b.md")), Some(Markup::Markdown));
        assert_eq!(
            Markup::of_path(Path::new("b.Markdown")),
            Some(Markup::Markdown)
        );
        assert_eq!(Markup::of_path(Path::new("b.yaml")), None);
        assert_eq!(Markup::of_path(Path::new("md")), None);
        assert_eq!(Markup::of_path(Path::new(".md")), None);
    }

    #[test]
    fn empty_file() {
        for format in [Markup::Plain, Markup::Markdown] {
            let article = Article::parse(b"", format).unwrap();
            assert!(article.blocks.is_empty());
            assert_eq!(article.text.text, "");
            assert_eq!(article.front, FrontMatter::default());
        }
    }

    #[test]
    fn decode_errors_surface() {
        let error = Article::parse(b"caf\xe9 \x93quoted\x94", Markup::Plain).unwrap_err();
        assert!(matches!(
            error,
            ArticleError::Encoding(EncodingError::NotUtf8 {
                offset: 3,
                line: 1,
                windows_1252: true
            })
        ));
        let error = Article::parse(b"ab\0cd", Markup::Markdown).unwrap_err();
        assert_eq!(
            error,
            ArticleError::Encoding(EncodingError::Binary { offset: 2 })
        );
        let error = Article::parse(b"---\ntitle: x\n", Markup::Markdown).unwrap_err();
        assert_eq!(error.offset(), Some(0));
    }

    #[test]
    fn bom_stays_in_source_and_offsets_are_bytes() {
        let bytes = "\u{FEFF}---\r\noutlet: BOM News\r\n---\r\nHello “world”.\r\n".as_bytes();
        for format in [Markup::Plain, Markup::Markdown] {
            let article = Article::parse(bytes, format).unwrap();
            assert!(article.source.starts_with('\u{FEFF}'));
            assert_eq!(article.front.outlet.as_deref(), Some("BOM News"));
            assert_eq!(article.text.text, "Hello \"world\".");
            let range = article.text.original_range(6..13);
            assert_eq!(&bytes[range.clone()], "“world”".as_bytes());
            assert_eq!(&article.source[range], "“world”");
        }
    }

    #[test]
    fn bom_without_front_matter_is_not_text() {
        let article = Article::parse("\u{FEFF}Title\n\nBody.".as_bytes(), Markup::Plain).unwrap();
        assert_eq!(article.text.text, "Title Body.");
        assert_eq!(article.text.original_range(0..5), 3..8);
    }

    #[test]
    fn crlf_everywhere() {
        let source = "---\r\ntitle: t\r\n---\r\n# Head\r\n\r\nOne line\r\nwrapped here.\r\n";
        let article = Article::parse(source.as_bytes(), Markup::Markdown).unwrap();
        assert_eq!(article.text.text, "Head One line wrapped here.");
        assert!(!article.text.text.contains('\r'));
        let source = "One line\r\nwrapped here.\r\nNext.\r\n";
        let article = Article::parse(source.as_bytes(), Markup::Plain).unwrap();
        assert_eq!(article.text.text, "One line wrapped here. Next.");
        assert_eq!(article.blocks.len(), 2);
    }
}
