//! The JS binding, run by wasm-bindgen-test in Node.
#![cfg(target_arch = "wasm32")]

#[path = "wasm_shared/binding.rs"]
mod binding;
