//! `crosscheck explain [KIND]`: what a diagnostic kind means, why it matters
//! and how to fix or accept it; without a kind, every kind and its summary.

use std::process::ExitCode;

use clap::Args;

use crosscheck_engine::diagnostic::Kind;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The kind, as diagnostics print it: `conflict`, or `RULE/conflict`.
    #[arg(value_name = "KIND")]
    kind: Option<String>,
}

pub fn run(args: &ExplainArgs) -> ExitCode {
    let Some(name) = &args.kind else {
        return super::rules::print(list().as_bytes());
    };
    // A diagnostic's code is `RULE/KIND`, and rule ids hold no `/`.
    let kind_name = name.rsplit('/').next().unwrap_or(name);
    match Kind::parse(kind_name) {
        Some(kind) => super::rules::print(format!("# {kind}\n\n{}", kind.explanation()).as_bytes()),
        None => {
            let kinds: Vec<&str> = Kind::ALL.iter().map(|kind| kind.as_str()).collect();
            eprintln!(
                "error: no diagnostic kind is called `{kind_name}`; the kinds are {}",
                kinds.join(", ")
            );
            ExitCode::from(2)
        }
    }
}

/// Every kind with its summary, names aligned.
fn list() -> String {
    let width = Kind::ALL
        .iter()
        .map(|kind| kind.as_str().len())
        .max()
        .unwrap_or_default();
    let mut out: String = Kind::ALL
        .iter()
        .map(|kind| format!("{:<width$}  {}\n", kind.as_str(), kind.summary()))
        .collect();
    out.push_str("\n`crosscheck explain KIND` tells what a kind means, why it matters and how to fix or accept it.\n");
    out
}
