// The numbers behind the picture on audit.html (www/app/audit-picture.js), in
// Node, on a fixture of the audit summary's shape (summary.notice, .affected,
// .weeks, .undated): which series are drawn and in what order, the shares
// before and after the notice's week, the axis, the weeks' Mondays.
// Run: node --test tests/js/audit-picture.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOTICE_DATE, axisMax, beforeAfter, chartSpan, mondayOf, pictureSeries } from '../../www/app/audit-picture.js';
import { STRINGS } from '../../www/app/audit-i18n.js';

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

test('a note of a notice item (place.name_missing) is not in the item\'s count: it gets a chart of its own', () => {
  const rules = [...RULES, { code: 'place.category_required', severity: 'error', ja: '場所区分未入力', en: 'No place category' }, { code: 'place.name_missing', severity: 'info', ja: '場所名称未入力', en: 'No place name' }];
  const items = [ITEMS[0], ITEMS[1], { ...ITEMS[2], codes: ['place.category_required', 'place.name_missing'] }];
  const summary = { ...SUMMARY, notice: { ...SUMMARY.notice, place: 2 }, affected: { ...SUMMARY.affected, 'place.category_required': 2, 'place.name_missing': 9 } };
  const keys = pictureSeries(summary, { rules, items }).series.map((s) => s.key);
  assert.ok(keys.includes('place.name_missing'), keys.join());
  assert.ok(!keys.includes('place.category_required'), 'an error of an item is told by the item');
  assert.equal(keys.at(-1), 'place.name_missing', 'with the notes, after the errors and warnings');
});

/** Weeks of `rows` records each from Monday `first`, `n` of them one after another. */
const run = (first, n, rows) => Array.from({ length: n }, (_, i) => ({ week: new Date(Date.parse(first) + i * 7 * 86_400_000).toISOString().slice(0, 10), rows }));

test('one mistyped 診断年月日 (2001 for 2021) does not stretch the axis: its week is counted apart', () => {
  // 3 records in 2021 only: before 2020 is out however small the file.
  const weeks = [{ week: '2001-05-28', rows: 1 }, ...run('2021-05-03', 3, 1)];
  assert.deepEqual(chartSpan(weeks), { from: 1, to: 4, first: '2021-05-03', last: '2021-05-31' });
  const summary = {
    rows: 4,
    undated: 0,
    notice: { passport: 2, status: 0, place: 0 },
    affected: { 'passport.required': 2 },
    weeks: weeks.map((w, i) => ({ ...w, notice: { passport: i < 2 ? 1 : 0 }, affected: { 'passport.required': i < 2 ? 1 : 0 } })),
  };
  const picture = pictureSeries(summary, { rules: RULES, items: ITEMS });
  assert.deepEqual(picture.weeks.map((w) => w.week), ['2021-05-03', '2021-05-10', '2021-05-17']);
  assert.deepEqual(picture.axis, { first: '2021-05-03', last: '2021-05-31' }, 'widened to the notice\'s week, 2 weeks away');
  assert.deepEqual(picture.outside, { rows: 1, weeks: 1 });
  assert.equal(picture.series[0].affected, 2, 'the count stays whole-file');
  assert.deepEqual(picture.series[0].weekly, [1, 0, 0]);
  assert.equal(picture.series[0].outside, 1);
});

test('the chart\'s weeks: the shortest run holding 99 % of the dated records', () => {
  // 200 records over 10 weeks of 2021, one in 2024 (a mistyped year, after 2020): out.
  const weeks = [...run('2021-08-02', 10, 20), { week: '2024-08-05', rows: 1 }];
  assert.deepEqual(chartSpan(weeks), { from: 0, to: 10, first: '2021-05-31', last: '2021-10-04' });
  // 2 in 202 are at most 1 %: out; 3 in 203 are more: kept, and the axis spans them.
  assert.equal(chartSpan([...run('2021-08-02', 10, 20), { week: '2024-08-05', rows: 2 }]).to, 10);
  const two = [...run('2021-08-02', 10, 20), { week: '2024-08-05', rows: 3 }];
  assert.deepEqual(chartSpan(two), { from: 0, to: 11, first: '2021-05-31', last: '2024-08-05' });
  // An early outlier, 1 in 101: out; the notice is more than a year before 2023: not drawn.
  const early = [{ week: '2020-03-02', rows: 1 }, ...run('2023-01-02', 5, 20)];
  assert.deepEqual(chartSpan(early), { from: 1, to: 6, first: '2023-01-02', last: '2023-01-30' });
  // The real data's thin end (2 records in the week after 200) is under 1 % but near: kept.
  assert.deepEqual(chartSpan([...run('2021-08-02', 10, 20), { week: '2021-10-11', rows: 2 }]).to, 11);
  assert.deepEqual(chartSpan([...run('2021-08-02', 10, 20), { week: '2021-11-22', rows: 2 }]).to, 11, '7 weeks after: still near');
  // Nothing dated from 2020 on.
  assert.deepEqual(chartSpan([{ week: '2001-05-28', rows: 3 }]), { from: 1, to: 1 });
  const none = pictureSeries({ rows: 3, undated: 0, notice: {}, affected: {}, weeks: [{ week: '2001-05-28', rows: 3, notice: {}, affected: {} }] }, { rules: RULES, items: ITEMS });
  assert.deepEqual([none.weeks, none.axis, none.outside], [[], null, { rows: 3, weeks: 1 }]);
});

test('percentages in the texts: always one decimal, under 0.1 % as <0.1%; the axis ticks round', () => {
  const { ja, en } = STRINGS;
  assert.equal(ja.pictureBeforeAfter({ before: 0.026, after: 0.03 }), '事務連絡の週より前 2.6% → 事務連絡の週から 3.0%。');
  assert.equal(en.pictureCell(0, 20), '0 (0.0%)');
  assert.equal(en.pictureCell(1, 5000), '1 (<0.1%)');
  assert.equal(en.pictureCell(1, 4), '1 (25.0%)');
  assert.deepEqual([0, 0.005, 0.01, 0.5].map(ja.percentTick), ['0%', '0.5%', '1%', '50%']);
  assert.equal(ja.sentenceGap, '', 'Japanese sentences join without a space');
  assert.equal(en.sentenceGap, ' ');
});
