//! パスポート番号（旅券番号）: notice 記1.

use super::{Context, Rule};
use crate::fields::FieldKey;
use crate::issue::{Code, Issue};
use crate::passport::{self as number, Issuer, PassportFinding};

pub const REQUIRED: Rule = Rule {
    name: "passport.required",
    reads: &[
        FieldKey::PassportNumber,
        FieldKey::EntryDate,
        FieldKey::DiagnosisDate,
    ],
    check: check_required,
};

pub const FORMAT: Rule = Rule {
    name: "passport.format",
    reads: &[FieldKey::PassportNumber, FieldKey::Nationality],
    check: check_format,
};

/// Notice 記1(2)①②: when 診断年月日 is within 28 days counted from 入国日,
/// the passport number must be entered, for every entrant (Japanese
/// nationals included). domain.md §2 decision: with d = diagnosis − entry,
/// d in 0..=27 is `passport.required` (error) and d = 28 is
/// `passport.boundary_day` (warning); the window and counting are options.
/// d < 0 is left to `entry.after_diagnosis`.
fn check_required(cx: &Context, out: &mut Vec<Issue>) {
    if cx.get(FieldKey::PassportNumber).is_some() {
        return;
    }
    let (Some(entry), Some(diagnosis)) = (
        cx.date(FieldKey::EntryDate),
        cx.date(FieldKey::DiagnosisDate),
    ) else {
        return;
    };
    let days = (diagnosis - entry).num_days();
    let last_inside = cx.options.last_day_inside();
    let code = match days {
        d if d < 0 => return,
        d if d <= last_inside => Code::PassportRequired,
        d if d == last_inside + 1 => Code::PassportBoundaryDay,
        _ => return,
    };
    out.push(
        Issue::new(code, FieldKey::PassportNumber)
            .related(&[FieldKey::EntryDate, FieldKey::DiagnosisDate])
            .window(cx.options.passport_window_days),
    );
}

/// Notice 記1(2)②: the number is entered 半角. domain.md §5: full-width is
/// `passport.halfwidth` with the half-width fix; lower case, spaces and
/// hyphens are `passport.normalize`; the format depends on 国籍
/// (`passport.format`, `passport.unusual`).
fn check_format(cx: &Context, out: &mut Vec<Issue>) {
    let Some(text) = cx.get(FieldKey::PassportNumber) else {
        return;
    };
    let issuer = Issuer::from_nationality(cx.get(FieldKey::Nationality));
    for finding in number::check(text, issuer) {
        let issue = match finding {
            PassportFinding::FullWidth { fix } => {
                Issue::new(Code::PassportHalfwidth, FieldKey::PassportNumber)
                    .depends_on(&[FieldKey::Nationality])
                    .fix(fix)
            }
            PassportFinding::Untidy { fix } => {
                Issue::new(Code::PassportNormalize, FieldKey::PassportNumber)
                    .depends_on(&[FieldKey::Nationality])
                    .fix(fix)
            }
            PassportFinding::Format => Issue::new(Code::PassportFormat, FieldKey::PassportNumber)
                .related(&[FieldKey::Nationality]),
            PassportFinding::Unusual => Issue::new(Code::PassportUnusual, FieldKey::PassportNumber)
                .related(&[FieldKey::Nationality]),
        };
        out.push(issue);
    }
}
