//! The rule file as written (SPEC §3), before validation. Unknown keys are
//! errors, so every struct denies them.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Kind, Severity};
use crate::values::ValueKind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub claim: String,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub scope: Option<Scope>,
    #[serde(default)]
    pub case: Option<Case>,
    #[serde(default, rename = "match")]
    pub matcher: Option<RawMatch>,
    /// Short for `match: { any: [pattern] }`.
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub deny: Patterns,
    #[serde(default)]
    pub negation: Option<Negation>,
    #[serde(default)]
    pub stories: Option<Patterns>,
    #[serde(default)]
    pub expect: Option<RawExpect>,
    #[serde(default)]
    pub extract: Option<RawExtract>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub examples: Option<RawExamples>,
    #[serde(default)]
    pub cases: Vec<RawCase>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMatch {
    #[serde(default)]
    pub all: Patterns,
    #[serde(default)]
    pub any: Patterns,
    #[serde(default)]
    pub not: Patterns,
    /// Short for `any: [pattern]`.
    #[serde(default)]
    pub pattern: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    #[serde(default)]
    pub min_sources: Option<usize>,
    #[serde(default)]
    pub max_sources: Option<usize>,
    #[serde(default)]
    pub agree: Option<bool>,
    #[serde(default)]
    pub when_mentioned: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtract {
    pub pattern: String,
    #[serde(default)]
    pub kind: ValueKind,
    #[serde(default)]
    pub tolerance: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    #[serde(default)]
    pub states: Vec<String>,
    #[serde(default)]
    pub denies: Vec<String>,
    #[serde(default)]
    pub ignores: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub name: String,
    pub articles: BTreeMap<String, String>,
    #[serde(default)]
    pub want: Vec<RawWant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWant {
    pub kind: Kind,
    /// None for `unstated`, which is reported at the rule.
    #[serde(default)]
    pub path: Option<String>,
}

/// `scope:`: the unit of an article a statement must lie within.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One sentence (the default).
    #[default]
    Sentence,
    /// One paragraph.
    Paragraph,
    /// The whole article.
    Document,
}

/// `case:`: how patterns treat letter case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    /// Case does not matter (the default).
    #[default]
    Insensitive,
    /// Patterns match only the case they are written in.
    Sensitive,
}

/// `negation:`: whether negation cues turn statements into denials.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Negation {
    /// A cue (`not`, `n't`, `never`, …) at most five words before a matched
    /// pattern makes a denial (the default).
    #[default]
    Auto,
    /// Only `deny:` patterns make denials.
    Off,
}

/// A list of patterns that may also be written as one string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Patterns(pub Vec<String>);

impl<'de> Deserialize<'de> for Patterns {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PatternsVisitor;
        impl<'de> Visitor<'de> for PatternsVisitor {
            type Value = Patterns;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a pattern or a list of patterns")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Patterns, E> {
                Ok(Patterns(vec![value.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Patterns, A::Error> {
                let mut patterns = Vec::new();
                while let Some(pattern) = seq.next_element::<String>()? {
                    patterns.push(pattern);
                }
                Ok(Patterns(patterns))
            }
        }
        deserializer.deserialize_any(PatternsVisitor)
    }
}
