//! The JavaScript binding: the only module that touches wasm-bindgen and
//! js-sys. It checks every value that crosses from JS, turns it into core
//! types, and builds plain JSON-compatible objects on the way back.
//!
//! Bad input throws an `Error` with a plain message naming the key and the
//! expected type; it never echoes a value, and it never traps the module.

#[cfg(feature = "audit")]
pub mod audit;

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::date;
use crate::fields::{FieldKey, VocabularyKey, CATALOGUE, FIELD_COUNT};
use crate::issue::{Code, Issue, Lang, Severity, RULES};
use crate::options::{Options, WindowCounting};
use crate::record::Record;
use crate::vocabulary::Vocabulary;
use crate::{passport, validate as core};

/// Longest value accepted from a form field, in UTF-16 code units. Longer
/// values are not 発生届 data and would only slow every keystroke.
const MAX_VALUE_LENGTH: u32 = 10_000;
/// Longest list a caller can pass as a vocabulary.
const MAX_VOCABULARY_ENTRIES: u32 = 1_000;

type JsResult<T> = Result<T, JsError>;

/// Options after checking, with the language of the messages.
struct CallOptions {
    core: Options,
    lang: Lang,
}

#[wasm_bindgen(js_name = validate)]
pub fn validate_js(record: JsValue, options: JsValue) -> JsResult<JsValue> {
    let options = read_options(&options)?;
    let input = read_record(&record, &[true; FIELD_COUNT])?;
    let issues = core::validate(&input.record, &options.core);
    let ok = !issues
        .iter()
        .any(|issue| issue.severity() == crate::Severity::Error);
    let report = Object::new();
    set(&report, "ok", &JsValue::from_bool(ok));
    set(&report, "issues", &issues_to_js(&issues, options.lang));
    set(&report, "normalized", &normalized_to_js(&input, &issues));
    Ok(report.into())
}

#[wasm_bindgen(js_name = validateField)]
pub fn validate_field_js(key: JsValue, record: JsValue, options: JsValue) -> JsResult<JsValue> {
    let key_text = key.as_string().ok_or_else(|| {
        JsError::new("validateField: the key must be a string, such as 'passportNumber'")
    })?;
    let field = FieldKey::from_key(&key_text).ok_or_else(|| {
        JsError::new(
            "validateField: unknown field key; fields() lists the keys, such as 'passportNumber'",
        )
    })?;
    let options = read_options(&options)?;
    // Only the values the field's rules read are copied into wasm; the
    // others are still checked for their type and length.
    let mut wanted = [false; FIELD_COUNT];
    for other in core::fields_read_with(field) {
        wanted[other as usize] = true;
    }
    let input = read_record(&record, &wanted)?;
    let issues = core::validate_field(field, &input.record, &options.core);
    Ok(issues_to_js(&issues, options.lang))
}

/// The field catalogue: `[{ key, ja, en, kind, aliases, vocabulary?, choices? }]`.
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
/// the passport window of `options` (28 days unless given).
#[wasm_bindgen]
pub fn rules(options: JsValue) -> JsResult<JsValue> {
    let window_days = read_options(&options)?.core.passport_window_days;
    let list = Array::new();
    for rule in RULES {
        let entry = Object::new();
        set(&entry, "code", &rule.code.into());
        set(&entry, "severity", &rule.severity.as_str().into());
        set(&entry, "ja", &rule.text(Lang::Ja, window_days).into());
        set(&entry, "en", &rule.text(Lang::En, window_days).into());
        set(&entry, "source", &rule.source.into());
        list.push(&entry);
    }
    Ok(list.into())
}

/// `{ ok: true, value: 'YYYY-MM-DD', warning? }` or `{ ok: false, code,
/// message }`; `warning` is `{ code: 'date.weekday_mismatch', message }`
/// when a weekday typed with the date is not the date's.
#[wasm_bindgen(js_name = parseDate)]
pub fn parse_date(text: JsValue, options: JsValue) -> JsResult<JsValue> {
    let lang = read_options(&options)?.lang;
    let text = read_string(&text, "parseDate: the text")?;
    // The rule texts name no field, so they serve as messages here.
    let describe = |object: &Object, code: Code| {
        set(object, "code", &code.as_str().into());
        set(object, "message", &code.info().text(lang, 0).into());
    };
    let result = Object::new();
    match date::parse(&text) {
        Ok(parsed) => {
            set(&result, "ok", &JsValue::TRUE);
            set(&result, "value", &date::canonical(parsed.date).into());
            if parsed.weekday_mismatch() {
                let warning = Object::new();
                describe(&warning, Code::DateWeekdayMismatch);
                set(&result, "warning", &warning);
            }
        }
        Err(error) => {
            set(&result, "ok", &JsValue::FALSE);
            describe(&result, Code::from_date_error(error));
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

/// A record read from JS, with the JS strings it came from, which the
/// normalized record reuses instead of copying them back.
struct RecordInput {
    record: Record,
    values: Vec<(FieldKey, JsValue)>,
}

/// Reads the record by its known keys (interned JS strings, so no key is
/// copied across); `Object.keys` is consulted only when the object has more
/// keys than it has defined fields, to name the unknown one.
fn read_record(value: &JsValue, wanted: &[bool; FIELD_COUNT]) -> JsResult<RecordInput> {
    let object = plain_object(value, "the record")?;
    let mut input = RecordInput {
        record: Record::new(),
        values: Vec::new(),
    };
    let defined = interned(|names| -> JsResult<u32> {
        let mut defined = 0;
        for (&field, key) in FieldKey::ALL.iter().zip(&names.fields) {
            let item = Reflect::get(object, key)
                .map_err(|_| JsError::new("the record could not be read"))?;
            if item.is_undefined() {
                continue;
            }
            defined += 1;
            if item.is_null() {
                continue;
            }
            let label = || format!("record.{}", field.as_str());
            if !wanted[field as usize] {
                check_string(&item, label)?;
                continue;
            }
            let text = read_string_with(&item, label)?;
            input.record.set(field, Some(text));
            input.values.push((field, item));
        }
        Ok(defined)
    })?;
    if Object::keys(object).length() > defined {
        check_record_keys(object)?;
    }
    Ok(input)
}

/// Names the first key that is not a field (keys holding `undefined` are
/// fine).
fn check_record_keys(object: &Object) -> JsResult<()> {
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if FieldKey::from_key(&key).is_none() {
            return Err(JsError::new(&format!(
                "the record has a key that is not a field: {}; fields() lists the keys",
                describe_key(&key)
            )));
        }
    }
    Ok(())
}

/// The local calendar date of the machine, the default validation day.
fn local_today() -> JsResult<chrono::NaiveDate> {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .ok_or_else(|| JsError::new("the system clock gives no valid date; pass options.today"))
}

fn read_options(value: &JsValue) -> JsResult<CallOptions> {
    // Placeholder until `today` is known: the clock is read only when the
    // caller gives no date.
    let mut today = None;
    let mut options = CallOptions {
        core: Options::new(chrono::NaiveDate::MIN),
        lang: Lang::Ja,
    };
    if !(value.is_undefined() || value.is_null()) {
        read_option_keys(value, &mut options, &mut today)?;
    }
    options.core.today = match today {
        Some(day) => day,
        None => local_today()?,
    };
    Ok(options)
}

fn read_option_keys(
    value: &JsValue,
    options: &mut CallOptions,
    today: &mut Option<chrono::NaiveDate>,
) -> JsResult<()> {
    let object = plain_object(value, "options")?;
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        let item = Reflect::get(object, &JsValue::from_str(&key))
            .map_err(|_| JsError::new("options could not be read"))?;
        if item.is_undefined() {
            continue;
        }
        match key.as_str() {
            "lang" => {
                options.lang = match item.as_string().as_deref() {
                    Some("ja") => Lang::Ja,
                    Some("en") => Lang::En,
                    _ => return Err(JsError::new("options.lang must be 'ja' or 'en'")),
                }
            }
            "today" => {
                let text = read_string(&item, "options.today")?;
                *today = Some(
                    date::parse(&text)
                    .map_err(|_| JsError::new("options.today must be a date such as '2021-06-03'"))?
                    .date,
                );
            }
            "passportWindowDays" => {
                options.core.passport_window_days = item
                    .as_f64()
                    .filter(|days| days.fract() == 0.0 && (1.0..=366.0).contains(days))
                    .map(|days| days as u32)
                    .ok_or_else(|| JsError::new("options.passportWindowDays must be a whole number from 1 to 366"))?;
            }
            "counting" => {
                options.core.counting = item
                    .as_string()
                    .and_then(|text| WindowCounting::from_key(&text))
                    .ok_or_else(|| {
                        JsError::new("options.counting must be 'entryDayIsDayOne' or 'dayAfterEntryIsDayOne'")
                    })?;
            }
            "vocabulary" => read_vocabulary(&item, &mut options.core.vocabulary)?,
            _ => {
                return Err(JsError::new(&format!(
                    "unknown option {}; options are lang, today, passportWindowDays, counting, vocabulary",
                    describe_key(&key)
                )))
            }
        }
    }
    Ok(())
}

fn read_vocabulary(value: &JsValue, vocabulary: &mut Vocabulary) -> JsResult<()> {
    let object = plain_object(value, "options.vocabulary")?;
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        let list_key = VocabularyKey::from_key(&key).ok_or_else(|| {
            JsError::new(&format!(
                "options.vocabulary has an unknown list {}; defaultVocabulary() shows the lists",
                describe_key(&key)
            ))
        })?;
        let item = Reflect::get(object, &JsValue::from_str(&key))
            .map_err(|_| JsError::new("options.vocabulary could not be read"))?;
        let label = format!("options.vocabulary.{key}");
        let array = item
            .dyn_ref::<Array>()
            .ok_or_else(|| JsError::new(&format!("{label} must be an array of strings")))?;
        if array.length() > MAX_VOCABULARY_ENTRIES {
            return Err(JsError::new(&format!(
                "{label} has more than {MAX_VOCABULARY_ENTRIES} entries"
            )));
        }
        let mut values = Vec::with_capacity(array.length() as usize);
        for entry in array.iter() {
            values.push(read_string(&entry, &label)?);
        }
        vocabulary.set_list(list_key, values);
    }
    Ok(())
}

/// A plain object: not null, not an array, not a function, not a Map or a
/// Date (whose entries `Object.keys` would not see).
fn plain_object<'a>(value: &'a JsValue, what: &str) -> JsResult<&'a Object> {
    if value.is_null() || value.is_undefined() || !value.is_object() || Array::is_array(value) {
        return Err(JsError::new(&format!(
            "{what} must be a plain object, not {}",
            type_name(value)
        )));
    }
    let prototype = Object::get_prototype_of(value);
    let plain = prototype.is_null() || Object::get_prototype_of(&prototype).is_null();
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
    if text.length() > MAX_VALUE_LENGTH {
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
    // unit-by-unit) check worth making.
    if string.contains('\u{FFFD}') && !text.is_valid_utf16() {
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
    } else if Array::is_array(value) {
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
fn describe_key(key: &str) -> String {
    let short: String = key.chars().take(40).collect();
    format!("'{short}'")
}

// --- building values for JS ------------------------------------------------

/// JS strings made once and reused: the property names of an issue, the
/// field keys, the codes and the severities. Building an issue then copies
/// only its message across the boundary.
struct Interned {
    fields: Vec<JsValue>,
    codes: Vec<JsValue>,
    severities: [JsValue; 3],
    code: JsValue,
    field: JsValue,
    related: JsValue,
    severity: JsValue,
    message: JsValue,
    fix: JsValue,
}

thread_local! {
    static INTERNED: Interned = Interned {
        fields: FieldKey::ALL.iter().map(|f| JsValue::from_str(f.as_str())).collect(),
        codes: Code::ALL.iter().map(|c| JsValue::from_str(c.as_str())).collect(),
        severities: [Severity::Error, Severity::Warning, Severity::Info]
            .map(|s| JsValue::from_str(s.as_str())),
        code: "code".into(),
        field: "field".into(),
        related: "related".into(),
        severity: "severity".into(),
        message: "message".into(),
        fix: "fix".into(),
    };
}

fn interned<T>(read: impl FnOnce(&Interned) -> T) -> T {
    INTERNED.with(read)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn set_interned(object: &Object, key: &JsValue, value: &JsValue) {
    let _ = Reflect::set(object, key, value);
}

fn strings<'a>(items: impl Iterator<Item = &'a str>) -> JsValue {
    items.map(JsValue::from_str).collect::<Array>().into()
}

fn issues_to_js(issues: &[Issue], lang: Lang) -> JsValue {
    interned(|names| {
        issues
            .iter()
            .map(|issue| issue_to_js(names, issue, lang))
            .collect::<Array>()
            .into()
    })
}

fn issue_to_js(names: &Interned, issue: &Issue, lang: Lang) -> JsValue {
    issue_object(
        names,
        issue.code,
        Some(issue.field),
        &issue.related,
        &issue.message(lang),
        issue.fix.as_deref(),
    )
}

/// An issue as a plain object, built with the interned names; `field` is
/// absent for the audit's row-level issues, `fix` when no value is known.
fn issue_object(
    names: &Interned,
    code: Code,
    field: Option<FieldKey>,
    related: &[FieldKey],
    message: &str,
    fix: Option<&str>,
) -> JsValue {
    let object = Object::new();
    set_interned(&object, &names.code, &names.codes[code as usize]);
    if let Some(field) = field {
        set_interned(&object, &names.field, &names.fields[field as usize]);
    }
    let related: Array = related
        .iter()
        .map(|field| names.fields[*field as usize].clone())
        .collect();
    set_interned(&object, &names.related, &related);
    set_interned(
        &object,
        &names.severity,
        &names.severities[code.severity() as usize],
    );
    set_interned(&object, &names.message, &message.into());
    if let Some(fix) = fix {
        set_interned(&object, &names.fix, &fix.into());
    }
    object.into()
}

/// The record as given (the same JS strings), with every fix applied.
fn normalized_to_js(input: &RecordInput, issues: &[Issue]) -> JsValue {
    interned(|names| {
        let object = Object::new();
        for (field, value) in &input.values {
            set_interned(&object, &names.fields[*field as usize], value);
        }
        for issue in issues {
            if let Some(fix) = &issue.fix {
                set_interned(
                    &object,
                    &names.fields[issue.field as usize],
                    &fix.as_str().into(),
                );
            }
        }
        object.into()
    })
}

// --- the catalogue: the facts forms and pages read ------------------------

/// What a form needs beside `fields()`, so that pages and `attach()` keep no
/// copies: `{ groups, required, fixLabels, otherFixLabel, limits, defaults }`
/// (js/index.d.ts, `Catalogue`).
#[wasm_bindgen]
pub fn catalogue() -> JsValue {
    use crate::fields::GROUPS;
    use crate::issue::FixLabel;
    use crate::options::{DEFAULT_PASSPORT_WINDOW_DAYS, PASSPORT_WINDOW_DAYS_RANGE};

    let label = |label: &FixLabel| {
        let entry = Object::new();
        set(&entry, "ja", &label.ja.into());
        set(&entry, "en", &label.en.into());
        JsValue::from(entry)
    };
    let number = |n: f64| JsValue::from_f64(n);
    let object = Object::new();

    let groups = Array::new();
    for group in GROUPS {
        let entry = Object::new();
        set(&entry, "id", &group.id.into());
        set(&entry, "ja", &group.ja.into());
        set(&entry, "en", &group.en.into());
        set(
            &entry,
            "fields",
            &strings(group.fields.iter().map(|f| f.as_str())),
        );
        groups.push(&entry);
    }
    set(&object, "groups", &groups);
    let required = core::always_required();
    set(
        &object,
        "required",
        &strings(required.iter().map(|f| f.as_str())),
    );

    let fix_labels = Object::new();
    for rule in RULES {
        if let Some(fix_label) = &rule.fix_label {
            set(&fix_labels, rule.code, &label(fix_label));
        }
    }
    set(&object, "fixLabels", &fix_labels);
    set(&object, "otherFixLabel", &label(&FixLabel::OTHER));

    let limits = Object::new();
    set(&limits, "valueLength", &number(MAX_VALUE_LENGTH as f64));
    set(
        &limits,
        "vocabularyEntries",
        &number(MAX_VOCABULARY_ENTRIES as f64),
    );
    let window: Array = [
        *PASSPORT_WINDOW_DAYS_RANGE.start(),
        *PASSPORT_WINDOW_DAYS_RANGE.end(),
    ]
    .iter()
    .map(|&days| number(f64::from(days)))
    .collect();
    set(&limits, "passportWindowDays", &window);
    set(&object, "limits", &limits);

    let defaults = Object::new();
    set(
        &defaults,
        "passportWindowDays",
        &number(f64::from(DEFAULT_PASSPORT_WINDOW_DAYS)),
    );
    set(
        &defaults,
        "counting",
        &WindowCounting::default().as_str().into(),
    );
    set(&object, "defaults", &defaults);
    object.into()
}
