//! The rule loader: any text is rules or problems at places that render.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosscheck_fuzz::rules(data));
