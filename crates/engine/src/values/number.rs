//! Numbers: digits with thousands separators, number words and scale words;
//! shared by the `number`, `percent`, `year` and `money` kinds.
//!
//! Input comes from the preparation of [`super::text`]: lower case, single spaces, ASCII
//! dashes, trimmed.

/// Magnitudes above this are rejected: no article states them, and their
/// canonical digits would be noise.
const MAX_MAGNITUDE: f64 = 1e21;

/// Reads a number: an optional sign, then digits with optional scale words
/// (`1,200`, `1.2 million`, `13bn`) or number words (`forty-nine`,
/// `a dozen`). Finite, at most 1e21 in magnitude, never `-0`.
pub(super) fn parse(s: &str) -> Option<f64> {
    let (negative, body) = split_sign(s);
    let starts_numeric = body.starts_with(|c: char| c.is_ascii_digit())
        || (body.starts_with('.') && body[1..].starts_with(|c: char| c.is_ascii_digit()));
    let magnitude = if starts_numeric {
        parse_digits(body)?
    } else {
        parse_words(body)?
    };
    if !magnitude.is_finite() || magnitude > MAX_MAGNITUDE {
        return None;
    }
    // `+ 0.0` turns -0 into 0, so "-0" and "0" print alike.
    Some(if negative { -magnitude } else { magnitude } + 0.0)
}

/// Reads a percentage: a number followed by `%`, `percent`, `per cent`, `pct`
/// or `pc` (`49%`, `49 per cent`, `a 49-percent`), or a bare number whose unit
/// the extract pattern left outside the value.
pub(super) fn parse_percent(s: &str) -> Option<f64> {
    const UNITS: &[&str] = &["per cent", "per-cent", "percent", "pct", "pc", "%"];
    for unit in UNITS {
        if let Some(rest) = s.strip_suffix(unit) {
            let attached = rest.ends_with(|c: char| c.is_ascii_digit() || c == ' ' || c == '-');
            if *unit == "%" || attached {
                return parse(rest.trim_end_matches([' ', '-']));
            }
        }
    }
    parse(s)
}

/// The shortest decimal that reads back as `n`, without exponent or `.0`
/// (`1200`, `1.5`, `13000000000`, `0.0000001`).
pub(super) fn format(n: f64) -> String {
    // `Display` for f64 is the shortest round-tripping decimal and never uses
    // exponent notation; integral values print without a fraction.
    format!("{n}")
}

fn split_sign(s: &str) -> (bool, &str) {
    for (prefix, negative) in [
        ("-", true),
        ("+", false),
        ("minus ", true),
        ("negative ", true),
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return (negative, rest);
        }
    }
    (false, s)
}

/// Digits, then scale words: `1,200`, `1 200`, `12,34,567`, `1.5`, `.5`,
/// `1.2 million`, `13bn`, `$1.2-million`, `2 dozen`.
fn parse_digits(s: &str) -> Option<f64> {
    let (mantissa, rest) = literal(s)?;
    let mut exponent: i32 = 0;
    let mut dozens: i32 = 0;
    for word in rest.split([' ', '-']).filter(|w| !w.is_empty()) {
        if word == "dozen" {
            dozens += 1;
        } else {
            exponent += scale_abbreviation(word).or_else(|| scale_word(word))?;
        }
    }
    // Scaling the decimal text (not the float) keeps `1.2 million` exact.
    let n: f64 = format!("{mantissa}e{exponent}").parse().ok()?;
    Some(n * 12f64.powi(dozens))
}

/// The decimal literal at the start of `s` without its separators, and what
/// follows it. `None` when the digits are grouped wrongly (`1,20`, `1,2000`).
fn literal(s: &str) -> Option<(String, &str)> {
    let bytes = s.as_bytes();
    let digits_from = |start: usize| {
        start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
    };
    let mut end = digits_from(0);
    let first_len = end;
    let mut mantissa = String::from(&s[..end]);
    let mut separator: Option<u8> = None;
    let mut groups: Vec<usize> = Vec::new();
    while first_len > 0 && end < bytes.len() && matches!(bytes[end], b',' | b' ') {
        let sep = bytes[end];
        if separator.is_some_and(|seen| seen != sep) {
            break;
        }
        let group_end = digits_from(end + 1);
        let len = group_end - end - 1;
        if sep == b' ' && len != 3 {
            // "1 million", "1 2": not a thousands group; let the caller judge.
            break;
        }
        if len == 0 {
            break;
        }
        separator = Some(sep);
        groups.push(len);
        mantissa.push_str(&s[end + 1..group_end]);
        end = group_end;
    }
    if let Some((last, inner)) = groups.split_last() {
        let western = first_len <= 3 && groups.iter().all(|&g| g == 3);
        let indian = separator == Some(b',')
            && first_len <= 2
            && *last == 3
            && !inner.is_empty()
            && inner.iter().all(|&g| g == 2);
        if !western && !indian {
            return None;
        }
    }
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let fraction_end = digits_from(end + 1);
        mantissa.push_str(&s[end..fraction_end]);
        end = fraction_end;
    }
    (!mantissa.is_empty()).then(|| (mantissa, &s[end..]))
}

/// Scale abbreviations read only after digits (`13bn`, `5k`, `2.5m`): powers of ten.
fn scale_abbreviation(word: &str) -> Option<i32> {
    Some(match word {
        "k" => 3,
        "m" | "mn" | "mln" | "mm" | "mil" => 6,
        "b" | "bn" | "bln" => 9,
        "t" | "tn" | "trn" => 12,
        "lakhs" | "lacs" | "lac" => 5,
        "crores" | "cr" => 7,
        _ => return None,
    })
}

/// Scale words, after digits or number words: powers of ten.
fn scale_word(word: &str) -> Option<i32> {
    Some(match word {
        "hundred" => 2,
        "thousand" => 3,
        "lakh" => 5,
        "million" => 6,
        "crore" => 7,
        "billion" => 9,
        "trillion" => 12,
        _ => return None,
    })
}

/// Scales that end a group of number words (`two thousand`, `a million`).
fn big_scale(word: &str) -> Option<i32> {
    scale_word(word).filter(|&e| e > 2)
}

fn ones(word: &str) -> Option<u32> {
    Some(match word {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        _ => return None,
    })
}

fn teens(word: &str) -> Option<u32> {
    Some(match word {
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens(word: &str) -> Option<u32> {
    Some(match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Number words: `two`, `forty-nine`, `forty nine`, `one hundred and twelve`,
/// `twelve hundred`, `a hundred`, `three thousand`, `a dozen`, `dozen`,
/// `two dozen`, `half a dozen`, `half a million`, `zero`. Groups must have
/// falling scales (`two million three thousand`); anything else is `None`.
fn parse_words(s: &str) -> Option<f64> {
    let words: Vec<&str> = s.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [] => None,
        ["zero"] | ["nil"] => Some(0.0),
        ["dozen"] => Some(12.0),
        ["half", "a" | "an", unit] => {
            let whole = if *unit == "dozen" {
                12.0
            } else {
                10f64.powi(scale_word(unit)?)
            };
            Some(whole / 2.0)
        }
        _ => compound(&words),
    }
}

fn compound(words: &[&str]) -> Option<f64> {
    let mut total: u128 = 0;
    let mut last_scale = i32::MAX;
    let mut i = 0;
    while i < words.len() {
        let first = i == 0;
        if !first && words[i] == "and" {
            i += 1;
        }
        let (group, next) = match small_group(words, i, first) {
            Some(found) => found,
            // A bare scale opens the phrase: "thousand", "million".
            None if first && big_scale(words[i]).is_some() => (1, i),
            None => return None,
        };
        i = next;
        match words.get(i) {
            Some(&"dozen") if first && i + 1 == words.len() => return Some(f64::from(group * 12)),
            Some(word) => {
                let scale = big_scale(word).filter(|&e| e < last_scale)?;
                total += u128::from(group) * 10u128.pow(scale as u32);
                last_scale = scale;
                i += 1;
            }
            None => total += u128::from(group),
        }
    }
    Some(total as f64)
}

/// A group below ten thousand at `words[i]`: `forty-nine`, `one hundred and
/// twelve`, `twelve hundred`, `a` (before a scale or `dozen`), and a bare
/// `hundred` when `first`. The value and the index after it.
fn small_group(words: &[&str], i: usize, first: bool) -> Option<(u32, usize)> {
    let word = |k: usize| words.get(k).copied().unwrap_or("");
    let mut value = 0;
    let mut j = i;
    let mut any = false;
    if matches!(word(j), "a" | "an") {
        let next = word(j + 1);
        if next != "hundred" && next != "dozen" && big_scale(next).is_none() {
            return None;
        }
        value = 1;
        j += 1;
        any = true;
    } else if let Some((n, k)) = below_hundred(words, j) {
        value = n;
        j = k;
        any = true;
    }
    if word(j) == "hundred" && (any || first) {
        value = if any { value * 100 } else { 100 };
        j += 1;
        any = true;
        let and = word(j) == "and";
        if let Some((n, k)) = below_hundred(words, j + usize::from(and)) {
            value += n;
            j = k;
        } else if and {
            // "one hundred and": no tens or units after the "and".
            return None;
        }
    }
    any.then_some((value, j))
}

/// `forty-nine`, `forty nine`, `forty`, `twelve`, `nine`.
fn below_hundred(words: &[&str], i: usize) -> Option<(u32, usize)> {
    let word = *words.get(i)?;
    if let Some(t) = tens(word) {
        match words.get(i + 1).and_then(|w| ones(w)) {
            Some(o) => Some((t + o, i + 2)),
            None => Some((t, i + 1)),
        }
    } else {
        teens(word).or_else(|| ones(word)).map(|n| (n, i + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<f64> {
        parse(&crate::values::text::prepare(s)?)
    }

    fn pct(s: &str) -> Option<f64> {
        parse_percent(&crate::values::text::prepare(s)?)
    }

    #[test]
    fn digits_and_separators() {
        for (s, want) in [
            ("1,200", 1200.0),
            ("1200", 1200.0),
            ("1 200", 1200.0),
            ("1\u{2009}200", 1200.0),
            ("1\u{202F}200\u{202F}300", 1_200_300.0),
            ("1,200,300", 1_200_300.0),
            ("12,34,567", 1_234_567.0),
            ("1,00,000", 100_000.0),
            ("1,200.50", 1200.5),
            ("1.5", 1.5),
            ("0.5", 0.5),
            (".5", 0.5),
            ("-3", -3.0),
            ("+3", 3.0),
            ("\u{2212}3", -3.0),
            ("minus 3", -3.0),
            ("-0", 0.0),
            ("007", 7.0),
            ("3.", 3.0),
            ("3,", 3.0),
            ("(3)", 3.0),
            (" \"3,000.\" ", 3000.0),
            ("1000000000000000000000", 1e21),
        ] {
            assert_eq!(n(s), Some(want), "{s:?}");
        }
        assert!(n("-0").unwrap().is_sign_positive());
    }

    #[test]
    fn bad_digits_are_none() {
        for s in [
            "1,20",
            "1,2000",
            "1,5",
            "1234,567",
            "1,200 300",
            "1 20",
            "2026 100",
            "1.2.3",
            "1..2",
            "1,,000",
            "1e9",
            "1e308",
            "10-12",
            "1/2",
            "3rd",
            "1st",
            "49%",
            "1,200,30",
            "12,34,56",
            "1000000100000000000000",
            "9999999999999999999999 billion",
            "$5",
        ] {
            assert_eq!(n(s), None, "{s:?}");
        }
    }

    #[test]
    fn scales_after_digits() {
        for (s, want) in [
            ("1.2 million", 1_200_000.0),
            ("1.2m", 1_200_000.0),
            ("1.2mn", 1_200_000.0),
            ("1.2-million", 1_200_000.0),
            ("13bn", 13e9),
            ("13 billion", 13e9),
            ("13B", 13e9),
            ("2.5m", 2_500_000.0),
            ("5k", 5000.0),
            ("5K", 5000.0),
            ("3 trillion", 3e12),
            ("3tn", 3e12),
            ("3 thousand", 3000.0),
            ("2 hundred thousand", 200_000.0),
            ("1 thousand million", 1e9),
            ("2 dozen", 24.0),
            ("5 lakh", 500_000.0),
            ("500 crore", 5e9),
            ("0.1 k", 100.0),
            ("1,200 million", 1.2e9),
        ] {
            assert_eq!(n(s), Some(want), "{s:?}");
        }
        assert_eq!(n("1.2 millions"), None);
        assert_eq!(n("1.2 gazillion"), None);
    }

    #[test]
    fn number_words() {
        for (s, want) in [
            ("two", 2.0),
            ("Two", 2.0),
            ("zero", 0.0),
            ("ten", 10.0),
            ("nineteen", 19.0),
            ("forty", 40.0),
            ("forty-nine", 49.0),
            ("forty nine", 49.0),
            ("one hundred and twelve", 112.0),
            ("one hundred twelve", 112.0),
            ("a hundred", 100.0),
            ("hundred", 100.0),
            ("three hundred", 300.0),
            ("twelve hundred", 1200.0),
            ("nineteen hundred and eighty-four", 1984.0),
            ("three thousand", 3000.0),
            ("a thousand", 1000.0),
            ("thousand", 1000.0),
            ("a million", 1e6),
            ("a hundred thousand", 100_000.0),
            ("two million three hundred thousand and five", 2_300_005.0),
            ("one thousand and five", 1005.0),
            ("a dozen", 12.0),
            ("dozen", 12.0),
            ("two dozen", 24.0),
            ("half a dozen", 6.0),
            ("half a million", 500_000.0),
            ("half a billion", 5e8),
            ("minus forty", -40.0),
            ("-two", -2.0),
            ("one crore twenty lakh", 12_000_000.0),
            ("nine hundred ninety-nine trillion", 999e12),
        ] {
            assert_eq!(n(s), Some(want), "{s:?}");
        }
    }

    #[test]
    fn non_numbers_are_none() {
        for s in [
            "",
            "a",
            "an",
            "and",
            "the",
            "third",
            "first",
            "twentieth",
            "dozens",
            "thousands",
            "hundreds",
            "about 50",
            "some",
            "two three",
            "forty fifty",
            "nine forty",
            "one hundred and",
            "and five",
            "two thousand three thousand",
            "thousand million",
            "million thousand million",
            "a a",
            "a two",
            "half",
            "half a",
            "half a two",
            "a dozen dozen",
            "one dozen thousand",
            "hundred hundred",
            "thousand hundred",
            "one point five",
            "1.5 thousand and two",
            "seven 5",
            "5 seven",
        ] {
            assert_eq!(n(s), None, "{s:?}");
        }
    }

    #[test]
    fn percents() {
        for (s, want) in [
            ("49%", 49.0),
            ("49 %", 49.0),
            ("49 percent", 49.0),
            ("49 Percent", 49.0),
            ("49 per cent", 49.0),
            ("49-percent", 49.0),
            ("49 pct", 49.0),
            ("49 pct.", 49.0),
            ("49pc", 49.0),
            ("forty-nine percent", 49.0),
            ("forty-nine per cent", 49.0),
            ("0.5%", 0.5),
            ("-2.25%", -2.25),
            ("49", 49.0),
            ("forty-nine", 49.0),
        ] {
            assert_eq!(pct(s), Some(want), "{s:?}");
        }
        for s in [
            "%",
            "percent",
            "49 percentage points",
            "49 per",
            "fourpercent",
            "49%%",
        ] {
            assert_eq!(pct(s), None, "{s:?}");
        }
    }

    #[test]
    fn formats_shortest_without_exponent() {
        assert_eq!(format(1200.0), "1200");
        assert_eq!(format(1.5), "1.5");
        assert_eq!(format(13e9), "13000000000");
        assert_eq!(format(1e21), "1000000000000000000000");
        assert_eq!(format(1e-7), "0.0000001");
        assert_eq!(format(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format(-3.0), "-3");
    }
}
