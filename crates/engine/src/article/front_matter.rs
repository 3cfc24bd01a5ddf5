//! Front matter: the `---` YAML block at the top of an article (SPEC §2).
//!
//! It opens with a first line that is exactly `---` (trailing spaces or `\r`
//! allowed) and closes with the next line that is `---` or `...`. It is never
//! article text. Only a few keys are read; the rest of a real corpus's header
//! is ignored.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::error::ArticleError;

/// The article's header fields. `source:` is read as an alias of `outlet:`.
/// Numbers and unquoted dates keep their text (`date: 2017-01-28`); empty or
/// null values are `None`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    /// `outlet:` (or `source:`): the publication, which corroboration counts.
    pub outlet: Option<String>,
    /// `title:`: the headline, as written.
    pub title: Option<String>,
    /// As written (`2017-01-28`); ordering statements by age reads it.
    pub date: Option<String>,
    /// `url:`: where the article was published.
    pub url: Option<String>,
    /// `story:`: puts the article in a named story wherever it lies.
    pub story: Option<String>,
}

/// Splits the front matter off `source`, whose body starts at `start` (after a
/// BOM). Returns the fields and where the article body starts.
pub(crate) fn split(source: &str, start: usize) -> Result<(FrontMatter, usize), ArticleError> {
    let (first, yaml_start) = line_at(source, start);
    if first != "---" {
        return Ok((FrontMatter::default(), start));
    }
    let mut line_start = yaml_start;
    while line_start < source.len() {
        let (line, next) = line_at(source, line_start);
        if line == "---" || line == "..." {
            let yaml = &source[yaml_start..line_start];
            let front = parse_yaml(source, yaml, yaml_start)?;
            return Ok((front, next));
        }
        line_start = next;
    }
    Err(ArticleError::UnclosedFrontMatter {
        line: 1,
        offset: start,
    })
}

/// The line starting at `at`, without its trailing spaces, tabs and `\r`,
/// and the offset just past it.
fn line_at(source: &str, at: usize) -> (&str, usize) {
    let rest = &source[at..];
    let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
        Some(i) => (&rest[..i], at + i + 1),
        None => (rest, source.len()),
    };
    (line.trim_end_matches([' ', '\t', '\r']), next)
}

fn parse_yaml(source: &str, yaml: &str, yaml_start: usize) -> Result<FrontMatter, ArticleError> {
    let raw = match simple(yaml) {
        Some(raw) => raw,
        None => {
            let yaml = tolerate_controls(yaml);
            if let Err(error) = crate::yaml::check_limits(&yaml) {
                // Controls are replaced one character for one: places stay the file's.
                let line = error.line + source[..yaml_start].matches('\n').count();
                let offset = offset_of(source, yaml_start, error.line, error.column);
                return Err(ArticleError::InvalidFrontMatter {
                    line,
                    column: error.column,
                    offset,
                    message: error.message,
                });
            }
            serde_yaml::from_str::<Raw>(&yaml)
                .map_err(|error| yaml_error(source, yaml_start, &error))?
        }
    };
    let non_empty = |value: Option<String>| value.filter(|v| !v.trim().is_empty());
    Ok(FrontMatter {
        outlet: non_empty(raw.outlet).or(non_empty(raw.source)),
        title: non_empty(raw.title),
        date: non_empty(raw.date),
        url: non_empty(raw.url),
        story: non_empty(raw.story),
    })
}

/// The fields of a front matter made only of `key: "text"` lines (and
/// `key: 2017-01-28`, digits and dashes), as most corpora write it, read
/// without a YAML parser: a tenth of the cost of reading an article. None
/// for anything else (escapes, other quotes or scalars, comments, control
/// characters, a key twice), which the YAML parser reads.
fn simple(yaml: &str) -> Option<Raw> {
    let mut raw = Raw::default();
    let mut keys: Vec<&str> = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', yaml.as_bytes()).chain(std::iter::once(yaml.len())) {
        let line = &yaml[start..end];
        start = end + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        // A key has no colon: the first one must start the `: `.
        let colon = memchr::memchr(b':', line.as_bytes())?;
        let (key, value) = (&line[..colon], line[colon + 1..].strip_prefix(' ')?);
        let key_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        if !key.as_bytes().first()?.is_ascii_alphanumeric()
            || !key.bytes().all(key_byte)
            || keys.contains(&key)
        {
            return None;
        }
        keys.push(key);
        let value = match value.strip_prefix('"') {
            Some(quoted) => {
                let text = quoted.strip_suffix('"')?;
                let plain_ascii = |b: u8| matches!(b, b' '..=b'~') && b != b'"' && b != b'\\';
                let plain = |c: char| {
                    !(c == '"'
                        || c == '\\'
                        || c.is_control()
                        || matches!(
                            c,
                            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                        ))
                };
                (text.bytes().all(plain_ascii) || text.chars().all(plain)).then_some(text)?
            }
            None => (value.as_bytes().first()?.is_ascii_digit()
                && value.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
            .then_some(value)?,
        };
        let slot = match key {
            "outlet" => &mut raw.outlet,
            "source" => &mut raw.source,
            "title" => &mut raw.title,
            "date" => &mut raw.date,
            "url" => &mut raw.url,
            "story" => &mut raw.story,
            _ => continue,
        };
        *slot = Some(value.to_owned());
    }
    Some(raw)
}

/// YAML forbids control characters, but scraped headers carry them: mostly
/// Windows-1252 quotes and dashes decoded as Latin-1 (U+0091–U+0097). Read
/// those as the punctuation they were and any other control as a space, one
/// character for one, so error lines and columns stay right.
fn tolerate_controls(yaml: &str) -> Cow<'_, str> {
    let forbidden = |c: char| matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{84}' | '\u{86}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}');
    if !yaml.contains(forbidden) {
        return Cow::Borrowed(yaml);
    }
    yaml.chars()
        .map(|c| match c {
            '\u{91}' => '\u{2018}',
            '\u{92}' => '\u{2019}',
            '\u{93}' => '\u{201C}',
            '\u{94}' => '\u{201D}',
            '\u{96}' => '\u{2013}',
            '\u{97}' => '\u{2014}',
            c if forbidden(c) => ' ',
            c => c,
        })
        .collect()
}

/// Re-anchors a YAML error in the file: its line and column (1-based) count
/// from the start of the file, and line numbers quoted in the message do too.
fn yaml_error(source: &str, yaml_start: usize, error: &serde_yaml::Error) -> ArticleError {
    // The YAML block starts on line 2 unless the file starts with an empty first
    // line, which cannot happen: the `---` line comes first.
    let lines_before = source[..yaml_start].matches('\n').count();
    let (yaml_line, column) = error
        .location()
        .map(|l| (l.line().max(1), l.column().max(1)))
        .unwrap_or((1, 1));
    let line = yaml_line + lines_before;
    let message = error.to_string();
    let own = format!(" at line {yaml_line} column {column}");
    let message = match message.find(&own) {
        Some(i) => format!("{}{}", &message[..i], &message[i + own.len()..]),
        None => message,
    };
    let message = shift_line_numbers(&message, lines_before);
    ArticleError::InvalidFrontMatter {
        line,
        column,
        offset: offset_of(source, yaml_start, yaml_line, column),
        message,
    }
}

/// Adds `by` to every `line N` quoted in a YAML error message.
fn shift_line_numbers(message: &str, by: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("line ") {
        out.push_str(&rest[..i + 5]);
        rest = &rest[i + 5..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        match rest[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + by).to_string()),
            Err(_) => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// Byte offset of 1-based (`line`, `column`) of the YAML block, in the file.
fn offset_of(source: &str, yaml_start: usize, line: usize, column: usize) -> usize {
    let mut at = yaml_start;
    for _ in 1..line {
        match source[at..].find('\n') {
            Some(i) => at += i + 1,
            None => return source.len(),
        }
    }
    let line_text = &source[at..];
    let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
    at + line_text
        .char_indices()
        .nth(column - 1)
        .map_or(line_text.len(), |(i, _)| i)
}

/// The keys read from front matter, as text. A hand-written visitor so that a
/// top-level value that is not a mapping gets a plain message, and unknown
/// keys (whatever their values) are skipped.
#[derive(Default)]
struct Raw {
    outlet: Option<String>,
    source: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    story: Option<String>,
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of keys to values")
    }

    /// An empty front matter block.
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut raw = Raw::default();
        while let Some(key) = map.next_key::<Key>()? {
            let slot = match key {
                Key::Outlet => &mut raw.outlet,
                Key::Source => &mut raw.source,
                Key::Title => &mut raw.title,
                Key::Date => &mut raw.date,
                Key::Url => &mut raw.url,
                Key::Story => &mut raw.story,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if slot.is_some() {
                return Err(de::Error::custom(format_args!(
                    "duplicate key `{}`",
                    key.name()
                )));
            }
            // `deserialize_str` keeps a plain scalar's text: `1.10`, `2017-01-28`.
            *slot = map.next_value::<Option<String>>()?;
        }
        Ok(raw)
    }
}

#[derive(Clone, Copy)]
enum Key {
    Outlet,
    Source,
    Title,
    Date,
    Url,
    Story,
    Other,
}

impl Key {
    fn name(self) -> &'static str {
        match self {
            Key::Outlet => "outlet",
            Key::Source => "source",
            Key::Title => "title",
            Key::Date => "date",
            Key::Url => "url",
            Key::Story => "story",
            Key::Other => "?",
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Any key is accepted: non-string keys (numbers, lists) are simply not ours.
        let key = IgnoredOrString::deserialize(deserializer)?;
        Ok(match key.0.as_deref() {
            Some("outlet") => Key::Outlet,
            Some("source") => Key::Source,
            Some("title") => Key::Title,
            Some("date") => Key::Date,
            Some("url") => Key::Url,
            Some("story") => Key::Story,
            _ => Key::Other,
        })
    }
}

/// A mapping key: its text when it is a scalar, `None` for anything else.
struct IgnoredOrString(Option<String>);

impl<'de> Deserialize<'de> for IgnoredOrString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IgnoredOrString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(IgnoredOrString(Some(v.to_owned())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(IgnoredOrString(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(IgnoredOrString(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(IgnoredOrString(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(IgnoredOrString(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(IgnoredOrString(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(IgnoredOrString(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(IgnoredOrString(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(source: &str) -> Result<(FrontMatter, usize), ArticleError> {
        split(source, 0)
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(front("Hello\n---\n").unwrap(), (FrontMatter::default(), 0));
        assert_eq!(front("").unwrap(), (FrontMatter::default(), 0));
        assert_eq!(front("----\nx\n----\n").unwrap().1, 0);
        assert_eq!(front(" ---\n").unwrap().1, 0);
    }

    #[test]
    fn closed_front_matter() {
        let source = "---\noutlet: \"ktva.com\"\ntitle: A title\ndate: 2016-12-13\nurl: http://x/y\n---\n\n# Body\n";
        let (fm, body) = front(source).unwrap();
        assert_eq!(fm.outlet.as_deref(), Some("ktva.com"));
        assert_eq!(fm.title.as_deref(), Some("A title"));
        assert_eq!(fm.date.as_deref(), Some("2016-12-13"));
        assert_eq!(fm.url.as_deref(), Some("http://x/y"));
        assert_eq!(fm.story, None);
        assert_eq!(&source[body..], "\n# Body\n");
    }

    #[test]
    fn crlf_trailing_spaces_and_dots_close() {
        let source = "---  \r\nstory: s1\r\n...\r\nBody";
        let (fm, body) = front(source).unwrap();
        assert_eq!(fm.story.as_deref(), Some("s1"));
        assert_eq!(&source[body..], "Body");
        // Closing line at end of file without newline.
        let (fm, body) = front("---\ntitle: t\n---").unwrap();
        assert_eq!((fm.title.as_deref(), body), (Some("t"), 16));
    }

    #[test]
    fn source_is_an_alias_of_outlet_and_outlet_wins() {
        assert_eq!(
            front("---\nsource: Reuters\n---\n")
                .unwrap()
                .0
                .outlet
                .as_deref(),
            Some("Reuters")
        );
        let fm = front("---\nsource: Reuters\noutlet: AP\n---\n").unwrap().0;
        assert_eq!(fm.outlet.as_deref(), Some("AP"));
    }

    #[test]
    fn scalars_keep_their_text_and_empty_is_none() {
        let fm =
            front("---\ndate: 2017-01-28\ntitle: 1.10\nurl: ~\noutlet: ''\nstory: 2032\n---\n")
                .unwrap()
                .0;
        assert_eq!(fm.date.as_deref(), Some("2017-01-28"));
        assert_eq!(fm.title.as_deref(), Some("1.10"));
        assert_eq!(fm.url, None);
        assert_eq!(fm.outlet, None);
        assert_eq!(fm.story.as_deref(), Some("2032"));
    }

    #[test]
    fn other_keys_are_ignored_and_empty_block_is_fine() {
        let fm = front("---\ntags: [a, {b: 1}]\nauthor:\n  name: x\n1: one\noutlet: o\n---\n")
            .unwrap()
            .0;
        assert_eq!(fm.outlet.as_deref(), Some("o"));
        assert_eq!(
            front("---\n---\nBody").unwrap(),
            (FrontMatter::default(), 8)
        );
        assert_eq!(
            front("---\n# only a comment\n---\n").unwrap().0,
            FrontMatter::default()
        );
    }

    #[test]
    fn unclosed() {
        let error = front("---\noutlet: x\nBody text\n").unwrap_err();
        assert_eq!(
            error,
            ArticleError::UnclosedFrontMatter { line: 1, offset: 0 }
        );
        assert_eq!(
            error.to_string(),
            "front matter opened on line 1 is never closed with `---`"
        );
        assert!(front("---").is_err());
    }

    #[test]
    fn invalid_yaml_points_into_the_file() {
        let source = "---\noutlet: a\ntitle: 'x'\n  y: : z\n---\n";
        let error = front(source).unwrap_err();
        let ArticleError::InvalidFrontMatter {
            line,
            column,
            offset,
            ref message,
        } = error
        else {
            panic!("{error:?}")
        };
        assert_eq!(line, 4);
        assert_eq!(
            &source[offset..offset + 1],
            source
                .lines()
                .nth(3)
                .unwrap()
                .get(column - 1..column)
                .unwrap()
        );
        assert!(!message.contains(" at line 3 column"), "{message}");
        assert!(error
            .to_string()
            .starts_with("invalid front matter at line 4, column "));
    }

    #[test]
    fn quoted_line_numbers_in_messages_are_shifted() {
        let source = "---\noutlet: \"unterminated\n---\n";
        // The quoted scalar swallows the closing line, so there is no close...
        assert!(front(source).is_err());
        let source = "---\ntitle: ok\nurl: \"open\n...\n";
        let error = front(source).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("line 3 column 6"), "{text}");
    }

    #[test]
    fn non_mapping_and_wrong_types() {
        let error = front("---\n- a\n- b\n---\n").unwrap_err();
        assert_eq!(error.to_string(), "invalid front matter at line 2, column 1: invalid type: sequence, expected a mapping of keys to values");
        assert_eq!(error.offset(), Some(4));
        let error = front("---\nJust a string\n---\n").unwrap_err();
        assert!(error.to_string().contains("expected a mapping"), "{error}");
        let error = front("---\noutlet: [a, b]\n---\n").unwrap_err();
        assert!(
            matches!(
                error,
                ArticleError::InvalidFrontMatter {
                    line: 2,
                    column: 9,
                    ..
                }
            ),
            "{error:?}"
        );
        let error = front("---\ntitle: a\ntitle: b\n---\n").unwrap_err();
        assert!(
            error.to_string().contains("duplicate key `title`"),
            "{error}"
        );
    }

    /// What the YAML parser makes of a block.
    fn parsed(yaml: &str) -> Option<Raw> {
        serde_yaml::from_str::<Raw>(&tolerate_controls(yaml)).ok()
    }

    #[test]
    fn simple_blocks_read_as_the_yaml_parser_reads_them() {
        let blocks = [
            "outlet: \"CNN (Web News)\"\ntitle: \"6 Takeaways: Democrats tangle\"\ndate: \"2016-04-15\"\nurl: \"http://www.cnn.com/x\"\n",
            "outlet: \"wral.com\"\r\ntitle: \"Teen hurt :: WRAL.com\"\r\ndate: 2014-01-28\r\nurl: \"http://x/y?a=1&b=2#c\"\r\n",
            "source: \"Reuters\"\nstory: 2032\nother: \"ignored\"\n\ntitle: \"\"\n",
            "title: \"Café “quoted” — ’tis ½ 🙂\"\ndate: 0777\nstory: 12-34\n",
            "",
        ];
        for yaml in blocks {
            let simple =
                simple(yaml).unwrap_or_else(|| panic!("read without the parser: {yaml:?}"));
            let parsed = parsed(yaml).unwrap();
            let fields = |raw: &Raw| {
                [
                    &raw.outlet,
                    &raw.source,
                    &raw.title,
                    &raw.date,
                    &raw.url,
                    &raw.story,
                ]
                .map(Clone::clone)
            };
            assert_eq!(fields(&simple), fields(&parsed), "{yaml:?}");
        }
    }

    #[test]
    fn other_blocks_go_to_the_yaml_parser() {
        let blocks = [
            "title: \"escaped \\\" quote\"\n",
            "title: 'single'\n",
            "title: plain words\n",
            "title: 1.10\n",
            "title: \"tab\there\"\n",
            "title: \"x\" # comment\n",
            "title:  \"two spaces\"\n",
            "title : \"x\"\n",
            "title:\"x\"\n",
            "a:b: \"x\"\n",
            "title: \"del\u{7f}\"\n",
            "\"title\": \"x\"\n",
            "title: \"a\"\ntitle: \"b\"\n",
            "x: \"a\"\nx: \"b\"\n",
            "title: \"open\n",
            "  title: \"indented\"\n",
            "tags:\n  - a\n",
            "- a\n",
            "title: \"\u{85}next line\"\n",
        ];
        for yaml in blocks {
            assert!(simple(yaml).is_none(), "{yaml:?}");
        }
    }

    #[test]
    fn control_characters_are_tolerated() {
        let source = "---\ntitle: \"in \u{91}hive of hoodlums\u{92}\u{1}\"\noutlet: x\n---\n";
        let fm = front(source).unwrap().0;
        assert_eq!(
            fm.title.as_deref(),
            Some("in \u{2018}hive of hoodlums\u{2019} ")
        );
        // Errors after a replaced character still point at the right column.
        let error = front("---\ntitle: \u{91}x\u{92}: [\n---\n").unwrap_err();
        assert!(
            matches!(error, ArticleError::InvalidFrontMatter { line: 2, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn hostile_yaml_is_refused_quickly_at_its_place() {
        let source = format!(
            "---\noutlet: x\nz: {}{}\n---\nBody",
            "[".repeat(50_000),
            "]".repeat(50_000)
        );
        let started = std::time::Instant::now();
        let error = front(&source).unwrap_err();
        assert!(
            started.elapsed().as_secs() < 2,
            "took {:?}",
            started.elapsed()
        );
        assert!(
            error
                .to_string()
                .ends_with("nested more than 64 levels deep"),
            "{error}"
        );
        let source = format!(
            "---\noutlet: x\nz: {}{}\n---\nBody",
            "[".repeat(100),
            "]".repeat(100)
        );
        let error = front(&source).unwrap_err();
        assert!(
            matches!(
                error,
                ArticleError::InvalidFrontMatter {
                    line: 3,
                    column: 67,
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(error.offset(), Some(source.find('[').unwrap() + 63));
        assert!(
            error
                .to_string()
                .ends_with("nested more than 64 levels deep"),
            "{error}"
        );
    }

    #[test]
    fn after_a_bom() {
        let source = "\u{FEFF}---\noutlet: x\n---\nBody";
        let (fm, body) = split(source, 3).unwrap();
        assert_eq!(fm.outlet.as_deref(), Some("x"));
        assert_eq!(&source[body..], "Body");
        let error = split("\u{FEFF}---\nx: [\n", 3).unwrap_err();
        assert_eq!(
            error,
            ArticleError::UnclosedFrontMatter { line: 1, offset: 3 }
        );
    }
}
