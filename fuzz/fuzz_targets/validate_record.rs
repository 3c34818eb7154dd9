#![no_main]
//! Fuzz target: see `checks::validate_record`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::validate_record(data));
