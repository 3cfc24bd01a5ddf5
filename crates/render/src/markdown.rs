//! `--format markdown`: a summary for a pull request or a GitHub Actions job
//! summary (SPEC §7): the counts, a table of the findings linked to their
//! lines, and the claims × outlets matrix. GitHub refuses a step summary
//! over 1 MiB, so the document stays under [`BUDGET`]: findings past it are
//! counted instead of listed, and a matrix too large for what is left is cut
//! to the stories that have findings, then to as many of those as fit.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::links::uri;
use super::matrix_markdown::{self, escape};
use super::{Renderer, Report};
use crosscheck_engine::diagnostic::{Diagnostic, Severity};
use crosscheck_engine::matrix::{Matrix, Row};
use crosscheck_engine::span::Span;
use crosscheck_engine::wording::plural;

/// Bytes the whole summary may take: GitHub's 1 MiB, less room for the
/// lines that say what was left out.
pub const BUDGET: usize = (1 << 20) - 4096;

pub struct Markdown;

/// How file links are written: into the commit under test when the report
/// knows it ([`crate::Context::blob_base`]), else relative to the working directory.
struct Links<'a> {
    blob_base: Option<&'a str>,
}

impl Links<'_> {
    fn link(&self, span: &Span) -> String {
        let lines = if span.end_line > span.line {
            format!("L{}-L{}", span.line, span.end_line)
        } else {
            format!("L{}", span.line)
        };
        let base = if span.path.starts_with('/') {
            ""
        } else {
            self.blob_base.unwrap_or_default()
        };
        format!("{base}{}#{lines}", uri(&span.path))
    }

    /// `[path:line](address)`.
    fn location(&self, span: &Span, label: &str) -> String {
        format!("[{}]({})", escape(label), self.link(span))
    }

    fn row(&self, diagnostic: &Diagnostic) -> String {
        let icon = match diagnostic.severity {
            Severity::Error => "❌",
            Severity::Warning => "⚠️",
            Severity::Note => "ℹ️",
        };
        let span = &diagnostic.primary;
        let mut finding = escape(&diagnostic.message);
        for related in &diagnostic.related {
            let at = &related.span;
            finding.push_str(&format!(
                "<br>↳ {}",
                self.location(at, &format!("{}: {}:{}", related.message, at.path, at.line))
            ));
        }
        if let Some(suggestion) = &diagnostic.suggestion {
            finding.push_str(&format!("<br>help: {}", escape(&suggestion.message)));
        }
        format!(
            "| {icon} {} | {} | `{}` {} | {finding} |\n",
            diagnostic.severity,
            self.location(span, &format!("{}:{}", span.path, span.line)),
            diagnostic.rule.replace('`', "'"),
            diagnostic.kind
        )
    }
}

impl Renderer for Markdown {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let links = Links {
            blob_base: report.context.blob_base.as_deref(),
        };
        let mut document = String::new();
        if !report.quiet {
            let summary = report.summary();
            document.push_str("## crosscheck\n\n");
            let verdict = if report.diagnostics.is_empty() {
                "✅ No findings".to_owned()
            } else {
                format!(
                    "**{}**, **{}** and **{}**",
                    plural(summary.errors, "error"),
                    plural(summary.warnings, "warning"),
                    plural(summary.notes, "note")
                )
            };
            document.push_str(&format!(
                "{verdict} in {} from {} ({}).\n\n",
                plural(summary.sources, "article"),
                plural(summary.outlets, "outlet"),
                plural(summary.rules, "rule")
            ));
            let elsewhere = elsewhere(report);
            if elsewhere > 0 {
                let verb = if elsewhere == 1 { "is" } else { "are" };
                document
                    .push_str(&format!("{} elsewhere in the corpus, outside the articles under review, {verb} not shown.\n\n", plural(elsewhere, "finding")));
            }
        }
        if !report.diagnostics.is_empty() {
            document.push_str("| Severity | Location | Rule | Finding |\n|---|---|---|---|\n");
            // Most severe first, so that what the budget cuts is the least severe.
            let mut ordered: Vec<&Diagnostic> = report.diagnostics.iter().collect();
            ordered.sort_by_key(|diagnostic| std::cmp::Reverse(diagnostic.severity));
            let mut listed = 0;
            for diagnostic in ordered {
                let row = links.row(diagnostic);
                if document.len() + row.len() > BUDGET {
                    break;
                }
                document.push_str(&row);
                listed += 1;
            }
            let unlisted = report.diagnostics.len() - listed;
            if unlisted > 0 {
                let findings = if unlisted == 1 { "finding" } else { "findings" };
                document.push_str(&format!(
                    "\n… and {unlisted} more {findings}, not listed: GitHub limits a job summary to 1 MiB. `crosscheck lint` lists them all.\n"
                ));
            }
            document.push('\n');
        }
        if !report.quiet {
            document.push_str(&matrix_section(
                report,
                &links,
                BUDGET.saturating_sub(document.len()),
            )?);
        }
        out.write_all(document.as_bytes())
    }
}

/// Findings of the whole run that the report does not show (`--focus`).
fn elsewhere(report: &Report) -> usize {
    let key = |d: &'_ Diagnostic| {
        (
            d.primary.path.clone(),
            d.primary.byte_start,
            d.rule.clone(),
            d.kind,
        )
    };
    let shown: BTreeSet<_> = report.diagnostics.iter().map(key).collect();
    report
        .outcome
        .diagnostics
        .iter()
        .filter(|d| !shown.contains(&key(d)))
        .count()
}

/// The claims × outlets matrix in at most `room` bytes: whole, else the
/// stories with findings (as many as fit), else a line saying why not.
fn matrix_section(report: &Report, links: &Links, room: usize) -> io::Result<String> {
    const HEADING: &str = "<details><summary>Claims × outlets</summary>\n\n";
    const CLOSING: &str = "\n</details>\n";
    let link = |span: &Span| Some(links.link(span));
    let render = |matrix: &Matrix| -> io::Result<String> {
        let mut bytes = Vec::new();
        matrix_markdown::render(matrix, &link, &mut bytes)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };
    let room = room.saturating_sub(HEADING.len() + CLOSING.len());
    let matrix = Matrix::build(
        report.rules,
        &report.outcome.records,
        &report.outcome.diagnostics,
    );
    let whole = render(&matrix)?;
    if whole.len() <= room {
        return Ok(format!("{HEADING}{whole}{CLOSING}"));
    }

    let paths: BTreeSet<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.primary.path.as_str())
        .collect();
    let stories: BTreeSet<&str> = report
        .outcome
        .records
        .iter()
        .filter(|record| paths.contains(record.path.as_str()))
        .map(|record| record.story.as_str())
        .collect();
    let all_stories: BTreeSet<&str> = matrix.claims.iter().map(|row| row.story.as_str()).collect();
    let mut kept: Vec<Row> = Vec::new();
    let mut used = 0;
    for story in &stories {
        let rows: Vec<Row> = matrix
            .claims
            .iter()
            .filter(|row| row.story == *story)
            .cloned()
            .collect();
        // Rendered alone, a story carries the legend too: an overestimate, so the sum stays safe.
        let size = render(&Matrix {
            version: matrix.version,
            outlets: matrix.outlets.clone(),
            claims: rows.clone(),
        })?
        .len();
        if used + size > room {
            break;
        }
        used += size;
        kept.extend(rows);
    }
    let kept_stories = kept
        .iter()
        .map(|row| row.story.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    if kept_stories == 0 {
        return Ok("The claims × outlets matrix does not fit in a job summary; `crosscheck matrix` shows it.\n".to_owned());
    }
    let part = render(&Matrix {
        version: matrix.version,
        outlets: matrix.outlets.clone(),
        claims: kept,
    })?;
    Ok(format!(
        "{HEADING}The whole matrix does not fit in a job summary; these are {kept_stories} of its {} stories, those of the findings above. \
         `crosscheck matrix` shows them all.\n\n{part}{CLOSING}",
        all_stories.len()
    ))
}
