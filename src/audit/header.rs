//! The header row: which column holds which field, and which unmapped
//! columns identify a record (only those the caller names, or those of
//! the documented list [`IDENTIFIER_HEADERS`]); which checks of the notice
//! the file's columns leave out ([`NOTICE_CHECKS`]), and which unmapped
//! columns look like a field the rules read ([`Lookalike`]).

use crate::fields::{FieldKey, HeaderMatch, LabelIndex, FIELD_COUNT};
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
    /// Mapped by an alias or after dropping a bracketed note (診断日 →
    /// 診断年月日), not by the field's own label or key: a report shows it.
    pub alias: bool,
    /// For an unmapped, non-identifying column: what its header looks like
    /// (`header.unrecognised`), so that a rule is never switched off
    /// silently.
    pub looks_like: Option<Lookalike>,
}

/// What an unmapped header looks like: a column a rule would read if it
/// were mapped (docs/rules.md §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookalike {
    Date,
    Status,
    Passport,
    Place,
}

impl Lookalike {
    pub fn as_str(self) -> &'static str {
        match self {
            Lookalike::Date => "date",
            Lookalike::Status => "status",
            Lookalike::Passport => "passport",
            Lookalike::Place => "place",
        }
    }

    /// The kind of column, as a message names it.
    pub fn label(self, lang: crate::issue::Lang) -> &'static str {
        use crate::issue::Lang;
        match (self, lang) {
            (Lookalike::Date, Lang::Ja) => "日付",
            (Lookalike::Status, Lang::Ja) => "ステータス（状態）",
            (Lookalike::Passport, Lang::Ja) => "パスポート番号",
            (Lookalike::Place, Lang::Ja) => "場所",
            (Lookalike::Date, Lang::En) => "a date",
            (Lookalike::Status, Lang::En) => "a status",
            (Lookalike::Passport, Lang::En) => "a passport number",
            (Lookalike::Place, Lang::En) => "a place",
        }
    }

    /// What `header` looks like, by the words such headers hold
    /// (患者_状態 holds severity or 患者/無症状, never 現在のステータス: it
    /// is named, not mapped).
    pub fn of(header: &str) -> Option<Lookalike> {
        let form = width::comparable(header);
        let has = |words: &[&str]| words.iter().any(|word| form.contains(word));
        if has(&["パスポート", "旅券", "PASSPORT"]) {
            Some(Lookalike::Passport)
        } else if has(&["ステータス", "状態", "転帰", "STATUS"]) {
            Some(Lookalike::Status)
        } else if has(&["場所", "PLACE"]) {
            Some(Lookalike::Place)
        } else if (form.ends_with('日') && !has(&["曜日", "日数"]))
            || has(&["年月日", "日付", "日時", "DATE"])
        {
            Some(Lookalike::Date)
        } else {
            None
        }
    }
}

/// A check of the notice and the columns it reads: when the file has no
/// column for one of them, the check cannot run, and the report says so
/// once for the file (`header.missing`) instead of on every row.
#[derive(Debug)]
pub struct NoticeCheck {
    /// The clause, as sources cite it (記1, 記2①, 記2②), and in English.
    pub clause: &'static str,
    pub clause_en: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
    pub needs: &'static [FieldKey],
}

/// The three checks of the notice of 2021-06-03, each with the columns it
/// needs (docs/rules.md §2, §7).
pub const NOTICE_CHECKS: &[NoticeCheck] = &[
    NoticeCheck {
        clause: "記1",
        clause_en: "clause 1",
        ja: "通知 記1（入国者のパスポート番号）",
        en: "clause 1 of the notice (passport numbers of entrants)",
        needs: &[
            FieldKey::EntryDate,
            FieldKey::DiagnosisDate,
            FieldKey::PassportNumber,
        ],
    },
    NoticeCheck {
        clause: "記2①",
        clause_en: "clause 2①",
        ja: "通知 記2①（現在のステータス、死亡日付・死亡場所）",
        en: "clause 2① of the notice (current status; date and place of death)",
        needs: &[FieldKey::Status, FieldKey::DeathDate, FieldKey::DeathPlace],
    },
    NoticeCheck {
        clause: "記2②",
        clause_en: "clause 2②",
        ja: "通知 記2②（感染の場所区分）",
        en: "clause 2② of the notice (place category of infection)",
        needs: &[FieldKey::PlaceCategory],
    },
];

/// Fields of the 発生届 record that public case lists never publish: a file
/// mapping one of them is a record export, whose repeated rows are worth
/// a warning (docs/rules.md §7).
pub const RECORD_FIELDS: &[FieldKey] = &[
    FieldKey::BirthDate,
    FieldKey::PassportNumber,
    FieldKey::EntryDate,
    FieldKey::Status,
    FieldKey::PlaceCategory,
    FieldKey::PlaceName,
];

/// A column the file lacks, and the checks of the notice it stops.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingColumn {
    pub field: FieldKey,
    /// Indices into [`NOTICE_CHECKS`].
    pub checks: Vec<usize>,
}

/// The columns of the file, as its header row maps them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderMap {
    pub columns: Vec<Column>,
    /// The line of the file the header is on (1-based; the lines above it
    /// were skipped: `header.skipped`). 0 for a map not read from a file.
    pub line: u64,
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
        HeaderMap::build_with(&LabelIndex::new(), headers, mapping, id_columns)
    }

    /// [`build`](Self::build) with the labels already folded.
    pub fn build_with(
        labels: &LabelIndex,
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
                alias: false,
                looks_like: None,
            })
            .collect();
        let mut taken = [false; FIELD_COUNT];
        let mut explicit = vec![false; columns.len()];
        for (column, explicit) in columns.iter_mut().zip(explicit.iter_mut()) {
            if let Some(field) = mapped_explicitly(mapping, &column.header) {
                *explicit = true;
                assign(column, field, &mut taken);
            }
        }
        for (column, explicit) in columns.iter_mut().zip(explicit) {
            if explicit {
                continue;
            }
            if let Some((field, how)) = labels.lookup_header(&column.header) {
                assign(column, field, &mut taken);
                column.alias = column.field.is_some() && how == HeaderMatch::Alias;
            }
        }
        for column in &mut columns {
            column.identifying =
                column.field.is_none() && is_identifier(&column.header, id_columns);
            if column.field.is_none() && column.duplicate_of.is_none() && !column.identifying {
                column.looks_like = Lookalike::of(&column.header);
            }
        }
        HeaderMap { columns, line: 0 }
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

    /// The fields the checks of the notice need that no column holds, in
    /// the notice's order ([`NOTICE_CHECKS`]), each with the checks it
    /// stops (`header.missing`). Empty for a file with no columns at all
    /// (an empty file).
    pub fn missing_columns(&self) -> Vec<MissingColumn> {
        let mut out: Vec<MissingColumn> = Vec::new();
        if self.is_empty() {
            return out;
        }
        for (at, check) in NOTICE_CHECKS.iter().enumerate() {
            for &field in check.needs {
                if self.column_of(field).is_some() {
                    continue;
                }
                match out.iter_mut().find(|missing| missing.field == field) {
                    Some(missing) => missing.checks.push(at),
                    None => out.push(MissingColumn {
                        field,
                        checks: vec![at],
                    }),
                }
            }
        }
        out
    }

    /// True when a column holds a field of the 発生届 record that public
    /// case lists never publish ([`RECORD_FIELDS`]): only then are repeated
    /// rows the same record typed twice rather than different people with
    /// the same 発症日, 性別 and 職業 (`row.duplicate`).
    pub fn tells_records_apart(&self) -> bool {
        RECORD_FIELDS
            .iter()
            .any(|&field| self.column_of(field).is_some())
    }

    /// The unmapped columns that look like a field the rules read
    /// (`header.unrecognised`).
    pub fn lookalikes(&self) -> impl Iterator<Item = &Column> + '_ {
        self.columns.iter().filter(|c| c.looks_like.is_some())
    }
}

/// The field the caller's `mapping` gives `header`: as written in the file,
/// else trimmed.
pub fn mapped_explicitly(mapping: &[(String, FieldKey)], header: &str) -> Option<FieldKey> {
    mapping
        .iter()
        .find(|(named, _)| named == header)
        .or_else(|| {
            mapping
                .iter()
                .find(|(named, _)| named.trim() == header.trim())
        })
        .map(|&(_, field)| field)
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
