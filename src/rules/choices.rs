//! The other choice fields of the 発生届: 類型, 性別, 重症度, 感染地域.

use super::{Context, Rule};
use crate::fields::FieldKey;
use crate::issue::{Code, Issue};

const FIELDS: &[FieldKey] = &[
    FieldKey::CaseType,
    FieldKey::Sex,
    FieldKey::Severity,
    FieldKey::InfectionRegion,
];

pub const CHOICES: Rule = Rule {
    name: "choices",
    reads: FIELDS,
    check,
};

/// domain.md §3: these lists come from the MHLW form; a value outside them
/// is `choice.unknown`, a warning, since embedding sites may spell them
/// differently.
fn check(cx: &Context, out: &mut Vec<Issue>) {
    for &field in FIELDS {
        let (Some(value), Some(list)) = (cx.get(field), field.info().vocabulary) else {
            continue;
        };
        if cx.options.vocabulary.find(list, value).is_none() {
            out.push(Issue::new(Code::ChoiceUnknown, field));
        }
    }
}
