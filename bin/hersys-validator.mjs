#!/usr/bin/env node
// hersys-validator audit FILE [options]: the batch audit from the command
// line (see USAGE below, and the README section "Auditing a whole file").
// The report streams to stdout as the file is read, with back-pressure
// (bin/cli-writers.mjs); errors go to stderr, one line each, never quoting
// the file's content; the exit status follows the table in USAGE.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AuditRefusedError,
  auditEncodings,
  auditFields,
  auditRules,
  createAuditor,
  identifierHeaders,
  initAudit,
  reportCodes,
} from '../js/audit.js';
import { auditPath, defaultJobs } from '../js/audit-path.js';
import { REPORT_SHAPES } from '../js/report.js';
import { createWriter } from './cli-writers.mjs';

const NAME = 'hersys-validator';
const FORMATS = ['csv', 'json', 'ndjson'];
const LANGS = ['ja', 'en'];
/** The exit statuses: the README's table says the same. */
const EXIT = { clean: 0, issues: 1, usage: 2, cannotAudit: 3 };

// The module holds the facts the help and the checks name (encodings,
// identifying headers, fields): load it first.
await initAudit();

function usageText() {
  const encodings = auditEncodings()
    .map((e) => e.labels.join(', '))
    .join('; ');
  return `usage: ${NAME} audit FILE [options]
       ${NAME} --fields | --version | --help

Audits an exported case file (CSV, or Excel's tab-separated 「Unicode テキスト」)
against the rules of the HER-SYS notice of 2021-06-03, locally: nothing is sent.
The report goes to stdout as the file is read.

options:
  --report long|wide      CSV shape: long (default) = one line per issue
                          (行番号, レコード番号, ID columns, 項目, 重要度, コード,
                          メッセージ, 修正候補); wide = one line per record, one
                          column per rule. Both UTF-8 with a BOM, for Excel.
  --format csv|json|ndjson
                          csv (default); json = { file, rows: [...], summary }
                          written as it goes; ndjson = one {"type":"row",...}
                          line per record, then one {"type":"summary",...} line.
  --encoding LABEL        the file's encoding (default: detected; a BOM, UTF-8,
                          else Shift_JIS). Accepted labels: ${encodings}.
  --lang ja|en            language of messages and report headings (default ja)
  --today YYYY-MM-DD      the validation day (default: today)
  --map HEADER=fieldKey   map a column the built-in labels miss (repeatable;
                          --fields lists the keys)
  --id-columns H1,H2      the columns copied into the report to name each
                          record (repeatable). Default: ${identifierHeaders().join(', ')}.
                          --id-columns '' copies none. No other cell is copied.
  --vocabulary FILE.json  your own option lists: { "status": ["入院中", ...] }
  --jobs N                audit on N threads (default: the number of cores,
                          ${defaultJobs()} here); the report is the same for any N
  --fields                list the field keys with their labels, and exit
  --version               print the version, and exit
  -h, --help              print this help, and exit

The report holds patient data: the ID columns, and in the long CSV and in JSON
the fix (the corrected value itself). Messages never repeat a cell's value.

exit status:
  0  clean: no record has an error or a warning
  1  issues found: at least one record has an error or a warning
  2  usage error: unknown option, bad option value, missing FILE
  3  the file could not be audited: missing, unreadable, not a CSV text file
     (gzip, xlsx, PDF, …), or its header line never ends`;
}

/** A usage error: one line naming the problem and --help, exit 2. */
function usage(problem) {
  process.stderr.write(`${NAME}: ${problem} (see '${NAME} --help')\n`);
  process.exit(EXIT.usage);
}

/** The file cannot be audited: one line, exit 3. */
function cannotAudit(problem) {
  process.stderr.write(`${NAME}: cannot audit ${problem}\n`);
  process.exit(EXIT.cannotAudit);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      report: { type: 'string', default: 'long' },
      format: { type: 'string', default: 'csv' },
      encoding: { type: 'string' },
      lang: { type: 'string', default: 'ja' },
      today: { type: 'string' },
      map: { type: 'string', multiple: true, default: [] },
      'id-columns': { type: 'string', multiple: true },
      vocabulary: { type: 'string' },
      jobs: { type: 'string' },
      fields: { type: 'boolean' },
      version: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  // parseArgs names the option and the problem in its first sentence.
  usage(error.message.split('. ')[0].replace(/\.$/, ''));
}
const { values, positionals } = parsed;

if (values.help) {
  process.stdout.write(`${usageText()}\n`);
  process.exit(EXIT.clean);
}
if (values.version) {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
  process.exit(EXIT.clean);
}
if (values.fields) {
  for (const field of auditFields()) process.stdout.write(`${field.key}\t${field.ja}\t${field.en}\n`);
  process.exit(EXIT.clean);
}

const [command, file, ...extra] = positionals;
if (command !== 'audit') usage(command ? `unknown command '${command}'; the command is 'audit'` : 'missing command: audit FILE');
if (!file) usage('missing FILE after audit');
if (extra.length > 0) usage('one FILE at a time');
if (!REPORT_SHAPES.includes(values.report)) usage(`--report must be ${REPORT_SHAPES.join(' or ')}`);
if (!FORMATS.includes(values.format)) usage(`--format must be ${FORMATS.join(', ')}`);
if (!LANGS.includes(values.lang)) usage('--lang must be ja or en');
const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) usage('--jobs must be a whole number from 1 to 256');

const fieldKeys = new Set(auditFields().map((f) => f.key));
const mapping = {};
for (const pair of values.map) {
  const at = pair.lastIndexOf('=');
  if (at <= 0) usage(`--map takes HEADER=fieldKey, not '${pair}'`);
  const key = pair.slice(at + 1);
  if (!fieldKeys.has(key)) usage(`--map ${pair}: '${key}' is not a field key; '${NAME} --fields' lists them`);
  mapping[pair.slice(0, at)] = key;
}
const idColumns = values['id-columns']?.flatMap((list) => list.split(/[,、]/)).map((h) => h.trim()).filter(Boolean);

/** Each option alone through the module's own checks, so that a problem names its flag. */
function check(flag, input, options, explain) {
  try {
    createAuditor(input, options).free();
  } catch (error) {
    usage(`${flag}: ${explain(error.message)}`);
  }
}
if (values.encoding !== undefined) {
  const labels = auditEncodings().flatMap((e) => e.labels);
  check('--encoding', { encoding: values.encoding }, {}, () => `'${values.encoding}' is not one of ${labels.join(', ')}`);
}
if (values.today !== undefined) {
  check('--today', {}, { today: values.today }, () => 'must be a real date written YYYY-MM-DD, such as 2021-06-03');
}
let vocabulary;
if (values.vocabulary !== undefined) {
  // Never quoted: a parse error of JSON.parse would show the file's text.
  let text;
  try {
    text = fs.readFileSync(values.vocabulary, 'utf8');
  } catch (error) {
    usage(`--vocabulary ${values.vocabulary}: cannot be read (${error.code ?? 'error'})`);
  }
  try {
    vocabulary = JSON.parse(text);
  } catch {
    usage(`--vocabulary ${values.vocabulary}: not valid JSON; it must be { "status": ["入院中", ...], ... }`);
  }
  const lists = auditFields().flatMap((f) => (f.vocabulary ? [f.vocabulary] : []));
  check(`--vocabulary ${values.vocabulary}`, {}, { vocabulary }, (message) =>
    /unknown list/.test(message)
      ? `a list name is not one of ${[...new Set(lists)].join(', ')}`
      : // The module's messages name the list and what it wants; any quoted text is dropped.
        message.replace(/^options\.vocabulary\.?/, 'list ').replace(/'[^']*'/g, '(…)'),
  );
}

let size;
try {
  const stat = fs.statSync(file);
  if (stat.isDirectory()) cannotAudit(`${file}: it is a directory, not a file`);
  size = stat.size;
} catch (error) {
  cannotAudit(`${file}: ${error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code ?? 'error'})`}`);
}

const options = { lang: values.lang, ...(values.today ? { today: values.today } : {}), ...(vocabulary ? { vocabulary } : {}) };
const input = { ...(values.encoding ? { encoding: values.encoding } : {}), mapping, ...(idColumns ? { idColumns } : {}) };

const out = process.stdout;
// A closed pipe (`| head`) ends the report quietly, with the verdict's exit code unknown.
out.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.clean);
  throw error;
});
const writer = createWriter(
  out,
  values.format,
  { shape: values.report, lang: values.lang, rules: auditRules(), codes: reportCodes(), fields: auditFields() },
  path.basename(file),
);
const progress = process.stderr.isTTY ? progressBar(size) : null;
let columns = [];

let summary;
try {
  const hooks = {
    onColumns: (found) => {
      columns = found;
    },
    onRows: (rows) => writer.rows(rows, columns),
    onProgress: progress?.update,
  };
  summary = await auditPath(file, input, options, hooks, { jobs });
  await writer.end(summary);
} catch (error) {
  progress?.done();
  if (error instanceof AuditRefusedError) cannotAudit(`${file}: ${error.message} (${error.code})`);
  cannotAudit(`${file}: ${error.code ? `cannot be read (${error.code})` : error.message}`);
}
progress?.done();

process.stderr.write(
  values.lang === 'en'
    ? `${summary.rows} records: ${summary.rowsWithErrors} with errors, ${summary.rowsWithWarnings} with warnings (${summary.encoding ?? 'empty'})\n`
    : `${summary.rows} 件: エラーあり ${summary.rowsWithErrors} 件、警告あり ${summary.rowsWithWarnings} 件（${summary.encoding ?? '空'}）\n`,
);
process.exitCode = summary.rowsWithErrors > 0 || summary.rowsWithWarnings > 0 ? EXIT.issues : EXIT.clean;

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
