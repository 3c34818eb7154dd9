//! 発生届 date consistency (domain.md §4) and the dates' own form (§6).

use super::{Context, Rule};
use crate::date::{self, DateError};
use crate::fields::{FieldKey, FieldKind};
use crate::issue::{Code, Issue};
use crate::width;

use FieldKey::*;

const DATE_FIELDS: &[FieldKey] = &[
    ReportDate,
    BirthDate,
    OnsetDate,
    FirstVisitDate,
    DiagnosisDate,
    InfectionDate,
    DeathDate,
    DepartureDate,
    EntryDate,
];

pub const DATES: Rule = Rule {
    name: "dates",
    reads: &[
        ReportDate,
        BirthDate,
        OnsetDate,
        FirstVisitDate,
        DiagnosisDate,
        InfectionDate,
        DeathDate,
        DepartureDate,
        EntryDate,
        CaseType,
    ],
    check: check_dates,
};

pub const AGE: Rule = Rule {
    name: "age",
    reads: &[Age, BirthDate, DiagnosisDate],
    check: check_age,
};

/// Pairs (earlier, later) that must be in this order: an error otherwise
/// (domain.md §4: 初診 ≤ 診断 ≤ 報告, 出国日 ≤ 入国日, 死亡 ≥ 感染推定 and
/// ≥ 発病). The issue goes on the later field.
const ORDER: &[(FieldKey, FieldKey)] = &[
    (FirstVisitDate, DiagnosisDate),
    (DiagnosisDate, ReportDate),
    (DepartureDate, EntryDate),
    (InfectionDate, DeathDate),
    (OnsetDate, DeathDate),
];

/// domain.md §4 decision:
/// - every date is a real calendar date in an accepted form
///   (`date.invalid`, `date.impossible`, `date.outside_era`), and one typed
///   in another form is offered as `YYYY-MM-DD` (`date.canonical`, info);
/// - no date after today (`date.future`) or before 生年月日
///   (`date.before_birth`);
/// - the error orders of [`ORDER`], and for the two 死体 case types
///   死亡 ≤ 診断 (`date.order`);
/// - 感染推定 ≤ 発病 ≤ 診断 is only a warning (`date.onset_order`): onset
///   after diagnosis happens when a carrier develops symptoms;
/// - 入国日 after 診断年月日 is a warning (`entry.after_diagnosis`, §2 d < 0).
fn check_dates(cx: &Context, out: &mut Vec<Issue>) {
    let birth = cx.date(BirthDate);
    for &field in DATE_FIELDS {
        debug_assert_eq!(field.info().kind, FieldKind::Date);
        let parsed = match cx.parsed_date(field) {
            None => continue,
            Some(Err(error)) => {
                let code = match error {
                    DateError::Format => Code::DateInvalid,
                    DateError::Impossible => Code::DateImpossible,
                    DateError::OutsideEra => Code::DateOutsideEra,
                };
                out.push(Issue::new(code, field));
                continue;
            }
            Some(Ok(parsed)) => parsed,
        };
        if !parsed.canonical {
            out.push(Issue::new(Code::DateCanonical, field).fix(date::canonical(parsed.date)));
        }
        if parsed.date > cx.options.today {
            out.push(Issue::new(Code::DateFuture, field));
        }
        if let Some(birth) = birth.filter(|_| field != BirthDate) {
            if parsed.date < birth {
                out.push(Issue::new(Code::DateBeforeBirth, field).related(&[BirthDate]));
            }
        }
    }

    // `depends`: the field that decides whether the pair is checked at all.
    let mut order = |earlier: FieldKey, later: FieldKey, code: Code, depends: &[FieldKey]| {
        if let (Some(a), Some(b)) = (cx.date(earlier), cx.date(later)) {
            if b < a {
                out.push(
                    Issue::new(code, later)
                        .related(&[earlier])
                        .depends_on(depends),
                );
            }
        }
    };
    for &(earlier, later) in ORDER {
        order(earlier, later, Code::DateOrder, &[]);
    }
    if cx.is_body() {
        order(DeathDate, DiagnosisDate, Code::DateOrder, &[CaseType]);
    }
    order(InfectionDate, OnsetDate, Code::DateOnsetOrder, &[]);
    order(OnsetDate, DiagnosisDate, Code::DateOnsetOrder, &[]);
    if cx.date(OnsetDate).is_none() {
        order(
            InfectionDate,
            DiagnosisDate,
            Code::DateOnsetOrder,
            &[OnsetDate],
        );
    }

    if let (Some(entry), Some(diagnosis)) = (cx.date(EntryDate), cx.date(DiagnosisDate)) {
        if entry > diagnosis {
            out.push(Issue::new(Code::EntryAfterDiagnosis, EntryDate).related(&[DiagnosisDate]));
        }
    }
}

/// domain.md §4 decision: a given age is a whole number (`age.invalid`) and
/// agrees with 生年月日 at 診断年月日, counted from the birthday itself
/// (年齢計算ニ関スル法律); a mismatch is `age.mismatch` with the computed age
/// as the fix.
fn check_age(cx: &Context, out: &mut Vec<Issue>) {
    let Some(text) = cx.get(Age) else {
        return;
    };
    let Some(age) = parse_age(text) else {
        out.push(Issue::new(Code::AgeInvalid, Age));
        return;
    };
    let (Some(birth), Some(diagnosis)) = (cx.date(BirthDate), cx.date(DiagnosisDate)) else {
        return;
    };
    if let Some(expected) = date::age_on(birth, diagnosis) {
        if expected != age {
            out.push(
                Issue::new(Code::AgeMismatch, Age)
                    .related(&[BirthDate, DiagnosisDate])
                    .fix(expected.to_string()),
            );
        }
    }
}

/// A whole number of years, 0 to 150, optionally followed by 歳 or 才.
fn parse_age(text: &str) -> Option<u32> {
    let folded = width::fold(text);
    let digits = folded.trim_end_matches(['歳', '才']).trim_end();
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|age| *age <= 150)
}
