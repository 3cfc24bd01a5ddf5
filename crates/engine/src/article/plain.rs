//! Plain-text bodies: paragraphs from line breaks (SPEC §2).
//!
//! A blank line (only white space, e.g. a lone non-breaking space) always ends
//! a paragraph. A single newline ends one after a heading line, a list item or
//! a line ending with sentence punctuation; otherwise it is a soft wrap, so
//! hard-wrapped wire copy reads as prose. A heading is a short, title-like
//! line without final punctuation that starts a paragraph.

use std::ops::Range;

use super::normalize::{classify, Builder, Class};

/// One line: its text without the line break, and where the next line starts.
struct Line {
    content: Range<usize>,
    next: usize,
}

/// Feeds the plain-text body `source[body_start..]` to `builder`.
pub(crate) fn parse(source: &str, body_start: usize, builder: &mut Builder) {
    let lines = split_lines(source, body_start);
    // Whether the previous line ended its paragraph (a heading must start one).
    let mut paragraph_ended = true;
    // Whether the open paragraph is a list item that continues on indented lines.
    let mut in_item = false;
    for (i, line) in lines.iter().enumerate() {
        let text = &source[line.content.clone()];
        let next = lines.get(i + 1).map(|l| &source[l.content.clone()]);
        let wrap = line.content.end..line.next;
        if is_blank(text) || is_separator(text) {
            builder.end_block(false);
            (paragraph_ended, in_item) = (true, false);
            continue;
        }
        if let Some(item_start) = list_item(text) {
            builder.end_block(false);
            builder.text(line.content.start + item_start..line.content.end);
            if !ends_sentence(text) && next.is_some_and(is_item_continuation) {
                builder.space(wrap);
                (paragraph_ended, in_item) = (false, true);
            } else {
                builder.end_block(false);
                (paragraph_ended, in_item) = (true, false);
            }
            continue;
        }
        if paragraph_ended && is_heading(text, next) {
            builder.end_block(false);
            builder.text(line.content.clone());
            builder.end_block(true);
            continue;
        }
        builder.text(line.content.clone());
        let soft_wrap = !ends_sentence(text)
            && if in_item {
                next.is_some_and(is_item_continuation)
            } else {
                !is_unwrapped_paragraph(text)
            };
        if soft_wrap {
            builder.space(wrap);
            paragraph_ended = false;
        } else {
            builder.end_block(false);
            (paragraph_ended, in_item) = (true, false);
        }
    }
    builder.end_block(false);
}

fn split_lines(source: &str, start: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut at = start;
    while at < source.len() {
        let (end, next) = match source[at..].find('\n') {
            Some(i) => (at + i, at + i + 1),
            None => (source.len(), source.len()),
        };
        let content_end = if source[at..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        lines.push(Line {
            content: at..content_end,
            next,
        });
        at = next;
    }
    lines
}

fn is_space(c: char) -> bool {
    classify(c) == Class::Space
}

fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(classify(c), Class::Space | Class::Drop))
}

/// A scene break such as `***`, `* * *`, `---` or `===`: ends a paragraph.
fn is_separator(text: &str) -> bool {
    let marks = text.chars().filter(|&c| !is_space(c)).count();
    marks >= 3
        && text
            .chars()
            .all(|c| is_space(c) || matches!(c, '-' | '*' | '=' | '_' | '~' | '#' | '•'))
}

const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '►', '▸', '➢', '➤', '✓', '✔', '·',
];

/// If `text` is a list item (`- `, `* `, `+ `, `• `, `1. `, `1) `, also
/// `- •Text`), the byte offset in `text` where the item's text starts.
fn list_item(text: &str) -> Option<usize> {
    let body = text.trim_start_matches(is_space);
    let indent = text.len() - body.len();
    let after = marker(body)?;
    // A bullet after a dash, as in "- •Microsoft and OpenAI …".
    let rest = &body[after..];
    let after = match rest.chars().next() {
        Some(c) if BULLETS.contains(&c) => {
            let rest = &rest[c.len_utf8()..];
            after + c.len_utf8() + (rest.len() - rest.trim_start_matches(is_space).len())
        }
        _ => after,
    };
    Some(indent + after)
}

/// Length of the list marker at the start of `body`, with the spaces after it.
fn marker(body: &str) -> Option<usize> {
    let first = body.chars().next()?;
    let len = if matches!(first, '-' | '*' | '+') {
        // Needs a space after it: "-5%" or "*note" are not items.
        let rest = &body[1..];
        rest.starts_with(is_space).then_some(1)?
    } else if BULLETS.contains(&first) {
        first.len_utf8()
    } else {
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &body[digits..];
        let ok = (1..=3).contains(&digits)
            && (rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with(".\t"));
        ok.then_some(digits + 1)?
    };
    let rest = &body[len..];
    Some(len + (rest.len() - rest.trim_start_matches(is_space).len()))
}

/// An indented, non-blank line that is not itself an item: a wrapped item's rest.
fn is_item_continuation(next: &str) -> bool {
    next.starts_with(is_space) && !is_blank(next) && list_item(next).is_none()
}

/// Characters that may follow final punctuation: closing quotes and brackets,
/// and emphasis marks.
const CLOSERS: &[char] = &[
    '"', '\'', '\u{201D}', '\u{2019}', '\u{BB}', '\u{203A}', ')', ']', '}', '*', '_',
];

/// Whether the line ends with sentence punctuation (`. ! ? : ; …`), possibly
/// followed by closing quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c| matches!(classify(c), Class::Space | Class::Drop))
        .trim_end_matches(CLOSERS)
        .ends_with(['.', '!', '?', ':', ';', '…'])
}

/// A line too long to be hard-wrapped copy: a whole paragraph on one line that
/// just lacks final punctuation. Its newline ends it.
fn is_unwrapped_paragraph(text: &str) -> bool {
    text.len() > 150 && text.chars().count() > 150
}

/// A heading line: no final punctuation, at most 15 words, title-like, not
/// starting with a lowercase letter, and the next line does not start with one.
fn is_heading(text: &str, next: Option<&str>) -> bool {
    let starts_lowercase = |line: &str| {
        line.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
    };
    let next_lowercase = next
        .and_then(|n| n.trim_start_matches(is_space).chars().next())
        .is_some_and(char::is_lowercase);
    let trimmed = text.trim_matches(|c| matches!(classify(c), Class::Space | Class::Drop));
    let standalone = next.is_none_or(|n| is_blank(n) || is_separator(n));
    !next_lowercase
        && !starts_lowercase(trimmed)
        && !ends_sentence(trimmed)
        && !trimmed.ends_with([',', '-', '–', '—'])
        && trimmed.chars().count() <= 150
        && is_title_like(trimmed, standalone)
}

/// Most alphabetic words of four letters or more are capitalized and the last
/// word is not a lowercase one; or the line is short and stands alone.
fn is_title_like(text: &str, standalone: bool) -> bool {
    let (mut words, mut long, mut capitalized) = (0, 0, 0);
    let mut last_lowercase = false;
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        words += 1;
        if words > 15 {
            return false;
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let first = core.chars().next();
        last_lowercase = first.is_some_and(char::is_lowercase);
        let letters = core.chars().filter(|c| c.is_alphabetic()).count();
        let wordlike = core
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}'));
        if letters >= 4 && wordlike {
            long += 1;
            capitalized += usize::from(first.is_some_and(char::is_uppercase));
        }
    }
    if words == 0 {
        false
    } else if standalone && words <= 6 {
        true
    } else if last_lowercase {
        false
    } else if long == 0 {
        words <= 6
    } else {
        capitalized * 4 > long * 3
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Article, Markup};

    fn txt(source: &str) -> Article {
        Article::parse(source.as_bytes(), Markup::Plain).unwrap()
    }

    fn blocks(source: &str) -> Vec<(String, bool)> {
        let a = txt(source);
        a.blocks
            .iter()
            .map(|b| (a.block_text(b).to_owned(), b.heading))
            .collect()
    }

    fn p(text: &str) -> (String, bool) {
        (text.to_owned(), false)
    }

    fn h(text: &str) -> (String, bool) {
        (text.to_owned(), true)
    }

    #[test]
    fn soft_wraps_join_and_punctuation_ends() {
        assert_eq!(
            blocks(
                "The company said on\nTuesday that it would\nsell the unit.\nA second paragraph.\n"
            ),
            [
                p("The company said on Tuesday that it would sell the unit."),
                p("A second paragraph.")
            ]
        );
        assert_eq!(
            blocks("He said \"yes.\"\nShe said (no.)\nThey asked: why?'\nEnd: \nLast;\nfinal…\nx"),
            [
                p("He said \"yes.\""),
                p("She said (no.)"),
                p("They asked: why?'"),
                p("End:"),
                p("Last;"),
                p("final…"),
                p("x")
            ]
        );
    }

    #[test]
    fn blank_lines_always_end_paragraphs() {
        assert_eq!(
            blocks("first part\n\nsecond part\n \u{A0} \n\u{A0}\nthird part\n\t\n"),
            [p("first part"), p("second part"), p("third part")]
        );
        assert_eq!(blocks("\n\n\n"), []);
    }

    #[test]
    fn headings() {
        assert_eq!(
            blocks("Companies\n28/04/2026\n\nRecasting AI Power: Why Microsoft and OpenAI Reworked Their Alliance for Global Competition\n\nThe decision was made.\nTechnical Flexibility Amidst Regulatory Scrutiny and Antitrust Laws\nThis move comes now.\n"),
            [
                h("Companies"),
                h("28/04/2026"),
                h("Recasting AI Power: Why Microsoft and OpenAI Reworked Their Alliance for Global Competition"),
                p("The decision was made."),
                h("Technical Flexibility Amidst Regulatory Scrutiny and Antitrust Laws"),
                p("This move comes now.")
            ]
        );
        assert_eq!(
            blocks("🔍 Executive Summary\n- In a landmark shift, they moved.\nStrategic Deep-Dive\nThe formal transition.\n"),
            [h("🔍 Executive Summary"), p("In a landmark shift, they moved."), h("Strategic Deep-Dive"), p("The formal transition.")]
        );
    }

    #[test]
    fn a_title_like_line_before_a_lowercase_line_is_a_wrap() {
        assert_eq!(
            blocks("Earlier.\nMicrosoft Said Today That OpenAI Would\nsoon leave.\n"),
            [
                p("Earlier."),
                p("Microsoft Said Today That OpenAI Would soon leave.")
            ]
        );
    }

    #[test]
    fn wire_copy_is_prose() {
        let source = "WASHINGTON (AP) -- The Senate voted\nTuesday to approve the measure after a long\ndebate, officials said.\nNEW YORK (Reuters) - Microsoft Corp said on\nTuesday it would buy the company.\n";
        assert_eq!(
            blocks(source),
            [
                p("WASHINGTON (AP) -- The Senate voted Tuesday to approve the measure after a long debate, officials said."),
                p("NEW YORK (Reuters) - Microsoft Corp said on Tuesday it would buy the company.")
            ]
        );
    }

    #[test]
    fn a_heading_only_starts_a_paragraph() {
        assert_eq!(
            blocks("The deal covers cloud services from\nMicrosoft Azure\nAnd Other Providers.\n"),
            [p(
                "The deal covers cloud services from Microsoft Azure And Other Providers."
            )]
        );
    }

    #[test]
    fn bullets() {
        assert_eq!(
            blocks("Microsoft and OpenAI Pivot to Non-Exclusive Partnership Terms\n- •Microsoft and OpenAI transition to non-exclusive terms.\n- •Strategic shift marks a maturation phase\n* star item\n• bullet item\n1. first\n2) second\nFor the past few years, it held.\n"),
            [
                h("Microsoft and OpenAI Pivot to Non-Exclusive Partnership Terms"),
                p("Microsoft and OpenAI transition to non-exclusive terms."),
                p("Strategic shift marks a maturation phase"),
                p("star item"),
                p("bullet item"),
                p("first"),
                p("second"),
                p("For the past few years, it held.")
            ]
        );
        let a = txt("- •Microsoft and OpenAI.\n");
        let r = a.text.original_range(a.blocks[0].range.clone());
        assert_eq!(&a.source[r], "Microsoft and OpenAI.");
    }

    #[test]
    fn not_bullets() {
        assert_eq!(
            blocks("-5% was the drop.\n*note* this.\n2032. That year.\n"),
            [
                p("-5% was the drop."),
                p("*note* this."),
                p("2032. That year.")
            ]
        );
    }

    #[test]
    fn wrapped_list_items_continue_on_indented_lines() {
        assert_eq!(
            blocks("- a long item that\n  wraps here\n- next item\n  continued.\nNot indented.\n"),
            [
                p("a long item that wraps here"),
                p("next item continued."),
                p("Not indented.")
            ]
        );
        assert_eq!(
            blocks("- an item without stop\nNext line.\n"),
            [p("an item without stop"), p("Next line.")]
        );
    }

    #[test]
    fn separators_end_paragraphs() {
        assert_eq!(
            blocks("one line\n***\ntwo line\n* * *\nthree\n---\n"),
            [p("one line"), p("two line"), p("three")]
        );
    }

    #[test]
    fn long_unwrapped_line_without_punctuation_ends_its_paragraph() {
        let long = "word ".repeat(40);
        let source = format!("{long}\nnext paragraph.\n");
        assert_eq!(blocks(&source), [p(long.trim()), p("next paragraph.")]);
    }

    #[test]
    fn seed_tail_shapes() {
        assert_eq!(
            blocks("The end.\n \n(Source:www.westlaw.com)\n\nChristopher J. Mitchell\nIn the same section\n\n"),
            [p("The end."), h("(Source:www.westlaw.com)"), h("Christopher J. Mitchell"), h("In the same section")]
        );
    }

    #[test]
    fn crlf_and_spans() {
        let source = "Title Line Here\r\nA wrapped\r\nline ends.\r\n";
        let a = txt(source);
        assert_eq!(a.text.text, "Title Line Here A wrapped line ends.");
        let at = a.text.text.find("wrapped line").unwrap();
        let r = a.text.original_range(at..at + "wrapped line".len());
        assert_eq!(&source[r], "wrapped\r\nline");
    }
}
