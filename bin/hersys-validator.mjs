#!/usr/bin/env node
// hersys-validator audit FILE.csv [--encoding utf-8|shift_jis] [--format csv|json] [--lang ja|en]
//                               [--today YYYY-MM-DD] [--map 見出し=fieldKey ...] [--vocabulary LISTS.json]
//                               [--jobs N]
// Writes the report to stdout; a progress bar goes to stderr when it is a
// terminal. Exit 0: no errors; 1: errors were found; 2: usage error; 3: the
// audit failed (an unreadable file, bad options).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { auditRules, createAuditor, initAudit, reportCodes } from '../js/audit.js';
import { auditPath, defaultJobs } from '../js/audit-path.js';
import { createReport } from '../js/report.js';

const USAGE = `usage: hersys-validator audit FILE.csv [--encoding utf-8|shift_jis] [--format csv|json]
                              [--lang ja|en] [--today YYYY-MM-DD] [--map HEADER=fieldKey]...
                              [--vocabulary LISTS.json] [--jobs N]

Audits an exported case file against the HER-SYS notice rules, locally.
The report goes to stdout: CSV (UTF-8 with BOM, one line per record with an
error or a warning) or JSON (the summary and those records).
--vocabulary replaces option lists, as { "status": ["入院中", ...], ... }.
--jobs N audits on N threads (default: the number of cores); the report is
the same for any N.
Exit status: 0 no errors, 1 errors found, 2 usage error, 3 the audit failed.`;

function usage(message) {
  if (message) process.stderr.write(`hersys-validator: ${message}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      encoding: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      lang: { type: 'string', default: 'ja' },
      today: { type: 'string' },
      map: { type: 'string', multiple: true, default: [] },
      vocabulary: { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  usage(error.message);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const [command, file, ...extra] = positionals;
if (command !== 'audit') usage(command ? `unknown command '${command}'` : 'missing command');
if (!file) usage('missing FILE');
if (extra.length > 0) usage('one file at a time');
if (!['csv', 'json'].includes(values.format)) usage("--format must be 'csv' or 'json'");
if (!['ja', 'en'].includes(values.lang)) usage("--lang must be 'ja' or 'en'");
if (values.encoding !== undefined && !['utf-8', 'utf8', 'shift_jis', 'sjis', 'cp932'].includes(values.encoding.toLowerCase())) {
  usage("--encoding must be 'utf-8' or 'shift_jis'");
}
const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) usage('--jobs must be a whole number from 1 to 256');
const mapping = {};
for (const pair of values.map) {
  const at = pair.lastIndexOf('=');
  if (at <= 0) usage(`--map takes HEADER=fieldKey`);
  mapping[pair.slice(0, at)] = pair.slice(at + 1);
}

let size;
try {
  const stat = fs.statSync(file);
  if (!stat.isFile()) usage(`${file} is not a file`);
  size = stat.size;
} catch (error) {
  usage(`cannot read ${file}: ${error.code ?? error.message}`);
}

let vocabulary;
if (values.vocabulary !== undefined) {
  try {
    vocabulary = JSON.parse(fs.readFileSync(values.vocabulary, 'utf8'));
  } catch (error) {
    usage(`--vocabulary must name a JSON file of option lists: ${error.code ?? error.message}`);
  }
}

await initAudit();
const options = { lang: values.lang, ...(values.today ? { today: values.today } : {}), ...(vocabulary ? { vocabulary } : {}) };
const input = { ...(values.encoding ? { encoding: values.encoding } : {}), mapping };
try {
  // Bad options (a date, a mapping, a vocabulary) are usage errors, found before reading.
  createAuditor(input, options).free();
} catch (error) {
  usage(error.message);
}

const out = process.stdout;
// A closed pipe (`| head`) ends the report quietly, with the verdict's exit code unknown.
out.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const failing = [];
let report = null;
const progress = process.stderr.isTTY ? progressBar(size) : null;

function startReport(columns) {
  report = createReport({ columns, rules: auditRules(), codes: reportCodes(), lang: values.lang });
  out.write(report.header());
}

let summary;
try {
  summary = await auditPath(file, input, options, {
    // CSV lines stream out as the records are audited: nothing accumulates.
    onColumns: (columns) => values.format === 'csv' && startReport(columns),
    onRows: (rows) => {
      if (values.format === 'json') failing.push(...rows);
      else for (const row of rows) out.write(report.line(row));
    },
    onProgress: progress?.update,
  }, { jobs });
  if (values.format === 'csv' && report === null) startReport(summary.columns);
} catch (error) {
  progress?.done();
  // Not a usage error: the file could not be read or audited.
  process.stderr.write(`hersys-validator: the audit failed: ${error.message}\n`);
  process.exit(3);
}
progress?.done();

if (values.format === 'json') {
  out.write(`${JSON.stringify({ file: file.split(/[\\/]/).pop(), summary, rows: failing }, null, 2)}\n`);
}
process.stderr.write(
  values.lang === 'en'
    ? `${summary.rows} records: ${summary.rowsWithErrors} with errors, ${summary.rowsWithWarnings} with warnings (${summary.encoding ?? 'empty'})\n`
    : `${summary.rows} 件: エラーあり ${summary.rowsWithErrors} 件、警告あり ${summary.rowsWithWarnings} 件（${summary.encoding ?? '空'}）\n`,
);
process.exitCode = summary.rowsWithErrors > 0 ? 1 : 0;

function progressBar(total) {
  const width = 30;
  let last = 0;
  return {
    update({ rows, bytes }) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const share = total > 0 ? Math.min(1, bytes / total) : 1;
      const filled = Math.round(share * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${rows} rows`);
    },
    done() {
      process.stderr.write('\r\x1b[K');
    },
  };
}
