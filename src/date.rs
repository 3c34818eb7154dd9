//! The dates people type into a 発生届 (docs/rules.md §6): ISO, slashes,
//! eight digits, 年月日, 和暦 with 元年, JIS X 0301 era letters, in
//! full-width or half-width characters, with or without a weekday
//! (（木）, (木曜日), (Thu)); and what real files hold besides
//! (docs/rules.md §8, domain decisions): a time of day, a trailing 頃 or
//! (推定), Excel serials, and dates with no year, which are never guessed.
//!
//! The text is read from its end: an approximate mark, then a time of day
//! (looked for only when the rest does not parse without one), then a
//! weekday, then the date itself.

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use crate::width;

/// Why a text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not a date format we know. This includes two-digit Western years, an
    /// invalid time of day (24:00, 10:60), and a month and day without a year
    /// that exist in no year (13/40, 2/30).
    Format,
    /// A known format naming a day that does not exist (2月30日).
    Impossible,
    /// An era year or day outside that era (令和元年4月30日, 平成32年).
    OutsideEra,
    /// A real day before 1900-01-01: no 発生届 date is that old, so it is a
    /// typo (year 0021 for 2021).
    TooEarly,
    /// A month and day with no year (2月9日, 6/10, １月９日, with or without
    /// a weekday): the year is never guessed, so there is no date.
    NoYear,
}

/// How the date was written, beyond the day it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateForm {
    /// `YYYY-MM-DD` exactly.
    Canonical,
    /// Another accepted form (2021/6/3, 令和3年6月3日, R3.6.3, full-width…).
    Other,
    /// A date with a time of day (hours 0–23: `24:00` is not read): `2021/6/10 0:00`,
    /// `2021-06-10 10:30:00`, `2021/03/02, 18:00`, `2021/6/10(木) 10:00`, `2021年6月10日10時30分`,
    /// ISO `2021-06-10T10:30:00` / with fraction `.000`;
    /// `offset_converted` is true when the text carried `Z` or an offset (`+09:00`, `-05:00`,
    /// `+0900`) and the instant was converted to Japan time (UTC+9, no daylight saving) before
    /// taking its date. An offset is read only after `YYYY-MM-DD` and `T` or a space.
    WithTime { offset_converted: bool },
    /// A full date followed by 頃, ごろ, ころ, 位, くらい, or (推定)/（推定）/推定 — the date is
    /// read; the fix drops the mark. Also with a weekday or a time of day before the mark
    /// (`2021/6/3(木)頃`, `2021/6/3 10:00頃`), but never with a UTC offset.
    Approximate,
    /// A five-digit number: an Excel serial in the 1900 date system (1899-12-30 + n; 44357 = 2021-06-10).
    /// The first digit is not 0 (so 10000–99999, 1927-05-18 to 2173-10-13); a fraction (`44357.0`,
    /// `44357.75`) is the time of day and leaves the date as it is.
    ExcelSerial,
}

/// The first day a 発生届 date may be.
pub fn earliest() -> NaiveDate {
    EARLIEST
}

/// A constant, not a call: it is compared with every date.
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => panic!("1900-01-01 is a real date"),
};

/// A Japanese era: its name, its JIS X 0301 letter, and its first day
/// (whose year is the era's year 1).
#[derive(Debug)]
pub struct Era {
    pub name: &'static str,
    pub letter: char,
    pub first_day: (i32, u32, u32),
}

/// The eras of docs/rules.md §6, newest first; each ends the day before the next
/// begins. 明治 is read only from 1900-01-01 (明治33年): earlier days are
/// [`DateError::TooEarly`].
pub const ERAS: [Era; 5] = [
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
    Era {
        name: "明治",
        letter: 'M',
        first_day: (1868, 10, 23),
    },
];

impl Era {
    fn first_date(&self) -> NaiveDate {
        let (y, m, d) = self.first_day;
        NaiveDate::from_ymd_opt(y, m, d).expect("era table holds real dates")
    }

    /// The last day of the era, or `None` for the current one.
    fn last_date(&self) -> Option<NaiveDate> {
        let index = ERAS.iter().position(|era| era.letter == self.letter)?;
        let next = ERAS.get(index.checked_sub(1)?)?;
        next.first_date().pred_opt()
    }

    fn contains(&self, date: NaiveDate) -> bool {
        date >= self.first_date() && self.last_date().is_none_or(|last| date <= last)
    }
}

/// A successfully parsed date, how it was written, and the weekday typed
/// after it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParsedDate {
    pub date: NaiveDate,
    pub form: DateForm,
    pub weekday: Option<Weekday>,
}

impl ParsedDate {
    /// True when a weekday was typed and it is not the date's.
    pub fn weekday_mismatch(&self) -> bool {
        self.weekday.is_some_and(|day| day != self.date.weekday())
    }

    /// True when the text was exactly `YYYY-MM-DD`.
    pub fn is_canonical(&self) -> bool {
        self.form == DateForm::Canonical
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
    // The longest accepted form is about 40 characters of up to 3 bytes
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
        return in_range(date, DateForm::Canonical, None);
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
    if folded.len() > 80 {
        return Err(DateError::Format);
    }
    if let Some(serial) = excel_serial(folded) {
        return in_range(serial?, DateForm::ExcelSerial, None);
    }
    let (rest, approximate) = split_approximate(folded);
    let (date, weekday, time) = date_weekday_and_time(rest)?;
    let form = match (approximate, time) {
        // An instant with a UTC offset is machine-written, never approximate.
        (true, Some(time)) if time.offset.is_some() => return Err(DateError::Format),
        (true, _) => DateForm::Approximate,
        (false, Some(time)) => DateForm::WithTime {
            offset_converted: time.offset.is_some(),
        },
        (false, None) if has_iso_shape(text) => DateForm::Canonical,
        (false, None) => DateForm::Other,
    };
    let date = match time {
        Some(time) => time.japan_date(date).ok_or(DateError::Impossible)?,
        None => date,
    };
    in_range(date, form, weekday)
}

/// The date, its weekday and its time of day. A time is looked for only in
/// text that does not parse without one: most dates have none, and no date
/// form holds the `:` or 時 that a time needs.
fn date_weekday_and_time(
    text: &str,
) -> Result<(NaiveDate, Option<Weekday>, Option<TimeOfDay>), DateError> {
    match date_and_weekday(text) {
        Err(DateError::Format) => {}
        result => return result.map(|(date, weekday)| (date, weekday, None)),
    }
    let (text, time) = split_time(text)?;
    let (date, weekday) = date_and_weekday(text)?;
    Ok((date, weekday, Some(time)))
}

fn date_and_weekday(text: &str) -> Result<(NaiveDate, Option<Weekday>), DateError> {
    let (rest, weekday) = split_weekday(text)?;
    let date = match era_prefix(rest) {
        Some((era, rest)) => parse_era(era, rest)?,
        None => parse_western(rest).map_err(|error| no_year_or(rest, error))?,
    };
    Ok((date, weekday))
}

/// The parsed date, unless it is before the earliest 発生届 date.
fn in_range(
    date: NaiveDate,
    form: DateForm,
    weekday: Option<Weekday>,
) -> Result<ParsedDate, DateError> {
    if date < EARLIEST {
        return Err(DateError::TooEarly);
    }
    Ok(ParsedDate {
        date,
        form,
        weekday,
    })
}

/// An Excel serial (1900 date system): five digits, the first not 0 (Excel
/// never writes one), optionally with a fraction, which is the time of day
/// and does not change the date. `None` when the text is not one.
fn excel_serial(text: &str) -> Option<Result<NaiveDate, DateError>> {
    let (digits, rest) = split_digits(text);
    if digits.len() != 5 || digits.starts_with('0') {
        return None;
    }
    let fraction_ok = match rest.strip_prefix('.') {
        Some(fraction) => !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()),
        None => rest.is_empty(),
    };
    if !fraction_ok {
        return None;
    }
    // 1899-12-30 rather than 12-31: Excel counts a 1900-02-29 that never
    // was, so from serial 61 on this is the day Excel shows.
    let day_zero = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a real date");
    let days: i64 = digits.parse().ok()?;
    Some(
        day_zero
            .checked_add_signed(TimeDelta::days(days))
            .ok_or(DateError::Impossible),
    )
}

/// Splits a trailing approximate mark off: 頃, ごろ, ころ, 位, くらい, 推定,
/// (推定) (full-width brackets are already folded).
fn split_approximate(text: &str) -> (&str, bool) {
    // By the last character: this runs on every date.
    let marks: &[&str] = match text.chars().next_back() {
        Some(')') => &["(推定)"],
        Some('定') => &["推定"],
        Some('頃') => &["頃"],
        Some('ろ') => &["ごろ", "ころ"],
        Some('い') => &["くらい"],
        Some('位') => &["位"],
        _ => return (text, false),
    };
    marks
        .iter()
        .find_map(|mark| text.strip_suffix(mark))
        .map_or((text, false), |rest| (rest.trim_end(), true))
}

/// A time of day as written, with its UTC offset in minutes if it had one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TimeOfDay {
    minute_of_day: i32,
    offset: Option<i32>,
}

const MINUTES_PER_DAY: i32 = 24 * 60;
/// Japan Standard Time, UTC+9 all year.
const JAPAN_OFFSET: i32 = 9 * 60;

impl TimeOfDay {
    /// Hours 0–23 (24:00 is rejected), minutes 0–59.
    fn new(hour: i32, minute: i32, offset: Option<i32>) -> Result<Self, DateError> {
        if !(0..24).contains(&hour) || !(0..60).contains(&minute) {
            return Err(DateError::Format);
        }
        Ok(Self {
            minute_of_day: hour * 60 + minute,
            offset,
        })
    }

    /// The day in Japan of this time on `date`: the same day without an
    /// offset; with one, the instant moved to UTC+9.
    fn japan_date(self, date: NaiveDate) -> Option<NaiveDate> {
        let Some(offset) = self.offset else {
            return Some(date);
        };
        let minutes = self.minute_of_day - offset + JAPAN_OFFSET;
        date.checked_add_signed(TimeDelta::days(minutes.div_euclid(MINUTES_PER_DAY).into()))
    }
}

/// Splits a time of day off the end. It starts at the hour digits before
/// the first `:` or 時, and is separated from the date by spaces, a comma,
/// `T` after `YYYY-MM-DD`, or nothing after 日 or a weekday's `)`. An
/// offset is read only after `YYYY-MM-DD` and `T` or spaces.
fn split_time(text: &str) -> Result<(&str, TimeOfDay), DateError> {
    let (mark, separator) = text
        .char_indices()
        .find(|&(_, c)| c == ':' || c == '時')
        .ok_or(DateError::Format)?;
    let hour_start = text.as_bytes()[..mark]
        .iter()
        .rposition(|b| !b.is_ascii_digit())
        .map_or(0, |at| at + 1);
    // Always a character boundary: the hour's digits or the mark start
    // there (`split_at_checked`: see the crate documentation on panics).
    let (date, time) = text.split_at_checked(hour_start).ok_or(DateError::Format)?;
    let time = if separator == '時' {
        parse_kanji_time(time)?
    } else {
        parse_clock_time(time)?
    };
    let (date, offset_allowed) = strip_time_separator(date)?;
    if time.offset.is_some() && !offset_allowed {
        return Err(DateError::Format);
    }
    Ok((date, time))
}

/// The date before a time of day, and whether an offset may follow.
fn strip_time_separator(date: &str) -> Result<(&str, bool), DateError> {
    if let Some(iso) = date.strip_suffix('T') {
        return if has_iso_shape(iso) {
            Ok((iso, true))
        } else {
            Err(DateError::Format)
        };
    }
    let before_spaces = date.trim_end_matches(' ');
    let spaced = before_spaces.len() < date.len();
    if let Some(before_comma) = before_spaces.strip_suffix(',') {
        return Ok((before_comma.trim_end(), false));
    }
    if spaced {
        return Ok((before_spaces, has_iso_shape(before_spaces)));
    }
    if date.ends_with(['日', ')']) {
        return Ok((date, false));
    }
    Err(DateError::Format)
}

/// `H:MM`, `HH:MM[:SS[.fff]]`, then `Z`, `±HH:MM`, `±HHMM` or nothing.
fn parse_clock_time(text: &str) -> Result<TimeOfDay, DateError> {
    let (hour, rest) = take_number(text, 1, 2)?;
    let rest = rest.strip_prefix(':').ok_or(DateError::Format)?;
    let (minute, mut rest) = take_number(rest, 2, 2)?;
    if let Some(after) = rest.strip_prefix(':') {
        let (second, after) = take_number(after, 2, 2)?;
        if second >= 60 {
            return Err(DateError::Format);
        }
        rest = skip_fraction(after)?;
    }
    TimeOfDay::new(hour, minute, parse_offset(rest)?)
}

/// `H時`, `H時M分`, `H時M分S秒`.
fn parse_kanji_time(text: &str) -> Result<TimeOfDay, DateError> {
    let (hour, rest) = take_number(text, 1, 2)?;
    let rest = rest.strip_prefix('時').ok_or(DateError::Format)?;
    if rest.is_empty() {
        return TimeOfDay::new(hour, 0, None);
    }
    let (minute, rest) = take_number(rest, 1, 2)?;
    let rest = rest.strip_prefix('分').ok_or(DateError::Format)?;
    if !rest.is_empty() {
        let (second, rest) = take_number(rest, 1, 2)?;
        if second >= 60 || rest != "秒" {
            return Err(DateError::Format);
        }
    }
    TimeOfDay::new(hour, minute, None)
}

/// Skips `.` and 1 to 9 digits of a second's fraction, if present.
fn skip_fraction(text: &str) -> Result<&str, DateError> {
    let Some(after) = text.strip_prefix('.') else {
        return Ok(text);
    };
    let (digits, rest) = split_digits(after);
    if (1..=9).contains(&digits.len()) {
        Ok(rest)
    } else {
        Err(DateError::Format)
    }
}

/// Nothing, `Z`, `±HH:MM` or `±HHMM` (hours 0–23) as minutes east of UTC.
fn parse_offset(text: &str) -> Result<Option<i32>, DateError> {
    if text.is_empty() {
        return Ok(None);
    }
    if text == "Z" {
        return Ok(Some(0));
    }
    let (sign, rest) = match text.split_at_checked(1) {
        Some(("+", rest)) => (1, rest),
        Some(("-", rest)) => (-1, rest),
        _ => return Err(DateError::Format),
    };
    let [h1, h2, m1, m2] = match *rest.as_bytes() {
        [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => [h1, h2, m1, m2],
        _ => return Err(DateError::Format),
    };
    if ![h1, h2, m1, m2].iter().all(u8::is_ascii_digit) {
        return Err(DateError::Format);
    }
    let number = |tens: u8, ones: u8| i32::from(tens - b'0') * 10 + i32::from(ones - b'0');
    let (hours, minutes) = (number(h1, h2), number(m1, m2));
    if hours >= 24 || minutes >= 60 {
        return Err(DateError::Format);
    }
    Ok(Some(sign * (hours * 60 + minutes)))
}

/// A number of `min_len` to `max_len` digits at the start, and the rest.
fn take_number(text: &str, min_len: usize, max_len: usize) -> Result<(i32, &str), DateError> {
    let (digits, rest) = split_digits(text);
    Ok((parse_number(digits, min_len, max_len)?, rest))
}

/// `error`, or [`DateError::NoYear`] when `text` is a month and day that
/// exist in some year: `M月D日`, `M月D` or `M/D`.
fn no_year_or(text: &str, error: DateError) -> DateError {
    let (month, rest) = split_digits(text);
    let (rest, kanji) = if let Some(rest) = rest.strip_prefix('月') {
        (rest, true)
    } else if let Some(rest) = rest.strip_prefix('/') {
        (rest, false)
    } else {
        return error;
    };
    let (day, rest) = split_digits(rest);
    let ended = rest.is_empty() || (kanji && rest == "日");
    let exists = |month: u32, day: u32| NaiveDate::from_ymd_opt(2000, month, day).is_some();
    match (parse_number(month, 1, 2), parse_number(day, 1, 2)) {
        (Ok(month), Ok(day)) if ended && exists(month, day) => DateError::NoYear,
        _ => error,
    }
}

/// Splits a weekday off the end: `(木)`, `(木曜日)`, `(Thu)` in half- or
/// (already folded) full-width parentheses, or `木曜日`, `Thursday` after
/// the date without them. Parentheses holding anything else are not a date.
fn split_weekday(text: &str) -> Result<(&str, Option<Weekday>), DateError> {
    if let Some(inside) = text.strip_suffix(')') {
        let (date, name) = inside.rsplit_once('(').ok_or(DateError::Format)?;
        let weekday = weekday_name(name.trim()).ok_or(DateError::Format)?;
        return Ok((date.trim_end(), Some(weekday)));
    }
    // Without parentheses: an English name after a space or comma, or a
    // Japanese one with its 曜 (a bare 日 ends 2021年6月3日).
    if let Some((date, name)) = text.rsplit_once([' ', ',']) {
        if let Some(weekday) = english_weekday(name) {
            return Ok((date.trim_end_matches([' ', ',']), Some(weekday)));
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
            && full
                .as_bytes()
                .get(..name.len())
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case(name))
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
    // Western dates: no era starts with a digit.
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // One look at the first character: each era's kanji and letter are its own.
    let mut chars = text.chars();
    let first = chars.next()?;
    let mut buffer = [0; 4];
    let first_bytes = first.encode_utf8(&mut buffer).as_bytes();
    let era = ERAS.iter().find(|era| {
        era.letter == first.to_ascii_uppercase() || era.name.as_bytes().starts_with(first_bytes)
    })?;
    Some((era, text.strip_prefix(era.name).unwrap_or(chars.as_str())))
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
        let number: u32 = parse_number(year_text, 8, 8)?;
        let (year, month, day) = (number / 10_000, number / 100 % 100, number % 100);
        return NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(DateError::Impossible);
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
    // A byte that is not an ASCII digit starts a character, so this always
    // splits (`split_at_checked`: see the crate documentation on panics).
    let end = text
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at_checked(end).unwrap_or(("", text))
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
            assert_eq!(parsed.form, DateForm::Other, "{text}");
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
        assert!(parse("2021-06-03").unwrap().is_canonical());
        assert!(!parse("2021-6-3").unwrap().is_canonical());
        assert!(!parse("２０２１-06-03").unwrap().is_canonical());
        assert!(!parse(" 2021-06-03").unwrap().is_canonical());
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

    fn with_time(offset_converted: bool) -> DateForm {
        DateForm::WithTime { offset_converted }
    }

    /// Asserts that each text parses to `(y, m, d)` in `form`.
    fn parses_as(cases: &[(&str, (i32, u32, u32))], form: DateForm) {
        for &(text, (y, m, d)) in cases {
            let parsed = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!((parsed.date, parsed.form), (ymd(y, m, d), form), "{text}");
        }
    }

    fn fails_with(texts: &[&str], error: DateError) {
        for text in texts {
            assert_eq!(parse(text), Err(error), "{text}");
        }
    }

    #[test]
    fn reads_the_date_of_a_date_with_a_time() {
        let june_10 = (2021, 6, 10);
        parses_as(
            &[
                ("2021/6/10 0:00", june_10),
                ("2021/6/10 23:59", june_10),
                ("2021/6/10 23:59:59", june_10),
                ("2021/6/10  9:05", june_10),
                ("2021-06-10 10:30:00", june_10),
                ("2021-06-10T10:30", june_10),
                ("2021-06-10T10:30:00", june_10),
                ("2021-06-10T10:30:00.000", june_10),
                ("2021-06-10T10:30:00.123456789", june_10),
                ("2021/03/02, 18:00", (2021, 3, 2)),
                ("2021/03/02,18:00", (2021, 3, 2)),
                ("2020/03/27 00:00", (2020, 3, 27)),
                ("2020-02-29 23:30", (2020, 2, 29)),
                ("令和3年6月10日 10:30", june_10),
                ("令和3年6月10日10:30", june_10),
                ("R3.6.10 9:05", june_10),
                ("2021年6月10日10時30分", june_10),
                ("2021年6月10日 10時", june_10),
                ("2021年6月10日0時0分0秒", june_10),
                ("令和3年6月10日23時59分59秒", june_10),
                ("２０２１／６／１０　１０：３０", june_10),
                ("２０２１－０６－１０Ｔ１０：３０：００", june_10),
                ("令和３年６月１０日　１０時３０分", june_10),
            ],
            with_time(false),
        );
        for text in [
            "2021/6/10(木) 10:00",
            "2021/6/10 (木) 0:00",
            "2021/6/10(木)10:00",
            "2021年6月10日（木）10時",
            "2021-06-10 Thu 10:00",
        ] {
            let parsed = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(parsed.date, ymd(2021, 6, 10), "{text}");
            assert_eq!(parsed.weekday, Some(Weekday::Thu), "{text}");
            assert_eq!(parsed.form, with_time(false), "{text}");
        }
        assert!(parse("2021/6/10(金) 10:00").unwrap().weekday_mismatch());
        assert!(!parse("2021-06-10 00:00").unwrap().is_canonical());
        fails_with(
            &["2021-02-30 10:00", "2021-02-29T00:00:00Z"],
            DateError::Impossible,
        );
        fails_with(&["1899-12-31 23:59"], DateError::TooEarly);
    }

    #[test]
    fn converts_an_instant_with_an_offset_to_japan_time() {
        parses_as(
            &[
                ("2020-03-26T15:00:00.000Z", (2020, 3, 27)),
                ("2020-03-26T08:00:00.000Z", (2020, 3, 26)),
                ("2021-06-02T15:00:00Z", (2021, 6, 3)),
                ("2021-06-02T14:59:59Z", (2021, 6, 2)),
                ("2021-06-03T00:00:00+09:00", (2021, 6, 3)),
                ("2021-06-03T00:00:00+0900", (2021, 6, 3)),
                ("2021-06-03 00:00:00+09:00", (2021, 6, 3)),
                ("2021-06-03 23:30Z", (2021, 6, 4)),
                // West of UTC: later in Japan, one day on at most.
                ("2021-06-10T10:00:00-05:00", (2021, 6, 11)),
                ("2021-06-10T09:59:59-05:00", (2021, 6, 10)),
                ("2021-06-10T02:59-12:00", (2021, 6, 10)),
                ("2021-06-10T03:00-12:00", (2021, 6, 11)),
                ("2021-06-10T23:59-12:00", (2021, 6, 11)),
                // East of Japan: back across midnight, across a year too.
                ("2021-06-10T04:59+14:00", (2021, 6, 9)),
                ("2021-06-10T05:00+14:00", (2021, 6, 10)),
                ("2021-01-01T00:00:00+14:00", (2020, 12, 31)),
                ("2020-02-29T23:59+23:59", (2020, 2, 29)),
                ("2020-03-01T00:00+10:00", (2020, 2, 29)),
                ("２０２１－０６－０２Ｔ１５：００：００Ｚ", (2021, 6, 3)),
                ("2021-06-02T15:00:00−09:00", (2021, 6, 3)),
            ],
            with_time(true),
        );
        fails_with(&["1900-01-01T00:00:00+10:00"], DateError::TooEarly);
        assert_eq!(date("1899-12-31T15:00:00Z"), ymd(1900, 1, 1));
    }

    #[test]
    fn rejects_a_bad_time_of_day() {
        fails_with(
            &[
                "2021/6/10 24:00",
                "2021/6/10 25:00",
                "2021/6/10 10:60",
                "2021/6/10 10:30:60",
                "2021/6/10 10:5",
                "2021/6/10 123:00",
                "2021/6/10 10:",
                "2021/6/10 :30",
                "2021/6/1010:00",
                "2021/6/10 10:00 (木)",
                "2021/6/10 10:00頃頃",
                "2021/6/10T10:00",
                "R3.6.10T10:00",
                "2021-06-10T 10:00",
                "2021-06-10T10:00.5",
                "2021-06-10T10:00:00.",
                "2021-06-10T10:00:00.1234567890",
                "2021-06-10T10:00:00z",
                "2021-06-10T10:00:00 +09:00",
                "2021-06-10T10:00:00+9:00",
                "2021-06-10T10:00:00+09",
                "2021-06-10T10:00:00+24:00",
                "2021-06-10T10:00:00+09:60",
                "2021-06-10T10:00:00+09:00:00",
                "2021-06-10T10:00:00+-1:00",
                "2021-06-10T10:00:00++1:00",
                "2021-06-10T10:00:00+0900Z",
                "2021-06-10T10:00:00+09-00",
                "2021-06-10T10:00:00ZZ",
                // An offset needs `YYYY-MM-DD` and `T` or a space before the time.
                "2021/6/10 10:00+09:00",
                "2021/6/10 10:00Z",
                "2021-06-10, 10:00Z",
                "2021-06-10 (木) 10:00Z",
                "令和3年6月10日 10:00Z",
                "2021年6月10日10時Z",
                "2021年6月10日24時",
                "2021年6月10日10時60分",
                "2021年6月10日10時30",
                "2021年6月10日10時30分60秒",
                "2021年6月10時",
                "10:00",
                "10時",
            ],
            DateError::Format,
        );
    }

    #[test]
    fn reads_an_approximate_date() {
        let june_3 = (2021, 6, 3);
        parses_as(
            &[
                ("2021/6/3頃", june_3),
                ("2021/6/3 頃", june_3),
                ("2021年6月3日頃", june_3),
                ("令和3年6月3日頃", june_3),
                ("R3.6.3 頃", june_3),
                ("令和３年６月３日頃", june_3),
                ("2021/6/3ごろ", june_3),
                ("2021/6/3ころ", june_3),
                ("2021/6/3位", june_3),
                ("2021/6/3くらい", june_3),
                ("2021/6/3(推定)", june_3),
                ("2021/6/3（推定）", june_3),
                ("2021年6月3日 （推定）", june_3),
                ("2021/6/3推定", june_3),
                ("2021-06-03頃", june_3),
                ("2021/6/3 10:00頃", june_3),
                ("明治45年7月29日頃", (1912, 7, 29)),
            ],
            DateForm::Approximate,
        );
        let parsed = parse("2021/6/3(木)頃").unwrap();
        assert_eq!(
            (parsed.form, parsed.weekday),
            (DateForm::Approximate, Some(Weekday::Thu))
        );
        fails_with(
            &[
                "2021年6月頃",
                "頃",
                "(推定)",
                "2021/6/3頃頃",
                "2021/6/3頃(木)",
                "2021/6/3(推定",
                "2021-06-03T10:00Z頃",
            ],
            DateError::Format,
        );
        fails_with(&["令和元年4月30日頃"], DateError::OutsideEra);
    }

    #[test]
    fn a_day_without_a_year_is_its_own_error() {
        fails_with(
            &[
                "2月9日",
                "2月9",
                "１月９日",
                "２／９",
                "6/10",
                "12/7",
                "12/31",
                "2/29",
                "2月9日(火)",
                "2月9日（火曜日）",
                "6/10 10:00",
                "2月9日頃",
            ],
            DateError::NoYear,
        );
        // Not a month and day (or one in no year), or already another form.
        fails_with(
            &[
                "21/6/3", "6/3/2021", "13/40", "2/30", "0/5", "6/0", "2月", "月9日", "6-10",
                "6.10", "123/4", "6/10/", "2021/6",
            ],
            DateError::Format,
        );
    }

    #[test]
    fn no_year_never_yields_a_date() {
        for month in 0..=13 {
            for day in 0..=32 {
                for text in [format!("{month}/{day}"), format!("{month}月{day}日")] {
                    let result = parse(&text);
                    assert!(
                        matches!(result, Err(DateError::NoYear | DateError::Format)),
                        "{text}: {result:?}"
                    );
                    let exists = NaiveDate::from_ymd_opt(2000, month, day).is_some();
                    assert_eq!(result == Err(DateError::NoYear), exists, "{text}");
                }
            }
        }
    }

    #[test]
    fn reads_five_digits_as_an_excel_serial() {
        parses_as(
            &[
                ("44357", (2021, 6, 10)),
                ("43883", (2020, 2, 22)),
                ("10000", (1927, 5, 18)),
                ("99999", (2173, 10, 13)),
                ("44357.0", (2021, 6, 10)),
                ("44357.75", (2021, 6, 10)),
                ("４４３５７", (2021, 6, 10)),
                (" 44357 ", (2021, 6, 10)),
            ],
            DateForm::ExcelSerial,
        );
        assert_eq!(
            parse("20210603").map(|p| (p.date, p.form)),
            Ok((ymd(2021, 6, 3), DateForm::Other))
        );
        fails_with(
            &[
                "60",
                "61",
                "9999",
                "100000",
                "01234",
                "00000",
                "44357.",
                "44357.a",
                "44357 .0",
                "-44357",
                "44357頃",
                "44357(木)",
                "44357 10:00",
            ],
            DateError::Format,
        );
    }

    #[test]
    fn meiji_from_1900_to_its_last_day() {
        parses_as(
            &[
                ("明治33年1月1日", (1900, 1, 1)),
                ("M33.1.1", (1900, 1, 1)),
                ("m33.1.1", (1900, 1, 1)),
                ("明33.1.1", (1900, 1, 1)),
                ("㍾33年1月1日", (1900, 1, 1)),
                ("Ｍ３３．１．１", (1900, 1, 1)),
                ("明治45年7月29日", (1912, 7, 29)),
                ("M45.7.29", (1912, 7, 29)),
                ("大正元年7月30日", (1912, 7, 30)),
            ],
            DateForm::Other,
        );
        assert_eq!(parse("M33.1.1(月)").unwrap().weekday, Some(Weekday::Mon));
        fails_with(
            &["明治32年12月31日", "M32.12.31", "明治元年10月23日"],
            DateError::TooEarly,
        );
        fails_with(
            &[
                "明治45年7月30日",
                "M45.7.30",
                "明治46年1月1日",
                "明治元年10月22日",
                "明治0年1月1日",
            ],
            DateError::OutsideEra,
        );
        fails_with(
            &["明治", "明日", "M", "Mon", "MZ1234567", "M33"],
            DateError::Format,
        );
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
