//! Plain-text articles: loading, the span map, units and statements.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosscheck_fuzz::article(
    data,
    crosscheck_engine::article::Markup::Plain
));
