#![no_main]
//! Fuzz target: see `checks::auditor_push`.

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::auditor_push(data));
