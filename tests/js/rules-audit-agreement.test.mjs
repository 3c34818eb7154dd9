// The batch audit gives the same verdicts as validate() on the records of
// the revised rules (issue 9): the CLI's JSON on a file of them lists, for
// every record with an error or a warning, exactly the issues validate()
// finds (code, field, related fields, severity), and no other record; with
// --vocabulary the caller's lists turn the same values into errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, validate, fields } from '../../js/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'hersys-validator.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-rules-audit-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const TODAY = '2021-07-31';

const base = { diagnosisDate: '2021-06-08', status: '入院中', placeCategory: '飲食店', placeName: '駅前の店' };
/** One record per point of the issue, and clean ones around them. */
const RECORDS = [
  base,
  { ...base, placeCategory: '' }, // 1: a known place, no fix
  { ...base, placeCategory: '', placeName: '' }, // 1: fixed by 場所種別不明
  { ...base, diagnosisDate: '' }, // 2
  { ...base, infectionRegion: '国外', country: 'フィリピン' }, // 2
  { ...base, departureDate: '2021-05-20' }, // 2
  { ...base, caseType: '感染症死亡者の死体', deathDate: '2021-06-07' }, // 3
  { ...base, caseType: '感染症死亡疑い者の死体', status: '死亡', deathDate: '2021-06-07', deathPlace: '自宅' }, // 3, clean
  { ...base, birthDate: '2021-03-01', age: '3か月' }, // 4, clean
  { ...base, birthDate: '2021-03-01', age: '0歳2ヶ月' }, // 4
  { ...base, birthDate: '1980-01-01', age: '3か月' }, // 4
  { ...base, entryDate: '2021-05-11', infectionRegion: '国外' }, // 5: d = 28
  { ...base, entryDate: '2021-05-10', infectionRegion: '国外' }, // 5: d = 29
  { ...base, status: '療養中', sex: '不詳', facilityCategory: '保育園' }, // 6: built-in lists warn
  { ...base, status: '入院･療養等調整中', placeCategory: '学校･教育施設' }, // 7, clean
  { ...base, onsetDate: '2021年6月8日（火）' }, // 8
  { ...base, onsetDate: '2021年6月8日（水）' }, // 8
  { ...base, birthDate: '1899-12-31' }, // 8
  { ...base, nationality: '日本国籍', passportNumber: 'L898902C3' }, // 9
  { ...base, nationality: 'Japanese', passportNumber: 'TK1234567' }, // 9, clean
];

const KEYS = [...new Set(RECORDS.flatMap(Object.keys))];

function csvFile(name) {
  const labels = new Map(fields().map((f) => [f.key, f.ja]));
  const lines = [KEYS.map((k) => labels.get(k)).join(',')];
  for (const record of RECORDS) lines.push(KEYS.map((k) => record[k] ?? '').join(','));
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

/** The record as the audit reads it: every column present, blank as empty. */
const asRead = (record) => Object.fromEntries(KEYS.map((k) => [k, record[k] ?? '']));
const shown = (issues) =>
  issues
    .filter((i) => i.severity !== 'info')
    .map((i) => `${i.code}@${i.field}←${[...i.related].join(',')}/${i.severity}`)
    .sort();

function audit(...extra) {
  const run = spawnSync(process.execPath, [CLI, 'audit', csvFile('records.csv'), '--format', 'json', '--today', TODAY, ...extra], {
    encoding: 'utf8',
  });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout);
}

function assertAgrees(report, options) {
  const byIndex = new Map(report.rows.map((row) => [row.index, row]));
  RECORDS.forEach((record, i) => {
    const expected = shown(validate(asRead(record), options).issues);
    const row = byIndex.get(i + 1);
    assert.deepEqual(row ? shown(row.issues) : [], expected, `record ${i + 1}: ${JSON.stringify(record)}`);
  });
  assert.equal(report.summary.rows, RECORDS.length);
}

test.before(() => init());

test('the CLI agrees with validate() on the records of the revised rules', () => {
  const report = audit();
  assertAgrees(report, { today: TODAY });
  // The file really exercises the revised rules.
  const codes = new Set(report.rows.flatMap((row) => row.issues.map((i) => i.code)));
  for (const code of [
    'place.category_required', 'diagnosis.required', 'entry.date_missing', 'death.body_without_status', 'age.mismatch',
    'passport.boundary_day', 'status.unknown', 'choice.unknown', 'facility.category_unknown', 'date.weekday_mismatch',
    'date.too_early', 'passport.format',
  ]) {
    assert.ok(codes.has(code), code);
  }
});

test('with --vocabulary, the caller lists make errors in the CLI as in validate()', () => {
  const vocabulary = { status: ['入院中'], sex: ['男', '女'], facilityCategory: ['病院'], placeCategory: ['飲食店'] };
  const lists = path.join(dir, 'lists.json');
  fs.writeFileSync(lists, JSON.stringify(vocabulary));
  const report = audit('--vocabulary', lists);
  assertAgrees(report, { today: TODAY, vocabulary });
  const codes = new Set(report.rows.flatMap((row) => row.issues.map((i) => i.code)));
  for (const code of ['status.not_in_list', 'choice.not_in_list', 'facility.category_not_in_list', 'place.category_not_in_list']) {
    assert.ok(codes.has(code), code);
  }
});
