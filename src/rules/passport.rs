//! パスポート番号（旅券番号）: notice 記1.

use super::{Check, Context};
use crate::country;
use crate::fields::FieldKey;
use crate::issue::{Code, Issue};
use crate::passport::{self as number, Issuer, PassportFinding};
use crate::width;

pub const REQUIRED: Check = Check {
    reads: &[
        FieldKey::PassportNumber,
        FieldKey::EntryDate,
        FieldKey::DiagnosisDate,
    ],
    check: check_required,
};

/// The fields whose values show travel abroad.
const TRAVEL: [FieldKey; 3] = [
    FieldKey::InfectionRegion,
    FieldKey::DepartureDate,
    FieldKey::Country,
];

pub const WINDOW_INPUTS: Check = Check {
    reads: &[
        FieldKey::DiagnosisDate,
        FieldKey::EntryDate,
        FieldKey::InfectionRegion,
        FieldKey::DepartureDate,
        FieldKey::Country,
    ],
    check: check_window_inputs,
};

pub const FORMAT: Check = Check {
    reads: &[FieldKey::PassportNumber, FieldKey::Nationality],
    check: check_format,
};

/// Notice 記1(2)①②: when 診断年月日 is within 28 days counted from 入国日,
/// the passport number must be entered, for every entrant (Japanese
/// nationals included). docs/rules.md §2: with d = diagnosis − entry and a
/// window of N days, d inside the window of the chosen counting is
/// `passport.required` (error); a day that only the other counting covers
/// (d = N when the entry day is day 1) is `passport.boundary_day`
/// (warning); under the counting where the day after entry is day 1 there
/// is no such day. d < 0 is left to `entry.after_diagnosis`.
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
    // The last day that some counting covers: the day after entry as day 1.
    let last_covered = i64::from(cx.options.passport_window_days);
    let code = match days {
        d if d < 0 => return,
        d if d <= last_inside => Code::PassportRequired,
        d if d <= last_covered => Code::PassportBoundaryDay,
        _ => return,
    };
    out.push(
        Issue::new(code, FieldKey::PassportNumber)
            .related(&[FieldKey::EntryDate, FieldKey::DiagnosisDate])
            .window(cx.options.passport_window_days, cx.options.counting),
    );
}

/// Clause 1 is never silently off (docs/rules.md §2): the notice has the
/// clerk check 診断年月日 against 入国日 (記1(2)①), so an empty 診断年月日
/// is `diagnosis.required` (error), and a record that shows travel abroad
/// (感染地域 国外, an 出国日, or a 国名 other than Japan) without 入国日 is
/// `entry.date_missing` (warning on 入国日). A placeholder word (調査中 …)
/// counts as empty in all of them (docs/rules.md §3, §6); in an 入国日
/// that no travel makes needed it is `date.placeholder` (warning).
fn check_window_inputs(cx: &Context, out: &mut Vec<Issue>) {
    if cx.get(FieldKey::DiagnosisDate).is_none() {
        out.push(Issue::new(Code::DiagnosisRequired, FieldKey::DiagnosisDate));
    }
    if cx.get(FieldKey::EntryDate).is_some() {
        return;
    }
    let shown: Vec<FieldKey> = TRAVEL
        .into_iter()
        .filter(|field| match (field, cx.get(*field)) {
            (FieldKey::InfectionRegion, Some(region)) => width::same(region, ABROAD),
            (FieldKey::Country, Some(country)) => !country::names_japan(country),
            (_, value) => value.is_some(),
        })
        .collect();
    if !shown.is_empty() {
        // Which travel fields are named depends on all three.
        out.push(
            Issue::new(Code::EntryDateMissing, FieldKey::EntryDate)
                .related(&shown)
                .depends_on(&TRAVEL),
        );
    } else if cx.is_placeholder(FieldKey::EntryDate) {
        out.push(Issue::new(Code::DatePlaceholder, FieldKey::EntryDate).depends_on(&TRAVEL));
    }
}

/// The 感染地域 that means abroad.
const ABROAD: &str = "国外";

/// Notice 記1(2)②: the number is entered 半角. docs/rules.md §5: full-width is
/// `passport.halfwidth` with the half-width fix; lower case, spaces,
/// hyphens and punctuation are `passport.normalize` (the project's
/// tidying); a fix is only ever A–Z and 0–9. The format depends on 国籍
/// (`passport.format`; `passport.unusual`, whose message says which of its
/// two cases it is).
fn check_format(cx: &Context, out: &mut Vec<Issue>) {
    let Some(text) = cx.get(FieldKey::PassportNumber) else {
        return;
    };
    let issuer = Issuer::from_nationality(cx.get(FieldKey::Nationality));
    for finding in number::check(text, issuer) {
        let issue = match finding {
            PassportFinding::FullWidth { fix } => {
                let issue = Issue::new(Code::PassportHalfwidth, FieldKey::PassportNumber)
                    .depends_on(&[FieldKey::Nationality]);
                match fix {
                    Some(fix) => issue.fix(fix),
                    None => issue,
                }
            }
            PassportFinding::Untidy { fix } => {
                Issue::new(Code::PassportNormalize, FieldKey::PassportNumber)
                    .depends_on(&[FieldKey::Nationality])
                    .fix(fix)
            }
            PassportFinding::Format => Issue::new(Code::PassportFormat, FieldKey::PassportNumber)
                .related(&[FieldKey::Nationality]),
            PassportFinding::Unusual { japanese } => {
                Issue::new(Code::PassportUnusual, FieldKey::PassportNumber)
                    .related(&[FieldKey::Nationality])
                    .variant(u8::from(!japanese))
            }
        };
        out.push(issue);
    }
}
