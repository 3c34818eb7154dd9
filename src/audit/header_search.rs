//! Which line of a file is its header (docs/rules.md §7).
//!
//! Public case lists put a title row, a legend block or blank lines above
//! the header (about a quarter of them). The header is the line, among the
//! first [`HEADER_SEARCH_LINES`] lines within the detection window (the
//! first 64 KiB), that maps the most fields, and at least
//! [`MIN_HEADER_FIELDS`]; the first such line on a tie. The lines above it
//! are skipped (`header.skipped`), never audited as records. The choice
//! depends only on the window's bytes, so every auditor of a file (one
//! whole, or the worker pools' segments) makes the same.

use super::encoding::{self, Encoding};
use super::header::mapped_explicitly;
use super::splitter::Splitter;
use crate::fields::{FieldKey, LabelIndex, FIELD_COUNT};

/// The header is looked for on the file's first 50 lines.
pub const HEADER_SEARCH_LINES: u64 = 50;

/// A header maps at least this many fields: one known word in a title
/// (「診断年月日別の陽性者一覧」) is not a header.
pub const MIN_HEADER_FIELDS: usize = 2;

/// Where the header is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderAt {
    /// On this line (1-based), found or as the caller said.
    Line(u64),
    /// No line of the window maps two fields: the file is refused
    /// (`file.header_not_found`).
    NotFound,
}

/// The header's line in `window` (the file's first bytes after its BOM,
/// as the splitter reads them: UTF-16 already transcoded to UTF-8), read
/// in `encoding` with `delimiter`; `eof` when the window is the whole
/// file. `None` when the window holds no complete line with content (an
/// empty file, or a first line longer than the window): the first row
/// with content is then the header, as it always was.
pub fn find_header(
    window: &[u8],
    encoding: Encoding,
    delimiter: u8,
    eof: bool,
    mapping: &[(String, FieldKey)],
) -> Option<HeaderAt> {
    let labels = LabelIndex::new();
    let mut splitter = Splitter::new();
    splitter.set_delimiter(delimiter);
    let mut best: Option<(usize, u64)> = None;
    let mut any = false;
    let (mut text, mut ends) = (String::new(), Vec::new());
    let mut consider = |raw: super::splitter::RawRow| {
        if raw.too_long || raw.bytes.is_empty() || raw.line > HEADER_SEARCH_LINES {
            return;
        }
        any = true;
        let encoding = if encoding.is_utf16() {
            Encoding::Utf8
        } else {
            encoding
        };
        encoding::decode_row(encoding, raw.bytes, raw.ends, &mut text, &mut ends);
        // The fields the line names, as HeaderMap::build maps them.
        let mut named = [false; FIELD_COUNT];
        for i in 0..ends.len() {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            let cell = &text[start..ends[i]];
            let field = mapped_explicitly(mapping, cell)
                .or_else(|| labels.lookup_header(cell).map(|(field, _)| field));
            if let Some(field) = field {
                named[field as usize] = true;
            }
        }
        let mapped = named.iter().filter(|&&named| named).count();
        if mapped >= MIN_HEADER_FIELDS && best.is_none_or(|(most, _)| mapped > most) {
            best = Some((mapped, raw.line));
        }
    };
    splitter.feed(window, &mut consider);
    if eof {
        splitter.finish(&mut consider);
    }
    match best {
        Some((_, line)) => Some(HeaderAt::Line(line)),
        // One line with no break may be a header that swallowed the file:
        // the first row's checks say so (`file.header_unterminated`).
        None if any && window.iter().any(|&b| b == b'\n' || b == b'\r') => Some(HeaderAt::NotFound),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Option<HeaderAt> {
        find_header(text.as_bytes(), Encoding::Utf8, b',', true, &[])
    }

    #[test]
    fn the_line_that_maps_most_fields_is_the_header() {
        assert_eq!(
            find("診断年月日,現在のステータス\n2021-06-01,入院中\n"),
            Some(HeaderAt::Line(1))
        );
        let titled = "令和3年 陽性者一覧（診断年月日順）\n\n\
                      受付番号,診断日,現在のステータス,場所区分\nA-1,2021-06-01,入院中,\n";
        assert_eq!(find(titled), Some(HeaderAt::Line(3)));
        // A legend block far to the right, above the header.
        let legend = ",,,,凡例: 場所区分・現在のステータスは…\n,,,,診断年月日 = 確定日\n\
                      No,診断年月日,現在のステータス,場所区分,\n";
        assert_eq!(find(legend), Some(HeaderAt::Line(3)));
    }

    #[test]
    fn a_file_without_two_known_fields_is_not_found_and_an_empty_one_undecided() {
        assert_eq!(find("名前,備考\nA,B\n"), Some(HeaderAt::NotFound));
        assert_eq!(find("診断年月日,備考\n"), Some(HeaderAt::NotFound));
        assert_eq!(find(""), None);
        assert_eq!(find("\n\n,,,\n"), None);
        // Not the whole file and no line ended: undecided.
        assert_eq!(find_header(b"abc", Encoding::Utf8, b',', false, &[]), None);
    }

    #[test]
    fn only_the_first_fifty_lines_are_searched() {
        let late = format!("{}診断年月日,現在のステータス\n", "title\n".repeat(50));
        assert_eq!(find(&late), Some(HeaderAt::NotFound));
        let last = format!("{}診断年月日,現在のステータス\n", "title\n".repeat(49));
        assert_eq!(find(&last), Some(HeaderAt::Line(50)));
    }

    #[test]
    fn an_explicit_mapping_counts() {
        let mapping = vec![("確認日".to_string(), FieldKey::DiagnosisDate)];
        assert_eq!(
            find_header(
                "確認日,状態区分\n".as_bytes(),
                Encoding::Utf8,
                b',',
                true,
                &mapping
            ),
            Some(HeaderAt::NotFound)
        );
        assert_eq!(
            find_header(
                "確認日,場所区分\n".as_bytes(),
                Encoding::Utf8,
                b',',
                true,
                &mapping
            ),
            Some(HeaderAt::Line(1))
        );
    }
}
