//! Where output goes: standard output, or a file replaced atomically so
//! that an interrupted run never leaves half a report.

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
            ColorChoice::Auto => !to_file && stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn for_stdout(self, to_file: bool) -> bool {
        self.enabled(to_file, io::stdout().is_terminal())
    }

    pub fn for_stderr(self) -> bool {
        self.enabled(false, io::stderr().is_terminal())
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, or to standard output when there is no path.
pub fn deliver(path: Option<&Path>, bytes: &[u8]) -> io::Result<()> {
    match path {
        None => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()
        }
        Some(path) => write_atomically(path, bytes),
    }
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new().prefix(".crosscheck-").suffix(".tmp").tempfile_in(folder)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}
