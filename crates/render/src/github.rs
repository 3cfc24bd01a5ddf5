//! `--format github`: workflow commands that GitHub Actions turns into
//! annotations on the article's lines (SPEC §7), most severe first.
//!
//! GitHub shows at most 10 error, 10 warning and 10 notice annotations per
//! step (and 50 per job); the rest stay in the log only. When some would be
//! hidden, a closing notice counts them. That notice must be among the
//! notices shown, so notes past the ninth are then printed as plain lines.

use std::io::{self, Write};

use super::{Renderer, Report};
use crosscheck_engine::diagnostic::{Counts, Diagnostic, Severity};
use crosscheck_engine::wording::plural;

pub struct Github;

/// Annotations of one level GitHub shows per step.
pub const SHOWN_PER_LEVEL: usize = 10;

impl Renderer for Github {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut ordered: Vec<&Diagnostic> = report.diagnostics.iter().collect();
        // Stable: within a level, the order of SPEC §6 stays.
        ordered.sort_by_key(|diagnostic| std::cmp::Reverse(diagnostic.severity));
        let counts = Counts::of(report.diagnostics);
        let closing = !report.quiet
            && (counts.errors > SHOWN_PER_LEVEL
                || counts.warnings > SHOWN_PER_LEVEL
                || counts.notes > SHOWN_PER_LEVEL);
        let annotated_notes = if closing {
            SHOWN_PER_LEVEL - 1
        } else {
            counts.notes
        };
        let mut notes = 0;
        for diagnostic in ordered {
            if diagnostic.severity == Severity::Note {
                notes += 1;
                if notes > annotated_notes {
                    writeln!(out, "{}", plain(diagnostic))?;
                    continue;
                }
            }
            writeln!(out, "{}", command(diagnostic))?;
        }
        if closing {
            let hidden = Counts {
                errors: counts.errors.saturating_sub(SHOWN_PER_LEVEL),
                warnings: counts.warnings.saturating_sub(SHOWN_PER_LEVEL),
                notes: counts.notes.saturating_sub(annotated_notes),
            };
            let verb = if hidden.errors + hidden.warnings + hidden.notes == 1 {
                "is"
            } else {
                "are"
            };
            let hidden: Vec<String> = [
                (hidden.errors, "error"),
                (hidden.warnings, "warning"),
                (hidden.notes, "note"),
            ]
            .into_iter()
            .filter(|(count, _)| *count > 0)
            .map(|(count, word)| plural(count, word))
            .collect();
            let message = format!(
                "crosscheck found {}, {} and {}. GitHub shows at most {SHOWN_PER_LEVEL} error, {SHOWN_PER_LEVEL} warning and {SHOWN_PER_LEVEL} notice annotations per step (50 per job): {} {verb} not annotated; this log and the job summary list every finding.",
                plural(counts.errors, "error"),
                plural(counts.warnings, "warning"),
                plural(counts.notes, "note"),
                hidden.join(", "),
            );
            writeln!(
                out,
                "::notice title={}::{}",
                property("crosscheck: findings not annotated"),
                data(&message)
            )?;
        }
        Ok(())
    }
}

/// `::warning file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`,
/// with the related spans, notes and suggestion on further lines of the message.
fn command(diagnostic: &Diagnostic) -> String {
    let level = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let span = &diagnostic.primary;
    let mut properties = vec![
        format!("file={}", property(&span.path)),
        format!("line={}", span.line),
    ];
    if span.end_line != span.line {
        properties.push(format!("endLine={}", span.end_line));
    } else if span.end_column > span.column {
        // Columns only within one line: GitHub ignores them on a span across lines.
        properties.push(format!("col={}", span.column));
        properties.push(format!("endColumn={}", span.end_column));
    }
    properties.push(format!(
        "title={}",
        property(&format!(
            "crosscheck {}: {}",
            diagnostic.rule, diagnostic.kind
        ))
    ));
    let mut message = diagnostic.message.clone();
    for related in &diagnostic.related {
        let at = &related.span;
        let words: Vec<&str> = at.text.split_whitespace().collect();
        message.push_str(&format!(
            "\n{}:{}:{}: {}: \"{}\"",
            at.path,
            at.line,
            at.column,
            related.message,
            words.join(" ")
        ));
    }
    for note in &diagnostic.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    if let Some(suggestion) = &diagnostic.suggestion {
        message.push_str(&format!("\nhelp: {}", suggestion.message));
    }
    format!("::{level} {}::{}", properties.join(","), data(&message))
}

/// A diagnostic GitHub would not annotate, as a plain log line.
fn plain(diagnostic: &Diagnostic) -> String {
    let span = &diagnostic.primary;
    let message = diagnostic.message.replace(['\r', '\n'], " ");
    format!(
        "{}:{}:{}: {}[{}/{}]: {message}",
        span.path, span.line, span.column, diagnostic.severity, diagnostic.rule, diagnostic.kind
    )
}

/// Escapes a command's message, as GitHub's toolkit does.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: a message's escapes, plus `:` and `,`.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(
            data("50% of 3:2, done\r\nnext"),
            "50%25 of 3:2, done%0D%0Anext"
        );
        assert_eq!(property("a%b:c,d\ne"), "a%25b%3Ac%2Cd%0Ae");
    }
}
