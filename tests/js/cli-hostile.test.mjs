// The command line under hostile conditions (issue 19, point 7): memory
// bounded by rows as well as bytes (hundreds of thousands of two-byte failing
// rows under a 256 MB heap, every format, one thread and two), named pipes
// and stdin read once without killing their writer, a reader that stops
// early never turning the status into 0, a full disk, control characters
// in cells and headers, the passport window's options, --header-line, and
// --map naming a column the file does not have.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditCatalogue, auditStream, initAudit } from '../../js/audit.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'hersys-validator.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-cli-hostile-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const TODAY = '2026-11-29';
const USAGE_LINE = /^hersys-validator: [^\n]+ \(see 'hersys-validator --help'\)\n$/;
await initAudit();

function write(name, content) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function cli(...args) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

const MAX_RSS = write('max-rss.mjs', "process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\\n`));\n");

/**
 * Runs the CLI with `args`, its report counted as it streams (line feeds,
 * and the last line kept) rather than held: `{ status, signal, lines, last,
 * stderr, rss }` (rss: peak MB). `node` are node's own flags; `input` a file
 * piped into its stdin; `stdout` what its stdout is ('pipe', or an fd); the
 * child is killed after `timeout` ms.
 */
function run(args, { node = [], input, stdout = 'pipe', timeout = 60_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...node, '--import', MAX_RSS, CLI, ...args], { stdio: [input ? 'pipe' : 'ignore', stdout, 'pipe'] });
    if (input) {
      child.stdin.on('error', () => {}); // a child that stops reading early is the test's to judge
      fs.createReadStream(input).pipe(child.stdin);
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    let lines = 0;
    const tail = []; // the last chunks, at least 256 KiB of them: the last line is in there
    let tailBytes = 0;
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
      tail.push(chunk);
      tailBytes += chunk.length;
      while (tailBytes - tail[0].length >= 1 << 18) tailBytes -= tail.shift().length;
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const text = Buffer.concat(tail).toString('utf8').trimEnd();
      const rss = Number(/maxRSS=(\d+)/.exec(stderr)?.[1]) / 1024;
      resolve({ status, signal, lines, last: text.slice(text.lastIndexOf('\n') + 1), stderr: stderr.replace(/^maxRSS=\d+\n/m, ''), rss });
    });
  });
}

/** At most `limit` of the async `tasks` at once (two cores). */
async function pooled(tasks, limit = 2) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

const HEADER = '受付番号,診断年月日,現在のステータス,場所区分\n';

/** The issues the module finds in `row` of the hostile files (all their rows are alike). */
async function issuesPerRow(row) {
  let issues = 0;
  await auditStream(Buffer.from(HEADER + row.repeat(3)), {}, { today: TODAY }, {
    onRows: (rows) => {
      for (const r of rows) issues += r.issues.length;
    },
  });
  return issues / 3;
}

// ------------------------------------------------------------------ 1. memory

test('memory is bounded by rows too: 400,000 two-byte rows and 200,000 rows of "x," under a 256 MB heap, every format, --jobs 1 and 2', async (t) => {
  const files = [
    { name: 'two-byte-rows.csv', row: 'x\n', rows: 400_000 },
    { name: 'x-comma-rows.csv', row: 'x,\n', rows: 200_000 },
  ];
  const shapes = [['--format', 'csv'], ['--report', 'wide'], ['--format', 'json'], ['--format', 'ndjson']];
  const tasks = [];
  for (const spec of files) {
    spec.file = write(spec.name, HEADER + spec.row.repeat(spec.rows));
    spec.issues = await issuesPerRow(spec.row);
    assert.ok(spec.issues >= 1, 'every row fails');
    for (const shape of shapes) {
      for (const jobs of ['1', '2']) {
        const args = ['audit', spec.file, ...shape, '--jobs', jobs, '--lang', 'en', '--today', TODAY];
        tasks.push(async () => ({ spec, shape, jobs, ...(await run(args, { node: ['--max-old-space-size=256'] })) }));
      }
    }
  }
  for (const { spec, shape, jobs, status, signal, lines, last, stderr, rss } of await pooled(tasks)) {
    const what = `${spec.name} ${shape.join(' ')} --jobs ${jobs}`;
    t.diagnostic(`${what}: peak RSS ${rss.toFixed(0)} MB`);
    assert.equal(signal, null, `${what}: killed (${signal}): ${stderr.slice(0, 300)}`);
    assert.equal(status, 1, `${what}: ${stderr.slice(0, 300)}`);
    assert.match(stderr, new RegExp(`\\b${spec.rows} records: ${spec.rows} with errors`), what);
    const n = spec.rows;
    if (shape[1] === 'ndjson') {
      assert.equal(lines, n + 1, what);
      assert.deepEqual([JSON.parse(last).type, JSON.parse(last).rows], ['summary', n], what);
    } else if (shape[1] === 'json') {
      assert.equal(lines, n + 2, what);
      assert.equal(JSON.parse(`{${last.slice(2)}`).summary.rowsWithErrors, n, what);
    } else if (shape[1] === 'wide') {
      assert.equal(lines, n + 1, what);
    } else {
      assert.equal(lines, 1 + n * spec.issues, what);
    }
  }
});

// The pool holds a segment's rows until the segment is done (it may be audited
// again for repeats of earlier segments), at most HELD_CHARS of them: past that a
// segment is audited again, its rows streamed. Every row here repeats the first.
test('memory is bounded on two threads: 1.2 million two-byte rows split among workers', async (t) => {
  // Large enough to be split into segments (files under 2 MiB stay on one thread).
  const rows = 1_200_000;
  const file = write('two-byte-rows-pool.csv', HEADER + 'x\n'.repeat(rows));
  const result = await run(['audit', file, '--format', 'ndjson', '--jobs', '2', '--today', TODAY], { node: ['--max-old-space-size=256'] });
  t.diagnostic(`--jobs 2, ${rows} rows: peak RSS ${result.rss.toFixed(0)} MB`);
  assert.equal(result.signal, null, result.stderr.slice(0, 300));
  assert.equal(result.status, 1, result.stderr.slice(0, 300));
  assert.equal(result.lines, rows + 1);
  assert.equal(JSON.parse(result.last).rows, rows);
});

// ------------------------------------------------------------------ 2. pipes

/** Every column a check of the notice needs: a file without one is never clean. */
const FULL_HEADER = '受付番号,診断年月日,入国日,パスポート番号,現在のステータス,死亡日付,死亡場所,場所区分,場所名称';

/** A CSV of `rows` records, every third failing (no status) when `failing`, about 60 bytes each. */
function mixedCsv(rows, failing = true) {
  let text = `${FULL_HEADER}\n`;
  for (let i = 0; i < rows; i++) text += `A-${i},2026-11-01,,,${failing && i % 3 === 0 ? '' : '入院中'},,,家庭内,自宅${i}\n`;
  return text;
}

const mixed = write('mixed.csv', mixedCsv(60_000)); // ~3 MB: more than a pipe holds
// What the API finds in it: the CLI must report exactly as many records.
let mixedFailing = 0;
await auditStream(fs.readFileSync(mixed), {}, { today: TODAY }, { onRows: (rows) => (mixedFailing += rows.length) });
assert.ok(mixedFailing >= 20_000 && mixedFailing < 60_000);

/** A child that writes `file` into `target` (a FIFO's path), and how it ended. */
function writer(file, target) {
  const child = spawn(process.execPath, ['-e', `require('fs').createReadStream(${JSON.stringify(file)}).pipe(require('fs').createWriteStream(${JSON.stringify(target)}))`], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal })));
}

test('a named pipe is read once, streaming, with any --jobs: no hang, and its writer is not killed', { skip: process.platform === 'win32' }, async () => {
  for (const jobs of ['1', '2']) {
    const fifo = path.join(dir, `cases-${jobs}.fifo`);
    execFileSync('mkfifo', [fifo]);
    const feeding = writer(mixed, fifo);
    const result = await run(['audit', fifo, '--format', 'ndjson', '--jobs', jobs, '--today', TODAY], { timeout: 30_000 });
    const fed = await feeding;
    assert.deepEqual(fed, { status: 0, signal: null }, `--jobs ${jobs}: the writer ended by itself`);
    assert.equal(result.signal, null, `--jobs ${jobs}: the audit hung`);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.lines, mixedFailing + 1);
    assert.equal(JSON.parse(result.last).rows, 60_000);
  }
});

test('stdin is read once: FILE - and /dev/stdin from a pipe, with --jobs 2', async () => {
  for (const name of ['-', '/dev/stdin']) {
    const result = await run(['audit', name, '--format', 'ndjson', '--jobs', '2', '--today', TODAY], { input: mixed, timeout: 30_000 });
    assert.equal(result.status, 1, `${name}: ${result.stderr}`);
    assert.equal(result.lines, mixedFailing + 1, name);
    const summary = JSON.parse(result.last);
    assert.deepEqual([summary.rows, summary.file], [60_000, name === '-' ? '-' : 'stdin'], name);
  }
});

test('a process substitution and /dev/stdin on a real pipe are read once, with --jobs 2', { skip: process.platform === 'win32' }, () => {
  const q = (text) => `'${text.replaceAll("'", "'\\''")}'`;
  const node = `${q(process.execPath)} ${q(CLI)}`;
  for (const command of [
    `${node} audit <(cat ${q(mixed)}) --format ndjson --jobs 2 --today ${TODAY} | wc -l`,
    `cat ${q(mixed)} | ${node} audit /dev/stdin --format ndjson --jobs 2 --today ${TODAY} | wc -l`,
  ]) {
    const run = spawnSync('bash', ['-c', `set -o pipefail; ${command}; echo "status \${PIPESTATUS[*]}"`], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.signal, null, `${command}: hung`);
    const [count, status] = run.stdout.trim().split('\n');
    assert.equal(Number(count), mixedFailing + 1, command);
    assert.match(status, /^status (0 )?1 0$/, `${command}: ${run.stderr}`);
  }
});

// ------------------------------------------------------------------ 3. closed and full outputs

test('a reader that stops early never turns the status into 0; a clean file stays 0', { skip: process.platform === 'win32' }, async () => {
  const q = (text) => `'${text.replaceAll("'", "'\\''")}'`;
  const clean = write('clean.csv', mixedCsv(3000, false));
  // As a shell runs `hersys-validator audit FILE | head -1`; `true` reads nothing at all.
  const cases = [
    ...['csv', 'json', 'ndjson'].flatMap((format) => ['1', '2'].map((jobs) => [mixed, 1, format, jobs, 'head -1 >/dev/null'])),
    ...['1', '2'].map((jobs) => [clean, 0, 'csv', jobs, 'head -1 >/dev/null']),
    [mixed, 1, 'ndjson', '2', 'true'],
    [clean, 0, 'json', '2', 'true'],
  ];
  for (const [file, expected, format, jobs, reader] of cases) {
    const command = `${q(process.execPath)} ${q(CLI)} audit ${q(file)} --format ${format} --jobs ${jobs} --today ${TODAY} | ${reader}; exit \${PIPESTATUS[0]}`;
    const run = spawnSync('bash', ['-c', command], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, expected, `${path.basename(file)} --format ${format} --jobs ${jobs} | ${reader}: ${run.stderr}`);
    assert.equal(run.stderr.includes('Error'), false, run.stderr);
  }
});

test('a report that cannot be written (stdout is /dev/full) is one line on stderr and exit 3', { skip: !fs.existsSync('/dev/full') }, async () => {
  for (const jobs of ['1', '2']) {
    const full = fs.openSync('/dev/full', 'w');
    const result = await run(['audit', mixed, '--jobs', jobs, '--today', TODAY], { stdout: full, timeout: 30_000 });
    fs.closeSync(full);
    assert.equal(result.status, 3, result.stderr);
    assert.equal(result.stderr, 'hersys-validator: cannot write the report (ENOSPC)\n');
  }
});

// ------------------------------------------------------------------ 4. control characters

test('control characters and bidi controls in ID cells and headers never reach a report raw, in any format', () => {
  const unsafe = ['\x1b[31m', '\r', '\n', '\r\n', '\x07', '\x08', '\t', '\x7f', '\x85', '\x9b', '\u202a', '\u202e', '\u2066', '\u2069', '\u2028', '\u2029'];
  const header = '管理\x1b]0;owned\x07番号';
  let text = `受付番号,"${header}",現在のステータス,場所区分\n`;
  unsafe.forEach((c, i) => (text += `"=A${c}${i}","B${c}${i}",,\n`));
  const file = write('controls.csv', text);
  const RAW = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  const reports = {};
  for (const args of [[], ['--report', 'wide'], ['--format', 'json'], ['--format', 'ndjson']]) {
    const run = cli('audit', file, ...args, '--id-columns', `受付番号,${header}`, '--today', TODAY);
    assert.equal(run.status, 1, run.stderr);
    const name = args.join(' ') || 'csv long';
    reports[name] = run.stdout;
    // Line ends are the format's own; nothing else unsafe is left.
    for (const line of run.stdout.split(args.length && args[0] === '--format' ? '\n' : '\r\n')) assert.doesNotMatch(line, RAW, `${name}: ${JSON.stringify(line)}`);
    assert.doesNotMatch(run.stderr, /\x1b/);
  }
  // One rule everywhere: each unsafe character is one U+FFFD.
  const rows = JSON.parse(reports['--format json']).rows;
  const shown = (c) => c.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  assert.deepEqual(rows.map((r) => r.ids), unsafe.map((c, i) => [`=A${shown(c)}${i}`, `B${shown(c)}${i}`]));
  const { summary } = JSON.parse(reports['--format json']);
  assert.equal(summary.columns[1].header, '管理\ufffd]0;owned\ufffd番号');
  const ndjson = reports['--format ndjson'].trimEnd().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(ndjson.slice(0, -1).map((r) => r.ids), rows.map((r) => r.ids));
  const long = reports['csv long'];
  assert.ok(long.includes(',管理\ufffd]0;owned\ufffd番号,'), 'the CSV header');
  assert.ok(long.includes("'=A\ufffd1,B\ufffd1,"), 'formula prefixes are still defused');
  assert.ok(reports['--report wide'].includes("'=A\ufffd\ufffd3,B\ufffd\ufffd3,"));
});

// ------------------------------------------------------------------ 5. the passport window

test('--counting and --passport-window-days change the verdict on a record diagnosed 28 or 29 days after entry', () => {
  const file = write('window.csv', `${FULL_HEADER}\nD28,2024-03-29,2024-03-01,,入院中,,,家庭内,自宅\nD29,2024-03-30,2024-03-01,,入院中,,,家庭内,自宅1\n`);
  const codes = (...args) => {
    const run = cli('audit', file, '--format', 'json', '--today', TODAY, ...args);
    assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')}: ${run.stderr}`);
    const byId = Object.fromEntries(JSON.parse(run.stdout).rows.map((r) => [r.ids[0], r.issues.map((i) => i.code).filter((c) => c.startsWith('passport.'))]));
    return { status: run.status, D28: byId.D28 ?? [], D29: byId.D29 ?? [] };
  };
  assert.deepEqual(codes(), { status: 1, D28: ['passport.boundary_day'], D29: [] });
  assert.deepEqual(codes('--counting', 'entryDayIsDayOne'), codes());
  assert.deepEqual(codes('--counting', 'dayAfterEntryIsDayOne'), { status: 1, D28: ['passport.required'], D29: [] });
  assert.deepEqual(codes('--passport-window-days', '29'), { status: 1, D28: ['passport.required'], D29: ['passport.boundary_day'] });
  assert.deepEqual(codes('--passport-window-days', '29', '--counting', 'dayAfterEntryIsDayOne'), { status: 1, D28: ['passport.required'], D29: ['passport.required'] });
  assert.deepEqual(codes('--passport-window-days', '27'), { status: 0, D28: [], D29: [] });
});

test('--counting and --passport-window-days: bad values are one-line usage errors naming the flag; the range is the module\'s', () => {
  const file = write('window-usage.csv', mixedCsv(1, false));
  const [min, max] = auditCatalogue().limits.passportWindowDays;
  for (const days of [min, max]) {
    const run = cli('audit', file, '--passport-window-days', String(days), '--today', TODAY);
    assert.equal(run.status, 0, run.stderr);
  }
  for (const [flag, value] of [['--counting', 'entryDay'], ['--counting', ''], ['--passport-window-days', String(min - 1)],
    ['--passport-window-days', String(max + 1)], ['--passport-window-days', '28.5'], ['--passport-window-days', 'four'],
    ['--passport-window-days', ''], ['--passport-window-days', '1e1'], ['--passport-window-days', '0x1c']]) {
    const run = cli('audit', file, `${flag}=${value}`);
    assert.equal(run.status, 2, `${flag}=${value}: ${run.stderr}`);
    assert.match(run.stderr, USAGE_LINE);
    assert.ok(run.stderr.startsWith(`hersys-validator: ${flag} must be `), run.stderr);
    assert.equal(run.stdout, '');
  }
  assert.ok(cli('audit', file, '--passport-window-days', '0').stderr.includes(`from ${min} to ${max}`));
  const help = cli('--help').stdout;
  assert.match(help, /^ {2}--counting entryDayIsDayOne\|dayAfterEntryIsDayOne$/m);
  assert.match(help, /^ {2}--passport-window-days N$/m);
  assert.ok(help.includes(`${min} to ${max} (default ${auditCatalogue().defaults.passportWindowDays})`));
});

// ------------------------------------------------------------------ 6. --header-line, --map

test('--header-line takes a whole number of at least 1, else a one-line usage error', () => {
  const file = write('header-line-usage.csv', '受付番号,現在のステータス\nA-1,入院中\n');
  for (const value of ['0', '-1', '1.5', 'two', '', '1e3', ' 2']) {
    const run = cli('audit', file, `--header-line=${value}`);
    assert.equal(run.status, 2, `${value}: ${run.stderr}`);
    assert.match(run.stderr, /^hersys-validator: --header-line must be a whole number of at least 1 \(see 'hersys-validator --help'\)\n$/, value);
  }
  assert.match(cli('--help').stdout, /^ {2}--header-line N {9}the header is line N/m);
});

test('--header-line N reads the header on line N; a line the file does not have is a usage error', () => {
  const file = write('header-line.csv', '令和6年 陽性者一覧,,\n受付番号,現在のステータス,場所区分\nA-1,,家庭内\n');
  const run = cli('audit', file, '--header-line', '2', '--format', 'json', '--today', TODAY);
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.summary.columns.map((c) => c.header), ['受付番号', '現在のステータス', '場所区分']);
  assert.deepEqual(report.rows.map((r) => [r.row, r.ids]), [[3, ['A-1']]]);
  for (const format of ['csv', 'json']) {
    const beyond = cli('audit', file, '--header-line', '9', '--format', format);
    assert.equal(beyond.status, 2, beyond.stderr);
    assert.equal(beyond.stderr, "hersys-validator: --header-line 9: the file has no header on line 9 (see 'hersys-validator --help')\n");
    assert.equal(beyond.stdout, '');
  }
});

test('--map: an unknown field key before reading, a header the file lacks once the columns are known: exit 2, one line naming --map', async () => {
  const secret = '山田花子';
  const small = write('map.csv', `番号,診断年月日,状態,場所区分\nA-1,2026-11-01,${secret},家庭内\n`);
  // The key is checked before the file is touched: even a FIFO nobody writes to does not block.
  const fifo = path.join(dir, 'nobody.fifo');
  execFileSync('mkfifo', [fifo]);
  for (const file of [small, fifo]) {
    const run = spawnSync(process.execPath, [CLI, 'audit', file, '--map', '状態=nope'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^hersys-validator: --map 状態=nope: 'nope' is not a field key; /);
  }
  const big = write('map-big.csv', `番号,診断年月日,状態,場所区分\n${`A-1,2026-11-01,${secret},家庭内\n`.repeat(100_000)}`); // split among threads with --jobs 2
  for (const file of [small, big]) {
    for (const jobs of ['1', '2']) {
      for (const format of ['csv', 'ndjson']) {
        const run = cli('audit', file, '--map', ' 状態 =status', '--map', '状況=placeCategory', '--jobs', jobs, '--format', format);
        assert.equal(run.status, 2, run.stderr);
        assert.equal(run.stderr, "hersys-validator: --map 状況=placeCategory: the file has no column '状況' (see 'hersys-validator --help')\n");
        assert.equal(run.stdout, '', 'nothing is reported');
      }
    }
  }
  // A header matched trimmed, as the module maps it, is there.
  const mapped = cli('audit', small, '--map', ' 状態 =status', '--format', 'json');
  assert.equal(mapped.status, 1, mapped.stderr);
  assert.equal(JSON.parse(mapped.stdout).summary.counts['status.unknown'], 1);
  assert.ok(!mapped.stderr.includes(secret));
});
