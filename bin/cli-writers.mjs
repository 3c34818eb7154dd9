// The report writers of the command line: CSV (long or wide), JSON and NDJSON,
// each written record by record as the audit goes, never accumulated. Every
// write respects back-pressure: when the output's buffer is full, `rows()`
// returns a promise that resolves on 'drain', and the audit waits for it
// before reading more of the file, so a slow pipe never grows memory.
import { once } from 'node:events';
import { createReport } from '../js/report.js';

/**
 * @param out a Writable (process.stdout)
 * @param format 'csv' | 'json' | 'ndjson'
 * @param report `{ shape, lang, rules, codes, fields }` for CSV
 * @param file the file's base name, for JSON
 * @returns `{ rows(batch, columns) → Promise | undefined, end(summary) → Promise }`
 */
export function createWriter(out, format, report, file) {
  let started = false;
  let first = true;
  let csv = null;

  /** Writes `text`; a promise when the caller must wait for 'drain'. */
  const write = (text) => (out.write(text) ? undefined : once(out, 'drain'));

  // Nothing is written before the first record (or the end): a file the audit
  // refuses leaves the output empty.
  const start = (columns) => {
    started = true;
    if (format === 'csv') {
      csv = createReport({ columns, ...report });
      return csv.header();
    }
    if (format === 'json') return `{"file":${JSON.stringify(file)},"rows":[\n`;
    return '';
  };

  const rowText = (row) => {
    if (format === 'csv') return csv.lines(row);
    if (format === 'ndjson') return `${JSON.stringify({ type: 'row', ...row })}\n`;
    const text = `${first ? '' : ',\n'}${JSON.stringify(row)}`;
    first = false;
    return text;
  };

  return {
    rows(batch, columns) {
      let text = started ? '' : start(columns);
      for (const row of batch) text += rowText(row);
      return write(text);
    },
    async end(summary) {
      let text = started ? '' : start(summary.columns);
      if (format === 'json') text += `${first ? '' : '\n'}],"summary":${JSON.stringify(summary)}}\n`;
      if (format === 'ndjson') text += `${JSON.stringify({ type: 'summary', file, ...summary })}\n`;
      await write(text);
    },
  };
}
