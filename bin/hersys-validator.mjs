#!/usr/bin/env node
// hersys-validator audit FILE [options]: the batch audit from the command
// line (see USAGE below, and the README section "Auditing a whole file").
// The report streams to stdout as the file is read, with back-pressure
// (bin/cli-writers.mjs), or, when stdout is a terminal and neither --format
// nor --report was given, a summary for a person is printed at the end
// (bin/cli-terminal.mjs); errors go to stderr, one line each, never quoting
// the file's content; the exit status follows the table in USAGE.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AuditRefusedError,
  auditCatalogue,
  auditEncodings,
  auditFields,
  auditRules,
  createAuditor,
  identifierHeaders,
  initAudit,
  reportCodes,
} from '../js/audit.js';
import { auditPath, auditReadable, defaultJobs } from '../js/audit/node/path.js';
import { REPORT_SHAPES, uncheckedClauses } from '../js/report.js';
import { FIRST_FINDINGS, createProgress, createSummaryWriter, shellWord, wantsColour } from './cli-terminal.mjs';
import { createWriter, visible } from './cli-writers.mjs';

const NAME = 'hersys-validator';
const FORMATS = ['csv', 'json', 'ndjson'];
const LANGS = ['ja', 'en'];
const COUNTINGS = ['entryDayIsDayOne', 'dayAfterEntryIsDayOne'];
/** The exit statuses: the README's table says the same. */
const EXIT = { clean: 0, issues: 1, usage: 2, cannotAudit: 3 };

// The module holds the facts the help and the checks name (encodings,
// identifying headers, fields): load it first.
await initAudit();
const { limits, defaults } = auditCatalogue();
const [MIN_WINDOW, MAX_WINDOW] = limits.passportWindowDays;

function usageText() {
  const encodings = auditEncodings()
    .map((e) => e.labels.join(', '))
    .join('; ');
  return `usage: ${NAME} audit FILE [options]
       ${NAME} --fields | --version | --help

Audits an exported case file (CSV, or Excel's tab-separated 「Unicode テキスト」)
against the rules of the HER-SYS notice of 2021-06-03, locally: nothing is sent.
The report goes to stdout as the file is read. FILE may be - (stdin), a named
pipe or /dev/stdin: read once, from start to end, on one thread.

In a terminal (stdout is a TTY) and without --format or --report, a summary
is printed instead of the CSV: the file, its encoding, records and verdict,
the counts per rule, the first ${FIRST_FINDINGS} findings (line, ID columns, field,
message), and the command that writes the full report (the same one with
--format csv > report.csv). Coloured when the terminal has colours and
NO_COLOR is unset. Redirected or piped, or with --format or --report, the
report is written as described below, unchanged. While a large file (1 MiB
or more) is read, stderr (a terminal) shows a progress line: bytes read of the
total, records.

options:
  --report long|wide      CSV shape: long (default) = one line per issue
                          (行番号, レコード番号, ID columns, 項目, 重要度, コード,
                          メッセージ, 修正候補); wide = one line per record, one
                          column per rule that fired in the file (written at
                          the end: its records are kept in memory until then).
                          Both UTF-8 with a BOM, for Excel.
  --format csv|json|ndjson
                          csv (default); json = { file, rows: [...], summary }
                          written as it goes; ndjson = one {"type":"row",...}
                          line per record, then one {"type":"summary",...} line.
  --encoding LABEL        the file's encoding (default: detected; a BOM, UTF-8,
                          else Shift_JIS). Accepted labels: ${encodings}.
  --lang ja|en            language of messages and report headings (default ja)
  --today YYYY-MM-DD      the validation day (default: today)
  --counting entryDayIsDayOne|dayAfterEntryIsDayOne
                          how the passport window is counted: the entry day is
                          day 1, or the day after entry is day 1 (default
                          ${defaults.counting})
  --passport-window-days N
                          the passport window in days, ${MIN_WINDOW} to ${MAX_WINDOW} (default ${defaults.passportWindowDays})
  --header-line N         the header is line N of the file (1-based; default:
                          found among the first lines)
  --map HEADER=fieldKey   map a column the built-in labels miss (repeatable;
                          --fields lists the keys; a HEADER the file does not
                          have is a usage error)
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
Control characters (C0, DEL, C1), U+2028, U+2029 and the bidi controls
U+202A–U+202E and U+2066–U+2069 in ID cells, fixes and headers are written as
U+FFFD (�) in every format and on stderr: a report never moves a terminal's
cursor or reorders a line.

exit status:
  0  clean: no record has an error or a warning, and every check could be made
  1  issues found: at least one record has an error or a warning, or a column
     a check of the notice needs is missing (the stderr line names it)
  2  usage error: unknown option, bad option value, missing FILE, a --map
     HEADER or a --header-line the file does not have
  3  the file could not be audited: missing, unreadable, not a CSV text file
     (gzip, xlsx, PDF, …), no header line found, or one that never ends; or
     the report could not be written (disk full: ENOSPC, …)
  A reader that stops early (| head) never makes the status 0: the audit stops
  with 1 once a record with issues was reported, else reads on, writing
  nothing, to its verdict.`;
}

/** A usage error: one line naming the problem and --help, exit 2. */
function usage(problem) {
  process.stderr.write(`${NAME}: ${visible(problem)} (see '${NAME} --help')\n`);
  process.exit(EXIT.usage);
}

/** The file cannot be audited: one line, exit 3. */
function cannotAudit(problem) {
  process.stderr.write(`${NAME}: cannot audit ${visible(problem)}\n`);
  process.exit(EXIT.cannotAudit);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      // No defaults here: whether either was given decides the terminal summary.
      report: { type: 'string' },
      format: { type: 'string' },
      encoding: { type: 'string' },
      lang: { type: 'string', default: 'ja' },
      today: { type: 'string' },
      counting: { type: 'string' },
      'passport-window-days': { type: 'string' },
      'header-line': { type: 'string' },
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
  usage(error.message.split(/\.(?:\s|$)/)[0]);
}
const { values, positionals } = parsed;
// Asking for a report's format or shape asks for the report itself, even in a terminal.
const summaryMode = Boolean(process.stdout.isTTY) && values.format === undefined && values.report === undefined;
values.report ??= 'long';
values.format ??= 'csv';

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
if (values.counting !== undefined && !COUNTINGS.includes(values.counting)) usage(`--counting must be ${COUNTINGS.join(' or ')}`);
/** A whole number written in digits, or undefined when the flag is absent. */
const whole = (flag, min, max) => {
  const text = values[flag];
  if (text === undefined) return undefined;
  const n = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) usage(`--${flag} must be a whole number ${max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`}`);
  return n;
};
const windowDays = whole('passport-window-days', MIN_WINDOW, MAX_WINDOW);
const headerLine = whole('header-line', 1, Infinity);

const fieldKeys = new Set(auditFields().map((f) => f.key));
const mapping = {};
for (const pair of values.map) {
  const at = pair.lastIndexOf('=');
  if (at <= 0) usage(`--map takes HEADER=fieldKey, not '${pair}'`);
  const key = pair.slice(at + 1);
  if (!fieldKeys.has(key)) usage(`--map ${pair}: '${key}' is not a field key; '${NAME} --fields' lists them`);
  mapping[pair.slice(0, at)] = key;
}
/** The first --map HEADER the file's columns lack (compared trimmed, as the module maps), or undefined. */
const missingHeader = (columns) => {
  const headers = new Set(columns.map((c) => c.header.trim()));
  return Object.keys(mapping).find((header) => !headers.has(header.trim()));
};
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

// Read from fd 0 itself: /dev/stdin cannot be opened when stdin is a socket (a spawn's pipe).
const stdin = file === '-' || file === '/dev/stdin';
let size = 0; // unknown for stdin and pipes
if (!stdin) {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) cannotAudit(`${file}: it is a directory, not a file`);
    if (stat.isFile()) size = stat.size;
  } catch (error) {
    cannotAudit(`${file}: ${error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code ?? 'error'})`}`);
  }
}

const options = {
  lang: values.lang,
  ...(values.today ? { today: values.today } : {}),
  ...(values.counting ? { counting: values.counting } : {}),
  ...(windowDays !== undefined ? { passportWindowDays: windowDays } : {}),
  ...(vocabulary ? { vocabulary } : {}),
};
const input = {
  ...(values.encoding ? { encoding: values.encoding } : {}),
  mapping,
  ...(idColumns ? { idColumns } : {}),
  ...(headerLine !== undefined ? { headerLine } : {}),
};

const out = process.stdout;
const writer = summaryMode
  ? createSummaryWriter(out, {
      lang: values.lang,
      rules: auditRules(),
      fields: auditFields(),
      file: file === '-' ? '-' : file,
      command: rerunCommand(),
      notes: (summary) => ({ lines: noteLines(summary), lead: missingLead(summary) }),
      colour: wantsColour(out),
    })
  : createWriter(
      out,
      values.format,
      { shape: values.report, lang: values.lang, rules: auditRules(), codes: reportCodes(), fields: auditFields() },
      file === '-' ? '-' : path.basename(file),
    );
let reported = false; // a record with an error or a warning was handed to the writer: the status is 1
out.on('error', (error) => {
  // The reader has gone (`| head`): stop once the verdict is known, else audit on without writing.
  if (error.code === 'EPIPE') {
    if (reported) process.exit(EXIT.issues);
    writer.close();
    return;
  }
  process.stderr.write(`${NAME}: cannot write the report (${error.code ?? 'error'})\n`);
  process.exit(EXIT.cannotAudit);
});
// Not while CSV streams to the same terminal: the two would mix on its lines.
const progress = process.stderr.isTTY && (summaryMode || !out.isTTY) ? createProgress(process.stderr, size, { lang: values.lang }) : null;
let columns = [];

let summary;
try {
  const hooks = {
    onColumns: (found) => {
      columns = found;
      const header = missingHeader(found);
      if (header !== undefined) usage(`--map ${header}=${mapping[header]}: the file has no column '${header}'`);
    },
    onRows: (rows) => {
      reported ||= rows.length > 0;
      return writer.rows(rows, columns);
    },
    onProgress: progress?.update,
  };
  summary = stdin ? await auditReadable(process.stdin, input, options, hooks) : await auditPath(file, input, options, hooks, { jobs });
  progress?.done();
  if (headerLine !== undefined && summary.columns.length === 0) usage(`--header-line ${headerLine}: the file has no header on line ${headerLine}`);
  await writer.end(summary);
} catch (error) {
  progress?.done();
  if (error instanceof AuditRefusedError) cannotAudit(`${file}: ${error.message} (${error.code})`);
  cannotAudit(`${file}: ${error.code ? `cannot be read (${error.code})` : error.message}`);
}
progress?.done();

// The summary in a terminal already says all of this.
if (!summaryMode) process.stderr.write(verdictLines(summary).map((line) => `${visible(line)}\n`).join(''));
// A column a check of the notice needs is missing: never clean (as the audit page).
process.exitCode = summary.rowsWithErrors > 0 || summary.rowsWithWarnings > 0 || missingChecks(summary).length > 0 ? EXIT.issues : EXIT.clean;

/**
 * What stderr says after the report: the header's line when lines above it
 * were skipped, the columns mapped by another name (「診断日 → 診断年月日」:
 * nothing is mapped silently), the unmapped columns that look like a field,
 * then the verdict, led by the checks of the notice that could not run.
 * Headers are the file's words, never cell values.
 */
function verdictLines(summary) {
  const en = values.lang === 'en';
  const lines = noteLines(summary);
  const lead = missingLead(summary);
  const counts = en
    ? `${summary.rows} records: ${summary.rowsWithErrors} with errors, ${summary.rowsWithWarnings} with warnings (${summary.encoding ?? 'empty'})`
    : `${summary.rows} 件: エラーあり ${summary.rowsWithErrors} 件、警告あり ${summary.rowsWithWarnings} 件（${summary.encoding ?? '空'}）`;
  lines.push(lead ? (en ? `${lead}. ${counts}` : `${lead}。${counts}`) : counts);
  return lines;
}

/** The lines about the file before the verdict: skipped lines above the header, aliases, lookalike columns. */
function noteLines(summary) {
  const en = values.lang === 'en';
  const findings = summary.fileFindings ?? [];
  const lines = findings.filter((f) => f.code === 'header.skipped').map((f) => f.message);
  const aliases = summary.columns.filter((c) => c.alias && c.field).map((c) => `${c.header.trim()} → ${labelOf(c.field)}`);
  if (aliases.length > 0) lines.push(`${en ? 'columns mapped by another name' : '別名で対応づけた列'}: ${aliases.join(en ? ', ' : '、')}`);
  lines.push(...findings.filter((f) => f.code === 'header.unrecognised').map((f) => f.message));
  return lines;
}

/** The checks of the notice a missing column stopped, as the verdict's lead ('' when none). */
function missingLead(summary) {
  const en = values.lang === 'en';
  return missingChecks(summary)
    .map(({ clause, fields }) => {
      const names = fields.map((field) => labelOf(field));
      return en ? `${clause.en} of the notice could not be checked: no ${names.join(', ')} column` : `通知 ${clause.ja} を確認できませんでした（${names.join('・')} の列がありません）`;
    })
    .join(en ? '; ' : '。');
}

function labelOf(key) {
  const field = auditFields().find((f) => f.key === key);
  return field ? (values.lang === 'en' ? field.en : field.ja) : key;
}

/** This audit's command line, shell-quoted, to rerun it with --format csv. */
function rerunCommand() {
  const script = process.argv[1] ?? NAME;
  const name = /\.m?js$/.test(script) ? `node ${shellWord(path.relative(process.cwd(), script) || script)}` : NAME;
  return [name, ...process.argv.slice(2).map(shellWord)].join(' ');
}

/** The clauses of the notice a missing column stopped; none for a file without records (as the audit page). */
function missingChecks(summary) {
  return summary.rows === 0 ? [] : uncheckedClauses(summary);
}
