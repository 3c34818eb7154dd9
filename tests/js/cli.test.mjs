// The Node command line: exit codes, both encodings, both formats, and the
// same verdicts as the audit API.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditStream } from '../../js/audit.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'hersys-validator.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-cli-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const TODAY = '2026-11-29';

function cli(...args) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

function generate(name, ...args) {
  const file = path.join(dir, name);
  execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'gen_cases', '--', ...args, '--out', file], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return file;
}

const utf8 = generate('cases-utf8.csv', '--rows', '2000', '--encoding', 'utf-8', '--bom', '--defects', '0.2', '--seed', '7');
const sjis = generate('cases-sjis.csv', '--rows', '2000', '--encoding', 'shift_jis', '--defects', '0.2', '--seed', '7');
const clean = generate('clean.csv', '--rows', '200', '--encoding', 'utf-8', '--defects', '0', '--seed', '3');

test('usage errors exit 2 with a message', () => {
  for (const args of [[], ['check', utf8], ['audit'], ['audit', utf8, '--format', 'xml'], ['audit', utf8, '--encoding', 'latin1'],
    ['audit', path.join(dir, 'missing.csv')], ['audit', utf8, '--bogus'], ['audit', utf8, '--today', 'someday'],
    ['audit', utf8, '--map', '状態=nope'], ['audit', utf8, '--vocabulary', path.join(dir, 'missing.json')]]) {
    const run = cli(...args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /^hersys-validator: .+\nusage: /);
  }
  assert.equal(cli('--help').status, 0);
});

test('exit 1 when errors are found, 0 when none', () => {
  assert.equal(cli('audit', utf8, '--today', TODAY).status, 1);
  const run = cli('audit', clean, '--today', TODAY);
  assert.equal(run.status, 0, run.stderr);
});

test('Shift_JIS and UTF-8 with BOM give the same verdicts, in JSON', () => {
  const a = JSON.parse(cli('audit', utf8, '--format', 'json', '--today', TODAY).stdout);
  const b = JSON.parse(cli('audit', sjis, '--format', 'json', '--today', TODAY, '--encoding', 'shift_jis').stdout);
  assert.equal(a.summary.encoding, 'utf-8');
  assert.equal(b.summary.encoding, 'shift_jis');
  assert.equal(a.summary.rows, 2000);
  assert.deepEqual(a.summary.counts, b.summary.counts);
  assert.deepEqual(a.rows, b.rows);
  assert.ok(a.summary.counts['passport.required'] > 0);
  assert.equal(a.rows.length, a.summary.rowsWithErrors + a.summary.rowsWithWarnings - countBoth(a.rows));
});

function countBoth(rows) {
  return rows.filter((r) => r.issues.some((i) => i.severity === 'error') && r.issues.some((i) => i.severity === 'warning')).length;
}

test('the CSV report has a BOM, a header, and a line per failing record', () => {
  const run = cli('audit', sjis, '--today', TODAY);
  const json = JSON.parse(cli('audit', sjis, '--format', 'json', '--today', TODAY).stdout);
  assert.ok(run.stdout.startsWith('\ufeff行番号,レコード番号,受付番号,判定,passport.required '));
  const lines = run.stdout.trimEnd().split('\r\n');
  // Quoted cells never hold line breaks here (messages have none).
  assert.equal(lines.length - 1, json.rows.length);
  assert.match(run.stderr, /2000 件/);
});

test('the CLI agrees with the audit API on the same bytes', async () => {
  const summary = await auditStream(fs.readFileSync(utf8), {}, { today: TODAY });
  const json = JSON.parse(cli('audit', utf8, '--format', 'json', '--today', TODAY).stdout);
  assert.deepEqual(json.summary, summary);
});

test('an explicit mapping maps an unknown header', () => {
  const file = path.join(dir, 'mapped.csv');
  fs.writeFileSync(file, '番号,診断年月日,状態,場所\nA-1,2026-11-01,入院中,職場\nA-2,2026-11-01,,場所種別不明\n');
  const plain = JSON.parse(cli('audit', file, '--format', 'json', '--today', TODAY).stdout);
  // 番号 is kept as an identifying column; it maps to no field either.
  assert.equal(plain.summary.counts['header.unmapped'], 3);
  const mapped = JSON.parse(
    cli('audit', file, '--format', 'json', '--today', TODAY, '--map', '状態=status', '--map', '場所=placeCategory').stdout,
  );
  assert.equal(mapped.summary.counts['header.unmapped'], 1);
  assert.equal(mapped.summary.counts['status.required'], 1);
  assert.deepEqual(mapped.rows.map((r) => [r.row, r.ids]), [[3, ['A-2']]]);
});

test('--vocabulary replaces option lists', () => {
  const file = path.join(dir, 'statuses.csv');
  fs.writeFileSync(file, '受付番号,診断年月日,現在のステータス,場所区分\nA-1,2026-11-01,療養中,場所種別不明\n');
  const lists = path.join(dir, 'lists.json');
  fs.writeFileSync(lists, JSON.stringify({ status: ['療養中', '死亡'] }));
  const before = JSON.parse(cli('audit', file, '--format', 'json', '--today', TODAY).stdout);
  assert.equal(before.summary.counts['status.unknown'], 1);
  const run = cli('audit', file, '--format', 'json', '--today', TODAY, '--vocabulary', lists);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).summary.counts['status.unknown'], undefined);
});

test('a header-only file gives a report with just the header', () => {
  const file = path.join(dir, 'header-only.csv');
  fs.writeFileSync(file, '受付番号,現在のステータス\n');
  const run = cli('audit', file, '--today', TODAY);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.startsWith('\ufeff行番号,レコード番号,受付番号,判定,'));
  assert.equal(run.stdout.trimEnd().split('\r\n').length, 1);
});
