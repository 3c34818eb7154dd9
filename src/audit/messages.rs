//! Messages of an audit's findings, rendered in one language at the
//! boundary (the wasm binding, a native report), not stored on the rows.
//!
//! A field issue's message depends only on its code, field, related fields
//! and passport window, and a file repeats the same few findings on
//! thousands of rows, so [`Messages`] renders each distinct message once
//! and hands out the cached text afterwards: reporting a failing row costs
//! a binary search per issue, and a row without issues costs nothing.

use super::header::{HeaderMap, NOTICE_CHECKS};
use super::RowResult;
use crate::fields::FieldKey;
use crate::issue::{Code, Issue, Lang};

/// Bits per related field in a cache key: enough for every [`FieldKey`]
/// plus one (0 ends the list).
const FIELD_BITS: u32 = (FieldKey::ALL.len() + 1)
    .next_power_of_two()
    .trailing_zeros();

/// At most this many related fields are packed into a key; an issue with
/// more is rendered without the cache.
const MAX_PACKED: usize = (u64::BITS / FIELD_BITS) as usize;

/// Code, field, related fields packed, passport window.
type Key = (Code, FieldKey, u64, u32);

/// The messages of one language, each rendered once.
#[derive(Clone, Debug, Default)]
pub struct Messages {
    lang: Lang,
    /// The index in `texts` of each distinct message, sorted by key (a
    /// file has tens of them, not thousands; a `HashMap` would bring its
    /// hasher and tables into the wasm module for nothing).
    cache: Vec<(Key, u32)>,
    texts: Vec<Box<str>>,
    /// The message of an issue too unusual to cache.
    scratch: String,
}

impl Messages {
    pub fn new(lang: Lang) -> Messages {
        Messages {
            lang,
            cache: Vec::new(),
            texts: Vec::new(),
            scratch: String::new(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message of a field issue ([`Issue::message`]), from the cache.
    pub fn issue(&mut self, issue: &Issue) -> &str {
        match self.issue_id(issue) {
            Some(id) => self.text(id),
            None => {
                self.scratch = issue.message(self.lang);
                &self.scratch
            }
        }
    }

    /// A number that stands for the message of `issue` for the life of
    /// these messages (its text: [`Messages::text`]), so that a report can
    /// write each distinct message once; `None` for an issue too unusual
    /// to cache.
    pub fn issue_id(&mut self, issue: &Issue) -> Option<u32> {
        let key = key(issue)?;
        match self.cache.binary_search_by_key(&key, |&(key, _)| key) {
            Ok(at) => Some(self.cache[at].1),
            Err(at) => {
                let id = self.texts.len() as u32;
                self.texts.push(issue.message(self.lang).into_boxed_str());
                self.cache.insert(at, (key, id));
                Some(id)
            }
        }
    }

    /// The text of a message numbered by [`Messages::issue_id`].
    pub fn text(&self, id: u32) -> &str {
        self.texts.get(id as usize).map_or("", |text| text)
    }

    /// The message of a row-level finding or a refusal, which names no
    /// field ([`Code::message`]).
    pub fn code(&self, code: Code) -> &'static str {
        code.message(self.lang)
    }

    /// The message of `row.duplicate`: the earlier row's line put in.
    pub fn duplicate(&self, earlier: u64) -> String {
        Code::RowDuplicate
            .message(self.lang)
            .replace("{row}", &earlier.to_string())
    }

    /// The findings about the file's columns, said once for the file (the
    /// counts in the summary are theirs): the lines skipped above the
    /// header, each column a check of the notice needs and the file lacks
    /// (with the checks it stops), and each unmapped column that looks
    /// like a field. Headers are the file's own words, not patient data.
    pub fn file_findings(&self, header: &HeaderMap) -> Vec<FileFinding> {
        let lang = self.lang;
        let mut out = Vec::new();
        if header.line > 1 {
            out.push(FileFinding {
                code: Code::HeaderSkipped,
                field: None,
                checks: Vec::new(),
                column: None,
                message: Code::HeaderSkipped
                    .message(lang)
                    .replace("{line}", &header.line.to_string())
                    .replace("{skipped}", &(header.line - 1).to_string()),
            });
        }
        for missing in header.missing_columns() {
            let checks: Vec<&str> = missing
                .checks
                .iter()
                .map(|&at| match lang {
                    Lang::Ja => NOTICE_CHECKS[at].ja,
                    Lang::En => NOTICE_CHECKS[at].en,
                })
                .collect();
            let field = missing.field.info();
            let label = match lang {
                Lang::Ja => field.ja,
                Lang::En => field.en,
            };
            out.push(FileFinding {
                code: Code::HeaderMissing,
                field: Some(missing.field),
                checks: missing.checks.clone(),
                column: None,
                message: Code::HeaderMissing
                    .message(lang)
                    .replace("{field}", label)
                    .replace(
                        "{checks}",
                        &checks.join(if lang == Lang::Ja { "・" } else { "; " }),
                    ),
            });
        }
        for column in header.lookalikes() {
            let kind = column.looks_like.map_or("", |kind| kind.label(lang));
            out.push(FileFinding {
                code: Code::HeaderUnrecognised,
                field: None,
                checks: Vec::new(),
                column: Some(column.index),
                message: Code::HeaderUnrecognised
                    .message(lang)
                    .replace("{header}", column.header.trim())
                    .replace("{kind}", kind),
            });
        }
        out
    }
}

/// A finding about the whole file (see [`Messages::file_findings`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFinding {
    pub code: Code,
    /// The field whose column is missing (`header.missing`).
    pub field: Option<FieldKey>,
    /// The checks of the notice it stops: indices into
    /// [`NOTICE_CHECKS`](super::NOTICE_CHECKS).
    pub checks: Vec<usize>,
    /// The column it is about (`header.unrecognised`).
    pub column: Option<usize>,
    pub message: String,
}

fn key(issue: &Issue) -> Option<Key> {
    if issue.related.len() > MAX_PACKED {
        return None;
    }
    let related = issue.related.iter().fold(0u64, |packed, field| {
        (packed << FIELD_BITS) | (*field as u64 + 1)
    });
    Some((issue.code, issue.field, related, issue.message_detail()))
}

/// One finding of a row as a report shows it: the row-level codes first
/// (no field, no related fields, no fix), then the field issues. Borrowed
/// from the [`RowResult`]; the message comes from [`Messages`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding<'a> {
    Row(Code),
    /// `row.duplicate`, with the line of the earlier row.
    Duplicate(u64),
    Field(&'a Issue),
}

impl<'a> Finding<'a> {
    pub fn code(self) -> Code {
        match self {
            Finding::Row(code) => code,
            Finding::Duplicate(_) => Code::RowDuplicate,
            Finding::Field(issue) => issue.code,
        }
    }

    pub fn field(self) -> Option<FieldKey> {
        match self {
            Finding::Row(_) | Finding::Duplicate(_) => None,
            Finding::Field(issue) => Some(issue.field),
        }
    }

    pub fn related(self) -> &'a [FieldKey] {
        match self {
            Finding::Row(_) | Finding::Duplicate(_) => &[],
            Finding::Field(issue) => &issue.related,
        }
    }

    pub fn fix(self) -> Option<&'a str> {
        match self {
            Finding::Row(_) | Finding::Duplicate(_) => None,
            Finding::Field(issue) => issue.fix.as_deref(),
        }
    }

    /// The message, in the language of `messages`.
    pub fn message(self, messages: &mut Messages) -> std::borrow::Cow<'_, str> {
        match self {
            Finding::Row(code) => messages.code(code).into(),
            Finding::Duplicate(earlier) => messages.duplicate(earlier).into(),
            Finding::Field(issue) => messages.issue(issue).into(),
        }
    }
}

impl RowResult {
    /// Every finding of the row, in report order: row-level, then field.
    pub fn findings(&self) -> impl Iterator<Item = Finding<'_>> {
        self.row_codes
            .iter()
            .map(|&code| Finding::Row(code))
            .chain(self.duplicate_of.map(Finding::Duplicate))
            .chain(self.issues.iter().map(Finding::Field))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::WindowCounting;

    #[test]
    fn cached_messages_are_those_of_the_issue() {
        let mut messages = Messages::new(Lang::En);
        let issue = Issue::new(Code::DateOrder, FieldKey::DiagnosisDate)
            .related(&[FieldKey::FirstVisitDate]);
        let other =
            Issue::new(Code::DateOrder, FieldKey::DiagnosisDate).related(&[FieldKey::OnsetDate]);
        for _ in 0..2 {
            assert_eq!(messages.issue(&issue), issue.message(Lang::En));
            assert_eq!(messages.issue(&other), other.message(Lang::En));
        }
        assert_eq!(messages.cache.len(), 2);
        let passport = Issue::new(Code::PassportRequired, FieldKey::PassportNumber);
        for counting in [
            WindowCounting::EntryDayIsDayOne,
            WindowCounting::DayAfterEntryIsDayOne,
        ] {
            for days in [14, 28] {
                let issue = passport.clone().window(days, counting);
                assert_eq!(messages.issue(&issue), issue.message(Lang::En));
            }
        }
        let unusual = Issue::new(Code::PassportUnusual, FieldKey::PassportNumber);
        let foreign = messages.issue(&unusual.clone().variant(1)).to_string();
        assert_ne!(messages.issue(&unusual), foreign);
    }

    #[test]
    fn an_issue_with_many_related_fields_is_rendered_uncached() {
        let mut messages = Messages::new(Lang::Ja);
        let related = vec![FieldKey::FirstVisitDate; MAX_PACKED + 1];
        let issue = Issue::new(Code::DateOrder, FieldKey::DiagnosisDate).related(&related);
        assert_eq!(messages.issue(&issue), issue.message(Lang::Ja));
        assert!(messages.cache.is_empty());
        assert_eq!(
            messages.code(Code::RowColumns),
            Code::RowColumns.message(Lang::Ja)
        );
    }
}
