//! The header row: which column holds which field, and which unmapped
//! columns identify a record.

use crate::fields::{FieldKey, FIELD_COUNT};
use crate::width;

/// One column of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// 0-based position in the row.
    pub index: usize,
    /// The header as written in the file (decoded, untrimmed).
    pub header: String,
    /// The field the column maps to; `None` for an unmapped column.
    pub field: Option<FieldKey>,
    /// For an unmapped column: the field its header names, which an earlier
    /// column (or an explicit mapping) already took.
    pub duplicate_of: Option<FieldKey>,
    /// An unmapped column that looks like a record ID: its values are
    /// copied to [`RowResult::ids`](super::RowResult::ids).
    pub identifying: bool,
}

/// The columns of the file, as its header row maps them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderMap {
    pub columns: Vec<Column>,
}

impl HeaderMap {
    /// Maps each header: by the explicit `mapping` first (the header exactly
    /// as in the file, or trimmed), then by [`FieldKey::lookup`] (Japanese
    /// labels in full- or half-width, with or without the parenthesised
    /// part, and the English keys). Explicit mappings are applied before any
    /// lookup, so they win over a column that merely looks like the field.
    /// When two columns map to the same field, the first wins and the other
    /// is unmapped (with [`Column::duplicate_of`] set).
    pub fn build(headers: Vec<String>, mapping: &[(String, FieldKey)]) -> HeaderMap {
        let mut columns: Vec<Column> = headers
            .into_iter()
            .enumerate()
            .map(|(index, header)| Column {
                index,
                header,
                field: None,
                duplicate_of: None,
                identifying: false,
            })
            .collect();
        let mut taken = [false; FIELD_COUNT];
        let mut explicit = vec![false; columns.len()];
        for (column, explicit) in columns.iter_mut().zip(explicit.iter_mut()) {
            let found = mapping
                .iter()
                .find(|(header, _)| header == &column.header)
                .or_else(|| {
                    mapping
                        .iter()
                        .find(|(header, _)| header.trim() == column.header.trim())
                });
            if let Some(&(_, field)) = found {
                *explicit = true;
                assign(column, field, &mut taken);
            }
        }
        for (column, explicit) in columns.iter_mut().zip(explicit) {
            if explicit {
                continue;
            }
            if let Some(field) = FieldKey::lookup(&column.header) {
                assign(column, field, &mut taken);
            }
        }
        for column in &mut columns {
            column.identifying = column.field.is_none() && looks_like_id(&column.header);
        }
        HeaderMap { columns }
    }

    pub fn len(&self) -> usize {
        self.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The columns that map to no field (`header.unmapped`).
    pub fn unmapped(&self) -> impl Iterator<Item = &Column> + '_ {
        self.columns.iter().filter(|column| column.field.is_none())
    }

    /// The unmapped columns whose values name the record, in file order:
    /// `RowResult::ids[i]` is the value of the i-th of them.
    pub fn id_columns(&self) -> impl Iterator<Item = &Column> + '_ {
        self.columns.iter().filter(|column| column.identifying)
    }

    /// The column that holds `field`.
    pub fn column_of(&self, field: FieldKey) -> Option<&Column> {
        self.columns
            .iter()
            .find(|column| column.field == Some(field))
    }

    /// The fields no column maps to.
    pub fn missing_fields(&self) -> impl Iterator<Item = FieldKey> + '_ {
        FieldKey::ALL
            .iter()
            .copied()
            .filter(|field| self.column_of(*field).is_none())
    }
}

fn assign(column: &mut Column, field: FieldKey, taken: &mut [bool; FIELD_COUNT]) {
    if taken[field as usize] {
        column.duplicate_of = Some(field);
    } else {
        taken[field as usize] = true;
        column.field = Some(field);
    }
}

/// Japanese words that make a header an identifier.
const ID_WORDS_JA: &[&str] = &["番号", "受付", "整理", "識別", "連番"];
/// Latin words (whole tokens, any case) that make a header an identifier.
const ID_TOKENS: &[&str] = &["id", "no", "nr", "num", "number"];
/// Numbers that identify a person rather than the record: never copied.
const PERSONAL_JA: &[&str] = &[
    "パスポート",
    "旅券",
    "電話",
    "携帯",
    "郵便",
    "マイナンバー",
    "個人番号",
    "保険",
    "口座",
    "免許",
    "在留",
    "年金",
    "住民票",
    "カード",
    "証明書",
];
const PERSONAL_TOKENS: &[&str] = &[
    "passport",
    "phone",
    "tel",
    "fax",
    "mobile",
    "zip",
    "postal",
    "insurance",
    "account",
    "license",
    "licence",
    "residence",
    "pension",
    "card",
    "ssn",
];

/// A header that names a record ID: a Latin token `ID`, `No`, `Nr`, `Num`
/// or `Number` (`caseId`, `患者ID`, `No.`, `整理No`, in any width), or the
/// words 番号, 受付, 整理, 識別, 連番 — but not a number that identifies
/// the person (passport, phone, postal code, insurance, マイナンバー …),
/// which must not be copied into reports — and not a date (`受付日`,
/// `受付日時`, a `date` token).
pub fn looks_like_id(header: &str) -> bool {
    let folded: String = header.chars().map(width::fold_ascii).collect();
    let tokens = latin_tokens(&folded);
    let personal = PERSONAL_JA.iter().any(|word| folded.contains(word))
        || tokens.iter().any(|token| {
            PERSONAL_TOKENS
                .iter()
                .any(|word| token.eq_ignore_ascii_case(word))
        });
    let date = folded.trim_end().ends_with(['日', '時'])
        || folded.trim_end().ends_with("日付")
        || tokens
            .iter()
            .any(|token| token.eq_ignore_ascii_case("date"));
    if personal || date {
        return false;
    }
    ID_WORDS_JA.iter().any(|word| folded.contains(word))
        || tokens.iter().any(|token| {
            ID_TOKENS
                .iter()
                .any(|word| token.eq_ignore_ascii_case(word))
        })
}

/// The Latin words of a header: runs of ASCII letters, split at camel-case
/// humps (`caseId` → `case`, `Id`; `patientID` → `patient`, `ID`).
fn latin_tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphabetic() {
            match start {
                None => start = Some(i),
                Some(s) => {
                    if b.is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
                        tokens.push(&text[s..i]);
                        start = Some(i);
                    }
                }
            }
        } else if let Some(s) = start.take() {
            tokens.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_record_ids_but_not_personal_numbers() {
        for header in [
            "受付番号",
            "患者ID",
            "患者ＩＤ",
            "caseId",
            "case_id",
            "ID",
            "No.",
            "整理No",
            "HER-SYS ID",
            "受付",
        ] {
            assert!(looks_like_id(header), "{header}");
        }
        for header in [
            "パスポート番号",
            "旅券番号",
            "電話番号",
            "Passport No",
            "phoneNumber",
            "Residence",
            "Note",
            "備考",
            "Valid",
            "郵便番号",
            "届出受付日",
            "受付日時",
            "ID date",
            "在留カード番号",
            "基礎年金番号",
            "住民票コード番号",
            "Residence card No",
        ] {
            assert!(!looks_like_id(header), "{header}");
        }
    }

    #[test]
    fn maps_explicitly_then_by_label_first_column_wins() {
        let headers = [
            "受付番号",
            "診断日",
            "診断年月日",
            "入国日",
            "入国年月日",
            "備考",
        ]
        .map(String::from)
        .to_vec();
        let mapping = vec![("診断日".to_string(), FieldKey::DiagnosisDate)];
        let map = HeaderMap::build(headers, &mapping);
        let fields: Vec<_> = map.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![
                None,
                Some(FieldKey::DiagnosisDate),
                None,
                Some(FieldKey::EntryDate),
                None,
                None
            ]
        );
        assert_eq!(map.columns[2].duplicate_of, Some(FieldKey::DiagnosisDate));
        assert_eq!(map.columns[4].duplicate_of, Some(FieldKey::EntryDate));
        assert_eq!(map.unmapped().count(), 4);
        let ids: Vec<_> = map.id_columns().map(|c| c.index).collect();
        assert_eq!(ids, vec![0]);
    }
}
