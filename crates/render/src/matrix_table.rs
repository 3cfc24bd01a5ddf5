//! `crosscheck matrix`: the claims × outlets table for a terminal. One table
//! per story; columns are outlets, named in the header when they fit, else
//! numbered with a key below; a table wider than a terminal is cut into
//! groups of columns that each repeat the rule ids, so 30 outlets × 50
//! claims stay readable.

use std::io::{self, Write};

use crosscheck_engine::matrix::{Cell, Matrix, Row};

/// Widest cell text before it is cut.
const CELL_WIDTH: usize = 12;
/// Outlet names used as column headers when all are this short…
const HEADER_WIDTH: usize = 16;
/// …and there are at most this many.
const NAMED_COLUMNS: usize = 8;
/// Widest line of a table before its columns are cut into groups.
const TABLE_WIDTH: usize = 120;

pub fn render(matrix: &Matrix, out: &mut dyn Write) -> io::Result<()> {
    let stories = matrix.stories();
    if stories.is_empty() {
        return writeln!(out, "no claims: no rule applies to any article");
    }
    for (index, (story, rows)) in stories.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        story_table(story, rows, out)?;
    }
    writeln!(
        out,
        "\n✓ states  ✗ denies  ✓✗ both  ~ mentions  · silent  ! value in conflict"
    )
}

fn story_table(story: &str, rows: &[&Row], out: &mut dyn Write) -> io::Result<()> {
    let outlets: Vec<&str> = rows[0].cells.keys().map(String::as_str).collect();
    let named =
        outlets.len() <= NAMED_COLUMNS && outlets.iter().all(|name| width(name) <= HEADER_WIDTH);
    let headers: Vec<String> = if named {
        outlets.iter().map(|name| (*name).to_owned()).collect()
    } else {
        (1..=outlets.len()).map(|n| n.to_string()).collect()
    };
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            outlets
                .iter()
                .map(|outlet| cell_text(&row.cells[*outlet]))
                .collect()
        })
        .collect();
    let first_width = rows
        .iter()
        .map(|row| width(&row.rule))
        .max()
        .unwrap_or(0)
        .max(5);
    let widths: Vec<usize> = (0..outlets.len())
        .map(|col| {
            texts
                .iter()
                .map(|row| width(&row[col]))
                .chain([width(&headers[col])])
                .max()
                .unwrap_or(1)
        })
        .collect();

    writeln!(
        out,
        "story {story}: {} outlets, {} claims",
        outlets.len(),
        rows.len()
    )?;
    for (index, columns) in column_groups(first_width, &widths).into_iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        let line = |first: &str, cells: &[String]| {
            let shown: Vec<String> = columns
                .clone()
                .map(|col| pad(&cells[col], widths[col]))
                .collect();
            format!("{}  {}", pad(first, first_width), shown.join("  "))
                .trim_end()
                .to_owned()
        };
        writeln!(out, "{}", line("", &headers))?;
        for (row, cells) in rows.iter().zip(&texts) {
            writeln!(out, "{}", line(&row.rule, cells))?;
        }
    }
    if !named {
        for (number, outlet) in outlets.iter().enumerate() {
            writeln!(out, "  {:>3} = {outlet}", number + 1)?;
        }
    }
    Ok(())
}

/// Consecutive columns that fit in [`TABLE_WIDTH`] beside the rule ids
/// (at least one column each).
fn column_groups(first_width: usize, widths: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut groups = Vec::new();
    let mut start = 0;
    let mut line = first_width;
    for (col, width_) in widths.iter().enumerate() {
        if col > start && line + 2 + width_ > TABLE_WIDTH {
            groups.push(start..col);
            start = col;
            line = first_width;
        }
        line += 2 + width_;
    }
    groups.push(start..widths.len());
    groups
}

fn cell_text(cell: &Cell) -> String {
    let text = cell.summary("/").unwrap_or_else(|| "·".to_owned());
    let mut text = if width(&text) > CELL_WIDTH {
        format!("{}…", text.chars().take(CELL_WIDTH - 1).collect::<String>())
    } else {
        text
    };
    if cell.conflict {
        text.push('!');
    }
    text
}

fn width(text: &str) -> usize {
    text.chars().count()
}

fn pad(text: &str, width_: usize) -> String {
    format!("{text}{}", " ".repeat(width_.saturating_sub(width(text))))
}
