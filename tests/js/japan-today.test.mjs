// Issue 20 point 1: "today" is the calendar date in Japan (Asia/Tokyo),
// whatever the host's time zone, and a Date given as a field value is read
// as its date in Japan (docs/rules.md §4). Each case runs in a child process
// with TZ set, since a process reads its time zone once. The oracle is Intl's
// Asia/Tokyo calendar, independent of the module's arithmetic.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'hersys-validator.mjs');
const ZONES = ['UTC', 'Etc/GMT+12', 'Etc/GMT-14', 'America/Los_Angeles'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-japan-today-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

// Run in the child: the API's default day, and Dates read in Japan.
const CHILD = `
import * as api from ${JSON.stringify(path.join(ROOT, 'js', 'index.js'))};
await api.init();
const japan = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(ms));
const now = Date.now();
const today = japan(now);
const tomorrow = japan(now + 86_400_000);
const future = (value) => api.validateField('reportDate', { reportDate: value }).some((i) => i.code === 'date.future');
const read = (date) => api.validate({ diagnosisDate: date }, { today: '2030-01-01' }).normalized.diagnosisDate;
console.log(JSON.stringify({
  offsetMinutes: new Date().getTimezoneOffset(),
  today,
  todayIsFuture: future(today),
  tomorrowIsFuture: future(tomorrow),
  midnightInJapan: read(new Date('2021-06-03T00:00:00+09:00')),
  lastMinuteInJapan: read(new Date('2021-06-02T23:59:59.999+09:00')),
  fifteenUtc: read(new Date('2021-06-02T15:00:00Z')),
  leapDay: read(new Date('2024-02-28T15:00:00Z')),
}));
`;

function inZone(zone, args) {
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, TZ: zone } });
  assert.equal(run.status, 0, `${zone}: ${run.stderr}`);
  return run;
}

for (const zone of ZONES) {
  test(`TZ=${zone}: today is Japan's day and a Date is read as its date in Japan`, () => {
    const result = JSON.parse(inZone(zone, ['--input-type=module', '-e', CHILD]).stdout);
    if (zone !== 'UTC') assert.notEqual(result.offsetMinutes, -540, 'the child really runs outside Japan');
    assert.equal(result.todayIsFuture, false, `${result.today} is today in Japan: not in the future`);
    assert.equal(result.tomorrowIsFuture, true, 'the next day in Japan is in the future');
    assert.equal(result.midnightInJapan, '2021-06-03');
    assert.equal(result.lastMinuteInJapan, '2021-06-02');
    assert.equal(result.fifteenUtc, '2021-06-03');
    assert.equal(result.leapDay, '2024-02-29');
  });
}

test('the CLI audits with Japan\'s today whatever TZ says', () => {
  const japan = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(ms));
  const now = Date.now();
  const file = path.join(dir, 'today.csv');
  fs.writeFileSync(
    file,
    `診断年月日,現在のステータス,場所区分,報告年月日\n${japan(now)},入院中,場所種別不明,${japan(now)}\n${japan(now)},入院中,場所種別不明,${japan(now + 86_400_000)}\n`,
  );
  for (const zone of ZONES) {
    const run = spawnSync(process.execPath, [CLI, 'audit', file, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, TZ: zone } });
    assert.ok(run.status === 0 || run.status === 1, `${zone}: ${run.stderr}`);
    const report = JSON.parse(run.stdout);
    const future = report.rows.flatMap((row) => row.issues.filter((i) => i.code === 'date.future').map(() => row.row));
    assert.deepEqual(future, [3], `${zone}: only the row reported for tomorrow in Japan`);
  }
});
