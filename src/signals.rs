//! SIGINT, SIGTERM and SIGHUP end the process as they would have, after
//! removing the temporary file of a report, baseline or cache being written
//! (the engine's atomic files leave the previous file in place). The handler
//! is the program's, not the library's: a library must not take over a
//! process's signals behind its caller's back.

/// Installs the handler on a thread of its own. Without it an interrupted run
/// still never leaves half a file, only the temporary one: so a failure to
/// install is not fatal.
#[cfg(unix)]
pub fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            crosscheck_engine::atomic_file::remove_pending();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
pub fn install() {}
