// mimalloc: a run makes many small allocations per article (and the cached
// run little else). Transparent huge pages off: with them, resident memory
// grows by half for no measurable gain.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    crosscheck::cli::main()
}
