//! Renderers: one file per output format, all behind [`Renderer`]. They
//! receive a finished [`Report`] and only format it.

#![forbid(unsafe_code)]

pub mod explain;
mod github;
mod html;
mod human;
mod json;
mod links;
mod markdown;
pub mod matrix_markdown;
pub mod matrix_table;
pub mod rule_list;
mod sarif;
mod short;
pub mod sources;

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crosscheck_engine::choice::Choice;
use crosscheck_engine::wording::plural;

use crosscheck_engine::diagnostic::{Counts, Diagnostic};
use crosscheck_engine::matrix::Matrix;
use crosscheck_engine::rules::RuleSet;
use crosscheck_engine::run::Outcome;

/// Everything a renderer may show.
pub struct Report<'a> {
    pub outcome: &'a Outcome,
    /// The diagnostics to show: the outcome's, or those of the focused files.
    pub diagnostics: &'a [Diagnostic],
    pub rules: &'a RuleSet,
    pub color: bool,
    /// Leave out everything but the diagnostics.
    pub quiet: bool,
    pub context: &'a Context,
}

/// Where a report is made, as the program tells it: renderers read neither
/// the environment nor the working directory of the process.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The folder that shown paths are relative to (the working directory
    /// of a command-line run): articles are quoted from there.
    pub root: PathBuf,
    /// What links to files start with, `{server}/{repository}/blob/{sha}/`
    /// in GitHub Actions; None for links relative to the working directory.
    pub blob_base: Option<String>,
}

impl Report<'_> {
    pub fn summary(&self) -> Summary {
        let counts = Counts::of(self.diagnostics);
        Summary {
            sources: self.outcome.sources(),
            outlets: self.outcome.outlets(),
            rules: self.rules.rules.len(),
            errors: counts.errors,
            warnings: counts.warnings,
            notes: counts.notes,
        }
    }

    /// The claims × outlets matrix of the run, for the formats that show it.
    pub fn matrix(&self) -> Matrix {
        Matrix::build(self.rules, &self.outcome.records, &self.outcome.diagnostics)
    }
}

/// The counts every format opens or closes with (SPEC §6 `summary`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub sources: usize,
    pub outlets: usize,
    pub rules: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Summary {
    /// "no findings", or "0 errors, 2 warnings, 1 note".
    pub fn verdict(&self) -> String {
        if self.errors + self.warnings + self.notes == 0 {
            "no findings".to_owned()
        } else {
            [
                plural(self.errors, "error"),
                plural(self.warnings, "warning"),
                plural(self.notes, "note"),
            ]
            .join(", ")
        }
    }
}

pub trait Renderer {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// The output formats of `crosscheck lint`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// codespan-reporting's rich style, with labels in several files.
    #[default]
    Human,
    /// One line per diagnostic: `path:line:col: severity[id/kind]: message`.
    Short,
    /// The JSON document of SPEC §6.
    Json,
    /// One self-contained page for editors: articles with their findings
    /// highlighted, and the claims × outlets matrix.
    Html,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the articles' lines.
    Github,
    /// A Markdown summary for a pull request or a GitHub Actions job summary.
    Markdown,
}

impl Choice for Format {
    const ALL: &'static [Format] = &[
        Format::Human,
        Format::Short,
        Format::Json,
        Format::Html,
        Format::Sarif,
        Format::Github,
        Format::Markdown,
    ];

    fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Short => "short",
            Format::Json => "json",
            Format::Html => "html",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Markdown => "markdown",
        }
    }

    fn about(self) -> &'static str {
        match self {
            Format::Human => "codespan-reporting's rich style, with labels in several files",
            Format::Short => "One line per diagnostic: `path:line:col: severity[id/kind]: message`",
            Format::Json => "The JSON document of SPEC §6",
            Format::Html => "One self-contained page for editors: articles with their findings highlighted, and the claims × outlets matrix",
            Format::Sarif => "SARIF 2.1.0, for code scanning",
            Format::Github => "GitHub Actions workflow commands: annotations on the articles' lines",
            Format::Markdown => "A Markdown summary for a pull request or a GitHub Actions job summary",
        }
    }
}

impl Format {
    pub fn renderer(self) -> Box<dyn Renderer> {
        match self {
            Format::Human => Box::new(human::Human),
            Format::Short => Box::new(short::Short),
            Format::Json => Box::new(json::Json),
            Format::Html => Box::new(html::Html),
            Format::Sarif => Box::new(sarif::Sarif),
            Format::Github => Box::new(github::Github),
            Format::Markdown => Box::new(markdown::Markdown),
        }
    }
}

pub use human::{render_diagnostics, render_problems};
