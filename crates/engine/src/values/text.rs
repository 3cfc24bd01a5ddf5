//! Text folding: the `text` kind's canonical form, and the common preparation
//! every other kind reads from.

/// Inputs longer than this are not numbers, dates or amounts (and are not
/// worth scanning as such).
const MAX_NUMERIC_INPUT: usize = 512;

/// Leading characters dropped around a value: quotes and clause punctuation.
const LEADING_JUNK: &[char] = &[' ', '"', '\'', '`', ',', ';', ':'];
/// Trailing characters dropped around a value: quotes and sentence punctuation.
const TRAILING_JUNK: &[char] = &[' ', '"', '\'', '`', '.', ',', ';', ':', '!', '?'];

/// The `text` kind's canonical form: Unicode lower case, every run of white
/// space one space, surrounding quotes and punctuation (see [`trim_junk`])
/// dropped. `None` when nothing is left.
pub(super) fn fold(raw: &str) -> Option<String> {
    let mapped: String = raw.chars().filter_map(map_char).collect();
    let lower = mapped.to_lowercase();
    let collapsed = collapse_spaces(lower.chars());
    let trimmed = trim_junk(&collapsed);
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Lower-cased, space-folded, trimmed text for the numeric kinds; `None` when
/// too long to be a value of those kinds.
pub(super) fn prepare(raw: &str) -> Option<String> {
    if raw.len() > MAX_NUMERIC_INPUT {
        return None;
    }
    let chars = raw
        .chars()
        .filter_map(map_char)
        .flat_map(char::to_lowercase);
    let collapsed = collapse_spaces(chars);
    Some(trim_junk(&collapsed).to_owned())
}

/// Reads typographic variants as their ASCII forms, the way article text is
/// matched (SPEC §2): curly quotes, dashes and the minus sign, Unicode spaces;
/// drops soft hyphens and zero-width characters.
fn map_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

fn collapse_spaces(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in chars {
        if c == ' ' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Drops leading quotes and `, ; :`, trailing quotes and `. , ; : ! ?`, and
/// brackets that enclose the whole text (`(a) b (c)` keeps its brackets), until
/// none is left to drop.
fn trim_junk(s: &str) -> &str {
    let mut s = s
        .trim_start_matches(LEADING_JUNK)
        .trim_end_matches(TRAILING_JUNK);
    while let Some(inner) = strip_enclosing_brackets(s) {
        s = inner
            .trim_start_matches(LEADING_JUNK)
            .trim_end_matches(TRAILING_JUNK);
    }
    s
}

fn strip_enclosing_brackets(s: &str) -> Option<&str> {
    let open = s.chars().next()?;
    let close = match open {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        _ => return None,
    };
    let inner = s.strip_prefix(open)?.strip_suffix(close)?;
    // The opening bracket must be the one the last bracket closes.
    let mut depth = 1usize;
    for c in inner.chars() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return None;
            }
        }
    }
    (depth == 1).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Option<String> {
        fold(s)
    }

    #[test]
    fn folds_case_and_space() {
        assert_eq!(f("Primary Cloud").as_deref(), Some("primary cloud"));
        assert_eq!(
            f("  PRIMARY \t\n cloud  ").as_deref(),
            Some("primary cloud")
        );
        assert_eq!(
            f("Primary\u{00A0}\u{2009}cloud").as_deref(),
            Some("primary cloud")
        );
        assert_eq!(f("ÉCOLE Straße").as_deref(), Some("école straße"));
        assert_eq!(f("ΟΔΟΣ").as_deref(), Some("οδος"), "final sigma");
        assert_eq!(f("soft\u{00AD}ware").as_deref(), Some("software"));
    }

    #[test]
    fn trims_quotes_punctuation_and_enclosing_brackets() {
        assert_eq!(
            f("\u{201C}Primary cloud.\u{201D}").as_deref(),
            Some("primary cloud")
        );
        assert_eq!(f("'primary cloud',").as_deref(), Some("primary cloud"));
        assert_eq!(f("primary cloud?!").as_deref(), Some("primary cloud"));
        assert_eq!(f("(primary cloud)").as_deref(), Some("primary cloud"));
        assert_eq!(f("[(\"primary\")]").as_deref(), Some("primary"));
        assert_eq!(f("(a) b (c)").as_deref(), Some("(a) b (c)"));
        assert_eq!(f("(a (b))").as_deref(), Some("a (b)"));
        assert_eq!(f("C++").as_deref(), Some("c++"));
        assert_eq!(f(".NET").as_deref(), Some(".net"));
        assert_eq!(f("U.S.").as_deref(), Some("u.s"));
        assert_eq!(
            f("well-known \u{2014} partner").as_deref(),
            Some("well-known - partner")
        );
    }

    #[test]
    fn empty_text_is_none() {
        for s in ["", "   ", "\"\"", "...", "()", "( . )", "\u{200B}"] {
            assert_eq!(f(s), None, "{s:?}");
        }
    }

    #[test]
    fn folding_is_idempotent() {
        for s in [
            "  \"The Primary Cloud.\" ",
            "İstanbul",
            "ΟΔΟΣ ΟΔΟΣ.",
            "((x))",
            "'(x)'",
            "(\"x\".)",
            "ǅ ǈ ǋ",
            "ﬁ ß ẞ",
        ] {
            let once = f(s).unwrap();
            assert_eq!(f(&once).as_deref(), Some(once.as_str()), "{s:?}");
        }
    }

    #[test]
    fn prepare_lowercases_and_bounds_length() {
        assert_eq!(prepare(" US$ 13\u{2009}BN. ").as_deref(), Some("us$ 13 bn"));
        assert_eq!(prepare("\u{2212}5").as_deref(), Some("-5"));
        assert_eq!(prepare(&"9".repeat(MAX_NUMERIC_INPUT + 1)), None);
    }
}
