//! The statements table: what `crosscheck extract` writes (the map step) and
//! `crosscheck lint --statements` judges (the reduce step), as JSON Lines.
//! docs/scaling.md documents the format.
//!
//! Every table opens with a header naming the rules and configuration it was
//! extracted with, so that the reduce step refuses tables that would judge
//! differently from a single run. Then come, per article in path order, an
//! `article` line and its `statement` lines, and an `unreadable` line for
//! every file that could not be read.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::accepted::Suppressions;
use crate::cache::statements_shape;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::paths::Input;
use crate::problem::Problem;
use crate::record::ArticleRecord;
use crate::rules::RuleSet;
use crate::span::Span;
use crate::statements::{Extracted, Statement, StatementKind};
use crate::values;

/// The header's `format`.
pub const FORMAT: &str = "crosscheck-statements";
/// The header's `version`: a table of another version is refused.
pub const VERSION: u32 = 1;
/// A table with this many problems is read no further.
const MAX_PROBLEMS: usize = 10;

/// One line of a table.
#[derive(Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "lowercase")]
enum Line<'a> {
    Header {
        format: Cow<'a, str>,
        version: u32,
        /// The crosscheck version that wrote it (information only).
        crosscheck: Cow<'a, str>,
        /// A hash of the rules and configuration, as far as they decide statements.
        rules: Cow<'a, str>,
    },
    Article {
        path: Cow<'a, str>,
        outlet: Cow<'a, str>,
        story: Cow<'a, str>,
        /// Front-matter `date` as written.
        date: Option<Cow<'a, str>>,
        /// The same date normalized, for oldest-first ordering.
        sort_date: Option<Cow<'a, str>>,
        /// Its suppression comments and the text they hide, when it has any.
        #[serde(default, skip_serializing_if = "Suppressions::is_empty")]
        suppressions: Cow<'a, Suppressions>,
    },
    Statement {
        rule: Cow<'a, str>,
        kind: StatementKind,
        story: Cow<'a, str>,
        outlet: Cow<'a, str>,
        date: Option<Cow<'a, str>>,
        span: Cow<'a, Span>,
        /// The extracted value, normalized.
        value: Option<Cow<'a, str>>,
        value_span: Option<Cow<'a, Span>>,
    },
    Unreadable {
        diagnostic: Cow<'a, Diagnostic>,
    },
}

/// Writes the table of `records` (in path order) and of the files that
/// could not be read.
pub fn write(
    rules: &RuleSet,
    config: &Config,
    records: &[ArticleRecord],
    unreadable: &[Diagnostic],
    out: &mut dyn Write,
) -> io::Result<()> {
    let shape = statements_shape(rules, config).to_hex();
    let header = Line::Header {
        format: FORMAT.into(),
        version: VERSION,
        crosscheck: env!("CARGO_PKG_VERSION").into(),
        rules: shape.as_str().into(),
    };
    write_line(out, &header)?;
    for diagnostic in unreadable {
        write_line(
            out,
            &Line::Unreadable {
                diagnostic: Cow::Borrowed(diagnostic),
            },
        )?;
    }
    for record in records {
        let date = record.date.as_deref().map(Cow::Borrowed);
        let article = Line::Article {
            path: record.path.as_str().into(),
            outlet: record.outlet.as_str().into(),
            story: record.story.as_str().into(),
            date: date.clone(),
            sort_date: record.sort_date.as_deref().map(Cow::Borrowed),
            suppressions: Cow::Borrowed(&record.suppressions),
        };
        write_line(out, &article)?;
        for statement in &record.statements {
            let line = Line::Statement {
                rule: rules.rules[statement.rule].id.as_str().into(),
                kind: statement.kind,
                story: record.story.as_str().into(),
                outlet: record.outlet.as_str().into(),
                date: date.clone(),
                span: Cow::Borrowed(&statement.span),
                value: statement
                    .value
                    .as_ref()
                    .map(|extracted| extracted.value.canonical().into()),
                value_span: statement
                    .value
                    .as_ref()
                    .map(|extracted| Cow::Borrowed(&extracted.span)),
            };
            write_line(out, &line)?;
        }
    }
    Ok(())
}

fn write_line(out: &mut dyn Write, line: &Line) -> io::Result<()> {
    serde_json::to_writer(&mut *out, line)?;
    out.write_all(b"\n")
}

/// The records (in path order) and unreadable-file diagnostics of the
/// articles in `tables`, as a run over the articles themselves gives them;
/// or every problem found in the tables.
pub fn read(
    rules: &RuleSet,
    config: &Config,
    tables: &[Input],
) -> Result<(Vec<ArticleRecord>, Vec<Diagnostic>), Vec<Problem>> {
    let mut reading = Reading {
        rules,
        config,
        shape: statements_shape(rules, config).to_hex().to_string(),
        rule_index: rules
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| (rule.id.as_str(), index))
            .collect(),
        records: HashMap::new(),
        statements: Vec::new(),
        unreadable: Vec::new(),
        problems: Vec::new(),
    };
    for table in tables {
        if let Err(error) = reading.table(table) {
            reading.problems.push(
                Problem::new(format!("cannot read the statements table: {error}"))
                    .in_file(&table.shown),
            );
        }
    }
    let Reading {
        mut records,
        statements,
        unreadable,
        mut problems,
        ..
    } = reading;
    for (statement, at) in statements {
        match records.get_mut(&statement.span.path) {
            Some((record, _)) => record.statements.push(statement),
            None => problems.push(at.problem(
                format!(
                    "no `article` line names `{}`, the path of this statement",
                    statement.span.path
                ),
                "this statement",
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut records: Vec<ArticleRecord> = records.into_values().map(|(record, _)| record).collect();
    records.sort_by(|a, b| a.path.cmp(&b.path));
    for record in &mut records {
        // Rule order, then text order, as the articles give them.
        record.statements.sort_by_key(|statement| statement.rule);
    }
    Ok((records, unreadable))
}

/// A line of a table: which file, its number and its byte range there.
#[derive(Clone)]
struct At {
    table: String,
    line: usize,
    range: Range<usize>,
}

impl At {
    fn problem(&self, message: String, label: &str) -> Problem {
        Problem::new(message)
            .in_file(&self.table)
            .at(self.range.clone(), label)
    }
}

struct Reading<'r> {
    rules: &'r RuleSet,
    config: &'r Config,
    shape: String,
    rule_index: HashMap<&'r str, usize>,
    /// By path: the record, and where its article line is.
    records: HashMap<String, (ArticleRecord, At)>,
    statements: Vec<(Statement, At)>,
    unreadable: Vec<Diagnostic>,
    problems: Vec<Problem>,
}

impl Reading<'_> {
    fn table(&mut self, table: &Input) -> io::Result<()> {
        let mut lines = io::BufReader::new(std::fs::File::open(&table.disk)?);
        let mut text = String::new();
        let mut offset = 0;
        let mut header = false;
        let before = self.problems.len();
        for line in 1.. {
            text.clear();
            let read = lines.read_line(&mut text)?;
            if read == 0 {
                break;
            }
            let at = At {
                table: table.shown.clone(),
                line,
                range: offset..offset + text.trim_end().len(),
            };
            offset += read;
            if text.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Line>(&text) {
                Ok(line) if !header => {
                    header = true;
                    self.header(line, &at);
                    if self.problems.len() > before {
                        return Ok(()); // the rest would be judged wrongly anyway
                    }
                }
                Ok(line) => self.line(line, at),
                Err(error) => self.problems.push(at.problem(
                    format!("not a line of a statements table: {error}"),
                    "this line",
                )),
            }
            if self.problems.len() - before >= MAX_PROBLEMS {
                self.problems.push(
                    Problem::new(format!("stopped reading after {MAX_PROBLEMS} problems"))
                        .in_file(&table.shown),
                );
                return Ok(());
            }
        }
        if !header {
            self.problems.push(Problem::new("this statements table is empty: `crosscheck extract` writes a header line first").in_file(&table.shown));
        }
        Ok(())
    }

    fn header(&mut self, line: Line, at: &At) {
        let Line::Header {
            format,
            version,
            rules,
            ..
        } = line
        else {
            self.problems.push(at.problem(
                "a statements table must open with the header `crosscheck extract` writes".into(),
                "not a header",
            ));
            return;
        };
        if format != FORMAT || version != VERSION {
            self.problems.push(at.problem(
                format!("this is not a `{FORMAT}` table of version {VERSION}"),
                "this header",
            ));
        } else if rules != self.shape {
            self.problems.push(
                at.problem("these statements were extracted with other rules or another configuration".into(), "this header")
                    .with_note("extract and judge with the same rules and the same crosscheck.yaml (outlets, stories, date_order)"),
            );
        }
    }

    fn line(&mut self, line: Line, at: At) {
        match line {
            // Tables may be concatenated: each part opens with its header.
            header @ Line::Header { .. } => self.header(header, &at),
            Line::Unreadable { diagnostic } => self.unreadable.push(diagnostic.into_owned()),
            Line::Article {
                path,
                outlet,
                story,
                date,
                sort_date,
                suppressions,
            } => {
                let record = ArticleRecord {
                    path: path.into_owned(),
                    outlet: outlet.into_owned(),
                    story: story.into_owned(),
                    date: date.map(Cow::into_owned),
                    sort_date: sort_date.map(Cow::into_owned),
                    statements: Vec::new(),
                    suppressions: suppressions.into_owned(),
                };
                if let Some((_, first)) = self.records.get(&record.path) {
                    let note = format!("it is also at line {} of {}", first.line, first.table);
                    self.problems.push(
                        at.problem(
                            format!(
                                "article `{}` is in more than one statements table",
                                record.path
                            ),
                            "again here",
                        )
                        .with_note(note),
                    );
                } else {
                    self.records.insert(record.path.clone(), (record, at));
                }
            }
            Line::Statement {
                rule,
                kind,
                span,
                value,
                value_span,
                ..
            } => {
                let Some(&index) = self.rule_index.get(rule.as_ref()) else {
                    self.problems
                        .push(at.problem(format!("no rule has the id `{rule}`"), "this statement"));
                    return;
                };
                let value = match (value, value_span, &self.rules.rules[index].matching.extract) {
                    (None, None, _) => None,
                    (Some(value), Some(span), Some(extract)) => {
                        match values::parse(extract.kind, &value, self.config.date_order) {
                            Some(value) => Some(Extracted {
                                value,
                                span: span.into_owned(),
                            }),
                            None => {
                                let kind = serde_json::to_string(&extract.kind).unwrap_or_default();
                                self.problems.push(at.problem(
                                    format!(
                                        "the value `{value}` does not read as a {}",
                                        kind.trim_matches('"')
                                    ),
                                    "this statement",
                                ));
                                return;
                            }
                        }
                    }
                    _ => {
                        self.problems.push(
                            at.problem(format!("`value` and `value_span` go together, on statements of rules that `extract` (`{rule}`)"), "this statement"),
                        );
                        return;
                    }
                };
                self.statements.push((
                    Statement {
                        rule: index,
                        kind,
                        span: span.into_owned(),
                        value,
                    },
                    at,
                ));
            }
        }
    }
}
