//! 現在のステータス: always entered (notice 記2①).

use super::{Context, Rule};
use crate::fields::{FieldKey, VocabularyKey};
use crate::issue::{Code, Issue};

pub const STATUS: Rule = Rule {
    name: "status",
    reads: &[FieldKey::Status],
    check,
};

/// Notice 記2①: 「現在のステータス」への入力を徹底. A missing status is
/// `status.required`; a value outside the vocabulary is `status.unknown`.
fn check(cx: &Context, out: &mut Vec<Issue>) {
    match cx.get(FieldKey::Status) {
        None => out.push(Issue::new(Code::StatusRequired, FieldKey::Status)),
        Some(status) => {
            if cx
                .options
                .vocabulary
                .find(VocabularyKey::Status, status)
                .is_none()
            {
                out.push(Issue::new(Code::StatusUnknown, FieldKey::Status));
            }
        }
    }
}
