//! 施設等区分: from the notice of 2021-04-12 that the notice cites.

use super::{Check, Context};
use crate::fields::{FieldKey, VocabularyKey};
use crate::issue::{Code, Issue};

pub const FACILITY: Check = Check {
    reads: &[FieldKey::FacilityCategory],
    check,
};

/// The notice cites 令和3年4月12日 (発生届の施設等区分), whose list is not
/// public: a value outside the built-in list is `facility.category_unknown`
/// (warning), outside the caller's list `facility.category_not_in_list`
/// (error), in another spelling `choice.canonical` (docs/rules.md §3).
fn check(cx: &Context, out: &mut Vec<Issue>) {
    cx.check_choice(
        VocabularyKey::FacilityCategory,
        FieldKey::FacilityCategory,
        Code::FacilityCategoryUnknown,
        Code::FacilityCategoryNotInList,
        out,
    );
}
