//! What a file's picture is drawn from (docs/rules.md §7, "the picture of
//! a file"): how many records each rule and each of the notice's three
//! items affect, overall and per week of 診断年月日, so that a data officer
//! sees whether the omissions the notice of 2021-06-03 names became rarer
//! after it.

use chrono::{Datelike, Days, NaiveDate};

use crate::issue::{Code, Severity};
use crate::rules::{read_date, DateReading};

/// The three things the notice asks never to leave out. A rule belongs to
/// the item whose clause its source cites first (記1, 記2①, 記2②), so the
/// grouping follows the rules table and needs no list of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub enum NoticeItem {
    /// 記1: the passport number of an entrant diagnosed within the window.
    Passport,
    /// 記2①: 現在のステータス, and for a death its date and place.
    Status,
    /// 記2②: 場所区分, 場所種別不明 when unknown.
    Place,
}

impl NoticeItem {
    pub const ALL: [NoticeItem; 3] = [NoticeItem::Passport, NoticeItem::Status, NoticeItem::Place];

    /// The item's key in JavaScript and JSON.
    pub fn key(self) -> &'static str {
        match self {
            NoticeItem::Passport => "passport",
            NoticeItem::Status => "status",
            NoticeItem::Place => "place",
        }
    }

    /// The item as the notice names it.
    pub fn ja(self) -> &'static str {
        match self {
            NoticeItem::Passport => "パスポート番号（旅券番号）",
            NoticeItem::Status => "現在のステータス",
            NoticeItem::Place => "場所区分",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            NoticeItem::Passport => "Passport number",
            NoticeItem::Status => "Current status",
            NoticeItem::Place => "Place category",
        }
    }

    /// The item a row-level code belongs to, read from the clause its
    /// source cites first; `None` for rules of the project's own.
    pub fn of(code: Code) -> Option<NoticeItem> {
        let cited = code.info().source.strip_prefix("notice 記")?;
        if cited.starts_with('1') {
            Some(NoticeItem::Passport)
        } else if cited.starts_with("2①") {
            Some(NoticeItem::Status)
        } else if cited.starts_with("2②") {
            Some(NoticeItem::Place)
        } else {
            None
        }
    }

    /// The codes of the item, in [`Code::ALL`] order.
    pub fn codes(self) -> impl Iterator<Item = Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(move |&code| NoticeItem::of(code) == Some(self) && code.field_level())
    }
}

/// Records per notice item, in [`NoticeItem::ALL`] order.
pub type NoticeCounts = [u64; 3];

/// One week of 診断年月日 (Monday to Sunday, as the weekly surveillance
/// reports count them).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct WeekCounts {
    /// The Monday.
    pub start: NaiveDate,
    /// Records diagnosed that week.
    pub rows: u64,
    /// Of them, the records with an error or a warning of each notice
    /// item.
    pub notice: NoticeCounts,
    /// Of them, the records with a finding of each code, in code order,
    /// non-zero only.
    pub affected: Vec<(Code, u64)>,
}

/// The distinct codes of one row: a set small enough to copy.
#[derive(Clone, Copy, Default)]
pub(crate) struct CodeSet(u128);

const _: () = assert!(
    Code::ALL.len() <= 128,
    "CodeSet holds one bit per code: widen it"
);

impl CodeSet {
    pub(crate) fn insert(&mut self, code: Code) {
        self.0 |= 1 << code as u32;
    }

    /// The codes in the set, in code order: its set bits only (every audited
    /// row passes here, most with none or a few).
    fn codes(self) -> impl Iterator<Item = Code> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            let at = bits.trailing_zeros() as usize;
            bits &= bits.wrapping_sub(1);
            Code::ALL.get(at).copied()
        })
    }

    /// The notice items the row misses: its errors and warnings only (an
    /// info, such as `place.name_missing`, is advice, not an omission).
    fn notice(self) -> NoticeCounts {
        let mut items = [0; 3];
        for code in self
            .codes()
            .filter(|code| code.severity() != Severity::Info)
        {
            if let Some(item) = NoticeItem::of(code) {
                items[item as usize] = 1;
            }
        }
        items
    }
}

/// The Monday of the week of a 診断年月日 cell, when it reads as a date.
pub(crate) fn diagnosis_week(cell: Option<&str>) -> Option<NaiveDate> {
    match read_date(cell?) {
        DateReading::Date { parsed, .. } => {
            let date = parsed.date;
            date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
        }
        DateReading::NotADate(_) => None,
    }
}

/// Adds `n` of `code` to a sparse count list kept in code order.
pub(crate) fn add_code(counts: &mut Vec<(Code, u64)>, code: Code, n: u64) {
    if n == 0 {
        return;
    }
    match counts.binary_search_by_key(&code, |(c, _)| *c) {
        Ok(at) => counts[at].1 += n,
        Err(at) => counts.insert(at, (code, n)),
    }
}

fn add_notice(total: &mut NoticeCounts, part: &NoticeCounts) {
    for (t, p) in total.iter_mut().zip(part) {
        *t += p;
    }
}

/// The week starting `start` in `weeks` (kept in date order), added if new.
fn week_mut(weeks: &mut Vec<WeekCounts>, start: NaiveDate) -> &mut WeekCounts {
    let at = match weeks.binary_search_by_key(&start, |week| week.start) {
        Ok(at) => at,
        Err(at) => {
            weeks.insert(
                at,
                WeekCounts {
                    start,
                    rows: 0,
                    notice: [0; 3],
                    affected: Vec::new(),
                },
            );
            at
        }
    };
    &mut weeks[at]
}

/// The breakdown part of a [`Summary`](super::Summary).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Breakdown {
    /// Records with at least one finding of each code (row-level codes
    /// only), in code order, non-zero only.
    pub affected: Vec<(Code, u64)>,
    /// Records with at least one error or warning of each notice item.
    pub notice: NoticeCounts,
    /// Per week of 診断年月日, in date order; weeks without a record are
    /// left out.
    pub weeks: Vec<WeekCounts>,
    /// Records whose 診断年月日 is empty or not a date (in no week).
    pub undated: u64,
}

impl Breakdown {
    /// Counts one record: its distinct codes and the week of its
    /// 診断年月日, if known.
    pub(crate) fn add_row(&mut self, codes: CodeSet, week: Option<NaiveDate>) {
        let notice = codes.notice();
        for code in codes.codes() {
            add_code(&mut self.affected, code, 1);
        }
        add_notice(&mut self.notice, &notice);
        let Some(start) = week else {
            self.undated += 1;
            return;
        };
        let week = week_mut(&mut self.weeks, start);
        week.rows += 1;
        add_notice(&mut week.notice, &notice);
        for code in codes.codes() {
            add_code(&mut week.affected, code, 1);
        }
    }

    /// The records of the rows `part` counted, added: how the segments of
    /// a parallel audit are summed.
    pub fn add(&mut self, part: &Breakdown) {
        for &(code, n) in &part.affected {
            add_code(&mut self.affected, code, n);
        }
        add_notice(&mut self.notice, &part.notice);
        for other in &part.weeks {
            let week = week_mut(&mut self.weeks, other.start);
            week.rows += other.rows;
            add_notice(&mut week.notice, &other.notice);
            for &(code, n) in &other.affected {
                add_code(&mut week.affected, code, n);
            }
        }
        self.undated += part.undated;
    }

    /// Records of `code` (0 when none).
    pub fn affected(&self, code: Code) -> u64 {
        self.affected
            .binary_search_by_key(&code, |(c, _)| *c)
            .map_or(0, |at| self.affected[at].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_notice_items_follow_the_cited_clauses() {
        let codes = |item: NoticeItem| item.codes().map(Code::as_str).collect::<Vec<_>>();
        assert!(codes(NoticeItem::Passport).contains(&"passport.required"));
        assert!(codes(NoticeItem::Passport).contains(&"passport.halfwidth"));
        assert!(!codes(NoticeItem::Passport).contains(&"passport.format"));
        assert!(codes(NoticeItem::Status).contains(&"status.required"));
        assert!(codes(NoticeItem::Status).contains(&"death.date_required"));
        assert!(codes(NoticeItem::Place).contains(&"place.category_required"));
        assert!(codes(NoticeItem::Place).contains(&"place.name_missing"));
        // header.missing cites the notice too, but is said of the file, not of a record.
        for item in NoticeItem::ALL {
            assert!(!codes(item).contains(&"header.missing"));
        }
        assert_eq!(NoticeItem::of(Code::DateInvalid), None);
    }

    #[test]
    fn weeks_start_on_monday_across_years_and_eras() {
        // 2021-06-03 (the notice) is a Thursday.
        assert_eq!(diagnosis_week(Some("2021-06-03")), Some(day(2021, 5, 31)));
        assert_eq!(
            diagnosis_week(Some("令和3年6月6日")),
            Some(day(2021, 5, 31))
        );
        assert_eq!(diagnosis_week(Some("R3.6.7")), Some(day(2021, 6, 7)));
        // A week across the new year, and the era change (2019-05-01, a Wednesday).
        assert_eq!(diagnosis_week(Some("2021-01-01")), Some(day(2020, 12, 28)));
        assert_eq!(
            diagnosis_week(Some("令和元年5月1日")),
            Some(day(2019, 4, 29))
        );
        assert_eq!(
            diagnosis_week(Some("平成31年4月30日")),
            Some(day(2019, 4, 29))
        );
        // Leap day.
        assert_eq!(diagnosis_week(Some("2024-02-29")), Some(day(2024, 2, 26)));
        assert_eq!(diagnosis_week(Some("不明")), None);
        assert_eq!(diagnosis_week(Some("")), None);
        assert_eq!(diagnosis_week(None), None);
    }

    #[test]
    fn a_code_set_gives_its_codes_in_code_order() {
        assert_eq!(CodeSet::default().codes().count(), 0);
        let last = *Code::ALL.last().unwrap();
        let mut set = CodeSet::default();
        for code in [last, Code::DateInvalid, Code::PassportRequired, last] {
            set.insert(code);
        }
        assert_eq!(
            set.codes().collect::<Vec<_>>(),
            [Code::PassportRequired, Code::DateInvalid, last]
        );
    }

    #[test]
    fn rows_are_counted_once_per_code_and_item() {
        let mut set = CodeSet::default();
        set.insert(Code::PassportRequired);
        set.insert(Code::PassportRequired);
        set.insert(Code::PassportFormat);
        set.insert(Code::PlaceCategoryRequired);
        let mut breakdown = Breakdown::default();
        breakdown.add_row(set, Some(day(2021, 5, 31)));
        breakdown.add_row(CodeSet::default(), Some(day(2021, 5, 31)));
        breakdown.add_row(set, None);
        assert_eq!(breakdown.affected(Code::PassportRequired), 2);
        assert_eq!(breakdown.affected(Code::PassportFormat), 2);
        assert_eq!(breakdown.notice, [2, 0, 2]);
        assert_eq!(breakdown.undated, 1);
        assert_eq!(breakdown.weeks.len(), 1);
        assert_eq!(breakdown.weeks[0].rows, 2);
        assert_eq!(breakdown.weeks[0].notice, [1, 0, 1]);

        // Summing parts gives the whole.
        let mut total = Breakdown::default();
        let mut later = Breakdown::default();
        later.add_row(set, Some(day(2021, 6, 7)));
        total.add(&later);
        total.add(&breakdown);
        assert_eq!(
            total.weeks.iter().map(|w| w.start).collect::<Vec<_>>(),
            [day(2021, 5, 31), day(2021, 6, 7)]
        );
        assert_eq!(total.affected(Code::PassportRequired), 3);
        assert_eq!(total.undated, 1);
    }
}
