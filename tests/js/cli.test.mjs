// The Node command line: the exit-code table, one-line usage errors, --help,
// --version, --fields, every encoding label of the module, UTF-16 and tabs,
// refused files, both report shapes, JSON and NDJSON, identifying columns,
// no file content in errors, and streaming with back-pressure (200k failing
// rows through a slow pipe; HERSYS_SLOW=1 runs 1M rows).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Papa from 'papaparse';
import { fileURLToPath } from 'node:url';
import { auditEncodings, auditStream, identifierHeaders, initAudit } from '../../js/audit.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'hersys-validator.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-cli-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const TODAY = '2026-11-29';
await initAudit();

function cli(...args) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

function json(...args) {
  const run = cli(...args, '--format', 'json', '--today', TODAY);
  assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function write(name, content) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function generate(name, ...args) {
  const file = path.join(dir, name);
  execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'gen_cases', '--', ...args, '--out', file], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return file;
}

/** UTF-16 with its BOM, as Excel's 「Unicode テキスト」 writes it (LE) or big-endian. */
function utf16(text, endian = 'le') {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return endian === 'le' ? le : le.swap16();
}

const utf8 = generate('cases-utf8.csv', '--rows', '2000', '--encoding', 'utf-8', '--bom', '--defects', '0.2', '--seed', '7');
const sjis = generate('cases-sjis.csv', '--rows', '2000', '--encoding', 'shift_jis', '--defects', '0.2', '--seed', '7');
const clean = generate('clean.csv', '--rows', '200', '--encoding', 'utf-8', '--defects', '0', '--seed', '3');

const USAGE_LINE = /^hersys-validator: [^\n]+ \(see 'hersys-validator --help'\)\n$/;

test('usage errors exit 2 with one line naming the problem and --help', () => {
  for (const args of [[], ['check', utf8], ['audit'], ['audit', utf8, 'more.csv'], ['audit', utf8, '--format', 'xml'],
    ['audit', utf8, '--report', 'tall'], ['audit', utf8, '--encoding', 'latin1'], ['audit', utf8, '--bogus'],
    ['audit', utf8, '--lang', 'fr'], ['audit', utf8, '--today', 'someday'], ['audit', utf8, '--today', '2021-02-30'],
    ['audit', utf8, '--map', '状態=nope'], ['audit', utf8, '--map', 'nothing'],
    ['audit', utf8, '--vocabulary', path.join(dir, 'missing.json')]]) {
    const run = cli(...args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, USAGE_LINE, args.join(' '));
    assert.equal(run.stdout, '');
  }
  // Messages speak CLI: the flag, and --fields for the keys.
  assert.match(cli('audit', utf8, '--map', '状態=nope').stderr, /--map 状態=nope: 'nope' is not a field key; 'hersys-validator --fields' lists them/);
  assert.match(cli('audit', utf8, '--today', '2021-02-30').stderr, /^hersys-validator: --today: /);
});

test('--help holds the exit-code table, the encodings and the identifying headers from the module; --version; --fields', () => {
  const help = cli('--help');
  assert.equal(help.status, 0);
  for (const line of [/^ {2}0 {2}clean/m, /^ {2}1 {2}issues found/m, /^ {2}2 {2}usage error/m, /^ {2}3 {2}the file could not be audited/m]) {
    assert.match(help.stdout, line);
  }
  for (const label of auditEncodings().flatMap((e) => e.labels)) assert.ok(help.stdout.includes(label), label);
  assert.ok(help.stdout.replace(/\s+/g, ' ').includes(identifierHeaders().join(', ')));
  // docs/audit.md's Exit codes table says the same.
  const readme = fs.readFileSync(path.join(ROOT, 'docs', 'audit.md'), 'utf8');
  for (const [code, meaning] of [['0', 'clean'], ['1', 'issues found'], ['2', 'usage error'], ['3', 'the file could not be audited']]) {
    assert.match(readme, new RegExp(`^\\| ${code} \\| ${meaning}`, 'm'));
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual([cli('--version').status, cli('--version').stdout], [0, `${pkg.version}\n`]);
  const fields = cli('--fields');
  assert.equal(fields.status, 0);
  assert.match(fields.stdout, /^passportNumber\tパスポート番号（旅券番号）\t/m);
});

test('exit 3 when the file cannot be audited: missing, a directory, gzip, xlsx, NUL bytes, a header line that never ends', () => {
  const csv = '受付番号,現在のステータス,場所区分\nA-1,入院中,\n';
  let long = '受付番号,現在のステータス,場所区分';
  while (long.length < 100_000) long += ',A-1,入院中,家庭内';
  const cases = {
    missing: [path.join(dir, 'missing.csv'), /no such file/],
    directory: [dir, /directory/],
    gzip: [write('cases.csv.gz', zlib.gzipSync(csv)), /\(file\.binary\)$/],
    xlsx: [write('cases.xlsx.csv', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00', 'latin1'), Buffer.alloc(200)])), /\(file\.binary\)$/],
    nul: [write('nul.csv', `${csv}A-2,\0,\n`), /\(file\.binary\)$/],
    unterminated: [write('one-line.csv', long), /\(file\.header_unterminated\)$/],
    separators: [write('u2028.csv', csv.trim().replaceAll('\n', '\u2028')), /\(file\.header_unterminated\)$/],
  };
  for (const [name, [file, reason]] of Object.entries(cases)) {
    for (const format of ['csv', 'json', 'ndjson']) {
      const run = cli('audit', file, '--format', format, '--lang', 'en');
      assert.equal(run.status, 3, `${name}: ${run.stderr}`);
      assert.match(run.stderr, /^hersys-validator: cannot audit [^\n]+\n$/, name);
      assert.match(run.stderr.trim(), reason, name);
      assert.equal(run.stdout, '', `${name}: nothing is reported for a file that was not audited`);
    }
  }
  // A header-only file without a final line break is an empty file, not a refusal.
  assert.equal(cli('audit', write('header-only-no-eol.csv', '受付番号,現在のステータス'), '--today', TODAY).status, 0);
});

test('exit 1 when a record has an error or a warning, 0 when clean', () => {
  assert.equal(cli('audit', utf8, '--today', TODAY).status, 1);
  const run = cli('audit', clean, '--today', TODAY);
  assert.equal(run.status, 0, run.stderr);
  // Warnings only (entry after diagnosis): issues found.
  const warnings = write('warnings.csv', '受付番号,診断年月日,入国日,現在のステータス,場所区分,場所名称\nA-1,2024-03-01,2024-03-05,入院中,家庭内,自宅\n');
  const report = json('audit', warnings);
  assert.deepEqual([report.summary.rowsWithErrors, report.summary.rowsWithWarnings], [0, 1]);
  assert.equal(cli('audit', warnings, '--today', TODAY).status, 1);
});

test('every encoding label the module accepts is accepted by the CLI (ms932, cp932, utf-16, …)', () => {
  const expected = json('audit', sjis).summary;
  const text = fs.readFileSync(utf8, 'utf8').replace(/^\ufeff/, '');
  const files = {
    'utf-8': utf8,
    shift_jis: sjis,
    'utf-16le': write('cases-utf16le.csv', utf16(text, 'le')),
    'utf-16be': write('cases-utf16be.csv', utf16(text, 'be')),
  };
  for (const { label: canonical, labels } of auditEncodings()) {
    for (const label of [...labels, labels[0].toUpperCase()]) {
      const report = json('audit', files[canonical], '--encoding', label);
      assert.equal(report.summary.encoding, canonical, label);
      assert.deepEqual(report.summary.counts, expected.counts, label);
    }
  }
});

test("Excel's 「Unicode テキスト」 (tab-separated UTF-16LE with a BOM) and UTF-16BE give the verdicts of the UTF-8 CSV", () => {
  const expected = json('audit', utf8);
  const text = fs.readFileSync(utf8, 'utf8').replace(/^\ufeff/, '');
  // Re-written tab-separated, quoting as Excel does (the rows with a wrong column count stay so).
  const cells = Papa.parse(text, { skipEmptyLines: true }).data;
  const tsv = `${Papa.unparse(cells, { delimiter: '\t', newline: '\r\n' })}\r\n`;
  assert.ok(tsv.includes('"') && tsv.split('\r\n')[0].includes('\t'));
  for (const [name, bytes] of [['unicode-text.txt', utf16(tsv, 'le')], ['utf16be.csv', utf16(text, 'be')], ['tabs-utf8.tsv', tsv]]) {
    const report = json('audit', write(name, bytes));
    assert.deepEqual(report.summary.counts, expected.summary.counts, name);
    assert.deepEqual(report.rows, expected.rows, name);
  }
});

test('Shift_JIS and UTF-8 with BOM give the same verdicts, in JSON', () => {
  const a = json('audit', utf8);
  const b = json('audit', sjis, '--encoding', 'shift_jis');
  assert.equal(a.summary.encoding, 'utf-8');
  assert.equal(b.summary.encoding, 'shift_jis');
  assert.equal(a.summary.rows, 2000);
  assert.deepEqual(a.summary.counts, b.summary.counts);
  assert.deepEqual(a.rows, b.rows);
  assert.ok(a.summary.counts['passport.required'] > 0);
  const both = a.rows.filter((r) => r.issues.some((i) => i.severity === 'error') && r.issues.some((i) => i.severity === 'warning'));
  assert.equal(a.rows.length, a.summary.rowsWithErrors + a.summary.rowsWithWarnings - both.length);
});

/** CSV lines, the BOM checked and removed; quoted cells hold no line break here. */
function csvLines(stdout) {
  assert.ok(stdout.startsWith('\ufeff'), 'UTF-8 with a BOM');
  return stdout.slice(1).trimEnd().split('\r\n');
}

test('the long report (default) has a line per issue, the wide report (--report wide) a line per record', () => {
  const report = json('audit', sjis);
  const issues = report.rows.flatMap((r) => r.issues);
  const long = csvLines(cli('audit', sjis, '--today', TODAY).stdout);
  assert.equal(long[0], '行番号,レコード番号,受付番号,項目,重要度,コード,メッセージ,修正候補');
  assert.equal(long.length - 1, issues.length);
  const first = report.rows[0];
  assert.ok(long[1].startsWith(`${first.row},${first.index},${first.ids[0]},`));
  assert.ok(long[1].includes(`,${first.issues[0].code},`));
  const withFix = issues.find((i) => i.fix);
  assert.ok(long.some((line) => line.endsWith(`,${withFix.fix}`)), 'the fix column');
  const en = csvLines(cli('audit', sjis, '--today', TODAY, '--lang', 'en').stdout);
  assert.equal(en[0], 'line,record,受付番号,field,severity,code,message,fix');

  const run = cli('audit', sjis, '--today', TODAY, '--report', 'wide');
  const wide = csvLines(run.stdout);
  assert.ok(wide[0].startsWith('行番号,レコード番号,受付番号,判定,passport.required '));
  assert.equal(wide.length - 1, report.rows.length);
  assert.match(run.stderr, /2000 件/);
});

test('JSON is written as it goes, NDJSON is one record per line then the summary', () => {
  const whole = json('audit', utf8);
  const run = cli('audit', utf8, '--format', 'ndjson', '--today', TODAY);
  const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
  const rows = lines.slice(0, -1);
  assert.ok(rows.every((line) => line.type === 'row'));
  assert.deepEqual(rows.map(({ type, ...row }) => row), whole.rows);
  const { type, file, ...summary } = lines.at(-1);
  assert.deepEqual([type, file], ['summary', 'cases-utf8.csv']);
  assert.deepEqual(summary, whole.summary);
  // One record per line in JSON too: nothing waits for the end but the summary.
  const text = cli('audit', utf8, '--format', 'json', '--today', TODAY).stdout;
  assert.equal(text.split('\n').length, whole.rows.length + 3);
});

test('the CLI agrees with the audit API on the same bytes', async () => {
  const summary = await auditStream(fs.readFileSync(utf8), {}, { today: TODAY });
  assert.deepEqual(json('audit', utf8).summary, summary);
});

test('header.unmapped counts exactly the columns that are neither mapped nor identifying (as the page lists them)', () => {
  const file = write('columns.csv', '受付番号,HER-SYS ID,番号,状態,場所,備考,現在のステータス,現在のステータス,診断年月日\nA-1,H-1,1,入院中,職場,,入院中,入院中,2026-11-01\n');
  for (const args of [[], ['--id-columns', '備考'], ['--id-columns', ''], ['--map', '状態=status']]) {
    const { summary } = json('audit', file, ...args);
    const unmapped = summary.columns.filter((c) => !c.field && !c.identifying);
    assert.equal(summary.counts['header.unmapped'] ?? 0, unmapped.length, args.join(' '));
  }
  const { summary } = json('audit', file);
  assert.deepEqual(summary.columns.filter((c) => c.identifying).map((c) => c.header), ['受付番号', 'HER-SYS ID', '番号']);
  assert.equal(summary.counts['header.unmapped'], 4); // 状態, 場所, 備考, the second 現在のステータス
});

test('an explicit mapping maps an unknown header', () => {
  const file = write('mapped.csv', '番号,診断年月日,状態,場所\nA-1,2026-11-01,入院中,職場\nA-2,2026-11-01,,場所種別不明\n');
  // One known field is no header: refused, with the way out named.
  const refused = cli('audit', file, '--lang', 'en');
  assert.equal(refused.status, 3);
  assert.match(refused.stderr, /\(file\.header_not_found\)$/m);
  // 番号 identifies the record: copied, not counted as unmapped.
  assert.equal(json('audit', file, '--map', '状態=status').summary.counts['header.unmapped'], 1);
  const mapped = json('audit', file, '--map', '状態=status', '--map', '場所=placeCategory');
  assert.equal(mapped.summary.counts['header.unmapped'], undefined);
  assert.equal(mapped.summary.counts['status.required'], 1);
  assert.deepEqual(mapped.rows.map((r) => [r.row, r.ids]), [[3, ['A-2']]]);
});

test('only the identifying columns named by --id-columns or the built-in list reach the reports', () => {
  const file = write('ids.csv', '受付番号,管理コード,氏名,電話番号,現在のステータス,場所区分\nA-1,K-77,山田花子,090-0000-0000,入院中,\n');
  const outputs = (...args) => ['csv', 'json', 'ndjson'].map((format) => cli('audit', file, '--format', format, '--report', 'wide', ...args).stdout).join('\n');
  const builtIn = outputs();
  assert.ok(builtIn.includes('A-1'));
  for (const secret of ['K-77', '山田花子', '090-0000-0000']) assert.ok(!builtIn.includes(secret), secret);
  const own = outputs('--id-columns', '管理コード');
  assert.ok(own.includes('K-77') && !own.includes('A-1') && !own.includes('山田花子'));
  const none = outputs('--id-columns', '');
  for (const secret of ['A-1', 'K-77', '山田花子']) assert.ok(!none.includes(secret), secret);
  assert.deepEqual(json('audit', file, '--id-columns', '管理コード', '--id-columns', '受付番号').rows[0].ids, ['A-1', 'K-77']);
});

test('--vocabulary replaces option lists; a bad lists file is never quoted', () => {
  // Every column the checks of the notice need: a file without one is never clean.
  const file = write('statuses.csv', '受付番号,診断年月日,入国日,パスポート番号,現在のステータス,死亡日付,死亡場所,場所区分\nA-1,2026-11-01,,,療養中,,,場所種別不明\n');
  const lists = write('lists.json', JSON.stringify({ status: ['療養中', '死亡'] }));
  assert.equal(json('audit', file).summary.counts['status.unknown'], 1);
  const run = cli('audit', file, '--format', 'json', '--today', TODAY, '--vocabulary', lists);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).summary.counts['status.unknown'], undefined);
  const secret = '山田太郎';
  for (const content of [`{"status": ["${secret}"`, `{"${secret}": ["入院中"]}`, `{"status": "${secret}"}`, `{"status": [1, "${secret}"]}`, `${secret}`]) {
    const bad = cli('audit', file, '--vocabulary', write('bad.json', content));
    assert.equal(bad.status, 2, content);
    assert.match(bad.stderr, USAGE_LINE);
    assert.ok(!bad.stderr.includes(secret), `${content} → ${bad.stderr}`);
  }
});

test('a header-only file gives a report with just the header', () => {
  const file = write('header-only.csv', '受付番号,診断年月日,入国日,パスポート番号,現在のステータス,死亡日付,死亡場所,場所区分\n');
  const run = cli('audit', file, '--today', TODAY);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(csvLines(run.stdout), ['行番号,レコード番号,受付番号,項目,重要度,コード,メッセージ,修正候補']);
});

// ------------------------------------------------------------------ streaming

/**
 * Runs the CLI on `file` with its stdout read by a slow reader (nothing for
 * the first 1.5 s, then 256 KiB at a time with pauses), or discarded; returns
 * its peak RSS in MB (process.resourceUsage().maxRSS at exit), the bytes read and
 * the exit status.
 */
async function peakRss(file, args, { slow }) {
  const hook = path.join(dir, 'max-rss.mjs');
  fs.writeFileSync(hook, "process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\\n`));\n");
  const child = spawn(process.execPath, ['--import', hook, CLI, 'audit', file, '--today', TODAY, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let bytes = 0;
  child.stderr.on('data', (d) => (stderr += d));
  const status = new Promise((resolve) => child.on('close', resolve));
  if (slow) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.stdout.on('readable', async function drain() {
      child.stdout.off('readable', drain);
      for (let chunk; (chunk = child.stdout.read()) !== null; ) {
        bytes += chunk.length;
        if (bytes % (8 << 20) < chunk.length) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.stdout.on('readable', drain);
    });
  } else {
    child.stdout.on('data', (d) => (bytes += d.length));
  }
  const code = await status;
  const rss = Number(/maxRSS=(\d+)/.exec(stderr)?.[1]) / 1024;
  assert.ok(rss > 0, stderr);
  return { rss, bytes, code };
}

const STREAM_ROWS = process.env.HERSYS_SLOW ? 1_000_000 : 200_000;

test(`${STREAM_ROWS} failing rows through a slow pipe: CSV, JSON and NDJSON stream with flat memory`, async (t) => {
  const file = generate('failing.csv', '--rows', String(STREAM_ROWS), '--encoding', 'utf-8', '--defects', '1', '--seed', '11');
  // The same audit with its report read at once: the baseline.
  // One thread: the stream waits for stdout at every batch.
  const fast = await peakRss(file, ['--jobs', '1'], { slow: false });
  t.diagnostic(`baseline (CSV read at once): ${(fast.bytes / 1e6).toFixed(0)} MB out, peak RSS ${fast.rss.toFixed(0)} MB`);
  for (const args of [[], ['--format', 'json'], ['--format', 'ndjson'], ['--report', 'wide']]) {
    const slow = await peakRss(file, [...args, '--jobs', '1'], { slow: true });
    t.diagnostic(`${args.join(' ') || 'csv long'} through a slow pipe: ${(slow.bytes / 1e6).toFixed(0)} MB out, peak RSS ${slow.rss.toFixed(0)} MB`);
    assert.equal(slow.code, 1);
    if (args.length === 0) assert.equal(slow.bytes, fast.bytes);
    // Without back-pressure the unread report piles up in the process
    // (measured: +150 MB for CSV, +450 MB for JSON at 200k rows).
    assert.ok(slow.rss < fast.rss + 48, `${args.join(' ')}: ${slow.rss} MB with a slow reader, ${fast.rss} MB without`);
    assert.ok(slow.bytes > 30e6 * (STREAM_ROWS / 200_000));
  }
  // On every core the pool stops handing out segments while stdout is full;
  // what it holds is the results of the segments already in flight (at most
  // two per worker, 8 MiB of file each), whatever the file's size.
  const poolFast = await peakRss(file, ['--jobs', '2'], { slow: false });
  const poolSlow = await peakRss(file, ['--jobs', '2'], { slow: true });
  t.diagnostic(`2 threads: peak RSS ${poolFast.rss.toFixed(0)} MB read at once, ${poolSlow.rss.toFixed(0)} MB through a slow pipe`);
  assert.equal(poolSlow.bytes, fast.bytes, 'the same report on 2 threads');
  assert.ok(poolSlow.rss < poolFast.rss + 128, `2 threads: ${poolSlow.rss} MB with a slow reader, ${poolFast.rss} MB without`);
});

// --------------------------------------------- files shaped like public case lists

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'public-lists');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8'));

test('public-list shaped files: the CLI gives the verdicts of the Rust auditor, with any --jobs', () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    const file = path.join(FIXTURES, name);
    const runs = ['1', '3'].map((jobs) => cli('audit', file, '--format', 'json', '--today', '2021-07-01', '--jobs', jobs, '--lang', 'en'));
    assert.equal(runs[0].stdout, runs[1].stdout, name);
    assert.equal(runs[0].stderr, runs[1].stderr, name);
    const run = runs[0];
    if (want.refused) {
      assert.equal(run.status, 3, name);
      assert.match(run.stderr, new RegExp(`\\(${want.refused.replace('.', '\\.')}\\)$`, 'm'), name);
      continue;
    }
    const { summary } = JSON.parse(run.stdout);
    for (const key of ['rows', 'rowsWithErrors', 'rowsWithWarnings', 'blankRows', 'headerLine', 'encoding', 'counts']) {
      assert.deepEqual(summary[key], want[key], `${name}: ${key}`);
    }
    assert.deepEqual(summary.fileFindings.filter((f) => f.code === 'header.missing').map((f) => f.field), want.missing, name);
    // The verdict line leads with what could not be checked, and never lets it pass as clean.
    if (want.missing.length > 0) {
      assert.match(run.stderr, /could not be checked/, name);
      assert.equal(run.status, 1, name);
    }
  }
});

test('--header-line audits a file whose header is below the first 50 lines', () => {
  const file = path.join(FIXTURES, 'no-header.csv');
  const run = cli('audit', file, '--format', 'json', '--today', '2021-07-01', '--header-line', '60');
  assert.equal(run.status, 1, run.stderr);
  const { summary } = JSON.parse(run.stdout);
  assert.equal(summary.headerLine, 60);
  assert.equal(summary.rows, 6);
});
