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

use crate::date::{self, DateError, ParsedDate};
use crate::fields::{FieldKey, FieldKind, VocabularyKey, FIELD_COUNT};
use crate::issue::{Code, Issue};
use crate::options::Options;
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

/// One record under validation, with its dates parsed once.
pub struct Context<'a> {
    pub record: &'a Record,
    pub options: &'a Options,
    dates: [Option<Result<ParsedDate, DateError>>; FIELD_COUNT],
    /// [`Context::is_body`], worked out at its first use: two checks ask.
    is_body: OnceCell<bool>,
}

impl<'a> Context<'a> {
    pub fn new(record: &'a Record, options: &'a Options) -> Context<'a> {
        let dates = std::array::from_fn(|index| {
            let field = FieldKey::ALL[index];
            if field.info().kind != FieldKind::Date {
                return None;
            }
            record.get(field).map(date::parse)
        });
        Context {
            record,
            options,
            dates,
            is_body: OnceCell::new(),
        }
    }

    /// The trimmed value, `None` when missing or blank.
    pub fn get(&self, field: FieldKey) -> Option<&'a str> {
        self.record.get(field)
    }

    /// The parse result of a date field that holds a value.
    pub fn parsed_date(&self, field: FieldKey) -> Option<Result<ParsedDate, DateError>> {
        self.dates[field as usize]
    }

    /// The issue for a choice outside its list (docs/rules.md §3): the
    /// warning code when the list is the built-in one, which could not be
    /// confirmed, the error code when the caller gave the list.
    pub fn unlisted(
        &self,
        list: VocabularyKey,
        field: FieldKey,
        outside_default: Code,
        outside_given: Code,
    ) -> Option<Issue> {
        let value = self.get(field)?;
        match self.options.vocabulary.membership(list, value) {
            Membership::Listed(_) => None,
            Membership::OutsideDefault => Some(Issue::new(outside_default, field)),
            Membership::OutsideGiven => Some(Issue::new(outside_given, field)),
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
