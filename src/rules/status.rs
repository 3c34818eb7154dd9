//! 現在のステータス: always entered (notice 記2①).

use super::{Check, Context};
use crate::fields::{FieldKey, VocabularyKey};
use crate::issue::{Code, Issue};

pub const STATUS: Check = Check {
    reads: &[FieldKey::Status],
    check,
};

/// Notice 記2①: 「現在のステータス」への入力を徹底. A missing status is
/// `status.required`; a value outside the built-in list is `status.unknown`
/// (warning), outside the caller's list `status.not_in_list` (error), in
/// another spelling `choice.canonical` (docs/rules.md §3).
fn check(cx: &Context, out: &mut Vec<Issue>) {
    if cx.get(FieldKey::Status).is_none() {
        out.push(Issue::new(Code::StatusRequired, FieldKey::Status));
        return;
    }
    cx.check_choice(
        VocabularyKey::Status,
        FieldKey::Status,
        Code::StatusUnknown,
        Code::StatusNotInList,
        out,
    );
}
