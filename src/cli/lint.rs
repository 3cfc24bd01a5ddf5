//! `crosscheck lint`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::{deliver, ColorChoice};
use super::{choice, CorpusArgs};
use crosscheck_engine::accepted::Baseline;
use crosscheck_engine::choice::Choice;
use crosscheck_engine::config::FailOn;
use crosscheck_engine::focus::Focus;
use crosscheck_engine::wording::plural;
use crosscheck_render::{Context, Format, Report};

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Output format.
    #[arg(long, value_parser = choice::<Format>(), default_value = Format::default().name())]
    pub format: Format,
    /// Write the report to FILE (replaced atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,
    /// Exit 1 when a diagnostic is at least this severe (default: the config's `fail_on`, else error).
    #[arg(long, value_name = "LEVEL", value_parser = choice::<FailOn>())]
    pub fail_on: Option<FailOn>,
    /// Print only the diagnostics, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Do not report the findings this baseline file accepts.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Accept every current finding: write their fingerprints to FILE (replaced atomically).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report only diagnostics whose primary span is in these files or folders; the whole corpus is still the evidence.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub focus: Vec<String>,
    /// Focus on the files git says were added or changed since REV (counted from its merge base with HEAD), untracked files included.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Judge the statements tables `crosscheck extract` wrote instead of reading articles (the reduce step).
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "paths")]
    pub statements: Vec<PathBuf>,
}

pub fn run(args: &LintArgs) -> ExitCode {
    let mut options = match args.corpus.options(args.fail_on) {
        Ok(options) => options,
        Err(code) => return code,
    };
    options.baseline = args.baseline.clone();
    let setup = match super::setup(&options, args.color.for_stderr()) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let focus = match Focus::from_options(&options.cwd, &args.focus, args.since.as_deref()) {
        Ok(focus) => focus,
        Err(problem) => {
            return super::report_problems(
                &[problem],
                args.color.for_stderr(),
                "nothing was linted",
            )
        }
    };
    let mut outcome =
        match super::outcome(&setup, &options, &args.statements, args.color.for_stderr()) {
            Ok(outcome) => outcome,
            Err(code) => return code,
        };
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(&outcome.diagnostics, &setup.config.shown_base);
        if let Err(error) = crosscheck_engine::atomic_file::write(path, &baseline.to_json()) {
            eprintln!(
                "error: cannot write the baseline {}: {error}",
                path.display()
            );
            return ExitCode::from(2);
        }
        eprintln!(
            "wrote {}: {} accepted",
            path.display(),
            plural(
                baseline.entries.iter().map(|entry| entry.count).sum(),
                "finding"
            )
        );
        outcome.accept(&baseline, &setup.config);
    }
    let focused =
        focus.map(|focus| focus.select(&outcome.diagnostics, &outcome.records, &setup.rules));
    let shown = focused.as_deref().unwrap_or(&outcome.diagnostics);
    let context = Context {
        root: options.cwd.clone(),
        blob_base: github_blob_base(),
    };
    let color = args.color.for_stdout(args.output.is_some());
    let report = Report {
        outcome: &outcome,
        diagnostics: shown,
        rules: &setup.rules,
        color,
        quiet: args.quiet,
        context: &context,
    };
    if let Err(error) = deliver(args.output.as_deref(), |out| {
        args.format.renderer().render(&report, out)
    }) {
        eprintln!("error: cannot write the report: {error}");
        return ExitCode::from(2);
    }
    let code = ExitCode::from(outcome.exit_code_showing(shown, setup.config.fail_on) as u8);
    // The process ends here: freeing every record and span one by one would only delay the exit.
    std::mem::forget((focused, outcome, setup));
    code
}

/// Links into the commit under test when GitHub Actions sets
/// GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA; else relative links.
fn github_blob_base() -> Option<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    match (
        var("GITHUB_SERVER_URL"),
        var("GITHUB_REPOSITORY"),
        var("GITHUB_SHA"),
    ) {
        (Some(server), Some(repository), Some(sha)) => Some(format!(
            "{}/{repository}/blob/{sha}/",
            server.trim_end_matches('/')
        )),
        _ => None,
    }
}
