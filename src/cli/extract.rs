//! `crosscheck extract`: the map step (docs/scaling.md).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::deliver;
use super::CorpusArgs;
use crosscheck_engine::run::{self, Shard};
use crosscheck_engine::table;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Write the statements table to FILE (replaced atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only shard K of N: every Nth article of the corpus, from the Kth (run K = 1..N on as many machines).
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let parsed = text.split_once('/').and_then(|(index, count)| {
        Some(Shard {
            index: index.trim().parse().ok()?,
            count: count.trim().parse().ok()?,
        })
    });
    match parsed {
        Some(shard) if shard.count >= 1 && (1..=shard.count).contains(&shard.index) => Ok(shard),
        _ => Err(format!("`{text}` is not K/N with 1 <= K <= N, like 2/8")),
    }
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
    let (records, unreadable) = run::read(
        &setup,
        options.strategy,
        cache.as_deref(),
        args.shard.unwrap_or(Shard::WHOLE),
    );
    for problem in &unreadable {
        eprintln!("error: {}: {}", problem.primary.path, problem.message);
    }
    if let Err(error) = deliver(args.output.as_deref(), |out| {
        table::write(&setup.rules, &setup.config, &records, &unreadable, out)
    }) {
        eprintln!("error: cannot write the statements: {error}");
        return ExitCode::from(2);
    }
    // The table holds the unreadable files too; the reduce step reports them.
    ExitCode::from(if unreadable.is_empty() { 0 } else { 2 })
}
