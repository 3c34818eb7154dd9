//! The dates people type into a 発生届 (docs/rules.md §6): ISO, slashes,
//! eight digits, 年月日, 和暦 with 元年, JIS X 0301 era letters, in
//! full-width or half-width characters, with or without a weekday
//! (（木）, (木曜日), (Thu)).

use chrono::{Datelike, NaiveDate, Weekday};

use crate::width;

/// Why a text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not a date format we know (this includes two-digit Western years).
    Format,
    /// A known format naming a day that does not exist (2月30日).
    Impossible,
    /// An era year or day outside that era (令和元年4月30日, 平成32年).
    OutsideEra,
    /// A real day before 1900-01-01: no 発生届 date is that old, so it is a
    /// typo (year 0021 for 2021).
    TooEarly,
}

/// The first day a 発生届 date may be.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("a real date")
}

/// A Japanese era: its name, its JIS X 0301 letter, and its first day.
#[derive(Debug)]
pub struct Era {
    pub name: &'static str,
    pub letter: char,
    pub first_day: (i32, u32, u32),
}

/// The eras of docs/rules.md §6, newest first; each ends the day before the next
/// begins.
pub const ERAS: [Era; 4] = [
    Era {
        name: "令和",
        letter: 'R',
        first_day: (2019, 5, 1),
    },
    Era {
        name: "平成",
        letter: 'H',
        first_day: (1989, 1, 8),
    },
    Era {
        name: "昭和",
        letter: 'S',
        first_day: (1926, 12, 25),
    },
    Era {
        name: "大正",
        letter: 'T',
        first_day: (1912, 7, 30),
    },
];

impl Era {
    fn first_date(&self) -> NaiveDate {
        let (y, m, d) = self.first_day;
        NaiveDate::from_ymd_opt(y, m, d).expect("era table holds real dates")
    }

    /// The last day of the era, or `None` for the current one.
    fn last_date(&self) -> Option<NaiveDate> {
        let index = ERAS.iter().position(|era| era.name == self.name)?;
        let next = ERAS.get(index.checked_sub(1)?)?;
        next.first_date().pred_opt()
    }

    fn contains(&self, date: NaiveDate) -> bool {
        date >= self.first_date() && self.last_date().is_none_or(|last| date <= last)
    }
}

/// A successfully parsed date, whether it was typed in the canonical
/// `YYYY-MM-DD` form, and the weekday typed after it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParsedDate {
    pub date: NaiveDate,
    pub canonical: bool,
    pub weekday: Option<Weekday>,
}

impl ParsedDate {
    /// True when a weekday was typed and it is not the date's.
    pub fn weekday_mismatch(&self) -> bool {
        self.weekday.is_some_and(|day| day != self.date.weekday())
    }
}

/// Formats a date as `YYYY-MM-DD`.
pub fn canonical(date: NaiveDate) -> String {
    let (year, month, day) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&year) {
        return format!("{year:04}-{month:02}-{day:02}");
    }
    // By hand: `format!` costs more than the rest of a date's checks.
    let year = year as u32;
    let digits = [
        year / 1000,
        year / 100 % 10,
        year / 10 % 10,
        year % 10,
        10,
        month / 10,
        month % 10,
        10,
        day / 10,
        day % 10,
    ];
    digits
        .iter()
        .map(|&d| {
            if d == 10 {
                '-'
            } else {
                char::from(b'0' + d as u8)
            }
        })
        .collect()
}

/// Parses any of the accepted forms.
pub fn parse(text: &str) -> Result<ParsedDate, DateError> {
    // The longest accepted form is about 25 characters of up to 3 bytes
    // each: reject long text before copying it.
    if text.len() > 160 {
        return Err(DateError::Format);
    }
    if has_iso_shape(text) {
        // What the general path below does with `YYYY-MM-DD`, without it.
        let number = |range: std::ops::Range<usize>| {
            text.as_bytes()[range]
                .iter()
                .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
        };
        let date = NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
            .ok_or(DateError::Impossible)?;
        return in_range(date, true, None);
    }
    parse_any(text)
}

/// [`parse`] without its `YYYY-MM-DD` shortcut.
fn parse_any(text: &str) -> Result<ParsedDate, DateError> {
    // ASCII folds to itself (the only ASCII hyphen-like is '-').
    let folded: std::borrow::Cow<str> = if text.is_ascii() {
        text.into()
    } else {
        width::nfkc(text)
            .chars()
            .map(|c| if width::is_hyphen_like(c) { '-' } else { c })
            .collect::<String>()
            .into()
    };
    let folded = folded.trim();
    if folded.len() > 60 {
        return Err(DateError::Format);
    }
    let (folded, weekday) = split_weekday(folded)?;
    let date = match era_prefix(folded) {
        Some((era, rest)) => parse_era(era, rest)?,
        None => parse_western(folded)?,
    };
    in_range(date, has_iso_shape(text), weekday)
}

/// The parsed date, unless it is before the earliest 発生届 date.
fn in_range(
    date: NaiveDate,
    canonical: bool,
    weekday: Option<Weekday>,
) -> Result<ParsedDate, DateError> {
    if date < earliest() {
        return Err(DateError::TooEarly);
    }
    Ok(ParsedDate {
        date,
        canonical,
        weekday,
    })
}

/// Splits a weekday off the end: `(木)`, `(木曜日)`, `(Thu)` in half- or
/// (already folded) full-width parentheses, or `木曜日`, `Thursday` after
/// the date without them. Parentheses holding anything else are not a date.
fn split_weekday(text: &str) -> Result<(&str, Option<Weekday>), DateError> {
    if let Some(inside) = text.strip_suffix(')') {
        let open = inside
            .bytes()
            .rposition(|b| b == b'(')
            .ok_or(DateError::Format)?;
        let weekday = weekday_name(inside[open + 1..].trim()).ok_or(DateError::Format)?;
        return Ok((inside[..open].trim_end(), Some(weekday)));
    }
    // Without parentheses: an English name after a space or comma, or a
    // Japanese one with its 曜 (a bare 日 ends 2021年6月3日).
    let name_start = text
        .bytes()
        .rposition(|b| b == b' ' || b == b',')
        .map_or(0, |at| at + 1);
    if name_start > 0 {
        if let Some(weekday) = english_weekday(&text[name_start..]) {
            let date = text[..name_start].trim_end_matches([' ', ',']);
            return Ok((date, Some(weekday)));
        }
    }
    let before = text.strip_suffix('日').unwrap_or(text);
    if let Some(before) = before.strip_suffix('曜') {
        let mut chars = before.chars();
        if let Some(weekday) = chars.next_back().and_then(japanese_weekday) {
            return Ok((chars.as_str().trim_end(), Some(weekday)));
        }
    }
    Ok((text, None))
}

/// 木, 木曜, 木曜日, Thu, Thu., Thurs, Thursday (any case).
fn weekday_name(name: &str) -> Option<Weekday> {
    let japanese = name.strip_suffix('日').unwrap_or(name);
    let japanese = japanese.strip_suffix('曜').unwrap_or(name);
    let mut chars = japanese.chars();
    match (chars.next().and_then(japanese_weekday), chars.next()) {
        (Some(weekday), None) => Some(weekday),
        _ => english_weekday(name),
    }
}

fn japanese_weekday(kanji: char) -> Option<Weekday> {
    let index = "月火水木金土日".chars().position(|day| day == kanji)?;
    Weekday::try_from(index as u8).ok()
}

/// An English weekday: at least its first three letters, any case, with
/// an optional full stop (Thu, Thu., Thurs, Thursday).
fn english_weekday(name: &str) -> Option<Weekday> {
    const NAMES: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let name = name.strip_suffix('.').unwrap_or(name).as_bytes();
    let index = NAMES.iter().position(|full| {
        name.len() >= 3
            && name.len() <= full.len()
            && full.as_bytes()[..name.len()].eq_ignore_ascii_case(name)
    })?;
    Weekday::try_from(index as u8).ok()
}

/// `YYYY-MM-DD` in ASCII: of the dates that parse, exactly the canonical
/// ones (no allocation: this runs on every keystroke).
fn has_iso_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// Splits off a leading era name, its first kanji, or its letter.
fn era_prefix(text: &str) -> Option<(&'static Era, &str)> {
    ERAS.iter().find_map(|era| {
        if let Some(rest) = text.strip_prefix(era.name) {
            return Some((era, rest));
        }
        let first_kanji = era.name.chars().next()?;
        if let Some(rest) = text.strip_prefix(first_kanji) {
            return Some((era, rest));
        }
        let mut chars = text.chars();
        let letter = chars.next()?;
        (letter.to_ascii_uppercase() == era.letter).then_some((era, chars.as_str()))
    })
}

fn parse_era(era: &Era, rest: &str) -> Result<NaiveDate, DateError> {
    let rest = rest.trim_start();
    let (year_text, rest) = match rest.strip_prefix('元') {
        Some(after) => ("1", after),
        None => split_digits(rest),
    };
    let era_year: i32 = parse_number(year_text, 1, 2)?;
    let (month, day) = month_day(rest)?;
    if era_year == 0 {
        return Err(DateError::OutsideEra);
    }
    let year = era.first_day.0 + era_year - 1;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible)?;
    if era.contains(date) {
        Ok(date)
    } else {
        Err(DateError::OutsideEra)
    }
}

fn parse_western(text: &str) -> Result<NaiveDate, DateError> {
    let (year_text, rest) = split_digits(text);
    if year_text.len() == 8 && rest.is_empty() {
        let year = parse_number(&year_text[..4], 4, 4)?;
        let month = parse_number(&year_text[4..6], 2, 2)?;
        let day = parse_number(&year_text[6..], 2, 2)?;
        return NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible);
    }
    let year: i32 = parse_number(year_text, 4, 4)?;
    let (month, day) = month_day(rest)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible)
}

/// Parses `年M月D日` or `-M-D`, `/M/D`, `.M.D` after the year.
fn month_day(rest: &str) -> Result<(u32, u32), DateError> {
    let rest = rest.trim_start();
    let (separator, rest) = split_separator(rest)?;
    let (month_text, rest) = split_digits(rest.trim_start());
    let month = parse_number(month_text, 1, 2)?;
    let rest = rest.trim_start();
    let rest = if separator == '年' {
        rest.strip_prefix('月').ok_or(DateError::Format)?
    } else {
        rest.strip_prefix(separator).ok_or(DateError::Format)?
    };
    let (day_text, rest) = split_digits(rest.trim_start());
    let day = parse_number(day_text, 1, 2)?;
    let rest = rest.trim();
    let ended = rest.is_empty() || (separator == '年' && rest == "日");
    if !ended {
        return Err(DateError::Format);
    }
    Ok((month, day))
}

fn split_separator(text: &str) -> Result<(char, &str), DateError> {
    let mut chars = text.chars();
    match chars.next() {
        Some(c @ ('年' | '-' | '/' | '.')) => Ok((c, chars.as_str())),
        _ => Err(DateError::Format),
    }
}

fn split_digits(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}

fn parse_number<T: std::str::FromStr>(
    digits: &str,
    min_len: usize,
    max_len: usize,
) -> Result<T, DateError> {
    if digits.len() < min_len || digits.len() > max_len {
        return Err(DateError::Format);
    }
    digits.parse().map_err(|_| DateError::Format)
}

/// Whole years from `birth` to `on`, counted from the birthday itself
/// (年齢計算ニ関スル法律): a person born on 29 February turns a year older
/// on 1 March in common years.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// Whole months from `birth` to `on`, counted as [`age_on`] counts years:
/// a month is complete on the day of the month of the birthday.
pub fn months_on(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut months = (on.year() - birth.year()) * 12 + on.month() as i32 - birth.month() as i32;
    if on.day() < birth.day() {
        months -= 1;
    }
    u32::try_from(months).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}")).date
    }

    #[test]
    fn parses_every_form_of_rules_section_6() {
        let expected = ymd(2021, 6, 3);
        for text in [
            "2021-06-03",
            "2021/6/3",
            "2021.6.3",
            "20210603",
            "2021年6月3日",
            "2021年6月3",
            "令和3年6月3日",
            "R3.6.3",
            "R03.06.03",
            "r3.6.3",
            "R3/6/3",
            "令3.6.3",
            "令和 3 年 6 月 3 日",
            "２０２１－０６－０３",
            "２０２１／６／３",
            "令和３年６月３日",
            "Ｒ３．６．３",
            "２０２１ー０６ー０３",
        ] {
            assert_eq!(date(text), expected, "{text}");
        }
        assert_eq!(date("令和元年5月1日"), ymd(2019, 5, 1));
        assert_eq!(date("㍻31年4月30日"), ymd(2019, 4, 30));
    }

    #[test]
    fn reads_a_weekday_after_the_date() {
        let expected = ymd(2021, 6, 3);
        for text in [
            "2021年6月3日（木）",
            "2021/6/3(木)",
            "2021/6/3 (木)",
            "令和3年6月3日(木曜日)",
            "令和3年6月3日（木曜）",
            "2021-06-03 (Thu)",
            "2021-06-03 (thu.)",
            "2021-06-03 (Thursday)",
            "2021-06-03 Thursday",
            "2021-06-03, Thu",
            "2021年6月3日木曜日",
            "R3.6.3(木)",
            "２０２１年６月３日（木）",
        ] {
            let parsed = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(parsed.date, expected, "{text}");
            assert_eq!(parsed.weekday, Some(Weekday::Thu), "{text}");
            assert!(!parsed.weekday_mismatch(), "{text}");
            assert!(!parsed.canonical, "{text}");
        }
        let wrong = parse("2021年6月3日（金）").unwrap();
        assert_eq!(wrong.date, expected);
        assert!(wrong.weekday_mismatch());
        assert!(parse("2021-06-03 (Fri)").unwrap().weekday_mismatch());
        assert!(!parse("2021-06-03").unwrap().weekday_mismatch());
        for text in [
            "2021-06-03 (朝)",
            "2021-06-03 ()",
            "2021-06-03 Thorsday",
            "2021-06-03 (木",
            "2021-06-03(木)(木)",
        ] {
            assert_eq!(parse(text), Err(DateError::Format), "{text}");
        }
    }

    #[test]
    fn no_date_before_1900() {
        assert_eq!(parse("1899-12-31"), Err(DateError::TooEarly));
        assert_eq!(date("1900-01-01"), ymd(1900, 1, 1));
        assert_eq!(parse("0021-06-03"), Err(DateError::TooEarly));
        assert_eq!(parse("00210603"), Err(DateError::TooEarly));
        assert_eq!(parse("1899-02-30"), Err(DateError::Impossible));
    }

    #[test]
    fn the_iso_shortcut_parses_as_the_general_path() {
        for year in [0, 1, 999, 1899, 1900, 1989, 2019, 2021, 2024, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(parse(&text), parse_any(&text), "{text}");
                    if let Ok(parsed) = parse(&text) {
                        assert_eq!(canonical(parsed.date), text);
                    }
                }
            }
        }
        assert_eq!(canonical(ymd(12345, 1, 2)), "12345-01-02");
    }

    #[test]
    fn only_the_iso_form_is_canonical() {
        assert!(parse("2021-06-03").unwrap().canonical);
        assert!(!parse("2021-6-3").unwrap().canonical);
        assert!(!parse("２０２１-06-03").unwrap().canonical);
        assert!(!parse(" 2021-06-03").unwrap().canonical);
        assert_eq!(canonical(ymd(2021, 6, 3)), "2021-06-03");
    }

    #[test]
    fn era_edges() {
        assert_eq!(parse("令和元年4月30日"), Err(DateError::OutsideEra));
        assert_eq!(date("平成31年4月30日"), ymd(2019, 4, 30));
        assert_eq!(parse("平成31年5月1日"), Err(DateError::OutsideEra));
        assert_eq!(parse("平成32年1月1日"), Err(DateError::OutsideEra));
        assert_eq!(date("昭和64年1月7日"), ymd(1989, 1, 7));
        assert_eq!(parse("昭和64年1月8日"), Err(DateError::OutsideEra));
        assert_eq!(date("平成元年1月8日"), ymd(1989, 1, 8));
        assert_eq!(parse("平成元年1月7日"), Err(DateError::OutsideEra));
        assert_eq!(date("S1.12.25"), ymd(1926, 12, 25));
        assert_eq!(date("T15.12.24"), ymd(1926, 12, 24));
        assert_eq!(parse("T15.12.25"), Err(DateError::OutsideEra));
        assert_eq!(date("T1.7.30"), ymd(1912, 7, 30));
        assert_eq!(parse("T1.7.29"), Err(DateError::OutsideEra));
        assert_eq!(parse("令和0年5月1日"), Err(DateError::OutsideEra));
    }

    #[test]
    fn leap_days() {
        assert_eq!(date("2020-02-29"), ymd(2020, 2, 29));
        assert_eq!(date("令和2年2月29日"), ymd(2020, 2, 29));
        assert_eq!(parse("2021-02-29"), Err(DateError::Impossible));
        assert_eq!(parse("令和3年2月29日"), Err(DateError::Impossible));
        assert_eq!(parse("2000/2/29").map(|p| p.date), Ok(ymd(2000, 2, 29)));
        assert_eq!(parse("1900/2/29"), Err(DateError::Impossible));
    }

    #[test]
    fn impossible_days() {
        for text in [
            "2021-02-30",
            "2021年13月1日",
            "2021-04-31",
            "20210631",
            "2021-00-10",
            "R3.6.0",
        ] {
            assert_eq!(parse(text), Err(DateError::Impossible), "{text}");
        }
    }

    #[test]
    fn rejects_unknown_forms_and_two_digit_years() {
        for text in [
            "",
            "21-06-03",
            "21/6/3",
            "6/3/2021",
            "2021-06",
            "2021-06-03-",
            "2021-06/03",
            "明日",
            "令和",
            "R",
            "R3",
            "2021年6月3日朝",
            "202106031",
            "99999-1-1",
            "令和三年六月三日",
        ] {
            assert_eq!(parse(text), Err(DateError::Format), "{text}");
        }
    }

    #[test]
    fn counts_age_from_the_birthday_itself() {
        assert_eq!(age_on(ymd(1980, 6, 3), ymd(2021, 6, 2)), Some(40));
        assert_eq!(age_on(ymd(1980, 6, 3), ymd(2021, 6, 3)), Some(41));
        assert_eq!(age_on(ymd(2000, 2, 29), ymd(2021, 2, 28)), Some(20));
        assert_eq!(age_on(ymd(2000, 2, 29), ymd(2021, 3, 1)), Some(21));
        assert_eq!(age_on(ymd(2000, 2, 29), ymd(2024, 2, 29)), Some(24));
        assert_eq!(age_on(ymd(2021, 1, 1), ymd(2020, 1, 1)), None);
    }

    #[test]
    fn counts_months_from_the_day_of_birth() {
        assert_eq!(months_on(ymd(2021, 3, 15), ymd(2021, 6, 14)), Some(2));
        assert_eq!(months_on(ymd(2021, 3, 15), ymd(2021, 6, 15)), Some(3));
        assert_eq!(months_on(ymd(2020, 12, 31), ymd(2021, 2, 28)), Some(1));
        assert_eq!(months_on(ymd(2021, 1, 31), ymd(2021, 2, 28)), Some(0));
        assert_eq!(months_on(ymd(2021, 1, 31), ymd(2021, 3, 1)), Some(1));
        assert_eq!(months_on(ymd(2020, 6, 3), ymd(2021, 6, 2)), Some(11));
        assert_eq!(months_on(ymd(2021, 6, 3), ymd(2021, 6, 2)), None);
    }
}
