// The report writers of the command line: CSV (long or wide), JSON and NDJSON,
// each written record by record as the audit goes, never accumulated, except
// the wide CSV: its columns are the rules that fired in the whole file, known
// only at the end, so its records are kept until then, in memory, reduced to
// what a wide line needs (see createWideStore): about 60 bytes per failing
// record, its ID cells included. Not a temporary file: the ID cells are patient
// data and would outlive a killed process on disk. Every
// write respects back-pressure: text goes out in pieces of about 64 KiB, and
// when the output's buffer is full `rows()` waits for 'drain' before writing
// more, and the audit waits for `rows()` before reading more of the file, so
// neither a slow pipe nor a batch of many rows grows memory.
import { createReport } from '../js/report.js';

/**
 * Control characters (all of C0, DEL and C1), the line and paragraph
 * separators and the bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069): an ID cell or a header holding them could move a
 * terminal's cursor, split an NDJSON line for some readers, or make a line
 * read backwards.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text from the file or the command line, each unsafe character replaced by U+FFFD, in every format and on stderr. */
export function visible(text) {
  return typeof text === 'string' ? text.replace(UNSAFE, '\ufffd') : text;
}

/**
 * The wide CSV's records until the end, flat: line and record number in a
 * Float64Array, the ID cells as one string per record (joined by U+0000,
 * which visible() has already replaced in them), and each issue as the number
 * of a distinct { code, severity, message } (messages never hold a value, so
 * there are few) in a Uint32Array, with each record's end in another.
 */
function createWideStore() {
  let numbers = new Float64Array(2048);
  let ends = new Uint32Array(1024);
  let refs = new Uint32Array(4096);
  let ids = [];
  let count = 0;
  let used = 0;
  const distinct = [];
  const numberOf = new Map();
  const grow = (array, need) => {
    if (need <= array.length) return array;
    const bigger = new array.constructor(Math.max(need, array.length * 2));
    bigger.set(array);
    return bigger;
  };
  return {
    get size() {
      return count;
    },
    /** Every distinct issue kept: the codes that fired, for the header. */
    issues: () => distinct,
    add(row) {
      numbers = grow(numbers, 2 * count + 2);
      ends = grow(ends, count + 1);
      refs = grow(refs, used + row.issues.length);
      numbers[2 * count] = row.row;
      numbers[2 * count + 1] = row.index;
      for (const { code, severity, message } of row.issues) {
        const key = `${code}\u0000${severity}\u0000${message}`;
        let n = numberOf.get(key);
        if (n === undefined) {
          n = distinct.push({ code, severity, message: visible(message) }) - 1;
          numberOf.set(key, n);
        }
        refs[used++] = n;
      }
      ends[count] = used;
      ids.push(row.ids.map(visible).join('\u0000'));
      count++;
    },
    /** Record `i` in the shape createReport's lines() takes. */
    get(i) {
      const issues = [];
      for (let at = i === 0 ? 0 : ends[i - 1]; at < ends[i]; at++) issues.push(distinct[refs[at]]);
      return { row: numbers[2 * i], index: numbers[2 * i + 1], ids: ids[i].split('\u0000'), issues };
    },
    /** Lets record `i`'s ID cells go once it is written. */
    release(i) {
      ids[i] = undefined;
    },
    clear() {
      numbers = ends = refs = null;
      ids = [];
    },
  };
}

/** Text is written once this much has gathered (UTF-16 units). */
const PIECE = 1 << 16;

/**
 * @param out a Writable (process.stdout)
 * @param format 'csv' | 'json' | 'ndjson'
 * @param report `{ shape, lang, rules, codes, fields }` for CSV
 * @param file the file's name, for JSON
 * @returns `{ rows(batch, columns) → Promise, end(summary) → Promise, close() }`;
 *   `close()` drops everything written after it (the reader has gone)
 */
export function createWriter(out, format, report, file) {
  let started = false;
  let first = true;
  let csv = null;
  let closed = false;
  let text = '';
  let queue = Promise.resolve();
  // The wide CSV: its records until the end.
  const wide = format === 'csv' && report.shape === 'wide' ? createWideStore() : null;
  let wideColumns = [];

  /** Writes what has gathered; waits for 'drain' when the output's buffer is full. */
  const flush = async () => {
    const piece = text;
    text = '';
    if (closed || piece === '' || out.write(piece)) return;
    await new Promise((resolve) => {
      const done = () => {
        out.off('drain', done).off('error', done).off('close', done);
        resolve();
      };
      out.on('drain', done).on('error', done).on('close', done);
    });
  };

  const safeColumns = (columns) => columns.map((column) => ({ ...column, header: visible(column.header) }));
  /** Every text of the summary (headers, file findings), made visible: it is written once. */
  const safe = (value) => {
    if (typeof value === 'string') return visible(value);
    if (Array.isArray(value)) return value.map(safe);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, safe(item)]));
    return value;
  };

  // Nothing is written before the first record (or the end): a file the audit
  // refuses leaves the output empty.
  const start = (columns) => {
    started = true;
    if (wide) {
      wideColumns = safeColumns(columns);
      return '';
    }
    if (format === 'csv') {
      csv = createReport({ columns: safeColumns(columns), ...report });
      return csv.header();
    }
    if (format === 'json') return `{"file":${JSON.stringify(visible(file))},"rows":[\n`;
    return '';
  };

  const rowText = (row) => {
    row.ids = row.ids.map(visible);
    for (const issue of row.issues) {
      issue.message = visible(issue.message);
      if (issue.fix !== undefined) issue.fix = visible(issue.fix);
    }
    if (format === 'csv') return csv.lines(row);
    if (format === 'ndjson') return `${JSON.stringify({ type: 'row', ...row })}\n`;
    const line = `${first ? '' : ',\n'}${JSON.stringify(row)}`;
    first = false;
    return line;
  };

  /** The wide CSV, once every record is known: its header names only the rules that fired. */
  const writeWide = async () => {
    // Every distinct issue belongs to a kept record: as one record, they give the codes that fired.
    const csv = createReport({ columns: wideColumns, ...report, rows: [{ issues: wide.issues() }] });
    text += csv.header();
    for (let i = 0; i < wide.size; i++) {
      text += csv.lines(wide.get(i));
      wide.release(i);
      if (text.length >= PIECE) await flush();
    }
    wide.clear();
  };

  const writeRows = async (batch, columns) => {
    if (!started) text += start(columns);
    if (wide) {
      for (const row of batch) wide.add(row);
      return;
    }
    for (const row of batch) {
      text += rowText(row);
      if (text.length >= PIECE) await flush();
    }
    await flush();
  };

  // Calls are queued: the pool may hand over a batch while the last one waits for 'drain'.
  const queued = (work) => {
    queue = queue.then(work);
    return queue;
  };

  return {
    rows: (batch, columns) => queued(() => writeRows(batch, columns)),
    end: (summary) =>
      queued(async () => {
        if (!started) text += start(summary.columns);
        if (wide) await writeWide();
        if (format === 'json') text += `${first ? '' : '\n'}],"summary":${JSON.stringify(safe(summary))}}\n`;
        if (format === 'ndjson') text += `${JSON.stringify(safe({ type: 'summary', file, ...summary }))}\n`;
        await flush();
      }),
    close() {
      closed = true;
    },
  };
}
