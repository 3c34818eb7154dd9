// The batch audit as a careful JS developer would build it without our
// module, for the benchmark's batch section (bench/run.mjs, page/batch.js):
//
//   File ─ slice(1 MiB).arrayBuffer() ─ TextDecoder(encoding, stream) ─ papaparse ─ header map ─ valibot rules
//
// - Bytes: the file is read in 1 MiB slices, one slice ahead (what
//   js/audit.js does), so the two pipelines read the same way; never a
//   whole-file string.
// - Decoding: one streaming `TextDecoder('utf-8' | 'shift_jis')`
//   (`decode(chunk, { stream: true })`), so a character cut between two
//   slices is decoded whole. Invalid bytes become U+FFFD (no `row.encoding`).
// - CSV: papaparse 5's own `Papa.Parser`, driven the way papaparse's
//   ChunkStreamer drives it: each text chunk is appended to the unfinished
//   last row of the previous one and parsed with `ignoreLastRow`, the rest
//   kept for the next chunk. Quoted fields with commas, quotes and line
//   breaks are handled by papaparse. Why papaparse: measured on the
//   generated files (100k rows, decoded chunks, Node 22): papaparse ~75–100
//   MB/s; uDSV 0.7.3 ~110–165 MB/s but it returns 99,634 rows for 100,000
//   (a row with a column too many or too few, which real exports have and
//   the generator plants, is merged or dropped, and quoted LF line breaks in
//   a CR LF file are only supported when they match the row separator);
//   csv-parse 7 ~20–25 MB/s. papaparse is the fastest that is right.
// - Header: the first non-blank row; each header mapped to a field key by
//   its Japanese label (the HER-SYS screen labels and the aliases seen in
//   exports, full-/half-width, with or without the parenthesised part),
//   as src/fields.rs does; unmapped columns are counted (`header.unmapped`)
//   except an ID-like one (受付番号, …), kept to name failing rows.
// - Rows: rows whose fields are all empty are skipped (`blankRows`); a row
//   with another field count than the header gets `row.columns`; the mapped
//   fields go into a record object, validated by the valibot schema of
//   js-rules/valibot.js (the same rules, proven to agree with ours by
//   tests/js/bench-agreement.test.mjs).
// - Output, as `auditStream`: failing rows (an error or a warning) handed to
//   `onRows` chunk by chunk with `{ index, ids, issues: [{ code, field,
//   related, severity }] }` (info-level issues left out, as ours does), and
//   a summary `{ rows, rowsWithErrors, rowsWithWarnings, blankRows, bytes,
//   encoding, counts }`.
//
// Codes it implements: the 39 field-level codes of the rules, `row.columns`
// and `header.unmapped` (PIPELINE_CODES); not `row.quoting` (papaparse reads
// an unclosed quote to the end of the file) nor `row.encoding`.
import Papa from 'papaparse';
import * as c from './common.js';
import { createValidator } from './valibot.js';

/** The codes whose counts the pipeline computes (and must agree with ours on). */
export const PIPELINE_CODES = Object.freeze([...Object.keys(c.SEVERITY), 'row.columns', 'header.unmapped']);

const SEVERITY = Object.freeze({ ...c.SEVERITY, 'row.columns': 'error', 'header.unmapped': 'info' });

/** The labels a header may carry, per field (src/fields.rs: the screen label, then the aliases). */
export const LABELS = Object.freeze({
  reportDate: ['報告年月日', '届出年月日'],
  caseType: ['類型'],
  sex: ['性別', '患者_性別'],
  birthDate: ['生年月日'],
  age: ['診断時の年齢', '年齢', '患者_年齢'],
  occupation: ['職業', '患者_職業'],
  onsetDate: ['発病年月日', '発症年月日', '発症_年月日'],
  firstVisitDate: ['初診年月日'],
  diagnosisDate: ['診断年月日', '診断（検案）年月日'],
  infectionDate: ['感染したと推定される年月日', '感染推定年月日', '感染推定日'],
  deathDate: ['死亡日付', '死亡年月日', '死亡日'],
  status: ['現在のステータス', 'ステータス'],
  deathPlace: ['死亡場所'],
  infectionRegion: ['感染地域'],
  country: ['国名', '渡航先'],
  departureDate: ['出国日', '出国年月日'],
  entryDate: ['入国日', '入国年月日', '帰国日'],
  nationality: ['国籍'],
  passportNumber: ['パスポート番号（旅券番号）', '旅券番号'],
  placeCategory: ['場所区分'],
  placeName: ['場所名称'],
  facilityCategory: ['施設等区分'],
  severity: ['重症度'],
});

const STRIP = /[\s_・.]/gu;
/** A label as people retype it: folded, upper-cased, without spaces, `_`, `・` or `.`. */
const labelForm = (label) => c.comparable(label).replace(STRIP, '');
const withoutParentheses = (label) => c.foldAscii(label).replace(/\([^()]*\)/g, '');

const LOOKUP = new Map();
for (const [key, labels] of Object.entries(LABELS)) {
  for (const form of [labelForm(key), ...labels.flatMap((l) => [labelForm(l), labelForm(withoutParentheses(l))])]) {
    if (form !== '' && !LOOKUP.has(form)) LOOKUP.set(form, key);
  }
}

/** The field key a header names, or null. */
export function lookupHeader(header) {
  return LOOKUP.get(labelForm(header)) ?? null;
}

/** Unmapped headers that name a record (src/audit/header.rs looks_like_id, the common cases). */
const ID_HEADER = /番号|ID|NO$|受付|整理/i;

/** Bytes read at a time (js/audit.js CHUNK_BYTES). */
export const CHUNK_BYTES = 1 << 20;

/**
 * A streaming audit: `push(bytes)` each chunk, then `finish()`; both return
 * `{ rows, failing }` like the wasm Auditor. `summary()` gives the counts.
 */
export function createPipeline({ encoding = 'utf-8', options = {}, validator } = {}) {
  const rules = validator ?? createValidator(options);
  const decoder = new TextDecoder(encoding);
  const counts = Object.create(null);
  let partial = '';
  let newline = null;
  let header = null;
  let columns = 0;
  let mapped = [];
  let idColumns = [];
  let rows = 0;
  let rowsWithErrors = 0;
  let rowsWithWarnings = 0;
  let blankRows = 0;
  let bytes = 0;
  let failing = [];

  const count = (code) => {
    counts[code] = (counts[code] ?? 0) + 1;
  };

  function readHeader(fields) {
    header = fields;
    columns = fields.length;
    const taken = new Set();
    mapped = [];
    idColumns = [];
    fields.forEach((label, index) => {
      const key = lookupHeader(label);
      if (key !== null && !taken.has(key)) {
        taken.add(key);
        mapped.push([index, key]);
      } else if (key === null && ID_HEADER.test(c.trim(label))) {
        // An identifying column is kept, not counted as unmapped (as ours).
        idColumns.push(index);
      } else {
        count('header.unmapped');
      }
    });
  }

  function row(fields) {
    let blank = true;
    for (let i = 0; i < fields.length; i++) {
      if (fields[i] !== '') {
        blank = false;
        break;
      }
    }
    if (blank) {
      if (header !== null) blankRows++;
      return;
    }
    if (header === null) {
      readHeader(fields);
      return;
    }
    rows++;
    const record = {};
    for (let i = 0; i < mapped.length; i++) {
      const [column, key] = mapped[i];
      if (column < fields.length) record[key] = fields[column];
    }
    const issues = rules.validate(record);
    if (fields.length !== columns) issues.unshift({ code: 'row.columns', field: null, related: [] });
    let error = false;
    let warning = false;
    let shown = null;
    for (const issue of issues) {
      count(issue.code);
      const severity = SEVERITY[issue.code];
      if (severity === 'info') continue;
      if (severity === 'error') error = true;
      else warning = true;
      (shown ??= []).push({ ...issue, severity });
    }
    if (error) rowsWithErrors++;
    if (warning) rowsWithWarnings++;
    if (shown !== null) {
      failing.push({ index: rows, ids: idColumns.map((i) => (i < fields.length ? c.trim(fields[i]) : '')), issues: shown });
    }
  }

  /** papaparse's line-ending guess, on the first text: the first line break (headers hold no quotes). */
  function guessNewline(text) {
    const lf = text.indexOf('\n');
    const cr = text.indexOf('\r');
    if (cr < 0 || (lf >= 0 && lf < cr)) return lf < 0 ? null : '\n';
    if (cr + 1 === text.length) return null; // a CR at the end: CR LF or CR, not known yet
    return text.charAt(cr + 1) === '\n' ? '\r\n' : '\r';
  }

  function parse(text, last) {
    const input = partial + text;
    if (newline === null) {
      newline = guessNewline(input);
      if (newline === null && !last) {
        partial = input; // no line break yet: wait for more
        return;
      }
      newline ??= '\n';
    }
    const result = new Papa.Parser({ delimiter: ',', newline }).parse(input, 0, !last);
    partial = last ? '' : input.substring(result.meta.cursor);
    for (const fields of result.data) row(fields);
  }

  /** The rows completed since `before`, and the failing ones among them. */
  function batch(before) {
    const out = { rows: rows - before, failing };
    failing = [];
    return out;
  }

  return {
    push(chunk) {
      const before = rows;
      bytes += chunk.byteLength;
      parse(decoder.decode(chunk, { stream: true }), false);
      return batch(before);
    },
    finish() {
      const before = rows;
      parse(decoder.decode(), true);
      return batch(before);
    },
    summary() {
      return { rows, rowsWithErrors, rowsWithWarnings, blankRows, bytes, encoding, counts: { ...counts } };
    },
  };
}

async function* chunksOf(source) {
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    // One slice read ahead, so that reading overlaps the audit (as js/audit.js does).
    const read = (offset) => source.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
    let next = read(0);
    for (let offset = 0; offset < source.size; offset += CHUNK_BYTES) {
      const current = await next;
      if (offset + CHUNK_BYTES < source.size) next = read(offset + CHUNK_BYTES);
      yield new Uint8Array(current);
    }
  } else if (source instanceof Uint8Array) {
    for (let offset = 0; offset < source.length; offset += CHUNK_BYTES) yield source.subarray(offset, offset + CHUNK_BYTES);
  } else if (source && typeof source[Symbol.asyncIterator] === 'function') {
    for await (const chunk of source) yield chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk);
  } else {
    throw new TypeError('the source must be a Blob, a Uint8Array or an async iterable of bytes');
  }
}

/**
 * The pipeline over a whole source, with the hooks of `auditStream`:
 * `{ onRows(failingRows), onProgress({ rows, bytes }) }`. Returns the summary.
 */
export async function auditPipeline(source, input = {}, options = {}, hooks = {}) {
  const { onRows, onProgress } = hooks;
  const pipeline = createPipeline({ encoding: input.encoding ?? 'utf-8', options });
  let rows = 0;
  let bytes = 0;
  const take = (batch) => {
    rows += batch.rows;
    if (batch.failing.length > 0) onRows?.(batch.failing);
  };
  for await (const chunk of chunksOf(source)) {
    take(pipeline.push(chunk));
    bytes += chunk.byteLength;
    onProgress?.({ rows, bytes });
  }
  take(pipeline.finish());
  onProgress?.({ rows, bytes });
  return pipeline.summary();
}
