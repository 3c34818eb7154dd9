//! The batch audit for JS: an `Auditor` object fed chunk by chunk from a
//! File, a stream or a read buffer.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::{
    describe_key, japan_today, plain_object, read_string, set, strings, take_options, JsResult,
};
use crate::audit::parallel::{start_in_window, SPLIT_WINDOW};
use crate::audit::{
    AuditConfig, Auditor, Breakdown, Encoding, Finding, Messages, NoticeCounts, NoticeItem,
    RowResult, DETECTION_WINDOW, ENCODING_LABELS, IDENTIFIER_HEADERS, NOTICE_CHECKS,
};
use crate::date::canonical;
use crate::fields::FieldKey;
use crate::issue::{Code, Severity};
use crate::json::{push_number, push_string};

/// A streaming audit of one CSV file.
#[wasm_bindgen(js_name = Auditor)]
pub struct AuditorJs {
    inner: Auditor,
    /// The findings' messages in the caller's language, each rendered once.
    messages: Messages,
    /// The failing rows of the last batch (the auditor keeps no others).
    rows: Vec<RowResult>,
    /// Rows the last batch completed, failing or not.
    batch_rows: u64,
}

#[wasm_bindgen(js_class = Auditor)]
impl AuditorJs {
    /// `input` is `{ encoding?: label, mapping?: { header: fieldKey },
    /// idColumns?: string[] }`; the options are those `wireOptions` decoded
    /// (js/wire/with-options.js checks and writes them as for `validate`),
    /// the day today in Japan unless they give one.
    #[wasm_bindgen(constructor)]
    pub fn new(input: JsValue) -> JsResult<AuditorJs> {
        let options = take_options(japan_today)?;
        let mut config = AuditConfig::new(options.core);
        if !(input.is_undefined() || input.is_null()) {
            let object = plain_object(&input, "the audit input")?;
            for key in Object::keys(object).iter() {
                let key = key.as_string().unwrap_or_default();
                let item = Reflect::get(object, &JsValue::from_str(&key))
                    .map_err(|_| JsError::new("the audit input could not be read"))?;
                if item.is_undefined() {
                    continue;
                }
                match key.as_str() {
                    "encoding" => {
                        let label = read_string(&item, "encoding")?;
                        config.encoding = Some(Encoding::from_label(&label).ok_or_else(|| {
                            JsError::new(&format!(
                                "encoding must be one of {}",
                                ENCODING_LABELS
                                    .iter()
                                    .map(|(label, _)| *label)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ))
                        })?);
                    }
                    "mapping" => config.mapping = read_mapping(&item)?,
                    "idColumns" => config.id_columns = Some(read_id_columns(&item)?),
                    "headerLine" => config.header_line = Some(read_header_line(&item)?),
                    _ => {
                        return Err(JsError::new(&format!(
                            "unknown audit input {}; it takes encoding, mapping, idColumns and headerLine",
                            describe_key(&key)
                        )))
                    }
                }
            }
        }
        let mut inner = Auditor::new(config);
        // Batches list failing rows alone: clean ones need not be built.
        inner.keep_failing_rows_only();
        Ok(AuditorJs {
            inner,
            messages: Messages::new(options.lang),
            rows: Vec::new(),
            batch_rows: 0,
        })
    }

    /// `{ rows, rowsWithErrors, rowsWithWarnings, blankRows, bytes, encoding,
    /// counts: { code: n }, affected: { code: records }, notice: { passport,
    /// status, place }, weeks: [{ week, rows, notice, affected }], undated,
    /// headerLine, columns: [{ index, header, field?,
    /// identifying, alias, looksLike? }], fileFindings: [{ code, severity,
    /// message, field?, checks?: [{ ja, en }], column? }] }`.
    pub fn summary(&self) -> JsValue {
        let summary = self.inner.summary();
        let object = Object::new();
        set(&object, "rows", &(summary.rows as f64).into());
        set(
            &object,
            "rowsWithErrors",
            &(summary.rows_with_errors as f64).into(),
        );
        set(
            &object,
            "rowsWithWarnings",
            &(summary.rows_with_warnings as f64).into(),
        );
        set(&object, "blankRows", &(summary.blank_rows as f64).into());
        set(&object, "bytes", &(summary.bytes as f64).into());
        if let Some(encoding) = self.inner.encoding() {
            set(&object, "encoding", &encoding.label().into());
        }
        let counts = Object::new();
        for (code, count) in &summary.counts {
            set(&counts, code.as_str(), &(*count as f64).into());
        }
        set(&object, "counts", &counts);
        breakdown_to_js(&object, &summary.breakdown);
        if let Some(code) = summary.refused {
            set(&object, "refused", &refusal_to_js(&self.messages, code));
        }
        let columns = Array::new();
        for column in self
            .inner
            .headers()
            .map(|h| h.columns.as_slice())
            .unwrap_or_default()
        {
            let entry = Object::new();
            set(&entry, "index", &(column.index as f64).into());
            set(&entry, "header", &column.header.as_str().into());
            if let Some(field) = column.field {
                set(&entry, "field", &field.as_str().into());
            }
            set(&entry, "identifying", &column.identifying.into());
            set(&entry, "alias", &column.alias.into());
            if let Some(kind) = column.looks_like {
                set(&entry, "looksLike", &kind.as_str().into());
            }
            columns.push(&entry);
        }
        set(&object, "columns", &columns);
        let findings = Array::new();
        if let Some(header) = self.inner.headers() {
            set(&object, "headerLine", &(header.line as f64).into());
            for finding in self.messages.file_findings(header) {
                let entry = Object::new();
                set(&entry, "code", &finding.code.as_str().into());
                set(&entry, "severity", &finding.code.severity().as_str().into());
                set(&entry, "message", &finding.message.as_str().into());
                if let Some(field) = finding.field {
                    set(&entry, "field", &field.as_str().into());
                }
                if !finding.checks.is_empty() {
                    let checks = Array::new();
                    for &at in &finding.checks {
                        let check = Object::new();
                        set(&check, "ja", &NOTICE_CHECKS[at].clause.into());
                        set(&check, "en", &NOTICE_CHECKS[at].clause_en.into());
                        checks.push(&check);
                    }
                    set(&entry, "checks", &checks);
                }
                if let Some(column) = finding.column {
                    set(&entry, "column", &(column as f64).into());
                }
                findings.push(&entry);
            }
        }
        set(&object, "fileFindings", &findings);
        object.into()
    }
}

fn refusal_to_js(messages: &Messages, code: Code) -> JsValue {
    let object = Object::new();
    set(&object, "code", &code.as_str().into());
    set(&object, "message", &messages.code(code).into());
    object.into()
}

/// The findings a report lists: errors and warnings, not infos.
fn reported(row: &RowResult) -> impl Iterator<Item = Finding<'_>> {
    row.findings()
        .filter(|finding| finding.code().severity() != Severity::Info)
}

/// `{ header: fieldKey }` from the caller's column mapping.
fn read_mapping(value: &JsValue) -> JsResult<Vec<(String, FieldKey)>> {
    let object = plain_object(value, "mapping")?;
    let mut mapping = Vec::new();
    for header in Object::keys(object).iter() {
        let header = header.as_string().unwrap_or_default();
        let item = Reflect::get(object, &JsValue::from_str(&header))
            .map_err(|_| JsError::new("mapping could not be read"))?;
        let key = read_string(&item, "a mapping value")?;
        let field = FieldKey::from_key(&key).ok_or_else(|| {
            JsError::new(&format!(
                "mapping for {} names an unknown field key; auditFields() lists the keys",
                describe_key(&header)
            ))
        })?;
        mapping.push((header, field));
    }
    Ok(mapping)
}

/// `headerLine`: a whole number of at least 1.
fn read_header_line(value: &JsValue) -> JsResult<u64> {
    match value.as_f64() {
        Some(line) if line.fract() == 0.0 && (1.0..=1e15).contains(&line) => Ok(line as u64),
        _ => Err(JsError::new(
            "headerLine must be a whole number of at least 1 (the header's line in the file)",
        )),
    }
}

/// The headers' names of the identifying columns for `idColumns`, as the
/// caller gave them: an array of strings.
fn read_id_columns(value: &JsValue) -> JsResult<Vec<String>> {
    let error = || JsError::new("idColumns must be an array of column headers (strings)");
    if !Array::is_array(value) {
        return Err(error());
    }
    let array = Array::from(value);
    let length = array.length();
    if length > 1000 {
        return Err(JsError::new("idColumns holds more than 1,000 headers"));
    }
    (0..length)
        .map(|i| array.get(i).as_string().ok_or_else(error))
        .collect()
}

/// The encodings the audit reads: `[{ label, name, labels }]`, `label`
/// canonical, `labels` every name `encoding` accepts for it.
#[wasm_bindgen(js_name = auditEncodings)]
pub fn audit_encodings() -> JsValue {
    let list = Array::new();
    for encoding in Encoding::ALL {
        let entry = Object::new();
        set(&entry, "label", &encoding.label().into());
        set(&entry, "name", &encoding.name().into());
        set(
            &entry,
            "labels",
            &strings(
                ENCODING_LABELS
                    .iter()
                    .filter(|(_, e)| *e == encoding)
                    .map(|(label, _)| *label),
            ),
        );
        list.push(&entry);
    }
    list.into()
}

/// The built-in list of identifying headers (used when `idColumns` is
/// absent).
#[wasm_bindgen(js_name = identifierHeaders)]
pub fn identifier_headers() -> JsValue {
    strings(IDENTIFIER_HEADERS.iter().copied())
}

/// The notice's three items and the row codes of each: `[{ item, ja, en,
/// codes }]` (see [`NoticeItem::of`]).
#[wasm_bindgen(js_name = noticeItems)]
pub fn notice_items() -> JsValue {
    let list = Array::new();
    for item in NoticeItem::ALL {
        let entry = Object::new();
        set(&entry, "item", &item.key().into());
        set(&entry, "ja", &item.ja().into());
        set(&entry, "en", &item.en().into());
        set(&entry, "codes", &strings(item.codes().map(Code::as_str)));
        list.push(&entry);
    }
    list.into()
}

/// `{ passport, status, place }`.
fn notice_to_js(counts: &NoticeCounts) -> Object {
    let object = Object::new();
    for item in NoticeItem::ALL {
        set(&object, item.key(), &(counts[item as usize] as f64).into());
    }
    object
}

/// `{ code: records }`.
fn affected_to_js(affected: &[(Code, u64)]) -> Object {
    let object = Object::new();
    for (code, n) in affected {
        set(&object, code.as_str(), &(*n as f64).into());
    }
    object
}

/// The summary's `affected`, `notice`, `weeks: [{ week, rows, notice,
/// affected }]` and `undated`.
fn breakdown_to_js(object: &Object, breakdown: &Breakdown) {
    set(object, "affected", &affected_to_js(&breakdown.affected));
    set(object, "notice", &notice_to_js(&breakdown.notice));
    let weeks = Array::new();
    for week in &breakdown.weeks {
        let entry = Object::new();
        set(&entry, "week", &canonical(week.start).into());
        set(&entry, "rows", &(week.rows as f64).into());
        set(&entry, "notice", &notice_to_js(&week.notice));
        set(&entry, "affected", &affected_to_js(&week.affected));
        weeks.push(&entry);
    }
    set(object, "weeks", &weeks);
    set(object, "undated", &(breakdown.undated as f64).into());
}

/// `{ head, split }`: the bytes that decide the encoding and hold the
/// header (the pools read them first), and the bytes past a segment's
/// nominal start in which `segmentStartInWindow` looks for its start.
#[wasm_bindgen(js_name = auditWindows)]
pub fn audit_windows() -> JsValue {
    let object = Object::new();
    set(&object, "head", &(DETECTION_WINDOW as f64).into());
    set(&object, "split", &(SPLIT_WINDOW as f64).into());
    object.into()
}

/// Where a segment starts in `window`, the `split` bytes from its nominal
/// start - 1 (`endsFile`: nothing follows them): the offset in the window,
/// or -1 when it holds no line feed (`start_in_window`).
#[wasm_bindgen(js_name = segmentStartInWindow)]
pub fn segment_start_in_window(window: &[u8], ends_file: bool) -> f64 {
    start_in_window(window, ends_file).map_or(-1.0, |at| at as f64)
}

/// Every code that can appear on an audit row with an error or a warning,
/// in the order of the rules table: the columns of a report (not the
/// file's own findings, `header.*` and `file.*`).
#[wasm_bindgen(js_name = reportCodes)]
pub fn report_codes() -> JsValue {
    strings(
        Code::ALL
            .iter()
            .filter(|code| {
                code.severity() != Severity::Info
                    && !code.is_file_refusal()
                    && !code.is_header_level()
            })
            .map(|code| code.as_str()),
    )
}

// ---- The audit in segments, for the worker pools (js/audit/pool.js);
// see crate::audit::parallel. Additive: methods of the same Auditor. ----
#[wasm_bindgen(js_class = Auditor)]
impl AuditorJs {
    /// On a new auditor: reads the header from the file's first 64 KiB
    /// (`eof`: the whole file). Returns the offset where segments start, or
    /// -1 when the file is not split (the auditor is then of no use).
    #[wasm_bindgen(js_name = readHead)]
    pub fn read_head(&mut self, window: &[u8], eof: bool) -> f64 {
        self.inner
            .read_head(window, eof)
            .map_or(-1.0, |end| end as f64)
    }

    /// On a new auditor with the head's encoding: reads the head bytes and
    /// stands at a record boundary after them, counting lines and records
    /// from 1 and a summary of what follows only. `afterCr`: the byte
    /// before the resume point is a CR. False when `head` is not a head.
    #[wasm_bindgen(js_name = resumeAfter)]
    pub fn resume_after(&mut self, head: &[u8], after_cr: bool) -> bool {
        self.inner.resume_after(head, after_cr)
    }

    /// From now on, `takeFreshRecords()` gives the records read for the
    /// first time since its last call.
    #[wasm_bindgen(js_name = trackFreshRecords)]
    pub fn track_fresh_records(&mut self) {
        self.inner.track_fresh_records();
    }

    /// `(hash, line)` of the records read for the first time since the
    /// last call, flattened.
    #[wasm_bindgen(js_name = takeFreshRecords)]
    pub fn take_fresh_records(&mut self) -> Vec<u64> {
        self.inner
            .take_fresh_records()
            .into_iter()
            .flat_map(|(hash, line)| [hash, line])
            .collect()
    }

    /// For a segment audited again: absolute lines from `lineBase`, record
    /// indices after `recordsBefore`, and the earlier segments' records
    /// `earlier` (`(hash, line)` flattened) counted as read.
    #[wasm_bindgen(js_name = continueFrom)]
    pub fn continue_from(&mut self, line_base: f64, records_before: f64, earlier: &[u64]) {
        let pairs: Vec<(u64, u64)> = earlier.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        self.inner
            .continue_from(line_base as u64, records_before as u64, &pairs);
    }

    /// The message of `row.duplicate` for an earlier row on `line`: the
    /// pool renders it again once it knows the absolute line.
    #[wasm_bindgen(js_name = duplicateMessage)]
    pub fn duplicate_message(&self, line: f64) -> String {
        self.messages.duplicate(line as u64)
    }

    /// `{ boundary, lineBreaks, records }`: between records with nothing
    /// left to parse again; line breaks and records read so far.
    pub fn position(&self) -> JsValue {
        let object = Object::new();
        set(&object, "boundary", &self.inner.at_boundary().into());
        set(
            &object,
            "lineBreaks",
            &(self.inner.line_breaks() as f64).into(),
        );
        set(&object, "records", &(self.inner.records() as f64).into());
        object.into()
    }
}

/// The pool's table of the records of the segments merged so far
/// (crate::audit::parallel::SeenAcrossSegments), kept in wasm memory: 16
/// bytes a slot rather than a JS Map of BigInts.
#[wasm_bindgen(js_name = SeenAcrossSegments)]
pub struct SeenAcrossSegmentsJs {
    inner: crate::audit::parallel::SeenAcrossSegments,
}

#[wasm_bindgen(js_class = SeenAcrossSegments)]
impl SeenAcrossSegmentsJs {
    #[wasm_bindgen(constructor)]
    pub fn new() -> SeenAcrossSegmentsJs {
        SeenAcrossSegmentsJs {
            inner: Default::default(),
        }
    }

    /// Of a segment's records (`takeFreshRecords()`): those earlier segments had, as
    /// `(hash, earlier line)` flattened (empty: its result stands).
    pub fn repeats(&self, seen: &[u64]) -> Vec<u64> {
        let pairs: Vec<(u64, u64)> = seen.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        self.inner
            .repeats(&pairs)
            .into_iter()
            .flat_map(|(hash, line)| [hash, line])
            .collect()
    }

    /// Adds a segment's records (`takeFreshRecords()`), its lines relative to `lineBase`.
    pub fn add(&mut self, seen: &[u64], line_base: f64) {
        let pairs: Vec<(u64, u64)> = seen.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        self.inner.add(&pairs, line_base as u64);
    }
}

impl Default for SeenAcrossSegmentsJs {
    fn default() -> Self {
        SeenAcrossSegmentsJs::new()
    }
}

// ---- Batches: the one format from the auditor to every consumer (js/audit/batch.js
// reads it). JSON text, so that one string crosses the boundary instead of a
// `Reflect.set` per value and a worker posts it as is; the count of rows
// read travels beside it (`batchRows`). ----
#[wasm_bindgen(js_class = Auditor)]
impl AuditorJs {
    /// Audits the next chunk of the file: the failing rows it completed, as
    /// JSON (`batch_json`). Throws after `finishBatch`.
    #[wasm_bindgen(js_name = pushBatch)]
    pub fn push_batch(&mut self, chunk: &[u8]) -> JsResult<String> {
        self.push_rows(chunk)?;
        Ok(self.batch_json())
    }

    /// Ends the file: the last row, if it had no line break.
    #[wasm_bindgen(js_name = finishBatch)]
    pub fn finish_batch(&mut self) -> String {
        self.finish_rows();
        self.batch_json()
    }

    /// How many rows the last batch completed, failing or not.
    #[wasm_bindgen(js_name = batchRows)]
    pub fn batch_rows(&self) -> f64 {
        self.batch_rows as f64
    }

    /// The summary as numbers (`Summary::to_words`): what a worker of the
    /// pool hands back for `addSegmentSummary`.
    #[wasm_bindgen(js_name = summaryWords)]
    pub fn summary_words(&self) -> Vec<u64> {
        self.inner.summary().to_words()
    }

    /// On the head's auditor: adds a segment's `summaryWords()`, with the
    /// merge of the native audit in segments (`add_summary`).
    #[wasm_bindgen(js_name = addSegmentSummary)]
    pub fn add_segment_summary(&mut self, words: &[u64]) -> JsResult<()> {
        let part = crate::audit::Summary::from_words(words)
            .ok_or_else(|| JsError::new("an audit worker sent a summary that could not be read"))?;
        self.inner.add_segment_summary(&part);
        Ok(())
    }
}

impl AuditorJs {
    /// Audits `chunk` into `self.rows`; refused after `finish`, as `push` is.
    fn push_rows(&mut self, chunk: &[u8]) -> JsResult<()> {
        if self.inner.is_finished() {
            return Err(JsError::new(
                "push after finish: this audit has ended; create a new auditor for another file",
            ));
        }
        self.read_batch(|auditor, rows| auditor.push_into(chunk, rows));
        Ok(())
    }

    /// Ends the file into `self.rows`: the last row, if it had no line break.
    fn finish_rows(&mut self) {
        self.read_batch(|auditor, rows| auditor.finish_into(rows));
    }

    /// Fills `self.rows` (failing rows only) and `self.batch_rows` (all
    /// the rows `read` completed, from the summary's count).
    fn read_batch(&mut self, read: impl FnOnce(&mut Auditor, &mut Vec<RowResult>)) {
        let before = self.inner.summary().rows;
        self.rows.clear();
        read(&mut self.inner, &mut self.rows);
        self.batch_rows = self.inner.summary().rows.saturating_sub(before);
    }

    /// `{"failing":[…],"shapes":[…],"refused"?:{code,message}}`: each row
    /// `{row,index,ids,issues}`, an issue the index of its *shape* (all of
    /// it but the fix: code, field, related fields, severity, message), or
    /// `[index, fix]`, and each distinct shape written once, in `"shapes"`
    /// after the rows. An issue whose message names its own row (a
    /// repeat's earlier row) or is too unusual to cache is written whole,
    /// in place. A file repeats the same few findings on thousands of rows:
    /// their text was most of what the page's side decoded and parsed, and
    /// the page keeps the shapes as they come (www/app/audit-store.js).
    fn batch_json(&mut self) -> String {
        // The batch's index + 1 of each shape (0: not in this batch yet),
        // by message id for field issues and by code for row findings.
        let mut field_slots: Vec<usize> = Vec::new();
        let mut row_slots = [0usize; Code::ALL.len()];
        let mut shapes = String::new();
        let mut shape_count = 0;
        let mut out = String::with_capacity(64);
        out.push_str("{\"failing\":[");
        let mut first = true;
        for row in &self.rows {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str("{\"row\":");
            push_number(&mut out, row.row);
            out.push_str(",\"index\":");
            push_number(&mut out, row.record_index);
            out.push_str(",\"ids\":[");
            for (i, id) in row.ids.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_string(&mut out, id);
            }
            out.push_str("],\"issues\":[");
            for (i, issue) in reported(row).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let slot = match issue {
                    // Its message names the earlier row: one per row.
                    Finding::Duplicate(_) => None,
                    Finding::Field(field_issue) => self.messages.issue_id(field_issue).map(|id| {
                        let id = id as usize;
                        if field_slots.len() <= id {
                            field_slots.resize(id + 1, 0);
                        }
                        &mut field_slots[id]
                    }),
                    Finding::Row(code) => Some(&mut row_slots[code as usize]),
                };
                let Some(slot) = slot else {
                    push_issue_json(&mut out, issue, &mut self.messages, true);
                    continue;
                };
                if *slot == 0 {
                    if shape_count > 0 {
                        shapes.push(',');
                    }
                    push_issue_json(&mut shapes, issue, &mut self.messages, false);
                    shape_count += 1;
                    *slot = shape_count;
                }
                match issue.fix() {
                    Some(fix) => {
                        out.push('[');
                        push_number(&mut out, (*slot - 1) as u64);
                        out.push(',');
                        push_string(&mut out, fix);
                        out.push(']');
                    }
                    None => push_number(&mut out, (*slot - 1) as u64),
                }
            }
            out.push_str("]}");
        }
        out.push_str("],\"shapes\":[");
        out.push_str(&shapes);
        out.push(']');
        if let Some(code) = self.inner.refusal() {
            out.push_str(",\"refused\":{\"code\":\"");
            out.push_str(code.as_str());
            out.push_str("\",\"message\":");
            push_string(&mut out, self.messages.code(code));
            out.push('}');
        }
        out.push('}');
        out
    }
}

/// One issue as JSON, in the key order of an issue of `validate()`, its fix
/// included when `with_fix`.
fn push_issue_json(out: &mut String, issue: Finding, messages: &mut Messages, with_fix: bool) {
    out.push_str("{\"code\":\"");
    out.push_str(issue.code().as_str());
    out.push('"');
    if let Some(field) = issue.field() {
        out.push_str(",\"field\":\"");
        out.push_str(field.as_str());
        out.push('"');
    }
    out.push_str(",\"related\":[");
    for (i, field) in issue.related().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(field.as_str());
        out.push('"');
    }
    out.push_str("],\"severity\":\"");
    out.push_str(issue.code().severity().as_str());
    out.push_str("\",\"message\":");
    push_string(out, &issue.message(messages));
    if let Finding::Duplicate(earlier) = issue {
        out.push_str(",\"earlierRow\":");
        push_number(out, earlier);
    }
    if let Some(fix) = issue.fix().filter(|_| with_fix) {
        out.push_str(",\"fix\":");
        push_string(out, fix);
    }
    out.push('}');
}
