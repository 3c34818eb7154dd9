#![cfg(all(feature = "serde", not(target_arch = "wasm32")))]
//! The `serde` feature: the public types round-trip through JSON under the
//! names of the JS API, and a bad value is refused without being quoted.
//! Run by `npm test` as `cargo test --features serde --test serde_types`.

use chrono::NaiveDate;
use hersys_validator::audit::{audit, AuditConfig};
use hersys_validator::{
    validate, FieldKey, Issue, Options, Record, Vocabulary, VocabularyKey, WindowCounting,
};
use serde_json::json;

fn options() -> Options {
    let mut options = Options::new(NaiveDate::from_ymd_opt(2021, 7, 31).unwrap());
    options.passport_window_days = 14;
    options.counting = WindowCounting::DayAfterEntryIsDayOne;
    options
        .vocabulary
        .set_list(VocabularyKey::Status, vec!["入院中".into(), "死亡".into()]);
    options
}

#[test]
fn issues_use_the_stable_codes_and_keys() {
    let record = Record::from_pairs([
        (FieldKey::EntryDate, "2021-06-03"),
        (FieldKey::DiagnosisDate, "2021-06-10"),
        (FieldKey::PassportNumber, "ＴＫ１２３４５６７"),
    ]);
    let issues = validate(&record, &options());
    let value = serde_json::to_value(&issues).unwrap();
    let halfwidth = value
        .as_array()
        .unwrap()
        .iter()
        .find(|issue| issue["code"] == "passport.halfwidth")
        .expect("the full-width passport is reported");
    assert_eq!(halfwidth["field"], "passportNumber");
    assert_eq!(halfwidth["fix"], "TK1234567");
    let back: Vec<Issue> = serde_json::from_value(value).unwrap();
    assert_eq!(back, issues);
}

#[test]
fn options_round_trip_in_camel_case() {
    let options = options();
    let value = serde_json::to_value(&options).unwrap();
    assert_eq!(value["today"], "2021-07-31");
    assert_eq!(value["passportWindowDays"], 14);
    assert_eq!(value["counting"], "dayAfterEntryIsDayOne");
    assert_eq!(value["vocabulary"], json!({ "status": ["入院中", "死亡"] }));
    let back: Options = serde_json::from_value(value).unwrap();
    assert_eq!(back, options);
    assert_eq!(
        serde_json::from_value::<Vocabulary>(json!({})).unwrap(),
        Vocabulary::default()
    );
}

#[test]
fn the_audit_summary_serialises() {
    let file = "診断年月日,現在のステータス,場所区分\n2021-06-10,,\n".as_bytes();
    let report = audit(AuditConfig::new(options()), file);
    let value = serde_json::to_value(&report.summary).unwrap();
    assert_eq!(value["rows"], 1);
    assert_eq!(value["rowsWithErrors"], 1);
    assert!(value["counts"]
        .as_array()
        .unwrap()
        .contains(&json!(["status.required", 1])));
    assert_eq!(
        serde_json::from_value::<hersys_validator::audit::Summary>(value).unwrap(),
        report.summary
    );
}

#[test]
fn a_bad_value_is_refused_without_being_quoted() {
    for bad in [
        json!({ "code": "山田花子", "field": "status", "related": [], "fix": null, "depends": [], "windowDays": 28 }),
        json!({ "code": "status.required", "field": "山田花子", "related": [], "fix": null, "depends": [], "windowDays": 28 }),
    ] {
        let error = serde_json::from_value::<Issue>(bad)
            .unwrap_err()
            .to_string();
        assert!(!error.contains("山田花子"), "{error}");
        assert!(error.starts_with("expected"), "{error}");
    }
    let error = serde_json::from_value::<Vocabulary>(json!({ "山田花子": [] }))
        .unwrap_err()
        .to_string();
    assert!(!error.contains("山田花子"), "{error}");
}
