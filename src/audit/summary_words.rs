//! A [`Summary`] as a flat list of numbers: how a worker of the parallel
//! audit hands its segment's totals to the pool, which adds them with
//! [`add_summary`](super::parallel::add_summary), the one merge (in Rust,
//! for the native audit in segments and the JS pools alike).
//!
//! Layout: `rows, rowsWithErrors, rowsWithWarnings, blankRows, bytes,
//! refused (0, or the code's index + 1), counts, affected, notice × 3,
//! undated, weeks`, where a list of codes is its length then `(code index,
//! n)` pairs, and `weeks` its length then per week `day (from the common
//! era), rows, notice × 3, affected`.

use chrono::{Datelike, NaiveDate};

use super::{Breakdown, NoticeCounts, Summary, WeekCounts};
use crate::issue::Code;

impl Summary {
    /// The summary as numbers ([`from_words`](Summary::from_words) reads
    /// them back).
    pub fn to_words(&self) -> Vec<u64> {
        let mut words = vec![
            self.rows,
            self.rows_with_errors,
            self.rows_with_warnings,
            self.blank_rows,
            self.bytes,
            self.refused.map_or(0, |code| code as u64 + 1),
        ];
        push_codes(&mut words, &self.counts);
        let breakdown = &self.breakdown;
        push_codes(&mut words, &breakdown.affected);
        words.extend(breakdown.notice);
        words.push(breakdown.undated);
        words.push(breakdown.weeks.len() as u64);
        for week in &breakdown.weeks {
            words.push(week.start.num_days_from_ce() as u64);
            words.push(week.rows);
            words.extend(week.notice);
            push_codes(&mut words, &week.affected);
        }
        words
    }

    /// The summary [`to_words`](Summary::to_words) wrote, or `None` for
    /// numbers it cannot have written (never a panic: they cross from a
    /// worker).
    pub fn from_words(words: &[u64]) -> Option<Summary> {
        let mut read = Words(words.iter());
        let mut summary = Summary {
            rows: read.next()?,
            rows_with_errors: read.next()?,
            rows_with_warnings: read.next()?,
            blank_rows: read.next()?,
            bytes: read.next()?,
            refused: match read.next()? {
                0 => None,
                n => Some(code(n - 1)?),
            },
            ..Summary::default()
        };
        summary.counts = read.codes()?;
        summary.breakdown = Breakdown {
            affected: read.codes()?,
            notice: read.notice()?,
            undated: read.next()?,
            weeks: Vec::new(),
        };
        for _ in 0..read.next()? {
            let day = i32::try_from(read.next()?).ok()?;
            summary.breakdown.weeks.push(WeekCounts {
                start: NaiveDate::from_num_days_from_ce_opt(day)?,
                rows: read.next()?,
                notice: read.notice()?,
                affected: read.codes()?,
            });
        }
        read.0.next().is_none().then_some(summary)
    }
}

fn push_codes(words: &mut Vec<u64>, counts: &[(Code, u64)]) {
    words.push(counts.len() as u64);
    for &(code, n) in counts {
        words.extend([code as u64, n]);
    }
}

fn code(index: u64) -> Option<Code> {
    Code::ALL.get(usize::try_from(index).ok()?).copied()
}

struct Words<'a>(std::slice::Iter<'a, u64>);

impl Words<'_> {
    fn next(&mut self) -> Option<u64> {
        self.0.next().copied()
    }

    /// A list of `(code, n)`; its length is bounded by the words left, so a
    /// wrong length allocates nothing large.
    fn codes(&mut self) -> Option<Vec<(Code, u64)>> {
        let length = self.next()?;
        let mut codes = Vec::new();
        for _ in 0..length {
            codes.push((code(self.next()?)?, self.next()?));
        }
        Some(codes)
    }

    fn notice(&mut self) -> Option<NoticeCounts> {
        Some([self.next()?, self.next()?, self.next()?])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Summary {
        let day = |d| NaiveDate::from_ymd_opt(2021, 6, d).unwrap();
        Summary {
            rows: 10,
            rows_with_errors: 4,
            rows_with_warnings: 3,
            blank_rows: 1,
            bytes: 12_345,
            counts: vec![(Code::ALL[0], 2), (Code::ALL[5], 7)],
            refused: Some(Code::ALL[3]),
            breakdown: Breakdown {
                affected: vec![(Code::ALL[5], 3)],
                notice: [1, 2, 3],
                weeks: vec![
                    WeekCounts {
                        start: day(7),
                        rows: 4,
                        notice: [0, 1, 0],
                        affected: vec![(Code::ALL[5], 1)],
                    },
                    WeekCounts {
                        start: day(14),
                        rows: 5,
                        notice: [1, 1, 3],
                        affected: Vec::new(),
                    },
                ],
                undated: 2,
            },
        }
    }

    #[test]
    fn a_summary_comes_back_from_its_words() {
        let summary = sample();
        assert_eq!(Summary::from_words(&summary.to_words()), Some(summary));
        let empty = Summary::default();
        assert_eq!(Summary::from_words(&empty.to_words()), Some(empty));
    }

    #[test]
    fn words_it_cannot_have_written_are_refused_without_a_panic() {
        let words = sample().to_words();
        for cut in 0..words.len() {
            assert_eq!(Summary::from_words(&words[..cut]), None, "cut at {cut}");
        }
        let mut longer = words.clone();
        longer.push(0);
        assert_eq!(Summary::from_words(&longer), None);
        let mut bad_code = words.clone();
        bad_code[7] = u64::MAX; // the first count's code
        assert_eq!(Summary::from_words(&bad_code), None);
        let mut huge_length = words;
        huge_length[6] = u64::MAX; // the counts' length
        assert_eq!(Summary::from_words(&huge_length), None);
        assert_eq!(Summary::from_words(&[u64::MAX; 40]), None);
    }
}
