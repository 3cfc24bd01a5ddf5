//! The command line (SPEC §5). Parsing and printing live here; everything
//! else is the library's.

mod explain;
mod extract;
mod lint;
mod lsp;
mod matrix;
mod output;
mod rules;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};

use crosscheck_engine::choice::Choice;

use crosscheck_engine::config::{FailOn, StoriesMode};
use crosscheck_engine::paths::Input;
use crosscheck_engine::problem::Problem;
use crosscheck_engine::run::{self, Options, Outcome, Setup};
use crosscheck_engine::statements::Strategy;
use crosscheck_engine::table;
use crosscheck_render::render_problems;

#[derive(Debug, Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Checks claims across a corpus of news articles from several outlets",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint the corpus: report claims that conflict or lack corroboration.
    Lint(lint::LintArgs),
    /// Show the claims × outlets table: who states, denies, gives which value.
    Matrix(matrix::MatrixArgs),
    /// Work on rules: list, check, explain and test them.
    Rules(rules::RulesArgs),
    /// Serve the Language Server Protocol over stdio, for editors.
    Lsp(lsp::LspArgs),
    /// Write every statement, denial and mention of the corpus as JSON Lines (the map step of a sharded run).
    Extract(extract::ExtractArgs),
    /// Explain a kind of diagnostic: what it means, why it matters, how to fix or accept it; without KIND, list the kinds.
    Explain(explain::ExplainArgs),
}

/// Where the corpus and rules come from; shared by every command.
#[derive(Debug, Clone, Args)]
pub struct CorpusArgs {
    /// Articles, folders or globs to read (default: the config's `sources`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Rule file or folder; repeatable; replaces the config's `rules`.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// The configuration file (default: crosscheck.yaml here or in an ancestor).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Judge the whole corpus as one story, or each folder as its own.
    #[arg(long, value_name = "MODE", value_parser = choice::<StoriesMode>())]
    pub stories: Option<StoriesMode>,
    /// Only this rule; repeatable.
    #[arg(long = "rule", value_name = "ID")]
    pub only_rules: Vec<String>,
    /// Read every article afresh: neither use nor update the statements cache (.crosscheck-cache/).
    #[arg(long)]
    pub no_cache: bool,
    /// How units are found: one combined pass (the default) or every unit of every article (slow; the reference).
    #[arg(long, value_parser = choice::<Strategy>(), default_value = Strategy::default().name(), hide = true)]
    pub strategy: Strategy,
}

/// The parser of a [`Choice`]'s names, each with its line of help: the
/// library's option types know nothing of clap.
pub(crate) fn choice<T: Choice>() -> impl clap::builder::TypedValueParser<Value = T> {
    let names = T::ALL.iter().map(|value| match value.about() {
        "" => PossibleValue::new(value.name()),
        about => PossibleValue::new(value.name()).help(about),
    });
    PossibleValuesParser::new(names).map(|name| {
        *T::ALL
            .iter()
            .find(|value| value.name() == name)
            .expect("clap passes only the possible values")
    })
}

impl CorpusArgs {
    fn options(&self, fail_on: Option<FailOn>) -> Result<Options, ExitCode> {
        let cwd = std::env::current_dir().map_err(|error| {
            eprintln!("error: cannot read the working directory: {error}");
            ExitCode::from(2)
        })?;
        Ok(Options {
            cwd,
            config: self.config.clone(),
            rules: self.rules.clone(),
            paths: self.paths.clone(),
            stories: self.stories,
            fail_on,
            only_rules: self.only_rules.clone(),
            strategy: self.strategy,
            // The reference path reads every article itself.
            cache: !self.no_cache && self.strategy == Strategy::Prefiltered,
            baseline: None,
        })
    }
}

/// Judges the statements tables `statements` when given (the reduce step),
/// else reads and judges the corpus; prints why not (exit status 2).
fn outcome(
    setup: &Setup,
    options: &Options,
    statements: &[PathBuf],
    color: bool,
) -> Result<Outcome, ExitCode> {
    if statements.is_empty() {
        let cache = options.cache.then(|| setup.cache_folder());
        return Ok(run::lint_cached(setup, options.strategy, cache.as_deref()));
    }
    let tables: Vec<Input> = statements
        .iter()
        .map(|path| Input {
            disk: options.cwd.join(path),
            shown: path.to_string_lossy().replace('\\', "/"),
        })
        .collect();
    let (records, unreadable) = table::read(&setup.rules, &setup.config, &tables)
        .map_err(|problems| report_problems(&problems, color, "nothing was linted"))?;
    Ok(run::judge(setup, records, unreadable))
}

/// Loads config and rules, or prints why not (exit status 2).
fn setup(options: &Options, color: bool) -> Result<Setup, ExitCode> {
    Setup::load(options).map_err(|problems| report_problems(&problems, color, "nothing was linted"))
}

/// Prints problems at their places, closed by `error: {verdict}: N problems`; exit status 2.
fn report_problems(problems: &[Problem], color: bool, verdict: &str) -> ExitCode {
    let texts: Vec<(String, String)> = problems
        .iter()
        .filter_map(|problem| problem.path.clone())
        .filter_map(|path| std::fs::read_to_string(&path).ok().map(|text| (path, text)))
        .collect();
    let _ = render_problems(
        problems,
        &texts,
        color,
        verdict,
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(2)
}

/// Runs the command line; the exit status follows SPEC §5.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint(args) => lint::run(&args),
        Command::Matrix(args) => matrix::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Lsp(args) => lsp::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Explain(args) => explain::run(&args),
    }
}
