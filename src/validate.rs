//! The two entry points: the whole record, and the change of one field.
//! Both are pure: the same record and options give the same issues.

use crate::fields::FieldKey;
use crate::issue::Issue;
use crate::options::Options;
use crate::record::Record;
use crate::rules::{Context, CHECKS};

/// Every issue of the record, ordered by field (catalogue order), then by
/// severity.
pub fn validate(record: &Record, options: &Options) -> Vec<Issue> {
    let cx = Context::new(record, options);
    let mut issues = Vec::new();
    for rule in CHECKS {
        (rule.check)(&cx, &mut issues);
    }
    sort(&mut issues);
    issues
}

/// The issues a change of `field` can affect: those on the field and the
/// cross-field ones that depend on it. Only the rules that read the field
/// run. The result equals `validate` filtered by [`Issue::involves`].
pub fn validate_field(field: FieldKey, record: &Record, options: &Options) -> Vec<Issue> {
    let cx = Context::new(record, options);
    let mut issues = Vec::new();
    for rule in CHECKS.iter().filter(|rule| rule.reads.contains(&field)) {
        (rule.check)(&cx, &mut issues);
    }
    issues.retain(|issue| issue.involves(field));
    sort(&mut issues);
    issues
}

/// The fields whose values `validate_field(field, …)` can look at: those
/// read by the rules that read `field`. The others need not be supplied.
pub fn fields_read_with(field: FieldKey) -> impl Iterator<Item = FieldKey> {
    FieldKey::ALL.iter().copied().filter(move |other| {
        CHECKS
            .iter()
            .any(|rule| rule.reads.contains(&field) && rule.reads.contains(other))
    })
}

/// The fields every record must fill: those the rules report as an error
/// when the record is empty (docs/rules.md §2). Derived from the rules
/// themselves, so forms mark a newly required field without a list of
/// their own. In catalogue order.
pub fn always_required() -> Vec<FieldKey> {
    // No date is read from an empty record, so the validation day is moot.
    let options = Options::new(chrono::NaiveDate::MIN);
    let mut fields: Vec<FieldKey> = validate(&Record::new(), &options)
        .iter()
        .filter(|issue| issue.severity() == crate::Severity::Error)
        .map(|issue| issue.field)
        .collect();
    fields.dedup();
    fields
}

/// By field, then severity, keeping the catalogue order of equal keys: an
/// insertion sort, since a record has a handful of issues and the standard
/// library's stable sort (driftsort) is several KiB of every wasm module.
fn sort(issues: &mut [Issue]) {
    let key = |issue: &Issue| (issue.field, issue.severity());
    for end in 1..issues.len() {
        let mut at = end;
        while at > 0 && key(&issues[at - 1]) > key(&issues[at]) {
            issues.swap(at - 1, at);
            at -= 1;
        }
    }
}

/// The record with every fix applied: each issue that knows the right value
/// for its field sets it.
pub fn apply_fixes(record: &Record, issues: &[Issue]) -> Record {
    let mut fixed = record.clone();
    for issue in issues {
        if let Some(fix) = &issue.fix {
            fixed.set(issue.field, Some(fix.clone()));
        }
    }
    fixed
}
