//! Where output goes: standard output, or a file replaced atomically
//! ([`crosscheck_engine::atomic_file`]) so that an interrupted run never leaves half a
//! report.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use clap::ValueEnum;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn enabled(self, to_file: bool, stream_is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                !to_file
                    && stream_is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }

    pub fn for_stdout(self, to_file: bool) -> bool {
        self.enabled(to_file, io::stdout().is_terminal())
    }

    pub fn for_stderr(self) -> bool {
        self.enabled(false, io::stderr().is_terminal())
    }
}

/// Writes what `fill` writes to `path` through a temporary file in the same
/// folder and a rename, or to standard output when there is no path. It is
/// written as it is made: a report can be larger than the run's statements.
pub fn deliver(
    path: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match path {
        None => {
            let mut stdout = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
            fill(&mut stdout)?;
            stdout.flush()
        }
        Some(path) => crosscheck_engine::atomic_file::write_with(path, fill),
    }
}
