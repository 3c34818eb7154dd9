//! The JS binding, run by wasm-bindgen-test in Node.
#![cfg(target_arch = "wasm32")]
// The tests read the wire buffers the binding hands out through raw pointers.
#![allow(unsafe_code)]

#[path = "wasm_shared/binding.rs"]
mod binding;
