//! `crosscheck rules list | check | explain ID | test`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::output::{deliver, ColorChoice};
use super::CorpusArgs;
use crosscheck_engine::authoring::{explain, rule_tests};
use crosscheck_engine::diagnostic::Kind;
use crosscheck_engine::run::{Options, Setup};
use crosscheck_engine::wording::plural;

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// List the rules: id, severity, claim and where each is defined.
    List(PlainArgs),
    /// Validate the configuration and rule files; exit 2 on errors.
    Check(PlainArgs),
    /// Show one rule and every statement, denial and mention it finds in the corpus.
    Explain(ExplainArgs),
    /// Run every rule's `examples` and `cases`; exit 1 if any fails.
    Test(PlainArgs),
}

#[derive(Debug, Args)]
struct PlainArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The rule's id.
    id: String,
    #[command(flatten)]
    corpus: CorpusArgs,
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

pub fn run(args: &RulesArgs) -> ExitCode {
    match &args.command {
        RulesCommand::List(args) => list(args),
        RulesCommand::Check(args) => check(args),
        RulesCommand::Explain(args) => explain(args),
        RulesCommand::Test(args) => test(args),
    }
}

/// Options and setup, or the exit status of why not; `verdict` closes the problems.
fn load(
    corpus: &CorpusArgs,
    color: ColorChoice,
    verdict: &str,
) -> Result<(Options, Setup), ExitCode> {
    let options = corpus.options(None)?;
    let setup = Setup::load(&options)
        .map_err(|problems| super::report_problems(&problems, color.for_stderr(), verdict))?;
    Ok((options, setup))
}

/// Writes `bytes` to standard output; exit status 2 if it cannot.
pub(super) fn print(bytes: &[u8]) -> ExitCode {
    match deliver(None, |out| out.write_all(bytes)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write the output: {error}");
            ExitCode::from(2)
        }
    }
}

fn list(args: &PlainArgs) -> ExitCode {
    let (_, setup) = match load(&args.corpus, args.color, "the rules cannot be listed") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let mut bytes = Vec::new();
    crosscheck_render::rule_list::render(&setup.rules, &mut bytes).expect("writing to memory");
    print(&bytes)
}

fn check(args: &PlainArgs) -> ExitCode {
    let (_, setup) = match load(&args.corpus, args.color, "the rules are invalid") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let rules = &setup.rules;
    let message = format!(
        "ok: {} in {}\n",
        plural(rules.rules.len(), "rule"),
        plural(rules.files.len(), "file")
    );
    print(message.as_bytes())
}

fn explain(args: &ExplainArgs) -> ExitCode {
    let mut corpus = args.corpus.clone();
    corpus.only_rules = vec![args.id.clone()];
    let (options, setup) = match load(&corpus, args.color, "nothing was explained") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // Read as `lint` reads: through the statements cache.
    let outcome = match super::outcome(&setup, &options, &[], args.color.for_stderr()) {
        Ok(outcome) => outcome,
        Err(code) => return code,
    };
    let mut stderr = std::io::stderr().lock();
    for problem in outcome
        .diagnostics
        .iter()
        .filter(|d| d.kind == Kind::Unreadable)
    {
        let _ = writeln!(
            stderr,
            "error: {}: {}",
            problem.primary.path, problem.message
        );
    }
    let Some(explanation) = explain::explain(
        &setup.rules,
        &args.id,
        &outcome.records,
        &outcome.diagnostics,
    ) else {
        let _ = writeln!(stderr, "error: no rule has the id `{}`", args.id);
        return ExitCode::from(2);
    };
    let mut bytes = Vec::new();
    crosscheck_render::explain::render(
        &explanation,
        &options.cwd,
        args.color.for_stdout(false),
        &mut bytes,
    )
    .expect("writing to memory");
    match print(&bytes) {
        code if code != ExitCode::SUCCESS => code,
        _ => ExitCode::from(if outcome.unreadable { 2 } else { 0 }),
    }
}

fn test(args: &PlainArgs) -> ExitCode {
    let (options, setup) = match load(&args.corpus, args.color, "no rule was tested") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let run = rule_tests::run(&setup.rules, &setup.config);
    let mut bytes = Vec::new();
    crosscheck_render::render_diagnostics(
        &run.failures,
        &setup.rules,
        &options.cwd,
        args.color.for_stdout(false),
        &mut bytes,
    )
    .expect("writing to memory");
    let verdict = if run.failures.is_empty() {
        "ok"
    } else {
        "FAILED"
    };
    let tested = setup.rules.rules.len() - run.untested.len();
    bytes.extend(
        format!(
            "rule tests: {verdict}: {} passed, {} failed ({} tested)\n",
            run.passed,
            run.failures.len(),
            plural(tested, "rule")
        )
        .into_bytes(),
    );
    if !run.untested.is_empty() {
        bytes.extend(
            format!("note: no examples or cases: {}\n", run.untested.join(", ")).into_bytes(),
        );
    }
    match print(&bytes) {
        code if code != ExitCode::SUCCESS => code,
        _ if run.failures.is_empty() => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    }
}
