//! 発生届 date consistency (docs/rules.md §4) and the dates' own form (§6).

use super::{Check, Context};
use crate::date::{self, DateForm, ParsedDate};
use crate::fields::{FieldKey, FieldKind};
use crate::issue::{Code, Issue};
use crate::placeholders::is_placeholder;
use crate::width;

use FieldKey::*;

/// Every date field of the catalogue, in its order: derived from the
/// field kinds at compile time, so a date field added to `fields!` is
/// checked here without another edit.
const DATE_FIELDS: [FieldKey; DATE_COUNT] = FieldKey::of_kind(FieldKind::Date);
const DATE_COUNT: usize = FieldKey::count_of_kind(FieldKind::Date);

/// What [`DATES`] reads: the date fields, and the case type (the order of
/// death and diagnosis depends on it).
const DATES_READS: [FieldKey; DATE_COUNT + 1] = {
    let mut reads = [CaseType; DATE_COUNT + 1];
    let mut index = 0;
    while index < DATE_COUNT {
        reads[index] = DATE_FIELDS[index];
        index += 1;
    }
    reads
};

/// The dates whose placeholder words the rules that require them report
/// (`diagnosis.required`, `death.date_required`, `entry.date_missing`, or
/// `date.placeholder` when not required there).
const REQUIRED_ELSEWHERE: [FieldKey; 3] = [DiagnosisDate, DeathDate, EntryDate];

pub const DATES: Check = Check {
    reads: &DATES_READS,
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

/// How the rules read the text of a date field (docs/rules.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateReading {
    /// A date, with the code its form gets, if any: `date.weekday_mismatch`,
    /// `date.excel_serial` (an error whose fix is the date),
    /// `date.approximate` or `date.with_time`. Another accepted form gets
    /// none here (the record rules offer `date.canonical`).
    Date {
        parsed: ParsedDate,
        code: Option<Code>,
    },
    /// Not a date: `date.placeholder`, `date.no_year`, `date.invalid` …
    NotADate(Code),
}

/// Reads the text of a date field as the date rules do; `parseDate` shares it.
pub fn read_date(text: &str) -> DateReading {
    if is_placeholder(text) {
        return DateReading::NotADate(Code::DatePlaceholder);
    }
    match date::parse(text) {
        Ok(parsed) => DateReading::Date {
            parsed,
            code: form_code(&parsed),
        },
        Err(error) => DateReading::NotADate(Code::from_date_error(error)),
    }
}

/// The code a parsed date's form gets, beyond its day.
fn form_code(parsed: &ParsedDate) -> Option<Code> {
    if parsed.weekday_mismatch() {
        // Which of the date and the weekday is wrong is for the clerk to say.
        return Some(Code::DateWeekdayMismatch);
    }
    match parsed.form {
        DateForm::Canonical | DateForm::Other => None,
        DateForm::WithTime { .. } => Some(Code::DateWithTime),
        DateForm::Approximate => Some(Code::DateApproximate),
        DateForm::ExcelSerial => Some(Code::DateExcelSerial),
    }
}

/// docs/rules.md §4 and §6:
/// - every date is a real calendar date in an accepted form
///   (`date.invalid`, `date.impossible`, `date.outside_era`), not before
///   1900-01-01 (`date.too_early`), with its year (`date.no_year`, no
///   fix: the year is never guessed); one typed in another form is offered
///   as `YYYY-MM-DD` (`date.canonical`, info), as is one with a time of day
///   (`date.with_time`, info; with a UTC offset, the date in Japan);
/// - a date marked 頃 or 推定 is read with `date.approximate` (warning, the
///   fix drops the mark); a five-digit number is an Excel serial
///   (`date.excel_serial`, error, the date as fix); both are then checked
///   as that date;
/// - a placeholder word (調査中, 不明 …) is `date.placeholder` (warning) and
///   counts as no date; 診断年月日, 死亡日付 and 入国日 leave it to the rules
///   that require them (docs/rules.md §6, placeholders);
/// - a weekday typed with the date that is not the date's is
///   `date.weekday_mismatch` (warning), and then no fix is offered;
/// - no date after today (`date.future`) or before 生年月日
///   (`date.before_birth`);
/// - the error orders of [`ORDER`], and for the two 死体 case types
///   死亡 ≤ 診断 (`date.order`); for the other types a death before 初診 or
///   診断 is `death.before_diagnosis` (warning: the 類型 would be a 死体);
/// - 感染推定 ≤ 発病 ≤ 診断 is only a warning (`date.onset_order`): onset
///   after diagnosis happens when a carrier develops symptoms;
/// - 入国日 after 診断年月日 is a warning (`entry.after_diagnosis`, §2 d < 0).
fn check_dates(cx: &Context, out: &mut Vec<Issue>) {
    let birth = cx.date(BirthDate);
    for &field in &DATE_FIELDS {
        debug_assert_eq!(field.info().kind, FieldKind::Date);
        if cx.is_placeholder(field) && !REQUIRED_ELSEWHERE.contains(&field) {
            out.push(Issue::new(Code::DatePlaceholder, field));
            continue;
        }
        let parsed = match cx.parsed_date(field) {
            None => continue,
            Some(Err(error)) => {
                out.push(Issue::new(Code::from_date_error(error), field));
                continue;
            }
            Some(Ok(parsed)) => parsed,
        };
        let as_fix = || date::canonical(parsed.date);
        match form_code(&parsed) {
            Some(Code::DateWeekdayMismatch) => {
                out.push(Issue::new(Code::DateWeekdayMismatch, field));
            }
            Some(code) => out.push(Issue::new(code, field).fix(as_fix())),
            None if !parsed.is_canonical() => {
                out.push(Issue::new(Code::DateCanonical, field).fix(as_fix()));
            }
            None => {}
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

    if !cx.is_body() {
        check_death_before_diagnosis(cx, out);
    }

    if let (Some(entry), Some(diagnosis)) = (cx.date(EntryDate), cx.date(DiagnosisDate)) {
        if entry > diagnosis {
            out.push(Issue::new(Code::EntryAfterDiagnosis, EntryDate).related(&[DiagnosisDate]));
        }
    }
}

/// A death before 診断 (or 初診) for a case type that is not a body is
/// `death.before_diagnosis` (warning): a person who died before being
/// diagnosed is reported with a 死体 類型 (docs/rules.md §4).
fn check_death_before_diagnosis(cx: &Context, out: &mut Vec<Issue>) {
    let Some(death) = cx.date(DeathDate) else {
        return;
    };
    let before = [DiagnosisDate, FirstVisitDate]
        .into_iter()
        .find(|&field| cx.date(field).is_some_and(|date| death < date));
    if let Some(field) = before {
        out.push(
            // Which date is named depends on both.
            Issue::new(Code::DeathBeforeDiagnosis, DeathDate)
                .related(&[field])
                .depends_on(&[CaseType, DiagnosisDate, FirstVisitDate]),
        );
    }
}

/// docs/rules.md §4: 「診断時の年齢（0歳は月齢）」. A given age is a whole
/// number of years, or of months for an infant; a band (40代, 10歳未満,
/// 高齢者) is `age.band`, anything else `age.invalid`. It agrees with
/// 生年月日 at 診断年月日, counted from the birthday itself
/// (年齢計算ニ関スル法律): months alone for a person aged 1 or more, and
/// years with months (1歳9か月) whose months differ, are a mismatch too.
/// `age.mismatch` carries the computed age as the fix, in the form the
/// field asks for: 41, or 3か月 for an infant.
fn check_age(cx: &Context, out: &mut Vec<Issue>) {
    let Some(text) = cx.get(Age) else {
        return;
    };
    let Some(typed) = parse_age(text) else {
        let code = if is_age_band(text) {
            Code::AgeBand
        } else {
            Code::AgeInvalid
        };
        out.push(Issue::new(code, Age));
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
        TypedAge::YearsAndMonths(typed_years, typed_months) => {
            typed_years == years && typed_months == months - 12 * years
        }
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

/// An age as typed: whole years, months for an infant, or both (1歳9か月).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TypedAge {
    Years(u32),
    Months(u32),
    YearsAndMonths(u32, u32),
}

/// The words public lists use for an age band instead of an age.
const AGE_BAND_WORDS: [&str; 9] = [
    "高齢者",
    "乳児",
    "幼児",
    "乳幼児",
    "小児",
    "児童",
    "未成年",
    "成人",
    "未就学児",
];

/// True for an age band rather than an age: 40代, 40歳代, 10歳未満,
/// 10代未満, 90歳以上, 20-29歳, 20〜29, or a word such as 高齢者.
fn is_age_band(text: &str) -> bool {
    let folded = width::fold(text);
    if AGE_BAND_WORDS.contains(&folded.as_str()) {
        return true;
    }
    let Some((_, rest)) = split_number(&folded) else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(['歳', '才']).unwrap_or(rest).trim_start();
    if rest.starts_with('代') {
        return true;
    }
    let is_bound = |word: &str| ["未満", "以上", "以下", "超"].contains(&word.trim());
    if is_bound(rest) {
        return true;
    }
    // A range: 20-29歳, 20〜29, 20~29才.
    rest.strip_prefix(['-', '〜', '~', '～', 'ー', '－'])
        .and_then(|upper| split_number(upper.trim_start()))
        .is_some_and(|(_, after)| {
            let after = after.trim();
            after.is_empty() || after == "歳" || after == "才"
        })
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
        return match number {
            0 => Some(TypedAge::Months(months)),
            1..=150 => Some(TypedAge::YearsAndMonths(number, months)),
            _ => None,
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
    let (digits, rest) = text.split_at_checked(end)?;
    Some((digits.parse().ok()?, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_bands_from_ages() {
        for band in [
            "40代",
            "４０代",
            "40歳代",
            "10歳未満",
            "10代未満",
            "90歳以上",
            "90代以上",
            "20-29歳",
            "20〜29",
            "高齢者",
            "乳児",
            "未成年",
        ] {
            assert!(is_age_band(band), "{band}");
            assert_eq!(parse_age(band), None, "{band}");
        }
        for age in ["40", "40歳", "3か月", "", "四十", "代", "40歳3か月"] {
            assert!(!is_age_band(age), "{age}");
        }
    }

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
            ("1歳3か月", Some(YearsAndMonths(1, 3))),
            ("2歳 11ヶ月", Some(YearsAndMonths(2, 11))),
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

    /// Every date field of the catalogue is checked, whatever the order of
    /// the rules: an impossible day in it is an issue on it.
    #[test]
    fn every_date_field_of_the_catalogue_is_checked() {
        use crate::options::Options;
        use crate::record::Record;
        let options = Options::new(chrono::NaiveDate::from_ymd_opt(2021, 7, 31).unwrap());
        let dates = FieldKey::ALL
            .iter()
            .copied()
            .filter(|field| field.info().kind == FieldKind::Date);
        for field in dates {
            assert!(DATES.reads.contains(&field), "{}", field.as_str());
            let record = Record::from_pairs([(field, "2021-02-30")]);
            let issues = crate::validate::validate(&record, &options);
            assert!(
                issues
                    .iter()
                    .any(|issue| issue.field == field && issue.code.as_str().starts_with("date.")),
                "{}: {issues:?}",
                field.as_str()
            );
        }
    }
}
