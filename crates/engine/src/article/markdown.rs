//! Markdown bodies: markup is not text (SPEC §2).
//!
//! Text, inline code and link text are text; link URLs, images (alt text
//! included), code blocks, raw HTML and footnote markers are not. HTML comments
//! are recorded. Every block-level element (paragraph, heading, list item,
//! table cell, block quote paragraph, footnote paragraph) is its own block.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::normalize::Builder;
use super::{prose, Comment};

/// Feeds the Markdown body `source[body_start..]` to `builder`, and records
/// its HTML comments in `comments`. Plain prose skips the parse tree.
pub(crate) fn parse(
    source: &str,
    body_start: usize,
    builder: &mut Builder,
    comments: &mut Vec<Comment>,
) {
    if !prose::read(source, body_start, builder) {
        parse_tree(source, body_start, builder, comments);
    }
}

/// [`parse`] by pulldown-cmark's parse tree, for any body.
pub(crate) fn parse_tree(
    source: &str,
    body_start: usize,
    builder: &mut Builder,
    comments: &mut Vec<Comment>,
) {
    let body = &source[body_start..];
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut walk = Walk {
        source,
        body,
        body_start,
        builder,
        comments,
        skip: 0,
        links: Vec::new(),
        in_heading: false,
    };
    for (event, rel) in Parser::new_ext(body, options).into_offset_iter() {
        let rel = rel.start.min(body.len())..rel.end.min(body.len());
        let range = rel.start + body_start..rel.end + body_start;
        match event {
            Event::Start(tag) => walk.start(tag, range),
            Event::End(tag) => walk.end(tag),
            _ if walk.skip > 0 => {}
            event => walk.content(event, rel, range),
        }
    }
    walk.builder.end_block(walk.in_heading);
}

/// The state of [`parse_tree`]'s walk over the body's events.
struct Walk<'a, 'b, 's> {
    source: &'a str,
    /// `source[body_start..]`, which the parser's offsets are relative to.
    body: &'a str,
    body_start: usize,
    builder: &'b mut Builder<'s>,
    comments: &'b mut Vec<Comment>,
    /// Depth of elements whose content is not text (image, code block, HTML block, autolink).
    skip: usize,
    /// For each open link: whether it was counted in `skip`.
    links: Vec<bool>,
    in_heading: bool,
}

impl Walk<'_, '_, '_> {
    /// An element opens at `range`: a new block, or the start of markup
    /// whose content is not text.
    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::Image { .. } => self.skip += 1,
            Tag::Link { link_type, .. } => {
                let url_as_text = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.skip += usize::from(url_as_text);
                self.links.push(url_as_text);
            }
            Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                self.builder.end_block(false);
                self.skip += 1;
            }
            Tag::HtmlBlock => {
                self.builder.end_block(false);
                if self.skip == 0 {
                    scan_comments(self.source, range, self.comments);
                }
                self.skip += 1;
            }
            Tag::Heading { .. } => {
                self.builder.end_block(false);
                self.in_heading = true;
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {}
            _ => self.builder.end_block(false),
        }
    }

    /// An element closes: its block ends, or text resumes after it.
    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Image => self.skip = self.skip.saturating_sub(1),
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    self.skip = self.skip.saturating_sub(1);
                }
            }
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                self.skip = self.skip.saturating_sub(1);
            }
            TagEnd::Heading(_) => {
                self.builder.end_block(true);
                self.in_heading = false;
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
            _ => self.builder.end_block(self.in_heading),
        }
    }

    /// Any other event, outside skipped markup, at `rel` in the body
    /// (`range` in the source): text, code, breaks, inline HTML, rules.
    fn content(&mut self, event: Event, rel: Range<usize>, range: Range<usize>) {
        match event {
            Event::Text(text) => match self.body.get(rel) {
                Some(raw) if raw == &*text => self.builder.text(range),
                _ => self.builder.replace(range, &text),
            },
            Event::Code(code) => match code_content(self.body, rel) {
                Some(inner) => self
                    .builder
                    .text(inner.start + self.body_start..inner.end + self.body_start),
                None => self.builder.replace(range, &code),
            },
            Event::SoftBreak | Event::HardBreak => self.builder.space(range),
            Event::InlineHtml(html) => self.inline_html(&html, range),
            Event::Rule => self.builder.end_block(false),
            // Footnote references are markers; HTML outside a block, math and
            // task markers (not enabled) are not text.
            _ => {}
        }
    }

    /// Inline HTML at `range`: a comment is recorded, a breaking tag
    /// separates words, any other tag is dropped.
    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        if let Some(inner) = html.strip_prefix("<!--") {
            let inner = inner.strip_suffix("-->").unwrap_or(inner);
            self.comments.push(Comment {
                range,
                text: inner.trim().to_owned(),
            });
        } else if is_breaking_tag(html) {
            self.builder.space(range);
        }
    }
}

/// The content of a code span at `rel` (between its backtick strings), when
/// the source really is a backtick-delimited span.
fn code_content(body: &str, rel: Range<usize>) -> Option<Range<usize>> {
    let raw = body.get(rel.clone())?;
    let ticks = raw.bytes().take_while(|&b| b == b'`').count();
    let closing = raw.bytes().rev().take_while(|&b| b == b'`').count();
    (ticks > 0 && closing >= ticks && raw.len() >= 2 * ticks)
        .then(|| rel.start + ticks..rel.end - ticks)
}

/// Records every `<!-- … -->` in the HTML block `source[range]`; a comment
/// left open runs to the end of the block.
fn scan_comments(source: &str, range: Range<usize>, comments: &mut Vec<Comment>) {
    let Some(block) = source.get(range.clone()) else {
        return;
    };
    let mut at = 0;
    while let Some(i) = block[at..].find("<!--") {
        let open = at + i;
        let inner = open + 4;
        let (inner_end, close) = match block[inner..].find("-->") {
            Some(j) => (inner + j, inner + j + 3),
            None => (block.len(), block.len()),
        };
        comments.push(Comment {
            range: range.start + open..range.start + close,
            text: block[inner..inner_end].trim().to_owned(),
        });
        at = close;
    }
}

/// Inline HTML that separates words: `<br>`, `<p>`, `</div>`, …
fn is_breaking_tag(html: &str) -> bool {
    let name = html.trim_start_matches('<').trim_start_matches('/');
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = &name[..end];
    [
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "table",
    ]
    .iter()
    .any(|tag| name.eq_ignore_ascii_case(tag))
}

#[cfg(test)]
mod tests {
    use super::super::{Article, Markup};

    fn md(source: &str) -> Article {
        Article::parse(source.as_bytes(), Markup::Markdown).unwrap()
    }

    fn blocks(article: &Article) -> Vec<(&str, bool)> {
        article
            .blocks
            .iter()
            .map(|b| (article.block_text(b), b.heading))
            .collect()
    }

    /// The original text of the first occurrence of `needle` in the normalized text.
    fn orig<'a>(article: &'a Article, needle: &str) -> &'a str {
        let at = article.text.text.find(needle).expect(needle);
        &article.source[article.text.original_range(at..at + needle.len())]
    }

    #[test]
    fn emphasis_is_not_text_but_maps_back() {
        let a = md("Azure is the **primary** cloud and _sole_ ~~old~~ host.\n");
        assert_eq!(a.text.text, "Azure is the primary cloud and sole old host.");
        assert_eq!(orig(&a, "primary"), "primary");
        assert_eq!(orig(&a, "the primary cloud"), "the **primary** cloud");
        assert_eq!(orig(&a, "sole"), "sole");
    }

    #[test]
    fn link_text_is_text_and_urls_are_not() {
        let a = md("See [the OpenAI post](https://openai.com/blog \"title\") or <https://example.com> or [ref][r].\n\n[r]: https://ref.example\n");
        assert_eq!(a.text.text, "See the OpenAI post or or ref.");
        assert_eq!(orig(&a, "OpenAI post"), "OpenAI post");
        assert!(!a.text.text.contains("openai.com"));
    }

    #[test]
    fn images_are_skipped_alt_text_included() {
        let a = md("Before ![an alt text](pic.png \"t\") after.\n\n![only image](x.png)\n");
        assert_eq!(a.text.text, "Before after.");
        assert_eq!(a.blocks.len(), 1);
    }

    #[test]
    fn code_blocks_skipped_inline_code_kept() {
        let a = md("Run `cargo  test` now.\n\n```rust\nlet primary = 1;\n```\n\n    indented code\n\nAfter.\n");
        assert_eq!(a.text.text, "Run cargo test now. After.");
        assert_eq!(orig(&a, "cargo test"), "cargo  test");
        let a = md("Use ``a `tick` b`` here.\n");
        assert_eq!(a.text.text, "Use a `tick` b here.");
    }

    #[test]
    fn html_comments_recorded_and_html_skipped() {
        let source =
            "<!-- crosscheck-disable extension-2032 -->\n\nText <!-- inline\nnote --> more<br>words <b>bold</b>.\n\n<div>\nhidden html\n</div>\n\nEnd.\n";
        let a = md(source);
        assert_eq!(a.text.text, "Text more words bold. End.");
        assert_eq!(a.comments.len(), 2);
        assert_eq!(a.comments[0].text, "crosscheck-disable extension-2032");
        assert_eq!(
            &source[a.comments[0].range.clone()],
            "<!-- crosscheck-disable extension-2032 -->"
        );
        assert_eq!(a.comments[1].text, "inline\nnote");
        assert_eq!(
            &source[a.comments[1].range.clone()],
            "<!-- inline\nnote -->"
        );
    }

    #[test]
    fn entities_and_escapes_are_atomic() {
        let a = md("AT&amp;T paid &#36;5 for \\*stars\\* &ldquo;quoted&rdquo;&nbsp;now.\n");
        assert_eq!(a.text.text, "AT&T paid $5 for *stars* \"quoted\" now.");
        assert_eq!(orig(&a, "AT&T"), "AT&amp;T");
        assert_eq!(orig(&a, "&"), "&amp;");
        assert_eq!(orig(&a, "$5"), "&#36;5");
        assert_eq!(orig(&a, "*stars*"), "*stars\\*");
        assert_eq!(orig(&a, "\"quoted\""), "&ldquo;quoted&rdquo;");
        assert_eq!(orig(&a, "quoted\" now"), "quoted&rdquo;&nbsp;now");
    }

    #[test]
    fn headings_are_their_own_blocks() {
        let a = md(
            "# Head *one* #\n\nBody text.\n\nSetext title\n============\n\n## Second\nNext para.\n",
        );
        assert_eq!(
            blocks(&a),
            [
                ("Head one", true),
                ("Body text.", false),
                ("Setext title", true),
                ("Second", true),
                ("Next para.", false)
            ]
        );
        let heading = &a.blocks[0];
        assert_eq!(a.sentences(heading).len(), 1);
        assert_eq!(orig(&a, "Head one"), "Head *one");
    }

    #[test]
    fn list_items_are_blocks() {
        let a = md("- item one\n- item *two*\n  - nested\n  continued\n\n1. loose\n\n2. second\n   para\n\n   more\n");
        assert_eq!(
            blocks(&a),
            [
                ("item one", false),
                ("item two", false),
                ("nested continued", false),
                ("loose", false),
                ("second para", false),
                ("more", false)
            ]
        );
    }

    #[test]
    fn tables_quotes_and_footnotes() {
        let a =
            md("| Outlet | Stake |\n|---|---|\n| AP | 49% |\n| `X` \\| Y | 27 % |\n\n> Quoted para.\n>\n> Second.\n\nClaim.[^1]\n\n[^1]: The footnote text.\n");
        assert_eq!(
            blocks(&a),
            [
                ("Outlet", false),
                ("Stake", false),
                ("AP", false),
                ("49%", false),
                ("X | Y", false),
                ("27 %", false),
                ("Quoted para.", false),
                ("Second.", false),
                ("Claim.", false),
                ("The footnote text.", false)
            ]
        );
    }

    #[test]
    fn breaks_are_spaces() {
        let source = "Line one\nline two  \nline three\\\nline four\n";
        let a = md(source);
        assert_eq!(a.text.text, "Line one line two line three line four");
        assert_eq!(orig(&a, "two line"), "two  \nline");
    }

    #[test]
    fn front_matter_is_not_text() {
        let a = md("---\noutlet: \"ktva.com\"\ntitle: \"Update\"\ndate: 2016-12-13\n---\n\n# Update\n\nANCHORAGE –\n\nBody.\n");
        assert_eq!(a.front.outlet.as_deref(), Some("ktva.com"));
        assert_eq!(a.text.text, "Update ANCHORAGE - Body.");
        assert_eq!(orig(&a, "Update"), "Update");
        assert_eq!(
            a.text.original_range(0..6).start,
            a.source.find("Update\n\n").unwrap()
        );
    }

    #[test]
    fn thematic_breaks_split_blocks() {
        let a = md("One\n\n***\n\nTwo\n");
        assert_eq!(blocks(&a), [("One", false), ("Two", false)]);
    }
}
