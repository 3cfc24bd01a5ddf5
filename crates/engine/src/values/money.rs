//! Money: an amount (read by [`super::number`]) and the currency named by a
//! symbol, an ISO 4217 code or a currency word, before or after it.
//!
//! `$13 billion` = `US$13bn` = `13 billion dollars` = `$13,000,000,000` =
//! `USD 13 billion` = `13bn USD`; `€5m` = `5 million euros` = `EUR 5m`. A bare `$`
//! is USD and `¥` is JPY. An amount without a currency, or with two different
//! ones (`$5 euros`), is `None`.

use super::number;

/// Currency symbols, before the amount (`US$13bn`) or, when a single
/// character, after it (`5 €`).
const SYMBOLS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("us$", "USD"),
    ("$us", "USD"),
    ("c$", "CAD"),
    ("ca$", "CAD"),
    ("can$", "CAD"),
    ("a$", "AUD"),
    ("au$", "AUD"),
    ("nz$", "NZD"),
    ("hk$", "HKD"),
    ("s$", "SGD"),
    ("r$", "BRL"),
    ("mx$", "MXN"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("\u{FFE5}", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₪", "ILS"),
    ("₦", "NGN"),
    ("₱", "PHP"),
    ("฿", "THB"),
    ("₫", "VND"),
];

/// ISO 4217 codes read before or after the amount (`USD 13 billion`,
/// `13bn USD`), and the common aliases `rmb` and (before only) `rs`.
const CODES: &[(&str, &str)] = &[
    ("usd", "USD"),
    ("eur", "EUR"),
    ("gbp", "GBP"),
    ("jpy", "JPY"),
    ("cny", "CNY"),
    ("rmb", "CNY"),
    ("cad", "CAD"),
    ("aud", "AUD"),
    ("nzd", "NZD"),
    ("chf", "CHF"),
    ("hkd", "HKD"),
    ("sgd", "SGD"),
    ("inr", "INR"),
    ("krw", "KRW"),
    ("brl", "BRL"),
    ("mxn", "MXN"),
    ("rub", "RUB"),
    ("try", "TRY"),
    ("zar", "ZAR"),
    ("sek", "SEK"),
    ("nok", "NOK"),
    ("dkk", "DKK"),
    ("pln", "PLN"),
    ("ils", "ILS"),
    ("aed", "AED"),
    ("sar", "SAR"),
    ("ngn", "NGN"),
    ("kes", "KES"),
    ("egp", "EGP"),
    ("php", "PHP"),
    ("thb", "THB"),
    ("idr", "IDR"),
    ("myr", "MYR"),
    ("vnd", "VND"),
    ("twd", "TWD"),
    ("czk", "CZK"),
    ("huf", "HUF"),
    ("ron", "RON"),
    ("ars", "ARS"),
    ("clp", "CLP"),
    ("cop", "COP"),
    ("pen", "PEN"),
    ("uah", "UAH"),
    ("pkr", "PKR"),
    ("bdt", "BDT"),
];

/// Currency words after the amount (`13 billion dollars`).
const WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("us dollars", "USD"),
    ("u.s. dollars", "USD"),
    ("american dollars", "USD"),
    ("canadian dollars", "CAD"),
    ("australian dollars", "AUD"),
    ("new zealand dollars", "NZD"),
    ("hong kong dollars", "HKD"),
    ("singapore dollars", "SGD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("pound", "GBP"),
    ("pounds sterling", "GBP"),
    ("sterling", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rupees", "INR"),
    ("rupee", "INR"),
    ("swiss francs", "CHF"),
    ("won", "KRW"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
    ("rand", "ZAR"),
    ("naira", "NGN"),
    ("shekels", "ILS"),
    ("reais", "BRL"),
];

/// Reads an amount and its currency: `$13 billion`, `-€5m`, `13bn USD`,
/// `Rs. 500 crore`, `2.5 billion pounds`.
pub(super) fn parse(s: &str) -> Option<(f64, &'static str)> {
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (before, s) = match strip_prefix_currency(s) {
        Some((code, rest)) => (Some(code), rest.trim_start()),
        None => (None, s),
    };
    if negative && s.starts_with(['-', '+']) {
        return None;
    }
    let (after, s) = match strip_suffix_currency(s) {
        Some((code, rest)) => (Some(code), rest.trim_end()),
        None => (None, s),
    };
    let code = match (before, after) {
        (Some(a), Some(b)) if a != b => return None,
        (a, b) => a.or(b)?,
    };
    let amount = number::parse(s)?;
    Some((if negative { -amount } else { amount } + 0.0, code))
}

fn strip_prefix_currency(s: &str) -> Option<(&'static str, &str)> {
    let symbol = SYMBOLS
        .iter()
        .filter(|(symbol, _)| s.starts_with(symbol))
        .max_by_key(|(symbol, _)| symbol.len());
    if let Some(&(symbol, code)) = symbol {
        return Some((code, &s[symbol.len()..]));
    }
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (word, rest) = s.split_at(letters);
    if word == "rs" {
        return Some(("INR", rest.strip_prefix('.').unwrap_or(rest)));
    }
    let &(_, code) = CODES.iter().find(|(iso, _)| *iso == word)?;
    Some((code, rest))
}

fn strip_suffix_currency(s: &str) -> Option<(&'static str, &str)> {
    let single_char_symbols = SYMBOLS
        .iter()
        .filter(|(symbol, _)| symbol.chars().count() == 1);
    single_char_symbols
        .chain(CODES)
        .chain(WORDS)
        .filter_map(|&(suffix, code)| {
            let rest = s.strip_suffix(suffix)?;
            let is_word = suffix.starts_with(|c: char| c.is_ascii_alphabetic());
            let bounded = rest.is_empty()
                || rest.ends_with(|c: char| c == ' ' || c == '-' || c.is_ascii_digit());
            (!is_word || bounded).then_some((suffix.len(), code, rest))
        })
        .max_by_key(|&(len, _, _)| len)
        .map(|(_, code, rest)| (code, rest.trim_end_matches([' ', '-'])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::text::prepare;

    fn money(s: &str) -> Option<(f64, &'static str)> {
        parse(&prepare(s)?)
    }

    #[test]
    fn dollars_read_alike() {
        for s in [
            "$13 billion",
            "US$13bn",
            "US$ 13bn",
            "us$13 billion",
            "$US13bn",
            "13 billion dollars",
            "13 billion US dollars",
            "13 billion U.S. dollars",
            "thirteen billion dollars",
            "$13,000,000,000",
            "$13 000 000 000",
            "USD 13 billion",
            "USD13bn",
            "13bn USD",
            "13 bn usd",
            "$13B",
            "$13-billion",
            "$13 billion USD",
            "$13 billion dollars",
            "13000000000 USD",
            "$13,000m",
            "$13 billion.",
        ] {
            assert_eq!(money(s), Some((13e9, "USD")), "{s:?}");
        }
    }

    #[test]
    fn other_currencies() {
        for (s, want) in [
            ("€5m", (5e6, "EUR")),
            ("5 million euros", (5e6, "EUR")),
            ("EUR 5m", (5e6, "EUR")),
            ("5m €", (5e6, "EUR")),
            ("5€", (5.0, "EUR")),
            ("£2.5bn", (2.5e9, "GBP")),
            ("2.5 billion pounds", (2.5e9, "GBP")),
            ("2.5 billion pounds sterling", (2.5e9, "GBP")),
            ("GBP 2.5bn", (2.5e9, "GBP")),
            ("¥1,000", (1000.0, "JPY")),
            ("1,000 yen", (1000.0, "JPY")),
            ("C$5 million", (5e6, "CAD")),
            ("CAD 5 million", (5e6, "CAD")),
            ("5 million Canadian dollars", (5e6, "CAD")),
            ("A$5m", (5e6, "AUD")),
            ("AUD 5m", (5e6, "AUD")),
            ("HK$10bn", (10e9, "HKD")),
            ("Rs. 500 crore", (5e9, "INR")),
            ("Rs 5 lakh", (500_000.0, "INR")),
            ("₹500 crore", (5e9, "INR")),
            ("CHF 3m", (3e6, "CHF")),
            ("3 million Swiss francs", (3e6, "CHF")),
            ("R$1bn", (1e9, "BRL")),
            ("10 rand", (10.0, "ZAR")),
        ] {
            assert_eq!(money(s), Some(want), "{s:?}");
        }
    }

    #[test]
    fn bond_amounts_and_signs() {
        assert_eq!(money("$1 million"), Some((1e6, "USD")));
        assert_eq!(money("a million dollars"), Some((1e6, "USD")));
        assert_eq!(money("$1.2-million"), Some((1.2e6, "USD")));
        assert_eq!(money("$0.05"), Some((0.05, "USD")));
        assert_eq!(money("$.05"), Some((0.05, "USD")));
        assert_eq!(money("-$5"), Some((-5.0, "USD")));
        assert_eq!(money("$-5"), Some((-5.0, "USD")));
        assert_eq!(money("-5 USD"), Some((-5.0, "USD")));
        assert_eq!(money("-$0"), Some((0.0, "USD")));
        assert!(money("-$0").unwrap().0.is_sign_positive());
    }

    #[test]
    fn needs_exactly_one_currency_and_an_amount() {
        for s in [
            "13 billion",
            "13bn",
            "1200",
            "$",
            "US$",
            "USD",
            "dollars",
            "$ dollars",
            "$5 euros",
            "€5 USD",
            "-$-5",
            "$$5",
            "5 bucks dollars",
            "13bnusd",
            "5 francs",
            "5 croreusd",
            "$13 billion-plus",
            "$10-12 billion",
            "about $5",
            "5 rs",
            "XYZ 5",
        ] {
            assert_eq!(money(s), None, "{s:?}");
        }
    }
}
