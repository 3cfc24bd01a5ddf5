//! `crosscheck lint`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::{deliver, ColorChoice};
use super::CorpusArgs;
use crate::config::FailOn;
use crate::render::{Format, Report};

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Write the report to FILE (replaced atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,
    /// Exit 1 when a diagnostic is at least this severe (default: the config's `fail_on`, else error).
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Print only the diagnostics, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Judge the statements tables `crosscheck extract` wrote instead of reading articles (the reduce step).
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "paths")]
    pub statements: Vec<PathBuf>,
}

pub fn run(args: &LintArgs) -> ExitCode {
    let options = match args.corpus.options(args.fail_on) {
        Ok(options) => options,
        Err(code) => return code,
    };
    let setup = match super::setup(&options, args.color.for_stderr()) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let outcome = match super::outcome(&setup, &options, &args.statements, args.color.for_stderr()) {
        Ok(outcome) => outcome,
        Err(code) => return code,
    };
    let report = Report {
        outcome: &outcome,
        diagnostics: &outcome.diagnostics,
        rules: &setup.rules,
        color: args.color.for_stdout(args.output.is_some()),
        quiet: args.quiet,
    };
    let mut bytes = Vec::new();
    if let Err(error) = args.format.renderer().render(&report, &mut bytes).and_then(|()| deliver(args.output.as_deref(), &bytes)) {
        eprintln!("error: cannot write the report: {error}");
        return ExitCode::from(2);
    }
    ExitCode::from(outcome.exit_code(setup.config.fail_on) as u8)
}
