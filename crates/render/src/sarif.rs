//! `--format sarif`: SARIF 2.1.0 (SPEC §7), for code-scanning services such
//! as GitHub's. One reporting descriptor per rule, one result per
//! diagnostic, the other sources as related locations that the message
//! links to, and fingerprints that survive edits elsewhere in the file.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Map, Value};

use super::links::uri;
use super::{Renderer, Report};
use crosscheck_engine::diagnostic::{Diagnostic, Kind, ENGINE_RULE};
use crosscheck_engine::rules::Rule;
use crosscheck_engine::span::Span;

pub struct Sarif;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Locations are relative to this base, the working directory of the run.
const SOURCE_ROOT: &str = "%SRCROOT%";

/// The key of crosscheck's own fingerprint in `partialFingerprints`.
const FINGERPRINT: &str = "crosscheckFinding/v1";

impl Renderer for Sarif {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut ids: Vec<&str> = report
            .rules
            .rules
            .iter()
            .map(|rule| rule.id.as_str())
            .collect();
        for diagnostic in report.diagnostics {
            if !ids.contains(&diagnostic.rule.as_str()) {
                ids.push(&diagnostic.rule);
            }
        }
        let descriptors: Vec<Value> = ids
            .iter()
            .map(|id| match report.rules.get(id) {
                Some(rule) => rule_descriptor(rule),
                None => engine_descriptor(id),
            })
            .collect();
        let mut occurrences: BTreeMap<String, usize> = BTreeMap::new();
        let keys: Vec<(usize, u64)> = report
            .diagnostics
            .iter()
            .map(|diagnostic| {
                let index = ids
                    .iter()
                    .position(|id| *id == diagnostic.rule)
                    .unwrap_or_default();
                let key = fingerprint_key(diagnostic);
                let occurrence = occurrences.entry(key.clone()).or_default();
                *occurrence += 1;
                (index, fnv1a(format!("{key}\0{occurrence}").as_bytes()))
            })
            .collect();
        let mut driver = json!({
            "name": "crosscheck",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": descriptors,
        });
        if let Some(home) = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
            .into_iter()
            .find(|address| !address.is_empty())
        {
            driver["informationUri"] = json!(home);
        }
        let log = Log {
            driver,
            diagnostics: report.diagnostics,
            keys,
        };
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

/// The SARIF log, serialized one result at a time: a JSON value of all the
/// results at once took ten times the memory of the output (8.8 GB for
/// 560,000 results). Keys come in the sorted order of serde_json's maps, as
/// in the rest of the log.
struct Log<'a> {
    driver: Value,
    diagnostics: &'a [Diagnostic],
    /// Per diagnostic: its rule's index and its fingerprint.
    keys: Vec<(usize, u64)>,
}

impl Serialize for Log<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut log = serializer.serialize_map(Some(3))?;
        log.serialize_entry("$schema", SCHEMA)?;
        log.serialize_entry("runs", &[Run(self)])?;
        log.serialize_entry("version", "2.1.0")?;
        log.end()
    }
}

struct Run<'a, 'b>(&'b Log<'a>);

impl Serialize for Run<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut run = serializer.serialize_map(Some(3))?;
        run.serialize_entry("columnKind", "unicodeCodePoints")?;
        run.serialize_entry("results", &Results(self.0))?;
        run.serialize_entry("tool", &BTreeMap::from([("driver", &self.0.driver)]))?;
        run.end()
    }
}

struct Results<'a, 'b>(&'b Log<'a>);

impl Serialize for Results<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let log = self.0;
        serializer.collect_seq(
            log.diagnostics
                .iter()
                .zip(&log.keys)
                .map(|(diagnostic, &(index, fingerprint))| result(diagnostic, index, fingerprint)),
        )
    }
}

/// A rule as SARIF shows it: its claim, what it expects, and how to act on
/// each kind of finding it reports.
fn rule_descriptor(rule: &Rule) -> Value {
    let expectations = rule.expectations();
    let full = format!(
        "{} Expected of every story: {}.",
        sentence(&rule.claim),
        expectations.join("; ")
    );
    let kinds = rule.kinds();
    let help_text = format!(
        "{full}\nEach finding points at the article's words and names the other sources' statements as related locations.\n\n{}\n\nThe rule is defined in {}.",
        kind_help(&kinds, Some(&rule.id), |kind| format!("{kind} — ")),
        rule.origin.path
    );
    let help_markdown = format!(
        "**{}**\n\nExpected of every story:\n\n{}\n\nEach finding points at the article's words and names the other sources' statements as related locations.\n\n{}\n\nThe rule is defined in `{}`.",
        rule.claim,
        expectations.iter().map(|expectation| format!("- {expectation}")).collect::<Vec<_>>().join("\n"),
        kind_help(&kinds, Some(&rule.id), |kind| format!("#### `{kind}`\n\n")),
        rule.origin.path
    );
    let mut descriptor = json!({
        "id": rule.id,
        "shortDescription": { "text": rule.claim },
        "fullDescription": { "text": full },
        "help": { "text": help_text, "markdown": help_markdown },
        "defaultConfiguration": { "level": rule.severity.as_str() },
        "properties": { "tags": ["source-consistency"] },
    });
    name(&mut descriptor, &rule.id);
    descriptor
}

/// The kinds crosscheck reports about its own input, under [`ENGINE_RULE`].
const ENGINE_KINDS: [Kind; 2] = [Kind::Unreadable, Kind::InvalidSuppression];

/// The rule of diagnostics about crosscheck's own input (unreadable
/// articles, invalid suppressions), or of any id no rule file defines.
fn engine_descriptor(id: &str) -> Value {
    let (short, full, help) = if id == ENGINE_RULE {
        let kinds: Vec<&str> = ENGINE_KINDS.iter().map(|kind| kind.as_str()).collect();
        let full = format!(
            "Problems crosscheck finds in its input rather than in a claim: {}.",
            kinds.join(" and ")
        );
        let help = json!({
            "text": format!("{full}\n\n{}", kind_help(&ENGINE_KINDS, None, |kind| format!("{kind} — "))),
            "markdown": format!("{full}\n\n{}", kind_help(&ENGINE_KINDS, None, |kind| format!("#### `{kind}`\n\n"))),
        });
        ("Problems in crosscheck's input".to_owned(), full, help)
    } else {
        let full = format!("Findings reported under the id {id}.");
        let help = json!({ "text": full, "markdown": full });
        (format!("Findings of {id}"), full, help)
    };
    let mut descriptor = json!({
        "id": id,
        "shortDescription": { "text": short },
        "fullDescription": { "text": full },
        "help": help,
        "defaultConfiguration": { "level": "error" },
    });
    name(&mut descriptor, id);
    descriptor
}

/// The explanation of each of `kinds` (as `crosscheck explain` prints it)
/// after its `heading`; for a `rule`, its placeholder `RULE` is the rule's
/// id, so that the suppression comments shown can be copied as they are.
fn kind_help(kinds: &[Kind], rule: Option<&str>, heading: impl Fn(Kind) -> String) -> String {
    let text = |kind: Kind| {
        let explanation = kind.explanation().trim_end();
        rule.map_or_else(
            || explanation.to_owned(),
            |id| explanation.replace("RULE", id),
        )
    };
    kinds
        .iter()
        .map(|&kind| format!("{}{}", heading(kind), text(kind)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A descriptor's friendly name, `extension-2032` → `Extension2032`, left out
/// when it would only repeat the id (SARIF §3.49.7).
fn name(descriptor: &mut Value, id: &str) {
    let name = pascal_case(id);
    if !name.eq_ignore_ascii_case(id) {
        descriptor["name"] = json!(name);
    }
}

fn result(diagnostic: &Diagnostic, rule_index: usize, fingerprint: u64) -> Value {
    let related: Vec<Value> = diagnostic
        .related
        .iter()
        .enumerate()
        .map(|(index, related)| {
            let mut location = location(&related.span);
            location.insert("id".into(), json!(index + 1));
            location.insert("message".into(), json!({ "text": related.message }));
            Value::Object(location)
        })
        .collect();
    // The message links to the related locations by id (SARIF §3.11.6).
    let mut text = escape_brackets(&diagnostic.message);
    if !diagnostic.related.is_empty() {
        let links: Vec<String> = diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(index, related)| {
                let label = format!(
                    "{} at {}:{}",
                    related.message, related.span.path, related.span.line
                );
                format!("[{}]({})", escape_brackets(&label), index + 1)
            })
            .collect();
        text = format!("{text} ({})", links.join("; "));
    }
    let mut properties = Map::new();
    properties.insert("kind".into(), json!(diagnostic.kind));
    properties.insert("claim".into(), json!(diagnostic.claim));
    if let Some(value) = &diagnostic.value {
        properties.insert("value".into(), json!(value));
    }
    if !diagnostic.notes.is_empty() {
        properties.insert("notes".into(), json!(diagnostic.notes));
    }
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "ruleIndex": rule_index,
        "level": diagnostic.severity.as_str(),
        "message": { "text": text },
        "locations": [Value::Object(location(&diagnostic.primary))],
        "partialFingerprints": { FINGERPRINT: format!("{fingerprint:016x}") },
        "properties": properties,
    });
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    if let Some(suggestion) = &diagnostic.suggestion {
        result["fixes"] = json!([{
            "description": { "text": suggestion.message },
            "artifactChanges": [{
                "artifactLocation": artifact(&suggestion.path),
                "replacements": [{
                    "deletedRegion": { "byteOffset": suggestion.byte_start, "byteLength": suggestion.byte_end - suggestion.byte_start },
                    "insertedContent": { "text": suggestion.replacement },
                }],
            }],
        }]);
    }
    result
}

fn location(span: &Span) -> Map<String, Value> {
    let mut region = json!({
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    });
    if !span.text.is_empty() {
        region["snippet"] = json!({ "text": span.text });
    }
    let mut location = Map::new();
    location.insert(
        "physicalLocation".into(),
        json!({ "artifactLocation": artifact(&span.path), "region": region }),
    );
    location
}

fn artifact(path: &str) -> Value {
    let uri = uri(path);
    if uri.starts_with("file:") {
        json!({ "uri": uri })
    } else {
        json!({ "uri": uri, "uriBaseId": SOURCE_ROOT })
    }
}

/// What identifies a finding however the rest of its file changes: rule,
/// kind, file and the words it points at (white space folded, so that
/// re-wrapping does not matter). Repeats are told apart by their order.
fn fingerprint_key(diagnostic: &Diagnostic) -> String {
    let words = if diagnostic.primary.text.is_empty() {
        &diagnostic.message
    } else {
        &diagnostic.primary.text
    };
    let words: Vec<&str> = words.split_whitespace().collect();
    format!(
        "{}\0{}\0{}\0{}",
        diagnostic.rule,
        diagnostic.kind,
        diagnostic.primary.path,
        words.join(" ")
    )
}

/// 64-bit FNV-1a: small, and stable across platforms and releases, which
/// fingerprints must be.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// `text` ending with a full stop.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// Message text where `[` and `]` are literal, since the message holds links.
fn escape_brackets(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friendly_names_and_sentences() {
        assert_eq!(pascal_case("extension-2032"), "Extension2032");
        assert_eq!(pascal_case("crosscheck"), "Crosscheck");
        assert_eq!(sentence("The deal is done"), "The deal is done.");
        assert_eq!(sentence("Is it done?"), "Is it done?");
        assert_eq!(escape_brackets(r"a [b] \c"), r"a \[b\] \\c");
    }

    #[test]
    fn fnv1a_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x85944171f73967e8);
    }
}
