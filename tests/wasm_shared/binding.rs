// The binding under wasm: shared by the Node and the browser test crates.

use hersys_validator::binding::{
    default_vocabulary, fields, icao_check_digit, lookup_field, normalize_passport, parse_date,
    rules, wire_catalogue, wire_input, wire_message, wire_options, wire_validate,
};
use hersys_validator::wire::{ABSENT, NO_DAY, NO_FIX, WHOLE_RECORD};
use hersys_validator::{FieldKey, VocabularyKey};
use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn object(pairs: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        Reflect::set(&object, &(*key).into(), &(*value).into()).unwrap();
    }
    object.into()
}

/// Writes options into the input buffer as js/wire/call.js does (every
/// field absent, `today` as text, no list replaced) and calls `wireOptions`
/// for the call that follows; returns the status word and its slot.
fn wire_options_with(today: Option<&[u16]>, lang: u32, window_days: u32) -> (u32, u32) {
    let header = FieldKey::ALL.len() + 1 + VocabularyKey::ALL.len();
    let mut units = vec![ABSENT; header];
    if let Some(today) = today {
        units[FieldKey::ALL.len()] = today.len() as u16;
        units.extend_from_slice(today);
    }
    let address = wire_input(units.len() as u32);
    let input = unsafe { std::slice::from_raw_parts_mut(address as *mut u16, units.len()) };
    input.copy_from_slice(&units);
    let out = wire_options(units.len() as u32, lang, window_days, 0, NO_DAY) as *const u32;
    unsafe { (*out, *out.add(1)) }
}

/// The options of the auditors below: today 2021-07-31.
fn options() {
    let today: Vec<u16> = "2021-07-31".encode_utf16().collect();
    assert_eq!(wire_options_with(Some(&today), 0, 28), (0, 0));
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

/// Writes `pairs` into the input buffer as js/wire.js does and calls
/// `wireValidate`; returns (codes, fixes) of the answer.
fn wire(pairs: &[(FieldKey, &str)], field: u32, lang: u32) -> (Vec<u32>, Vec<String>) {
    let header = FieldKey::ALL.len() + 1 + VocabularyKey::ALL.len();
    let mut units = vec![ABSENT; header];
    for &field in FieldKey::ALL {
        if let Some((_, value)) = pairs.iter().find(|(f, _)| *f == field) {
            units[field as usize] = value.encode_utf16().count() as u16;
            units.extend(value.encode_utf16());
        }
    }
    let address = wire_input(units.len() as u32);
    // The same linear memory: the test writes where the wrapper would.
    let input = unsafe { std::slice::from_raw_parts_mut(address as *mut u16, units.len()) };
    input.copy_from_slice(&units);
    let out = wire_validate(units.len() as u32, field, lang, 28, 0, 20210731) as *const u32;
    let word = |n: usize| unsafe { *out.add(n) };
    assert_eq!(word(0), 0, "status");
    let text = word(3) as *const u16;
    let (mut codes, mut fixes) = (Vec::new(), Vec::new());
    let mut at = 5;
    for _ in 0..word(2) {
        codes.push(word(at));
        if word(at + 2) != NO_FIX {
            let fix = unsafe {
                std::slice::from_raw_parts(text.add(word(at + 2) as usize), word(at + 3) as usize)
            };
            fixes.push(String::from_utf16(fix).unwrap());
        }
        // The low byte counts the related fields; the message detail sits above.
        at += 5 + (word(at + 4) & 255) as usize;
    }
    (codes, fixes)
}

fn code_names(codes: &[u32]) -> Vec<&'static str> {
    codes
        .iter()
        .map(|&c| hersys_validator::Code::ALL[c as usize].as_str())
        .collect()
}

#[wasm_bindgen_test]
fn the_wire_answers_with_codes_fixes_and_messages() {
    let record = [
        (FieldKey::EntryDate, "2021-06-03"),
        (FieldKey::DiagnosisDate, "令和3年6月30日"),
        (FieldKey::Status, "自宅療養中"),
        (FieldKey::PlaceCategory, ""),
    ];
    let (codes, fixes) = wire(&record, WHOLE_RECORD, 0);
    assert_eq!(
        code_names(&codes),
        [
            "date.canonical",
            "passport.required",
            "place.category_required"
        ]
    );
    assert_eq!(fixes, ["2021-06-30", "場所種別不明"]);
    let (codes, _) = wire(&record[..2], FieldKey::EntryDate as u32, 0);
    assert_eq!(code_names(&codes), ["passport.required"]);
    let message = wire_message(
        hersys_validator::Code::StatusRequired as u32,
        FieldKey::Status as u32,
        0,
        0,
        28,
        1,
    );
    assert_eq!(message, "Choose the current status.");
}

#[wasm_bindgen_test]
fn a_refused_buffer_is_a_status_never_a_trap() {
    let address = wire_input(4);
    let input = unsafe { std::slice::from_raw_parts_mut(address as *mut u16, 4) };
    input.copy_from_slice(&[7, 7, 7, 7]);
    let out = wire_validate(4, WHOLE_RECORD, 0, 28, 0, 20210731) as *const u32;
    assert_eq!(unsafe { *out }, 3);
    let out = wire_validate(u32::MAX, 5, 9, 0, 9, 0) as *const u32;
    assert_eq!(unsafe { *out }, 3);
    let (codes, _) = wire(&[(FieldKey::Status, "入院中")], WHOLE_RECORD, 0);
    assert!(!codes.is_empty());
}

#[wasm_bindgen_test]
fn the_catalogue_holds_what_fields_and_default_vocabulary_return() {
    let catalogue = JSON::parse(&wire_catalogue()).unwrap();
    let same = |a: &JsValue, b: &JsValue| {
        assert_eq!(
            JSON::stringify(a).unwrap().as_string(),
            JSON::stringify(b).unwrap().as_string()
        )
    };
    same(&get(&catalogue, "fields"), &fields());
    same(&get(&catalogue, "vocabulary"), &default_vocabulary());
}

#[wasm_bindgen_test]
fn catalogue_vocabulary_rules_and_helpers() {
    assert_eq!(fields().unchecked_ref::<Array>().length(), 23);
    let statuses = get(&default_vocabulary(), "status");
    assert!(statuses
        .unchecked_ref::<Array>()
        .includes(&"死亡".into(), 0));
    assert!(rules().unwrap().unchecked_ref::<Array>().length() >= 29);
    assert_eq!(
        get(&parse_date("R3.6.3".into()).unwrap(), "value")
            .as_string()
            .unwrap(),
        "2021-06-03"
    );
    let rejected = parse_date("令和元年4月30日".into()).unwrap();
    assert_eq!(
        get(&rejected, "code").as_string().unwrap(),
        "date.outside_era"
    );
    assert_eq!(
        normalize_passport("ＴＫ－１２３４５６７".into()).unwrap(),
        "TK1234567"
    );
    assert_eq!(icao_check_digit("L898902C3".into()).unwrap(), Some(6));
    assert_eq!(
        lookup_field("パスポート番号(旅券番号)".into())
            .unwrap()
            .as_deref(),
        Some("passportNumber")
    );
}

#[wasm_bindgen_test]
fn results_are_defined_so_prototype_setters_never_see_them() {
    // A setter on Object.prototype that would swallow `code`.
    let setter = Function::new_with_args("v", "globalThis.__intercepted = v;");
    let descriptor = Object::new();
    Reflect::set(&descriptor, &"set".into(), &setter).unwrap();
    Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
    let prototype = Object::get_prototype_of(&Object::new().into());
    Reflect::define_property(&prototype, &"code".into(), &descriptor).unwrap();
    let rejected = parse_date("令和元年4月30日".into());
    Reflect::delete_property(&prototype, &"code".into()).unwrap();
    let rejected = rejected.unwrap();
    assert!(Object::has_own(
        rejected.unchecked_ref::<Object>(),
        &"code".into()
    ));
    assert!(get(&js_sys::global(), "__intercepted").is_undefined());
}

/// The options reach `rules()`, `parseDate()` and the auditor only through
/// `wireOptions` (js/wire/options.js checks the caller's object first,
/// tests/js/options-once.test.mjs): a refusal is a status, and each call
/// takes the options decoded for it once.
#[wasm_bindgen_test]
fn options_arrive_through_the_wire_once() {
    let tomorrow: Vec<u16> = "tomorrow".encode_utf16().collect();
    assert_eq!(wire_options_with(Some(&tomorrow), 0, 28), (2, 0));
    let lone = [0x32, 0xD800];
    assert_eq!(
        wire_options_with(Some(&lone), 0, 28),
        (1, FieldKey::ALL.len() as u32)
    );
    assert_eq!(wire_options_with(None, 2, 28).0, 3);
    assert_eq!(wire_options_with(None, 0, 0).0, 3);
    // A refusal leaves nothing for the next call: it has the defaults.
    let message = |value: JsValue| get(&value, "message").as_string().unwrap();
    let japanese = message(parse_date("令和元年4月30日".into()).unwrap());
    assert_eq!(wire_options_with(None, 1, 28), (0, 0));
    let english = message(parse_date("令和元年4月30日".into()).unwrap());
    assert_ne!(english, japanese);
    assert!(english.is_ascii());
    assert_eq!(
        message(parse_date("令和元年4月30日".into()).unwrap()),
        japanese
    );
    let passport = |table: JsValue| {
        let table: Array = table.unchecked_into();
        let rule = table
            .iter()
            .find(|r| get(r, "code").as_string().as_deref() == Some("passport.required"))
            .unwrap();
        get(&rule, "ja").as_string().unwrap()
    };
    let default = passport(rules().unwrap());
    assert_eq!(wire_options_with(None, 0, 14), (0, 0));
    assert_ne!(passport(rules().unwrap()), default);
    assert_eq!(passport(rules().unwrap()), default);
}

mod audit {
    use super::*;
    use hersys_validator::binding::audit::AuditorJs;

    fn auditor(input: JsValue) -> Result<AuditorJs, wasm_bindgen::JsError> {
        options();
        AuditorJs::new(input)
    }

    /// The failing rows of a batch's JSON (`pushBatch` / `finishBatch`).
    fn failing(json: String) -> Array {
        let batch = js_sys::JSON::parse(&json).expect("a batch is JSON");
        get(&batch, "failing").unchecked_into::<Array>()
    }

    #[wasm_bindgen_test]
    fn audits_chunks_and_reports_failing_rows() {
        // The first 64 KiB (here the whole file) decide the encoding and the
        // delimiter: the rows come at the end.
        let mut auditor = auditor(object(&[("encoding", "utf-8")])).unwrap();
        let file = "受付番号,診断年月日,現在のステータス,場所区分\r\nA-1,2021-06-30,入院中,職場\r\nA-2,2021-06-30,,場所種別不明\r\nA-3,2021-06-30,死亡";
        let bytes = file.as_bytes();
        assert_eq!(
            failing(auditor.push_batch(&bytes[..20]).unwrap()).length(),
            0
        );
        assert_eq!(auditor.batch_rows(), 0.0);
        auditor.push_batch(&bytes[20..]).unwrap();
        let failing = failing(auditor.finish_batch());
        assert_eq!(auditor.batch_rows(), 3.0);
        assert_eq!(failing.length(), 2);
        assert_eq!(get(&failing.get(0), "row").as_f64(), Some(3.0));
        assert_eq!(
            get(&failing.get(1), "ids")
                .unchecked_into::<Array>()
                .get(0)
                .as_string()
                .unwrap(),
            "A-3"
        );
        let summary = auditor.summary();
        assert_eq!(get(&summary, "rows").as_f64(), Some(3.0));
        assert_eq!(get(&summary, "encoding").as_string().unwrap(), "utf-8");
        assert_eq!(
            get(&get(&summary, "counts"), "status.required").as_f64(),
            Some(1.0)
        );
    }

    #[wasm_bindgen_test]
    fn bad_input_throws_and_garbage_bytes_do_not_trap() {
        let message = |result: Result<AuditorJs, wasm_bindgen::JsError>| {
            let error: JsValue = result.err().expect("must throw").into();
            get(&error, "message").as_string().unwrap()
        };
        assert!(message(auditor(object(&[("encoding", "latin1")])))
            .starts_with("encoding must be one of utf-8, utf8, shift_jis"));
        assert!(message(auditor(object(&[("colour", "red")]))).contains("unknown audit input"));
        let mapping = Object::new();
        Reflect::set(&mapping, &"状態".into(), &"nope".into()).unwrap();
        let input = Object::new();
        Reflect::set(&input, &"mapping".into(), &mapping).unwrap();
        assert!(message(auditor(input.into())).contains("unknown field key"));

        let mut auditor = auditor(JsValue::UNDEFINED).unwrap();
        let garbage: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        auditor.push_batch(&garbage).unwrap();
        auditor.finish_batch();
        // Random bytes hold NULs: refused as binary, said in the batch and the summary.
        let refused = get(&auditor.summary(), "refused");
        assert_eq!(get(&refused, "code").as_string().unwrap(), "file.binary");
        // A push after finish is an error, not a silent no-op.
        assert!(auditor.push_batch(b"a,b\n").is_err());
        // Numbers that are no summary (from a confused worker) are an error too.
        assert!(auditor.add_segment_summary(&[1, 2, 3]).is_err());
        let words = auditor.summary_words();
        assert!(auditor.add_segment_summary(&words).is_ok());
        // And the module still validates.
        let (codes, _) = wire(&[(FieldKey::Status, "")], WHOLE_RECORD, 0);
        assert!(code_names(&codes).contains(&"status.required"));
    }

    #[wasm_bindgen_test]
    fn a_title_row_is_skipped_and_what_cannot_be_checked_is_said_once() {
        let mut auditor = auditor(JsValue::UNDEFINED).unwrap();
        let file = "令和3年 陽性者一覧,,\n受付番号,診断日,現在のステータス,場所区分,場所名称,国籍\nA-1,2021-06-30,,職場,本社,日本\nA-1,2021-06-30,,職場,本社,日本\n";
        auditor.push_batch(file.as_bytes()).unwrap();
        let failing = failing(auditor.finish_batch());
        // Line 3 lacks its status; line 4 repeats it.
        assert_eq!(failing.length(), 2);
        let repeat = get(&failing.get(1), "issues").unchecked_into::<Array>();
        let duplicate = repeat
            .iter()
            .find(|i| get(i, "code").as_string().as_deref() == Some("row.duplicate"))
            .unwrap();
        assert_eq!(get(&duplicate, "earlierRow").as_f64(), Some(3.0));
        assert!(get(&duplicate, "message")
            .as_string()
            .unwrap()
            .contains("3行目"));
        let summary = auditor.summary();
        assert_eq!(get(&summary, "headerLine").as_f64(), Some(2.0));
        let columns = get(&summary, "columns").unchecked_into::<Array>();
        assert_eq!(get(&columns.get(1), "alias").as_bool(), Some(true));
        let findings = get(&summary, "fileFindings").unchecked_into::<Array>();
        let codes: Vec<String> = findings
            .iter()
            .map(|f| get(&f, "code").as_string().unwrap())
            .collect();
        assert_eq!(codes[0], "header.skipped");
        assert!(codes.iter().filter(|c| *c == "header.missing").count() >= 3);
        // The file's words (headers) may be named; cell values never.
        for finding in findings.iter() {
            assert!(!get(&finding, "message")
                .as_string()
                .unwrap()
                .contains("A-1"));
        }
    }

    #[wasm_bindgen_test]
    fn header_line_is_a_whole_number_of_at_least_one() {
        let with = |value: JsValue| {
            let input = Object::new();
            Reflect::set(&input, &"headerLine".into(), &value).unwrap();
            auditor(input.into())
        };
        for bad in [
            JsValue::from(0.0),
            JsValue::from(-1.0),
            JsValue::from(1.5),
            JsValue::from(f64::NAN),
            JsValue::from(f64::INFINITY),
            JsValue::from("3"),
            JsValue::NULL,
        ] {
            let error: JsValue = with(bad).err().expect("must throw").into();
            assert!(get(&error, "message")
                .as_string()
                .unwrap()
                .starts_with("headerLine must be a whole number"));
        }
        let mut told = with(JsValue::from(2.0)).unwrap();
        told.push_batch("x\n名前,備考\nA,B\n".as_bytes()).unwrap();
        told.finish_batch();
        let summary = told.summary();
        assert_eq!(get(&summary, "headerLine").as_f64(), Some(2.0));
        assert_eq!(get(&summary, "rows").as_f64(), Some(1.0));
        assert!(get(&summary, "refused").is_undefined());
    }
}
