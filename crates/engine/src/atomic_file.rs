//! Files replaced atomically, so that an interrupted run never leaves half a
//! file (a report, a baseline, the statements cache): the bytes are written
//! to a temporary file beside it, which a rename puts in place. If the run
//! ends meanwhile, the previous file stays as it was; [`remove_pending`]
//! removes the temporary file, for a program's signal handler to call.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Replaces `path` with `bytes`: written to a temporary file in the same
/// folder, synced, then renamed into place.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |out| out.write_all(bytes))
}

/// Replaces `path` with what `fill` writes (through a buffer), as [`write()`]
/// does: a large file need not be held in memory whole.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // The lock is held while the temporary file comes and goes, so a signal
    // handled meanwhile sees it either registered or gone.
    let mut file = {
        let mut pending = pending();
        let file = temporary_file(path).tempfile_in(folder)?;
        *pending = Some(file.path().to_path_buf());
        file
    };
    let written = {
        let mut out = io::BufWriter::new(file.as_file_mut());
        fill(&mut out).and_then(|()| out.flush())
    }
    .and_then(|()| file.as_file().sync_all());
    let mut pending = pending();
    *pending = None;
    written?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// The temporary file's name, and on Unix its mode: that of the file it
/// replaces, else the usual 0666 less the umask (not tempfile's private 0600).
#[cfg_attr(not(unix), allow(unused_variables))]
fn temporary_file<'a>(replaced: &Path) -> tempfile::Builder<'a, 'a> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".crosscheck-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::metadata(replaced).map_or_else(
            |_| std::fs::Permissions::from_mode(0o666),
            |metadata| metadata.permissions(),
        ));
    }
    builder
}

/// The temporary file being written, if any.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

fn pending() -> MutexGuard<'static, Option<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes the temporary file being written, if any, and stops every write
/// from finishing: for a program on its way out (a signal handler) that must
/// leave the previous files as they were and no temporary file behind. The
/// library installs no signal handler itself; `crosscheck` calls this on
/// SIGINT, SIGTERM and SIGHUP.
pub fn remove_pending() {
    let mut pending = pending();
    if let Some(path) = pending.take() {
        let _ = std::fs::remove_file(path);
    }
    // Held until the process ends, so that no write reaches its rename.
    std::mem::forget(pending);
}
