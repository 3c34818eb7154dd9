#![no_main]
//! Fuzz target: see `checks::passport_checker`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::passport_checker(data));
