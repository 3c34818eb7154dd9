#![cfg(not(target_arch = "wasm32"))]
//! The batch audit (`hersys_validator::audit`): encodings, CSV edge cases,
//! header mapping, chunking, totals, and files from the `gen_cases` example.

use chrono::NaiveDate;
use hersys_validator::audit::{
    audit, AuditConfig, AuditReport, Auditor, Encoding, Finding, HeaderMap, Lookalike, Messages,
    RowResult, Summary, DETECTION_WINDOW, MAX_QUOTED_LINE_BREAKS, MAX_ROW_BYTES,
};
use hersys_validator::{Code, FieldKey, Lang, Options, Severity};
use proptest::prelude::*;

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2023, 6, 30).unwrap())
}

fn config() -> AuditConfig {
    AuditConfig::new(options())
}

fn sjis(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "test text not encodable in Shift_JIS");
    bytes.into_owned()
}

fn with_bom(text: &str) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// Everything an audit yields, for comparisons across chunkings.
#[derive(Debug, PartialEq)]
struct Outcome {
    rows: Vec<RowResult>,
    summary: Summary,
    headers: Option<HeaderMap>,
    encoding: Option<Encoding>,
}

fn run_sizes(config: AuditConfig, data: &[u8], sizes: &[usize]) -> Outcome {
    run_capped(config, MAX_ROW_BYTES, data, sizes)
}

fn run_capped(config: AuditConfig, cap: usize, data: &[u8], sizes: &[usize]) -> Outcome {
    let mut auditor = Auditor::with_max_row_bytes(config, cap);
    let mut rows = Vec::new();
    let mut rest = data;
    let mut index = 0;
    while !rest.is_empty() {
        let size = sizes[index % sizes.len()].clamp(1, rest.len());
        index += 1;
        let (chunk, tail) = rest.split_at(size);
        rows.extend(auditor.push(chunk));
        rest = tail;
    }
    rows.extend(auditor.finish());
    Outcome {
        rows,
        summary: auditor.summary().clone(),
        headers: auditor.headers().cloned(),
        encoding: auditor.encoding(),
    }
}

fn run(config: AuditConfig, data: &[u8], chunk: usize) -> Outcome {
    run_sizes(config, data, &[chunk])
}

fn whole(data: &[u8]) -> AuditReport {
    audit(config(), data)
}

fn codes(row: &RowResult) -> Vec<&'static str> {
    row.findings()
        .map(|finding| finding.code().as_str())
        .collect()
}

fn has(row: &RowResult, code: Code) -> bool {
    row.findings().any(|finding| finding.code() == code)
}

/// Fields in a valid, complete record (entrant with passport, status,
/// place), as ISO dates.
const HEADER: &str = "受付番号,診断年月日,入国日,パスポート番号（旅券番号）,国籍,現在のステータス,死亡日付,死亡場所,場所区分,場所名称";

fn sample() -> String {
    [
        HEADER,
        "A-1,2021-06-03,2021-05-30,TK1234567,日本,入院中,,,飲食店,\"居酒屋 みなと, 駅前店\"",
        "A-2,2021-06-03,2021-05-30,,日本,入院中,,,職場,\"架空工業\r\n第二工場\"",
        "A-3,令和3年6月3日,,,,死亡,,,場所種別不明,",
        "A-4,2021/6/3,,,,療養解除,,,,",
        "A-5,２０２１－０６－０３,,ＴＫ１２３４５６７,日本,宿泊療養中,,,家庭内,",
    ]
    .join("\r\n")
        + "\r\n"
}

// --- encodings --------------------------------------------------------

#[test]
fn utf8_with_and_without_bom_give_the_same_rows() {
    let text = sample();
    let plain = whole(text.as_bytes());
    let bom = whole(&with_bom(&text));
    assert_eq!(plain.encoding, Some(Encoding::Utf8));
    assert_eq!(bom.encoding, Some(Encoding::Utf8));
    assert_eq!(plain.rows, bom.rows);
    assert_eq!(plain.headers, bom.headers);
    // The BOM is not part of the first header.
    assert_eq!(bom.headers.columns[0].header, "受付番号");
    assert_eq!(bom.summary.bytes, plain.summary.bytes + 3);
    assert_eq!(plain.rows.len(), 5);
}

#[test]
fn shift_jis_is_detected_and_gives_the_same_rows() {
    let text = sample();
    let utf8 = whole(text.as_bytes());
    let bytes = sjis(&text);
    for chunk in [1, 2, 3, 7, 4096] {
        let sj = run(config(), &bytes, chunk);
        assert_eq!(sj.encoding, Some(Encoding::ShiftJis), "chunk {chunk}");
        assert_eq!(sj.rows, utf8.rows, "chunk {chunk}");
        assert_eq!(sj.headers.as_ref(), Some(&utf8.headers));
    }
}

#[test]
fn an_explicit_encoding_overrides_the_detection() {
    let text = sample();
    let bytes = sjis(&text);
    let mut as_utf8 = config();
    as_utf8.encoding = Some(Encoding::Utf8);
    let wrong = run(as_utf8.clone(), &bytes, 4096);
    assert_eq!(wrong.encoding, Some(Encoding::Utf8));
    // Read in the wrong encoding, no header names a field: refused.
    assert_eq!(wrong.summary.refused, Some(Code::FileHeaderNotFound));
    assert!(wrong.rows.is_empty());
    as_utf8.header_line = Some(1);
    let wrong = run(as_utf8, &bytes, 4096);
    assert_eq!(wrong.rows.len(), 5);
    assert!(wrong.rows.iter().all(|row| has(row, Code::RowEncoding)));

    let mut as_sjis = config();
    as_sjis.encoding = Some(Encoding::ShiftJis);
    let right = run(as_sjis.clone(), &bytes, 4096);
    assert_eq!(right.rows, whole(text.as_bytes()).rows);

    // An explicit UTF-8 still drops the BOM.
    let mut utf8 = config();
    utf8.encoding = Some(Encoding::Utf8);
    let bom = run(utf8, &with_bom(&text), 1);
    assert_eq!(bom.headers.unwrap().columns[0].header, "受付番号");
    assert!(bom.rows.iter().all(|row| !has(row, Code::RowEncoding)));

    assert_eq!(
        Encoding::from_label("Windows-31J"),
        Some(Encoding::ShiftJis)
    );
    assert_eq!(Encoding::from_label("sjis"), Some(Encoding::ShiftJis));
    assert_eq!(Encoding::from_label("cp932"), Some(Encoding::ShiftJis));
    assert_eq!(Encoding::from_label("utf8"), Some(Encoding::Utf8));
    assert_eq!(Encoding::from_label("euc-jp"), None);
}

#[test]
fn invalid_bytes_give_row_encoding_and_the_row_is_still_checked() {
    let head = format!("{HEADER}\r\nA-1,2021-06-03,,,,");
    let rest = ",,,,\r\nA-2,2021-06-03,,,,入院中,,,家庭内,\r\n";
    // 0xFF is invalid in both encodings; 0x82 alone is a cut Shift_JIS
    // character.
    for (bytes, encoding) in [
        (
            [sjis(&head), b"\xFF\x82".to_vec(), sjis(rest)].concat(),
            Encoding::ShiftJis,
        ),
        (
            [head.as_bytes(), b"\xFF\x82", rest.as_bytes()].concat(),
            Encoding::Utf8,
        ),
    ] {
        let mut explicit = config();
        explicit.encoding = Some(encoding);
        // A few bad bytes do not mislead the detection: the UTF-8 file
        // has far fewer invalid sequences as UTF-8 than as Shift_JIS.
        let detected = whole(&bytes);
        assert_eq!(detected.encoding, Some(encoding));
        for report in [detected, audit(explicit, &bytes)] {
            assert_eq!(report.rows.len(), 2);
            let first = &report.rows[0];
            assert_eq!(codes(first)[0], "row.encoding", "{encoding:?}");
            // The row is still checked; the status holds U+FFFD.
            assert!(has(first, Code::PlaceCategoryRequired));
            assert!(has(first, Code::StatusUnknown));
            assert!(!has(&report.rows[1], Code::RowEncoding));
            assert_eq!(report.summary.count(Code::RowEncoding), 1);
        }
    }
}

// --- CSV structure ----------------------------------------------------

#[test]
fn quoted_commas_and_line_breaks_keep_line_numbers_right() {
    let text = [
        "受付番号,診断年月日,現在のステータス,場所区分,場所名称",
        "B-1,2023-06-01,入院中,飲食店,\"店, 本店\"",
        "B-2,2023-06-01,入院中,医療機関,\"架空病院",
        "第2病棟",
        "3階\"",
        "B-3,2023-06-01,入院中,職場,\"株式会社\"\"架空\"\"\"",
        "",
        "B-4,2023-06-01,入院中,家庭内,",
    ]
    .join("\n");
    let report = whole(text.as_bytes());
    let lines: Vec<u64> = report.rows.iter().map(|r| r.row).collect();
    assert_eq!(lines, vec![2, 3, 6, 8]);
    let indexes: Vec<u64> = report.rows.iter().map(|r| r.record_index).collect();
    assert_eq!(indexes, vec![1, 2, 3, 4]);
    assert!(report.rows.iter().all(|row| row
        .findings()
        .all(|f| f.code().severity() == Severity::Info)));
    assert_eq!(report.rows[2].ids, vec!["B-3".to_string()]);

    // The same with CR LF and with a lone CR (old Mac Excel).
    for newline in ["\r\n", "\r"] {
        let other = whole(text.replace('\n', newline).as_bytes());
        let lines: Vec<u64> = other.rows.iter().map(|r| r.row).collect();
        assert_eq!(lines, vec![2, 3, 6, 8], "{newline:?}");
    }
}

#[test]
fn blank_lines_and_empty_rows_are_not_rows() {
    let text = "\n\n受付番号,現在のステータス,場所区分\n\nC-1,入院中,家庭内\n,,\n\r\n,,\nC-2,入院中,家庭内";
    let report = whole(text.as_bytes());
    assert_eq!(report.rows.len(), 2);
    assert_eq!(report.rows[0].row, 5);
    assert_eq!(report.rows[1].row, 9);
    assert_eq!(report.rows[1].record_index, 2);
    assert_eq!(report.summary.rows, 2);
    assert_eq!(report.summary.blank_rows, 2);
}

#[test]
fn a_row_with_another_column_count_gets_the_row_finding_alone() {
    let text = format!(
        "{HEADER}\nD-1,2021-06-03,2021-05-30\nD-2,2021-06-03,,,,入院中,,,家庭内,,extra\nD-3,2021-06-03,,,,入院中,,,家庭内,"
    );
    let report = whole(text.as_bytes());
    assert_eq!(report.rows.len(), 3);
    // Its cells are misplaced: no field finding, no fix from them.
    let short = &report.rows[0];
    assert_eq!(codes(short), vec!["row.columns"]);
    assert_eq!(codes(&report.rows[1]), vec!["row.columns"]);
    assert!(!has(&report.rows[2], Code::RowColumns));
    assert_eq!(report.summary.count(Code::RowColumns), 2);
}

#[test]
fn an_unclosed_quote_at_the_end_is_reported_on_its_row() {
    let text = format!(
        "{HEADER}\nE-1,2021-06-03,,,,入院中,,,家庭内,\nE-2,2021-06-03,,,,入院中,,,職場,\"架空商事"
    );
    for chunk in [1, 2, 4096] {
        let report = run(config(), text.as_bytes(), chunk);
        assert_eq!(report.rows.len(), 2);
        let last = &report.rows[1];
        assert_eq!(last.row, 3);
        assert_eq!(codes(last)[0], "row.quoting");
        assert_eq!(report.summary.count(Code::RowQuoting), 1);
    }
    // With a line break after it, too.
    let report = whole(format!("{text}\r\n").as_bytes());
    assert_eq!(report.rows.len(), 2);
    assert!(has(&report.rows[1], Code::RowQuoting));
}

#[test]
fn the_lines_after_an_unclosed_quote_are_still_rows() {
    let mut text = format!("{HEADER}\nF-1,2021-06-03,,,,入院中,,,職場,\"架空商事\n");
    for i in 2..=5 {
        text.push_str(&format!("F-{i},2021-06-03,,,,入院中,,,家庭内,\n"));
    }
    let report = whole(text.as_bytes());
    assert_eq!(report.rows.len(), 5, "rows in = rows reported");
    assert_eq!(report.rows[0].row, 2);
    assert_eq!(codes(&report.rows[0])[0], "row.quoting");
    let ids: Vec<&str> = report.rows.iter().map(|r| r.ids[0].as_str()).collect();
    assert_eq!(ids, vec!["F-1", "F-2", "F-3", "F-4", "F-5"]);
    let lines: Vec<u64> = report.rows.iter().map(|r| r.row).collect();
    assert_eq!(lines, vec![2, 3, 4, 5, 6]);
    assert!(report.rows[1..]
        .iter()
        .all(|row| !has(row, Code::RowQuoting)));
}

#[test]
fn a_stray_quote_closed_by_a_later_cell_does_not_swallow_rows() {
    let text = [
        "受付番号,診断年月日,現在のステータス,場所区分,場所名称",
        "S-1,2023-06-01,\"入院中,家庭内,",
        "S-2,2023-06-01,入院中,家庭内,",
        "S-3,2023-06-01,入院中,医療機関,\"架空病院",
        "第2病棟\"",
        "S-4,2023-06-01,入院中,家庭内,",
    ]
    .join("\r\n");
    for chunk in [1, 5, 4096] {
        let report = run(config(), text.as_bytes(), chunk);
        let ids: Vec<&str> = report.rows.iter().map(|r| r.ids[0].as_str()).collect();
        assert_eq!(ids, vec!["S-1", "S-2", "S-3", "S-4"], "chunk {chunk}");
        let lines: Vec<u64> = report.rows.iter().map(|r| r.row).collect();
        assert_eq!(lines, vec![2, 3, 4, 6]);
        assert!(has(&report.rows[0], Code::RowQuoting));
        assert!(report.rows[1..].iter().all(|r| !r.has_errors()));
    }
    // A real multi-line cell in a row with a wrong field count stays one
    // row (no comma after its first line).
    let text = "受付番号,現在のステータス,場所区分,場所名称\nS-1,入院中,医療機関,\"架空病院\n第2病棟\",余分\nS-2,入院中,家庭内,\n";
    let report = whole(text.as_bytes());
    assert_eq!(report.rows.len(), 2);
    assert_eq!(codes(&report.rows[0])[0], "row.columns");
    assert!(!has(&report.rows[0], Code::RowQuoting));
    assert_eq!(report.rows[1].row, 4);
}

#[test]
fn a_quote_that_swallows_too_many_lines_is_cut_whatever_the_chunking() {
    let mut text = format!("{HEADER}\nG-0,2021-06-03,,,,入院中,,,職場,\"架空商事\n");
    let n = MAX_QUOTED_LINE_BREAKS as usize + 50;
    for i in 1..=n {
        text.push_str(&format!("G-{i},2021-06-03,,,,入院中,,,家庭内,\n"));
    }
    // A second stray quote, which would have closed the first one.
    text.push_str("G-end,2021-06-03,,,,入院中,,,家庭内,\"\n");
    let reference = run(config(), text.as_bytes(), 1 << 20);
    assert_eq!(reference.rows.len(), n + 2);
    assert!(has(&reference.rows[0], Code::RowQuoting));
    assert!(has(reference.rows.last().unwrap(), Code::RowQuoting));
    for chunk in [1, 3, 7, 4096] {
        assert_eq!(
            run(config(), text.as_bytes(), chunk),
            reference,
            "chunk {chunk}"
        );
    }
}

// --- too-long rows ----------------------------------------------------

/// The cap of the too-long tests: the header and the normal rows fit.
const CAP: usize = 256;

/// Audits with the small cap, the same for every chunk size.
fn capped(data: &[u8]) -> Outcome {
    let reference = run_capped(config(), CAP, data, &[data.len().max(1)]);
    for chunk in [1, 2, 3, 7, 64, 4096] {
        assert_eq!(
            run_capped(config(), CAP, data, &[chunk]),
            reference,
            "chunk {chunk}"
        );
    }
    reference
}

fn normal(id: &str) -> String {
    format!("{id},2021-06-03,,,,入院中,,,家庭内,自宅\n")
}

fn assert_too_long(row: &RowResult, line: u64) {
    assert_eq!(row.row, line);
    assert_eq!(codes(row), vec!["row.too_long"]);
    assert_eq!(row.row_codes, vec![Code::RowTooLong]);
    assert!(row.issues.is_empty());
    assert_eq!(Code::RowTooLong.severity(), Severity::Error);
    assert_eq!(row.ids, vec![String::new()]);
}

#[test]
fn a_giant_row_is_reported_once_and_the_next_rows_normally() {
    let giant = format!("X-1,2021-06-03,,,,入院中,,,家庭内,{}\n", "長".repeat(2000));
    let text = format!("{HEADER}\n{}{giant}{}", normal("A-1"), normal("A-2"));
    let report = capped(text.as_bytes());
    assert_eq!(report.rows.len(), 3, "rows in = rows reported");
    assert!(report.rows[0].issues.is_empty());
    assert_too_long(&report.rows[1], 3);
    assert_eq!(report.rows[1].record_index, 2);
    assert_eq!(report.rows[2].row, 4);
    assert_eq!(report.rows[2].record_index, 3);
    assert_eq!(report.rows[2].ids, vec!["A-2".to_string()]);
    assert!(report.rows[2].issues.is_empty());
    assert_eq!(report.summary.rows, 3);
    assert_eq!(report.summary.rows_with_errors, 1);
    assert_eq!(report.summary.count(Code::RowTooLong), 1);
    // Under the real cap the same row is an ordinary one.
    let plain = whole(text.as_bytes());
    assert_eq!(plain.rows.len(), 3);
    assert!(!has(&plain.rows[1], Code::RowTooLong));
}

#[test]
fn a_giant_quoted_cell_over_many_lines_is_one_too_long_row() {
    let mut text = format!("{HEADER}\r\nX-1,2021-06-03,,,,入院中,,,職場,\"架空");
    for _ in 0..30 {
        text.push_str(&"工場, 第二棟".repeat(20));
        text.push_str("\r\n");
    }
    text.push_str("\"\r\n");
    text.push_str(&normal("A-1"));
    let report = capped(text.as_bytes());
    assert_eq!(report.rows.len(), 2);
    assert_too_long(&report.rows[0], 2);
    assert_eq!(report.rows[1].row, 33);
    assert!(report.rows[1].issues.is_empty());
}

#[test]
fn a_giant_row_at_the_end_without_a_line_break_is_reported() {
    let text = format!("{HEADER}\n{}X-1,{}", normal("A-1"), "9".repeat(10_000));
    let report = capped(text.as_bytes());
    assert_eq!(report.rows.len(), 2);
    assert_too_long(&report.rows[1], 3);
    // In Shift_JIS, too.
    let report = capped(&sjis(&text));
    assert_eq!(report.encoding, Some(Encoding::ShiftJis));
    assert_too_long(&report.rows[1], 3);
}

#[test]
fn many_giant_rows_keep_every_line_number() {
    let mut text = format!("{HEADER}\n");
    let mut line = 2;
    let mut expected = Vec::new();
    for i in 0..30 {
        if i % 2 == 0 {
            text.push_str(&format!(
                "G-{i},\"{}\n{}\"\n",
                "a".repeat(300 + i),
                "b".repeat(i)
            ));
            expected.push((line, true));
            line += 2;
        } else {
            text.push_str(&format!("G-{i},{}\n", "c".repeat(CAP + i)));
            expected.push((line, true));
            line += 1;
        }
        text.push_str(&normal(&format!("N-{i}")));
        expected.push((line, false));
        line += 1;
    }
    let report = capped(text.as_bytes());
    let got: Vec<(u64, bool)> = report
        .rows
        .iter()
        .map(|row| (row.row, has(row, Code::RowTooLong)))
        .collect();
    assert_eq!(got, expected);
    let indexes: Vec<u64> = report.rows.iter().map(|row| row.record_index).collect();
    assert_eq!(indexes, (1..=60).collect::<Vec<u64>>());
    assert_eq!(report.summary.count(Code::RowTooLong), 30);
    assert!(report
        .rows
        .iter()
        .filter(|row| !has(row, Code::RowTooLong))
        .all(|row| row.issues.is_empty()));
}

#[test]
fn a_too_long_header_refuses_the_file() {
    let text = format!("{HEADER},{}\n{}", "列".repeat(200), normal("A-1"));
    let report = capped(text.as_bytes());
    assert_eq!(report.summary.refused, Some(Code::FileHeaderUnterminated));
    assert!(report.rows.is_empty());
    assert_eq!(report.summary.rows, 0);
}

#[test]
fn a_header_line_that_never_ends_refuses_the_file() {
    // One line of 100 KB: the rows were joined by a separator CSV does not
    // know (here none at all).
    let mut text = HEADER.to_string();
    while text.len() <= DETECTION_WINDOW {
        text.push_str(",A-1,2021-06-03,,,,入院中,,,家庭内,");
    }
    for chunk in [7, 4096, text.len()] {
        let outcome = run(config(), text.as_bytes(), chunk);
        assert_eq!(outcome.summary.refused, Some(Code::FileHeaderUnterminated));
        assert!(outcome.rows.is_empty());
    }
    // Rows separated by U+2028 (LINE SEPARATOR): short, but refused too.
    let text = [HEADER, normal("A-1").trim_end(), normal("A-2").trim_end()].join("\u{2028}");
    assert_eq!(
        whole(text.as_bytes()).summary.refused,
        Some(Code::FileHeaderUnterminated)
    );
    // A header-only file without a final line break is an empty file.
    let report = whole(HEADER.as_bytes());
    assert_eq!(report.summary.refused, None);
    assert_eq!(report.summary.rows, 0);
    // The same long header followed by a line break and rows is a file.
    let text = format!("{HEADER},{}\n{}\n", "備考".repeat(40_000), normal("A-1"));
    let report = whole(text.as_bytes());
    assert_eq!(report.summary.refused, None);
    assert_eq!(report.rows.len(), 1);
}

#[test]
fn binary_files_are_refused_without_rows() {
    let gzip = b"\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03\x01\x02".to_vec();
    let xlsx = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml".to_vec();
    let mut nul = sample().into_bytes();
    nul[40] = 0;
    for data in [gzip, xlsx, nul] {
        for chunk in [1, 5, data.len()] {
            let outcome = run(config(), &data, chunk);
            assert_eq!(outcome.summary.refused, Some(Code::FileBinary));
            assert!(outcome.rows.is_empty());
            assert_eq!(outcome.summary.rows, 0);
        }
        let mut explicit = config();
        explicit.encoding = Some(Encoding::Utf8);
        assert_eq!(
            audit(explicit, &data).summary.refused,
            Some(Code::FileBinary)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_split_gives_the_same_results_with_too_long_rows(
        sizes in prop::collection::vec(1usize..40, 1..12),
        sjis in any::<bool>(),
        cap in 200usize..400,
    ) {
        let encoding = if sjis { Encoding::ShiftJis } else { Encoding::Utf8 };
        let mut data = tricky(encoding);
        data.extend_from_slice(b"\"\r\nT-6,");
        data.extend(std::iter::repeat_n(b'7', 500));
        data.extend_from_slice(b"\r\nT-7,2021-06-04\r\n");
        let reference = run_capped(config(), cap, &data, &[data.len()]);
        prop_assert_eq!(reference.rows.len(), 7);
        prop_assert_eq!(run_capped(config(), cap, &data, &sizes), reference);
    }
}

/// An auditor that keeps failing rows only returns exactly the failing
/// rows of a full audit (ids included) and the same summary, whatever the
/// chunking.
#[test]
fn keeping_failing_rows_only_drops_clean_rows_and_still_counts_them() {
    let mut giant = tricky(Encoding::Utf8);
    giant.extend_from_slice(b"T-6,");
    giant.extend(std::iter::repeat_n(b'7', 500));
    giant.extend_from_slice(b"\r\n");
    let mut clean_rows = 0;
    for (data, cap) in [
        (sample().into_bytes(), MAX_ROW_BYTES),
        (tricky(Encoding::Utf8), MAX_ROW_BYTES),
        (tricky(Encoding::ShiftJis), MAX_ROW_BYTES),
        (giant, 300),
    ] {
        let reference = run_capped(config(), cap, &data, &[data.len()]);
        let failing: Vec<RowResult> = reference
            .rows
            .iter()
            .filter(|row| row.is_failing())
            .cloned()
            .collect();
        assert!(!failing.is_empty());
        clean_rows += reference.rows.len() - failing.len();
        for chunk in [1, 7, 4096] {
            let mut auditor = Auditor::with_max_row_bytes(config(), cap);
            auditor.keep_failing_rows_only();
            let mut rows = Vec::new();
            for piece in data.chunks(chunk) {
                auditor.push_into(piece, &mut rows);
            }
            auditor.finish_into(&mut rows);
            assert_eq!(rows, failing, "chunk {chunk}");
            assert_eq!(auditor.summary(), &reference.summary, "chunk {chunk}");
        }
    }
    assert!(
        clean_rows > 0,
        "some rows must be clean for the test to mean anything"
    );
}

// --- UTF-16 and tabs ---------------------------------------------------

#[test]
fn utf16_with_a_bom_and_tabs_give_the_same_rows_as_utf8_csv() {
    let reference = whole(sample().as_bytes());
    for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
        // Tab-separated, as Excel's 「Unicode テキスト」 writes it.
        let tsv = sample()
            .replace(",", "\t")
            .replace("\"居酒屋 みなと\t 駅前店\"", "\"居酒屋 みなと, 駅前店\"");
        let data = utf16(&tsv, encoding);
        for chunk in [1, 3, 4096] {
            let outcome = run(config(), &data, chunk);
            assert_eq!(outcome.encoding, Some(encoding));
            assert_eq!(outcome.rows, reference.rows, "{encoding:?} chunk {chunk}");
            assert_eq!(outcome.summary.counts, reference.summary.counts);
        }
        // Comma-separated UTF-16 too; the BOM wins over an explicit encoding.
        let mut explicit = config();
        explicit.encoding = Some(Encoding::ShiftJis);
        let report = audit(explicit, &utf16(&sample(), encoding));
        assert_eq!(report.encoding, Some(encoding));
        assert_eq!(report.rows, reference.rows);
    }
    // Tab-separated UTF-8 and Shift_JIS: the delimiter comes from the header
    // line, whatever the encoding.
    let tsv = sample()
        .replace(",", "\t")
        .replace("みなと\t 駅前店", "みなと, 駅前店");
    assert_eq!(whole(tsv.as_bytes()).rows, reference.rows);
    assert_eq!(whole(&sjis(&tsv)).rows, reference.rows);
}

#[test]
fn a_lone_surrogate_in_utf16_gives_row_encoding() {
    let mut data = utf16(&sample(), Encoding::Utf16Le);
    // The first code unit of A-3's ID: a lone high surrogate.
    let at = data
        .windows(6)
        .position(|w| w == [b'A', 0, b'-', 0, b'3', 0])
        .unwrap();
    data[at..at + 2].copy_from_slice(&0xD800u16.to_le_bytes());
    let report = whole(&data);
    assert_eq!(report.rows.len(), 5);
    assert!(has(&report.rows[2], Code::RowEncoding));
    assert_eq!(report.rows[2].ids, vec!["\u{FFFD}-3".to_string()]);
    assert!(
        report
            .rows
            .iter()
            .filter(|r| has(r, Code::RowEncoding))
            .count()
            == 1
    );
}

// --- headers ----------------------------------------------------------

#[test]
fn identifying_columns_are_never_unmapped_and_can_be_named() {
    let text = "受付番号,HER-SYS ID,管理コード,現在のステータス,場所区分,備考\nA-1,H-9,K-1,入院中,家庭内,メモ\n";
    let report = whole(text.as_bytes());
    let ids: Vec<&str> = report
        .headers
        .id_columns()
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(ids, vec!["受付番号", "HER-SYS ID"]);
    // 管理コード and 備考: unmapped, counted; the identifying columns are not.
    assert_eq!(report.summary.count(Code::HeaderUnmapped), 2);
    assert_eq!(report.headers.unmapped().count(), 2);
    assert_eq!(
        report.rows[0].ids,
        vec!["A-1".to_string(), "H-9".to_string()]
    );
    // The caller's own list replaces the built-in one.
    let mut own = config();
    own.id_columns = Some(vec!["管理コード".to_string()]);
    let report = audit(own, text.as_bytes());
    assert_eq!(report.rows[0].ids, vec!["K-1".to_string()]);
    assert_eq!(report.summary.count(Code::HeaderUnmapped), 3);
    let mut none = config();
    none.id_columns = Some(Vec::new());
    let report = audit(none, text.as_bytes());
    assert!(report.rows[0].ids.is_empty());
    assert_eq!(report.summary.count(Code::HeaderUnmapped), 4);
}

#[test]
fn japanese_headers_in_every_spelling_map() {
    let text = "整理番号,診断年月日,入国年月日,パスポート番号(旅券番号),現在の ステータス,場所区分,備考,電話番号\n\
                H-1,2021-06-03,2021-06-01,,入院中,家庭内,メモ,000-0000-0000\n";
    let report = whole(text.as_bytes());
    let fields: Vec<Option<FieldKey>> = report.headers.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![
            None,
            Some(FieldKey::DiagnosisDate),
            Some(FieldKey::EntryDate),
            Some(FieldKey::PassportNumber),
            Some(FieldKey::Status),
            Some(FieldKey::PlaceCategory),
            None,
            None
        ]
    );
    assert!(has(&report.rows[0], Code::PassportRequired));
    // 整理番号 identifies the record; 備考 and the phone number do not.
    let ids: Vec<&str> = report
        .headers
        .id_columns()
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(ids, vec!["整理番号"]);
    assert_eq!(report.rows[0].ids, vec!["H-1".to_string()]);
    // 整理番号 is identifying: not counted.
    assert_eq!(report.summary.count(Code::HeaderUnmapped), 2);

    // Full-width headers.
    let text =
        "ＩＤ,パスポート番号（旅券番号）,ｄｉａｇｎｏｓｉｓＤａｔｅ\nx,TK1234567,2021-06-03\n";
    let report = whole(text.as_bytes());
    assert_eq!(
        report.headers.columns[1].field,
        Some(FieldKey::PassportNumber)
    );
    assert_eq!(
        report.headers.columns[2].field,
        Some(FieldKey::DiagnosisDate)
    );
    assert!(report.headers.columns[0].identifying);
}

#[test]
fn english_keys_map() {
    let keys: Vec<&str> = FieldKey::ALL.iter().map(|f| f.as_str()).collect();
    let text = format!("caseId,{}\n", keys.join(","));
    let report = whole(text.as_bytes());
    for (column, field) in report.headers.columns[1..].iter().zip(FieldKey::ALL) {
        assert_eq!(column.field, Some(*field), "{}", column.header);
    }
    // caseId identifies the record: it is not unmapped.
    assert_eq!(report.headers.unmapped().count(), 0);
    assert!(report.headers.columns[0].identifying);
    assert!(report.rows.is_empty());
}

#[test]
fn explicit_mapping_comes_first_and_duplicates_are_unmapped() {
    let text = "No,確定日,診断年月日,状態,現在のステータス,場所区分\n1,2021-06-03,2021-06-05,入院中,療養解除,家庭内\n";
    let mut config = config();
    config.mapping = vec![
        ("確定日".to_string(), FieldKey::DiagnosisDate),
        ("状態".to_string(), FieldKey::Status),
    ];
    let report = audit(config, text.as_bytes());
    let columns = &report.headers.columns;
    assert_eq!(columns[1].field, Some(FieldKey::DiagnosisDate));
    assert_eq!(columns[2].field, None);
    assert_eq!(columns[2].duplicate_of, Some(FieldKey::DiagnosisDate));
    assert_eq!(columns[3].field, Some(FieldKey::Status));
    assert_eq!(columns[4].duplicate_of, Some(FieldKey::Status));
    let unmapped: Vec<&str> = report
        .headers
        .unmapped()
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(unmapped, vec!["診断年月日", "現在のステータス"]);
    assert_eq!(report.summary.count(Code::HeaderUnmapped), 2);
    assert_eq!(report.rows[0].ids, vec!["1".to_string()]);
    // Without the mapping, 確定日 is an alias of 診断年月日 (first column
    // wins, shown as an alias) and 状態 maps to nothing: it is named.
    let plain = whole(text.as_bytes());
    let columns = &plain.headers.columns;
    assert_eq!(columns[1].field, Some(FieldKey::DiagnosisDate));
    assert!(columns[1].alias);
    assert_eq!(columns[2].duplicate_of, Some(FieldKey::DiagnosisDate));
    assert_eq!(columns[3].field, None);
    assert_eq!(columns[3].looks_like, Some(Lookalike::Status));
    assert_eq!(columns[4].field, Some(FieldKey::Status));
    assert!(!columns[4].alias);
}

// --- chunking ---------------------------------------------------------

/// A file with every hard case: BOM, multi-byte text, quoted commas and
/// line breaks, CR LF, a short row, invalid bytes, blank lines, and an
/// unclosed quote at the end.
fn tricky(encoding: Encoding) -> Vec<u8> {
    let text = [
        "受付番号,報告年月日,診断年月日,入国日,パスポート番号(旅券番号),現在のステータス,死亡日付,死亡場所,場所区分,場所名称",
        "T-1,2021-06-04,2021-06-03,2021-05-30,ＴＫ１２３４５６７,入院中,,,飲食店,\"居酒屋, 駅前\"",
        "T-2,R3.6.4,令和3年6月3日,,,死亡,,,職場,\"架空工業\r\n第二工場\"",
        "",
        "T-3,2021-06-04,2021-02-30,,,,,,,",
        "T-4,2021-06-04",
        ",,,,,,,,,",
        "T-5,2031-06-04,2021-06-03,,,療養解除,,,場所種別不明,\"未閉鎖",
    ]
    .join("\r\n");
    match encoding {
        Encoding::Utf8 => with_bom(&text),
        Encoding::ShiftJis => sjis(&text),
        // Excel's 「Unicode テキスト」: tab-separated UTF-16 with a BOM.
        Encoding::Utf16Le | Encoding::Utf16Be => utf16(&text.replace(',', "\t"), encoding),
    }
}

/// `text` in UTF-16 with its BOM.
fn utf16(text: &str, encoding: Encoding) -> Vec<u8> {
    let mut bytes = Vec::new();
    for unit in std::iter::once(0xFEFF).chain(text.encode_utf16()) {
        match encoding {
            Encoding::Utf16Be => bytes.extend_from_slice(&unit.to_be_bytes()),
            _ => bytes.extend_from_slice(&unit.to_le_bytes()),
        }
    }
    bytes
}

#[test]
fn chunk_sizes_do_not_change_the_results() {
    for encoding in Encoding::ALL {
        let data = tricky(encoding);
        let reference = run(config(), &data, data.len());
        assert_eq!(reference.encoding, Some(encoding));
        assert_eq!(reference.rows.len(), 5);
        for chunk in [1, 2, 3, 7, 4096] {
            assert_eq!(
                run(config(), &data, chunk),
                reference,
                "{encoding:?} chunk {chunk}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_split_gives_the_same_results(
        sizes in prop::collection::vec(1usize..40, 1..12),
        which in 0usize..4,
    ) {
        let encoding = Encoding::ALL[which];
        let data = tricky(encoding);
        let reference = run(config(), &data, data.len());
        prop_assert_eq!(run_sizes(config(), &data, &sizes), reference);
    }
}

// --- totals and messages ----------------------------------------------

#[test]
fn the_summary_counts_every_code_in_code_order() {
    let data = tricky(Encoding::Utf8);
    let report = whole(&data);
    let mut expected = vec![0u64; Code::ALL.len()];
    expected[Code::HeaderUnmapped as usize] = report.headers.unmapped().count() as u64;
    expected[Code::HeaderMissing as usize] = report.headers.missing_columns().len() as u64;
    expected[Code::HeaderUnrecognised as usize] = report.headers.lookalikes().count() as u64;
    for row in &report.rows {
        for finding in row.findings() {
            expected[finding.code() as usize] += 1;
        }
    }
    let expected: Vec<(Code, u64)> = Code::ALL
        .iter()
        .copied()
        .zip(expected)
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(report.summary.counts, expected);
    assert_eq!(report.summary.rows, 5);
    assert_eq!(report.summary.blank_rows, 1);
    assert_eq!(
        report.summary.rows_with_errors,
        report.rows.iter().filter(|r| r.has_errors()).count() as u64
    );
    assert_eq!(
        report.summary.rows_with_warnings,
        report.rows.iter().filter(|r| r.has_warnings()).count() as u64
    );
    assert_eq!(report.summary.bytes, data.len() as u64);
    for code in [
        Code::PassportHalfwidth,
        Code::DeathDateRequired,
        Code::DeathPlaceRequired,
        Code::DateImpossible,
        Code::StatusRequired,
        Code::PlaceCategoryRequired,
        Code::RowColumns,
        Code::RowQuoting,
    ] {
        assert!(report.summary.count(code) > 0, "{}", code.as_str());
    }
    // The fix of the full-width passport is its half-width form.
    let halfwidth = report.rows[0]
        .issues
        .iter()
        .find(|i| i.code == Code::PassportHalfwidth)
        .unwrap();
    assert_eq!(halfwidth.fix.as_deref(), Some("TK1234567"));
    assert_eq!(halfwidth.field, FieldKey::PassportNumber);
}

#[test]
fn messages_never_contain_cell_values() {
    let canary = "ZQXJ";
    let keys: Vec<&str> = FieldKey::ALL.iter().map(|f| f.as_str()).collect();
    let values: Vec<String> = (0..keys.len()).map(|i| format!("{canary}{i}")).collect();
    let text = format!(
        "{}\n{}\n{}\n",
        keys.join(","),
        values.join(","),
        values[..3].join(",")
    );
    let report = whole(text.as_bytes());
    let findings: Vec<Finding> = report.rows.iter().flat_map(|r| r.findings()).collect();
    assert!(findings.len() > 10);
    assert!(findings.iter().any(|f| matches!(f, Finding::Row(_))));
    for lang in [Lang::Ja, Lang::En] {
        let mut messages = Messages::new(lang);
        for finding in &findings {
            let message = finding.message(&mut messages);
            assert!(!message.contains(canary), "{message}");
            assert!(!message.is_empty());
            // The cache gives what the core renders.
            match finding {
                Finding::Row(code) => assert_eq!(message, code.message(lang)),
                Finding::Duplicate(line) => assert!(message.contains(&line.to_string())),
                Finding::Field(issue) => assert_eq!(message, issue.message(lang)),
            }
        }
    }
}

// --- generated files --------------------------------------------------

// The generator of examples/gen_cases.rs, compiled in: its `main` is the
// example's, unused here.
#[allow(dead_code)]
#[path = "../examples/gen_cases.rs"]
mod gen_cases;

/// What `gen_cases ARGS` writes to standard output.
fn generate(args: &[&str]) -> Vec<u8> {
    let args =
        gen_cases::parse_args(args.iter().map(|arg| arg.to_string())).expect("gen_cases arguments");
    let mut out = Vec::new();
    gen_cases::generate(&args, &mut out).expect("gen_cases writes");
    out
}

#[test]
fn generated_files_audit_the_same_in_both_encodings() {
    let utf8 = generate(&["--rows", "2000", "--encoding", "utf-8", "--seed", "7"]);
    let bom = generate(&[
        "--rows",
        "2000",
        "--encoding",
        "utf-8",
        "--bom",
        "--seed",
        "7",
    ]);
    let sjis = generate(&["--rows", "2000", "--encoding", "shift_jis", "--seed", "7"]);
    assert_eq!(&bom[3..], &utf8[..]);
    assert_ne!(sjis, utf8);

    let a = run(config(), &utf8, 64 * 1024);
    let b = run(config(), &bom, 4096);
    let c = run(config(), &sjis, 1000);
    assert_eq!(a.encoding, Some(Encoding::Utf8));
    assert_eq!(c.encoding, Some(Encoding::ShiftJis));
    assert_eq!(a.rows.len(), 2000, "rows in = rows reported");
    assert_eq!(a.rows, b.rows);
    assert_eq!(a.rows, c.rows);
    let without_bytes = |s: &Summary| Summary {
        bytes: 0,
        ..s.clone()
    };
    assert_eq!(without_bytes(&a.summary), without_bytes(&b.summary));
    assert_eq!(without_bytes(&a.summary), without_bytes(&c.summary));
    assert_eq!(a.summary.bytes, utf8.len() as u64);
    assert_eq!(c.summary.bytes, sjis.len() as u64);

    // Every kind of planted defect shows up.
    for code in [
        Code::PassportRequired,
        Code::PassportHalfwidth,
        Code::StatusRequired,
        Code::PlaceCategoryRequired,
        Code::DateFuture,
        Code::RowColumns,
    ] {
        assert!(a.summary.count(code) > 0, "{}", code.as_str());
    }
    assert!(
        a.summary.count(Code::DeathDateRequired) + a.summary.count(Code::DeathPlaceRequired) > 0
    );
    assert!(a.summary.count(Code::DateImpossible) + a.summary.count(Code::DateOutsideEra) > 0);
    // About a tenth of the rows carry a defect; all others are clean.
    let errors = a.summary.rows_with_errors;
    assert!((100..=320).contains(&errors), "{errors}");
    // The ID column names each row, and the rows are in order.
    let headers = a.headers.as_ref().unwrap();
    assert_eq!(headers.id_columns().count(), 1);
    assert_eq!(headers.columns.len(), 1 + FieldKey::ALL.len());
    assert!(headers.columns[1..].iter().all(|c| c.field.is_some()));
    assert!(a.rows.windows(2).all(|w| w[0].row < w[1].row));
    assert!(a
        .rows
        .iter()
        .all(|r| r.ids.len() == 1 && !r.ids[0].is_empty()));
}

#[test]
fn generated_clean_files_have_no_errors_or_warnings() {
    for headers in ["ja", "en"] {
        let data = generate(&[
            "--rows",
            "3000",
            "--defects",
            "0",
            "--seed",
            "11",
            "--headers",
            headers,
            "--lf",
        ]);
        let report = whole(&data);
        assert_eq!(report.rows.len(), 3000);
        let bad: Vec<_> = report
            .rows
            .iter()
            .filter(|r| r.has_errors() || r.has_warnings())
            .map(|r| (r.row, codes(r)))
            .take(5)
            .collect();
        assert!(bad.is_empty(), "{headers}: {bad:?}");
        // The ID column (受付番号 or caseId) is identifying, not unmapped.
        assert_eq!(report.summary.count(Code::HeaderUnmapped), 0);
    }
}

#[test]
fn a_generated_broken_quote_is_reported_on_the_last_row() {
    for encoding in ["utf-8", "shift_jis"] {
        let data = generate(&[
            "--rows",
            "500",
            "--encoding",
            encoding,
            "--broken-quote",
            "--seed",
            "3",
        ]);
        let report = whole(&data);
        assert_eq!(report.rows.len(), 500, "{encoding}");
        let last = report.rows.last().unwrap();
        assert!(has(last, Code::RowQuoting), "{encoding}");
        assert_eq!(report.summary.count(Code::RowQuoting), 1);
    }
}

#[test]
fn chunks_around_the_detection_window_do_not_change_the_results() {
    for encoding in ["utf-8", "shift_jis"] {
        let data = generate(&["--rows", "1000", "--encoding", encoding, "--seed", "9"]);
        assert!(data.len() > 2 * DETECTION_WINDOW);
        let reference = run(config(), &data, data.len());
        assert_eq!(reference.rows.len(), 1000);
        for sizes in [
            vec![1],
            vec![3],
            vec![DETECTION_WINDOW - 1],
            vec![DETECTION_WINDOW],
            vec![DETECTION_WINDOW + 1],
            vec![5, DETECTION_WINDOW * 2, 17],
        ] {
            assert_eq!(
                run_sizes(config(), &data, &sizes),
                reference,
                "{encoding} {sizes:?}"
            );
        }
    }
}

#[test]
fn only_the_first_64_kib_decide_the_encoding() {
    // ASCII rows fill the window; Shift_JIS text comes after it.
    let mut text = String::from("受付番号,現在のステータス,場所区分\n");
    while text.len() < DETECTION_WINDOW {
        text.push_str("X-1,,\n");
    }
    let mut data = text.into_bytes();
    data.extend_from_slice(&sjis("X-2,入院中,家庭内\n"));
    let report = whole(&data);
    assert_eq!(report.encoding, Some(Encoding::Utf8));
    assert!(has(report.rows.last().unwrap(), Code::RowEncoding));
    // Told the encoding, the last row reads well (the header, UTF-8 here,
    // turns into unmapped garbage, which does not matter to it).
    let mut explicit = config();
    explicit.encoding = Some(Encoding::ShiftJis);
    explicit.header_line = Some(1);
    let told = audit(explicit, &data);
    assert_eq!(told.encoding, Some(Encoding::ShiftJis));
    assert!(!has(told.rows.last().unwrap(), Code::RowEncoding));
}

#[test]
fn the_generator_is_deterministic_for_a_seed() {
    let a = generate(&["--rows", "300", "--seed", "5"]);
    let b = generate(&["--rows", "300", "--seed", "5"]);
    let c = generate(&["--rows", "300", "--seed", "6"]);
    assert_eq!(a, b);
    assert_ne!(a, c);
}

// --- the revised rules (issue 9): the audit agrees with validate -------------

#[test]
fn the_audit_agrees_with_validate_on_the_revised_rules() {
    use hersys_validator::{validate, Record};
    use FieldKey::*;
    let columns = [
        DiagnosisDate,
        Status,
        PlaceCategory,
        PlaceName,
        CaseType,
        DeathDate,
        DeathPlace,
        BirthDate,
        Age,
        EntryDate,
        InfectionRegion,
        Country,
        OnsetDate,
        Nationality,
        PassportNumber,
        Sex,
    ];
    let rows: &[[&str; 16]] = &[
        [
            "2023-06-01",
            "入院中",
            "",
            "駅前の店",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "",
            "入院中",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "2023-06-01",
            "入院中",
            "飲食店",
            "店",
            "",
            "",
            "",
            "",
            "",
            "",
            "国外",
            "フィリピン",
            "",
            "",
            "",
            "",
        ],
        [
            "2023-06-01",
            "入院中",
            "飲食店",
            "店",
            "感染症死亡者の死体",
            "2023-05-31",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "2023-06-01",
            "入院中",
            "飲食店",
            "店",
            "",
            "",
            "",
            "2023-03-01",
            "2か月",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "2023-06-01",
            "入院中",
            "飲食店",
            "店",
            "",
            "",
            "",
            "",
            "",
            "2023-05-04",
            "国外",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "2023-06-01",
            "入院･療養等調整中",
            "学校･教育施設",
            "店",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "不詳",
        ],
        [
            "2023-06-01",
            "療養中",
            "飲食店",
            "店",
            "",
            "",
            "",
            "1899-12-31",
            "",
            "",
            "",
            "",
            "2023年5月30日（月）",
            "",
            "",
            "",
        ],
        [
            "2023-06-01",
            "入院中",
            "飲食店",
            "店",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "日本国籍",
            "L898902C3",
            "",
        ],
    ];
    let header: Vec<&str> = columns.iter().map(|f| f.info().ja).collect();
    let mut text = header.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(&row.join(","));
    }
    for bytes in [text.clone().into_bytes(), sjis(&text)] {
        let report = whole(&bytes);
        assert_eq!(report.rows.len(), rows.len());
        for (row, result) in rows.iter().zip(&report.rows) {
            let record = Record::from_pairs(columns.iter().copied().zip(row.iter().copied()));
            // The audit's issues are the core's, as they are.
            let expected = validate(&record, &options());
            let found = result.issues.clone();
            assert!(result.row_codes.is_empty(), "{row:?}");
            assert_eq!(found, expected, "{row:?}");
            assert!(!found.is_empty(), "{row:?} exercises no rule");
        }
    }
}

// --- files in the shape of public case lists -------------------------------

/// The verdict of one file, as tests/fixtures/public-lists/expected.json
/// holds it (the CLI's and the pages' tests read the same file).
fn verdict(report: &AuditReport) -> serde_json::Value {
    let header = &report.headers;
    let counts: serde_json::Map<String, serde_json::Value> = report
        .summary
        .counts
        .iter()
        .map(|(code, n)| (code.as_str().to_string(), (*n).into()))
        .collect();
    serde_json::json!({
        "encoding": report.encoding.map(|e| e.label()),
        "refused": report.summary.refused.map(|c| c.as_str()),
        "headerLine": header.line,
        "rows": report.summary.rows,
        "rowsWithErrors": report.summary.rows_with_errors,
        "rowsWithWarnings": report.summary.rows_with_warnings,
        "blankRows": report.summary.blank_rows,
        "missing": header.missing_columns().iter().map(|m| m.field.as_str()).collect::<Vec<_>>(),
        "aliases": header.columns.iter().filter(|c| c.alias)
            .map(|c| format!("{} → {}", c.header, c.field.map_or("", |f| f.as_str())))
            .collect::<Vec<_>>(),
        "lookalikes": header.lookalikes().map(|c| c.header.clone()).collect::<Vec<_>>(),
        "counts": counts,
    })
}

#[test]
fn public_list_shaped_files_give_their_expected_verdicts() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/public-lists");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    names.sort();
    assert!(names.len() >= 7);
    let config = || AuditConfig::new(Options::new(NaiveDate::from_ymd_opt(2021, 7, 1).unwrap()));
    let mut got = serde_json::Map::new();
    for name in &names {
        let data = std::fs::read(dir.join(name)).unwrap();
        let report = audit(config(), &data);
        // Any chunking and any segment size give the same verdict.
        for chunk in [1, 7, 4096] {
            let chunked = run(config(), &data, chunk);
            assert_eq!(chunked.rows, report.rows, "{name} chunk {chunk}");
            assert_eq!(chunked.summary, report.summary, "{name} chunk {chunk}");
        }
        for segment in [16, 100, 333] {
            let parts =
                hersys_validator::audit::parallel::audit_in_segments(config(), &data, segment);
            assert_eq!(parts, report, "{name} segment {segment}");
        }
        got.insert(name.clone(), verdict(&report));
    }
    let got = serde_json::to_string_pretty(&serde_json::Value::Object(got)).unwrap() + "\n";
    let path = dir.join("expected.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        got, expected,
        "run UPDATE_FIXTURES=1 cargo test --test audit public_list"
    );
}

/// Values as offices type them (issue 20): placeholders, dates with a
/// time, 頃, serials, no year, age bands, Japan as the country, full-width
/// passports. Every row's issues are `validate()`'s for the same values.
#[test]
fn values_as_typed_in_public_lists_get_the_same_issues_as_validate() {
    use hersys_validator::{validate, Record};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/public-lists");
    let data = std::fs::read(dir.join("values-as-typed.csv")).unwrap();
    let options = Options::new(NaiveDate::from_ymd_opt(2021, 7, 1).unwrap());
    let report = audit(AuditConfig::new(options.clone()), &data);
    let text = String::from_utf8(data).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(report.rows.len(), lines.len() - 2);
    let mut seen = std::collections::BTreeSet::new();
    for result in &report.rows {
        let line = lines[result.row as usize - 1];
        let cells = split_quoted(line);
        let record = Record::from_pairs(
            report
                .headers
                .columns
                .iter()
                .filter_map(|column| Some((column.field?, cells[column.index].as_str()))),
        );
        assert_eq!(
            result.issues,
            validate(&record, &options),
            "line {}",
            result.row
        );
        seen.extend(result.issues.iter().map(|issue| issue.code));
    }
    for code in [
        Code::DatePlaceholder,
        Code::DateWithTime,
        Code::DateApproximate,
        Code::DateNoYear,
        Code::DateExcelSerial,
        Code::AgeBand,
        Code::DeathBeforeDiagnosis,
        Code::ChoiceCanonical,
    ] {
        assert!(seen.contains(&code), "{} not in the file", code.as_str());
    }
}

/// The cells of a CSV line whose quoted cells hold no quotes.
fn split_quoted(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

#[test]
fn a_title_row_is_skipped_and_the_real_header_maps_through_aliases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/public-lists");
    let report = whole(&std::fs::read(dir.join("title-row.csv")).unwrap());
    assert_eq!(report.headers.line, 2);
    assert_eq!(report.summary.count(Code::HeaderSkipped), 1);
    // The header is never a record; the first record is on line 3.
    assert_eq!(report.summary.rows, 6);
    let column = |field| report.headers.column_of(field).map(|c| c.header.as_str());
    assert_eq!(column(FieldKey::DiagnosisDate), Some("診断日"));
    assert_eq!(column(FieldKey::OnsetDate), Some("発症日"));
    assert_eq!(column(FieldKey::EntryDate), Some("入国日（帰国日）"));
    assert_eq!(column(FieldKey::DeathDate), Some("死亡日"));
    assert_eq!(column(FieldKey::Sex), Some("患者_性別"));
    // 患者_状態 holds severity: never the current status.
    assert_eq!(column(FieldKey::Status), Some("現在のステータス"));
    let state = report
        .headers
        .columns
        .iter()
        .find(|c| c.header == "患者_状態")
        .unwrap();
    assert_eq!(
        (state.field, state.looks_like),
        (None, Some(Lookalike::Status))
    );
    // Entrants are checked: A-0004 entered 15 days before diagnosis, no passport.
    let entrant = report
        .rows
        .iter()
        .find(|r| r.ids == ["4", "A-0004"])
        .unwrap();
    assert!(has(entrant, Code::PassportRequired));
}

#[test]
fn a_missing_column_is_said_once_for_the_file_never_on_rows() {
    let text = "受付番号,診断年月日,入国日,パスポート番号,場所区分\nA-1,2021-06-03,,,家庭内\nA-2,2021-06-03,,,\n";
    let report = whole(text.as_bytes());
    let missing: Vec<_> = report
        .headers
        .missing_columns()
        .iter()
        .map(|m| m.field)
        .collect();
    assert_eq!(
        missing,
        vec![FieldKey::Status, FieldKey::DeathDate, FieldKey::DeathPlace]
    );
    assert_eq!(report.summary.count(Code::HeaderMissing), 3);
    assert_eq!(report.summary.count(Code::StatusRequired), 0);
    // A field the file has is still required on every row.
    assert_eq!(report.summary.count(Code::PlaceCategoryRequired), 1);
    let messages = Messages::new(Lang::Ja);
    let findings = messages.file_findings(&report.headers);
    let status = findings
        .iter()
        .find(|f| f.field == Some(FieldKey::Status))
        .unwrap();
    assert!(
        status.message.contains("現在のステータスの列がないため"),
        "{}",
        status.message
    );
    assert!(status.message.contains("記2①"), "{}", status.message);
    let messages = Messages::new(Lang::En);
    let findings = messages.file_findings(&report.headers);
    assert!(findings
        .iter()
        .any(|f| f.message.contains("no Current status column")));
    // With every column, nothing is said.
    let full = whole(format!("{HEADER}\n").as_bytes());
    assert!(full.headers.missing_columns().is_empty());
}

#[test]
fn a_public_list_without_record_fields_is_not_checked_for_repeats() {
    // 発症日, 性別 and 職業 alone do not tell people apart: two men with the
    // same onset and occupation are two cases, not one typed twice.
    let text = "公表_年月日,発症_年月日,患者_性別,患者_職業\n2020-04-01,2020-03-30,男性,会社員\n2020-04-01,2020-03-30,男性,会社員\n";
    let report = whole(text.as_bytes());
    assert!(!report.headers.tells_records_apart());
    assert_eq!(report.summary.count(Code::RowDuplicate), 0);
    // With a field of the record itself, the same rows are a repeat.
    let export = "診断年月日,性別,職業,現在のステータス\n2020-04-01,男性,会社員,入院中\n2020-04-01,男性,会社員,入院中\n";
    assert_eq!(
        whole(export.as_bytes()).summary.count(Code::RowDuplicate),
        1
    );
}

#[test]
fn the_header_is_the_line_with_most_fields_or_the_callers_line() {
    let text = "一覧,診断年月日\n受付番号,診断年月日,現在のステータス\n\nA-1,2021-06-01,入院中\n";
    assert_eq!(whole(text.as_bytes()).headers.line, 2);
    // Fewer than two known fields on every line: refused, no row.
    let refused = whole("名前,診断年月日\nA,2021-06-01\n".as_bytes());
    assert_eq!(refused.summary.refused, Some(Code::FileHeaderNotFound));
    assert!(refused.rows.is_empty());
    // The caller's line wins, even over a better line below it.
    let mut told = config();
    told.header_line = Some(1);
    let report = audit(told, text.as_bytes());
    assert_eq!(report.headers.line, 1);
    assert_eq!(report.summary.rows, 2);
    assert!(report.rows.iter().all(|r| has(r, Code::RowColumns)));
}

#[test]
fn headers_match_after_a_bracketed_note_and_through_public_names() {
    for (header, field) in [
        ("入国日（帰国日）", FieldKey::EntryDate),
        ("入国日(帰国日)", FieldKey::EntryDate),
        ("診断年月日（必須）", FieldKey::DiagnosisDate),
        ("診断年月日【必須】", FieldKey::DiagnosisDate),
        ("事例確定_年月日", FieldKey::DiagnosisDate),
        ("確定日", FieldKey::DiagnosisDate),
        ("陽性確定日", FieldKey::DiagnosisDate),
        ("判明日", FieldKey::DiagnosisDate),
        ("診断日", FieldKey::DiagnosisDate),
        ("発症日", FieldKey::OnsetDate),
        ("発症_年月日", FieldKey::OnsetDate),
        ("患者_性別", FieldKey::Sex),
        ("患者_職業", FieldKey::Occupation),
        ("到着日", FieldKey::EntryDate),
        ("死亡日", FieldKey::DeathDate),
    ] {
        let map = HeaderMap::build(vec![header.to_string()], &[], None);
        assert_eq!(map.columns[0].field, Some(field), "{header}");
        assert!(map.columns[0].alias, "{header}");
    }
    for header in ["患者_状態", "状態", "（帰国日）", "患者_年代"] {
        let map = HeaderMap::build(vec![header.to_string()], &[], None);
        assert_eq!(map.columns[0].field, None, "{header}");
    }
    let own = HeaderMap::build(vec!["診断年月日".into(), "diagnosisDate".into()], &[], None);
    assert!(!own.columns[0].alias);
}

#[test]
fn a_repeated_record_names_the_first_row_and_empty_rows_never_repeat() {
    let text = format!(
        "{HEADER}\nD-1,2021-06-03,,,,入院中,,,家庭内,\nD-2,2021-06-04,,,,入院中,,,家庭内,\nD-1,2021-06-03,,,,入院中,,,家庭内,\n,,,,,,,,,x\nD-9,2021-06-03,,,,入院中,,,家庭内,\n,,,,,,,,,y\n"
    );
    // 受付番号 identifies rows but is not a field: D-9 repeats D-1's record
    // (one case registered twice). The rows with no mapped value never do.
    let report = whole(text.as_bytes());
    let repeats: Vec<_> = report.rows.iter().map(|r| r.duplicate_of).collect();
    assert_eq!(repeats, vec![None, None, Some(2), None, Some(2), None]);
    let row = &report.rows[2];
    assert!(row.has_warnings());
    let message = row
        .findings()
        .find(|f| f.code() == Code::RowDuplicate)
        .unwrap()
        .message(&mut Messages::new(Lang::Ja))
        .into_owned();
    assert!(message.contains("2行目"), "{message}");
    assert_eq!(report.summary.count(Code::RowDuplicate), 2);
}

#[test]
fn a_title_above_a_tab_separated_table_does_not_decide_the_delimiter() {
    let text = "令和3年 陽性者一覧\r\n\r\n受付番号\t診断年月日\t現在のステータス\t場所区分\r\nT-1\t2021-06-01\t入院中\t家庭内\r\n";
    for bytes in [text.as_bytes().to_vec(), utf16(text, Encoding::Utf16Le)] {
        let report = whole(&bytes);
        assert_eq!(report.headers.line, 3);
        assert_eq!(report.summary.rows, 1);
        assert!(!report.rows[0].is_failing(), "{:?}", report.rows);
    }
}
