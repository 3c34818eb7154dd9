//! The JavaScript binding: the only module that touches wasm-bindgen and
//! js-sys. It checks every value that crosses from JS, turns it into core
//! types, and builds plain JSON-compatible objects on the way back.
//!
//! The caller's options are not read here: js/wire/options.js checks them
//! and writes them into the input buffer of `crate::wire`, which
//! `wireValidate` and `wireOptions` decode (see `rules`, `parseDate` and
//! the auditor's constructor).
//!
//! Bad input throws an `Error` with a plain message naming the key and the
//! expected type; it never echoes a value, and it never traps the module.

#[cfg(feature = "audit")]
pub mod audit;

use std::cell::RefCell;

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::date;
use crate::fields::FieldKey;
#[cfg(feature = "audit")]
use crate::fields::{VocabularyKey, CATALOGUE};
use crate::issue::{Code, Lang, Severity, CODES};
use crate::options::Options;
use crate::passport;
use crate::rules::DateReading;
#[cfg(feature = "audit")]
use crate::vocabulary::Vocabulary;
use crate::wire::{self, MAX_VALUE_LENGTH};

// The built-ins the binding calls on a caller's values, each through an
// import that catches: a Proxy trap or a getter that throws becomes an `Err`
// here instead of unwinding through wasm frames (which would leave the
// module's stack pointer behind).
#[wasm_bindgen]
extern "C" {
    #[cfg(feature = "audit")]
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

type JsResult<T> = Result<T, JsError>;

/// Options after checking, with the language of the messages.
struct CallOptions {
    core: Options,
    lang: Lang,
}

// --- validate and validateField: the compact encoding of `crate::wire` ----
//
// js/wire.js reads the caller's record and options in JS and writes plain
// UTF-16 text into the input buffer; these functions take only numbers, so
// no JS code runs while they are on the stack, and a caller's exception can
// never unwind through them.

/// The buffers of the encoding, kept between calls.
#[derive(Default)]
struct Buffers {
    input: Vec<u16>,
    output: Vec<u32>,
    text: Vec<u16>,
    /// What `wireOptions` decoded, until the call it was decoded for takes
    /// it ([`take_options`]).
    options: Option<wire::Request>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// The address of an input buffer of at least `units` UTF-16 code units
/// (it stays valid until the next call that asks for more).
#[wasm_bindgen(js_name = wireInput)]
pub fn wire_input(units: u32) -> u32 {
    BUFFERS.with(|buffers| {
        let input = &mut buffers.borrow_mut().input;
        if input.len() < units as usize {
            input.resize(units as usize, 0);
        }
        input.as_ptr() as u32
    })
}

/// Validates the first `units` code units of the input buffer (the whole
/// record when `field` is `wire::WHOLE_RECORD`, else the issues a change of
/// that field can affect) and returns the address of the output words;
/// word 3 of the output is the address of the fix texts.
#[wasm_bindgen(js_name = wireValidate)]
pub fn wire_validate(
    units: u32,
    field: u32,
    lang: u32,
    window_days: u32,
    counting: u32,
    today: u32,
) -> u32 {
    let scalars = wire::Scalars::new(lang, window_days, counting, today);
    with_input(units, |input, buffers| {
        wire::answer(
            input,
            field,
            scalars,
            &mut buffers.output,
            &mut buffers.text,
        );
        buffers.output[3] = buffers.text.as_ptr() as u32;
        buffers.output.as_ptr() as u32
    })
}

/// `call` with the first `units` code units the wrapper wrote into the input
/// buffer (taken out for the call, so the answer's buffers can be written),
/// and the other buffers.
fn with_input<T>(units: u32, call: impl FnOnce(&[u16], &mut Buffers) -> T) -> T {
    BUFFERS.with(|buffers| {
        let buffers = &mut *buffers.borrow_mut();
        let input = std::mem::take(&mut buffers.input);
        let result = call(input.get(..units as usize).unwrap_or_default(), buffers);
        buffers.input = input;
        result
    })
}

/// Decodes the options in the first `units` code units of the input buffer
/// (every field absent) and the scalars, as `wireValidate` does, for the
/// call that follows: `rules()`, `parseDate()` or `new Auditor()`, each of
/// which takes them ([`take_options`]). Returns the address of the status
/// words, laid out as `wireValidate`'s: js/wire/call.js turns a refusal (a bad
/// `options.today`, a lone surrogate) into the same TypeError as there.
/// `today` is [`wire::NO_DAY`] unless the caller has a default day.
#[wasm_bindgen(js_name = wireOptions)]
pub fn wire_options(units: u32, lang: u32, window_days: u32, counting: u32, today: u32) -> u32 {
    let scalars = wire::Scalars::new(lang, window_days, counting, today);
    with_input(units, |input, buffers| {
        let request = wire::decode(input, scalars);
        wire::write_status(&request, &mut buffers.output);
        buffers.options = request.ok();
        buffers.output.as_ptr() as u32
    })
}

/// The options `wireOptions` decoded last, once; the defaults when there are
/// none (`auditRules()` asks for the rules without options). The day is
/// `default_day()` when the caller gave none.
fn take_options(
    default_day: impl FnOnce() -> JsResult<chrono::NaiveDate>,
) -> JsResult<CallOptions> {
    let decoded = BUFFERS.with(|buffers| buffers.borrow_mut().options.take());
    let Some(request) = decoded else {
        return Ok(CallOptions {
            core: Options::new(default_day()?),
            lang: Lang::Ja,
        });
    };
    let mut core = request.options;
    if !request.dated {
        core.today = default_day()?;
    }
    Ok(CallOptions {
        core,
        lang: request.lang,
    })
}

/// The message of an issue from its parts; js/wire.js keeps each one it
/// receives. Its `count` related fields are words `at..` of the answer
/// `wireValidate` wrote last (read while the wrapper reads that answer), so
/// any number of them, of any field, crosses whole.
#[wasm_bindgen(js_name = wireMessage)]
pub fn wire_message(code: u32, field: u32, at: u32, count: u32, detail: u32, lang: u32) -> String {
    let (Some(&code), Some(&field)) = (
        Code::ALL.get(code as usize),
        FieldKey::ALL.get(field as usize),
    ) else {
        return String::new();
    };
    let related: Vec<FieldKey> = BUFFERS.with(|buffers| {
        let output = &buffers.borrow_mut().output;
        (at..at.saturating_add(count))
            .filter_map(|index| {
                let word = *output.get(index as usize)?;
                FieldKey::ALL.get(word as usize).copied()
            })
            .collect()
    });
    let lang = if lang == 0 { Lang::Ja } else { Lang::En };
    wire::message(code, field, &related, detail, lang)
}

/// The catalogue js/wire.js loads once: `catalogue::catalogue_json()`'s answer,
/// kept as text in `src/wire_catalogue.json` (tests/catalogue.rs holds it to
/// the code). Built at run time, its first call compiled and ran some 2 ms of
/// code on a cold page; as text it is copied out.
#[wasm_bindgen(js_name = wireCatalogue)]
pub fn wire_catalogue() -> String {
    String::from(include_str!("../wire_catalogue.json"))
}

/// The module's memory, for js/wire.js to write the input and read the
/// output.
#[wasm_bindgen(js_name = wireMemory)]
pub fn wire_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Takes 64 KiB of the module's stack and traps, as a caller's exception
/// unwinding through wasm frames would: the wrapper's recovery test calls it
/// (tests/js/hostile-trap.test.mjs). Without a fresh instance, a few dozen
/// calls leave the stack pointer in the module's data.
#[doc(hidden)]
#[wasm_bindgen(js_name = __hvTrap)]
pub fn trap_for_tests() {
    let frame = [0u8; 64 * 1024];
    std::hint::black_box(&frame);
    core::arch::wasm32::unreachable();
}

/// The field catalogue: `[{ key, ja, en, kind, aliases, vocabulary?, choices? }]`.
/// (The forms module's wrapper takes it from `wireCatalogue`, which a test
/// compares with this.)
#[cfg(feature = "audit")]
#[wasm_bindgen]
pub fn fields() -> JsValue {
    let defaults = Vocabulary::default();
    let list = Array::new();
    for info in CATALOGUE {
        let entry = Object::new();
        set(&entry, "key", &info.key.into());
        set(&entry, "ja", &info.ja.into());
        set(&entry, "en", &info.en.into());
        set(&entry, "kind", &info.kind.as_str().into());
        set(&entry, "aliases", &strings(info.aliases.iter().copied()));
        if let Some(vocabulary) = info.vocabulary {
            set(&entry, "vocabulary", &vocabulary.as_str().into());
            set(&entry, "choices", &strings(defaults.list(vocabulary)));
        }
        list.push(&entry);
    }
    list.into()
}

/// The built-in option lists, keyed like the fields they feed.
#[cfg(feature = "audit")]
#[wasm_bindgen(js_name = defaultVocabulary)]
pub fn default_vocabulary() -> JsValue {
    let defaults = Vocabulary::default();
    let object = Object::new();
    for key in VocabularyKey::ALL {
        set(&object, key.as_str(), &strings(defaults.list(key)));
    }
    object.into()
}

/// The rules table: `[{ code, severity, ja, en, source }]`, its texts for
/// the passport window of the options `wireOptions` decoded and its
/// counting (28 days from the day of entry without options).
#[wasm_bindgen]
pub fn rules() -> JsResult<JsValue> {
    let options = take_options(no_day)?.core;
    let (window_days, counting) = (options.passport_window_days, options.counting);
    let entries = CODES.iter().map(|rule| {
        let entry = Object::new();
        set(&entry, "code", &rule.code.into());
        set(&entry, "severity", &rule.severity.as_str().into());
        set(
            &entry,
            "ja",
            &rule.text(Lang::Ja, window_days, counting).into(),
        );
        set(
            &entry,
            "en",
            &rule.text(Lang::En, window_days, counting).into(),
        );
        set(&entry, "source", &rule.source.into());
        JsValue::from(entry)
    });
    Ok(array(entries).into())
}

/// `{ ok: true, value: 'YYYY-MM-DD', note?, warning? }` or `{ ok: false,
/// code, message, fix? }`, as the date rules read a date field
/// (docs/rules.md §6): `note` is `date.with_time` (info); `warning` is
/// `date.approximate` or `date.weekday_mismatch`; a refusal's `fix` is the
/// date of an Excel serial. Messages say what is wrong, naming no value, in
/// the language of the options `wireOptions` decoded (Japanese without).
#[wasm_bindgen(js_name = parseDate)]
pub fn parse_date(text: JsValue) -> JsResult<JsValue> {
    let lang = take_options(no_day)?.lang;
    let text = read_string(&text, "parseDate: the text")?;
    let reading = crate::rules::read_date(&text);
    let result = Object::new();
    let describe = |object: &Object, code: Code| {
        set(object, "code", &code.as_str().into());
        set(object, "message", &code.message_about_a_date(lang).into());
    };
    let finding = |code: Code| {
        let object = Object::new();
        describe(&object, code);
        object
    };
    match reading {
        DateReading::Date { parsed, code } => {
            let value = date::canonical(parsed.date);
            match code {
                Some(code) if code.severity() == Severity::Error => {
                    set(&result, "ok", &JsValue::FALSE);
                    describe(&result, code);
                    set(&result, "fix", &value.into());
                }
                Some(code) => {
                    set(&result, "ok", &JsValue::TRUE);
                    set(&result, "value", &value.into());
                    let key = if code.severity() == Severity::Info {
                        "note"
                    } else {
                        "warning"
                    };
                    set(&result, key, &finding(code));
                }
                None => {
                    set(&result, "ok", &JsValue::TRUE);
                    set(&result, "value", &value.into());
                }
            }
        }
        DateReading::NotADate(code) => {
            set(&result, "ok", &JsValue::FALSE);
            describe(&result, code);
        }
    }
    Ok(result.into())
}

/// The half-width form of a passport number (upper case, no spaces or
/// hyphens).
#[wasm_bindgen(js_name = normalizePassport)]
pub fn normalize_passport(text: JsValue) -> JsResult<String> {
    Ok(passport::normalize(&read_string(
        &text,
        "normalizePassport: the text",
    )?))
}

/// The ICAO 9303 check digit (7-3-1) of an MRZ field, or `undefined` when
/// the field holds a character outside 0–9, A–Z and `<`.
#[wasm_bindgen(js_name = icaoCheckDigit)]
pub fn icao_check_digit(field: JsValue) -> JsResult<Option<u8>> {
    Ok(passport::icao_check_digit(&read_string(
        &field,
        "icaoCheckDigit: the field",
    )?))
}

/// The field key for a form label or file header (Japanese or English, full-
/// or half-width, with or without parenthesised parts), or `undefined`.
#[wasm_bindgen(js_name = lookupField)]
pub fn lookup_field(name: JsValue) -> JsResult<Option<String>> {
    let name = read_string(&name, "lookupField: the name")?;
    Ok(FieldKey::lookup(&name).map(|field| field.as_str().to_string()))
}

// --- reading values from JS ------------------------------------------------

/// Today in Japan (Asia/Tokyo), whatever the host's time zone: the default
/// validation day (docs/rules.md §4).
#[cfg(feature = "audit")]
fn japan_today() -> JsResult<chrono::NaiveDate> {
    crate::options::date_in_japan(js_sys::Date::now())
        .ok_or_else(|| JsError::new("the system clock gives no valid date; pass options.today"))
}

/// The day of a call that validates nothing against it (`rules()`,
/// `parseDate()`), so that it reads no clock.
fn no_day() -> JsResult<chrono::NaiveDate> {
    Ok(chrono::NaiveDate::MIN)
}

#[cfg(feature = "audit")]
/// A plain object: not null, not an array, not a function, not a Map or a
/// Date (whose entries `Object.keys` would not see).
fn plain_object<'a>(value: &'a JsValue, what: &str) -> JsResult<&'a Object> {
    let unreadable = || JsError::new(&format!("{what} could not be read"));
    if value.is_null()
        || value.is_undefined()
        || !value.is_object()
        || is_array(value).map_err(|_| unreadable())?
    {
        return Err(JsError::new(&format!(
            "{what} must be a plain object, not {}",
            type_name(value)
        )));
    }
    let prototype = prototype_of(value).map_err(|_| unreadable())?;
    let plain = prototype.is_null() || prototype_of(&prototype).is_ok_and(|p| p.is_null());
    if !plain {
        return Err(JsError::new(&format!(
            "{what} must be a plain object, not a class instance"
        )));
    }
    Ok(value.unchecked_ref::<Object>())
}

/// A string of valid UTF-16 within the length limit.
fn read_string(value: &JsValue, what: &str) -> JsResult<String> {
    read_string_with(value, || what.to_string())
}

/// A string within the length limit, without copying it into wasm.
fn check_string(value: &JsValue, what: impl Fn() -> String) -> JsResult<&JsString> {
    let Some(text) = value.dyn_ref::<JsString>() else {
        return Err(JsError::new(&format!(
            "{} must be a string, not {}",
            what(),
            type_name(value)
        )));
    };
    if text.length() as usize > MAX_VALUE_LENGTH {
        return Err(JsError::new(&format!(
            "{} is longer than {MAX_VALUE_LENGTH} characters",
            what()
        )));
    }
    Ok(text)
}

/// As [`read_string`], with the label made only when there is an error.
fn read_string_with(value: &JsValue, what: impl Fn() -> String) -> JsResult<String> {
    let text = check_string(value, &what)?;
    let string = String::from(text);
    // A lone surrogate arrives as U+FFFD; only then is the (slow,
    // unit-by-unit) check worth making. (`chars().any`: `contains` of a
    // non-ASCII char is a substring search, see the crate documentation.)
    if string.chars().any(|c| c == '\u{FFFD}') && !text.is_valid_utf16() {
        return Err(JsError::new(&format!(
            "{} contains a lone surrogate (invalid UTF-16)",
            what()
        )));
    }
    Ok(string)
}

fn type_name(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if is_array(value).unwrap_or(false) {
        "an array"
    } else {
        match value.js_typeof().as_string().as_deref() {
            Some("string") => "a string",
            Some("number") => "a number",
            Some("boolean") => "a boolean",
            Some("object") => "an object",
            Some("undefined") => "undefined",
            Some("function") => "a function",
            Some("bigint") => "a bigint",
            Some("symbol") => "a symbol",
            _ => "another type",
        }
    }
}

/// A key for an error message: developers' keys, not patient data, but
/// still shortened.
#[cfg(feature = "audit")]
fn describe_key(key: &str) -> String {
    let short: String = key.chars().take(40).collect();
    format!("'{short}'")
}

// --- building values for JS ------------------------------------------------

thread_local! {
    /// A data-property descriptor (null prototype), reused by [`set`].
    static DESCRIPTOR: Object = {
        let descriptor = Object::create(JsValue::NULL.unchecked_ref());
        for flag in ["writable", "enumerable", "configurable"] {
            let _ = Reflect::set(&descriptor, &flag.into(), &JsValue::TRUE);
        }
        descriptor
    };
}

/// Defines a data property, as an object literal does: an `Object.prototype`
/// setter of the same name is never called.
/// An array whose elements are defined, not pushed: `push` assigns, so a
/// setter on `Object.prototype['0']` would see (and swallow) them.
fn array(items: impl Iterator<Item = JsValue>) -> Array {
    let list = Array::new();
    for (index, item) in items.enumerate() {
        set(&list, &index.to_string(), &item);
    }
    list
}

fn set(object: &Object, key: &str, value: &JsValue) {
    DESCRIPTOR.with(|descriptor| {
        let _ = Reflect::set(descriptor, &"value".into(), value);
        let _ = Reflect::define_property(object, &JsValue::from_str(key), descriptor);
        let _ = Reflect::set(descriptor, &"value".into(), &JsValue::UNDEFINED);
    });
}

#[cfg(feature = "audit")]
fn strings<'a>(items: impl Iterator<Item = &'a str>) -> JsValue {
    array(items.map(JsValue::from_str)).into()
}
