//! The byte layer: raw CSV records out of pushed chunks, with the line
//! number each starts on, and recovery from an unclosed quote.
//!
//! `csv_core::Reader` does the RFC 4180 work (quotes, `""`, CRLF / LF / CR
//! terminators) on the raw bytes, before any decoding. That is sound for
//! UTF-8 and for Shift_JIS (CP932) alike: the bytes that matter to CSV
//! (`,` `"` CR LF) are ASCII, never a UTF-8 continuation byte, and never a
//! Shift_JIS trail byte (those are 0x40–0x7E and 0x80–0xFC; `"` is 0x22,
//! `,` 0x2C). A line that starts a record and holds no quote is split at
//! its delimiters here instead, eight bytes at a time: exactly what
//! csv-core would make of it (a property test compares the two on any
//! bytes, cap and split), without its byte-by-byte state machine, which
//! was the largest single cost of the audit in wasm.
//!
//! Around it this layer adds what csv-core leaves to the caller:
//! - **Line numbers** of each record's first line, counting LF, CRLF and a
//!   lone CR (old Mac Excel) each as one line break, across chunk
//!   boundaries (a CR at the end of one chunk and an LF at the start of the
//!   next are one break).
//! - **Blank lines** (nothing but CR / LF) are skipped before a record
//!   starts, as csv-core itself would skip them; skipping them here lets
//!   the record's first byte, and so its line, be known exactly.
//! - **Bounded memory**: the record being read is the only thing held (its
//!   unescaped bytes, its field ends, and, only when a quoted field spans
//!   lines, the raw bytes after its first line break), and each of these
//!   is capped: at most [`MAX_ROW_BYTES`] (8 MiB) of unescaped bytes, as
//!   many raw bytes after the first line break, and [`MAX_ROW_FIELDS`]
//!   field ends. A record past any cap is *too long*: its content is
//!   dropped and no longer stored, but it is still parsed to its end (the
//!   buffers, at their capped size, are reused as scratch output for
//!   csv-core), so quotes and line numbers stay exact, and it is reported
//!   once, flagged `too_long`, on the line where it starts. A too-long
//!   record cannot be recovered (its bytes are gone): it ends where
//!   csv-core ends it, at the end of input, or, when its quoted fields
//!   hold more than [`MAX_QUOTED_LINE_BREAKS`] line breaks, right after
//!   that many-th-plus-one break (the lines before it are lost in it, the
//!   ones after are parsed again from a fresh state). Whatever the input,
//!   the splitter holds at most about 3 × 8 MiB + 0.8 MiB (the record's
//!   bytes, its tail, the bytes a recovery left to parse again, and its
//!   field ends) and the chunk being pushed.
//! - **Unclosed quotes.** A `"` that opens a field and is never closed makes
//!   csv-core read the rest of the input as one field. The record is then
//!   *recovered*: it is reported as it stands on its first line (flagged
//!   `unclosed_quote`), and the bytes after that first line break are parsed
//!   again from a fresh state, so the lines it swallowed come back as rows.
//!   This happens
//!   - at the end of input when a record is still inside a quote;
//!   - as soon as a record's quoted fields hold more than
//!     [`MAX_QUOTED_LINE_BREAKS`] line breaks (no real cell has that many;
//!     this also keeps the held bytes bounded);
//!   - when a record whose quoted fields hold line breaks ends with another
//!     field count than the header (the first record with any content),
//!     and its quoted text after the first line break holds a `,`. This is
//!     the stray quote that met the opening quote of a real multi-line cell
//!     a few lines further and closed there, merging the lines in between
//!     into one record: without this test they would be lost. The price: a
//!     row that has both a real multi-line cell with a comma after its
//!     first line and a wrong field count is reported as two rows, both
//!     with errors.
//!
//!   Every test depends only on the bytes, never on where the chunks were
//!   split, so the result is the same for any split: csv-core is never
//!   given more than one line at a time, so every decision (recover, cut,
//!   too long) is taken at a line break or at the record's end, on the
//!   bytes up to there. A stray quote that
//!   merges lines into a record with exactly the header's field count is
//!   not detected.

mod lines;

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

pub use lines::count_line_breaks;
use lines::{bytes_equal, contains_byte, find_line_break};

/// A record whose quoted fields hold more line breaks than this is taken
/// for an unclosed quote that swallowed the following lines.
pub const MAX_QUOTED_LINE_BREAKS: u64 = 100;

/// The most unescaped bytes a record may hold (and the most raw bytes of
/// a multi-line record after its first line break); a longer record is
/// reported as too long, without its content.
pub const MAX_ROW_BYTES: usize = 8 * 1024 * 1024;

/// The most fields a record may hold; a record with more is too long.
pub const MAX_ROW_FIELDS: usize = 100_000;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// One raw record: the unescaped bytes of its fields back to back, and the
/// end of each field in them.
#[derive(Debug)]
pub struct RawRow<'a> {
    /// 1-based line of the file on which the record starts.
    pub line: u64,
    pub bytes: &'a [u8],
    pub ends: &'a [usize],
    /// The record was cut at its first line break because a quote in it
    /// was never closed (or swallowed too many lines).
    pub unclosed_quote: bool,
    /// The record held more than the splitter's cap of bytes or fields:
    /// `bytes` and `ends` are empty, its content was not kept.
    pub too_long: bool,
}

impl RawRow<'_> {
    pub fn field_count(&self) -> usize {
        self.ends.len()
    }

    pub fn field(&self, index: usize) -> &[u8] {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.bytes[start..self.ends[index]]
    }
}

/// Splits a pushed byte stream into raw records.
pub struct Splitter {
    reader: Reader,
    /// `b','` or `b'\t'`.
    delimiter: u8,
    /// The reader has not consumed a byte since it was made or reset:
    /// csv-core would then strip a UTF-8 BOM itself, which must not happen
    /// inside the file (the caller strips the file's BOM).
    fresh: bool,
    /// Unescaped bytes of the record being read.
    out: Vec<u8>,
    out_len: usize,
    /// Field ends of the record being read.
    ends: Vec<usize>,
    n_ends: usize,
    /// Line of the next byte to be consumed.
    line: u64,
    /// The last consumed byte was a CR (so an LF right after it is part of
    /// the same line break).
    prev_cr: bool,
    /// A record has started: its first byte went to the reader.
    in_record: bool,
    record_line: u64,
    /// Line breaks inside the quoted fields of the record so far.
    record_breaks: u64,
    /// Raw bytes of the record after its first line break, kept only while
    /// the record spans lines, for the recovery.
    tail: Vec<u8>,
    /// The record's first line break was a CR.
    tail_prev_cr: bool,
    /// Where in `pending` the tail starts, when it was captured from there.
    tail_in_pending: Option<usize>,
    /// Bytes to parse (again) before any further input: the lines after a
    /// recovered record's first one. `pending[pending_pos..]` is left.
    pending: Vec<u8>,
    pending_pos: usize,
    /// The field count of the header: the first record with any content
    /// on or after `header_line`.
    expected_fields: Option<usize>,
    /// The line of the header, when lines above it are skipped
    /// (`header_search`); 0 when the first record is the header.
    header_line: u64,
    /// The record being read went past a cap: its content is dropped,
    /// `out` and `ends` are scratch space.
    too_long: bool,
    /// Caps of the record being read (see [`MAX_ROW_BYTES`]).
    max_row_bytes: usize,
    max_row_fields: usize,
    /// Lines without quotes skip csv-core (`split_plain_line`); off only
    /// in the tests that compare both ways.
    plain_lines_fast: bool,
}

/// Where parsing resumes after a recovery.
enum Resume {
    /// At this offset of `pending`, which already holds the bytes.
    Rewind(usize),
    /// With these bytes, then whatever was left to parse.
    Bytes(Vec<u8>),
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter::new()
    }
}

impl Splitter {
    pub fn new() -> Splitter {
        Splitter::with_max_row_bytes(MAX_ROW_BYTES)
    }

    /// A splitter whose records hold at most `max_row_bytes` bytes (at
    /// least 1) and `min(max_row_bytes, MAX_ROW_FIELDS)` fields.
    pub fn with_max_row_bytes(max_row_bytes: usize) -> Splitter {
        let max_row_bytes = max_row_bytes.max(1);
        let max_row_fields = max_row_bytes.min(MAX_ROW_FIELDS);
        Splitter {
            reader: Reader::new(),
            delimiter: b',',
            fresh: true,
            // One more than the cap, so that going past it shows.
            out: vec![0; (8 * 1024).min(max_row_bytes + 1)],
            out_len: 0,
            ends: vec![0; 64.min(max_row_fields + 1)],
            n_ends: 0,
            line: 1,
            prev_cr: false,
            in_record: false,
            record_line: 1,
            record_breaks: 0,
            tail: Vec::new(),
            tail_prev_cr: false,
            tail_in_pending: None,
            pending: Vec::new(),
            pending_pos: 0,
            expected_fields: None,
            header_line: 0,
            too_long: false,
            max_row_bytes,
            max_row_fields,
            plain_lines_fast: true,
        }
    }

    /// The line of the next byte to be read (1-based).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The byte that separates fields.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Separates fields by `delimiter` (a comma or a tab) instead of a
    /// comma; only before the first byte is fed.
    pub fn set_delimiter(&mut self, delimiter: u8) {
        self.delimiter = delimiter;
        self.reader = ReaderBuilder::new().delimiter(delimiter).build();
    }

    /// The capacities of the buffers that grow with a record: `out`,
    /// `ends` (in field ends), `tail` and `pending`.
    #[cfg(test)]
    fn capacities(&self) -> [usize; 4] {
        [
            self.out.capacity(),
            self.ends.capacity(),
            self.tail.capacity(),
            self.pending.capacity(),
        ]
    }

    /// Parses `input`, calling `sink` with every record it completes.
    ///
    /// A recovery never recurses: the bytes to parse again go to
    /// `pending`, which is drained before the rest of `input`; a recovery
    /// inside `pending` rewinds it in place, without a copy. The sink is a
    /// trait object: one copy of the splitter in the module for every
    /// caller (the audit, the header search), at one indirect call a row.
    pub fn feed(&mut self, input: &[u8], mut sink: &mut dyn FnMut(RawRow)) {
        let sink = &mut sink;
        let mut input_pos = 0;
        loop {
            if self.pending_pos < self.pending.len() {
                let pending = std::mem::take(&mut self.pending);
                let start = self.pending_pos;
                let (consumed, resume) = self.step(&pending[start..], Some(start), sink);
                match resume {
                    None => {
                        // Drained; keep the allocation.
                        self.pending = pending;
                        self.pending.clear();
                        self.pending_pos = 0;
                    }
                    Some(Resume::Rewind(offset)) => {
                        self.pending = pending;
                        self.pending_pos = offset;
                    }
                    Some(Resume::Bytes(mut bytes)) => {
                        bytes.extend_from_slice(&pending[start + consumed..]);
                        self.pending = bytes;
                        self.pending_pos = 0;
                    }
                }
                continue;
            }
            if input_pos >= input.len() {
                return;
            }
            let (consumed, resume) = self.step(&input[input_pos..], None, sink);
            input_pos += consumed;
            match resume {
                None => {}
                Some(Resume::Bytes(bytes)) => {
                    self.pending = bytes;
                    self.pending_pos = 0;
                }
                Some(Resume::Rewind(_)) => unreachable!("only bytes from pending rewind"),
            }
        }
    }

    /// Parses `source` until it is used up (returns `None`) or a record is
    /// recovered (returns where to resume), with the bytes consumed. `base`
    /// is the offset of `source` in `pending`, when it comes from there.
    fn step<F: FnMut(RawRow)>(
        &mut self,
        source: &[u8],
        base: Option<usize>,
        sink: &mut F,
    ) -> (usize, Option<Resume>) {
        let mut pos = 0;
        // The first CR or LF at or after `pos` (`source.len()` if none).
        let mut next_break: Option<usize> = None;
        // No byte of the record being read has gone to csv-core yet.
        let mut record_start = false;
        while pos < source.len() {
            if !self.in_record {
                let skip = source[pos..]
                    .iter()
                    .position(|&b| b != b'\r' && b != b'\n')
                    .unwrap_or(source.len() - pos);
                self.count_breaks(&source[pos..pos + skip]);
                pos += skip;
                if pos == source.len() {
                    break;
                }
                self.in_record = true;
                self.record_line = self.line;
                self.record_breaks = 0;
                record_start = true;
            }
            // csv-core gets one line at a time (its line break included),
            // so that the tests below run at every line break.
            let line_end = match next_break {
                Some(at) if at >= pos => at,
                _ => {
                    let at = find_line_break(&source[pos..]).map_or(source.len(), |at| pos + at);
                    next_break = Some(at);
                    at
                }
            };
            if std::mem::take(&mut record_start)
                && line_end < source.len()
                && self.split_plain_line(&source[pos..line_end])
            {
                // The record is that line; its terminator follows it.
                self.prev_cr = false;
                self.count_breaks(&source[line_end..=line_end]);
                pos = line_end + 1;
                self.emit(sink, false);
                continue;
            }
            self.reserve();
            let input = &source[pos..];
            // A fresh csv-core reader strips a leading BOM; give it one byte
            // first so that it never sees three.
            let take = if self.fresh && input.starts_with(UTF8_BOM) {
                1
            } else {
                (line_end + 1).min(source.len()) - pos
            };
            let (result, nin, nout, nend) = self.reader.read_record(
                &input[..take],
                &mut self.out[self.out_len..],
                &mut self.ends[self.n_ends..],
            );
            self.fresh = false;
            let consumed = &input[..nin];
            let at = base.map(|base| base + pos);
            pos += nin;
            self.out_len += nout;
            self.n_ends += nend;
            if self.out_len > self.max_row_bytes || self.n_ends > self.max_row_fields {
                self.set_too_long();
            }
            match result {
                ReadRecordResult::InputEmpty
                | ReadRecordResult::OutputFull
                | ReadRecordResult::OutputEndsFull => {
                    // Every line break consumed here is inside a quote: an
                    // unquoted one would have ended the record.
                    self.consume_record_bytes(consumed, consumed.len(), at);
                    if self.record_breaks > MAX_QUOTED_LINE_BREAKS {
                        if self.too_long {
                            // Cut right after this line break: the lines
                            // after it are parsed from a fresh state.
                            self.emit(sink, false);
                            self.reader.reset();
                            self.fresh = true;
                        } else {
                            return (pos, Some(self.recover(sink, base.is_some())));
                        }
                    }
                }
                ReadRecordResult::Record => {
                    // The last consumed byte is the terminator (CR or LF).
                    self.consume_record_bytes(consumed, nin.saturating_sub(1), at);
                    if !self.too_long && self.stray_quote() {
                        return (pos, Some(self.recover(sink, base.is_some())));
                    }
                    self.emit(sink, false);
                }
                ReadRecordResult::End => {
                    // Only returned for empty input, which is never passed.
                    self.end_record();
                }
            }
        }
        (pos, None)
    }

    /// A whole line with no quote, at the start of a record, is the record
    /// with its fields split at the delimiter: what csv-core makes of it,
    /// without its byte-by-byte state machine (most rows of an export have
    /// no quote). Fills `out` and `ends` and returns true; false for a line
    /// with a quote or that may pass a cap (csv-core then reads it; `out`
    /// and `ends` hold nothing of a record yet, so what was written to
    /// them is scratch).
    ///
    /// Eight bytes at a time: each word is stored whole at the end of
    /// `out` (hence its 8 bytes of room past the line), and only the bytes
    /// before its first delimiter are kept, word by word, so a field costs
    /// a shift rather than a copy of its own.
    fn split_plain_line(&mut self, line: &[u8]) -> bool {
        if !self.plain_lines_fast
            || line.len() + 8 > self.max_row_bytes + 1
            || contains_byte(line, b'"')
        {
            return false;
        }
        grow_to(&mut self.out, line.len() + 8, self.max_row_bytes + 1);
        let (mut out_len, mut n_ends) = (0, 0);
        let mut words = line.chunks_exact(8);
        let mut last = [0u8; 8]; // zeros: never a delimiter
        last[..words.remainder().len()].copy_from_slice(words.remainder());
        let last_len = words.remainder().len();
        let whole = words
            .by_ref()
            .map(|word| (word.try_into().unwrap_or_default(), 8));
        for (bytes, mut len) in whole.chain(std::iter::once((last, last_len))) {
            let mut word = u64::from_le_bytes(bytes);
            let mut delimiters = bytes_equal(word, self.delimiter);
            while delimiters != 0 {
                let before = delimiters.trailing_zeros() as usize / 8;
                self.out[out_len..out_len + 8].copy_from_slice(&word.to_le_bytes());
                out_len += before;
                if !self.push_end(n_ends, out_len) {
                    return false;
                }
                n_ends += 1;
                // Drops the bytes through the delimiter (a shift by 64 is 0).
                let through = (before as u32 + 1) * 8;
                word = word.checked_shr(through).unwrap_or(0);
                delimiters = delimiters.checked_shr(through).unwrap_or(0);
                len -= before + 1;
            }
            self.out[out_len..out_len + 8].copy_from_slice(&word.to_le_bytes());
            out_len += len;
        }
        if !self.push_end(n_ends, out_len) {
            return false;
        }
        self.out_len = out_len;
        self.n_ends = n_ends + 1;
        // `fresh` stays: csv-core's reader has still read nothing, so it
        // would strip a BOM that starts a later line.
        true
    }

    /// Sets the `at`-th field end of `split_plain_line`; false past the
    /// field cap.
    fn push_end(&mut self, at: usize, end: usize) -> bool {
        if at == self.max_row_fields {
            return false;
        }
        grow_to(&mut self.ends, at + 1, self.max_row_fields + 1);
        self.ends[at] = end;
        true
    }

    /// Ends the input: reports the last record, recovering the lines an
    /// unclosed quote swallowed.
    pub fn finish(&mut self, mut sink: &mut dyn FnMut(RawRow)) {
        let sink = &mut sink;
        // A line break ends the record exactly as the end of input would,
        // unless the record is inside an open quote: then it lands in the
        // quoted field, after the cut that `recover` makes (at the field's
        // first line break, this one at the latest). It is not counted as
        // a line. (csv-core's `Reader::clone` cannot be used to probe: it
        // does not copy the DFA's state numbers.)
        self.feed(&[], sink);
        while self.in_record {
            self.reserve();
            let (result, _, nout, nend) = self.reader.read_record(
                b"\n",
                &mut self.out[self.out_len..],
                &mut self.ends[self.n_ends..],
            );
            self.out_len += nout;
            self.n_ends += nend;
            if self.too_long || (result == ReadRecordResult::Record && !self.stray_quote()) {
                // A too-long record cannot be recovered: its bytes are gone.
                self.emit(sink, false);
            } else {
                // Parses the lines after the record's first one again; they
                // may leave another record open, hence the loop. (`pending`
                // is drained here, so the bytes are always a copy.)
                if let Resume::Bytes(bytes) = self.recover(sink, false) {
                    self.pending = bytes;
                    self.pending_pos = 0;
                }
                self.feed(&[], sink);
            }
        }
        self.reader.reset();
        self.fresh = true;
    }

    /// Counts the line breaks in `bytes`, which follow the bytes consumed so
    /// far, and advances the line number.
    fn count_breaks(&mut self, bytes: &[u8]) -> u64 {
        let breaks = count_line_breaks(bytes, self.prev_cr);
        if let Some(&last) = bytes.last() {
            self.prev_cr = last == b'\r';
        }
        self.line += breaks;
        breaks
    }

    /// Accounts for bytes of the record being read: `consumed[..body]` is
    /// inside the record, the rest (at most the terminator) ends it. `at`
    /// is the offset of `consumed` in `pending`, when it comes from there.
    fn consume_record_bytes(&mut self, consumed: &[u8], body: usize, at: Option<usize>) {
        let had_breaks = self.record_breaks > 0;
        let prev_cr = self.prev_cr;
        let breaks = self.count_breaks(&consumed[..body]);
        self.record_breaks += breaks;
        if had_breaks {
            self.push_tail(consumed);
        } else if breaks > 0 {
            let first = consumed[..body]
                .iter()
                .enumerate()
                .position(|(i, &b)| b == b'\r' || (b == b'\n' && !(i == 0 && prev_cr)))
                .unwrap_or(0);
            self.tail_prev_cr = consumed[first] == b'\r';
            self.tail_in_pending = at.map(|at| at + first + 1);
            self.tail.clear();
            self.push_tail(&consumed[first + 1..]);
        }
        if body < consumed.len() {
            self.count_breaks(&consumed[body..]);
        }
    }

    /// Appends to the tail, unless that takes it past the cap: the record
    /// is then too long. The tail's capacity never exceeds the cap.
    fn push_tail(&mut self, bytes: &[u8]) {
        if self.too_long {
            return;
        }
        let needed = self.tail.len() + bytes.len();
        if needed > self.max_row_bytes {
            self.set_too_long();
            return;
        }
        if needed > self.tail.capacity() {
            let target = (self.tail.capacity() * 2)
                .max(needed)
                .min(self.max_row_bytes);
            self.tail.reserve_exact(target - self.tail.len());
        }
        self.tail.extend_from_slice(bytes);
    }

    /// The record being read went past a cap: its content is dropped.
    fn set_too_long(&mut self) {
        self.too_long = true;
        self.out_len = 0;
        self.n_ends = 0;
        self.tail.clear();
    }

    /// Reports the record as it stands on its first line, flagged, and
    /// returns where parsing resumes: right after that line, from a fresh
    /// state. `in_pending` says whether the bytes being parsed come from
    /// `pending` (which can then be rewound instead of copied).
    fn recover<F: FnMut(RawRow)>(&mut self, sink: &mut F, in_pending: bool) -> Resume {
        let cut = self.out[..self.out_len]
            .iter()
            .position(|&b| b == b'\r' || b == b'\n')
            .unwrap_or(self.out_len);
        let kept = self.ends[..self.n_ends]
            .iter()
            .take_while(|&&end| end < cut)
            .count();
        if self.ends.len() <= kept {
            self.ends.resize(kept + 1, 0);
        }
        self.ends[kept] = cut;
        self.n_ends = kept + 1;
        self.out_len = cut;
        let record_line = self.record_line;
        let resume = match self.tail_in_pending {
            Some(offset) if in_pending && self.record_breaks > 0 => Resume::Rewind(offset),
            _ => Resume::Bytes(std::mem::take(&mut self.tail)),
        };
        self.emit(sink, true);

        self.reader.reset();
        self.fresh = true;
        self.line = record_line + 1;
        self.prev_cr = self.tail_prev_cr;
        resume
    }

    /// The record just ended holds a stray quote: its quoted fields hold
    /// too many line breaks, or some and a field count other than the
    /// header's with a delimiter in the quoted text after the first line
    /// break (swallowed lines have commas; the lines of a real cell, like
    /// an address or a ward on a second line, seldom do).
    fn stray_quote(&self) -> bool {
        self.record_breaks > MAX_QUOTED_LINE_BREAKS
            || (self.record_breaks > 0
                && self
                    .expected_fields
                    .is_some_and(|expected| expected != self.n_ends)
                && self.out[..self.out_len]
                    .iter()
                    .skip_while(|&&b| b != b'\r' && b != b'\n')
                    .any(|&b| b == self.delimiter))
    }

    fn emit<F: FnMut(RawRow)>(&mut self, sink: &mut F, unclosed_quote: bool) {
        let too_long = self.too_long;
        if too_long {
            self.out_len = 0;
            self.n_ends = 0;
        } else if self.expected_fields.is_none()
            && self.out_len > 0
            && self.record_line >= self.header_line
        {
            self.expected_fields = Some(self.n_ends);
        }
        sink(RawRow {
            line: self.record_line,
            bytes: &self.out[..self.out_len],
            ends: &self.ends[..self.n_ends],
            unclosed_quote,
            too_long,
        });
        self.end_record();
    }

    fn end_record(&mut self) {
        self.in_record = false;
        self.out_len = 0;
        self.n_ends = 0;
        self.record_breaks = 0;
        self.tail.clear();
        self.too_long = false;
    }

    /// Room for at least one more output byte and one more field end. The
    /// buffers grow to one more than their cap at most; a too-long record
    /// reuses them from the start.
    fn reserve(&mut self) {
        if self.too_long {
            self.out_len = 0;
            self.n_ends = 0;
        }
        // `reserve_exact` first: `resize` alone may double the capacity
        // past the cap.
        if self.out_len >= self.out.len() {
            let len = (self.out.len().max(1024) * 2).min(self.max_row_bytes + 1);
            self.out.reserve_exact(len - self.out.len());
            self.out.resize(len, 0);
        }
        if self.n_ends >= self.ends.len() {
            let len = (self.ends.len().max(16) * 2).min(self.max_row_fields + 1);
            self.ends.reserve_exact(len - self.ends.len());
            self.ends.resize(len, 0);
        }
    }
}

// ---- Resuming at a record boundary, for audit::parallel (additive) ----
impl Splitter {
    /// No record started and nothing left to parse again: the state a
    /// fresh splitter with the same line, `prev_cr` and header field count
    /// would have (csv-core's reader between records behaves as a fresh one).
    pub(crate) fn at_boundary(&self) -> bool {
        !self.in_record && self.pending_pos >= self.pending.len()
    }

    /// The header's field count, once a record with content was read.
    /// The header is the first record with content on or after `line`:
    /// the records above it (a title, a legend) do not set the field
    /// count of the stray-quote test.
    pub(crate) fn set_header_line(&mut self, line: u64) {
        self.header_line = line;
    }

    pub(crate) fn expected_fields(&self) -> Option<usize> {
        self.expected_fields
    }

    /// Counts lines from 1 again, the next byte following a CR or not.
    pub(crate) fn restart_lines(&mut self, after_cr: bool) {
        self.line = 1;
        self.prev_cr = after_cr;
    }
}

/// `buffer` holds at least `len` elements (`len` ≤ `cap`), doubling as
/// `reserve` does, never past `cap`.
fn grow_to<T: Clone + Default>(buffer: &mut Vec<T>, len: usize, cap: usize) {
    if buffer.len() < len {
        let target = len.max(buffer.len() * 2).min(cap);
        buffer.reserve_exact(target - buffer.len());
        buffer.resize(target, T::default());
    }
}

#[cfg(test)]
mod tests;
