//! `crosscheck matrix`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::deliver;
use super::CorpusArgs;
use crosscheck_engine::matrix::Matrix;
use crosscheck_render::{matrix_markdown, matrix_table};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    /// An aligned table per story.
    #[default]
    Human,
    /// The document of SPEC §6, with every span behind every cell.
    Json,
    /// Markdown tables, one per story.
    Markdown,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: MatrixFormat,
    /// Write the table to FILE (replaced atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Build it from the statements tables `crosscheck extract` wrote instead of reading articles.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "paths")]
    pub statements: Vec<PathBuf>,
}

pub fn run(args: &MatrixArgs) -> ExitCode {
    let options = match args.corpus.options(None) {
        Ok(options) => options,
        Err(code) => return code,
    };
    let color = super::output::ColorChoice::Auto.for_stderr();
    let setup = match super::setup(&options, color) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let outcome = match super::outcome(&setup, &options, &args.statements, color) {
        Ok(outcome) => outcome,
        Err(code) => return code,
    };
    for problem in outcome
        .diagnostics
        .iter()
        .filter(|d| d.kind == crosscheck_engine::diagnostic::Kind::Unreadable)
    {
        eprintln!("error: {}: {}", problem.primary.path, problem.message);
    }
    let matrix = Matrix::build(&setup.rules, &outcome.records, &outcome.diagnostics);
    let written = deliver(args.output.as_deref(), |out| match args.format {
        MatrixFormat::Human => matrix_table::render(&matrix, out),
        MatrixFormat::Markdown => matrix_markdown::render(&matrix, &|_| None, out),
        MatrixFormat::Json => serde_json::to_writer_pretty(&mut *out, &matrix)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n")),
    });
    if let Err(error) = written {
        eprintln!("error: cannot write the matrix: {error}");
        return ExitCode::from(2);
    }
    ExitCode::from(if outcome.unreadable { 2 } else { 0 })
}
