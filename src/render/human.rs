//! `--format human`: rustc-style diagnostics through codespan-reporting, with
//! the other sources' spans as secondary labels in their own files.

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Shown, Label, Severity as ShownSeverity};
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use super::sources::{Excerpts, Originals};
use super::{plural, Renderer, Report};
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::problem::Problem;
use crate::span::Span;

pub struct Human;

impl Renderer for Human {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut originals = Originals::default();
        for file in &report.rules.files {
            originals.insert(&file.path, &file.text);
        }
        let mut buffer = if report.color { Buffer::ansi() } else { Buffer::no_color() };
        let config = Config::default();
        for diagnostic in report.diagnostics {
            let (files, shown) = to_codespan(diagnostic, &mut originals);
            term::emit_to_write_style(&mut buffer, &config, &files, &shown).map_err(io::Error::other)?;
        }
        if !report.quiet {
            let summary = report.summary();
            let verdict = summary.verdict();
            let suppressed = match report.outcome.suppressed {
                0 => String::new(),
                n => format!("; {} suppressed", n),
            };
            writeln!(
                buffer,
                "{verdict} in {} from {} ({} rules){suppressed}",
                plural(summary.sources, "article"),
                plural(summary.outlets, "outlet"),
                summary.rules
            )?;
        }
        out.write_all(buffer.as_slice())
    }
}

/// What the primary label says: how this span bears on the claim.
fn primary_label(diagnostic: &Diagnostic) -> String {
    let claim = &diagnostic.claim;
    match diagnostic.kind {
        Kind::Uncorroborated | Kind::Overstated => format!("states: {claim}"),
        Kind::Unstated => format!("claim: {claim}"),
        Kind::Conflict => format!("{}: {claim}", diagnostic.value.as_deref().unwrap_or("value")),
        Kind::Missing => format!("mentioned here, never states: {claim}"),
        Kind::Contradiction => format!("denies: {claim}"),
        Kind::Unreadable | Kind::InvalidSuppression => String::new(),
    }
}

fn to_codespan(diagnostic: &Diagnostic, originals: &mut Originals) -> (Excerpts, Shown<usize>) {
    let mut spans: Vec<(&Span, String, bool)> = vec![(&diagnostic.primary, primary_label(diagnostic), true)];
    spans.extend(diagnostic.related.iter().map(|related| (&related.span, related.message.clone(), false)));

    let mut files = Excerpts::default();
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    // Group spans by file, keeping the first appearance order.
    let mut paths: Vec<&str> = Vec::new();
    for (span, _, _) in &spans {
        if !paths.contains(&span.path.as_str()) {
            paths.push(&span.path);
        }
    }
    for path in paths {
        let in_file: Vec<&(&Span, String, bool)> = spans.iter().filter(|(span, _, _)| span.path == path).collect();
        let original =
            originals.get(path).filter(|text| in_file.iter().all(|(span, _, _)| text.get(span.byte_start..span.byte_end) == Some(span.text.as_str())));
        match original {
            Some(text) => {
                let ranges: Vec<Range<usize>> = in_file.iter().map(|(span, _, _)| span.byte_start..span.byte_end).collect();
                let (id, mapped) = files.add(path, text, &ranges);
                for ((_, message, primary), range) in in_file.iter().zip(mapped) {
                    let label = if *primary { Label::primary(id, range) } else { Label::secondary(id, range) };
                    labels.push(label.with_message(message));
                }
            }
            // The file changed or vanished since it was read: say where, without a snippet.
            None => notes.extend(in_file.iter().map(|(span, message, _)| format!("{}:{}:{}: {message} `{}`", span.path, span.line, span.column, span.text))),
        }
    }
    notes.extend(diagnostic.notes.iter().cloned());
    if let Some(suggestion) = &diagnostic.suggestion {
        notes.push(format!("help: {}", suggestion.message));
    }
    let mut message = diagnostic.message.clone();
    if diagnostic.kind == Kind::Unreadable {
        message = format!("{}: {message}", diagnostic.primary.path);
    }
    let shown = Shown::new(severity(diagnostic.severity))
        .with_code(format!("{}/{}", diagnostic.rule, diagnostic.kind))
        .with_message(message)
        .with_labels(labels)
        .with_notes(notes);
    (files, shown)
}

fn severity(severity: Severity) -> ShownSeverity {
    match severity {
        Severity::Error => ShownSeverity::Error,
        Severity::Warning => ShownSeverity::Warning,
        Severity::Note => ShownSeverity::Note,
    }
}

/// Problems with the configuration or rules, as errors at their places.
pub fn render_problems(problems: &[Problem], texts: &[(String, String)], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut originals = Originals::default();
    for (path, text) in texts {
        originals.insert(path, text);
    }
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    let config = Config::default();
    for problem in problems {
        let mut files = Excerpts::default();
        let mut shown = Shown::error().with_message(&problem.message).with_notes(problem.notes.clone());
        match (&problem.path, &problem.range) {
            (Some(path), Some(range)) if originals.get(path).is_some_and(|text| text.get(range.clone()).is_some()) => {
                let text = originals.get(path).unwrap_or_default();
                let (id, mapped) = files.add(path, text, std::slice::from_ref(range));
                shown = shown.with_labels(vec![Label::primary(id, mapped[0].clone()).with_message(&problem.label)]);
            }
            (Some(path), _) => shown = shown.with_message(format!("{path}: {}", problem.message)),
            (None, _) => {}
        }
        term::emit_to_write_style(&mut buffer, &config, &files, &shown).map_err(io::Error::other)?;
    }
    writeln!(buffer, "error: nothing was linted: {}", plural(problems.len(), "problem"))?;
    out.write_all(buffer.as_slice())
}
