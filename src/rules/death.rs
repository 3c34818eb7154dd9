//! Death: status 死亡 with the date and place of death (notice 記2①).

use super::{Check, Context};
use crate::fields::{FieldKey, VocabularyKey};
use crate::issue::{Code, Issue};
use crate::vocabulary::STATUS_DEATH;
use crate::width;

pub const DEATH: Check = Check {
    reads: &[
        FieldKey::Status,
        FieldKey::CaseType,
        FieldKey::DeathDate,
        FieldKey::DeathPlace,
    ],
    check,
};

/// Notice 記2①: when the patient has died, the status is 死亡 and the date
/// of death and the place of death are entered (`death.date_required`,
/// `death.place_required`; a place outside the built-in list is
/// `death.place_unknown`, a warning, outside the caller's list
/// `death.place_not_in_list`, an error). docs/rules.md §4: the two 死体
/// case types need the status 死亡 (`death.body_without_status`, error) and
/// a date of death; a date or place of death under another status is
/// `death.without_status` (warning). A placeholder word (調査中 …) in
/// 死亡日付 counts as no date (docs/rules.md §6): required, it is
/// `death.date_required`; otherwise the date may be pending
/// (`date.placeholder`, warning).
fn check(cx: &Context, out: &mut Vec<Issue>) {
    let status = cx.get(FieldKey::Status);
    let is_death = status.is_some_and(|s| width::same(s, STATUS_DEATH));
    let is_body = cx.is_body();
    let death_date = cx.get(FieldKey::DeathDate);
    let death_place = cx.get(FieldKey::DeathPlace);

    // With no status at all, status.required already says it.
    let body_without_status = is_body && status.is_some() && !is_death;
    if body_without_status {
        out.push(
            Issue::new(Code::DeathBodyWithoutStatus, FieldKey::Status)
                .related(&[FieldKey::CaseType]),
        );
    }
    if death_date.is_none() && (is_death || is_body) {
        let cause = if is_death {
            FieldKey::Status
        } else {
            FieldKey::CaseType
        };
        // Either field can make the date required, whichever the message names.
        out.push(
            Issue::new(Code::DeathDateRequired, FieldKey::DeathDate)
                .related(&[cause])
                .depends_on(&[FieldKey::Status, FieldKey::CaseType])
                .variant(u8::from(!is_death)),
        );
    } else if cx.is_placeholder(FieldKey::DeathDate) {
        out.push(
            Issue::new(Code::DatePlaceholder, FieldKey::DeathDate)
                .depends_on(&[FieldKey::Status, FieldKey::CaseType]),
        );
    }
    if death_place.is_none() && is_death {
        out.push(
            Issue::new(Code::DeathPlaceRequired, FieldKey::DeathPlace).related(&[FieldKey::Status]),
        );
    }
    cx.check_choice(
        VocabularyKey::DeathPlace,
        FieldKey::DeathPlace,
        Code::DeathPlaceUnknown,
        Code::DeathPlaceNotInList,
        out,
    );
    // For a body the error above already asks for 死亡.
    if status.is_some() && !is_death && !body_without_status {
        let given: Vec<FieldKey> = [
            (FieldKey::DeathDate, death_date),
            (FieldKey::DeathPlace, death_place),
        ]
        .into_iter()
        .filter_map(|(field, value)| value.map(|_| field))
        .collect();
        if !given.is_empty() {
            out.push(
                Issue::new(Code::DeathWithoutStatus, FieldKey::Status)
                    .related(&given)
                    .depends_on(&[
                        FieldKey::DeathDate,
                        FieldKey::DeathPlace,
                        FieldKey::CaseType,
                    ]),
            );
        }
    }
}
