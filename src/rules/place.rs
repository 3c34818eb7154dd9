//! 場所区分 and 場所名称 under 感染原因・感染経路・感染地域 (notice 記2②).

use super::{Context, Rule};
use crate::fields::{FieldKey, VocabularyKey};
use crate::issue::{Code, Issue};
use crate::vocabulary::PLACE_UNKNOWN;
use crate::width;

pub const PLACE: Rule = Rule {
    name: "place",
    reads: &[FieldKey::PlaceCategory, FieldKey::PlaceName],
    check,
};

/// Notice 記2②: choose the place category when the place is known, write
/// the specific name in 場所名称 when it is known, and when the place is not
/// known do not leave the field empty but choose 場所種別不明.
/// - empty → `place.category_required`, fixed by 場所種別不明;
/// - outside the vocabulary → `place.category_unknown`;
/// - 場所種別不明 with a place name → `place.name_with_unknown_category`;
/// - a known category without a name → `place.name_missing` (info).
fn check(cx: &Context, out: &mut Vec<Issue>) {
    let vocabulary = &cx.options.vocabulary;
    let name = cx.get(FieldKey::PlaceName);
    let Some(category) = cx.get(FieldKey::PlaceCategory) else {
        let fix = vocabulary
            .find(VocabularyKey::PlaceCategory, PLACE_UNKNOWN)
            .unwrap_or(PLACE_UNKNOWN);
        out.push(Issue::new(Code::PlaceCategoryRequired, FieldKey::PlaceCategory).fix(fix));
        return;
    };
    if width::same(category, PLACE_UNKNOWN) {
        if name.is_some() {
            out.push(
                Issue::new(Code::PlaceNameWithUnknownCategory, FieldKey::PlaceCategory)
                    .related(&[FieldKey::PlaceName]),
            );
        }
    } else if vocabulary
        .find(VocabularyKey::PlaceCategory, category)
        .is_none()
    {
        out.push(Issue::new(
            Code::PlaceCategoryUnknown,
            FieldKey::PlaceCategory,
        ));
    } else if name.is_none() {
        out.push(
            Issue::new(Code::PlaceNameMissing, FieldKey::PlaceName)
                .related(&[FieldKey::PlaceCategory]),
        );
    }
}
