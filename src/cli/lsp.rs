//! `crosscheck lsp`.

use std::io::{self, BufReader};
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only transport; accepted
    /// because editors' generic clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: &LspArgs) -> ExitCode {
    match crosscheck_lsp::serve(BufReader::new(io::stdin()), io::stdout().lock()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: crosscheck lsp: {error}");
            ExitCode::from(1)
        }
    }
}
