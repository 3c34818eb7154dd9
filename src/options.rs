//! What a caller can change per call: the passport window, how its days are
//! counted, the validation day, and the vocabularies.

use chrono::NaiveDate;

use crate::vocabulary::Vocabulary;

/// How "入国日から起算して N 日以内" is counted (docs/rules.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum WindowCounting {
    /// Legal drafting: the entry day is day 1, so d = 0..=N−1 is inside and
    /// d = N is the boundary day (the default).
    #[default]
    EntryDayIsDayOne,
    /// Quarantine practice: the day after entry is day 1, so d = 0..=N is
    /// inside, and no day is a boundary day (no counting covers d = N+1).
    DayAfterEntryIsDayOne,
}

impl WindowCounting {
    pub fn as_str(self) -> &'static str {
        match self {
            WindowCounting::EntryDayIsDayOne => "entryDayIsDayOne",
            WindowCounting::DayAfterEntryIsDayOne => "dayAfterEntryIsDayOne",
        }
    }

    pub fn from_key(key: &str) -> Option<WindowCounting> {
        [
            WindowCounting::EntryDayIsDayOne,
            WindowCounting::DayAfterEntryIsDayOne,
        ]
        .into_iter()
        .find(|mode| mode.as_str() == key)
    }
}

/// Japan's calendar date at an instant, given in milliseconds since the
/// Unix epoch: Japan keeps UTC+9 all year (no daylight saving since 1951),
/// so the default validation day is the same on every host, whatever its
/// time zone (docs/rules.md §4). `None` for a time no calendar holds.
pub fn date_in_japan(unix_millis: f64) -> Option<NaiveDate> {
    const JAPAN_OFFSET_MS: f64 = 9.0 * 3_600_000.0;
    const MS_PER_DAY: f64 = 86_400_000.0;
    // 1970-01-01 counted from 0001-01-01 as day 1.
    const EPOCH_FROM_CE: i64 = 719_163;
    let days = ((unix_millis + JAPAN_OFFSET_MS) / MS_PER_DAY).floor();
    if !days.is_finite() || days.abs() > 1.0e9 {
        return None;
    }
    let days = i32::try_from(days as i64 + EPOCH_FROM_CE).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// The validation day a caller wrote: a date in any accepted form, or with
/// a time of day; not an Excel serial or an approximate date.
pub fn parse_today(text: &str) -> Option<NaiveDate> {
    use crate::date::{parse, DateForm};
    let parsed = parse(text).ok()?;
    match parsed.form {
        DateForm::ExcelSerial | DateForm::Approximate => None,
        _ => Some(parsed.date),
    }
}

/// The notice's window: 28 days (記1(1)).
pub const DEFAULT_PASSPORT_WINDOW_DAYS: u32 = 28;
/// The windows a caller may ask for, in days: up to a year.
pub const PASSPORT_WINDOW_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=366;

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Options {
    /// The validation day: no date may be after it.
    pub today: NaiveDate,
    pub passport_window_days: u32,
    pub counting: WindowCounting,
    pub vocabulary: Vocabulary,
}

impl Options {
    /// Defaults, with `today` as the validation day.
    pub fn new(today: NaiveDate) -> Options {
        Options {
            today,
            passport_window_days: DEFAULT_PASSPORT_WINDOW_DAYS,
            counting: WindowCounting::default(),
            vocabulary: Vocabulary::default(),
        }
    }

    /// The last day difference (diagnosis − entry) inside the window.
    pub fn last_day_inside(&self) -> i64 {
        let days = i64::from(self.passport_window_days);
        match self.counting {
            WindowCounting::EntryDayIsDayOne => days - 1,
            WindowCounting::DayAfterEntryIsDayOne => days,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn japans_date_turns_at_15_00_utc() {
        // 2021-06-02T14:59:59.999Z is 23:59:59.999 in Japan; 15:00Z is midnight.
        let june_2_15_00_utc = 1_622_646_000_000.0;
        assert_eq!(date_in_japan(june_2_15_00_utc - 1.0), Some(ymd(2021, 6, 2)));
        assert_eq!(date_in_japan(june_2_15_00_utc), Some(ymd(2021, 6, 3)));
        assert_eq!(date_in_japan(0.0), Some(ymd(1970, 1, 1)));
        assert_eq!(
            date_in_japan(-9.0 * 3_600_000.0 - 1.0),
            Some(ymd(1969, 12, 31))
        );
        // 2024-02-28T15:00Z is the leap day in Japan.
        assert_eq!(date_in_japan(1_709_132_400_000.0), Some(ymd(2024, 2, 29)));
        assert_eq!(date_in_japan(f64::NAN), None);
        assert_eq!(date_in_japan(f64::INFINITY), None);
        assert_eq!(date_in_japan(1.0e300), None);
    }

    #[test]
    fn today_is_a_date_not_a_serial() {
        assert_eq!(parse_today("2021-06-03"), Some(ymd(2021, 6, 3)));
        assert_eq!(parse_today("令和3年6月3日"), Some(ymd(2021, 6, 3)));
        assert_eq!(parse_today("44350"), None);
        assert_eq!(parse_today("6/3"), None);
    }
}
