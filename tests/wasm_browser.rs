//! The JS binding, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]
// The tests read the wire buffers the binding hands out through raw pointers.
#![allow(unsafe_code)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm_shared/binding.rs"]
mod binding;
