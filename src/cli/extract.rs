//! `crosscheck extract`: the map step (docs/scaling.md).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::deliver;
use super::CorpusArgs;
use crate::engine;
use crate::table;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Write the statements table to FILE (replaced atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &ExtractArgs) -> ExitCode {
    let options = match args.corpus.options(None) {
        Ok(options) => options,
        Err(code) => return code,
    };
    let setup = match super::setup(&options, super::output::ColorChoice::Auto.for_stderr()) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let cache = options.cache.then(|| setup.cache_folder());
    let (records, unreadable) = engine::read(&setup, options.strategy, cache.as_deref());
    for problem in &unreadable {
        eprintln!("error: {}: {}", problem.primary.path, problem.message);
    }
    let mut bytes = Vec::new();
    if let Err(error) = table::write(&setup.rules, &setup.config, &records, &unreadable, &mut bytes).and_then(|()| deliver(args.output.as_deref(), &bytes)) {
        eprintln!("error: cannot write the statements: {error}");
        return ExitCode::from(2);
    }
    // The table holds the unreadable files too; the reduce step reports them.
    ExitCode::from(if unreadable.is_empty() { 0 } else { 2 })
}
