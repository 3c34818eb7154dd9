#![cfg(not(target_arch = "wasm32"))]
//! The catalogue that forms read instead of keeping copies: the required
//! fields come from the rules, the groups hold every field once, and the fix
//! labels put the value in.
use chrono::NaiveDate;
use hersys_validator::fields::GROUPS;
use hersys_validator::issue::FixLabel;
use hersys_validator::{
    always_required, validate, Code, FieldKey, Lang, Options, Record, Severity,
};

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2021, 7, 31).unwrap())
}

#[test]
fn the_required_fields_are_those_of_the_notice_and_docs_rules() {
    // 記2① (status), 記2② (place category), docs/rules.md §2 (the diagnosis date).
    assert_eq!(
        always_required(),
        [
            FieldKey::DiagnosisDate,
            FieldKey::Status,
            FieldKey::PlaceCategory
        ]
    );
}

#[test]
fn each_required_field_left_empty_is_an_error_on_it_and_filled_is_not() {
    let mut full = Record::new();
    full.set(FieldKey::DiagnosisDate, Some("2021-06-10".into()));
    full.set(FieldKey::Status, Some("自宅療養中".into()));
    full.set(FieldKey::PlaceCategory, Some("飲食店".into()));
    let errors = |record: &Record| -> Vec<FieldKey> {
        validate(record, &options())
            .into_iter()
            .filter(|issue| issue.severity() == Severity::Error)
            .map(|issue| issue.field)
            .collect()
    };
    assert_eq!(errors(&full), []);
    for field in always_required() {
        let mut record = full.clone();
        record.set(field, None);
        assert_eq!(errors(&record), [field], "{} left empty", field.as_str());
    }
    // A field that is not always required may be left empty.
    for field in FieldKey::ALL
        .iter()
        .filter(|f| !always_required().contains(f))
    {
        assert!(!errors(&full).contains(field));
    }
}

#[test]
fn groups_hold_every_field_once_in_screen_order() {
    let ids: Vec<_> = GROUPS.iter().map(|g| g.id).collect();
    assert_eq!(ids, ["basic", "dates", "entry", "status", "place"]);
    let mut seen: Vec<FieldKey> = GROUPS
        .iter()
        .flat_map(|g| g.fields.iter().copied())
        .collect();
    assert_eq!(seen.len(), FieldKey::ALL.len());
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), FieldKey::ALL.len());
    // The status comes before the death fields it decides.
    let status = GROUPS.iter().find(|g| g.id == "status").unwrap();
    assert_eq!(status.fields[0], FieldKey::Status);
}

#[test]
fn fix_labels_put_the_value_in_and_keep_replacement_patterns_as_text() {
    let label = Code::PassportHalfwidth.info().fix_label.unwrap();
    assert_eq!(label.text(Lang::Ja, "TK1234567"), "全角→半角（TK1234567）");
    assert_eq!(
        label.text(Lang::En, "TK1234567"),
        "Convert to half-width (TK1234567)"
    );
    let place = Code::PlaceCategoryRequired.info().fix_label.unwrap();
    assert_eq!(
        place.text(Lang::Ja, "場所種別不明"),
        "「場所種別不明」を選択"
    );
    assert_eq!(FixLabel::OTHER.text(Lang::Ja, "$&"), "「$&」にする");
    // Every label names the value, so the button says what it writes.
    for code in Code::ALL {
        if let Some(label) = code.info().fix_label {
            assert!(
                label.ja.contains("{fix}") && label.en.contains("{fix}"),
                "{}",
                code.as_str()
            );
        }
    }
}

/// The binding ships `src/wire_catalogue.json` instead of building the
/// catalogue at run time: it must be what the code builds
/// (`UPDATE_CATALOGUE=1 cargo test --test catalogue` rewrites it).
#[test]
fn the_shipped_catalogue_text_is_what_the_code_builds() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/wire_catalogue.json");
    let built = hersys_validator::catalogue::catalogue_json();
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        std::fs::write(file, &built).unwrap();
    }
    let shipped = std::fs::read_to_string(file).unwrap_or_default();
    assert!(
        shipped == built,
        "src/wire_catalogue.json is stale: run UPDATE_CATALOGUE=1 cargo test --test catalogue"
    );
}
