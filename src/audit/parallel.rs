//! One file audited by several workers (the page's Web Workers, the CLI's
//! `worker_threads`), with exactly the result of one [`Auditor`].
//!
//! # How
//!
//! 1. **The head, once.** [`read_head`] decides the encoding on the file's
//!    first [`DETECTION_WINDOW`] bytes, as a single auditor would, and reads
//!    the header row. Its end is where the *segments* start; its auditor
//!    holds the columns and the head's share of the summary.
//! 2. **Segments, speculated.** Segment `k ≥ 1` nominally starts at
//!    `head end + k × segment bytes` and really starts right after a line
//!    feed at or after that offset's previous byte, preferably one whose
//!    next line holds no quote ([`segment_start`]): a guess that the
//!    sequential audit is between two records there. Each
//!    segment is audited by an auditor [`resume`](Auditor::resume)d after
//!    the head bytes (same encoding, same columns, same header field count
//!    for the splitter's stray-quote test), counting lines and records from
//!    1, so that its results are relative.
//! 3. **Checked at the next boundary.** A segment's auditor reads up to the
//!    next segment's start and asks [`Auditor::at_boundary`]: no record open
//!    and nothing left to parse again. If so, and if the segment itself
//!    started on the sequential audit's path, the next segment's guess was
//!    right: a splitter between records is fully described by its line,
//!    whether the last byte was a CR, and the header's field count, which
//!    the resumed auditor has. If not (a quoted cell with line breaks, or an
//!    unclosed quote, straddles the boundary), the same auditor reads on
//!    into the next segment, and the next, until it is at a boundary (or
//!    at the end of the file, where it finishes): its result covers those
//!    segments, and their own speculative results are dropped. Every
//!    decision of the splitter is taken on the bytes up to a line break,
//!    so this reads exactly what the sequential audit reads.
//! 4. **Merged by offsets and sums.** In order along that chain, each
//!    segment's lines are shifted by the line breaks before it, its record
//!    indices by the records before it, and its summary is added to the
//!    head's. [`audit_in_segments`] is the reference for the JS pools
//!    (`js/audit/pool.js`), and the property tests hold it equal to
//!    [`audit`] for any data and any segment size.
//! 5. **Repeats across segments.** A segment whose records repeat an
//!    earlier segment's ([`SeenAcrossSegments::repeats`]) is audited again
//!    with [`Auditor::continue_from`], knowing them, so `row.duplicate`
//!    names the first row as one auditor does. (The JS pools deliver the
//!    segment batch by batch until its first repeat and skip what they
//!    delivered: [`Auditor::track_fresh_records`].)

use super::encoding::{Detector, Encoding};
use super::{audit, AuditConfig, AuditReport, Auditor, RowResult, Summary, DETECTION_WINDOW};
use crate::issue::Code;

/// What a parallel audit decides once, before the segments.
pub struct Head {
    /// The auditor right after the header row: encoding, columns, and the
    /// head's share of the summary (`header.unmapped`, its bytes).
    pub auditor: Auditor,
    /// Offset of the first byte after the header row: segment 0 starts here.
    pub end: usize,
}

impl Head {
    /// Line of the file on which segment 0 starts.
    pub fn line(&self) -> u64 {
        self.auditor.splitter.line()
    }
}

/// Reads the header from `window`, the file's first [`DETECTION_WINDOW`]
/// bytes (`eof`: the whole file, when it is shorter). `None` when the file
/// cannot be split after its head: the header does not end inside the
/// window, or it is too long, or an unclosed quote in it reaches further;
/// such a file is audited by one auditor.
pub fn read_head(config: &AuditConfig, window: &[u8], eof: bool) -> Option<Head> {
    let mut auditor = Auditor::new(config.clone());
    let end = auditor.read_head(window, eof)?;
    Some(Head { auditor, end })
}

/// How far past a segment's nominal start [`segment_start`] looks for a
/// line without quotes.
pub const SPLIT_WINDOW: usize = 64 * 1024;

/// Where segment `k ≥ 1` really starts, for its nominal start `nominal`:
/// right after a line feed at or after `nominal - 1`. Preferably one whose
/// next line holds no `"` (complete within [`SPLIT_WINDOW`] bytes of
/// `nominal - 1`, or ending the file): a line feed inside a quoted cell is
/// usually followed by the rest of the cell and its closing quote, and a
/// guess inside a quote costs a segment read twice. Otherwise the first
/// line feed; the end when there is none. Never decreasing in `nominal`.
pub fn segment_start(bytes: &[u8], nominal: usize) -> usize {
    let from = nominal.saturating_sub(1).min(bytes.len());
    let end = (from + SPLIT_WINDOW).min(bytes.len());
    if let Some(at) = start_in_window(&bytes[from..end], end == bytes.len()) {
        return from + at;
    }
    // No line feed in the window: the first one after it.
    bytes[end..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |at| end + at + 1)
}

/// [`segment_start`] within `window`, the [`SPLIT_WINDOW`] bytes from
/// `nominal - 1` (`ends_file`: nothing follows them): the offset after the
/// preferred line feed, else after the first, or `None` when the window
/// holds none. The JS pools read the window and ask the module.
pub fn start_in_window(window: &[u8], ends_file: bool) -> Option<usize> {
    let mut at = 0;
    while let Some(lf) = window[at..].iter().position(|&b| b == b'\n') {
        let line = at + lf + 1;
        match window[line..].iter().position(|&b| b == b'\n') {
            Some(len) if !window[line..line + len].contains(&b'"') => return Some(line),
            Some(len) => at = line + len,
            None if ends_file && !window[line..].contains(&b'"') => return Some(line),
            None => break,
        }
    }
    window.iter().position(|&b| b == b'\n').map(|at| at + 1)
}

impl Auditor {
    /// An auditor that continues the file after its head (`head`: the
    /// file's bytes up to [`Head::end`]) at a record boundary whose
    /// previous byte is a CR or not (`after_cr`). `config` must name the
    /// head's encoding. Its rows count lines and record indices from 1 at
    /// the resume point, and its summary counts only what it reads after
    /// the head. `None` when `head` is not a head ([`read_head`]).
    pub fn resume(config: AuditConfig, head: &[u8], after_cr: bool) -> Option<Auditor> {
        let mut auditor = Auditor::new(config);
        auditor.resume_after(head, after_cr).then_some(auditor)
    }

    /// [`read_head`] on this auditor, which must not have been pushed
    /// anything: returns the head's end, the auditor then standing right
    /// after it with its encoding decided. On `None` the auditor has read
    /// part of `window` and is of no further use.
    pub fn read_head(&mut self, window: &[u8], eof: bool) -> Option<usize> {
        if self.rows.summary.bytes > 0 || self.finished {
            return None;
        }
        let window = &window[..window.len().min(DETECTION_WINDOW)];
        let (_, detected) = Detector::default().push(window, self.explicit, eof);
        // A refused file is one auditor's to refuse. UTF-16 is never split:
        // a segment cut after a line feed's first byte would start mid-character.
        let detected = detected?.ok()?;
        if matches!(detected.encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            return None;
        }
        self.explicit = Some(detected.encoding);
        self.take_decision(&detected);
        self.choose_header(&window[detected.bom_len..], eof);
        if self.refusal().is_some() {
            return None;
        }
        let mut rows = Vec::new();
        let mut pos = detected.bom_len;
        // Line by line, to stop right after the header (the result does
        // not depend on the chunking).
        while pos < window.len() {
            let end = window[pos..]
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .map_or(window.len(), |at| pos + at + 1);
            self.push_into(&window[pos..end], &mut rows);
            pos = end;
            // A data row (counted even when failing rows alone are kept).
            if self.rows.summary.rows > 0 {
                return None;
            }
            if self.headers().is_some() {
                return self.is_clean_head().then_some(pos);
            }
        }
        None
    }

    /// [`resume`](Self::resume) on this auditor, which must have an
    /// explicit encoding and not have been pushed anything; false (and the
    /// auditor of no further use) when `head` is not a head.
    pub fn resume_after(&mut self, head: &[u8], after_cr: bool) -> bool {
        if self.explicit.is_none() || self.rows.summary.bytes > 0 || self.finished {
            return false;
        }
        // The head's own decision is the whole file's: the encoding is
        // explicit, and the BOM and the first line (the delimiter) are in it.
        let Ok(detected) = super::encoding::decide(head, self.explicit) else {
            return false;
        };
        self.take_decision(&detected);
        // The head ends right after its header, which is still the line
        // that maps the most fields among the head's lines.
        self.choose_header(&head[detected.bom_len..], true);
        let mut rows = Vec::new();
        self.push_into(&head[detected.bom_len..], &mut rows);
        if self.rows.summary.rows > 0 || self.headers().is_none() || !self.is_clean_head() {
            return false;
        }
        self.splitter.restart_lines(after_cr);
        // Counts (record indices included) start again at the resume point.
        self.rows.summary = Summary::default();
        true
    }

    /// Right after a header that segments can follow: between records, and
    /// the header was not too long (its field count is then known to the
    /// splitter's stray-quote test).
    fn is_clean_head(&self) -> bool {
        self.at_boundary()
            && self.summary().count(Code::RowTooLong) == 0
            && self.splitter.expected_fields().is_some()
    }

    /// Between two records, with nothing left to parse again (and not
    /// finished): where a segment may end.
    pub fn at_boundary(&self) -> bool {
        !self.finished && self.detector.is_none() && self.splitter.at_boundary()
    }

    /// Line breaks read so far (since the resume point, for a resumed
    /// auditor); exact between records.
    pub fn line_breaks(&self) -> u64 {
        self.splitter.line() - 1
    }

    /// Records reported so far (the last `record_index`).
    pub fn records(&self) -> u64 {
        self.summary().rows
    }

    /// The records read so far, as `(hash, line)` of each distinct one
    /// (the line of its first row): what the merge of a pool checks for
    /// repeats across segments.
    pub fn seen_records(&self) -> Vec<(u64, u64)> {
        self.rows.seen.entries().collect()
    }

    /// From now on, keeps the `(hash, line)` of every record read for the
    /// first time, for [`take_fresh_records`](Self::take_fresh_records):
    /// a pool checks each batch against the earlier segments as it comes,
    /// and delivers it at once when none repeats.
    pub fn track_fresh_records(&mut self) {
        self.rows.fresh = Some(Vec::new());
    }

    /// The records read for the first time since the last call (see
    /// [`track_fresh_records`](Self::track_fresh_records)).
    pub fn take_fresh_records(&mut self) -> Vec<(u64, u64)> {
        self.rows
            .fresh
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// For a segment audited again after the merge found repeats of
    /// earlier segments' records in it: its rows report absolute lines
    /// and record indices (`line_base`: the line it starts on;
    /// `records_before`: the records before it), and `earlier` (`(hash,
    /// line)` of the earlier segments' records) counts as read.
    pub fn continue_from(&mut self, line_base: u64, records_before: u64, earlier: &[(u64, u64)]) {
        self.rows.line_offset = line_base.saturating_sub(1);
        self.rows.record_offset = records_before;
        for &(hash, line) in earlier {
            self.rows.seen.insert(hash, line);
        }
    }
}

/// The merge's table of the records of the segments merged so far, with
/// absolute lines.
#[derive(Default)]
pub struct SeenAcrossSegments {
    seen: super::duplicates::SeenRecords,
}

impl SeenAcrossSegments {
    /// The records of the next segment (`seen`, lines relative to
    /// `line_base`) that earlier segments already had: `(hash, earlier
    /// line)`. Empty: the segment's own result stands (shifted); else it
    /// must be audited again with these ([`Auditor::continue_from`]).
    pub fn repeats(&self, seen: &[(u64, u64)]) -> Vec<(u64, u64)> {
        seen.iter()
            .filter_map(|&(hash, _)| self.seen.get(hash).map(|line| (hash, line)))
            .collect()
    }

    /// Adds the segment's records (lines relative to `line_base`).
    pub fn add(&mut self, seen: &[(u64, u64)], line_base: u64) {
        for &(hash, line) in seen {
            self.seen.insert(hash, line + line_base - 1);
        }
    }
}

impl Auditor {
    /// Adds a segment's summary to this auditor's (the head's, in the JS
    /// pools): the totals of the whole file once every segment is added.
    pub fn add_segment_summary(&mut self, part: &Summary) {
        add_summary(&mut self.rows.summary, part);
    }
}

/// Adds `part` (a segment's summary) to `total`; `bytes` too.
pub fn add_summary(total: &mut Summary, part: &Summary) {
    total.rows += part.rows;
    total.rows_with_errors += part.rows_with_errors;
    total.rows_with_warnings += part.rows_with_warnings;
    total.blank_rows += part.blank_rows;
    total.bytes += part.bytes;
    for &(code, n) in &part.counts {
        total.add(code, n);
    }
    total.breakdown.add(&part.breakdown);
}

/// What one segment's auditor gave: its rows (relative), and how far it
/// read.
struct Part {
    rows: Vec<RowResult>,
    summary: Summary,
    /// `(hash, relative line)` of its distinct records.
    seen: Vec<(u64, u64)>,
    /// Where it starts.
    from: usize,
    line_breaks: u64,
    records: u64,
    /// The last segment it covers.
    last: usize,
}

/// The audit of `bytes` in segments of `segment_bytes`, as the worker pools
/// run it, each segment's auditor on its own: the same report as
/// [`audit`] (which it falls back to when [`read_head`] does
/// not split the file). The reference for the JS pools, and their test.
pub fn audit_in_segments(config: AuditConfig, bytes: &[u8], segment_bytes: usize) -> AuditReport {
    let window = &bytes[..bytes.len().min(DETECTION_WINDOW)];
    let Some(head) = read_head(&config, window, window.len() == bytes.len()) else {
        return audit(config, bytes);
    };
    let segment_bytes = segment_bytes.max(1);
    let segments = (bytes.len() - head.end).div_ceil(segment_bytes).max(1);
    let start = |k: usize| {
        if k == 0 {
            head.end
        } else {
            segment_start(bytes, head.end + k * segment_bytes)
        }
    };
    let mut config = config;
    config.encoding = head.auditor.encoding();
    // Every segment on its own, as a worker would (whether or not the
    // chain below uses it).
    let parts: Vec<Part> = (0..segments)
        .map(|k| {
            let from = start(k);
            let after_cr = from > 0 && bytes[from - 1] == b'\r';
            let mut auditor = Auditor::resume(config.clone(), &bytes[..head.end], after_cr)
                .expect("the head resumes");
            let mut rows = Vec::new();
            let (mut pos, mut next) = (from, k + 1);
            let last = loop {
                let to = if next < segments {
                    start(next)
                } else {
                    bytes.len()
                };
                auditor.push_into(&bytes[pos..to], &mut rows);
                pos = to;
                if to == bytes.len() {
                    auditor.finish_into(&mut rows);
                    break segments - 1;
                }
                if auditor.at_boundary() {
                    break next - 1;
                }
                next += 1;
            };
            Part {
                line_breaks: auditor.line_breaks(),
                records: auditor.records(),
                summary: auditor.summary().clone(),
                seen: auditor.seen_records(),
                rows,
                from,
                last,
            }
        })
        .collect();

    let mut summary = head.auditor.summary().clone();
    let mut rows = Vec::new();
    let (mut line, mut index) = (head.line(), 0);
    let mut seen = SeenAcrossSegments::default();
    let mut k = 0;
    while k < segments {
        let part = &parts[k];
        let repeats = seen.repeats(&part.seen);
        if repeats.is_empty() {
            rows.extend(part.rows.iter().cloned().map(|mut row| {
                row.row += line - 1;
                row.record_index += index;
                if let Some(earlier) = &mut row.duplicate_of {
                    *earlier += line - 1;
                }
                row
            }));
            add_summary(&mut summary, &part.summary);
        } else {
            // Records of earlier segments repeat here: audited again,
            // knowing them, up to where the part ended.
            let from = part.from;
            let after_cr = from > 0 && bytes[from - 1] == b'\r';
            let mut auditor = Auditor::resume(config.clone(), &bytes[..head.end], after_cr)
                .expect("the head resumes");
            auditor.continue_from(line, index, &repeats);
            let to = if part.last + 1 < segments {
                start(part.last + 1)
            } else {
                bytes.len()
            };
            auditor.push_into(&bytes[from..to], &mut rows);
            if to == bytes.len() {
                auditor.finish_into(&mut rows);
            }
            add_summary(&mut summary, auditor.summary());
        }
        seen.add(&part.seen, line);
        line += part.line_breaks;
        index += part.records;
        k = part.last + 1;
    }
    AuditReport {
        encoding: head.auditor.encoding(),
        headers: head.auditor.headers().cloned().unwrap_or_default(),
        rows,
        summary,
    }
}
