//! `crosscheck rules explain ID` for a terminal: the rule as written, then,
//! story by story, each outlet's statements, denials and mentions as
//! codespan-reporting notes on the article text, and what lint reports.

use std::io::{self, Write};
use std::path::Path;

use codespan_reporting::diagnostic::Diagnostic as Shown;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use super::sources::{label_spans, Excerpts, Originals};
use crosscheck_engine::assertions::{Evidence, Item, OutletEvidence};
use crosscheck_engine::authoring::explain::Explanation;
use crosscheck_engine::rules::{Pattern, Rule};
use crosscheck_engine::span::Span;
use crosscheck_engine::statements::StatementKind;
use crosscheck_engine::wording::plural;

/// Articles are quoted from their shown paths under `root`.
pub fn render(
    explanation: &Explanation,
    root: &Path,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    rule_header(explanation, &mut buffer)?;
    let mut originals = Originals::new(root);
    let config = Config::default();
    for story in &explanation.stories {
        story_section(story, &mut originals, &config, &mut buffer)?;
    }
    if explanation.stories.is_empty() {
        writeln!(
            buffer,
            "no story of the corpus has an article this rule applies to\n"
        )?;
    }
    let findings: Vec<String> = explanation
        .findings
        .iter()
        .map(|(kind, count)| format!("{kind} ({count})"))
        .collect();
    let findings = if findings.is_empty() {
        "nothing".to_owned()
    } else {
        findings.join(", ")
    };
    writeln!(buffer, "lint reports: {findings}")?;
    out.write_all(buffer.as_slice())
}

fn rule_header(explanation: &Explanation, out: &mut Buffer) -> io::Result<()> {
    let rule = explanation.rule;
    let at = &explanation.defined_at;
    writeln!(out, "{}: {}", rule.id, rule.claim)?;
    let lower = |debug: String| debug.to_lowercase();
    writeln!(
        out,
        "  defined at {}:{}:{}, {}, scope {}, case-{}, negation {}",
        at.path,
        at.line,
        at.column,
        rule.severity,
        lower(format!("{:?}", rule.matching.scope)),
        lower(format!("{:?}", rule.matching.case)),
        lower(format!("{:?}", rule.matching.negation))
    )?;
    let matching = &rule.matching;
    let lines: [(&str, &[Pattern]); 4] = [
        ("match all", &matching.all),
        ("match any", &matching.any),
        ("match not", &matching.not),
        ("deny", &matching.deny),
    ];
    for (name, patterns) in lines {
        if !patterns.is_empty() {
            writeln!(
                out,
                "  {name:<10} {}",
                patterns
                    .iter()
                    .map(|pattern| pattern.source.as_str())
                    .collect::<Vec<_>>()
                    .join("   ")
            )?;
        }
    }
    if let Some(extract) = &matching.extract {
        let kind = format!("{:?}", extract.kind).to_lowercase();
        writeln!(
            out,
            "  {:<10} {} ({kind}, tolerance {})",
            "extract", extract.pattern.source, rule.expect.tolerance
        )?;
    }
    writeln!(out, "  {:<10} {}", "expect", expectations(rule))?;
    let examples = &rule.examples;
    writeln!(
        out,
        "  {:<10} {} stating, {} denying, {} ignored; {}\n",
        "tests",
        plural(examples.states.len(), "example"),
        examples.denies.len(),
        examples.ignores.len(),
        plural(rule.cases.len(), "case")
    )
}

fn expectations(rule: &Rule) -> String {
    let expect = &rule.expect;
    let mut parts = Vec::new();
    if let Some(min) = expect.min_sources {
        parts.push(format!("min_sources: {min}"));
    }
    if let Some(max) = expect.max_sources {
        parts.push(format!("max_sources: {max}"));
    }
    if expect.agree {
        parts.push("agree: true".to_owned());
    }
    if let Some(topic) = &rule.matching.when_mentioned {
        parts.push(format!("when_mentioned: {}", topic.source));
    }
    parts.push("no contradiction (always)".to_owned());
    parts.join(", ")
}

fn story_section(
    story: &Evidence,
    originals: &mut Originals,
    config: &Config,
    out: &mut Buffer,
) -> io::Result<()> {
    let count = |has: fn(&OutletEvidence) -> bool| {
        story.outlets.iter().filter(|outlet| has(outlet)).count()
    };
    writeln!(
        out,
        "story {}: {} of {} state it, {} deny it, {} mention the topic",
        story.story,
        count(|outlet| !outlet.states.is_empty()),
        plural(story.outlets.len(), "outlet"),
        count(|outlet| !outlet.denies.is_empty()),
        count(|outlet| !outlet.mentions.is_empty())
    )?;
    let mut silent = Vec::new();
    for outlet in &story.outlets {
        let items: Vec<&Item> = outlet
            .states
            .iter()
            .chain(&outlet.denies)
            .chain(&outlet.mentions)
            .collect();
        if items.is_empty() {
            silent.push(outlet.name);
            continue;
        }
        let (files, shown) = outlet_note(outlet, &items, originals);
        term::emit_to_write_style(out, config, &files, &shown).map_err(io::Error::other)?;
    }
    if !silent.is_empty() {
        writeln!(out, "silent: {}\n", silent.join(", "))?;
    }
    Ok(())
}

/// One note per outlet, with a label at each of its statements, denials and
/// mentions, in file order.
fn outlet_note(
    outlet: &OutletEvidence,
    items: &[&Item],
    originals: &mut Originals,
) -> (Excerpts, Shown<usize>) {
    let mut items = items.to_vec();
    items.sort_by(|a, b| {
        (&a.article.path, a.span().byte_start, a.statement.kind).cmp(&(
            &b.article.path,
            b.span().byte_start,
            b.statement.kind,
        ))
    });
    let counts = [
        (outlet.states.len(), "statement"),
        (outlet.denies.len(), "denial"),
        (outlet.mentions.len(), "mention"),
    ];
    let summary: Vec<String> = counts
        .iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, word)| plural(*count, word))
        .collect();
    let code = if outlet.is_stating() {
        "states"
    } else if !outlet.denies.is_empty() {
        "denies"
    } else {
        "mentions"
    };
    let spans: Vec<(&Span, String, bool)> = items
        .iter()
        .map(|item| (item.span(), label(item), true))
        .collect();
    let (files, labels, notes) = label_spans(&spans, originals);
    let shown = Shown::note()
        .with_code(code)
        .with_message(format!("{}: {}", outlet.name, summary.join(", ")))
        .with_labels(labels)
        .with_notes(notes);
    (files, shown)
}

fn label(item: &Item) -> String {
    let word = match item.statement.kind {
        StatementKind::States => "states",
        StatementKind::Denies => "denies",
        StatementKind::Mentions => "mentions",
    };
    match &item.statement.value {
        Some(extracted) => format!("{word} {}", extracted.value.canonical()),
        None => word.to_owned(),
    }
}
