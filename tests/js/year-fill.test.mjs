// The page's opt-in year completion (www/app/year-fill.js, docs/rules.md §6
// "typing dates on the page"): the year closest to 報告年月日, across the new
// year both ways, leap days, full-width digits, and nothing beyond half a year.
import test from 'node:test';
import assert from 'node:assert/strict';
import { init, parseDate } from '../../js/index.js';
import { completeYear } from '../../www/app/year-fill.js';

await init();
const exists = (iso) => parseDate(iso).ok === true;
const complete = (typed, report) => completeYear(typed, report, exists);

test('the year that puts the date closest to the report date', () => {
  assert.equal(complete('6.12', '2021-06-20'), '2021-06-12');
  assert.equal(complete('6.25', '2021-06-20'), '2021-06-25', 'a death after the report');
  assert.equal(complete('12.28', '2022-01-05'), '2021-12-28', 'the year before, across the new year');
  assert.equal(complete('1.3', '2021-12-30'), '2022-01-03', 'the year after');
  // Half a year either way: 2022-07-01 is 181 days after, 2021-07-01 184 days before.
  assert.equal(complete('7.1', '2022-01-01'), '2022-07-01');
  assert.equal(complete('7.3', '2022-01-01'), '2021-07-03', '182 days before, 183 after: the year before');
});

test('as people type them: full-width, 月日, slashes and hyphens', () => {
  for (const typed of ['6.3', '6/3', '6-3', '6月3日', '６．３', '６月３日', ' 6 / 3 ', '06.03']) {
    assert.equal(complete(typed, '2021-06-10'), '2021-06-03', typed);
  }
});

test('leap days and days that do not exist', () => {
  assert.equal(complete('2.29', '2020-03-10'), '2020-02-29');
  assert.equal(complete('2.29', '2021-03-01'), undefined, 'no 29 February within half a year: left for date.no_year');
  assert.equal(complete('13.1', '2021-06-10'), undefined);
  assert.equal(complete('4.31', '2021-06-10'), undefined);
});

test('nothing else is touched', () => {
  for (const typed of ['6月上旬', '2021.6.3', 'R3.6.3', '6', '', '調査中', '6.3.1']) {
    assert.equal(complete(typed, '2021-06-10'), undefined, typed);
  }
  assert.equal(complete('6.3', ''), undefined, 'no report date');
  assert.equal(complete('6.3', '令和3年6月10日'), undefined, 'the report date as the module reads it (YYYY-MM-DD) only');
});

test('willComplete (attach holdWhile): only when on, in a completed field, for a month and a day near a valid report date', async () => {
  const { bindYearFill } = await import('../../www/app/year-fill.js');
  const report = { value: '2021-06-20' };
  const form = { elements: { reportDate: report }, addEventListener() {}, removeEventListener() {} };
  let on = true;
  const { willComplete } = bindYearFill(form, {
    dateKeys: ['reportDate', 'diagnosisDate', 'birthDate'],
    reportKey: 'reportDate',
    never: ['birthDate'],
    parseDate,
    isOn: () => on,
  });
  assert.equal(willComplete('diagnosisDate', '6.12'), true);
  assert.equal(willComplete('diagnosisDate', '６月１２日'), true);
  assert.equal(willComplete('diagnosisDate', '2021-06-12'), false, 'already a date');
  assert.equal(willComplete('diagnosisDate', '6.1x'), false, 'not a month and a day');
  assert.equal(willComplete('diagnosisDate', '2.30'), false, 'no such day');
  assert.equal(willComplete('birthDate', '6.12'), false, 'never completed');
  assert.equal(willComplete('reportDate', '6.12'), false, 'the year comes from it');
  report.value = '';
  assert.equal(willComplete('diagnosisDate', '6.12'), false, 'no report date');
  report.value = '2021-06-20';
  on = false;
  assert.equal(willComplete('diagnosisDate', '6.12'), false, 'the option is off');
});
