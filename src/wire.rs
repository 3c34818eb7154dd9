//! The compact encoding between the JS wrapper (`js/wire.js`, `js/wire/`) and the rules,
//! in pure Rust so that it is tested natively.
//!
//! The wrapper reads the caller's record and options in JS (own properties,
//! coercions, caught exceptions), so no JS code ever runs while wasm frames
//! are on the stack. It then writes every string as UTF-16 code units into
//! one buffer in wasm memory and makes one call; the answer is a list of
//! `u32` words (codes, fields, offsets) plus the fix values as UTF-16, which
//! the wrapper turns into objects. Messages are rendered here, once per
//! distinct issue shape ([`message`]); the wrapper keeps them.
//!
//! Input, in UTF-16 code units:
//! - `FIELD_COUNT` lengths, one per field in catalogue order ([`ABSENT`]: no value);
//! - the length of the `today` text ([`ABSENT`]: the day is passed as a number);
//! - one entry count per vocabulary list ([`ABSENT`]: the built-in list);
//! - the length of every entry of the replaced lists, list by list;
//! - then the texts, in the same order.
//!
//! The scalar options (language, passport window, counting, the default
//! day) travel as numbers beside the buffer ([`Scalars`]). `validate()`,
//! `validateField()`, `rules()`, `parseDate()` and the auditor all receive
//! their options this one way: js/wire/options.js checks them, and
//! [`decode`] reads them.
//!
//! Output words: `[status, detail, issue count, text offset, text length]`,
//! then per issue `[code, field, fix offset, fix length, related count |
//! message detail << [`COUNT_BITS`], related…]` (fix offset [`NO_FIX`] when there is
//! none; the detail is [`Issue::message_detail`]).

use chrono::NaiveDate;

use crate::fields::{FieldKey, VocabularyKey, FIELD_COUNT};
use crate::issue::{Code, Issue, Lang};
use crate::options::{Options, WindowCounting};
use crate::record::Record;
use crate::validate::{validate, validate_field};

/// A length meaning "no value".
pub const ABSENT: u16 = u16::MAX;
/// The fix offset of an issue without a fix.
pub const NO_FIX: u32 = u32::MAX;
/// The `field` argument that asks for the whole record.
pub const WHOLE_RECORD: u32 = u32::MAX;
/// The `today` scalar that leaves the day to the callee when no `today`
/// text is given: `rules()` and `parseDate()` validate nothing against a
/// day, and the auditor takes today in Japan. A validation needs a day.
pub const NO_DAY: u32 = 0;

/// The languages by their `lang` scalar, and the window countings by their
/// `counting` scalar: js/wire/options.js reads both orders from the
/// catalogue (`wire`).
pub const LANGS: [(Lang, &str); 2] = [(Lang::Ja, "ja"), (Lang::En, "en")];
pub const COUNTINGS: [WindowCounting; 2] = [
    WindowCounting::EntryDayIsDayOne,
    WindowCounting::DayAfterEntryIsDayOne,
];

/// The bits of output word 4 that hold an issue's related count; its
/// [`Issue::message_detail`] is above them. js/wire/answer.js reads both widths from
/// the catalogue (`wire`).
pub const COUNT_BITS: u32 = 8;

const _: () = assert!(
    FIELD_COUNT < 1 << COUNT_BITS,
    "an issue's related fields are distinct fields: their count must fit COUNT_BITS"
);
const _: () = assert!(
    COUNT_BITS + crate::issue::MESSAGE_DETAIL_BITS <= u32::BITS,
    "output word 4 holds the related count and the message detail"
);

/// Longest value accepted from a form field, in UTF-16 code units. Longer
/// values are not 発生届 data and would only slow every keystroke.
pub const MAX_VALUE_LENGTH: usize = 10_000;
/// Most entries in one vocabulary list.
pub const MAX_VOCABULARY_ENTRIES: usize = 1_000;
/// Longest vocabulary entry, in UTF-16 code units (HER-SYS options are short).
pub const MAX_VOCABULARY_ENTRY_LENGTH: usize = 200;
/// Most UTF-16 code units in all the lists of one vocabulary together.
pub const MAX_VOCABULARY_CHARACTERS: usize = 100_000;

/// Where the header of the input ends: field lengths, today, list counts.
const HEADER: usize = FIELD_COUNT + 1 + VocabularyKey::ALL.len();
/// The slot of the `today` text, after the fields.
pub const TODAY_SLOT: u32 = FIELD_COUNT as u32;

/// Why a call was refused; the wrapper turns it into a TypeError naming the
/// slot (field, `options.today` or a vocabulary entry), never the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireError {
    /// A text holds a lone surrogate. The slot counts fields, then today,
    /// then vocabulary entries in order.
    LoneSurrogate { slot: u32 },
    /// `options.today` is not a date.
    Today,
    /// The buffer does not follow the layout or a cap (a wrapper bug, or a
    /// caller writing into the module's memory).
    Malformed,
}

impl WireError {
    pub fn status(self) -> (u32, u32) {
        match self {
            WireError::LoneSurrogate { slot } => (1, slot),
            WireError::Today => (2, 0),
            WireError::Malformed => (3, 0),
        }
    }
}

/// The scalar options, as the wrapper passes them.
#[derive(Clone, Copy, Debug)]
pub struct Scalars {
    /// 0 Japanese, 1 English.
    pub lang: u32,
    pub window_days: u32,
    /// 0 the entry day is day 1, 1 the day after.
    pub counting: u32,
    /// The local date as `y * 10000 + m * 100 + d`, used when no `today`
    /// text is given ([`NO_DAY`]: none).
    pub today: u32,
}

impl Scalars {
    /// As `wireValidate` and `wireOptions` receive them.
    pub fn new(lang: u32, window_days: u32, counting: u32, today: u32) -> Scalars {
        Scalars {
            lang,
            window_days,
            counting,
            today,
        }
    }
}

/// What one call asks: the record, its options and the language.
pub struct Request {
    pub record: Record,
    pub options: Options,
    pub lang: Lang,
    /// False when neither a `today` text nor a day came ([`NO_DAY`]): then
    /// `options.today` is a placeholder that the callee replaces.
    pub dated: bool,
}

/// Reads the input buffer.
pub fn decode(input: &[u16], scalars: Scalars) -> Result<Request, WireError> {
    if input.len() < HEADER {
        return Err(WireError::Malformed);
    }
    let (header, rest) = input.split_at(HEADER);
    let counts = &header[FIELD_COUNT + 1..];
    let replaced: usize = counts
        .iter()
        .filter(|&&n| n != ABSENT)
        .map(|&n| n as usize)
        .sum();
    if counts
        .iter()
        .any(|&n| n != ABSENT && n as usize > MAX_VOCABULARY_ENTRIES)
        || rest.len() < replaced
    {
        return Err(WireError::Malformed);
    }
    let (entry_lengths, mut text) = rest.split_at(replaced);
    let mut slot = 0u32;
    let mut take = |length: u16, cap: usize| -> Result<Option<String>, WireError> {
        let this = slot;
        slot += 1;
        if length == ABSENT {
            return Ok(None);
        }
        let length = length as usize;
        if length > cap || length > text.len() {
            return Err(WireError::Malformed);
        }
        let (units, after) = text.split_at(length);
        text = after;
        String::from_utf16(units)
            .map(Some)
            .map_err(|_| WireError::LoneSurrogate { slot: this })
    };

    let mut record = Record::new();
    for (&field, &length) in FieldKey::ALL.iter().zip(header) {
        if let Some(value) = take(length, MAX_VALUE_LENGTH)? {
            record.set(field, Some(value));
        }
    }
    let (today, dated) = match take(header[FIELD_COUNT], MAX_VALUE_LENGTH)? {
        Some(text) => (
            crate::options::parse_today(&text).ok_or(WireError::Today)?,
            true,
        ),
        None if scalars.today == NO_DAY => (NaiveDate::MIN, false),
        None => {
            let ymd = scalars.today;
            let day = NaiveDate::from_ymd_opt((ymd / 10_000) as i32, ymd / 100 % 100, ymd % 100)
                .ok_or(WireError::Malformed)?;
            (day, true)
        }
    };
    let mut options = Options::new(today);
    let (Some(&(lang, _)), Some(&counting)) = (
        LANGS.get(scalars.lang as usize),
        COUNTINGS.get(scalars.counting as usize),
    ) else {
        return Err(WireError::Malformed);
    };
    if !crate::options::PASSPORT_WINDOW_DAYS_RANGE.contains(&scalars.window_days) {
        return Err(WireError::Malformed);
    }
    options.passport_window_days = scalars.window_days;
    options.counting = counting;
    let mut lengths = entry_lengths.iter();
    let mut characters = 0;
    for (&key, &count) in VocabularyKey::ALL.iter().zip(counts) {
        if count == ABSENT {
            continue;
        }
        let mut list = Vec::with_capacity(count as usize);
        for &length in lengths.by_ref().take(count as usize) {
            characters += length as usize;
            list.push(take(length, MAX_VOCABULARY_ENTRY_LENGTH)?.ok_or(WireError::Malformed)?);
        }
        options.vocabulary.set_list(key, list);
    }
    if characters > MAX_VOCABULARY_CHARACTERS || !text.is_empty() {
        return Err(WireError::Malformed);
    }
    Ok(Request {
        record,
        options,
        lang,
        dated,
    })
}

/// Validates what `input` holds: the whole record when `field` is
/// [`WHOLE_RECORD`], else the issues a change of that field can affect.
/// Writes the answer into `out` and the fix values into `text`.
pub fn answer(
    input: &[u16],
    field: u32,
    scalars: Scalars,
    out: &mut Vec<u32>,
    text: &mut Vec<u16>,
) {
    out.clear();
    text.clear();
    let field = match field {
        WHOLE_RECORD => None,
        index => match FieldKey::ALL.get(index as usize) {
            Some(&field) => Some(field),
            None => return write_error(out, WireError::Malformed),
        },
    };
    let request = match decode(input, scalars) {
        // A validation needs a day.
        Ok(request) if !request.dated => return write_error(out, WireError::Malformed),
        Ok(request) => request,
        Err(error) => return write_error(out, error),
    };
    let issues = match field {
        None => validate(&request.record, &request.options),
        Some(field) => validate_field(field, &request.record, &request.options),
    };
    encode(&issues, out, text);
}

/// Writes the status of a call to `out`: `[0, 0, 0, 0, 0]` when `result`
/// is fine, else the refusal (the same first words as [`answer`]'s).
pub fn write_status<T>(result: &Result<T, WireError>, out: &mut Vec<u32>) {
    out.clear();
    match result {
        Ok(_) => out.extend_from_slice(&[0; 5]),
        Err(error) => write_error(out, *error),
    }
}

fn write_error(out: &mut Vec<u32>, error: WireError) {
    let (status, detail) = error.status();
    out.extend_from_slice(&[status, detail, 0, 0, 0]);
}

/// The issues as output words; fixes go into `text`.
pub fn encode(issues: &[Issue], out: &mut Vec<u32>, text: &mut Vec<u16>) {
    out.extend_from_slice(&[0, 0, issues.len() as u32, 0, 0]);
    for issue in issues {
        let (offset, length) = match &issue.fix {
            Some(fix) => {
                let start = text.len();
                text.extend(fix.encode_utf16());
                (start as u32, (text.len() - start) as u32)
            }
            None => (NO_FIX, 0),
        };
        out.extend_from_slice(&[
            issue.code as u32,
            issue.field as u32,
            offset,
            length,
            // Related fields are distinct fields: the count fits COUNT_BITS
            // (asserted above), under the message detail.
            issue.related.len() as u32 | issue.message_detail() << COUNT_BITS,
        ]);
        out.extend(issue.related.iter().map(|&field| field as u32));
    }
}

/// The message of an issue from the parts the wrapper keeps: its code,
/// field, related fields and its [`Issue::message_detail`]. The wrapper
/// keys its table of messages on exactly these.
pub fn message(
    code: Code,
    field: FieldKey,
    related: &[FieldKey],
    detail: u32,
    lang: Lang,
) -> String {
    Issue::new(code, field)
        .related(related)
        .with_message_detail(detail)
        .message(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::default_list;

    const TODAY: Scalars = Scalars {
        lang: 0,
        window_days: 28,
        counting: 0,
        today: 20210731,
    };

    /// The input buffer for `pairs`, as the wrapper writes it.
    fn input(
        pairs: &[(FieldKey, &str)],
        today: Option<&str>,
        lists: &[(VocabularyKey, &[&str])],
    ) -> Vec<u16> {
        let mut header = vec![ABSENT; HEADER];
        let mut lengths = Vec::new();
        let mut text = Vec::new();
        let mut values: Vec<Option<&str>> = vec![None; FIELD_COUNT];
        for (field, value) in pairs {
            values[*field as usize] = Some(value);
        }
        for (index, value) in values.iter().enumerate() {
            if let Some(value) = value {
                header[index] = value.encode_utf16().count() as u16;
                text.extend(value.encode_utf16());
            }
        }
        if let Some(today) = today {
            header[FIELD_COUNT] = today.encode_utf16().count() as u16;
            text.extend(today.encode_utf16());
        }
        for (index, key) in VocabularyKey::ALL.iter().enumerate() {
            if let Some((_, list)) = lists.iter().find(|(k, _)| k == key) {
                header[FIELD_COUNT + 1 + index] = list.len() as u16;
                for entry in *list {
                    lengths.push(entry.encode_utf16().count() as u16);
                    text.extend(entry.encode_utf16());
                }
            }
        }
        [header, lengths, text].concat()
    }

    fn record(pairs: &[(FieldKey, &str)]) -> Record {
        Record::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn decodes_values_today_and_lists() {
        let pairs = [
            (FieldKey::PassportNumber, "ＴＫ１２３４５６７"),
            (FieldKey::Status, ""),
            (FieldKey::PlaceName, "𠮷野家"),
        ];
        let request = decode(
            &input(
                &pairs,
                Some("令和3年7月1日"),
                &[(VocabularyKey::Status, &["療養中", "死亡"])],
            ),
            TODAY,
        )
        .unwrap();
        assert_eq!(request.record, record(&pairs));
        assert_eq!(
            request.options.today,
            NaiveDate::from_ymd_opt(2021, 7, 1).unwrap()
        );
        let statuses: Vec<&str> = request
            .options
            .vocabulary
            .list(VocabularyKey::Status)
            .collect();
        assert_eq!(statuses, ["療養中", "死亡"]);
        let sexes: Vec<&str> = request
            .options
            .vocabulary
            .list(VocabularyKey::Sex)
            .collect();
        assert_eq!(sexes, default_list(VocabularyKey::Sex));
    }

    #[test]
    fn refuses_lone_surrogates_by_slot_and_bad_buffers() {
        let mut buffer = input(&[(FieldKey::Age, "ab")], None, &[]);
        let last = buffer.len() - 1;
        buffer[last] = 0xD800;
        assert_eq!(
            decode(&buffer, TODAY).err(),
            Some(WireError::LoneSurrogate {
                slot: FieldKey::Age as u32
            })
        );
        let mut buffer = input(&[], None, &[(VocabularyKey::Sex, &["男", "x"])]);
        let last = buffer.len() - 1;
        buffer[last] = 0xDC00;
        assert_eq!(
            decode(&buffer, TODAY).err(),
            Some(WireError::LoneSurrogate {
                slot: TODAY_SLOT + 2
            })
        );
        assert_eq!(
            decode(&input(&[], Some("tomorrow"), &[]), TODAY).err(),
            Some(WireError::Today)
        );
        let good = input(&[(FieldKey::Age, "12")], None, &[]);
        assert_eq!(
            decode(&good[..good.len() - 1], TODAY).err(),
            Some(WireError::Malformed)
        );
        assert_eq!(
            decode(&[good.clone(), vec![65]].concat(), TODAY).err(),
            Some(WireError::Malformed)
        );
        assert_eq!(decode(&good[..3], TODAY).err(), Some(WireError::Malformed));
        let long = "x".repeat(MAX_VOCABULARY_ENTRY_LENGTH + 1);
        let buffer = input(&[], None, &[(VocabularyKey::Sex, &[long.as_str()])]);
        assert_eq!(decode(&buffer, TODAY).err(), Some(WireError::Malformed));
        let bad_day = Scalars {
            today: 20210230,
            ..TODAY
        };
        assert_eq!(
            decode(&input(&[], None, &[]), bad_day).err(),
            Some(WireError::Malformed)
        );
        let bad_window = Scalars {
            window_days: 0,
            ..TODAY
        };
        assert_eq!(
            decode(&input(&[], None, &[]), bad_window).err(),
            Some(WireError::Malformed)
        );
    }

    #[test]
    fn no_day_leaves_the_day_to_the_callee_but_a_validation_needs_one() {
        let undated = Scalars {
            today: NO_DAY,
            ..TODAY
        };
        let request = decode(&input(&[], None, &[]), undated).unwrap();
        assert!(!request.dated);
        let request = decode(&input(&[], Some("2021-06-03"), &[]), undated).unwrap();
        assert!(request.dated);
        assert_eq!(
            request.options.today,
            NaiveDate::from_ymd_opt(2021, 6, 3).unwrap()
        );
        assert!(decode(&input(&[], None, &[]), TODAY).unwrap().dated);
        let (mut out, mut text) = (Vec::new(), Vec::new());
        answer(
            &input(&[], None, &[]),
            WHOLE_RECORD,
            undated,
            &mut out,
            &mut text,
        );
        assert_eq!(out[0], 3);
        for (scalars, lang, counting) in [
            (TODAY, Lang::Ja, WindowCounting::EntryDayIsDayOne),
            (
                Scalars {
                    lang: 1,
                    counting: 1,
                    ..TODAY
                },
                Lang::En,
                WindowCounting::DayAfterEntryIsDayOne,
            ),
        ] {
            let request = decode(&input(&[], None, &[]), scalars).unwrap();
            assert_eq!((request.lang, request.options.counting), (lang, counting));
        }
        for bad in [
            Scalars { lang: 2, ..TODAY },
            Scalars {
                counting: 2,
                ..TODAY
            },
        ] {
            assert_eq!(
                decode(&input(&[], None, &[]), bad).err(),
                Some(WireError::Malformed)
            );
        }
    }

    /// The answer decoded back: (code, field, fix, related).
    fn issues_of(
        out: &[u32],
        text: &[u16],
    ) -> Vec<(Code, FieldKey, Option<String>, Vec<FieldKey>)> {
        assert_eq!(out[0], 0, "status");
        let mut words = out[5..].iter().copied();
        let mut issues = Vec::new();
        for _ in 0..out[2] {
            let mut next = || words.next().unwrap();
            let code = Code::ALL[next() as usize];
            let field = FieldKey::ALL[next() as usize];
            let (offset, length) = (next(), next());
            let fix = (offset != NO_FIX).then(|| {
                String::from_utf16(&text[offset as usize..(offset + length) as usize]).unwrap()
            });
            let related = (0..next() & ((1 << COUNT_BITS) - 1))
                .map(|_| FieldKey::ALL[next() as usize])
                .collect();
            issues.push((code, field, fix, related));
        }
        assert!(words.next().is_none());
        issues
    }

    #[test]
    fn answers_what_validate_and_validate_field_return() {
        let pairs = [
            (FieldKey::EntryDate, "令和3年6月3日"),
            (FieldKey::DiagnosisDate, "2021-06-30"),
            (FieldKey::Status, "死亡"),
            (FieldKey::PassportNumber, "ｔｋ１２３４５６７"),
            (FieldKey::PlaceCategory, ""),
        ];
        let buffer = input(&pairs, None, &[]);
        let options = Options::new(NaiveDate::from_ymd_opt(2021, 7, 31).unwrap());
        let (mut out, mut text) = (Vec::new(), Vec::new());
        for field in std::iter::once(None).chain(FieldKey::ALL.iter().copied().map(Some)) {
            let expected = match field {
                None => validate(&record(&pairs), &options),
                Some(field) => validate_field(field, &record(&pairs), &options),
            };
            let index = field.map_or(WHOLE_RECORD, |f| f as u32);
            answer(&buffer, index, TODAY, &mut out, &mut text);
            let expected: Vec<_> = expected
                .into_iter()
                .map(|i| (i.code, i.field, i.fix, i.related))
                .collect();
            assert_eq!(issues_of(&out, &text), expected);
        }
        answer(&buffer, 99, TODAY, &mut out, &mut text);
        assert_eq!(out[0], 3);
    }

    /// The wrapper keeps one message per (code, field, related, window,
    /// lang): that must be all `Issue::message` reads.
    #[test]
    fn messages_from_the_parts_the_wrapper_keeps_equal_issue_messages() {
        let samples: &[&[(FieldKey, &str)]] = &[
            &[
                (FieldKey::EntryDate, "2021-06-03"),
                (FieldKey::DiagnosisDate, "2021-06-10"),
                (FieldKey::FirstVisitDate, "2021-06-12"),
                (FieldKey::Status, "入院中"),
                (FieldKey::DeathDate, "2021-06-20"),
                (FieldKey::PlaceName, "x"),
                (FieldKey::PlaceCategory, "場所種別不明"),
                (FieldKey::BirthDate, "2021-06-15"),
                (FieldKey::Age, "3"),
            ],
            &[
                (FieldKey::EntryDate, "2021-06-03"),
                (FieldKey::DiagnosisDate, "2021-07-01"),
                (FieldKey::PassportNumber, "ＴＫ１２３"),
                (FieldKey::Status, "死亡"),
                (FieldKey::Sex, "?"),
                (FieldKey::OnsetDate, "2021-07-05"),
                (FieldKey::InfectionDate, "2021-07-06"),
                (FieldKey::ReportDate, "令和元年4月30日"),
            ],
        ];
        for window in [28, 14, 366] {
            let mut options = Options::new(NaiveDate::from_ymd_opt(2021, 7, 31).unwrap());
            options.passport_window_days = window;
            for pairs in samples {
                let issues = validate(&record(pairs), &options);
                assert!(issues.len() > 5);
                for issue in issues {
                    for lang in [Lang::Ja, Lang::En] {
                        assert_eq!(
                            message(
                                issue.code,
                                issue.field,
                                &issue.related,
                                issue.message_detail(),
                                lang
                            ),
                            issue.message(lang),
                            "{:?}",
                            issue.code
                        );
                    }
                }
            }
        }
    }
}
