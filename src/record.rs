//! The 発生届 record: every field an optional string, as forms and files
//! give them.

use crate::fields::{FieldKey, FIELD_COUNT};

/// One case. Values are kept as typed; the rules trim and fold them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    values: [Option<String>; FIELD_COUNT],
}

impl Record {
    pub fn new() -> Record {
        Record::default()
    }

    /// A record from `(field, value)` pairs; later pairs win.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (FieldKey, &'a str)>) -> Record {
        let mut record = Record::new();
        for (field, value) in pairs {
            record.set(field, Some(value.to_string()));
        }
        record
    }

    pub fn set(&mut self, field: FieldKey, value: Option<String>) {
        self.values[field as usize] = value;
    }

    /// The value's slot, for a caller that refills one record row after
    /// row and reuses its strings (the batch audit).
    #[cfg(feature = "audit")]
    pub(crate) fn slot_mut(&mut self, field: FieldKey) -> &mut Option<String> {
        &mut self.values[field as usize]
    }

    /// The value as given, even when blank.
    pub fn raw(&self, field: FieldKey) -> Option<&str> {
        self.values[field as usize].as_deref()
    }

    /// The value trimmed of ASCII and ideographic white space; `None` when
    /// it is missing or blank, which the notice treats as 未入力.
    pub fn get(&self, field: FieldKey) -> Option<&str> {
        let value = crate::width::trim(self.raw(field)?);
        (!value.is_empty()).then_some(value)
    }

    /// The fields that hold a value, with it.
    pub fn iter(&self) -> impl Iterator<Item = (FieldKey, &str)> {
        FieldKey::ALL
            .iter()
            .filter_map(|field| self.raw(*field).map(|value| (*field, value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_values_count_as_missing() {
        let record = Record::from_pairs([(FieldKey::Status, "\u{3000} "), (FieldKey::Sex, " 男 ")]);
        assert_eq!(record.get(FieldKey::Status), None);
        assert_eq!(record.raw(FieldKey::Status), Some("\u{3000} "));
        assert_eq!(record.get(FieldKey::Sex), Some("男"));
        assert_eq!(record.iter().count(), 2);
    }
}
