// The report writers of the command line: CSV (long or wide), JSON and NDJSON,
// each written record by record as the audit goes, never accumulated, except
// the wide CSV: its columns are the rules that fired in the whole file, known
// only at the end, so its records are kept until then, in memory, reduced to
// what a wide line needs (line, record number, ID cells, and each issue's
// code, severity and message, one shared object per distinct issue: messages
// never hold a value, so there are few): about 150 bytes per failing record
// plus its ID cells, some 20 MB for 100k. Not a temporary file: the ID cells
// are patient data and would outlive a killed process on disk. Every
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
  // The wide CSV: its records until the end, and one object per distinct issue.
  const wide = format === 'csv' && report.shape === 'wide';
  let kept = [];
  let keptColumns = [];
  const issueOf = new Map();

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
      keptColumns = safeColumns(columns);
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

  /** What a wide line needs of a record; its ID cells made visible. */
  const keep = (row) => {
    const issues = row.issues.map(({ code, severity, message }) => {
      const key = `${code}\u0000${severity}\u0000${message}`;
      let issue = issueOf.get(key);
      if (!issue) issueOf.set(key, (issue = { code, severity, message: visible(message) }));
      return issue;
    });
    kept.push({ row: row.row, index: row.index, ids: row.ids.map(visible), issues });
  };

  /** The wide CSV, once every record is known: its header names only the rules that fired. */
  const writeWide = async () => {
    const csv = createReport({ columns: keptColumns, ...report, rows: kept });
    text += csv.header();
    for (let i = 0; i < kept.length; i++) {
      text += csv.lines(kept[i]);
      kept[i] = undefined; // written: let it go
      if (text.length >= PIECE) await flush();
    }
    kept = [];
  };

  const writeRows = async (batch, columns) => {
    if (!started) text += start(columns);
    if (wide) {
      for (const row of batch) keep(row);
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
