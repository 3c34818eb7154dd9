// The binding under wasm: shared by the Node and the browser test crates.

use hersys_validator::binding::{
    default_vocabulary, fields, icao_check_digit, lookup_field, normalize_passport, parse_date,
    rules, validate_field_js, validate_js,
};
use js_sys::{Array, JsString, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn object(pairs: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        Reflect::set(&object, &(*key).into(), &(*value).into()).unwrap();
    }
    object.into()
}

fn options() -> JsValue {
    object(&[("today", "2021-07-31")])
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn codes(issues: &JsValue) -> Vec<String> {
    issues
        .unchecked_ref::<Array>()
        .iter()
        .map(|issue| get(&issue, "code").as_string().unwrap())
        .collect()
}

fn error_message(result: Result<JsValue, wasm_bindgen::JsError>) -> String {
    let error: JsValue = result.expect_err("bad input must throw").into();
    get(&error, "message").as_string().unwrap()
}

fn still_works() {
    let report = validate_js(object(&[("status", "入院中")]), options()).unwrap();
    assert!(get(&report, "issues").is_object());
}

#[wasm_bindgen_test]
fn validate_reports_issues_with_fixes_and_normalized_record() {
    let record = object(&[
        ("entryDate", "2021-06-03"),
        ("diagnosisDate", "令和3年6月30日"),
        ("status", "自宅療養中"),
        ("placeCategory", ""),
    ]);
    let report = validate_js(record, options()).unwrap();
    assert_eq!(get(&report, "ok"), JsValue::FALSE);
    let issues = get(&report, "issues");
    assert_eq!(
        codes(&issues),
        [
            "date.canonical",
            "passport.required",
            "place.category_required"
        ]
    );
    let normalized = get(&report, "normalized");
    assert_eq!(
        get(&normalized, "diagnosisDate").as_string().unwrap(),
        "2021-06-30"
    );
    assert_eq!(
        get(&normalized, "placeCategory").as_string().unwrap(),
        "場所種別不明"
    );
    // JSON-compatible: a round trip through JSON changes nothing.
    let json = JSON::stringify(&report).unwrap();
    let again = JSON::stringify(&JSON::parse(&String::from(json.clone())).unwrap()).unwrap();
    assert_eq!(json, again);
    // No undefined-as-value: issues without a fix have no `fix` key.
    let first_required = issues.unchecked_ref::<Array>().get(1);
    assert!(!Reflect::has(&first_required, &"fix".into()).unwrap());
}

#[wasm_bindgen_test]
fn messages_follow_the_language_option() {
    let english = object(&[("today", "2021-07-31"), ("lang", "en")]);
    let issues = validate_field_js("status".into(), object(&[]), english).unwrap();
    let message = get(&issues.unchecked_ref::<Array>().get(0), "message")
        .as_string()
        .unwrap();
    assert_eq!(message, "Choose the current status.");
}

#[wasm_bindgen_test]
fn validate_field_reevaluates_the_passport_rule_from_the_entry_date() {
    let record = object(&[("entryDate", "2021-06-03"), ("diagnosisDate", "2021-06-10")]);
    let issues = validate_field_js("entryDate".into(), record, options()).unwrap();
    assert_eq!(codes(&issues), ["passport.required"]);
}

#[wasm_bindgen_test]
fn catalogue_vocabulary_rules_and_helpers() {
    assert_eq!(fields().unchecked_ref::<Array>().length(), 23);
    let statuses = get(&default_vocabulary(), "status");
    assert!(statuses
        .unchecked_ref::<Array>()
        .includes(&"死亡".into(), 0));
    assert!(
        rules(JsValue::UNDEFINED)
            .unwrap()
            .unchecked_ref::<Array>()
            .length()
            >= 29
    );
    assert_eq!(
        get(
            &parse_date("R3.6.3".into(), JsValue::UNDEFINED).unwrap(),
            "value"
        )
        .as_string()
        .unwrap(),
        "2021-06-03"
    );
    let rejected = parse_date("令和元年4月30日".into(), JsValue::UNDEFINED).unwrap();
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
fn bad_records_throw_clear_errors_and_the_module_still_works() {
    let cases: Vec<(JsValue, &str)> = vec![
        (JsValue::NULL, "the record must be a plain object, not null"),
        (
            Array::new().into(),
            "the record must be a plain object, not an array",
        ),
        (
            JsValue::from_f64(42.0),
            "the record must be a plain object, not a number",
        ),
        (
            "text".into(),
            "the record must be a plain object, not a string",
        ),
        (
            js_sys::Map::new().into(),
            "the record must be a plain object, not a class instance",
        ),
    ];
    for (record, expected) in cases {
        assert_eq!(error_message(validate_js(record, options())), expected);
        still_works();
    }
}

#[wasm_bindgen_test]
fn bad_values_throw_and_never_echo_the_value() {
    let number = Object::new();
    Reflect::set(&number, &"age".into(), &JsValue::from_f64(41.0)).unwrap();
    assert_eq!(
        error_message(validate_js(number.into(), options())),
        "record.age must be a string, not a number"
    );

    let nested = Object::new();
    Reflect::set(&nested, &"status".into(), &Object::new()).unwrap();
    assert_eq!(
        error_message(validate_js(nested.into(), options())),
        "record.status must be a string, not an object"
    );

    let unknown = object(&[("secretKey", "x")]);
    assert!(error_message(validate_js(unknown, options())).contains("not a field"));

    let lone: JsValue = JsString::from_char_code1(0xD800).into();
    let surrogate = Object::new();
    Reflect::set(&surrogate, &"passportNumber".into(), &lone).unwrap();
    assert_eq!(
        error_message(validate_js(surrogate.into(), options())),
        "record.passportNumber contains a lone surrogate (invalid UTF-16)"
    );

    let huge = "秘".repeat(10 * 1024 * 1024);
    let message = error_message(validate_js(object(&[("placeName", &huge)]), options()));
    assert_eq!(message, "record.placeName is longer than 10000 characters");
    assert!(!message.contains('秘'));
    still_works();
}

#[wasm_bindgen_test]
fn null_and_undefined_values_mean_missing() {
    let record = Object::new();
    Reflect::set(&record, &"status".into(), &JsValue::NULL).unwrap();
    Reflect::set(&record, &"placeCategory".into(), &JsValue::UNDEFINED).unwrap();
    let issues = get(&validate_js(record.into(), options()).unwrap(), "issues");
    assert_eq!(
        codes(&issues),
        [
            "diagnosis.required",
            "status.required",
            "place.category_required"
        ]
    );
}

#[wasm_bindgen_test]
fn bad_options_throw() {
    let cases: Vec<(JsValue, &str)> = vec![
        (object(&[("lang", "fr")]), "options.lang must be 'ja' or 'en'"),
        (object(&[("today", "tomorrow")]), "options.today must be a date such as '2021-06-03'"),
        (object(&[("counting", "weekly")]), "options.counting must be 'entryDayIsDayOne' or 'dayAfterEntryIsDayOne'"),
        (object(&[("colour", "red")]), "unknown option 'colour'; options are lang, today, passportWindowDays, counting, vocabulary"),
        (Array::new().into(), "options must be a plain object, not an array"),
    ];
    for (options, expected) in cases {
        assert_eq!(error_message(validate_js(object(&[]), options)), expected);
    }
    let window = Object::new();
    Reflect::set(
        &window,
        &"passportWindowDays".into(),
        &JsValue::from_f64(2.5),
    )
    .unwrap();
    assert!(error_message(validate_js(object(&[]), window.into())).contains("whole number"));
    let vocabulary = Object::new();
    Reflect::set(&vocabulary, &"status".into(), &"死亡".into()).unwrap();
    let with_vocabulary = Object::new();
    Reflect::set(&with_vocabulary, &"vocabulary".into(), &vocabulary).unwrap();
    assert_eq!(
        error_message(validate_js(object(&[]), with_vocabulary.into())),
        "options.vocabulary.status must be an array of strings"
    );
    still_works();
}

#[wasm_bindgen_test]
fn a_vocabulary_replaces_a_list_per_call() {
    let statuses: Array = ["療養中", "死亡"]
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect();
    let vocabulary = Object::new();
    Reflect::set(&vocabulary, &"status".into(), &statuses).unwrap();
    let options = object(&[("today", "2021-07-31")]);
    Reflect::set(&options, &"vocabulary".into(), &vocabulary).unwrap();
    let issues =
        validate_field_js("status".into(), object(&[("status", "療養中")]), options).unwrap();
    assert!(codes(&issues).is_empty());
    let issues = validate_field_js(
        "status".into(),
        object(&[("status", "療養中")]),
        self::options(),
    )
    .unwrap();
    assert_eq!(codes(&issues), ["status.unknown"]);
}

#[wasm_bindgen_test]
fn validate_field_rejects_unknown_keys() {
    assert!(
        error_message(validate_field_js("nope".into(), object(&[]), options()))
            .contains("unknown field key")
    );
    assert!(error_message(validate_field_js(
        JsValue::from_f64(1.0),
        object(&[]),
        options()
    ))
    .contains("must be a string"));
    still_works();
}

mod audit {
    use super::*;
    use hersys_validator::binding::audit::AuditorJs;

    fn auditor(input: JsValue) -> Result<AuditorJs, wasm_bindgen::JsError> {
        AuditorJs::new(input, options())
    }

    #[wasm_bindgen_test]
    fn audits_chunks_and_reports_failing_rows() {
        // The first 64 KiB (here the whole file) decide the encoding and the
        // delimiter: the rows come at the end.
        let mut auditor = auditor(object(&[("encoding", "utf-8")])).unwrap();
        let file = "受付番号,診断年月日,現在のステータス,場所区分\r\nA-1,2021-06-30,入院中,職場\r\nA-2,2021-06-30,,場所種別不明\r\nA-3,2021-06-30,死亡";
        let bytes = file.as_bytes();
        let first = auditor.push(&bytes[..20]).unwrap();
        assert_eq!(get(&first, "rows").as_f64(), Some(0.0));
        auditor.push(&bytes[20..]).unwrap();
        let last = auditor.finish();
        let failing = get(&last, "failing").unchecked_into::<Array>();
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
        auditor.push(&garbage).unwrap();
        auditor.finish();
        assert!(get(&auditor.summary(), "rows").as_f64().is_some());
        // Random bytes hold NULs: refused as binary, said in the batch and the summary.
        let refused = get(&auditor.summary(), "refused");
        assert_eq!(get(&refused, "code").as_string().unwrap(), "file.binary");
        // A push after finish is an error, not a silent no-op.
        assert!(auditor.push(b"a,b\n").is_err());
        still_works();
    }
}
