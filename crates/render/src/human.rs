//! `--format human`: rustc-style diagnostics through codespan-reporting, with
//! the other sources' spans as secondary labels in their own files.

use codespan_reporting::diagnostic::{Diagnostic as Shown, Label, Severity as ShownSeverity};
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};
use std::io::{self, Write};
use std::path::Path;

use super::sources::{label_spans, Excerpts, Originals};
use super::{Renderer, Report};
use crosscheck_engine::diagnostic::{Diagnostic, Kind, Severity};
use crosscheck_engine::problem::Problem;
use crosscheck_engine::rules::RuleSet;
use crosscheck_engine::span::Span;
use crosscheck_engine::wording::plural;

pub struct Human;

impl Renderer for Human {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut buffer = if report.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        emit(
            report.diagnostics,
            report.rules,
            &report.context.root,
            &mut buffer,
            out,
        )?;
        if !report.quiet {
            let summary = report.summary();
            let verdict = summary.verdict();
            let suppressed = match report.outcome.suppressed {
                0 => String::new(),
                n => format!("; {} suppressed", n),
            };
            writeln!(
                buffer,
                "{verdict} in {} from {} ({}){suppressed}",
                plural(summary.sources, "article"),
                plural(summary.outlets, "outlet"),
                plural(summary.rules, "rule")
            )?;
        }
        out.write_all(buffer.as_slice())
    }
}

/// Diagnostics without a summary (rule test failures), in the human style.
/// Articles are read by their shown paths under `root`.
pub fn render_diagnostics(
    diagnostics: &[Diagnostic],
    rules: &RuleSet,
    root: &Path,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    emit(diagnostics, rules, root, &mut buffer, out)?;
    out.write_all(buffer.as_slice())
}

/// Output held in a buffer before it is written out.
const BUFFERED: usize = 64 * 1024;

/// Each diagnostic with its snippets; rule files are known without reading
/// them again. The buffer is written to `out` as it fills, so that a huge
/// output is not held in memory; what is left in it is for the caller to write.
fn emit(
    diagnostics: &[Diagnostic],
    rules: &RuleSet,
    root: &Path,
    buffer: &mut Buffer,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut originals = Originals::new(root);
    for file in &rules.files {
        originals.insert(&file.path, &file.text);
    }
    let config = Config::default();
    for diagnostic in diagnostics {
        let (files, shown) = to_codespan(diagnostic, &mut originals);
        term::emit_to_write_style(buffer, &config, &files, &shown).map_err(io::Error::other)?;
        if buffer.len() >= BUFFERED {
            out.write_all(buffer.as_slice())?;
            buffer.clear();
        }
    }
    Ok(())
}

/// What the primary label says: how this span bears on the claim.
fn primary_label(diagnostic: &Diagnostic) -> String {
    let claim = &diagnostic.claim;
    match diagnostic.kind {
        Kind::Uncorroborated | Kind::Overstated => format!("states: {claim}"),
        Kind::Unstated => format!("claim: {claim}"),
        Kind::Conflict => format!(
            "{}: {claim}",
            diagnostic.value.as_deref().unwrap_or("value")
        ),
        Kind::Missing => format!("mentioned here, never states: {claim}"),
        Kind::Contradiction => format!("denies: {claim}"),
        Kind::TestFailure => format!("claim: {claim}"),
        Kind::Unreadable | Kind::InvalidSuppression => String::new(),
    }
}

fn to_codespan(diagnostic: &Diagnostic, originals: &mut Originals) -> (Excerpts, Shown<usize>) {
    let mut message = diagnostic.message.clone();
    let (files, labels, mut notes) = if diagnostic.kind == Kind::Unreadable {
        // The file is not text worth quoting (binary, not UTF-8): name the place only.
        let primary = &diagnostic.primary;
        message = format!(
            "{}:{}:{}: {message}",
            primary.path, primary.line, primary.column
        );
        (Excerpts::default(), Vec::new(), Vec::new())
    } else {
        let mut spans: Vec<(&Span, String, bool)> =
            vec![(&diagnostic.primary, primary_label(diagnostic), true)];
        spans.extend(
            diagnostic
                .related
                .iter()
                .map(|related| (&related.span, related.message.clone(), false)),
        );
        label_spans(&spans, originals)
    };
    notes.extend(diagnostic.notes.iter().cloned());
    if let Some(suggestion) = &diagnostic.suggestion {
        notes.push(format!("help: {}", suggestion.message));
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

/// Problems with the configuration or rules, as errors at their places,
/// closed by `error: {verdict}: N problems`. `texts` are the files the
/// problems are in, already read: nothing else is.
pub fn render_problems(
    problems: &[Problem],
    texts: &[(String, String)],
    color: bool,
    verdict: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut originals = Originals::known(texts);
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for problem in problems {
        let mut files = Excerpts::default();
        let mut shown = Shown::error()
            .with_message(&problem.message)
            .with_notes(problem.notes.clone());
        let original = problem
            .path
            .as_deref()
            .filter(|_| problem.range.is_some())
            .and_then(|path| originals.get(path));
        match (&problem.path, &problem.range, original) {
            (Some(path), Some(range), Some(original))
                if original.text().get(range.clone()).is_some() =>
            {
                let (id, mapped) = files.add(path, original, std::slice::from_ref(range));
                shown = shown.with_labels(vec![
                    Label::primary(id, mapped[0].clone()).with_message(&problem.label)
                ]);
            }
            (Some(path), _, _) => {
                shown = shown.with_message(format!("{path}: {}", problem.message))
            }
            (None, _, _) => {}
        }
        term::emit_to_write_style(&mut buffer, &config, &files, &shown)
            .map_err(io::Error::other)?;
    }
    writeln!(
        buffer,
        "error: {verdict}: {}",
        plural(problems.len(), "problem")
    )?;
    out.write_all(buffer.as_slice())
}
