//! 発生届 date consistency (docs/rules.md §4) and the dates' own form (§6).

use super::{Check, Context};
use crate::date;
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

pub const DATES: Check = Check {
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

pub const AGE: Check = Check {
    reads: &[Age, BirthDate, DiagnosisDate],
    check: check_age,
};

/// Pairs (earlier, later) that must be in this order: an error otherwise
/// (docs/rules.md §4: 初診 ≤ 診断 ≤ 報告, 出国日 ≤ 入国日, 死亡 ≥ 感染推定 and
/// ≥ 発病). The issue goes on the later field.
const ORDER: &[(FieldKey, FieldKey)] = &[
    (FirstVisitDate, DiagnosisDate),
    (DiagnosisDate, ReportDate),
    (DepartureDate, EntryDate),
    (InfectionDate, DeathDate),
    (OnsetDate, DeathDate),
];

/// docs/rules.md §4 and §6:
/// - every date is a real calendar date in an accepted form
///   (`date.invalid`, `date.impossible`, `date.outside_era`), not before
///   1900-01-01 (`date.too_early`), and one typed in another form is
///   offered as `YYYY-MM-DD` (`date.canonical`, info);
/// - a weekday typed with the date that is not the date's is
///   `date.weekday_mismatch` (warning), and then no canonical fix is
///   offered: which of the two is wrong is for the clerk to say;
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
                out.push(Issue::new(Code::from_date_error(error), field));
                continue;
            }
            Some(Ok(parsed)) => parsed,
        };
        if parsed.weekday_mismatch() {
            out.push(Issue::new(Code::DateWeekdayMismatch, field));
        } else if !parsed.canonical {
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

/// docs/rules.md §4: 「診断時の年齢（0歳は月齢）」. A given age is a whole
/// number of years, or of months for an infant (`age.invalid` otherwise),
/// and agrees with 生年月日 at 診断年月日, counted from the birthday itself
/// (年齢計算ニ関スル法律); months for a person aged 1 or more are a
/// mismatch too. `age.mismatch` carries the computed age as the fix, in
/// the form people write: 41, or 3か月 for an infant.
fn check_age(cx: &Context, out: &mut Vec<Issue>) {
    let Some(text) = cx.get(Age) else {
        return;
    };
    let Some(typed) = parse_age(text) else {
        out.push(Issue::new(Code::AgeInvalid, Age));
        return;
    };
    let (Some(birth), Some(diagnosis)) = (cx.date(BirthDate), cx.date(DiagnosisDate)) else {
        return;
    };
    let (Some(years), Some(months)) = (
        date::age_on(birth, diagnosis),
        date::months_on(birth, diagnosis),
    ) else {
        return;
    };
    let agrees = match typed {
        TypedAge::Years(typed) => typed == years,
        TypedAge::Months(typed) => years == 0 && typed == months,
    };
    if !agrees {
        let issue = Issue::new(Code::AgeMismatch, Age).related(&[BirthDate, DiagnosisDate]);
        // No fix that the age rule would then reject (over 150: the dates
        // are wrong, not the age).
        out.push(match years {
            0 => issue.fix(format!("{months}か月")),
            1..=150 => issue.fix(years.to_string()),
            _ => issue,
        });
    }
}

/// An age as typed: whole years, or months for an infant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TypedAge {
    Years(u32),
    Months(u32),
}

/// The ways people write "months" (か月, ヶ月, ケ月, カ月, ヵ月, 箇月): the
/// counter, then 月.
const MONTH_COUNTERS: [char; 6] = ['か', 'ヶ', 'ケ', 'カ', 'ヵ', '箇'];

/// 0 to 150 years, optionally followed by 歳 or 才; or 0 to 11 months, as
/// 3か月 or 0歳3か月. Full-width digits are fine, and spaces between the
/// parts. With 歳 and months for an age of 1 or more (1歳3か月), the years
/// count.
fn parse_age(text: &str) -> Option<TypedAge> {
    let folded = width::fold(text);
    let (number, rest) = split_number(&folded)?;
    let rest = rest.trim_start();
    let years = (number <= 150).then_some(TypedAge::Years(number));
    if rest.is_empty() {
        return years;
    }
    if let Some(after) = rest.strip_prefix(['歳', '才']) {
        let after = after.trim_start();
        if after.is_empty() {
            return years;
        }
        let months = parse_months(after)?;
        return if number == 0 {
            Some(TypedAge::Months(months))
        } else {
            years
        };
    }
    parse_months(&folded).map(TypedAge::Months)
}

/// 0 to 11 followed by a month word, and nothing else.
fn parse_months(text: &str) -> Option<u32> {
    let (months, rest) = split_number(text)?;
    let rest = rest.trim_start().strip_prefix(MONTH_COUNTERS)?;
    (months <= 11 && rest.trim_start() == "月").then_some(months)
}

/// Up to three leading ASCII digits as a number, and the rest.
fn split_number(text: &str) -> Option<(u32, &str)> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    if end == 0 || end > 3 {
        return None;
    }
    Some((text[..end].parse().ok()?, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_years_and_infant_months() {
        use TypedAge::*;
        for (text, expected) in [
            ("41", Some(Years(41))),
            ("４１歳", Some(Years(41))),
            ("0", Some(Years(0))),
            ("0歳", Some(Years(0))),
            ("3か月", Some(Months(3))),
            ("3ヶ月", Some(Months(3))),
            ("3ケ月", Some(Months(3))),
            ("3カ月", Some(Months(3))),
            ("3ヵ月", Some(Months(3))),
            ("３ｶ月", Some(Months(3))),
            ("0歳3か月", Some(Months(3))),
            ("0歳 11か月", Some(Months(11))),
            ("3 か 月", Some(Months(3))),
            ("41 歳", Some(Years(41))),
            ("4 1", None),
            ("41歳歳", None),
            ("011か月", Some(Months(11))),
            ("０歳３か月", Some(Months(3))),
            ("1歳3か月", Some(Years(1))),
            ("12か月", None),
            ("3月", None),
            ("151", None),
            ("-1", None),
            ("四十一", None),
            ("3か月歳", None),
            ("", None),
        ] {
            assert_eq!(parse_age(text), expected, "{text}");
        }
    }
}
