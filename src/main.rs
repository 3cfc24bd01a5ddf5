//! The `crosscheck` command: the command line over the engine, the renderers
//! and the language server, with the process-wide parts (allocator, signals).

#![forbid(unsafe_code)]

// mimalloc: a run makes many small allocations per article (and the cached
// run little else). Transparent huge pages off: with them, resident memory
// grows by half for no measurable gain.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod signals;

fn main() -> std::process::ExitCode {
    signals::install();
    cli::main()
}
