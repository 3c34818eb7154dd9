//! The rules: one module per clause of the notice, plus the 発生届 date
//! checks and the option lists around them.
//!
//! Each check declares the fields it reads, so that a change of one field
//! re-runs only the checks it can affect.

mod choices;
mod dates;
mod death;
mod facility;
mod passport;
mod place;
mod status;

use std::cell::OnceCell;

use chrono::NaiveDate;

pub use dates::{read_date, DateReading};

use crate::date::{self, DateError, ParsedDate};
use crate::fields::{FieldKey, FieldKind, VocabularyKey, FIELD_COUNT};
use crate::issue::{Code, Issue};
use crate::options::Options;
use crate::placeholders::is_placeholder;
use crate::record::Record;
use crate::vocabulary::Membership;

/// A check: the fields it reads, and the function that reports its issues.
pub struct Check {
    /// Every field an issue of this rule can be on or depend on.
    pub reads: &'static [FieldKey],
    pub check: fn(&Context, &mut Vec<Issue>),
}

/// Every check, in the order their issues are reported.
pub static CHECKS: &[Check] = &[
    passport::REQUIRED,
    passport::WINDOW_INPUTS,
    passport::FORMAT,
    status::STATUS,
    death::DEATH,
    place::PLACE,
    facility::FACILITY,
    choices::CHOICES,
    dates::DATES,
    dates::AGE,
];

/// The fields where a placeholder word (調査中, 不明 …) means "not given"
/// (docs/rules.md §3): the place, the country, and every date.
fn placeholder_means_empty(field: FieldKey) -> bool {
    matches!(
        field,
        FieldKey::PlaceName | FieldKey::PlaceCategory | FieldKey::Country
    ) || field.info().kind == FieldKind::Date
}

/// One record under validation, with its dates parsed once.
pub struct Context<'a> {
    pub record: &'a Record,
    pub options: &'a Options,
    dates: [Option<Result<ParsedDate, DateError>>; FIELD_COUNT],
    /// One bit per field holding only a placeholder word, where that means
    /// "not given" ([`placeholder_means_empty`]).
    placeholders: u32,
    /// [`Context::is_body`], worked out at its first use: two checks ask.
    is_body: OnceCell<bool>,
}

const _: () = assert!(
    FIELD_COUNT <= u32::BITS as usize,
    "Context::placeholders holds one bit per field: widen it"
);

impl<'a> Context<'a> {
    pub fn new(record: &'a Record, options: &'a Options) -> Context<'a> {
        let placeholders = FieldKey::ALL
            .iter()
            .filter(|&&field| placeholder_means_empty(field))
            .filter(|&&field| record.get(field).is_some_and(is_placeholder))
            .fold(0, |bits, &field| bits | 1 << field as u32);
        let dates = std::array::from_fn(|index| {
            let field = FieldKey::ALL[index];
            if field.info().kind != FieldKind::Date || placeholders & 1 << index != 0 {
                return None;
            }
            record.get(field).map(date::parse)
        });
        Context {
            record,
            options,
            dates,
            placeholders,
            is_body: OnceCell::new(),
        }
    }

    /// The trimmed value, `None` when missing or blank, or when it is only
    /// a placeholder word in a field where that means "not given".
    pub fn get(&self, field: FieldKey) -> Option<&'a str> {
        if self.is_placeholder(field) {
            return None;
        }
        self.record.get(field)
    }

    /// True when the field holds only a placeholder word that means "not
    /// given" there (docs/rules.md §3).
    pub fn is_placeholder(&self, field: FieldKey) -> bool {
        self.placeholders & 1 << field as u32 != 0
    }

    /// The parse result of a date field that holds a value.
    pub fn parsed_date(&self, field: FieldKey) -> Option<Result<ParsedDate, DateError>> {
        self.dates[field as usize]
    }

    /// Checks a choice against its list (docs/rules.md §3) and returns
    /// whether it is listed. Outside the list: the warning code when the
    /// list is the built-in one, which could not be confirmed, the error
    /// code when the caller gave the list. Listed in another spelling:
    /// `choice.canonical`, whose fix is the list's own spelling.
    pub fn check_choice(
        &self,
        list: VocabularyKey,
        field: FieldKey,
        outside_default: Code,
        outside_given: Code,
        out: &mut Vec<Issue>,
    ) -> bool {
        let Some(value) = self.get(field) else {
            return false;
        };
        match self.options.vocabulary.membership(list, value) {
            Membership::Listed(entry) => {
                if self.record.raw(field) != Some(entry) {
                    out.push(Issue::new(Code::ChoiceCanonical, field).fix(entry));
                }
                true
            }
            Membership::OutsideDefault => {
                out.push(Issue::new(outside_default, field));
                false
            }
            Membership::OutsideGiven => {
                out.push(Issue::new(outside_given, field));
                false
            }
        }
    }

    /// True when the 類型 is one of the two 死体 types (docs/rules.md §4).
    pub fn is_body(&self) -> bool {
        *self.is_body.get_or_init(|| {
            self.get(FieldKey::CaseType).is_some_and(|case_type| {
                crate::width::find_same(case_type, crate::vocabulary::BODY_CASE_TYPES).is_some()
            })
        })
    }

    /// The date in a date field, when it holds a valid one.
    pub fn date(&self, field: FieldKey) -> Option<NaiveDate> {
        self.parsed_date(field)?.ok().map(|parsed| parsed.date)
    }
}
