//! Markdown articles: markup, entities, code, comments, and the span map.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosscheck_fuzz::article(
    data,
    crosscheck_engine::article::Markup::Markdown
));
