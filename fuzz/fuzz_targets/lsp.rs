//! The language server: any byte stream from a client is framed, dispatched
//! and answered against a small workspace without a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosscheck_fuzz::lsp(data));
