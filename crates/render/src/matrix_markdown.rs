//! The claims × outlets matrix as Markdown tables, one per story, for
//! `crosscheck matrix --format markdown` and pull-request summaries.

use std::io::{self, Write};

use crosscheck_engine::matrix::{Cell, Matrix};
use crosscheck_engine::span::Span;

/// Writes the matrix; `link` gives the address a cell's first span links to
/// (none: cells are plain text).
pub fn render(
    matrix: &Matrix,
    link: &dyn Fn(&Span) -> Option<String>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let stories = matrix.stories();
    if stories.is_empty() {
        return writeln!(out, "_No rule applies to any article._");
    }
    for (story, rows) in stories {
        let outlets: Vec<&str> = rows[0].cells.keys().map(String::as_str).collect();
        writeln!(
            out,
            "**Story `{}`**: {} outlets, {} claims\n",
            escape(story),
            outlets.len(),
            rows.len()
        )?;
        write!(out, "| claim |")?;
        for outlet in &outlets {
            write!(out, " {} |", escape(outlet))?;
        }
        writeln!(out)?;
        writeln!(out, "|---|{}", "---|".repeat(outlets.len()))?;
        for row in rows {
            write!(out, "| `{}` {} |", row.rule, escape(&row.claim))?;
            for outlet in &outlets {
                write!(out, " {} |", cell(&row.cells[*outlet], link))?;
            }
            writeln!(out)?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "✓ states · ✗ denies · ✓✗ both · ~ mentions · blank: silent · ⚠️ value in conflict"
    )
}

fn cell(cell: &Cell, link: &dyn Fn(&Span) -> Option<String>) -> String {
    let Some(text) = cell.summary(" / ") else {
        return String::new();
    };
    let text = escape(&text);
    let text = if cell.conflict {
        format!("{text} ⚠️")
    } else {
        text
    };
    match cell.spans.first().and_then(|span| link(&span.span)) {
        Some(address) => format!("[{text}]({address})"),
        None => text,
    }
}

/// Escapes what Markdown table cells would read as markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
