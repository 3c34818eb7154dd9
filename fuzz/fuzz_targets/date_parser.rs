#![no_main]
//! Fuzz target: see `checks::date_parser`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::date_parser(data));
