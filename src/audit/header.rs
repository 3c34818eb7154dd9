//! The header row: which column holds which field, and which unmapped
//! columns identify a record (only those the caller names, or those of
//! the documented list [`IDENTIFIER_HEADERS`]).

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
    /// An unmapped column named by the caller's identifier list, or by
    /// [`IDENTIFIER_HEADERS`] when the caller gave none: its values are
    /// copied to [`RowResult::ids`](super::RowResult::ids). It is not
    /// counted as `header.unmapped`.
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
    /// is unmapped (with [`Column::duplicate_of`] set). An unmapped column
    /// is identifying when [`is_identifier`] says so for `id_columns`.
    pub fn build(
        headers: Vec<String>,
        mapping: &[(String, FieldKey)],
        id_columns: Option<&[String]>,
    ) -> HeaderMap {
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
            column.identifying =
                column.field.is_none() && is_identifier(&column.header, id_columns);
        }
        HeaderMap { columns }
    }

    pub fn len(&self) -> usize {
        self.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The columns that map to no field and identify nothing: those
    /// counted as `header.unmapped` and listed as unchecked.
    pub fn unmapped(&self) -> impl Iterator<Item = &Column> + '_ {
        self.columns
            .iter()
            .filter(|column| column.field.is_none() && !column.identifying)
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

/// The headers whose columns are copied into reports by default, so that
/// a reader can find the record: record numbers, never a number that
/// identifies the person (passport, phone, insurance …). Compared as
/// [`identifier_key`] does (width, case, spaces and `-` `_` `.` `・`
/// ignored). A caller's own list replaces this one.
pub const IDENTIFIER_HEADERS: &[&str] = &[
    "受付番号",
    "HER-SYS ID",
    "受付ID",
    "HER-SYS番号",
    "届出番号",
    "届出ID",
    "発生届番号",
    "整理番号",
    "管理番号",
    "事例番号",
    "通し番号",
    "連番",
    "番号",
    "No",
    "ID",
    "患者ID",
    "caseId",
    "recordId",
];

/// True when `header` names an identifying column: one of `custom` when
/// given, else one of [`IDENTIFIER_HEADERS`].
pub fn is_identifier(header: &str, custom: Option<&[String]>) -> bool {
    let key = identifier_key(header);
    if key.is_empty() {
        return false;
    }
    match custom {
        Some(list) => list.iter().any(|name| identifier_key(name) == key),
        None => IDENTIFIER_HEADERS
            .iter()
            .any(|name| identifier_key(name) == key),
    }
}

/// A header as identifier lists compare it: full-width ASCII folded, ASCII
/// lower-cased, and spaces, `-`, `_`, `.`, `・` dropped (`HER-SYS ID`,
/// `hersys_id` and `ＨＥＲ－ＳＹＳ　ＩＤ` are the same).
pub fn identifier_key(header: &str) -> String {
    header
        .chars()
        .map(|c| width::fold_ascii(c).to_ascii_lowercase())
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.' | '・' | '\t') && !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_headers_identify_a_record() {
        for header in [
            "受付番号",
            "ＨＥＲ－ＳＹＳ　ＩＤ",
            "hersys_id",
            "No.",
            "ID",
            "caseId",
            " 整理番号 ",
        ] {
            assert!(is_identifier(header, None), "{header}");
        }
        for header in [
            "パスポート番号",
            "電話番号",
            "Passport No",
            "備考",
            "受付日",
            "患者氏名",
            "",
        ] {
            assert!(!is_identifier(header, None), "{header}");
        }
        let own = ["管理ID".to_string()];
        assert!(is_identifier("管理ＩＤ", Some(&own)));
        assert!(!is_identifier("受付番号", Some(&own)));
        assert!(!is_identifier("受付番号", Some(&[])));
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
        let map = HeaderMap::build(headers, &mapping, None);
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
        // 受付番号 identifies the record: not counted as unmapped.
        assert_eq!(map.unmapped().count(), 3);
        let ids: Vec<_> = map.id_columns().map(|c| c.index).collect();
        assert_eq!(ids, vec![0]);
    }
}
