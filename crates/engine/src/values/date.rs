//! Dates and years: calendar validation and day counts, without a date crate.
//!
//! Date forms read (any case, after the preparation of [`super::text`]):
//!
//! - year first, all digits: `2026-04-28`, `2026-4-28`, `2026/04/28`, `2026.04.28`;
//! - year last, all digits, one separator of `/ . -`: `28/04/2026`, `28.04.2026`,
//!   `28-04-2026`, `28/04/26` (2026): day first under [`DateOrder::Dmy`], month
//!   first under [`DateOrder::Mdy`], the other way when only that is a real date;
//! - month names, full or abbreviated (`Apr.`, `Sept`), with a four-digit year:
//!   `April 28, 2026`, `28 April 2026`, `28th April 2026`, `April 28th, 2026`,
//!   `the 28th of April, 2026`, `on 28 April 2026`, `28-Apr-2026`,
//!   `2026 April 28`; a leading weekday (`Tuesday,`) is ignored, not checked.

use std::fmt;

use super::number;
use super::DateOrder;

/// A valid proleptic Gregorian date with a four-digit year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct CivilDate {
    year: i32,
    month: u32,
    day: u32,
}

impl CivilDate {
    /// The date, if it exists in the calendar (no 30 February, 29 February in
    /// leap years only) and its year has four digits.
    fn new(year: i32, month: u32, day: u32) -> Option<CivilDate> {
        let valid = (0..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(CivilDate { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's
    /// `days_from_civil`.
    pub(super) fn days(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The single four-digit run from 1000 to 2999 in `s` (`2032`, `in 2032`,
/// `FY2032`); `None` when there is none or more than one. Text without any
/// digit may spell the year (`two thousand and thirty-two`).
pub(super) fn parse_year(s: &str) -> Option<i32> {
    let mut runs = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .peekable();
    if runs.peek().is_none() {
        let n = number::parse(s)?;
        return (n.fract() == 0.0 && (1000.0..=2999.0).contains(&n)).then_some(n as i32);
    }
    let mut years = runs
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse::<i32>().ok())
        .filter(|year| (1000..=2999).contains(year));
    let year = years.next()?;
    years.next().is_none().then_some(year)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    Digits(&'a str),
    Word(&'a str),
    Punct(char),
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_digit() {
            let len = rest.bytes().take_while(u8::is_ascii_digit).count();
            out.push(Token::Digits(&rest[..len]));
            len
        } else if c.is_alphabetic() {
            let len: usize = rest
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            out.push(Token::Word(&rest[..len]));
            len
        } else {
            if c != ' ' {
                out.push(Token::Punct(c));
            }
            c.len_utf8()
        };
        rest = &rest[len..];
    }
    out
}

/// `s` if it is a date in its canonical form (`2026-04-28`, as corpora write
/// front matter dates), read without [`parse_date`]'s tokens: what that
/// reads it as, at a small part of the cost.
pub(super) fn parse_canonical(s: &str) -> Option<CivilDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = s.as_bytes() else {
        return None;
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0, |n, &digit| {
            digit
                .is_ascii_digit()
                .then(|| n * 10 + u32::from(digit - b'0'))
        })
    };
    CivilDate::new(
        number(&[y0, y1, y2, y3])? as i32,
        number(&[m0, m1])?,
        number(&[d0, d1])?,
    )
}

/// Reads a date in one of the forms in the module documentation.
pub(super) fn parse_date(s: &str, order: DateOrder) -> Option<CivilDate> {
    let tokens = tokens(s);
    numeric_date(&tokens, order).or_else(|| named_month_date(&tokens))
}

fn numeric_date(tokens: &[Token<'_>], order: DateOrder) -> Option<CivilDate> {
    let [Token::Digits(a), Token::Punct(sep), Token::Digits(b), Token::Punct(sep2), Token::Digits(c)] =
        *tokens
    else {
        return None;
    };
    if sep != sep2 || !matches!(sep, '/' | '.' | '-') {
        return None;
    }
    let short = |s: &str| (1..=2).contains(&s.len());
    let num = |s: &str| s.parse::<u32>().ok();
    if a.len() == 4 && short(b) && short(c) {
        return CivilDate::new(a.parse().ok()?, num(b)?, num(c)?);
    }
    if !short(a) || !short(b) || !matches!(c.len(), 2 | 4) {
        return None;
    }
    let year: i32 = c.parse().ok()?;
    // Two-digit years are this century's: 28/04/26 is 2026.
    let year = if c.len() == 2 { 2000 + year } else { year };
    let (first, second) = (num(a)?, num(b)?);
    let (day_month, month_day) = (
        CivilDate::new(year, second, first),
        CivilDate::new(year, first, second),
    );
    match order {
        DateOrder::Dmy => day_month.or(month_day),
        DateOrder::Mdy => month_day.or(day_month),
    }
}

fn named_month_date(tokens: &[Token<'_>]) -> Option<CivilDate> {
    // Keep the month, the numbers and any other word; drop separators,
    // ordinal suffixes, a leading weekday, and "on", "the", "of".
    let mut kept: Vec<Token<'_>> = Vec::with_capacity(tokens.len());
    for (i, &token) in tokens.iter().enumerate() {
        match token {
            Token::Punct(',' | '.' | '-' | '/') => {}
            Token::Punct(_) => return None,
            Token::Word("st" | "nd" | "rd" | "th")
                if i > 0 && matches!(tokens[i - 1], Token::Digits(d) if d.len() <= 2) => {}
            Token::Word("on" | "the" | "of") => {}
            Token::Word(w) if kept.is_empty() && is_weekday(w) => {}
            _ => kept.push(token),
        }
    }
    let day = |d: &str| (d.len() <= 2).then(|| d.parse::<u32>().ok()).flatten();
    let year = |y: &str| (y.len() == 4).then(|| y.parse::<i32>().ok()).flatten();
    let (y, m, d) = match *kept.as_slice() {
        [Token::Digits(y), Token::Word(m), Token::Digits(d)] if y.len() == 4 => (y, m, d),
        [Token::Word(m), Token::Digits(d), Token::Digits(y)]
        | [Token::Digits(d), Token::Word(m), Token::Digits(y)] => (y, m, d),
        _ => return None,
    };
    let (y, m, d) = (year(y)?, month(m)?, day(d)?);
    CivilDate::new(y, m, d)
}

fn month(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn is_weekday(word: &str) -> bool {
    matches!(
        word,
        "monday"
            | "mon"
            | "tuesday"
            | "tue"
            | "tues"
            | "wednesday"
            | "wed"
            | "thursday"
            | "thu"
            | "thur"
            | "thurs"
            | "friday"
            | "fri"
            | "saturday"
            | "sat"
            | "sunday"
            | "sun"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::text::prepare;

    fn date(s: &str, order: DateOrder) -> Option<String> {
        parse_date(&prepare(s)?, order).map(|d| d.to_string())
    }

    #[test]
    fn canonical_dates_read_as_any_other() {
        let samples = [
            "2019-10-28",
            "2020-02-29",
            "2019-02-29",
            "0000-01-01",
            "9999-12-31",
            "2019-13-01",
            "2019-00-10",
            "2019-10-00",
            "2019-1a-01",
        ];
        for sample in samples {
            let canonical = parse_canonical(sample);
            assert_eq!(
                canonical,
                parse_date(&prepare(sample).unwrap(), DateOrder::Dmy),
                "{sample}"
            );
            // Shown as written.
            assert!(
                canonical.is_none_or(|date| date.to_string() == sample),
                "{sample}"
            );
        }
        for other in [
            "2019-1-28",
            "2019/10/28",
            " 2019-10-28",
            "28-10-2019",
            "2019-10-28 ",
            "２019-10-28",
        ] {
            assert_eq!(parse_canonical(other), None, "{other}");
        }
    }

    fn dmy(s: &str) -> Option<String> {
        date(s, DateOrder::Dmy)
    }

    fn year(s: &str) -> Option<i32> {
        parse_year(&prepare(s)?)
    }

    #[test]
    fn reads_the_spec_forms_alike() {
        for s in [
            "2026-04-28",
            "2026-4-28",
            "2026/04/28",
            "April 28, 2026",
            "april 28 2026",
            "APRIL 28, 2026.",
            "Apr. 28, 2026",
            "Apr 28, 2026",
            "28 April 2026",
            "28 Apr 2026",
            "28th April 2026",
            "28th April, 2026",
            "April 28th, 2026",
            "the 28th of April, 2026",
            "on Tuesday, April 28, 2026",
            "28/04/2026",
            "28.04.2026",
            "28-04-2026",
            "28/4/2026",
            "28/04/26",
            "28-Apr-2026",
            "2026 April 28",
            "Tuesday, April 28, 2026",
            "Tue, 28 April 2026",
            "Tues. April 28, 2026",
            "(April 28, 2026)",
        ] {
            assert_eq!(dmy(s).as_deref(), Some("2026-04-28"), "{s:?}");
        }
    }

    #[test]
    fn date_order_decides_ambiguous_numeric_dates() {
        assert_eq!(dmy("04/05/2026").as_deref(), Some("2026-05-04"));
        assert_eq!(
            date("04/05/2026", DateOrder::Mdy).as_deref(),
            Some("2026-04-05")
        );
        assert_eq!(
            date("28/04/2026", DateOrder::Mdy).as_deref(),
            Some("2026-04-28")
        );
        assert_eq!(dmy("04/28/2026").as_deref(), Some("2026-04-28"));
        assert_eq!(
            date("04/28/2026", DateOrder::Mdy).as_deref(),
            Some("2026-04-28")
        );
        // Year-first and named-month dates do not depend on the order.
        assert_eq!(
            date("2026-04-05", DateOrder::Mdy).as_deref(),
            Some("2026-04-05")
        );
        assert_eq!(
            date("5 April 2026", DateOrder::Mdy).as_deref(),
            Some("2026-04-05")
        );
    }

    #[test]
    fn validates_the_calendar() {
        assert_eq!(dmy("29 February 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(dmy("2000-02-29").as_deref(), Some("2000-02-29"));
        assert_eq!(dmy("31/12/2026").as_deref(), Some("2026-12-31"));
        for s in [
            "30 February 2024",
            "29 February 2026",
            "1900-02-29",
            "31 April 2026",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-01-32",
            "32/13/2026",
            "00/00/0000",
            "April 0, 2026",
        ] {
            assert_eq!(dmy(s), None, "{s:?}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_full_date() {
        for s in [
            "",
            "April 28",
            "April 2026",
            "28 April",
            "2026",
            "28/04",
            "April 28, 26",
            "April 28, '26",
            "28/04-2026",
            "28:04:2026",
            "2026-04-28T10:00",
            "April 28, 2026 at noon",
            "Monday",
            "Smarch 28, 2026",
            "April 28 April 2026",
            "April 123, 2026",
            "April 28, 20260",
            "28 of the April 2026 at",
            "28/04/202",
            "123/04/2026",
            "2026-004-28",
            "-2026-04-28",
            "Tuesday 28 Tuesday April 2026",
        ] {
            assert_eq!(dmy(s), None, "{s:?}");
        }
    }

    #[test]
    fn counts_days_from_the_epoch() {
        let days = |y, m, d| CivilDate::new(y, m, d).unwrap().days();
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(1970, 1, 2), 1);
        assert_eq!(days(1969, 12, 31), -1);
        assert_eq!(days(2000, 3, 1), 11_017);
        assert_eq!(days(2026, 4, 28), 20_571);
        assert_eq!(days(2024, 3, 1) - days(2024, 2, 28), 2);
        assert_eq!(days(2023, 3, 1) - days(2023, 2, 28), 1);
        assert_eq!(days(0, 1, 1), -719_528);
        assert_eq!(days(9999, 12, 31), 2_932_896);
        // Consecutive calendar days are one day apart, over four centuries.
        let mut previous = days(1799, 12, 31);
        for year in 1800..2201 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    let today = days(year, month, day);
                    assert_eq!(today, previous + 1, "{year}-{month}-{day}");
                    previous = today;
                }
            }
        }
    }

    #[test]
    fn years() {
        for (s, want) in [
            ("2032", 2032),
            ("in 2032", 2032),
            ("FY2032", 2032),
            ("fiscal 2032", 2032),
            ("through 2032.", 2032),
            ("1000", 1000),
            ("2999", 2999),
            ("April 28, 2032", 2032),
            ("two thousand and thirty-two", 2032),
            ("nineteen hundred and eighty-four", 1984),
        ] {
            assert_eq!(year(s), Some(want), "{s:?}");
        }
        for s in [
            "",
            "'32",
            "32",
            "999",
            "3000",
            "20320",
            "2031-2032",
            "2031 and 2032",
            "1,200",
            "two",
            "two thousand and a half",
            "year",
            "2,032",
        ] {
            assert_eq!(year(s), None, "{s:?}");
        }
    }
}
