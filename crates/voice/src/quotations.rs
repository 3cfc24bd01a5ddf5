//! The direct quotations of a paragraph, paired at the byte level.
//!
//! News prose marks direct speech with double quotes, curly (“ ”) or straight
//! ("), and a quotation inside a quotation with single ones (‘ ’ or '). The
//! single marks are also apostrophes (don't, 'em, the '90s, the Smiths'), so
//! the pairing is a small stack machine that reads each mark's neighbours:
//!
//! - `“` opens and `”` closes a double quotation; a straight `"` closes the
//!   innermost open double quotation when it looks like a closer (text before
//!   it, none after), and otherwise opens one when it looks like an opener.
//! - `‘` opens a single quotation unless a digit follows (‘90s); `’` and `'`
//!   between two letters are apostrophes; otherwise they close an open single
//!   quotation, and are apostrophes when none is open (the Smiths’).
//! - A straight `'` opens a single quotation only inside a double one, where
//!   American news style puts nested quotes, and not before an elision ('em,
//!   'til, 'cause, '90s).
//! - A closing mark with no matching opener is ignored. A closer of one kind
//!   also closes the quotations of the other kind opened inside it, which are
//!   dropped: an unclosed single quote was an apostrophe after all.
//! - A double quotation still open at the end of the paragraph runs to its
//!   end: news style opens every paragraph of a quote running over several
//!   and closes only the last one. An unclosed single quotation is dropped.

use std::ops::Range;

/// One direct quotation of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// Bytes from the opening mark to the closing mark, both included; to
    /// the paragraph's end when the quotation is not closed.
    pub range: Range<usize>,
    /// Bytes between the marks: the quoted words.
    pub inner: Range<usize>,
    /// How many quotations enclose this one: 0 for a top-level quotation.
    pub depth: usize,
    /// Whether a closing mark ends it (or the paragraph's end does).
    pub closed: bool,
}

/// The direct quotations of one paragraph, computed once and looked up for
/// each statement of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quotations {
    /// Ordered by start, outer before inner; well nested.
    list: Vec<Quotation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Double,
    Single,
}

#[derive(Debug)]
struct Open {
    mark: Mark,
    start: usize,
    inner_start: usize,
}

/// Words that an apostrophe shortens at their start: 'em, 'til, 'cause.
const ELISIONS: [&str; 8] = ["em", "til", "cause", "bout", "n", "tis", "twas", "round"];

impl Quotations {
    /// Pairs the quotation marks of `paragraph` (see the module docs).
    pub fn of(paragraph: &str) -> Self {
        let mut stack: Vec<Open> = Vec::new();
        let mut list = Vec::new();
        for (at, mark) in paragraph.char_indices() {
            let before = paragraph[..at].chars().next_back();
            let after_at = at + mark.len_utf8();
            let after = paragraph[after_at..].chars().next();
            let open = |mark| Open {
                mark,
                start: at,
                inner_start: after_at,
            };
            let double_open = stack.iter().any(|open| open.mark == Mark::Double);
            let single_open = stack.iter().any(|open| open.mark == Mark::Single);
            match mark {
                '“' => stack.push(open(Mark::Double)),
                '”' => close(&mut stack, &mut list, Mark::Double, at..after_at),
                '"' => {
                    if double_open
                        && (looks_closing(before, after) || !looks_opening(before, after))
                    {
                        close(&mut stack, &mut list, Mark::Double, at..after_at);
                    } else if looks_opening(before, after) {
                        stack.push(open(Mark::Double));
                    }
                }
                '‘' if !after.is_some_and(|c| c.is_ascii_digit()) => {
                    stack.push(open(Mark::Single));
                }
                '’' | '\'' if is_letter(before) && is_letter(after) => {} // don't
                '’' | '\'' if single_open && looks_closing(before, after) => {
                    close(&mut stack, &mut list, Mark::Single, at..after_at);
                }
                '\'' if double_open
                    && looks_opening(before, after)
                    && !is_elision(&paragraph[after_at..]) =>
                {
                    stack.push(open(Mark::Single));
                }
                _ => {}
            }
        }
        // Unclosed double quotations run to the paragraph's end.
        for open in stack.into_iter().filter(|open| open.mark == Mark::Double) {
            list.push(Quotation {
                range: open.start..paragraph.len(),
                inner: open.inner_start..paragraph.len(),
                depth: 0,
                closed: false,
            });
        }
        list.sort_by_key(|quotation| {
            (
                quotation.range.start,
                std::cmp::Reverse(quotation.range.end),
            )
        });
        let mut enclosing: Vec<usize> = Vec::new();
        for quotation in &mut list {
            enclosing.retain(|&end| end >= quotation.range.end);
            quotation.depth = enclosing.len();
            enclosing.push(quotation.range.end);
        }
        Quotations { list }
    }

    /// The quotations, ordered by start, each enclosing one before the
    /// quotations inside it.
    pub fn as_slice(&self) -> &[Quotation] {
        &self.list
    }

    /// The innermost quotation whose bytes, marks included, include `at`.
    pub fn innermost_at(&self, at: usize) -> Option<&Quotation> {
        self.list
            .iter()
            .filter(|quotation| quotation.range.contains(&at))
            .max_by_key(|quotation| quotation.depth)
    }
}

/// Closes the innermost open quotation of kind `mark` at the closing mark
/// `closer`, dropping the quotations opened inside it and still open.
fn close(stack: &mut Vec<Open>, list: &mut Vec<Quotation>, mark: Mark, closer: Range<usize>) {
    let Some(index) = stack.iter().rposition(|open| open.mark == mark) else {
        return;
    };
    stack.truncate(index + 1);
    let open = stack.pop().expect("the stack holds the opener found above");
    list.push(Quotation {
        range: open.start..closer.end,
        inner: open.inner_start..closer.start,
        depth: 0,
        closed: true,
    });
}

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// An opener follows white space, an opening bracket or dash, another mark or
/// the paragraph's start, and comes before a word.
fn looks_opening(before: Option<char>, after: Option<char>) -> bool {
    let after_start = before.is_none_or(|c| c.is_whitespace() || "([{—–-/“‘\"'".contains(c));
    after_start && after.is_some_and(|c| !c.is_whitespace())
}

/// A closer follows a word or punctuation and comes before white space,
/// punctuation or the paragraph's end.
fn looks_closing(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(|c| !c.is_whitespace()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// Whether `rest`, the text after an apostrophe, starts with an elided word
/// ('em, 'til) or a decade ('90s).
fn is_elision(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    word.starts_with(|c: char| c.is_ascii_digit()) || ELISIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(paragraph: &str) -> Vec<&str> {
        Quotations::of(paragraph)
            .as_slice()
            .iter()
            .map(|quotation| &paragraph[quotation.inner.clone()])
            .collect()
    }

    #[test]
    fn curly_double_quotes_pair() {
        let text = "“Three people died,” the chief said. “It was awful.”";
        assert_eq!(quoted(text), ["Three people died,", "It was awful."]);
    }

    #[test]
    fn straight_double_quotes_pair() {
        let text = r#""From what I've seen and heard, he just took 'em by surprise," Anderson said. "It just all happened real fast.""#;
        assert_eq!(
            quoted(text),
            [
                "From what I've seen and heard, he just took 'em by surprise,",
                "It just all happened real fast."
            ]
        );
    }

    #[test]
    fn nested_single_quotes_inside_double() {
        let text = "“He told me ‘run,’ and I ran,” she said.";
        let quotations = Quotations::of(text);
        let inner: Vec<(&str, usize)> = quotations
            .as_slice()
            .iter()
            .map(|q| (&text[q.inner.clone()], q.depth))
            .collect();
        assert_eq!(inner, [("He told me ‘run,’ and I ran,", 0), ("run,", 1)]);
        let straight = r#""He yelled 'get down' and fired," a witness said."#;
        assert_eq!(
            quoted(straight),
            ["He yelled 'get down' and fired,", "get down"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        for text in [
            "The Smiths' house was hit in the '90s, and they don't know why.",
            "The Smiths’ house was hit in the ‘90s; it’s not clear why.",
            "She said they'd take 'em to the hospital.",
        ] {
            assert_eq!(quoted(text), Vec::<&str>::new(), "{text}");
        }
        let inside = "“We’ll take ’em in the ’90s style,” he said.";
        assert_eq!(quoted(inside), ["We’ll take ’em in the ’90s style,"]);
    }

    #[test]
    fn unclosed_quotation_runs_to_the_paragraph_end() {
        let text = "“The first shot hit the door. Then he came in.";
        let quotations = Quotations::of(text);
        let only = &quotations.as_slice()[0];
        assert_eq!((only.range.clone(), only.closed), (0..text.len(), false));
    }

    #[test]
    fn stray_closer_is_ignored() {
        assert_eq!(quoted("two were hurt,” he said."), Vec::<&str>::new());
    }

    #[test]
    fn innermost_quotation_at_a_byte() {
        let text = "He said “they yelled ‘fire’ twice” and left.";
        let quotations = Quotations::of(text);
        let at = |word: &str| {
            quotations
                .innermost_at(text.find(word).unwrap())
                .map(|q| q.depth)
        };
        assert_eq!(
            (at("fire"), at("twice"), at("left")),
            (Some(1), Some(0), None)
        );
    }
}
