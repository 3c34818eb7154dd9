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
// - Lines: each row's line in the file (LF, CR LF and a lone CR inside a
//   quoted field each count), for the report and `row.duplicate`.
// - Header (docs/rules.md §7): the line, among the first 50 of the first
//   64 KiB (decoded and parsed on their own), that maps the most fields, at
//   least two, the first on a tie; the lines above it are skipped
//   (`header.skipped`); none → refused (`file.header_not_found`, thrown).
//   Labels map as src/fields.rs does: the screen labels and the aliases
//   seen in exports, full-/half-width, with or without the parenthesised
//   part, then without a bracketed note at the end. Counted once: unmapped
//   columns (`header.unmapped`; not an identifying one, 受付番号 …, kept to
//   name failing rows), those among them that look like a date, status,
//   passport or place (`header.unrecognised`), and each field a check of
//   the notice needs that no column holds (`header.missing`; its findings
//   are dropped from every row).
// - Rows: rows whose fields are all empty are skipped (`blankRows`); a row
//   with another field count than the header gets `row.columns` alone; the
//   others' mapped fields go into a record object, validated by the valibot
//   schema of js-rules/valibot.js (the same rules, proven to agree with ours
//   by tests/js/bench-agreement.test.mjs), and checked against the earlier
//   records (`row.duplicate`, a Map keyed by the mapped values).
// - Output, as `auditStream`: failing rows (an error or a warning) handed to
//   `onRows` chunk by chunk with `{ row, index, ids, issues: [{ code, field,
//   related, severity }] }` (info-level issues left out, as ours does;
//   `earlierRow` on `row.duplicate`), and a summary `{ rows, rowsWithErrors,
//   rowsWithWarnings, blankRows, bytes, encoding, headerLine, counts }`.
//
// Codes it implements (PIPELINE_CODES, its declaration of coverage): those
// of the valibot rules (their COVERED_CODES), `row.columns`, `row.duplicate`
// and the four `header.*` counts, and the refusal `file.header_not_found`;
// not `row.quoting` (papaparse reads an unclosed quote to the end of the
// file), `row.encoding` nor `row.too_long`. Ours is compared on these codes
// alone (tests/js/bench-pipeline-agreement.test.mjs filters ours).
import Papa from 'papaparse';
import * as c from './common.js';
import { createValidator, COVERED_CODES } from './valibot.js';

/** The codes whose counts the pipeline computes (and must agree with ours on). */
export const PIPELINE_CODES = Object.freeze([
  ...COVERED_CODES,
  'row.columns',
  'row.duplicate',
  'header.unmapped',
  'header.skipped',
  'header.missing',
  'header.unrecognised',
]);

/** Fields public case lists never publish (RECORD_FIELDS in src/audit/header.rs): a file mapping one is checked for repeats. */
const RECORD_FIELDS = ['birthDate', 'passportNumber', 'entryDate', 'status', 'placeCategory', 'placeName'];
/** The severity of each code a row can carry (the header counts have none here: they are the file's). */
export const ROW_SEVERITY = Object.freeze({ ...c.SEVERITY, 'row.columns': 'error', 'row.duplicate': 'warning' });

/** The labels a header may carry, per field (src/fields.rs: the screen label, then the aliases). */
export const LABELS = Object.freeze({
  reportDate: ['報告年月日', '届出年月日'],
  caseType: ['類型'],
  sex: ['性別', '患者_性別'],
  birthDate: ['生年月日'],
  age: ['診断時の年齢', '年齢', '患者_年齢'],
  occupation: ['職業', '患者_職業'],
  onsetDate: ['発病年月日', '発症年月日', '発症_年月日', '発症日'],
  firstVisitDate: ['初診年月日'],
  diagnosisDate: ['診断年月日', '診断（検案）年月日', '診断日', '事例確定_年月日', '確定日', '陽性確定日', '判明日'],
  infectionDate: ['感染したと推定される年月日', '感染推定年月日', '感染推定日'],
  deathDate: ['死亡日付', '死亡年月日', '死亡日'],
  status: ['現在のステータス', 'ステータス'],
  deathPlace: ['死亡場所'],
  infectionRegion: ['感染地域'],
  country: ['国名', '渡航先'],
  departureDate: ['出国日', '出国年月日'],
  entryDate: ['入国日', '入国年月日', '帰国日', '到着日'],
  nationality: ['国籍'],
  passportNumber: ['パスポート番号（旅券番号）', '旅券番号'],
  placeCategory: ['場所区分'],
  placeName: ['場所名称'],
  facilityCategory: ['施設等区分'],
  severity: ['重症度'],
});

const STRIP = new RegExp(`[${c.WHITE_SPACE_CLASS}_・.]`, 'g');
/** A label as people retype it: folded, upper-cased, without white space, `_`, `・` or `.`. */
const labelForm = (label) => c.comparable(label).replace(STRIP, '');
const withoutParentheses = (label) => c.foldAscii(label).replace(/\([^()]*\)/g, '');

// Every field's key and screen label before any alias (fields.rs find_form);
// the first field wins a form.
const LOOKUP = new Map();
const learn = (form, key) => {
  if (form !== '' && !LOOKUP.has(form)) LOOKUP.set(form, key);
};
for (const [key, [label]] of Object.entries(LABELS)) {
  learn(labelForm(key), key);
  learn(labelForm(label), key);
  learn(labelForm(withoutParentheses(label)), key);
}
for (const [key, [, ...aliases]] of Object.entries(LABELS)) {
  for (const alias of aliases) {
    learn(labelForm(alias), key);
    learn(labelForm(withoutParentheses(alias)), key);
  }
}

/** The brackets a note at the end of a header may use, closing → opening (after folding: （） is ()). */
const NOTE_BRACKETS = new Map([[')', '('], [']', '['], ['】', '【'], ['〕', '〔'], ['》', '《']]);

/** A label form without the bracketed note that ends it (入国日(帰国日) → 入国日); null when none or nothing is left. */
function withoutTrailingNote(form) {
  const open = NOTE_BRACKETS.get(form[form.length - 1]);
  const start = open === undefined ? -1 : form.lastIndexOf(open);
  return start > 0 ? form.slice(0, start) : null; // a form holds no white space to trim
}

/** The field key a header names, or null: as written, else without its trailing notes, one at a time. */
export function lookupHeader(header) {
  for (let form = labelForm(header); form !== null && form !== ''; form = withoutTrailingNote(form)) {
    const key = LOOKUP.get(form);
    if (key !== undefined) return key;
  }
  return null;
}

/** The headers of identifying columns (src/audit/header.rs IDENTIFIER_HEADERS). */
const IDENTIFIER_HEADERS = [
  '受付番号', 'HER-SYS ID', '受付ID', 'HER-SYS番号', '届出番号', '届出ID', '発生届番号', '整理番号', '管理番号',
  '事例番号', '通し番号', '連番', '番号', 'No', 'ID', '患者ID', 'caseId', 'recordId',
];
const ID_STRIP = new RegExp(`[${c.WHITE_SPACE_CLASS}\\-_.・]`, 'g');
/** header.rs identifier_key: full-width ASCII folded, ASCII lower-cased, spaces and - _ . ・ dropped. */
const identifierKey = (header) => c.foldAscii(header).replace(/[A-Z]+/g, (m) => m.toLowerCase()).replace(ID_STRIP, '');
const IDENTIFIER_KEYS = new Set(IDENTIFIER_HEADERS.map(identifierKey));

/** True when an unmapped header names the record (受付番号, No, …). */
function isIdentifier(header) {
  const key = identifierKey(header);
  return key !== '' && IDENTIFIER_KEYS.has(key);
}

/** True when an unmapped header looks like a date, status, passport or place column (header.rs Lookalike::of). */
function looksLikeField(header) {
  const form = c.comparable(header);
  const has = (...words) => words.some((word) => form.includes(word));
  return (
    has('パスポート', '旅券', 'PASSPORT', 'ステータス', '状態', '転帰', 'STATUS', '場所', 'PLACE', '年月日', '日付', '日時', 'DATE') ||
    (form.endsWith('日') && !has('曜日', '日数'))
  );
}

/** The fields the checks of the notice need (header.rs NOTICE_CHECKS). */
const NOTICE_FIELDS = [
  ...['entryDate', 'diagnosisDate', 'passportNumber'], // 記1
  ...['status', 'deathDate', 'deathPlace'], // 記2①
  'placeCategory', // 記2②
];

/** Bytes read at a time (js/audit.js CHUNK_BYTES). */
export const CHUNK_BYTES = 1 << 20;
/** The header is looked for on the first 64 KiB (src/audit/encoding.rs DETECTION_WINDOW) … */
const HEADER_WINDOW = 1 << 16;
/** … among the first 50 lines, and maps at least two fields (src/audit/header_search.rs). */
const HEADER_SEARCH_LINES = 50;
const MIN_HEADER_FIELDS = 2;

/** The line breaks inside a row's fields (LF, CR LF or a lone CR each), which move the next row's line. */
function lineBreaksIn(fields) {
  let breaks = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) continue;
    for (let j = 0; j < field.length; j++) {
      const ch = field.charCodeAt(j);
      if (ch === 10) breaks++;
      else if (ch === 13) {
        breaks++;
        if (field.charCodeAt(j + 1) === 10) j++;
      }
    }
  }
  return breaks;
}

/** papaparse's line-ending guess: the first line break (headers hold no quotes); null when not known yet. */
function guessNewline(text) {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr < 0 || (lf >= 0 && lf < cr)) return lf < 0 ? null : '\n';
  if (cr + 1 === text.length) return null; // a CR at the end: CR LF or CR, not known yet
  return text.charAt(cr + 1) === '\n' ? '\r\n' : '\r';
}

const refused = (code) => Object.assign(new Error(`the file is not audited: ${code}`), { code });

/**
 * The header's line in `text` (the file's first 64 KiB, decoded; `eof` when
 * that is the whole file): the line among the first 50 that maps the most
 * fields, at least two. 0 when the text holds no complete line with content
 * (the first row with content is then the header); throws
 * `file.header_not_found` when no line maps two fields.
 */
function findHeader(text, eof) {
  const newline = guessNewline(text) ?? '\n';
  const { data } = new Papa.Parser({ delimiter: ',', newline, preview: HEADER_SEARCH_LINES }).parse(text, 0, !eof);
  let best = 0;
  let most = MIN_HEADER_FIELDS - 1;
  let any = false;
  let line = 1;
  for (const cells of data) {
    if (line > HEADER_SEARCH_LINES) break;
    if (cells.some((cell) => cell !== '')) {
      any = true;
      const fields = new Set();
      for (const cell of cells) {
        const key = lookupHeader(cell);
        if (key !== null) fields.add(key);
      }
      if (fields.size > most) {
        best = line;
        most = fields.size;
      }
    }
    line += 1 + lineBreaksIn(cells);
  }
  if (best === 0 && any && /[\r\n]/.test(text)) throw refused('file.header_not_found');
  return best;
}

/**
 * A streaming audit: `push(bytes)` each chunk, then `finish()`; both return
 * `{ rows, failing }` like the wasm Auditor (and throw, as it does, for a
 * file with no header: `error.code` is `file.header_not_found`).
 * `summary()` gives the counts.
 */
export function createPipeline({ encoding = 'utf-8', options = {}, validator } = {}) {
  const rules = validator ?? createValidator(options);
  const decoder = new TextDecoder(encoding);
  const counts = Object.create(null);
  // The first 64 KiB, kept until the header's line is found in them.
  let head = new Uint8Array(HEADER_WINDOW);
  let headBytes = 0;
  let headerTarget = -1; // the header's line once known (0: the first row with content)
  let refusal = null;
  let partial = '';
  let newline = null;
  let line = 1; // the line the next row starts on
  let headerLine = 0; // 0 until the header is read
  let columns = 0;
  const mappedColumns = [];
  const mappedKeys = [];
  const idColumns = [];
  let missing = null; // the fields no column holds whose findings are the file's (`header.missing`)
  // The earlier records, by their mapped values joined with NUL (CSV text holds none), to their
  // line. Per distinct record, a copy of its values (2 bytes a character: Japanese text) and a Map
  // entry (~35 bytes): ~280 bytes for the generated rows, ~280 MB for a million (ours keeps a
  // 64-bit hash and the line: under 43 bytes).
  const seen = new Map();
  let checkRepeats = false;
  let values = [];
  let rows = 0;
  let rowsWithErrors = 0;
  let rowsWithWarnings = 0;
  let blankRows = 0;
  let bytes = 0;
  let failing = [];

  const count = (code, n = 1) => {
    if (n > 0) counts[code] = (counts[code] ?? 0) + n;
  };

  function decideHeader(eof) {
    const window = head.subarray(0, headBytes);
    head = null;
    try {
      headerTarget = findHeader(new TextDecoder(encoding).decode(window, { stream: !eof }), eof);
    } catch (error) {
      refusal = error;
      throw error;
    }
  }

  function readHeader(fields, at) {
    headerLine = at;
    columns = fields.length;
    const taken = new Set();
    let unmapped = 0;
    let unrecognised = 0;
    fields.forEach((label, index) => {
      const key = lookupHeader(label);
      if (key !== null && !taken.has(key)) {
        taken.add(key);
        mappedColumns.push(index);
        mappedKeys.push(key);
      } else if (isIdentifier(label)) {
        // An identifying column is kept, not counted as unmapped (as ours).
        idColumns.push(index);
      } else {
        unmapped++;
        // A second column of a field is not a lookalike: it is that field's.
        if (key === null && looksLikeField(label)) unrecognised++;
      }
    });
    values = new Array(mappedColumns.length).fill('');
    checkRepeats = RECORD_FIELDS.some((key) => taken.has(key));
    const absent = NOTICE_FIELDS.filter((key) => !taken.has(key));
    if (absent.length > 0) missing = new Set(absent);
    count('header.unmapped', unmapped);
    count('header.skipped', headerLine > 1 ? 1 : 0);
    count('header.missing', absent.length);
    count('header.unrecognised', unrecognised);
  }

  function row(fields) {
    let blank = true;
    for (let i = 0; i < fields.length; i++) {
      if (fields[i] !== '') {
        blank = false;
        break;
      }
    }
    const at = line;
    line += 1 + lineBreaksIn(fields);
    if (headerLine === 0) {
      // Lines above the header (a title, a legend) are skipped.
      if (!blank && at >= headerTarget) readHeader(fields, at);
      return;
    }
    if (blank) {
      if (fields.length > 1) blankRows++; // `,,,`; an empty line is no row
      return;
    }
    rows++;
    let issues;
    if (fields.length !== columns) {
      // Its cells are in the wrong columns: the row finding alone.
      issues = [{ code: 'row.columns', field: null, related: [] }];
    } else {
      const record = {};
      let content = false;
      for (let i = 0; i < mappedColumns.length; i++) {
        const value = fields[mappedColumns[i]];
        record[mappedKeys[i]] = value;
        values[i] = value;
        if (!content && value !== '' && c.trim(value) !== '') content = true;
      }
      issues = rules.validate(record);
      if (missing !== null) issues = issues.filter((issue) => !missing.has(issue.field));
      // Only a file with a field of the record itself is checked for repeats
      // (HeaderMap::tells_records_apart); a record whose mapped values are all empty is never one.
      if (checkRepeats && content) {
        const key = values.join('\0');
        const earlier = seen.get(key);
        if (earlier === undefined) seen.set(key, at);
        else issues.unshift({ code: 'row.duplicate', field: null, related: [], earlierRow: earlier });
      }
    }
    let error = false;
    let warning = false;
    let shown = null;
    for (const issue of issues) {
      count(issue.code);
      const severity = ROW_SEVERITY[issue.code];
      if (severity === 'info') continue;
      if (severity === 'error') error = true;
      else warning = true;
      (shown ??= []).push({ ...issue, severity });
    }
    if (error) rowsWithErrors++;
    if (warning) rowsWithWarnings++;
    if (shown !== null) {
      const ids = idColumns.map((i) => (i < fields.length ? c.trim(fields[i]) : ''));
      failing.push({ row: at, index: rows, ids, issues: shown });
    }
  }

  function parse(text, last) {
    const input = partial + text;
    if (headerTarget < 0) {
      partial = input; // the header's line is not known yet: wait for more
      return;
    }
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
      if (refusal !== null) throw refusal;
      const before = rows;
      bytes += chunk.byteLength;
      if (head !== null) {
        const taken = Math.min(chunk.byteLength, HEADER_WINDOW - headBytes);
        head.set(chunk.subarray(0, taken), headBytes);
        headBytes += taken;
        if (headBytes === HEADER_WINDOW) decideHeader(false);
      }
      parse(decoder.decode(chunk, { stream: true }), false);
      return batch(before);
    },
    finish() {
      if (refusal !== null) throw refusal;
      const before = rows;
      if (head !== null) decideHeader(true);
      parse(decoder.decode(), true);
      return batch(before);
    },
    summary() {
      return { rows, rowsWithErrors, rowsWithWarnings, blankRows, bytes, encoding, headerLine, counts: { ...counts } };
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

// ---------------------------------------------------------------- ours, seen through PIPELINE_CODES

const PIPELINE = new Set(PIPELINE_CODES);

/** The rows with an error and the rows with a warning among failing rows. */
export function severityCounts(rows) {
  let rowsWithErrors = 0;
  let rowsWithWarnings = 0;
  for (const row of rows) {
    if (row.issues.some((i) => i.severity === 'error')) rowsWithErrors++;
    if (row.issues.some((i) => i.severity === 'warning')) rowsWithWarnings++;
  }
  return { rowsWithErrors, rowsWithWarnings };
}

/**
 * An audit of ours (`summary` and every failing row handed to `onRows`) seen
 * through the pipeline's codes: its failing rows keep those codes alone (a
 * row left with none is not failing), and its rows with errors and warnings
 * are counted on them; the counts of other codes stay in the summary (compare
 * on PIPELINE_CODES). A new code of ours then changes nothing the pipeline
 * is compared on (tests/js/bench-pipeline-agreement.test.mjs,
 * bench/sections/batch.mjs). Throws when the rows are not all the failing
 * rows of the summary.
 */
export function onPipelineCodes(summary, rows) {
  // Every row ours counts is among its failing rows, so the counts can be taken on them.
  const all = severityCounts(rows);
  if (all.rowsWithErrors !== summary.rowsWithErrors || all.rowsWithWarnings !== summary.rowsWithWarnings) {
    throw new Error(
      `the failing rows (${all.rowsWithErrors} with errors, ${all.rowsWithWarnings} with warnings) are not those of the summary ` +
        `(${summary.rowsWithErrors}, ${summary.rowsWithWarnings})`,
    );
  }
  const kept = [];
  for (const row of rows) {
    const issues = row.issues.filter((i) => PIPELINE.has(i.code));
    if (issues.length === row.issues.length) kept.push(row);
    else if (issues.length > 0) kept.push({ ...row, issues });
  }
  return { summary: { ...summary, ...severityCounts(kept) }, rows: kept };
}
