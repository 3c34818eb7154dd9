//! 施設等区分: from the notice of 2021-04-12 that the notice cites.

use super::{Context, Rule};
use crate::fields::{FieldKey, VocabularyKey};
use crate::issue::{Code, Issue};

pub const FACILITY: Rule = Rule {
    name: "facility",
    reads: &[FieldKey::FacilityCategory],
    check,
};

/// The notice cites 令和3年4月12日 (発生届の施設等区分), whose list is not
/// public: a value outside the vocabulary is only a warning
/// (`facility.category_unknown`, domain.md §3).
fn check(cx: &Context, out: &mut Vec<Issue>) {
    if let Some(value) = cx.get(FieldKey::FacilityCategory) {
        if cx
            .options
            .vocabulary
            .find(VocabularyKey::FacilityCategory, value)
            .is_none()
        {
            out.push(Issue::new(
                Code::FacilityCategoryUnknown,
                FieldKey::FacilityCategory,
            ));
        }
    }
}
