// The list of failing records on audit.html (www/app/audit-list.js), in Node:
// filter by rule AND severity AND a search of the identifying columns, sort by
// line or severity, on the store's own compact rows (www/app/audit-store.js),
// and fast enough on the 100,000 rows the page keeps.
// Run: node --test tests/js/audit-list.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createListIndex, searchKey, SORTS } from '../../www/app/audit-list.js';
import { createStore } from '../../www/app/audit-store.js';

const issue = (code, severity) => ({ code, severity, message: `${code} message` });
const E1 = issue('passport.required', 'error');
const E2 = issue('status.required', 'error');
const W1 = issue('passport.normalize', 'warning');
const W2 = issue('entry.after_diagnosis', 'warning');

/** A store holding `rows` ({ row, ids, issues }), as the page fills it. */
function storeOf(rows) {
  const store = createStore();
  store.addBatch({ failing: rows.map((r, i) => ({ index: i + 1, ...r })), shapes: [] }); // issues written whole
  return store;
}

const ROWS = [
  { row: 2, ids: ['A-001', 'HS0001'], issues: [E1] },
  { row: 3, ids: ['A-002', 'HS0002'], issues: [W1] },
  { row: 5, ids: ['B-010', ''], issues: [E2, W2] },
  { row: 7, ids: ['Ｂ－０１１', 'HS0011'], issues: [W2] },
  { row: 9, ids: ['C-100', 'hs0100'], issues: [E1, E2] },
];

/** The lines of the rows selected. */
function lines(store, criteria) {
  const index = createListIndex(store.listSource());
  return Array.from(index.select(criteria), (i) => store.get(i).row);
}

test('no criteria: every kept row in file order', () => {
  assert.deepEqual(lines(storeOf(ROWS), {}), [2, 3, 5, 7, 9]);
});

test('by rule, by severity, and both together (each is a condition on the row)', () => {
  const store = storeOf(ROWS);
  assert.deepEqual(lines(store, { code: 'status.required' }), [5, 9]);
  assert.deepEqual(lines(store, { severity: 'error' }), [2, 5, 9]);
  assert.deepEqual(lines(store, { severity: 'warning' }), [3, 5, 7]);
  // A rule that is an error AND rows that also have a warning: only line 5.
  assert.deepEqual(lines(store, { code: 'status.required', severity: 'warning' }), [5]);
  assert.deepEqual(lines(store, { code: 'passport.required', severity: 'warning' }), []);
  assert.deepEqual(lines(store, { code: 'no.such_rule' }), []);
});

test('search: any identifying column contains the text, widths, case and hyphens folded', () => {
  const store = storeOf(ROWS);
  assert.deepEqual(lines(store, { query: 'A-00' }), [2, 3]);
  assert.deepEqual(lines(store, { query: 'b-01' }), [5, 7], 'full-width Ｂ－０１１ found by half-width b-01');
  assert.deepEqual(lines(store, { query: 'ｂ－０１' }), [5, 7], 'and the other way round');
  assert.deepEqual(lines(store, { query: 'HS01' }), [9], 'case folded (hs0100)');
  assert.deepEqual(lines(store, { query: 'hs00' }), [2, 3, 7], 'hs0100 does not contain hs00');
  assert.deepEqual(lines(store, { query: '  ' }), [2, 3, 5, 7, 9], 'blank search: no condition');
  assert.deepEqual(lines(store, { query: 'zzz' }), []);
  assert.deepEqual(lines(store, { query: 'HS', severity: 'warning', code: 'entry.after_diagnosis' }), [7], 'HS0011 only: line 5 has no HS id');
  assert.equal(searchKey('ＡＢ－００１ '), 'ab-001');
});

test('search: dashes of every width fold to one "-", never deleted (an ID\'s parts stay apart)', () => {
  const store = storeOf([
    { row: 2, ids: ['2021-0000101', ''], issues: [E1] },
    { row: 3, ids: ['2021-00001', ''], issues: [E1] },
    { row: 4, ids: ['２０２１－００００１', ''], issues: [E1] },
    { row: 5, ids: ['2021−00001', 'メーカー'], issues: [E1] },
  ]);
  // A search is "contains": 2021-0000101 starts with 2021-00001, so it is found too.
  assert.deepEqual(lines(store, { query: '2021-00001' }), [2, 3, 4, 5]);
  assert.deepEqual(lines(store, { query: '2021-000010' }), [2]);
  // Deleting the hyphens joined the parts: 「1000」 found 2021-00001 (2021|00001).
  assert.deepEqual(lines(store, { query: '1000' }), [], 'no part of an ID holds 1000');
  assert.deepEqual(lines(store, { query: '202100001' }), []);
  for (const dash of ['－', '‐', '‑', '–', '—', '−', 'ー']) {
    assert.deepEqual(lines(store, { query: `2021${dash}000010` }), [2], `U+${dash.codePointAt(0).toString(16)}`);
    assert.deepEqual(lines(store, { query: `21${dash}00001` }), [2, 3, 4, 5], `U+${dash.codePointAt(0).toString(16)}`);
  }
  // ー is the prolonged sound mark in kana: not a dash there.
  assert.equal(searchKey('メーカー'), 'メーカー');
  assert.deepEqual(lines(store, { query: 'メ-カ' }), []);
  assert.deepEqual(lines(store, { query: 'ﾒｰｶｰ' }), [5], 'half-width kana folded, ｰ kept as ー');
});

test('sort by line descending and by severity (errors first, line order kept within each)', () => {
  const store = storeOf(ROWS);
  assert.deepEqual(SORTS, ['line', 'line-desc', 'severity']);
  assert.deepEqual(lines(store, { sort: 'line-desc' }), [9, 7, 5, 3, 2]);
  assert.deepEqual(lines(store, { sort: 'severity' }), [2, 5, 9, 3, 7]);
  assert.deepEqual(lines(store, { sort: 'severity', severity: 'warning' }), [5, 3, 7], 'line 5 has an error too: first');
});

test('rows that arrived out of line order are still sorted by line', () => {
  const store = storeOf([ROWS[2], ROWS[0], ROWS[4], ROWS[1]]);
  assert.deepEqual(lines(store, {}), [2, 3, 5, 9]);
  assert.deepEqual(lines(store, { sort: 'line-desc' }), [9, 5, 3, 2]);
});

test('severity counts are rows, not issues', () => {
  const index = createListIndex(storeOf(ROWS).listSource());
  assert.equal(index.countSeverity('error'), 3);
  assert.equal(index.countSeverity('warning'), 3);
  assert.equal(index.countSeverity('info'), 0);
});

test('100,000 kept rows: index, each filter, search and sort well under a frame budget of a keystroke', () => {
  const codes = [E1, E2, W1, W2];
  const batch = [];
  for (let i = 0; i < 100_000; i++) {
    const issues = [codes[i % 4]];
    if (i % 7 === 0) issues.push(codes[(i + 1) % 4]);
    batch.push({ row: i + 2, index: i + 1, ids: [`R-${String(i).padStart(6, '0')}`, `HS${i}`], issues });
  }
  const store = createStore();
  store.addBatch({ failing: batch, shapes: [] });
  assert.equal(store.kept, 100_000);
  let t0 = performance.now();
  const index = createListIndex(store.listSource());
  const build = performance.now() - t0;
  const timings = {};
  for (const [name, criteria] of Object.entries({
    rule: { code: 'status.required' },
    severity: { severity: 'warning' },
    both: { code: 'passport.required', severity: 'warning' },
    searchFirst: { query: 'R-0999' },
    searchAgain: { query: 'r-01234' },
    sortSeverity: { sort: 'severity' },
    all: { code: 'entry.after_diagnosis', severity: 'error', query: 'R-00', sort: 'line-desc' },
  })) {
    t0 = performance.now();
    const got = index.select(criteria);
    timings[name] = performance.now() - t0;
    if (name === 'searchFirst') assert.equal(got.length, 100, 'R-099900 … R-099999');
    if (name === 'searchAgain') assert.equal(got.length, 10);
    if (name === 'rule') assert.equal(got.length, 25_000 + 3572, 'every 4th row, and the 7th rows whose second issue is it');
  }
  // Generous bounds for a shared 2-core machine; typical runs are a few ms each.
  assert.ok(build < 500, `index built in ${build.toFixed(0)} ms`);
  for (const [name, ms] of Object.entries(timings)) assert.ok(ms < (name === 'searchFirst' ? 1500 : 300), `${name}: ${ms.toFixed(0)} ms`);
  console.log(`100k rows: index ${build.toFixed(1)} ms; ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`);
});
