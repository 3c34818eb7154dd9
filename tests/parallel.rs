#![cfg(not(target_arch = "wasm32"))]
//! The audit in segments (`hersys_validator::audit::parallel`), as the
//! worker pools run it, gives the report of one auditor, for any data and
//! any segment size: quoted line breaks and unclosed quotes straddling
//! every split point included.

use chrono::NaiveDate;
use hersys_validator::audit::parallel::{audit_in_segments, read_head, segment_start};
use hersys_validator::audit::{audit, AuditConfig, Auditor, Encoding};
use hersys_validator::Options;
use proptest::prelude::*;

fn config() -> AuditConfig {
    AuditConfig::new(Options::new(NaiveDate::from_ymd_opt(2023, 6, 30).unwrap()))
}

const HEADER: &str = "受付番号,現在のステータス,場所区分,場所名称,診断年月日\r\n";

/// Pieces rows are made of: cells, delimiters, every line break, quotes
/// that open, close, escape or never close.
const PIECES: &[&str] = &[
    "A-1",
    "入院中",
    "死亡",
    "場所種別不明",
    "2023-06-01",
    "2023/13/40",
    ",",
    ",",
    ",",
    "\n",
    "\r\n",
    "\r",
    "\"",
    "\"x\ny\"",
    "\"a,\r\nb\"",
    "\"\"\"q\"\"\"",
    "\"open,\nrest",
    ",,,,",
    "ｱｲｳ",
];

fn assemble(pieces: &[usize]) -> String {
    let mut text = HEADER.to_string();
    for &i in pieces {
        text.push_str(PIECES[i % PIECES.len()]);
    }
    text
}

fn every_segment_size(config: AuditConfig, data: &[u8]) {
    let whole = audit(config.clone(), data);
    for segment in 1..=data.len() + 1 {
        let parts = audit_in_segments(config.clone(), data, segment);
        assert_eq!(parts, whole, "segment {segment}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Split at every offset (segment sizes 1 to the file's length): the
    /// same rows, lines, record indices, issues and summary.
    #[test]
    fn segments_give_the_report_of_one_auditor(
        pieces in proptest::collection::vec(0usize..64, 0..60),
    ) {
        let text = assemble(&pieces);
        every_segment_size(config(), text.as_bytes());
    }

    /// The same in Shift_JIS, detected.
    #[test]
    fn shift_jis_segments_agree(pieces in proptest::collection::vec(0usize..64, 0..30)) {
        let text = assemble(&pieces);
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        every_segment_size(config(), &bytes);
    }
}

#[test]
fn a_quoted_cell_with_line_breaks_across_every_split_point() {
    let mut text = HEADER.to_string();
    for i in 0..30 {
        text.push_str(&format!(
            "A-{i},入院中,\"職場\n\r\n二行目\",\"名,称\r\n続き\",2023-06-0{}\r\n",
            i % 9 + 1
        ));
    }
    every_segment_size(config(), text.as_bytes());
}

#[test]
fn an_unclosed_quote_that_swallows_many_lines_across_segments() {
    let mut text = HEADER.to_string();
    text.push_str("A-0,\"open,場所種別不明,,\n");
    for i in 0..250 {
        text.push_str(&format!("A-{i},入院中,職場,,2023-06-01\n"));
        if i % 60 == 7 {
            text.push_str("B,\"stray,\n");
        }
    }
    let whole = audit(config(), text.as_bytes());
    for segment in [1, 2, 3, 5, 17, 64, 100, 333, 1000, 4096] {
        assert_eq!(audit_in_segments(config(), text.as_bytes(), segment), whole);
    }
}

#[test]
fn a_bom_and_blank_lines_before_the_header() {
    let mut data = b"\xEF\xBB\xBF\r\n\n,,,\n".to_vec();
    data.extend_from_slice(HEADER.as_bytes());
    data.extend_from_slice("\r\n,,,,\nA-1,死亡,,,\r\n\"x\ny\",1\r".as_bytes());
    every_segment_size(config(), &data);
    let head = read_head(&config(), &data, true).expect("a head");
    assert_eq!(head.auditor.encoding(), Some(Encoding::Utf8));
    // It ends after the header's CR; the LF after it starts segment 0.
    assert_eq!(&data[head.end - 1..head.end + 1], b"\r\n");
}

/// An auditor that keeps failing rows only finds the same head end and
/// resumes the same way, whether the row after the header is clean or
/// not.
#[test]
fn an_auditor_keeping_failing_rows_only_reads_the_same_head() {
    for rows in ["A-1,入院中,,,\r\n", "A-1,死亡,,,\r\n", ""] {
        for header_break in ["\r\n", ""] {
            let data = format!("{}{header_break}{rows}", HEADER.trim_end());
            let mut full = Auditor::new(config());
            let mut failing = Auditor::new(config());
            failing.keep_failing_rows_only();
            let end = full.read_head(data.as_bytes(), true);
            assert_eq!(failing.read_head(data.as_bytes(), true), end, "{data:?}");
            let head = &data.as_bytes()[..end.unwrap_or(data.len())];
            let mut explicit = config();
            explicit.encoding = Some(Encoding::Utf8);
            let mut full = Auditor::new(explicit.clone());
            let mut failing = Auditor::new(explicit);
            failing.keep_failing_rows_only();
            assert_eq!(
                failing.resume_after(head, false),
                full.resume_after(head, false)
            );
        }
    }
}

#[test]
fn files_that_cannot_be_split_fall_back_to_one_auditor() {
    // No header line break within the detection window.
    let data = "受付番号".repeat(30_000);
    assert!(read_head(&config(), data.as_bytes(), false).is_none());
    assert_eq!(
        audit_in_segments(config(), data.as_bytes(), 7),
        audit(config(), data.as_bytes())
    );
    // Empty file, header only.
    for data in ["", "受付番号", "受付番号\n"] {
        every_segment_size(config(), data.as_bytes());
    }
}

#[test]
fn segment_starts_follow_a_line_feed() {
    let bytes = b"ab\ncd\r\nef";
    assert_eq!(segment_start(bytes, 1), 3);
    assert_eq!(segment_start(bytes, 3), 3);
    assert_eq!(segment_start(bytes, 4), 7);
    assert_eq!(segment_start(bytes, 8), 9);
    assert_eq!(segment_start(bytes, 100), 9);
    // A line feed whose next line has a quote (the rest of a quoted cell)
    // is passed over for one whose next line has none.
    let bytes = b"a,\"x\ny\",b\nc,d\ne";
    assert_eq!(segment_start(bytes, 1), 10);
    assert_eq!(segment_start(bytes, 4), 10);
    // Starts never decrease.
    let data = "h\n\"a\nb\",c\n\"\"\nx\n\"y\n".as_bytes();
    let starts: Vec<usize> = (0..data.len() + 2)
        .map(|n| segment_start(data, n))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
}

#[test]
fn tab_separated_and_utf16_files_split_as_one_auditor_reads_them() {
    // Excel's 「Unicode テキスト」 is tab-separated: the delimiter comes from
    // the header line, for the resumed auditors too.
    let tabbed = "受付番号\t現在のステータス\t場所区分\t診断年月日\r\nA-1\t入院中\t\t2023-06-01\r\nA-2\t\t家庭内\t2023-06-02\r\n\"x\ty\"\t死亡\t\t\r\n";
    every_segment_size(config(), tabbed.as_bytes());
    // UTF-16 is never split (a cut after a line feed's first byte would
    // start mid-character): one auditor reads it, with the same report.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tabbed.encode_utf16().flat_map(u16::to_le_bytes));
    every_segment_size(config(), &utf16);
    assert!(read_head(&config(), &utf16, true).is_none());
}

/// A title row and a legend above the header, and records repeated near
/// and far (across every split point): the repeats name the first row, as
/// one auditor's do, whatever the segment size.
#[test]
fn title_rows_and_repeats_across_segments_agree_with_one_auditor() {
    let mut text = String::from("令和3年 陽性者一覧,,,,\n,,,,凡例: 場所区分\n\n");
    text.push_str(HEADER);
    for n in 0..12 {
        text.push_str(&format!(
            "A-{},入院中,家庭内,自宅,2023-06-0{}\n",
            n % 4,
            n % 3 + 1
        ));
        text.push_str("A-9,死亡,病院,院内,2023-06-01\r\n");
    }
    let data = text.as_bytes();
    let whole = audit(config(), data);
    assert_eq!(whole.headers.line, 4);
    assert!(whole.rows.iter().any(|row| row.duplicate_of == Some(6)));
    assert!(whole.summary.count(hersys_validator::Code::RowDuplicate) >= 12);
    every_segment_size(config(), data);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(30))]

    /// Random rows below a title row: the head ends after the real header,
    /// and repeats across segments merge as one auditor reports them.
    #[test]
    fn segments_below_a_title_row_agree(
        pieces in proptest::collection::vec(0usize..64, 0..40),
        segment in 1usize..64,
    ) {
        let text = format!("一覧表,,\n\n{}", assemble(&pieces));
        let data = text.as_bytes();
        prop_assert_eq!(audit_in_segments(config(), data, segment), audit(config(), data));
    }
}
