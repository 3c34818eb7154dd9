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
