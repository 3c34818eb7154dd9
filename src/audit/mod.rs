//! Batch audit of exported case files (docs/rules.md §7): a CSV file, pushed in
//! chunks of bytes, comes out as one [`RowResult`] per data row, with the
//! issues of [`validate`](crate::validate()) and of the row itself.
//!
//! ```
//! use chrono::NaiveDate;
//! use hersys_validator::audit::{AuditConfig, Auditor};
//! use hersys_validator::Options;
//!
//! let today = NaiveDate::from_ymd_opt(2021, 7, 1).unwrap();
//! let mut auditor = Auditor::new(AuditConfig::new(Options::new(today)));
//! let mut rows = auditor.push("受付番号,診断年月日,現在のステータス,場所区分\nA-1,2021-06-30,入院中,".as_bytes());
//! rows.extend(auditor.finish());
//! assert_eq!(rows.len(), 1);
//! assert_eq!(rows[0].ids, vec!["A-1".to_string()]);
//! assert_eq!(rows[0].issues[0].code.as_str(), "place.category_required");
//! ```
//!
//! # Design
//!
//! - **Push-based and streaming.** [`Auditor::push`] takes whatever chunk
//!   the caller has (a `File.slice()` in the browser, a read buffer in a
//!   CLI) and returns the rows it completed; chunks may split anywhere,
//!   inside a character, a quoted field or a CR LF, and the results are the
//!   same as for one chunk. Memory is bounded whatever the input: the row
//!   being read is the only one held, and it is capped at
//!   [`MAX_ROW_BYTES`] (8 MiB; plus the first 64 KiB during encoding
//!   detection, and the chunk being pushed): the file is never
//!   accumulated.
//! - **csv-core rather than the `csv` crate.** `csv` wants a `Read`, which
//!   a push-based, chunk-at-a-time API (and JavaScript's streams) does not
//!   have, and it brings serde-oriented record types and more code into the
//!   wasm module. `csv_core::Reader` is the same parser underneath, works on
//!   caller-supplied slices with caller-owned buffers, never allocates, and
//!   is a few KiB of wasm. It runs on the raw bytes, before decoding: the
//!   bytes CSV cares about are ASCII and never occur inside a UTF-8 or
//!   Shift_JIS multi-byte character (Shift_JIS trail bytes are ≥ 0x40).
//! - **Refusals.** A file that is not text (gzip, ZIP/xlsx, the old Excel
//!   format, PDF, images, a NUL byte in its first 64 KiB) is refused with
//!   `file.binary`; one whose header line never ends (past 8 MiB, or a long
//!   first line with no line break before the end of the file, or one
//!   holding a line separator CSV does not know) with
//!   `file.header_unterminated`. No row is reported for a refused file
//!   ([`Auditor::refusal`], [`Summary::refused`]): never "no errors".
//! - **Encoding.** The first 64 KiB (or the whole file, if smaller)
//!   decide, whatever the chunking. A UTF-16 BOM (LE or BE) means UTF-16,
//!   even over an explicit encoding; the file is transcoded to UTF-8 before
//!   the CSV layer (a malformed sequence gives its row `row.encoding`). A
//!   UTF-8 BOM means UTF-8 (the BOM is dropped); otherwise valid UTF-8
//!   (a character cut at the end of the window allowed) is UTF-8, anything
//!   else Shift_JIS (CP932, `encoding_rs::SHIFT_JIS`) — unless it has no
//!   fewer invalid sequences as Shift_JIS than as UTF-8, so that a UTF-8
//!   file with a stray bad byte stays UTF-8 (see [`encoding::detect`]). No
//!   row is reported before the decision. An explicit encoding in
//!   [`AuditConfig`] skips the detection; a UTF-8 BOM is still dropped.
//!   Each field is then decoded on its own, without replacement; a field
//!   with bytes invalid in the encoding gives its row a `row.encoding`
//!   issue and is decoded with U+FFFD for the other checks. (A valid
//!   Shift_JIS row is decoded in one call, with the same result: see
//!   [`encoding::decode_row`].)
//! - **Rows in = rows reported.** Every data row gives exactly one
//!   `RowResult`, issues or not (or, after
//!   [`Auditor::keep_failing_rows_only`], every failing row does, and
//!   every row is counted); a bad row never stops the audit.
//!   - A row with another number of fields than the header: `row.columns`
//!     alone (its cells are misplaced: no field finding, no fix).
//!   - An unclosed quote: csv-core would read the rest of the file into one
//!     field. The row where the quote opened is reported with `row.quoting`
//!     (cut at its first line break), and the lines after it are parsed
//!     again, so they are reported as rows too. This is done at the end of
//!     the input, as soon as a row's quoted fields span more than
//!     [`MAX_QUOTED_LINE_BREAKS`] line breaks, and for a stray quote that a
//!     later cell's quote closed (a multi-line row with the wrong field
//!     count and commas in its quoted lines). See [`splitter`] for the
//!     details, the one case it misses, and why all of this depends only on
//!     the bytes, not on the chunking.
//!   - Invalid bytes: `row.encoding`.
//!   - A row over [`MAX_ROW_BYTES`] (or [`MAX_ROW_FIELDS`] fields):
//!     `row.too_long` and nothing else (its content is not kept, so it is
//!     not checked and has empty `ids`); it still counts as a row, on the
//!     line where it starts, and the rows after it keep their lines. See
//!     [`splitter`] for where such a row ends. A too-long header leaves
//!     the file with no columns (every row then gets `row.columns`), and
//!     is counted in [`Summary::counts`] without a `RowResult`.
//! - **Dialect.** Comma- or tab-separated (a tab when the first line
//!   holding either holds more tabs than commas outside quotes: Excel's
//!   「Unicode テキスト」),
//!   `"` quotes with `""` inside, CR LF, LF or CR line ends.
//! - **Blank lines are not rows.** Lines holding nothing (only a line
//!   break) are skipped, as are rows whose every field is empty (`,,,,`,
//!   which spreadsheets write for formatted but empty rows); the latter are
//!   counted in [`Summary::blank_rows`]. Neither gets a `record_index`.
//! - **Line numbers.** [`RowResult::row`] is the line of the file on which
//!   the row starts (line 1 is the file's first line);
//!   a quoted field with line breaks makes the following rows' numbers
//!   jump accordingly. LF, CR LF and a lone CR each end a line.
//! - **Headers.** The line among the first 50 that maps the most fields
//!   (at least two), or the caller's [`AuditConfig::header_line`]; the
//!   lines above it are skipped (`header.skipped`), and a file with no such
//!   line is refused (`file.header_not_found`): see [`header_search`]. Each
//!   header is mapped by the explicit mapping, then by
//!   [`FieldKey::lookup_header`] (labels, aliases, a bracketed note
//!   dropped); see [`HeaderMap::build`]. A column a check of the notice
//!   needs that the file lacks is said once (`header.missing`, with the
//!   checks it stops) and its fields get no finding on any row; an
//!   unmapped column that looks like a field is named
//!   (`header.unrecognised`).
//! - **Repeated records.** In a file that maps a field of the record
//!   itself ([`HeaderMap::tells_records_apart`]), a row whose mapped
//!   values all repeat an earlier row's gets `row.duplicate` with that
//!   row's line
//!   ([`RowResult::duplicate_of`]); only a hash and a line are kept per
//!   distinct record (see `duplicates`). Columns that map to nothing are kept and
//!   reported once each (`header.unmapped` in [`Summary::counts`]), except
//!   the identifying ones: those [`AuditConfig::id_columns`] names, or by
//!   default those of [`IDENTIFIER_HEADERS`] (受付番号, HER-SYS ID …), whose
//!   values are copied into [`RowResult::ids`] so a report can name the
//!   record. No other cell value leaves the auditor, and no message
//!   contains one.
//! - **Cost per row.** Headers are looked up once; the row's bytes, field
//!   ends and decoded text live in buffers reused from row to row; a valid
//!   UTF-8 row is used in place, without a copy; the [`Record`] is refilled
//!   in place, its strings reused; a row without issues allocates no issue
//!   list. What remains per row is the `ids`, the issues, and `validate`
//!   itself; with failing rows only (what the JS binding and the CLI
//!   report), a clean row allocates nothing.
//! - **One issue model.** A row holds the core's [`Issue`]s and its
//!   row-level findings as bare [`Code`]s ([`RowResult::findings`] gives
//!   both, in report order); no message is stored. The boundary renders
//!   them in the language it was asked for with [`Messages`], which
//!   formats each distinct message once per audit.
//! - **One set of totals.** The rows, their errors and warnings, the blank
//!   rows and the counts per code are kept in the [`Summary`] alone,
//!   updated as each row is read (the record index of a row is the
//!   summary's row count).

pub mod breakdown;
mod duplicates;
pub mod encoding;
mod header;
pub mod header_search;
mod messages;
pub mod parallel;
pub mod splitter;
mod summary_words;

use chrono::NaiveDate;

use crate::fields::{FieldKey, FIELD_COUNT};
use crate::issue::{Code, Issue, Severity};
use crate::options::Options;
use crate::record::Record;
use crate::validate::validate;

pub use breakdown::{Breakdown, NoticeCounts, NoticeItem, WeekCounts};
pub use encoding::{Encoding, DETECTION_WINDOW, LABELS as ENCODING_LABELS, UTF8_BOM};
pub use header::{
    identifier_key, is_identifier, Column, HeaderMap, Lookalike, MissingColumn, NoticeCheck,
    IDENTIFIER_HEADERS, NOTICE_CHECKS, RECORD_FIELDS,
};
pub use header_search::{HeaderAt, HEADER_SEARCH_LINES, MIN_HEADER_FIELDS};
pub use messages::{FileFinding, Finding, Messages};
pub use splitter::{MAX_QUOTED_LINE_BREAKS, MAX_ROW_BYTES, MAX_ROW_FIELDS};

use breakdown::{add_code, diagnosis_week, CodeSet};
use duplicates::{RecordHasher, SeenRecords};
use encoding::{Detector, Refusal, Utf16ToUtf8};
use header_search::find_header;
use splitter::{RawRow, Splitter};

/// What the audit of one file needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditConfig {
    /// The file's encoding; `None` detects it.
    pub encoding: Option<Encoding>,
    /// Explicit column mappings: `(header as in the file, field)`. They
    /// come before the built-in lookup of Japanese labels and English keys.
    pub mapping: Vec<(String, FieldKey)>,
    /// The options of every record's validation.
    pub options: Options,
    /// The headers of the columns to copy into [`RowResult::ids`];
    /// `None` uses [`IDENTIFIER_HEADERS`]. `Some(vec![])` copies none.
    pub id_columns: Option<Vec<String>>,
    /// The header's line (1-based), when the caller knows it better than
    /// the search ([`header_search`]); the lines above it are skipped.
    pub header_line: Option<u64>,
}

impl AuditConfig {
    /// Detected encoding, no explicit mapping.
    pub fn new(options: Options) -> AuditConfig {
        AuditConfig {
            encoding: None,
            mapping: Vec::new(),
            options,
            id_columns: None,
            header_line: None,
        }
    }
}

/// The audit of one data row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowResult {
    /// 1-based line of the file on which the row starts.
    pub row: u64,
    /// 1-based number of the data row (the header and blank rows are not
    /// counted).
    pub record_index: u64,
    /// The row-level findings (`row.columns`, `row.quoting`,
    /// `row.encoding`, or `row.too_long` alone), which name no field:
    /// reported before [`issues`](Self::issues). A row with the wrong
    /// number of cells or an unclosed quote has no `issues`: its cells are
    /// misplaced.
    pub row_codes: Vec<Code>,
    /// The line of an earlier row with the same values in every mapped
    /// column (`row.duplicate`).
    pub duplicate_of: Option<u64>,
    /// The issues of [`validate`](crate::validate()), in catalogue order.
    pub issues: Vec<Issue>,
    /// The values of the identifying columns, in the order of
    /// [`HeaderMap::id_columns`] (trimmed; empty when the row is short).
    pub ids: Vec<String>,
}

impl RowResult {
    pub fn has_errors(&self) -> bool {
        self.has(Severity::Error)
    }

    pub fn has_warnings(&self) -> bool {
        self.has(Severity::Warning)
    }

    /// Has an error or a warning: the rows a report lists.
    pub fn is_failing(&self) -> bool {
        self.findings()
            .any(|finding| finding.code().severity() != Severity::Info)
    }

    fn has(&self, severity: Severity) -> bool {
        self.findings()
            .any(|finding| finding.code().severity() == severity)
    }
}

/// Running totals of an audit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Summary {
    /// Data rows reported (one `RowResult` each).
    pub rows: u64,
    /// Rows with at least one error.
    pub rows_with_errors: u64,
    /// Rows with at least one warning (whether or not they have errors).
    pub rows_with_warnings: u64,
    /// Rows skipped because every field was empty (not in `rows`).
    pub blank_rows: u64,
    /// Bytes pushed so far, BOM included.
    pub bytes: u64,
    /// Issues per code, in [`Code::ALL`] order, non-zero only;
    /// `header.unmapped` counts the columns that map to no field and are
    /// not identifying (exactly [`HeaderMap::unmapped`]).
    pub counts: Vec<(Code, u64)>,
    /// Why the file was not audited (`file.binary`,
    /// `file.header_unterminated`, `file.header_not_found`); no row is
    /// reported then.
    pub refused: Option<Code>,
    /// Records per rule and per notice item, overall and per week of
    /// 診断年月日.
    pub breakdown: Breakdown,
}

impl Summary {
    /// The count of one code.
    pub fn count(&self, code: Code) -> u64 {
        self.counts
            .binary_search_by_key(&code, |(c, _)| *c)
            .map_or(0, |at| self.counts[at].1)
    }

    /// Counts `n` more of `code`, keeping [`counts`](Self::counts) in code
    /// order and free of zeros.
    pub fn add(&mut self, code: Code, n: u64) {
        add_code(&mut self.counts, code, n);
    }
}

/// The whole audit of a file in memory (see [`audit`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditReport {
    pub encoding: Option<Encoding>,
    pub headers: HeaderMap,
    pub rows: Vec<RowResult>,
    pub summary: Summary,
}

/// Audits a whole file at once: the same as one `push` and `finish`.
pub fn audit(config: AuditConfig, bytes: &[u8]) -> AuditReport {
    let mut auditor = Auditor::new(config);
    let mut rows = auditor.push(bytes);
    auditor.finish_into(&mut rows);
    AuditReport {
        encoding: auditor.encoding(),
        headers: auditor.headers().cloned().unwrap_or_default(),
        rows,
        summary: auditor.summary().clone(),
    }
}

/// The streaming audit of one file.
pub struct Auditor {
    explicit: Option<Encoding>,
    /// Present until the encoding is decided.
    detector: Option<Detector>,
    /// For a UTF-16 file: its bytes become UTF-8 before the splitter.
    transcoder: Option<Utf16ToUtf8>,
    splitter: Splitter,
    rows: Rows,
    /// [`AuditConfig::header_line`].
    header_line: Option<u64>,
    finished: bool,
}

impl Auditor {
    pub fn new(config: AuditConfig) -> Auditor {
        Auditor::with_max_row_bytes(config, MAX_ROW_BYTES)
    }

    /// An auditor whose rows hold at most `max_row_bytes` bytes (and
    /// `min(max_row_bytes, MAX_ROW_FIELDS)` fields) instead of
    /// [`MAX_ROW_BYTES`]: for tests, or a host with less memory.
    pub fn with_max_row_bytes(config: AuditConfig, max_row_bytes: usize) -> Auditor {
        let AuditConfig {
            encoding,
            mapping,
            options,
            id_columns,
            header_line,
        } = config;
        Auditor {
            explicit: encoding,
            detector: Some(Detector::default()),
            transcoder: None,
            splitter: Splitter::with_max_row_bytes(max_row_bytes),
            rows: Rows::new(options, mapping, id_columns),
            header_line,
            finished: false,
        }
    }

    /// Parses the next chunk of the file; returns the rows it completed.
    /// Chunks pushed after [`finish`](Self::finish) are ignored.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<RowResult> {
        let mut out = Vec::new();
        self.push_into(chunk, &mut out);
        out
    }

    /// [`push`](Self::push), appending to `out`.
    pub fn push_into(&mut self, chunk: &[u8], out: &mut Vec<RowResult>) {
        if self.finished {
            return;
        }
        self.rows.summary.bytes += chunk.len() as u64;
        self.feed(chunk, false, out);
    }

    /// Takes the decision made once on the file's first bytes (encoding,
    /// BOM, delimiter) instead of waiting for its own, and counts the BOM
    /// as read: for the auditors of [`parallel`], which start at the
    /// header or after it. Never for UTF-16, which is not split.
    pub(crate) fn take_decision(&mut self, detected: &encoding::Detected) {
        self.detector = None;
        self.rows.encoding = Some(detected.encoding);
        self.splitter.set_delimiter(detected.delimiter);
        self.rows.summary.bytes += detected.bom_len as u64;
    }

    /// Decides the header's line on the file's first bytes (`window`,
    /// after the BOM, as the splitter reads them): the caller's line, else
    /// [`header_search::find_header`]. A file with no header is refused.
    pub(crate) fn choose_header(&mut self, window: &[u8], eof: bool) {
        let at = match self.header_line {
            Some(line) => Some(HeaderAt::Line(line.max(1))),
            None => find_header(
                window,
                self.rows.encoding.unwrap_or(Encoding::Utf8),
                self.splitter.delimiter(),
                eof,
                &self.rows.mapping,
            ),
        };
        match at {
            Some(HeaderAt::Line(line)) => {
                self.rows.header_target = line;
                self.splitter.set_header_line(line);
            }
            Some(HeaderAt::NotFound) => self.rows.summary.refused = Some(Code::FileHeaderNotFound),
            None => {}
        }
    }

    /// Ends the file: returns the last rows (a last line needs no line
    /// break). Idempotent.
    pub fn finish(&mut self) -> Vec<RowResult> {
        let mut out = Vec::new();
        self.finish_into(&mut out);
        out
    }

    /// [`finish`](Self::finish), appending to `out`.
    pub fn finish_into(&mut self, out: &mut Vec<RowResult>) {
        if self.finished {
            return;
        }
        self.feed(&[], true, out);
        let rows = &mut self.rows;
        self.splitter.finish(&mut |raw| rows.process(raw, out));
        self.rows.check_header_ended(self.splitter.line());
        self.finished = true;
    }

    /// The file's encoding, once detected (or as configured).
    pub fn encoding(&self) -> Option<Encoding> {
        self.rows.encoding
    }

    /// The columns, once the header row is read.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.rows.header.as_ref()
    }

    pub fn summary(&self) -> &Summary {
        &self.rows.summary
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// From now on, [`push`](Self::push) and [`finish`](Self::finish)
    /// return only the rows a report lists ([`RowResult::is_failing`]);
    /// the others are still counted in the [`summary`](Self::summary).
    /// For callers that list failing rows alone (the JS binding, the
    /// CLI): a clean row is then dropped before its `ids` are copied, so
    /// it allocates nothing.
    pub fn keep_failing_rows_only(&mut self) {
        self.rows.failing_only = true;
    }

    /// Why the file is not audited, once that is known: `file.binary`
    /// and `file.header_not_found` (decided on the first 64 KiB),
    /// `file.header_unterminated` (when the header passes 8 MiB, or at the
    /// end). No row is reported for such a file, and pushing more does
    /// nothing.
    pub fn refusal(&self) -> Option<Code> {
        self.rows.summary.refused
    }

    fn feed(&mut self, mut chunk: &[u8], eof: bool, out: &mut Vec<RowResult>) {
        if self.rows.summary.refused.is_some() {
            return;
        }
        // The first bytes wait in the detector until the encoding is known.
        let mut buffered = Vec::new();
        let mut bom_len = 0;
        if let Some(detector) = &mut self.detector {
            let (taken, decision) = detector.push(chunk, self.explicit, eof);
            let Some(decision) = decision else {
                return;
            };
            buffered = std::mem::take(&mut detector.buf);
            self.detector = None;
            let detected = match decision {
                Ok(detected) => detected,
                Err(Refusal::Binary) => {
                    self.rows.summary.refused = Some(Code::FileBinary);
                    return;
                }
            };
            bom_len = detected.bom_len;
            self.rows.encoding = Some(detected.encoding);
            self.splitter.set_delimiter(detected.delimiter);
            // The detection window is the whole file when the file ends in it.
            let whole = eof && taken == chunk.len();
            if detected.encoding.is_utf16() {
                self.transcoder = Some(Utf16ToUtf8::new(detected.encoding));
                let mut transcoder = Utf16ToUtf8::new(detected.encoding);
                let window = transcoder.convert(&buffered[bom_len..], whole).to_vec();
                self.choose_header(&window, whole);
            } else {
                self.choose_header(&buffered[bom_len..], whole);
            }
            if self.rows.summary.refused.is_some() {
                return;
            }
            chunk = &chunk[taken..];
        }
        let rows = &mut self.rows;
        let mut sink = |raw: RawRow| rows.process(raw, out);
        match &mut self.transcoder {
            Some(transcoder) => {
                let text = transcoder.convert(&buffered[bom_len..], false);
                self.splitter.feed(text, &mut sink);
                let text = transcoder.convert(chunk, eof);
                self.splitter.feed(text, &mut sink);
            }
            None => {
                self.splitter.feed(&buffered[bom_len..], &mut sink);
                self.splitter.feed(chunk, &mut sink);
            }
        }
    }
}

/// Everything after the byte layer: header, decoding, validation, and the
/// summary (the only place rows and codes are counted).
struct Rows {
    options: Options,
    mapping: Vec<(String, FieldKey)>,
    id_columns_named: Option<Vec<String>>,
    encoding: Option<Encoding>,
    header: Option<HeaderMap>,
    /// Where the header starts, its unescaped length, and whether it holds
    /// a line separator CSV does not know (NEL, U+2028, U+2029, RS, VT,
    /// FF): the signs of a header that swallowed the file.
    header_line: u64,
    header_len: usize,
    header_foreign_break: bool,
    /// The line of the header, once decided (0: the first row with
    /// content); the lines above it are skipped.
    header_target: u64,
    /// `(column, field)` of the mapped columns, in column order.
    mapped: Vec<(usize, FieldKey)>,
    /// The runs of adjacent mapped columns, `(first, last)`: a record's
    /// hash reads each as one stretch of text.
    mapped_runs: Vec<(usize, usize)>,
    /// The fields no column holds: their findings are the file's
    /// (`header.missing`), never a row's.
    missing: [bool; FIELD_COUNT],
    any_missing: bool,
    /// The rows read so far, by the hash of their mapped values; only
    /// when the columns can tell records apart.
    seen: SeenRecords,
    check_repeats: bool,
    /// The records first read since the last [`Auditor::take_fresh_records`],
    /// when a pool's worker tracks them.
    fresh: Option<Vec<(u64, u64)>>,
    /// Added to every row's line and record index (a re-audited segment
    /// of a worker pool reports absolute numbers).
    line_offset: u64,
    record_offset: u64,
    id_columns: Vec<usize>,
    columns: usize,
    text: String,
    text_ends: Vec<usize>,
    /// Refilled for every row: its strings are reused, not reallocated.
    record: Record,
    summary: Summary,
    /// See [`Auditor::keep_failing_rows_only`].
    failing_only: bool,
}

impl Rows {
    fn new(
        options: Options,
        mapping: Vec<(String, FieldKey)>,
        id_columns_named: Option<Vec<String>>,
    ) -> Rows {
        Rows {
            options,
            mapping,
            id_columns_named,
            encoding: None,
            header: None,
            header_line: 0,
            header_len: 0,
            header_foreign_break: false,
            header_target: 0,
            mapped: Vec::new(),
            mapped_runs: Vec::new(),
            missing: [false; FIELD_COUNT],
            any_missing: false,
            seen: SeenRecords::default(),
            check_repeats: false,
            fresh: None,
            line_offset: 0,
            record_offset: 0,
            id_columns: Vec::new(),
            columns: 0,
            text: String::new(),
            text_ends: Vec::new(),
            record: Record::new(),
            summary: Summary::default(),
            failing_only: false,
        }
    }

    fn process(&mut self, raw: RawRow, out: &mut Vec<RowResult>) {
        if self.summary.refused.is_some() {
            return;
        }
        // Above the header: a title, a legend, blank lines.
        if self.header.is_none() && raw.line < self.header_target {
            return;
        }
        if raw.too_long {
            self.too_long(&raw, out);
            return;
        }
        let blank = raw.bytes.is_empty() && !raw.unclosed_quote;
        if blank && self.header.is_none() {
            return;
        }
        if blank {
            self.summary.blank_rows += 1;
            return;
        }
        let encoding = self.encoding.unwrap_or(Encoding::Utf8);
        let mut text = std::mem::take(&mut self.text);
        let mut text_ends = std::mem::take(&mut self.text_ends);
        let (row_text, ends, valid): (&str, &[usize], bool) = match encoding {
            // UTF-16 reaches the rows transcoded to UTF-8.
            Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be => {
                match encoding::utf8_row(raw.bytes, raw.ends) {
                    Some(row_text) => (row_text, raw.ends, true),
                    None => {
                        let valid = encoding::decode_row(
                            encoding,
                            raw.bytes,
                            raw.ends,
                            &mut text,
                            &mut text_ends,
                        );
                        (&text, &text_ends, valid)
                    }
                }
            }
            Encoding::ShiftJis => {
                let valid =
                    encoding::decode_row(encoding, raw.bytes, raw.ends, &mut text, &mut text_ends);
                (&text, &text_ends, valid)
            }
        };
        let fields = Fields {
            text: row_text,
            ends,
        };
        if self.header.is_none() {
            self.header_line = raw.line;
            // Its length in the file, near enough: the fields and their
            // delimiters.
            self.header_len = raw.bytes.len() + raw.ends.len();
            self.header_foreign_break = fields.text.contains([
                '\u{85}', '\u{2028}', '\u{2029}', '\u{1E}', '\u{0B}', '\u{0C}',
            ]);
            self.read_header(&fields);
        } else {
            if let Some(result) = self.audit_row(&raw, &fields, valid) {
                out.push(result);
            }
        }
        self.text = text;
        self.text_ends = text_ends;
    }

    fn read_header(&mut self, fields: &Fields) {
        let headers = (0..fields.len())
            .map(|i| fields.get(i).to_string())
            .collect();
        let mut header = HeaderMap::build(headers, &self.mapping, self.id_columns_named.as_deref());
        header.line = self.header_line;
        self.columns = header.len();
        self.mapped = header
            .columns
            .iter()
            .filter_map(|column| column.field.map(|field| (column.index, field)))
            .collect();
        self.mapped_runs.clear();
        for &(column, _) in &self.mapped {
            match self.mapped_runs.last_mut() {
                Some((_, last)) if *last + 1 == column => *last = column,
                _ => self.mapped_runs.push((column, column)),
            }
        }
        self.check_repeats = header.tells_records_apart();
        self.id_columns = header.id_columns().map(|column| column.index).collect();
        self.summary
            .add(Code::HeaderUnmapped, header.unmapped().count() as u64);
        self.summary
            .add(Code::HeaderSkipped, u64::from(header.line > 1));
        let missing = header.missing_columns();
        self.summary.add(Code::HeaderMissing, missing.len() as u64);
        for column in &missing {
            self.missing[column.field as usize] = true;
        }
        self.any_missing = !missing.is_empty();
        self.summary
            .add(Code::HeaderUnrecognised, header.lookalikes().count() as u64);
        self.header = Some(header);
    }

    /// A row past the splitter's cap: one `row.too_long`, nothing checked.
    /// As the header, it refuses the file: no row could be read against
    /// it.
    fn too_long(&mut self, raw: &RawRow, out: &mut Vec<RowResult>) {
        if self.header.is_none() {
            self.summary.refused = Some(Code::FileHeaderUnterminated);
            return;
        }
        let row = RowResult {
            row: raw.line + self.line_offset,
            record_index: self.summary.rows + 1 + self.record_offset,
            row_codes: vec![Code::RowTooLong],
            duplicate_of: None,
            issues: Vec::new(),
            ids: vec![String::new(); self.id_columns.len()],
        };
        self.count(&row, None);
        out.push(row);
    }

    /// The row's result, counted; `None` for a row that is not failing
    /// when only failing rows are kept.
    fn audit_row(&mut self, raw: &RawRow, fields: &Fields, valid: bool) -> Option<RowResult> {
        let present = fields.len();
        let line = raw.line + self.line_offset;
        // A row with the wrong number of cells or an unclosed quote has
        // its cells in the wrong columns: the row finding alone, no field
        // finding or fix from a misplaced cell (docs/rules.md §7).
        let broken = present != self.columns || raw.unclosed_quote;
        let mut issues = Vec::new();
        let mut duplicate_of = None;
        if !broken {
            let mut record = std::mem::take(&mut self.record);
            let mut hasher = RecordHasher::default();
            let runs = if self.check_repeats {
                self.mapped_runs.as_slice()
            } else {
                &[]
            };
            for &(first, last) in runs {
                let start = fields.start(first);
                let ends = fields.ends[first..=last].iter().map(|end| end - start);
                hasher.add_run(&fields.text.as_bytes()[start..fields.ends[last]], ends);
            }
            for &(column, field) in &self.mapped {
                let cell = fields.get(column);
                hasher.note_content(cell);
                let slot = record.slot_mut(field);
                match slot.as_mut() {
                    Some(value) => {
                        value.clear();
                        value.push_str(cell);
                    }
                    None => *slot = Some(cell.to_string()),
                }
            }
            if let Some(hash) = hasher.finish().filter(|_| self.check_repeats) {
                duplicate_of = self.seen.insert(hash, line);
                if let (None, Some(fresh)) = (duplicate_of, &mut self.fresh) {
                    fresh.push((hash, line));
                }
            }
            issues = validate(&record, &self.options);
            self.record = record;
            if self.any_missing {
                // Said once for the file (`header.missing`).
                issues.retain(|issue| !self.missing[issue.field as usize]);
            }
        }
        // No allocation for a row without row-level findings.
        let row_codes = [
            (present != self.columns, Code::RowColumns),
            (raw.unclosed_quote, Code::RowQuoting),
            (!valid, Code::RowEncoding),
        ]
        .into_iter()
        .filter_map(|(found, code)| found.then_some(code))
        .collect();
        // Read from the record just checked: a broken row has none.
        let week = if broken {
            None
        } else {
            diagnosis_week(self.record.get(FieldKey::DiagnosisDate))
        };
        let mut row = RowResult {
            row: line,
            record_index: self.summary.rows + 1 + self.record_offset,
            row_codes,
            duplicate_of,
            issues,
            ids: Vec::new(),
        };
        self.count(&row, week);
        if self.failing_only && !row.is_failing() {
            return None;
        }
        row.ids = self
            .id_columns
            .iter()
            .map(|&column| {
                if column < present {
                    fields.get(column).trim().to_string()
                } else {
                    String::new()
                }
            })
            .collect();
        Some(row)
    }

    /// Adds a reported row to the summary; `week`, the Monday of its
    /// 診断年月日.
    fn count(&mut self, row: &RowResult, week: Option<NaiveDate>) {
        let summary = &mut self.summary;
        let (mut error, mut warning) = (false, false);
        let mut codes = CodeSet::default();
        for finding in row.findings() {
            let code = finding.code();
            summary.add(code, 1);
            codes.insert(code);
            error |= code.severity() == Severity::Error;
            warning |= code.severity() == Severity::Warning;
        }
        summary.breakdown.add_row(codes, week);
        summary.rows += 1;
        summary.rows_with_errors += u64::from(error);
        summary.rows_with_warnings += u64::from(warning);
    }

    /// At the end of the file: a header that no line break ended, with no
    /// row after it, that is longer than the detection window or holds a
    /// foreign line separator, swallowed the file: refuse it rather than
    /// report "no records". (A short header-only file without a final
    /// line break is an empty file, not a refusal.)
    fn check_header_ended(&mut self, line_after: u64) {
        if self.summary.refused.is_none()
            && self.header.is_some()
            && self.summary.rows == 0
            && self.summary.blank_rows == 0
            && line_after == self.header_line
            && (self.header_len > DETECTION_WINDOW || self.header_foreign_break)
        {
            self.summary.refused = Some(Code::FileHeaderUnterminated);
        }
    }
}

/// The decoded fields of a row.
struct Fields<'a> {
    text: &'a str,
    ends: &'a [usize],
}

impl Fields<'_> {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn start(&self, index: usize) -> usize {
        if index == 0 {
            0
        } else {
            self.ends[index - 1]
        }
    }

    fn get(&self, index: usize) -> &str {
        &self.text[self.start(index)..self.ends[index]]
    }
}
