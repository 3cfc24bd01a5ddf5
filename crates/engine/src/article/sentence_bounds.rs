//! UAX #29 sentence boundaries, fast for ASCII text.
//!
//! `unicode-segmentation` looks every character up in the Unicode tables;
//! that made cutting sentences the costliest step of reading a corpus. On
//! ASCII text the Sentence_Break property is a small table, so the same
//! state machine (rules SB1–SB11, as that crate applies them) runs on bytes.
//! Other text goes to `unicode-segmentation`; a test checks both agree.

use unicode_segmentation::UnicodeSegmentation;

/// The sentence pieces of `text`, with their offsets, as
/// `split_sentence_bound_indices` gives them.
pub(crate) fn sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    if !text.is_ascii() {
        return text.split_sentence_bound_indices().collect();
    }
    let breaks = ascii_breaks(text.as_bytes());
    breaks
        .windows(2)
        .map(|pair| (pair[0], &text[pair[0]..pair[1]]))
        .collect()
}

/// The Sentence_Break property of an ASCII byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

/// The class of every byte, looked up rather than matched: it is asked for
/// every byte of every paragraph cut into sentences.
static CLASSES: [Class; 256] = {
    let mut classes = [Class::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = class_of(byte as u8);
        byte += 1;
    }
    classes
};

fn class(byte: u8) -> Class {
    CLASSES[byte as usize]
}

const fn class_of(byte: u8) -> Class {
    match byte {
        b'\r' => Class::Cr,
        b'\n' => Class::Lf,
        b'\t' | 0x0B | 0x0C | b' ' => Class::Sp,
        b'a'..=b'z' => Class::Lower,
        b'A'..=b'Z' => Class::Upper,
        b'0'..=b'9' => Class::Numeric,
        b'.' => Class::ATerm,
        b'!' | b'?' => Class::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Close,
        b',' | b'-' | b':' | b';' => Class::SContinue,
        _ => Class::Other,
    }
}

/// The last characters seen, with runs of Close and of Sp folded into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Start,
    Other,
    Cr,
    Lf,
    ATerm,
    Letter,
    Closes,
    Spaces,
    STerm,
}

#[derive(Clone, Copy)]
struct State([Part; 4]);

impl State {
    fn next(self, class: Class) -> State {
        let [_, b, c, d] = self.0;
        let part = match class {
            Class::Close if d == Part::Closes => return self,
            Class::Sp if d == Part::Spaces => return self,
            Class::Cr => Part::Cr,
            Class::Lf => Part::Lf,
            Class::ATerm => Part::ATerm,
            Class::Upper | Class::Lower => Part::Letter,
            Class::Close => Part::Closes,
            Class::Sp => Part::Spaces,
            Class::STerm => Part::STerm,
            Class::Numeric | Class::SContinue | Class::Other => Part::Other,
        };
        State([b, c, d, part])
    }

    fn last(self) -> Part {
        self.0[3]
    }

    /// The part before any trailing Closes and Spaces (`skip_spaces`), and
    /// before the Closes.
    fn before_closes(self, skip_spaces: bool) -> Part {
        let mut at = if skip_spaces && self.0[3] == Part::Spaces {
            2
        } else {
            3
        };
        if self.0[at] == Part::Closes {
            at -= 1;
        }
        self.0[at]
    }

    /// SATerm Close* Sp*
    fn after_terminator(self) -> bool {
        matches!(self.before_closes(true), Part::STerm | Part::ATerm)
    }
}

/// Break offsets (SB1 at 0, SB2 at the end) of ASCII `text`.
fn ascii_breaks(text: &[u8]) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut state = State([Part::Start; 4]);
    let mut at = 0;
    while at < text.len() {
        // Words, spaces and brackets after a word: every rule that breaks
        // needs a terminator, a line break or the start before the byte, and
        // none is within reach (a rule looks back over at most one run of
        // spaces and one of closing brackets), so the state just moves on.
        if matches!(state.last(), Part::Letter | Part::Other) {
            while let Some(class) = text.get(at).map(|&byte| class(byte)) {
                if matches!(class, Class::ATerm | Class::STerm | Class::Cr | Class::Lf) {
                    break;
                }
                state = state.next(class);
                at += 1;
            }
            if at == text.len() {
                break;
            }
        }
        let byte = text[at];
        let before = state;
        let class = class(byte);
        state = state.next(class);
        let breaks_here = match class {
            // SB1
            _ if before.last() == Part::Start => true,
            // SB3
            Class::Lf if before.last() == Part::Cr => false,
            // SB4
            _ if matches!(before.last(), Part::Cr | Part::Lf) => true,
            // SB6
            Class::Numeric if before.last() == Part::ATerm => false,
            // SB7
            Class::Upper if before.0[2] == Part::Letter && before.0[3] == Part::ATerm => false,
            // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower
            _ if before.before_closes(true) == Part::ATerm && lower_ahead(&text[at..]) => false,
            // SB8a
            Class::SContinue | Class::STerm | Class::ATerm if before.after_terminator() => false,
            // SB9
            Class::Close | Class::Sp | Class::Cr | Class::Lf
                if matches!(before.before_closes(false), Part::STerm | Part::ATerm) =>
            {
                false
            }
            // SB10
            Class::Sp | Class::Cr | Class::Lf if before.after_terminator() => false,
            // SB11: SATerm Close* Sp* ParaSep? ÷
            _ => {
                let mut at = if matches!(before.last(), Part::Cr | Part::Lf) {
                    2
                } else {
                    3
                };
                if before.0[at] == Part::Spaces {
                    at -= 1;
                }
                if before.0[at] == Part::Closes {
                    at -= 1;
                }
                matches!(before.0[at], Part::STerm | Part::ATerm)
            }
        };
        if breaks_here {
            breaks.push(at);
        }
        at += 1;
    }
    if !text.is_empty() {
        breaks.push(text.len()); // SB2
    }
    breaks
}

/// Whether a lower-case letter comes before any upper-case letter, line
/// break or terminator.
fn lower_ahead(text: &[u8]) -> bool {
    for &byte in text {
        match class(byte) {
            Class::Lower => return true,
            Class::Upper | Class::Cr | Class::Lf | Class::STerm | Class::ATerm => return false,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.split_sentence_bound_indices().collect()
    }

    #[test]
    fn agrees_with_unicode_segmentation_on_sentences() {
        for text in [
            "",
            "One. Two! Three? Four",
            "Mr. Smith met Dr. Jones in the U.S. on Jan. 5 at 5 p.m. The end.",
            "\"We will win.\" He left. 'Fine.' She stayed.",
            "He said (quietly.) then left.  Twice!!  ok?? yes.\tTab.\r\nNext line\nend",
            "3.14 is pi. e.g. this. etc.) and [so.] on...",
            "why?Because. A.B.C. d.e.f. X. y",
        ] {
            assert_eq!(sentence_bounds(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn agrees_with_unicode_segmentation_on_random_ascii() {
        // Short strings over punctuation, letters, digits and spaces, where
        // the rules meet; and now and then any ASCII byte.
        const ALPHABET: &[u8] = b"aaZZ11..!?\"'()[]{},-:;  \t\r\n#$";
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut random = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300_000 {
            let len = (random() % 24) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = random();
                    if r % 10 == 0 {
                        (r >> 8) as u8 & 0x7F
                    } else {
                        ALPHABET[(r >> 8) as usize % ALPHABET.len()]
                    }
                })
                .collect();
            let text = String::from_utf8(bytes).unwrap();
            assert_eq!(sentence_bounds(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn other_text_goes_to_unicode_segmentation() {
        let text = "Café ouvert. Ça va? Oui.";
        assert_eq!(sentence_bounds(text), reference(text));
    }
}
