// The audit page's store (www/app/audit-store.js) keeps the audit's batches
// as they come (onBatch): a batch's shapes become kinds once each, its
// issues references to them; what it gives back is what onRows would have
// given (expandRows), without the related fields the table does not show.
// Run: node --test tests/js/audit-store.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAuditor, expandRows, initAudit, readBatch } from '../../js/audit.js';
import { createStore } from '../../www/app/audit-store.js';

await initAudit();

const HEADER = '受付番号,診断年月日,入国日,国籍,パスポート番号,現在のステータス,死亡年月日,場所区分\n';
const KINDS = [
  'A-{i},2021-06-10,2021-06-01,中国,,入院中,,家庭内', // passport.required
  'A-{i},2021-06-10,2021-06-01,中国,ＴＫ１２３４５６７,入院中,,家庭内', // a fix (patient data: kept for the report only)
  'A-{i},R3.6.10,,,,死亡,,', // death without a date
  'A-{i},2021-06-10,,,,入院中,,家庭内', // no issue
];

function batches(rows) {
  let csv = HEADER;
  for (let i = 0; i < rows; i++) csv += `${KINDS[i % KINDS.length].replace('{i}', i)}\n`;
  const auditor = createAuditor({}, { today: '2021-07-01' });
  const bytes = Buffer.from(csv);
  const out = [];
  for (let at = 0; at < bytes.length; at += 50_000) out.push(readBatch(auditor.pushBatch(bytes.subarray(at, at + 50_000))));
  out.push(readBatch(auditor.finishBatch()));
  auditor.free();
  return out;
}

const visible = ({ code, field, severity, message, fix }) => ({ code, field, severity, message, fix });

test('a store filled with batches gives back the rows onRows would have had, issue for issue', () => {
  const all = batches(3000);
  const store = createStore();
  for (const batch of all) store.addBatch(batch);
  const expected = all.flatMap((batch) => expandRows(batch));
  assert.equal(store.found, expected.length);
  assert.equal(store.kept, expected.length);
  assert.ok(expected.length > 2000);
  for (let i = 0; i < expected.length; i++) {
    const { row, index, ids, issues } = expected[i];
    const got = store.get(i);
    assert.deepEqual({ row: got.row, index: got.index, ids: got.ids }, { row, index, ids });
    assert.deepEqual(got.issues.map(visible), issues.map(visible), `row ${row}`);
  }
  // Distinct kinds, not one per issue: the rows' repeats name their earlier rows, the rest are few.
  const kinds = store.listSource().kinds.filter((kind) => kind.code !== 'row.duplicate');
  assert.ok(kinds.length < 12, `${kinds.length} kinds`);
  assert.equal(store.rowsWith('passport.halfwidth'), 750);
});

test('past its limit the store counts rows without keeping them', () => {
  const store = createStore(100);
  for (const batch of batches(1000)) store.addBatch(batch);
  assert.equal(store.kept, 100);
  assert.ok(store.found > 700);
  assert.equal(store.truncated, true);
  assert.equal(store.rowsWith('passport.required'), 250);
});
