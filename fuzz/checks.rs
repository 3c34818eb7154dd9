//! What every fuzz input must satisfy. Shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/`, nightly, `npm run fuzz`) and the short stable
//! proptest lanes that `npm test` runs (`tests/fuzz_lanes.rs`), so both
//! drivers check the same properties. A panic anywhere is a failure.

use chrono::NaiveDate;
use hersys_validator::audit::{audit, AuditConfig, Auditor};
use hersys_validator::passport::{self, Issuer, PassportFinding};
use hersys_validator::{date, validate, validate_field, FieldKey, Options, Record};

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2021, 7, 31).expect("a real day"))
}

/// The date parser: what parses round-trips through its canonical form.
pub fn date_parser(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(parsed) = date::parse(&text) {
        let again = date::parse(&date::canonical(parsed.date)).expect("canonical form parses");
        assert_eq!(again.date, parsed.date);
    }
}

/// The passport checker: normalising is idempotent, and a fix offered for
/// width or tidiness is itself neither full-width nor untidy, and only
/// ever A–Z and 0–9.
pub fn passport_checker(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let normalized = passport::normalize(&text);
    assert_eq!(passport::normalize(&normalized), normalized);
    let _ = passport::icao_check_digit(&text);
    if text.trim().is_empty() {
        return;
    }
    for issuer in [Issuer::Japan, Issuer::Other, Issuer::Unknown] {
        for finding in passport::check(&text, issuer) {
            let fix = match finding {
                PassportFinding::FullWidth { fix: Some(fix) } | PassportFinding::Untidy { fix } => {
                    Some(fix)
                }
                _ => None,
            };
            if let Some(fix) = fix {
                // A fix is only ever A–Z and 0–9 (docs/rules.md §5).
                assert!(fix
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
                let again = passport::check(&fix, issuer);
                assert!(
                    !again.iter().any(|f| matches!(
                        f,
                        PassportFinding::FullWidth { .. } | PassportFinding::Untidy { .. }
                    )),
                    "a fix needs no further fix"
                );
            }
        }
    }
}

/// A record from bytes: values separated by 0x1F, given to the fields in
/// catalogue order (the first byte rotates which field gets the first value).
pub fn record_from(data: &[u8]) -> Record {
    let mut record = Record::new();
    let Some((&rotate, rest)) = data.split_first() else {
        return record;
    };
    let fields = FieldKey::ALL;
    for (index, value) in rest.split(|&b| b == 0x1F).enumerate().take(fields.len()) {
        let field = fields[(index + rotate as usize) % fields.len()];
        record.set(field, Some(String::from_utf8_lossy(value).into_owned()));
    }
    record
}

/// Validation: no panic, and the one-field entry point returns exactly the
/// whole-record issues that involve the field.
pub fn validate_record(data: &[u8]) {
    let record = record_from(data);
    let options = options();
    let whole = validate(&record, &options);
    for &field in FieldKey::ALL {
        let expected: Vec<_> = whole
            .iter()
            .filter(|i| i.involves(field))
            .cloned()
            .collect();
        assert_eq!(validate_field(field, &record, &options), expected);
    }
}

/// The streaming audit: any chunking gives the report of the whole file at
/// once. The first byte sets the chunk size.
pub fn auditor_push(data: &[u8]) {
    let Some((&size, file)) = data.split_first() else {
        return;
    };
    let config = AuditConfig::new(options());
    let whole = audit(config.clone(), file);
    let mut auditor = Auditor::new(config);
    let mut rows = Vec::new();
    for chunk in file.chunks(usize::from(size % 64) + 1) {
        auditor.push_into(chunk, &mut rows);
    }
    auditor.finish_into(&mut rows);
    assert_eq!(rows, whole.rows);
    assert_eq!(auditor.summary(), &whole.summary);
}
