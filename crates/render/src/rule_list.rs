//! `crosscheck rules list`: one aligned line per rule with its id,
//! severity, claim and where it is defined (`file:line`).

use std::io::{self, Write};

use crosscheck_engine::rules::RuleSet;
use crosscheck_engine::span::LineIndex;

pub fn render(rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    if rules.rules.is_empty() {
        return writeln!(out, "no rules");
    }
    let rows: Vec<[String; 4]> = rules
        .rules
        .iter()
        .map(|rule| {
            let place = match rules.file(&rule.origin.path) {
                Some(file) => format!(
                    "{}:{}",
                    rule.origin.path,
                    LineIndex::new(&file.text)
                        .position(&file.text, rule.origin.range.start)
                        .0
                ),
                None => rule.origin.path.clone(),
            };
            [
                rule.id.clone(),
                rule.severity.to_string(),
                rule.claim.clone(),
                place,
            ]
        })
        .collect();
    let header = ["ID", "SEVERITY", "CLAIM", "DEFINED AT"].map(str::to_owned);
    let widths: Vec<usize> = (0..4)
        .map(|col| {
            rows.iter()
                .chain([&header])
                .map(|row| row[col].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in [&header].into_iter().chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.chars().count())))
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}
