// The numbers behind the picture on audit.html (www/app/audit-picture.js), in
// Node, on a fixture of the audit summary's shape (summary.notice, .affected,
// .weeks, .undated): which series are drawn and in what order, the shares
// before and after the notice's week, the axis, the weeks' Mondays.
// Run: node --test tests/js/audit-picture.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOTICE_DATE, axisMax, beforeAfter, mondayOf, pictureSeries } from '../../www/app/audit-picture.js';

const RULES = [
  { code: 'passport.required', severity: 'error', ja: 'パスポート未入力', en: 'Passport missing' },
  { code: 'status.required', severity: 'error', ja: 'ステータス未入力', en: 'Status missing' },
  { code: 'passport.normalize', severity: 'warning', ja: '小文字など', en: 'Lower case…' },
  { code: 'date.future', severity: 'error', ja: '今日より後', en: 'Future' },
  { code: 'date.canonical', severity: 'info', ja: '形式', en: 'Format' },
  { code: 'date.invalid', severity: 'error', ja: '読めない', en: 'Invalid' },
];
const ITEMS = [
  { item: 'passport', ja: 'パスポート番号', en: 'Passport number', codes: ['passport.required'] },
  { item: 'status', ja: '現在のステータス', en: 'Current status', codes: ['status.required'] },
  { item: 'place', ja: '場所区分', en: 'Place category', codes: [] },
];

const SUMMARY = {
  rows: 110,
  undated: 10,
  notice: { passport: 12, status: 7, place: 0 },
  affected: { 'passport.required': 12, 'status.required': 7, 'passport.normalize': 5, 'date.future': 3, 'date.canonical': 40 },
  weeks: [
    { week: '2021-05-17', rows: 20, notice: { passport: 8, status: 2, place: 0 }, affected: { 'passport.required': 8, 'status.required': 2, 'date.future': 1 } },
    { week: '2021-05-24', rows: 30, notice: { passport: 3, status: 2, place: 0 }, affected: { 'passport.required': 3, 'status.required': 2, 'passport.normalize': 5 } },
    // the notice's week (Monday 31 May; the notice is Thursday 3 June)
    { week: '2021-05-31', rows: 25, notice: { passport: 1, status: 1, place: 0 }, affected: { 'passport.required': 1, 'status.required': 1 } },
    { week: '2021-06-14', rows: 25, notice: { passport: 0, status: 1, place: 0 }, affected: { 'status.required': 1, 'date.future': 2 } },
  ],
  fileFindings: [],
};

test('series: the three notice items first, then the other rules that fired, errors, warnings, notes', () => {
  const picture = pictureSeries(SUMMARY, { rules: RULES, items: ITEMS });
  assert.deepEqual(picture.series.map((s) => s.key), ['notice.passport', 'notice.status', 'notice.place', 'date.future', 'passport.normalize', 'date.canonical']);
  assert.deepEqual(picture.series.map((s) => s.affected), [12, 7, 0, 3, 5, 40]);
  assert.deepEqual(picture.series[0].weekly, [8, 3, 1, 0]);
  assert.deepEqual(picture.series[3].weekly, [1, 0, 0, 2], 'weeks without the code count 0');
  assert.deepEqual(picture.series.at(-1).weekly, [0, 0, 0, 0], 'all its records undated');
  assert.equal(picture.series[2].checked, true, 'an item with no finding is drawn (at 0), not hidden');
  assert.deepEqual(picture.series[0].label, { ja: 'パスポート番号', en: 'Passport number' });
  assert.equal(picture.undated, 10);
  assert.deepEqual(picture.weeks.map((w) => w.rows), [20, 30, 25, 25]);
});

test('an item whose column is missing is "not checked", never 0%', () => {
  const summary = { ...SUMMARY, fileFindings: [{ code: 'header.missing', field: 'placeCategory' }, { code: 'header.missing', field: 'entryDate' }] };
  const picture = pictureSeries(summary, { rules: RULES, items: ITEMS });
  assert.deepEqual(picture.series.filter((s) => !s.checked).map((s) => s.key), ['notice.passport', 'notice.place']);
  // 死亡日付 missing: 現在のステータス was read, its death checks (記2①) did not run.
  const partly = pictureSeries({ ...SUMMARY, fileFindings: [{ code: 'header.missing', field: 'deathDate', checks: [{ ja: '記2①', en: 'clause 2 ①' }] }] }, { rules: RULES, items: ITEMS });
  assert.deepEqual(partly.series.filter((s) => s.partial).map((s) => s.key), ['notice.status']);
  assert.ok(partly.series.every((s) => s.checked));
  // No 診断年月日: the passport window cannot be counted.
  const noDiagnosis = pictureSeries({ ...SUMMARY, fileFindings: [{ code: 'header.missing', field: 'diagnosisDate', checks: [{ ja: '記1' }] }] }, { rules: RULES, items: ITEMS });
  assert.deepEqual(noDiagnosis.series.filter((s) => !s.checked).map((s) => s.key), ['notice.passport']);
});

test('no weeks in the summary (an older module, or a refused file): nothing to draw', () => {
  assert.equal(pictureSeries({ rows: 3 }, { rules: RULES, items: ITEMS }), null);
  assert.equal(pictureSeries(undefined, { rules: RULES, items: ITEMS }), null);
  assert.deepEqual(pictureSeries({ ...SUMMARY, weeks: [] }, { rules: RULES, items: ITEMS }).weeks, []);
});

test('before and after the notice: its week (a Thursday) counts after; a side without records is null', () => {
  assert.equal(NOTICE_DATE, '2021-06-03');
  assert.equal(mondayOf('2021-06-03'), '2021-05-31');
  assert.equal(mondayOf('2021-05-31'), '2021-05-31');
  assert.equal(mondayOf('2021-06-06'), '2021-05-31', 'Sunday ends the week');
  const { weeks, series } = pictureSeries(SUMMARY, { rules: RULES, items: ITEMS });
  const passport = beforeAfter(weeks, series[0].weekly);
  assert.equal(passport.before, 11 / 50);
  assert.equal(passport.after, 1 / 50);
  assert.deepEqual([passport.beforeRows, passport.afterRows], [50, 50]);
  assert.deepEqual(beforeAfter(weeks.slice(0, 2), [1, 1]), { before: 2 / 50, after: null, beforeRows: 50, afterRows: 0 });
  assert.deepEqual(beforeAfter(weeks.slice(2), [0, 5]), { before: null, after: 5 / 50, beforeRows: 0, afterRows: 50 });
});

test('the share axis ends at a round value at or above the largest share', () => {
  assert.equal(axisMax(0), 0.01);
  assert.equal(axisMax(0.01), 0.01);
  assert.equal(axisMax(0.011), 0.02);
  assert.equal(axisMax(0.4), 0.5);
  assert.equal(axisMax(0.51), 1);
  assert.equal(axisMax(1), 1);
});
