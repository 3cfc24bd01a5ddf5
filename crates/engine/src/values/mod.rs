//! Values extracted from statements and their normalization (SPEC §3 "Values").
//!
//! A rule's `extract` names the text of a value; [`parse`] reads that text
//! as the rule's [`ValueKind`] and gives a [`Value`] whose [`Value::canonical`]
//! form is what every output prints, and which [`Value::agrees`] compares
//! within the rule's tolerance.
//!
//! Readings, where the spec leaves room:
//!
//! - Input is lower-cased and its white space folded first; leading quotes and
//!   `, ; :`, trailing quotes and `. , ; : ! ?`, and one or more pairs of
//!   brackets around the whole text are dropped (`"49%."` reads as `49%`).
//! - **number**: `,` groups thousands (groups of three, or the Indian
//!   `12,34,567`); a space groups thousands only before exactly three digits;
//!   `.` is always the decimal point. Number words up to trillions (`zero`,
//!   `one hundred and twelve`, `twelve hundred`, `a dozen`, `half a million`,
//!   `minus three`); scale words and abbreviations after digits (`1.2 million`,
//!   `13bn`, `5k`, `2.5m`, `$1.2-million`, `3 crore`). Ordinals (`third`, `3rd`), vague
//!   plurals (`dozens`, `thousands`), hedges (`about 50`), ranges (`10-12`),
//!   exponent notation (`1e9`) and a bare `a`/`an` are not numbers. Magnitudes
//!   above 1e21 are rejected.
//! - **percent**: a number followed by `%`, `percent`, `per cent`, `pct` or `pc`,
//!   or a bare number (the unit lay outside the `value` group).
//!   Percentage points are not read.
//! - **year**: the only four-digit run 1000–2999 in the text (`in 2032`,
//!   `FY2032`); none or several is `None`. With no digits at all, number words
//!   that make a whole year (`two thousand and thirty-two`).
//! - **date**: the forms are listed in `date.rs`; two-digit years in numeric
//!   dates are 2000 + yy; a numeric date invalid in the configured order but
//!   valid in the other (`04/28/2026` under `dmy`) is read in the other; the
//!   weekday is ignored, not checked; a date without a year is `None`.
//! - **money**: a currency symbol, ISO code or currency word is required; a bare
//!   `$` is USD, `¥` is JPY.
//! - **text**: Unicode lower case, white space folded, the punctuation above
//!   trimmed; the empty string is `None`.

pub mod date;
pub mod money;
pub mod number;
pub mod text;

use std::fmt;

/// The kind of an extracted value (`extract.kind`): how its text is read and
/// compared.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A plain number (`1.2 million`, `twelve`).
    Number,
    /// A percentage (`49%`, `49 per cent`); a bare number is read as one.
    Percent,
    /// A year (`in 2032`, `FY2032`).
    Year,
    /// A calendar date with its year (`28 April 2026`, `2026-04-28`).
    Date,
    /// An amount with its currency (`$13bn`, `5 million euros`).
    Money,
    /// Any other text, compared after folding case, white space and edge punctuation (the default).
    #[default]
    Text,
}

/// How an all-numeric date with the year last (`04/05/2026`) is read:
/// day first (the default) or month first (config `date_order: mdy`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day first: `04/05/2026` is 4 May 2026 (the default).
    #[default]
    Dmy,
    /// Month first: `04/05/2026` is 5 April 2026 (`date_order: mdy`).
    Mdy,
}

/// A normalized value: its kind, the canonical text every output shows, and
/// what comparisons need (a magnitude and, for money, a currency).
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// The kind it was read as.
    pub kind: ValueKind,
    canonical: String,
    /// number, percent, year: the value; date: days since 1970-01-01;
    /// money: the amount; text: 0.
    magnitude: f64,
    /// ISO 4217 code, money only.
    currency: Option<&'static str>,
}

impl Value {
    /// The normalized form SPEC §3 prints: number `1200`, `1.5` (shortest
    /// decimal); percent `49%`; year `2032`; date `2026-04-28`; money
    /// `13000000000 USD`; text case- and space-folded.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// Whether two values of the same kind agree within `tolerance`: the
    /// absolute difference for numeric kinds (number, percent, year in years,
    /// date in days, money in amount with the same currency required); text
    /// needs equal folded strings and ignores the tolerance. Different kinds
    /// never agree. A negative or NaN tolerance counts as 0.
    pub fn agrees(&self, other: &Value, tolerance: f64) -> bool {
        if self.kind != other.kind {
            return false;
        }
        match self.kind {
            ValueKind::Text => self.canonical == other.canonical,
            _ => {
                if self.currency != other.currency {
                    return false;
                }
                let tolerance = if tolerance >= 0.0 { tolerance } else { 0.0 };
                let (a, b) = (self.magnitude, other.magnitude);
                let diff = (a - b).abs();
                // Absorb binary rounding (1.3 - 1.2 > 0.1) without letting
                // distinct decimals of realistic size agree.
                let slack = 1e-12 * a.abs().max(b.abs()).max(1.0);
                diff <= tolerance + slack
            }
        }
    }

    /// The numeric magnitude compared by [`Value::agrees`]: the number, the
    /// percentage, the year, the money amount, or a date's days since
    /// 1970-01-01. `None` for text.
    pub fn magnitude(&self) -> Option<f64> {
        (self.kind != ValueKind::Text).then_some(self.magnitude)
    }

    /// The ISO 4217 code of a money value (`USD`); `None` for other kinds.
    pub fn currency(&self) -> Option<&'static str> {
        self.currency
    }

    fn numeric(kind: ValueKind, magnitude: f64, canonical: String) -> Value {
        Value {
            kind,
            canonical,
            magnitude,
            currency: None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

/// Reads the raw text of an extracted `value` group as a value of `kind`,
/// normalized to its canonical form; None when it cannot be read so.
pub fn parse(kind: ValueKind, raw: &str, order: DateOrder) -> Option<Value> {
    if kind == ValueKind::Text {
        let folded = text::fold(raw)?;
        return Some(Value {
            kind,
            canonical: folded,
            magnitude: 0.0,
            currency: None,
        });
    }
    if kind == ValueKind::Date {
        if let Some(date) = date::parse_canonical(raw) {
            // Shown as written.
            return Some(Value::numeric(kind, date.days() as f64, raw.to_owned()));
        }
    }
    let s = text::prepare(raw)?;
    match kind {
        ValueKind::Number => {
            let n = number::parse(&s)?;
            Some(Value::numeric(kind, n, number::format(n)))
        }
        ValueKind::Percent => {
            let n = number::parse_percent(&s)?;
            Some(Value::numeric(kind, n, format!("{}%", number::format(n))))
        }
        ValueKind::Year => {
            let y = date::parse_year(&s)?;
            Some(Value::numeric(kind, f64::from(y), y.to_string()))
        }
        ValueKind::Date => {
            let d = date::parse_date(&s, order)?;
            Some(Value::numeric(kind, d.days() as f64, d.to_string()))
        }
        ValueKind::Money => {
            let (amount, code) = money::parse(&s)?;
            Some(Value {
                kind,
                canonical: format!("{} {code}", number::format(amount)),
                magnitude: amount,
                currency: Some(code),
            })
        }
        ValueKind::Text => unreachable!("handled above"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(kind: ValueKind, raw: &str) -> Option<String> {
        parse(kind, raw, DateOrder::Dmy).map(|v| v.canonical().to_owned())
    }

    fn val(kind: ValueKind, raw: &str) -> Value {
        parse(kind, raw, DateOrder::Dmy)
            .unwrap_or_else(|| panic!("{kind:?} {raw:?} should normalize"))
    }

    const ALL_KINDS: [ValueKind; 6] = [
        ValueKind::Number,
        ValueKind::Percent,
        ValueKind::Year,
        ValueKind::Date,
        ValueKind::Money,
        ValueKind::Text,
    ];

    #[test]
    fn serde_names_are_lowercase() {
        let kinds: Vec<ValueKind> =
            serde_json::from_str(r#"["number","percent","year","date","money","text"]"#).unwrap();
        assert_eq!(kinds, ALL_KINDS);
        assert_eq!(
            serde_json::to_string(&ValueKind::Money).unwrap(),
            r#""money""#
        );
        assert_eq!(serde_json::to_string(&DateOrder::Mdy).unwrap(), r#""mdy""#);
        assert_eq!(
            serde_json::from_str::<DateOrder>(r#""dmy""#).unwrap(),
            DateOrder::Dmy
        );
        assert_eq!(ValueKind::default(), ValueKind::Text);
        assert_eq!(DateOrder::default(), DateOrder::Dmy);
    }

    #[test]
    fn canonical_forms_print_as_the_spec_says() {
        assert_eq!(canon(ValueKind::Number, "1,200").as_deref(), Some("1200"));
        assert_eq!(canon(ValueKind::Number, "1.5").as_deref(), Some("1.5"));
        assert_eq!(
            canon(ValueKind::Percent, "49 percent").as_deref(),
            Some("49%")
        );
        assert_eq!(canon(ValueKind::Year, "2032").as_deref(), Some("2032"));
        assert_eq!(
            canon(ValueKind::Date, "April 28, 2026").as_deref(),
            Some("2026-04-28")
        );
        assert_eq!(
            canon(ValueKind::Money, "$13 billion").as_deref(),
            Some("13000000000 USD")
        );
        assert_eq!(
            canon(ValueKind::Text, "  Primary   CLOUD ").as_deref(),
            Some("primary cloud")
        );
        let v = val(ValueKind::Money, "€5m");
        assert_eq!(v.to_string(), "5000000 EUR");
        assert_eq!(v.currency(), Some("EUR"));
        assert_eq!(v.magnitude(), Some(5e6));
        assert_eq!(val(ValueKind::Text, "x").magnitude(), None);
        assert_eq!(val(ValueKind::Number, "3").currency(), None);
    }

    /// Inputs of every kind; each one that normalizes must have a canonical
    /// form that normalizes to itself, in either date order.
    const IDEMPOTENCE: &[(ValueKind, &str)] = &[
        (ValueKind::Number, "1,200"),
        (ValueKind::Number, "1 200"),
        (ValueKind::Number, "1.5"),
        (ValueKind::Number, "-3"),
        (ValueKind::Number, "-0"),
        (ValueKind::Number, "0.1"),
        (ValueKind::Number, ".5"),
        (ValueKind::Number, "0.000001"),
        (ValueKind::Number, "0.0000001"),
        (ValueKind::Number, "1.2 million"),
        (ValueKind::Number, "13bn"),
        (ValueKind::Number, "3 trillion"),
        (ValueKind::Number, "999 trillion"),
        (ValueKind::Number, "1000000000000000000000"),
        (ValueKind::Number, "123456789012345678"),
        (ValueKind::Number, "0.1 k"),
        (ValueKind::Number, "forty-nine"),
        (ValueKind::Number, "half a dozen"),
        (ValueKind::Number, "one hundred and twelve"),
        (ValueKind::Number, "3.14159265358979323846"),
        (ValueKind::Number, "12,34,567"),
        (ValueKind::Percent, "49%"),
        (ValueKind::Percent, "0.5 per cent"),
        (ValueKind::Percent, "forty-nine percent"),
        (ValueKind::Percent, "-2.25 pct"),
        (ValueKind::Percent, "49"),
        (ValueKind::Year, "2032"),
        (ValueKind::Year, "in 2032"),
        (ValueKind::Year, "FY2032"),
        (ValueKind::Year, "two thousand and thirty-two"),
        (ValueKind::Date, "2026-04-28"),
        (ValueKind::Date, "April 28, 2026"),
        (ValueKind::Date, "28/04/2026"),
        (ValueKind::Date, "04/28/2026"),
        (ValueKind::Date, "1/2/26"),
        (ValueKind::Date, "Tuesday, April 28th, 2026"),
        (ValueKind::Date, "29 February 2024"),
        (ValueKind::Date, "0001-01-01"),
        (ValueKind::Date, "9999-12-31"),
        (ValueKind::Money, "$13 billion"),
        (ValueKind::Money, "US$13bn"),
        (ValueKind::Money, "€5m"),
        (ValueKind::Money, "2.5 billion pounds"),
        (ValueKind::Money, "-$5"),
        (ValueKind::Money, "¥1,000"),
        (ValueKind::Money, "Rs. 500 crore"),
        (ValueKind::Money, "$0.05"),
        (ValueKind::Text, "  \"The Primary Cloud.\" "),
        (ValueKind::Text, "ΟΔΟΣ."),
        (ValueKind::Text, "İstanbul"),
        (ValueKind::Text, "((nested))"),
        (ValueKind::Text, "(a) b (c)"),
        (ValueKind::Text, "C++"),
        (ValueKind::Text, "Straße\u{00A0}\u{00AD}Nord"),
    ];

    #[test]
    fn canonical_forms_are_fixed_points() {
        for &(kind, raw) in IDEMPOTENCE {
            let v = val(kind, raw);
            for order in [DateOrder::Dmy, DateOrder::Mdy] {
                let again = parse(kind, v.canonical(), order);
                assert_eq!(again.as_ref(), Some(&v), "{kind:?} {raw:?} -> {v:?}");
            }
        }
    }

    #[test]
    fn canonical_forms_of_generated_numbers_are_fixed_points() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            // xorshift: spread magnitudes and digit patterns.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mantissa = (x >> 11) as f64 / (1u64 << 53) as f64;
            let n = mantissa * 10f64.powi((x % 40) as i32 - 18);
            for kind in [ValueKind::Number, ValueKind::Percent, ValueKind::Money] {
                let raw = match kind {
                    ValueKind::Money => format!("${}", number::format(n)),
                    _ => number::format(n),
                };
                let v = val(kind, &raw);
                assert_eq!(v.magnitude(), Some(n));
                let again = parse(kind, v.canonical(), DateOrder::Mdy);
                assert_eq!(again.as_ref(), Some(&v), "{raw}");
            }
        }
    }

    #[test]
    fn agrees_within_tolerance() {
        let n = |s| val(ValueKind::Number, s);
        assert!(n("1,200").agrees(&n("1200"), 0.0));
        assert!(!n("1200").agrees(&n("1201"), 0.0));
        assert!(n("1200").agrees(&n("1201"), 1.0));
        assert!(!n("1200").agrees(&n("1202"), 1.0));
        assert!(n("1.3").agrees(&n("1.2"), 0.1), "binary rounding absorbed");
        assert!(!n("1.31").agrees(&n("1.2"), 0.1));
        assert!(n("1").agrees(&n("1000"), f64::INFINITY));
        assert!(!n("1").agrees(&n("2"), -5.0), "negative tolerance is 0");
        assert!(!n("1").agrees(&n("2"), f64::NAN), "NaN tolerance is 0");
        assert!(n("2").agrees(&n("2"), f64::NAN));

        let p = |s| val(ValueKind::Percent, s);
        assert!(p("49%").agrees(&p("49 per cent"), 0.0));
        assert!(!p("49%").agrees(&p("27%"), 0.0));
        assert!(p("49%").agrees(&p("50%"), 1.0));
        assert!(!p("49%").agrees(&n("49"), 100.0), "kinds differ");

        let y = |s| val(ValueKind::Year, s);
        assert!(y("2032").agrees(&y("in 2032"), 0.0));
        assert!(!y("2032").agrees(&y("2030"), 1.0));
        assert!(y("2032").agrees(&y("2030"), 2.0));

        let d = |s| val(ValueKind::Date, s);
        assert!(d("April 28, 2026").agrees(&d("28/04/2026"), 0.0));
        assert!(d("April 28, 2026").agrees(&d("April 29, 2026"), 1.0));
        assert!(!d("April 28, 2026").agrees(&d("April 29, 2026"), 0.0));
        assert!(
            d("2026-02-28").agrees(&d("2026-03-01"), 1.0),
            "across a month"
        );
        assert!(
            !d("2024-02-28").agrees(&d("2024-03-01"), 1.0),
            "leap day between"
        );
        assert!(
            d("2025-12-31").agrees(&d("2026-01-01"), 1.0),
            "across a year"
        );
        assert!(!d("2026-04-28").agrees(&y("2026"), 1000.0));

        let m = |s| val(ValueKind::Money, s);
        assert!(m("$13 billion").agrees(&m("13bn USD"), 0.0));
        assert!(
            !m("$13 billion").agrees(&m("€13 billion"), 0.0),
            "currencies differ"
        );
        assert!(!m("$13 billion").agrees(&m("€13 billion"), 1e12));
        assert!(m("$13 billion").agrees(&m("$13.4 billion"), 5e8));
        assert!(!m("$13 billion").agrees(&m("$13.4 billion"), 1e8));
        assert!(!m("$13,000,000,000").agrees(&m("$13,000,000,001"), 0.0));

        let t = |s| val(ValueKind::Text, s);
        assert!(t("Primary Cloud").agrees(&t("primary  cloud."), 0.0));
        assert!(
            !t("primary cloud").agrees(&t("preferred cloud"), 1e9),
            "tolerance ignored"
        );
        assert!(!t("49").agrees(&n("49"), 0.0));
    }

    /// Strings that must never panic, for any kind and order.
    const NASTY: &[&str] = &[
        "",
        " ",
        ".",
        "-",
        "+",
        "--",
        "-.",
        ".-",
        "$",
        "%",
        "US$",
        "a",
        "an",
        "and",
        "half",
        "half a",
        "half an",
        "a a",
        "hundred hundred",
        "one thousand thousand",
        "dozen dozen dozen",
        "1e308",
        "1e-308",
        "-1e308",
        "1e99999",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "infinity",
        "9999999999999999999999 billion",
        "9999999999999999999999",
        "1,000,000,000,000,000,000,000,000",
        "0.",
        "0..1",
        "1..",
        ",1",
        "1,",
        "1,,000",
        "1 ,000",
        "$-",
        "-$-5",
        "$$5",
        "5$$",
        "/",
        "//",
        "1//",
        "99/99/99",
        "00/00/0000",
        "31/12/-1",
        "2026-13-01",
        "2026-00-10",
        "2026-02-30",
        "-2026-01-01",
        "9999999999-01-01",
        "28th",
        "th",
        "April",
        "April 2026",
        "April 0, 2026",
        "April 99999999999999999999, 2026",
        "(((",
        ")))",
        "((a)",
        "\"",
        "'",
        "\u{0}",
        "\u{FEFF}",
        "\u{200B}",
        "\u{0301}",
        "e\u{0301}",
        "İ",
        "ß",
        "ﬁ",
        "Σ",
        "🙂",
        "١٢٣",
        "一千",
        "₹",
        "€€",
        "€5€",
        "\u{2212}5",
        "5\u{2009}000",
        "1 2 3 4 5 6",
        "point five",
        "minus",
        "negative negative 3",
        "trillion trillion trillion trillion trillion trillion trillion",
        "nineteen hundred and eighty-four",
        "one hundred and",
        "and five",
    ];

    #[test]
    fn nothing_panics_and_results_are_finite_fixed_points() {
        let long_digits = "9".repeat(100_000);
        let long_words = "trillion ".repeat(40);
        let long_mixed = "1,".repeat(300) + "000";
        let long_text = "Ab ".repeat(50_000);
        let mut inputs: Vec<String> = NASTY.iter().map(|s| s.to_string()).collect();
        inputs.extend([long_digits, long_words, long_mixed, long_text]);
        // Every character of the Basic Multilingual Plane's first blocks, alone
        // and around a number.
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            inputs.push(c.to_string());
            inputs.push(format!("{c}5{c}"));
        }
        for raw in &inputs {
            for kind in ALL_KINDS {
                for order in [DateOrder::Dmy, DateOrder::Mdy] {
                    let Some(v) = parse(kind, raw, order) else {
                        continue;
                    };
                    if let Some(m) = v.magnitude() {
                        assert!(m.is_finite(), "{kind:?} {raw:?}");
                    }
                    assert_eq!(
                        parse(kind, v.canonical(), order).as_ref(),
                        Some(&v),
                        "{kind:?} {raw:?}"
                    );
                }
            }
        }
    }
}
