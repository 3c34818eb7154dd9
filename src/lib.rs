//! hersys-validator: the checks that the MHLW notice of 2021-06-03 asks of
//! every HER-SYS 発生届, as pure Rust.
//!
//! The rules core (every module but `binding`) never touches JavaScript; the
//! `binding` module, built only for wasm32, does all the marshalling.
//!
//! The code the forms module runs slices no `str` in a way that can panic
//! (`&text[a..b]`, `split_at`) and searches no substring (`str::replace`,
//! `split("…")`, `contains` of a non-ASCII `char`): the panic's message
//! formatting, with its Unicode tables, and the substring search weighed
//! ~5 KB of that module's brotli size. `split_once`, `rsplit_once`,
//! `strip_prefix`, `split_at_checked` and `get` do the same without them.

// The library never prints: what it holds is patient data. The binaries may.
#![deny(clippy::print_stdout, clippy::print_stderr)]

#[cfg(feature = "audit")]
pub mod audit;
#[doc(hidden)]
pub mod catalogue;
pub mod country;
pub mod date;
pub mod fields;
pub mod issue;
#[doc(hidden)]
pub mod json;
pub mod options;
pub mod passport;
pub mod placeholders;
pub mod record;
pub mod rules;
pub mod validate;
pub mod vocabulary;
pub mod width;
#[doc(hidden)]
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod binding;

#[cfg(feature = "serde")]
mod serde_support;

pub use fields::{FieldKey, FieldKind, HeaderMatch, VocabularyKey};
pub use issue::{Code, Issue, Lang, Severity};
pub use options::{Options, WindowCounting};
pub use record::Record;
pub use validate::{always_required, apply_fixes, fields_read_with, validate, validate_field};
pub use vocabulary::Vocabulary;
