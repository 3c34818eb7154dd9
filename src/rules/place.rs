//! 場所区分 and 場所名称 under 感染原因・感染経路・感染地域 (notice 記2②).

use super::{Check, Context};
use crate::fields::{FieldKey, VocabularyKey};
use crate::issue::{Code, Issue};
use crate::vocabulary::PLACE_UNKNOWN;
use crate::width;

pub const PLACE: Check = Check {
    reads: &[FieldKey::PlaceCategory, FieldKey::PlaceName],
    check,
};

/// Notice 記2②: choose the place category when the place is known, write
/// the specific name in 場所名称 when it is known, and when the place is not
/// known do not leave the field empty but choose 場所種別不明.
/// - empty → `place.category_required`; 場所種別不明 is offered as the fix
///   only when 場所名称 is empty too: a named place is known, so the clerk
///   picks its category (docs/rules.md §2). A placeholder word (不明,
///   調査中 …) in either field counts as empty (docs/rules.md §3);
/// - outside the built-in list → `place.category_unknown` (warning), outside
///   the caller's list → `place.category_not_in_list` (error), in another
///   spelling → `choice.canonical` (info);
/// - 場所種別不明 with a place name → `place.name_with_unknown_category`;
/// - a listed category without a name → `place.name_missing` (info).
fn check(cx: &Context, out: &mut Vec<Issue>) {
    let vocabulary = &cx.options.vocabulary;
    let name = cx.get(FieldKey::PlaceName);
    let Some(category) = cx.get(FieldKey::PlaceCategory) else {
        let issue = Issue::new(Code::PlaceCategoryRequired, FieldKey::PlaceCategory)
            .depends_on(&[FieldKey::PlaceName]);
        out.push(match name {
            Some(_) => issue,
            None => issue.fix(
                vocabulary
                    .find(VocabularyKey::PlaceCategory, PLACE_UNKNOWN)
                    .unwrap_or(PLACE_UNKNOWN),
            ),
        });
        return;
    };
    let listed = cx.check_choice(
        VocabularyKey::PlaceCategory,
        FieldKey::PlaceCategory,
        Code::PlaceCategoryUnknown,
        Code::PlaceCategoryNotInList,
        out,
    );
    if width::same(category, PLACE_UNKNOWN) {
        if name.is_some() {
            out.push(
                Issue::new(Code::PlaceNameWithUnknownCategory, FieldKey::PlaceCategory)
                    .related(&[FieldKey::PlaceName]),
            );
        }
    } else if listed && name.is_none() {
        out.push(
            Issue::new(Code::PlaceNameMissing, FieldKey::PlaceName)
                .related(&[FieldKey::PlaceCategory]),
        );
    }
}
