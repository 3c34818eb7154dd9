//! The other choice fields of the 発生届: 類型, 性別, 重症度, 感染地域.

use super::{Check, Context};
use crate::fields::FieldKey;
use crate::issue::{Code, Issue};

const FIELDS: &[FieldKey] = &[
    FieldKey::CaseType,
    FieldKey::Sex,
    FieldKey::Severity,
    FieldKey::InfectionRegion,
];

pub const CHOICES: Check = Check {
    reads: FIELDS,
    check,
};

/// docs/rules.md §3: these lists come from the MHLW form, but HER-SYS's
/// spelling of them is not confirmed: a value outside the built-in list is
/// `choice.unknown` (warning), outside the caller's list
/// `choice.not_in_list` (error); a listed value in another spelling is
/// `choice.canonical` (info, the list's spelling as fix).
fn check(cx: &Context, out: &mut Vec<Issue>) {
    for &field in FIELDS {
        if let Some(list) = field.info().vocabulary {
            cx.check_choice(list, field, Code::ChoiceUnknown, Code::ChoiceNotInList, out);
        }
    }
}
