//! What the rest of crosscheck relies on in an [`Article`] and in the spans
//! it gives, as checks that name the first broken invariant. The corpus
//! tests, the property tests and the fuzzers (`fuzz/`) all run them.

use std::ops::Range;

use super::normalize::{classify, Builder, Class};
use super::Article;
use crate::span::Span;

/// Checks the matching view, its blocks and units, and the span map.
pub fn check(article: &Article) -> Result<(), String> {
    check_text(&article.text.text)?;
    check_blocks(article)?;
    check_map(article)?;
    check_comments(article)
}

/// A span resolved in `source`: its text is the original bytes it covers,
/// and its lines and columns (1-based, columns in characters) agree with its
/// offsets.
pub fn check_span(source: &str, span: &Span) -> Result<(), String> {
    let range = span.byte_start..span.byte_end;
    let text = source
        .get(range.clone())
        .ok_or_else(|| format!("span {range:?} is not a range of the file"))?;
    ensure(text == span.text, || {
        format!(
            "span {range:?} says {:?} but the file holds {text:?}",
            span.text
        )
    })?;
    let position = |offset: usize| {
        let before = &source[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        )
    };
    ensure(
        position(span.byte_start) == (span.line, span.column),
        || {
            format!(
                "span {range:?} starts at {:?}, not {}:{}",
                position(span.byte_start),
                span.line,
                span.column
            )
        },
    )?;
    ensure(
        position(span.byte_end) == (span.end_line, span.end_column),
        || {
            format!(
                "span {range:?} ends at {:?}, not {}:{}",
                position(span.byte_end),
                span.end_line,
                span.end_column
            )
        },
    )
}

/// A Markdown article's body read as plain prose, when `prose` accepts it,
/// reads as the parser reads it: same text, span map and blocks, no comments.
/// Returns whether prose accepted it.
pub fn check_prose(article: &Article) -> Result<bool, String> {
    let (source, body_start) = (article.source.as_str(), article.body_start);
    let mut prose = Builder::new(source, body_start);
    if !super::prose::read(source, body_start, &mut prose) {
        return Ok(false);
    }
    let mut parsed = Builder::new(source, body_start);
    let mut comments = Vec::new();
    super::markdown::parse_tree(source, body_start, &mut parsed, &mut comments);
    ensure(comments.is_empty(), || {
        format!("prose accepted a body with comments: {comments:?}")
    })?;
    let (prose, parsed) = (prose.finish(), parsed.finish());
    ensure(prose.1 == parsed.1, || {
        format!(
            "prose reads blocks {:?}, the parser {:?}",
            prose.1, parsed.1
        )
    })?;
    ensure(prose.0 == parsed.0, || {
        format!("prose reads {:?}, the parser {:?}", prose.0, parsed.0)
    })?;
    Ok(true)
}

fn ensure(holds: bool, broken: impl FnOnce() -> String) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(broken())
    }
}

/// Only normalized characters, trimmed, single spaces; normalizing it again
/// changes nothing.
fn check_text(text: &str) -> Result<(), String> {
    ensure(!text.starts_with(' ') && !text.ends_with(' '), || {
        "the normalized text is not trimmed".into()
    })?;
    ensure(!text.contains("  "), || {
        "the normalized text has a double space".into()
    })?;
    for c in text.chars() {
        match classify(c) {
            Class::Keep => {}
            Class::Space if c == ' ' => {}
            other => return Err(format!("{c:?} ({other:?}) in the normalized text")),
        }
    }
    let mut again = Builder::new(text, 0);
    again.text(0..text.len());
    let again = again.finish().0.text;
    ensure(again == text, || {
        format!("normalizing is not idempotent: {text:?} becomes {again:?}")
    })
}

/// Blocks make the text; units lie in their blocks, trimmed, non-empty,
/// mapping to non-empty original ranges in file order.
fn check_blocks(article: &Article) -> Result<(), String> {
    let text = &article.text.text;
    let joined: Vec<&str> = article
        .blocks
        .iter()
        .map(|block| article.block_text(block))
        .collect();
    ensure(joined.join(" ") == *text, || {
        "the blocks joined by spaces are not the text".into()
    })?;
    let mut last_end = 0;
    let mut last_orig = 0;
    for block in &article.blocks {
        ensure(
            block.range.start < block.range.end && block.range.start >= last_end,
            || format!("block {:?} is empty or out of order", block.range),
        )?;
        last_end = block.range.end;
        let units = article.sentences(block);
        ensure(!units.is_empty(), || {
            format!("block {:?} has no sentence", block.range)
        })?;
        if block.heading {
            ensure(units.len() == 1 && units[0] == block.range, || {
                format!("heading {:?} is not one unit", block.range)
            })?;
        }
        for unit in units.iter().chain(std::iter::once(&block.range)) {
            ensure(
                block.range.start <= unit.start && unit.end <= block.range.end,
                || format!("unit {unit:?} lies outside its block"),
            )?;
            let piece = text
                .get(unit.clone())
                .ok_or_else(|| format!("unit {unit:?} is not on character boundaries"))?;
            ensure(!piece.is_empty() && piece.trim() == piece, || {
                format!("unit {piece:?} is empty or untrimmed")
            })?;
            let orig = article.text.original_range(unit.clone());
            ensure(orig.start < orig.end, || {
                format!("unit {piece:?} maps to an empty range")
            })?;
            check_words(article, unit.clone())?;
        }
        for unit in &units {
            let orig = article.text.original_range(unit.clone());
            ensure(orig.start >= last_orig, || {
                format!("unit {unit:?} maps before the unit ahead of it")
            })?;
            last_orig = orig.end;
        }
    }
    Ok(())
}

/// Every ASCII alphanumeric word of `unit` maps back to itself, possibly
/// with markup inside (or comes from an entity or an escape), and the words
/// map in order.
fn check_words(article: &Article, unit: Range<usize>) -> Result<(), String> {
    let text = &article.text.text;
    let bytes = text.as_bytes();
    let mut i = unit.start;
    let mut last = 0;
    while i < unit.end {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < unit.end && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &text[start..i];
        let orig = article.text.original_range(start..i);
        let back = &article.source[orig.clone()];
        ensure(
            spans_word(back, word) || back.contains('&') || back.contains('\\'),
            || format!("word {word:?} maps to {back:?}"),
        )?;
        ensure(orig.start >= last, || {
            format!("word {word:?} maps before the word ahead of it")
        })?;
        last = orig.end;
    }
    Ok(())
}

/// Whether `word` reads in `original` from its first byte to its last, its
/// characters in order with markup (`**`, a soft hyphen, inline HTML, a
/// footnote marker, a link's URL) possibly between them.
fn spans_word(original: &str, word: &str) -> bool {
    let mut rest = original.chars();
    original.starts_with(&word[..1])
        && original.ends_with(&word[word.len() - 1..])
        && word.chars().all(|c| rest.any(|o| o == c))
}

/// The span map gives ranges on character boundaries of the file, and is
/// monotone: a later or wider normalized range never maps earlier or
/// narrower. Checked at every character boundary, and on nested ranges.
fn check_map(article: &Article) -> Result<(), String> {
    let text = &article.text.text;
    let source = &article.source;
    let map = |range: Range<usize>| article.text.original_range(range);
    let boundaries: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut previous: Option<(usize, Range<usize>)> = None;
    for &at in &boundaries {
        for range in [map(at..at), map(0..at), map(at..text.len())] {
            ensure(
                source.is_char_boundary(range.start)
                    && source.is_char_boundary(range.end)
                    && range.start <= range.end,
                || format!("{at} maps to {range:?}, not a range on character boundaries"),
            )?;
        }
        let (prefix, suffix) = (map(0..at), map(at..text.len()));
        if let Some((before, before_suffix)) = &previous {
            ensure(
                prefix.end >= *before && suffix.start >= before_suffix.start,
                || format!("the map is not monotone at {at}"),
            )?;
        }
        previous = Some((prefix.end, suffix));
    }
    // Nested ranges map to nested ranges.
    let n = boundaries.len();
    for step in [1, 2, 3, 7, 31] {
        for i in (0..n).step_by(step.max(n / 64).max(1)) {
            let (a, b) = (boundaries[i], boundaries[(i + step).min(n - 1)]);
            let inner = map(a..b);
            let outer = map(boundaries[i.saturating_sub(1)]..boundaries[(i + step + 1).min(n - 1)]);
            ensure(
                a == b || (outer.start <= inner.start && outer.end >= inner.end),
                || format!("{a}..{b} maps to {inner:?}, outside the wider {outer:?}"),
            )?;
        }
    }
    Ok(())
}

/// Comments lie in the file, in order, and are HTML comments.
fn check_comments(article: &Article) -> Result<(), String> {
    let mut last = 0;
    for comment in &article.comments {
        let range = comment.range.clone();
        let raw = article
            .source
            .get(range.clone())
            .ok_or_else(|| format!("comment {range:?} is not a range of the file"))?;
        ensure(raw.starts_with("<!--") && range.start >= last, || {
            format!("comment {range:?} is {raw:?}, or out of order")
        })?;
        last = range.end;
    }
    Ok(())
}
