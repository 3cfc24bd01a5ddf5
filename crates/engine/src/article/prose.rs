//! Markdown bodies that are plain prose, read without a parse tree.
//!
//! Most news articles are paragraphs of prose under a `# ` title. CommonMark
//! reads such a body as paragraphs split at blank lines and ATX headings, each
//! line's text as is, so [`read`] feeds the builder exactly that, at a small
//! part of the cost of building pulldown-cmark's tree. It declines every body
//! in which a byte could be markup (an emphasis or code character, a link, an
//! entity, an HTML tag, a line that could open another kind of block, a hard
//! break), and [`markdown::parse`](super::markdown::parse) reads those. The
//! tests below check that both read every body `read` accepts alike.

use super::normalize::Builder;

/// Feeds the Markdown body `source[body_start..]` to `builder` and returns
/// true if it is plain prose; otherwise leaves `builder` untouched and
/// returns false.
pub(crate) fn read(source: &str, body_start: usize, builder: &mut Builder) -> bool {
    let body = &source.as_bytes()[body_start..];
    if !inline_text(body) {
        return false;
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', body).chain(std::iter::once(body.len())) {
        let Some(kind) = line_kind(&body[start..end]) else {
            return false;
        };
        lines.push((body_start + start..body_start + end, kind));
        start = end + 1;
    }
    for (line, kind) in lines {
        match kind {
            Line::Blank => builder.end_block(false),
            Line::Heading { content } => {
                builder.end_block(false);
                builder.text(line.start + content..line.end);
                builder.end_block(true);
            }
            Line::Text => builder.text(line.clone()),
        }
        // A line break inside a paragraph reads as a space; one before a
        // block end is dropped with the block's trailing space.
        if line.end < source.len() {
            builder.space(line.end..line.end + 1);
        }
    }
    builder.end_block(false);
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    /// Only spaces and tabs (or nothing): ends a paragraph.
    Blank,
    /// `# Title`: its text starts at `content`.
    Heading { content: usize },
    /// A line of a paragraph.
    Text,
}

/// What `line` (without its `\n`, its bytes checked by [`inline_text`]) is,
/// or None if it could be anything else than blank, an ATX heading or
/// paragraph text.
fn line_kind(line: &[u8]) -> Option<Line> {
    let (Some(&first), Some(&last)) = (line.first(), line.last()) else {
        return Some(Line::Blank);
    };
    // Leading white space may indent a block; trailing, make a hard break.
    if matches!(first, b' ' | b'\t') || matches!(last, b' ' | b'\t') {
        return line
            .iter()
            .all(|&b| b == b' ' || b == b'\t')
            .then_some(Line::Blank);
    }
    if first == b'#' {
        let hashes = line.iter().take_while(|&&b| b == b'#').count();
        match line.get(hashes) {
            // `#tag` and `####### x` are text.
            _ if hashes > 6 => {}
            Some(b) if !matches!(b, b' ' | b'\t') => {}
            // `# Title`, without a closing sequence (which would not be text).
            Some(b' ') if last != b'#' => {
                return Some(Line::Heading {
                    content: hashes + 1,
                })
            }
            _ => return None,
        }
    }
    // Block quotes, list items, thematic breaks, setext underlines, fences,
    // HTML blocks, table delimiter rows, link and footnote definitions.
    if matches!(
        first,
        b'>' | b'-' | b'+' | b'*' | b'=' | b'_' | b'~' | b'`' | b'<' | b'|' | b':' | b'['
    ) {
        return None;
    }
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=9).contains(&digits) && matches!(line.get(digits), Some(b'.' | b')')) {
        return None; // an ordered list item
    }
    Some(Line::Text)
}

/// Whether `byte` may start inline markup whatever follows it: emphasis,
/// code spans, escapes, raw HTML and autolinks, strikethrough; control
/// characters other than tabs and line feeds (left to the parser).
fn markup(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t' && byte != b'\n')
        | matches!(byte, b'\\' | b'`' | b'*' | b'_' | b'<' | b'>' | b'~')
}

/// Whether `byte` starts inline markup before some bytes: entities, links,
/// images and footnote references.
fn maybe_markup(byte: u8) -> bool {
    matches!(byte, b'&' | b'[' | b']' | b'!')
}

/// Whether no byte of `body` starts inline markup. Brackets are text unless
/// they make an inline link, an image or a footnote reference: a body
/// without a line starting with `[` defines no link references.
fn inline_text(body: &[u8]) -> bool {
    // Comparisons folded without branches over blocks, which the compiler
    // turns into vector instructions: prose costs a fraction of a cycle a byte.
    let mut maybe = false;
    for block in body.chunks(256) {
        if block.iter().fold(false, |seen, &b| seen | markup(b)) {
            return false;
        }
        maybe |= block.iter().fold(false, |seen, &b| seen | maybe_markup(b));
    }
    if !maybe {
        return true;
    }
    let pairs = [&b"]("[..], b"[^", b"![", b"&#"];
    !pairs
        .iter()
        .any(|pair| memchr::memmem::find(body, pair).is_some())
        && !memchr::memchr_iter(b'&', body).any(|at| entity_name(&body[at + 1..]))
}

/// Whether `rest` starts with letters or digits and a `;`: what follows the
/// `&` of a named entity.
fn entity_name(rest: &[u8]) -> bool {
    let name = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    name > 0 && rest.get(name) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{invariants, Article, Markup};

    /// Whether prose accepts `body`; when it does, the parser must read it alike.
    fn agrees(body: &str) -> bool {
        let article = Article::parse(body.as_bytes(), Markup::Markdown).unwrap();
        invariants::check_prose(&article).unwrap_or_else(|broken| panic!("{body:?}: {broken}"))
    }

    #[test]
    fn prose_reads_as_the_parser_does() {
        let accepted = [
            "# Title\n\nOne line\nand its continuation.\n\nA second paragraph.\n",
            "# Title\nText right under it.\n# Another\n",
            "Plain “curly” text – with dashes… and\u{A0}spaces.\n\n\n\nAfter blank lines",
            "AT&T and Q&A, & c; R&D [sic] and [1], a ] (b\n\t \nx",
            "#hashtag is text. And C# too.\n###### Six\n####### seven is text\n",
            "2019 was a year. 3.5 percent.\n",
            "Tabs\tinside\tlines\n\u{A0}\nafter a line of a no-break space",
            "",
            "\n\n",
        ];
        for body in accepted {
            assert!(agrees(body), "declined: {body:?}");
        }
    }

    #[test]
    fn anything_that_could_be_markup_is_declined() {
        let declined = [
            "a *b*",
            "a _b_",
            "a `b`",
            "a \\b",
            "a <b>",
            "a > b",
            "~~a~~",
            "&amp; x",
            "&#38;",
            "[a](b)",
            "![a]",
            "a[^1]",
            "- item",
            "+ item",
            "* item",
            "1. item",
            "2) item",
            "> quote",
            "    code",
            " lead",
            "trail  ",
            "trail\t",
            "Title\n===",
            "Title\n---",
            "| a | b |",
            "[a]: b",
            ": x",
            "# closed #",
            "#",
            "##\tx",
            "a\rb",
            "a\u{1}b",
        ];
        for body in declined {
            let mut builder = Builder::new(body, 0);
            assert!(!read(body, 0, &mut builder), "accepted: {body:?}");
        }
    }

    /// Random bodies over an alphabet of prose and the characters markup is
    /// made of: whenever prose accepts one, the parser reads it alike.
    #[test]
    fn random_bodies_read_alike() {
        let pieces = [
            "a", "Word", " ", " ", "\n", "\n\n", "\t", "#", "# ", "&", "&amp;", "&x", ";", "[",
            "]", "(", ")", "!", "^", "|", "-", ":", "1", "9.", ".", "=", "\u{A0}", "’", "—", "é",
            "\u{AD}", "'", "\"", "%", "$", "{", "}", "@",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % bound as u64) as usize
        };
        let mut accepted = 0;
        for _ in 0..20_000 {
            let len = 1 + next(24);
            let body: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            accepted += usize::from(agrees(&body));
        }
        assert!(accepted > 2_000, "only {accepted} bodies were prose");
    }
}
