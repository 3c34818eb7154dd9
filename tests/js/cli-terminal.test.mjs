// The command line in a terminal (issue 22 point 10) and the wide report of
// the rules that fired (point 9). The CLI runs under a real pseudo-terminal
// (util-linux `script`), so process.stdout.isTTY is true as for a person:
// - stdout a terminal, no --format/--report: a summary (file, encoding,
//   records, verdict, counts per rule aligned for CJK width, the first
//   findings without cell values, the command for the full report), coloured
//   only when the terminal has colours and NO_COLOR is unset;
// - redirected, or with --format/--report: the report, byte for byte as
//   before this change (hashes of the output of the CLI before it, on the
//   fixtures), exit statuses unchanged;
// - a progress line on stderr for a large file when stderr is a terminal,
//   cleared at the end, never when it is not;
// - the wide CSV: one column per rule that fired, in reportCodes() order,
//   and the same bytes as createReport({ rows }) (what the audit page downloads).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { auditFields, auditRules, initAudit, reportCodes } from '../../js/audit.js';
import { createReport, firedCodes } from '../../js/report.js';
import { PROGRESS_MIN_BYTES, createProgress, displayWidth, fit, table, wantsColour } from '../../bin/cli-terminal.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'hersys-validator.mjs');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'public-lists');
const TODAY = '2026-11-29';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-cli-tty-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
await initAudit();

/** Colour (SGR) sequences. */
const ESC = /\x1b\[[0-9;]*m/g;
const plain = (text) => text.replace(ESC, '');
/** What stays on the screen: the text after the progress line was cleared (a slow machine may show it for a small file). */
const screen = (text) => text.slice(text.lastIndexOf('\r\x1b[K') + 1).replace(/^\x1b\[K/, '');
const sha = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32);
const quote = (word) => `'${String(word).replaceAll("'", "'\\''")}'`;

/** The CLI with stdout and stderr pipes (not terminals). */
function piped(args, options = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, maxBuffer: 1 << 28, ...options });
}

/**
 * The CLI under a pseudo-terminal: `stty -onlcr` keeps the bytes as written
 * (no LF → CR LF). `redirect` is appended to the command (e.g. `2>/dev/null`,
 * `> file`). Returns the terminal's bytes as text and the CLI's exit status.
 */
function inTerminal(args, { env = {}, redirect = '' } = {}) {
  const command = `stty -onlcr; exec ${[process.execPath, CLI, ...args].map(quote).join(' ')} ${redirect}`;
  const base = { ...process.env, TERM: 'xterm-256color' };
  // Set by a CI or a parent: each would decide the colours instead of the
  // terminal (Node's hasColors() says no colours under CI=… or NODE_DISABLE_COLORS).
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'CI', 'TMUX']) delete base[name];
  const run = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    env: { ...base, ...env },
    maxBuffer: 1 << 28,
    timeout: 120_000,
  });
  const text = run.stdout.toString('utf8');
  return { text: redirect ? text : screen(text), raw: text, bytes: run.stdout, status: run.status };
}

const fixture = (name) => path.join(FIXTURES, name);

// The output of the CLI before the terminal summary (bin/ at e810773), on the
// fixtures, redirected: [file, args, status, sha256(stdout), sha256(stderr)].
// The default output (the long CSV) and stderr must stay byte for byte.
const BEFORE = [
  ["legend-block.csv", [], 1, "b6a741b97a820d24f7b949f1d59153f5", "f6423dc3a5988fc8144f4429b35d5a86"],
  ["legend-block.csv", ["--lang","en"], 1, "dde1c762c35a8d4d8e93e0847770d36b", "f7611f351c7051965bbfa2a7be5d0a72"],
  ["legend-block.csv", ["--id-columns","","--lang","en"], 1, "8c74b90fc53786666d0fa50dad5a5a16", "f7611f351c7051965bbfa2a7be5d0a72"],
  ["legend-block.csv", ["--id-columns","受付番号"], 1, "87c427ac24f0c830704d9339cfd8d3c9", "f6423dc3a5988fc8144f4429b35d5a86"],
  ["no-header.csv", [], 3, "e3b0c44298fc1c149afbf4c8996fb924", "7309fbe0b8394594f61e1d17f29654d7"],
  ["no-header.csv", ["--lang","en"], 3, "e3b0c44298fc1c149afbf4c8996fb924", "2c3825e60aa2eedc570dd814f0397cc8"],
  ["no-header.csv", ["--id-columns","","--lang","en"], 3, "e3b0c44298fc1c149afbf4c8996fb924", "2c3825e60aa2eedc570dd814f0397cc8"],
  ["no-header.csv", ["--id-columns","受付番号"], 3, "e3b0c44298fc1c149afbf4c8996fb924", "7309fbe0b8394594f61e1d17f29654d7"],
  ["no-status-column.csv", [], 1, "7659f62f0c6693a96d44a2443f8b077c", "3fe098ed4d6b635a0a6dc4a7302933e5"],
  ["no-status-column.csv", ["--lang","en"], 1, "6541a7c1565a36f526bb7c6769e657a4", "fa566a9de293bea2f0fcd417e869d372"],
  ["no-status-column.csv", ["--id-columns","","--lang","en"], 1, "6541a7c1565a36f526bb7c6769e657a4", "fa566a9de293bea2f0fcd417e869d372"],
  ["no-status-column.csv", ["--id-columns","受付番号"], 1, "7659f62f0c6693a96d44a2443f8b077c", "3fe098ed4d6b635a0a6dc4a7302933e5"],
  ["repeated-rows.csv", [], 1, "d91bec8b980a4a75ce925e270f0bbadf", "637355793e7401d9cb4f0f7cc4b0b649"],
  ["repeated-rows.csv", ["--lang","en"], 1, "3d02a1a51639df5ad691aa5e824791f7", "64f37568bddf4d54db40f244b316fd2c"],
  ["repeated-rows.csv", ["--id-columns","","--lang","en"], 1, "708c88b47d4caba3377d3b3ff4d4857c", "64f37568bddf4d54db40f244b316fd2c"],
  ["repeated-rows.csv", ["--id-columns","受付番号"], 1, "d28d721ee1819a2199dd20196e94589f", "637355793e7401d9cb4f0f7cc4b0b649"],
  ["shift-jis-crlf.csv", [], 1, "8cd82426dc974e787d09aed760c8abfb", "8c4b1bf5567b2409da360c9763acc8c8"],
  ["shift-jis-crlf.csv", ["--lang","en"], 1, "3c4c94ecfafcdd335955d25a6998e32c", "dcae761767ab19a95300d6ac2804053f"],
  ["shift-jis-crlf.csv", ["--id-columns","","--lang","en"], 1, "cba664d9f0aeb6ba27789d4dfbeb954c", "dcae761767ab19a95300d6ac2804053f"],
  ["shift-jis-crlf.csv", ["--id-columns","受付番号"], 1, "f14c996203e88b53f090df70dd1f0a7f", "8c4b1bf5567b2409da360c9763acc8c8"],
  ["shifted-rows.csv", [], 1, "4fa1f3c7f43acd04d17b82998867c60a", "c04dc6f83a9da4bac68c3c8cb158eb7f"],
  ["shifted-rows.csv", ["--lang","en"], 1, "e7e6d15c004fa57e18364ff0d6ce869f", "07096fbba0fbe8af4c4c0f2fdefea873"],
  ["shifted-rows.csv", ["--id-columns","","--lang","en"], 1, "2e396ac8914f7e006093df22d101b5a3", "07096fbba0fbe8af4c4c0f2fdefea873"],
  ["shifted-rows.csv", ["--id-columns","受付番号"], 1, "62d00062e3441743c644aaa293169888", "c04dc6f83a9da4bac68c3c8cb158eb7f"],
  ["title-row.csv", [], 1, "bd9631308e34c1509f22937593ac13de", "774272649d036538ed8309a2e29dfceb"],
  ["title-row.csv", ["--lang","en"], 1, "fb4ba2a9788accff0aa9ec53431332e8", "55a94760feb96540658006aa0c4a9398"],
  ["title-row.csv", ["--id-columns","","--lang","en"], 1, "59b4b885304821ca68d60948b391a7e3", "55a94760feb96540658006aa0c4a9398"],
  ["title-row.csv", ["--id-columns","受付番号"], 1, "a3fe2aeeda4e898f137e8d7a1830489e", "774272649d036538ed8309a2e29dfceb"],
  ["values-as-typed.csv", [], 1, "b368d6ef7498d4d09ada72873ffc5fce", "c856f05a01eb1ed0be82ddd6c444cfa5"],
  ["values-as-typed.csv", ["--lang","en"], 1, "759b14cbc2ab45328b246b8b5f76ecdb", "2d2f6a9349ddbc452ec21779a6558b45"],
  ["values-as-typed.csv", ["--id-columns","","--lang","en"], 1, "0a7de984bef99c293609f7c5d71494b5", "2d2f6a9349ddbc452ec21779a6558b45"],
  ["values-as-typed.csv", ["--id-columns","受付番号"], 1, "ac15ce63f1fdf2f89bcce666a0df6143", "c856f05a01eb1ed0be82ddd6c444cfa5"],
];

test('redirected, without --format: the bytes, stderr and exit status of before', () => {
  for (const [file, args, status, out, err] of BEFORE) {
    // The file named as then: stderr names it.
    const run = piped(['audit', path.join('tests', 'fixtures', 'public-lists', file), '--today', TODAY, ...args]);
    const what = `${file} ${args.join(' ')}`;
    assert.equal(run.status, status, what);
    assert.equal(sha(run.stdout), out, `${what}: stdout`);
    assert.equal(sha(run.stderr), err, `${what}: stderr`);
  }
});

test('in a terminal with --format or --report: the report, the same bytes as redirected', () => {
  const file = fixture('values-as-typed.csv');
  for (const args of [['--format', 'csv'], ['--format', 'json'], ['--format', 'ndjson'], ['--report', 'long'], ['--report', 'wide', '--lang', 'en']]) {
    const all = ['audit', file, '--today', TODAY, ...args];
    const want = piped(all);
    const got = inTerminal(all, { redirect: '2>/dev/null' });
    assert.equal(got.status, want.status, args.join(' '));
    assert.ok(got.bytes.equals(want.stdout), `${args.join(' ')}: the same bytes`);
  }
});

/** The JSON report of `file`, to compare the summary with. */
function report(file, ...args) {
  return JSON.parse(piped(['audit', file, '--today', TODAY, '--format', 'json', ...args]).stdout.toString('utf8'));
}

test('in a terminal without --format: a summary, not CSV; the exit status of the CSV run', () => {
  for (const name of ['values-as-typed.csv', 'legend-block.csv', 'no-status-column.csv', 'shift-jis-crlf.csv']) {
    const file = fixture(name);
    const run = inTerminal(['audit', file, '--today', TODAY], { env: { NO_COLOR: '1' } });
    const text = run.text;
    assert.equal(run.status, piped(['audit', file, '--today', TODAY]).status, name);
    assert.ok(!text.includes('\ufeff') && !text.includes('行番号,レコード番号'), `${name}: no CSV`);
    assert.doesNotMatch(text, ESC, `${name}: NO_COLOR: no escape sequence`);
    const { summary, rows } = report(file);
    assert.match(text, new RegExp(`ファイル +${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\n`));
    assert.match(text, new RegExp(`文字コード +${summary.encoding}\\n`));
    assert.match(text, new RegExp(`レコード +${summary.rows} 件\\n`));
    // A file lacking a column the notice's checks need is never 問題なし.
    const unchecked = summary.fileFindings.some((f) => f.code === 'header.missing');
    assert.match(text, summary.rowsWithErrors + summary.rowsWithWarnings > 0 ? /判定 +要確認：エラーあり \d+ 件、警告あり \d+ 件/ : unchecked ? /判定 +確認できなかった項目あり/ : /判定 +問題なし/);
    if (unchecked) assert.doesNotMatch(text, /問題なし/, `${name}: not clean when a check could not run`);
    // Every counted rule, with its count of issues and of records.
    for (const rule of auditRules()) {
      const count = summary.counts[rule.code] ?? 0;
      if (/^(header|file)\./.test(rule.code)) continue;
      const line = text.split('\n').find((l) => l.startsWith(`  ${rule.code} `));
      if (count === 0) {
        assert.equal(line, undefined, `${name}: ${rule.code} did not fire`);
        continue;
      }
      // Records: the reported rows that have it; for notes, the summary's count (records with
      // notes only are not reported), which must cover at least the reported ones.
      const reported = rows.filter((r) => r.issues.some((i) => i.code === rule.code)).length;
      const records = rule.severity === 'info' ? summary.affected[rule.code] : reported;
      assert.ok(records >= reported && records > 0, `${name}: ${rule.code} records`);
      const cells = line.trim().split(/ {2,}/);
      assert.deepEqual(cells.slice(0, 4), [rule.code, { error: 'エラー', warning: '警告', info: '参考' }[rule.severity], records.toLocaleString('en-US'), count.toLocaleString('en-US')], `${name}: ${rule.code}`);
      assert.equal(cells.slice(4).join('  '), rule.ja);
    }
    // The first findings, then the way to the full report.
    const issues = rows.flatMap((r) => r.issues.map((i) => ({ ...i, row: r.row })));
    if (issues.length > 0) {
      const shown = Math.min(20, issues.length);
      assert.match(text, shown < issues.length ? new RegExp(`最初の ${shown} 件の指摘（全 ${issues.length} 件）`) : new RegExp(`指摘（${issues.length} 件）`));
      for (const issue of issues.slice(0, shown)) assert.ok(text.includes(issue.message), `${name}: line ${issue.row}`);
      const last = text.trimEnd().split('\n').at(-1);
      assert.equal(last, `全件のレポート（CSV）： node bin/hersys-validator.mjs audit ${file} --today ${TODAY} --format csv > report.csv`);
    }
  }
});

test('the summary in English, and never a cell value but the ID columns', () => {
  const file = path.join(dir, 'secret.csv');
  fs.writeFileSync(file, '受付番号,診断年月日,入国日,パスポート番号,現在のステータス,場所区分,場所名称\nQ-7777,2021-06-10,2021-06-01,ｔｚ１２３４５６７,入院中,ひみつ区分,ひみつ病院\n');
  const run = inTerminal(['audit', file, '--today', TODAY, '--lang', 'en'], { env: { NO_COLOR: '1' } });
  assert.equal(run.status, 1);
  const text = run.text;
  assert.match(text, /^hersys-validator\n {2}file +\S+secret\.csv\n {2}encoding +utf-8\n {2}records +1\n {2}verdict +issues: 1 records with errors, \d+ with warnings\n/);
  assert.match(text, /\nCounts per rule\n {2}code +severity +records +issues +rule\n/);
  assert.match(text, /\n {2}line +受付番号 +field +severity +message\n +2 +Q-7777 +Passport number/);
  for (const secret of ['ｔｚ１２３４５６７', 'TZ1234567', 'ひみつ区分', 'ひみつ病院']) assert.ok(!text.includes(secret), secret);
  assert.match(text.trimEnd().split('\n').at(-1), /^The full report \(CSV\): node bin\/hersys-validator\.mjs audit \S+secret\.csv --today 2026-11-29 --lang en --format csv > report\.csv$/);
});

test('the columns line up in terminal columns, CJK counting two', () => {
  assert.equal(displayWidth('受付番号'), 8);
  assert.equal(displayWidth('ｱｲ'), 2); // halfwidth katakana
  assert.equal(displayWidth('Ａ１'), 4); // fullwidth forms
  assert.equal(displayWidth('が'), 2);
  assert.equal(displayWidth('か\u3099'), 2); // a combining mark takes no column
  assert.equal(displayWidth('—'), 1);
  assert.equal(fit('パスポート番号', 7), 'パスポ…');
  assert.deepEqual(table([['ab', '受付', 'x'], ['受付番号', 'c', 'y']]), ['ab        受付  x', '受付番号  c     y']);

  const run = inTerminal(['audit', fixture('values-as-typed.csv'), '--today', TODAY], { env: { NO_COLOR: '1' } });
  const lines = run.text.split('\n');
  // The rule table: its last column (the rule) starts at the same terminal column on every line.
  const start = lines.findIndex((l) => l.startsWith('  コード'));
  const ruleTable = lines.slice(start, lines.indexOf('', start));
  const at = (line, text) => displayWidth(line.slice(0, line.lastIndexOf(text)));
  const columns = ruleTable.map((line, i) => (i === 0 ? at(line, 'ルール') : at(line, line.trim().split(/ {2,}/).slice(4).join('  '))));
  assert.ok(ruleTable.length > 5);
  assert.equal(new Set(columns).size, 1, `rule column at ${columns}`);
  // The findings: the message column too (field labels such as パスポート番号（旅券番号） are wide).
  const first = lines.findIndex((l) => /^ {2}行 /.test(l));
  const findings = lines.slice(first, lines.indexOf('', first));
  const messageAt = findings.map((line, i) => displayWidth(line.slice(0, line.lastIndexOf(i === 0 ? 'メッセージ' : line.trim().split(/ {2,}/).at(-1)))));
  assert.equal(new Set(messageAt).size, 1, `message column at ${messageAt}`);
});

test('colour only when the terminal has colours and NO_COLOR is unset or empty', () => {
  const args = ['audit', fixture('values-as-typed.csv'), '--today', TODAY];
  const coloured = inTerminal(args).text;
  assert.match(coloured, /\x1b\[31mエラー/);
  assert.match(coloured, /\x1b\[1m/);
  const none = inTerminal(args, { env: { NO_COLOR: '1' } }).text;
  assert.doesNotMatch(none, ESC);
  assert.equal(plain(coloured), none, 'the same text without colour');
  assert.doesNotMatch(inTerminal(args, { env: { TERM: 'dumb' } }).text, ESC);
  assert.equal(wantsColour({ isTTY: true, hasColors: () => true }, { NO_COLOR: 'x' }), false);
  assert.equal(wantsColour({ isTTY: true, hasColors: () => true }, { NO_COLOR: '' }), true);
  assert.equal(wantsColour({ isTTY: false, hasColors: () => true }, {}), false);
});

test('a clean file: the verdict, no table, no command', () => {
  const file = path.join(dir, 'clean.csv');
  // Every column the notice's checks need (a file without 死亡日付 is not all checked).
  fs.writeFileSync(file, '受付番号,診断年月日,入国日,パスポート番号,現在のステータス,死亡日付,死亡場所,場所区分,場所名称\nC-1,2021-06-10,,,入院中,,,家庭内,自宅\n');
  const run = inTerminal(['audit', file, '--today', TODAY], { env: { NO_COLOR: '1' } });
  assert.equal(run.status, piped(['audit', file, '--today', TODAY]).status);
  assert.match(run.text, /判定 +問題なし/);
  assert.doesNotMatch(run.text, /ルールごとの件数|report\.csv/);
});

test('usage errors and refused files in a terminal: as before, one line on stderr', () => {
  const bad = inTerminal(['audit', fixture('values-as-typed.csv'), '--lang', 'xx'], { env: { NO_COLOR: '1' } });
  assert.equal(bad.status, 2);
  assert.match(bad.text, /^hersys-validator: --lang must be ja or en \(see 'hersys-validator --help'\)\n$/);
  const refused = inTerminal(['audit', fixture('no-header.csv')], { env: { NO_COLOR: '1' } });
  assert.equal(refused.status, 3);
  assert.match(refused.text, /^hersys-validator: cannot audit [^\n]+\n$/);
});

/** A file large enough to take more than the progress line's delay to audit. */
function largeFile() {
  const file = path.join(dir, 'large.csv');
  const lines = ['受付番号,診断年月日,入国日,パスポート番号,現在のステータス,場所区分,場所名称'];
  const status = ['入院中', '', '死亡', '宿泊療養'];
  for (let i = 0; i < 150_000; i++) lines.push(`L-${i},2021-06-${String(1 + (i % 28)).padStart(2, '0')},,,${status[i % 4]},${i % 3 ? '家庭内' : ''},`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('a progress line on stderr (a terminal) while a large file is read, cleared at the end; none when stderr is not a terminal', () => {
  const file = largeFile();
  const out = path.join(dir, 'large-report.csv');
  const started = Date.now();
  const run = inTerminal(['audit', file, '--today', TODAY, '--lang', 'en'], { redirect: `> ${quote(out)}` });
  const seconds = (Date.now() - started) / 1000;
  const want = piped(['audit', file, '--today', TODAY, '--lang', 'en']);
  assert.equal(run.status, want.status);
  // stdout redirected: the report, byte for byte; stderr (the terminal) the same lines after the progress.
  assert.ok(fs.readFileSync(out).equals(want.stdout), 'the report is unchanged');
  const updates = run.raw.split('\r\x1b[K').slice(1, -1);
  assert.ok(updates.length >= 1, `progress shown: ${JSON.stringify(run.raw.slice(0, 200))}`);
  assert.ok(updates.length <= seconds * 10 + 2, `${updates.length} updates in ${seconds} s: at most 10 a second`);
  for (const update of updates) assert.match(update, /^\[[#.]{20}\] +\d+%  \d+\.\d \/ \d+\.\d MB  [\d,]+ records$/);
  const shares = updates.map((u) => Number(u.match(/(\d+)%/)[1]));
  assert.deepEqual(shares, [...shares].sort((a, b) => a - b), 'never goes back');
  // Cleared, then the verdict lines of before.
  assert.ok(run.raw.endsWith(`\r\x1b[K${want.stderr.toString('utf8')}`));
  // Not a terminal: no progress, no carriage return.
  assert.ok(!want.stderr.includes('\r'));
});

test('the progress line: only for a large file or a pipe, after a moment, at most 10 a second, never backwards, cleared only when drawn', () => {
  const draw = (total, steps, options = {}) => {
    let clock = 0;
    const written = [];
    const progress = createProgress({ write: (text) => written.push(text) }, total, { lang: 'en', now: () => clock, ...options });
    for (const [t, rows, bytes] of steps) {
      clock = t;
      progress.update({ rows, bytes });
    }
    progress.done();
    return written;
  };
  // A small file: nothing, even when it takes long; nothing to clear.
  assert.deepEqual(draw(PROGRESS_MIN_BYTES - 1, [[0, 1, 10], [5000, 2, 20]]), []);
  // A large file: nothing in the first 500 ms, then at most one line per 100 ms.
  const total = 4 * PROGRESS_MIN_BYTES;
  const steps = Array.from({ length: 200 }, (_, i) => [i * 10, i * 100, Math.round((i / 199) * total)]);
  const lines = draw(total, steps);
  assert.equal(lines.at(-1), '\r\x1b[K', 'cleared');
  const drawn = lines.slice(0, -1);
  assert.ok(drawn.length >= 10 && drawn.length <= 15, `${drawn.length} lines in 2 s`);
  assert.match(drawn[0], /^\r\x1b\[K\[#+\.*\] +\d+%  \d+\.\d \/ 4\.2 MB  [\d,]+ records$/);
  // Threads report out of order: the line shows the furthest point.
  const back = draw(total, [[600, 500, total / 2], [800, 100, total / 4]]);
  assert.match(back[1], / 50%  2\.1 \/ 4\.2 MB  500 records$/);
  // A pipe (size unknown): bytes and records.
  assert.match(draw(0, [[600, 12345, 3e6]], { lang: 'ja' })[0], /^\r\x1b\[K3\.0 MB  12,345 件$/);
});

test('the wide CSV: one column per rule that fired, in reportCodes() order, the bytes createReport({ rows }) gives', () => {
  const codes = reportCodes();
  for (const name of ['values-as-typed.csv', 'repeated-rows.csv', 'no-status-column.csv']) {
    for (const lang of ['ja', 'en']) {
      const file = fixture(name);
      const wide = piped(['audit', file, '--today', TODAY, '--report', 'wide', '--lang', lang]).stdout.toString('utf8');
      const { summary, rows } = report(file, '--lang', lang);
      const fired = codes.filter((code) => rows.some((r) => r.issues.some((i) => i.code === code)));
      assert.deepEqual(firedCodes(codes, rows), fired);
      // Each fired code is a column; the counts of the summary agree (every report code is an error or a warning).
      assert.deepEqual(fired, codes.filter((code) => (summary.counts[code] ?? 0) > 0), name);
      const cells = Papa.parse(wide.slice(1).split('\r\n')[0]).data[0];
      const verdictAt = cells.indexOf(lang === 'en' ? 'verdict' : '判定');
      assert.deepEqual(cells.slice(verdictAt + 1).map((c) => c.split(' ')[0]), fired, `${name} ${lang}`);
      // What the audit page downloads: createReport with its records.
      const made = createReport({ columns: summary.columns, rules: auditRules(), codes, fields: auditFields(), lang, shape: 'wide', rows });
      assert.deepEqual(made.codes, fired);
      assert.equal(made.header() + rows.map((r) => made.lines(r)).join(''), wide, `${name} ${lang}: the same bytes`);
    }
  }
  // Without rows, createReport keeps one column per code it is given (as before).
  const all = createReport({ columns: [], codes, shape: 'wide' });
  assert.equal(all.header().split(',').length, 3 + codes.length);
});
