// The audit's records per rule, per notice item and per week of 診断年月日
// (docs/rules.md §7, "the picture of a file"): counted per record, weeks from
// Monday, 和暦 and other readable forms placed in their week, unreadable dates
// apart; the same whether one auditor or several workers read the file.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditStream, initAudit, noticeItems } from '../../js/audit.js';
import { auditPath } from '../../js/audit/node/path.js';

const OPTIONS = { today: '2021-12-31' };
const HEADER = '受付番号,診断年月日,現在のステータス,死亡日付,死亡場所,場所区分,入国日,パスポート番号\r\n';
// Record → [diagnosis, status, death date, death place, place, entry, passport]
const ROWS = [
  ['2021-05-30', '入院中', '', '', '', '2021-05-20', ''], // a Sunday: week of 05-24; passport + place
  ['2021-05-31', '入院中', '', '', '家庭内', '', ''], // a Monday: week of 05-31, no notice finding
  ['令和3年6月3日', '', '', '', '', '', ''], // the notice's day, a Thursday: week of 05-31; status + place
  ['R3.6.6', '入院中', '', '', '場所種別不明', '', ''], // a Sunday: still the week of 05-31; no notice finding
  ['2021/6/7 0:00', '死亡', '', '', '家庭内', '', ''], // a Monday, with a time: week of 06-07; death date + place
  ['不明', '入院中', '', '', '', '', ''], // undated; place
  ['', '入院中', '', '', '家庭内', '', ''], // undated; diagnosis.required (記1(2)①: the passport item)
];

const csv = () => HEADER + ROWS.map((cells, i) => [`A-${i + 1}`, ...cells].join(',')).join('\r\n') + '\r\n';

test('records are counted per notice item, per code and per week from Monday', async () => {
  await initAudit();
  const summary = await auditStream(new TextEncoder().encode(csv()), {}, OPTIONS);
  assert.equal(summary.rows, 7);
  assert.deepEqual(summary.weeks.map((w) => [w.week, w.rows]), [['2021-05-24', 1], ['2021-05-31', 3], ['2021-06-07', 1]]);
  assert.equal(summary.undated, 2);
  const byWeek = Object.fromEntries(summary.weeks.map((w) => [w.week, w]));
  assert.deepEqual(byWeek['2021-05-24'].notice, { passport: 1, status: 0, place: 1 });
  assert.deepEqual(byWeek['2021-05-31'].notice, { passport: 0, status: 1, place: 1 });
  assert.deepEqual(byWeek['2021-06-07'].notice, { passport: 0, status: 1, place: 0 });
  // Per record, not per finding: the death row has two status findings, one record.
  assert.equal(byWeek['2021-06-07'].affected['death.date_required'], 1);
  assert.equal(byWeek['2021-06-07'].affected['death.place_required'], 1);
  // An info (place.name_missing: 家庭内 and no 場所名称) is counted
  // per code, but is advice, not an omission of the notice's item.
  assert.equal(byWeek['2021-05-31'].affected['place.name_missing'], 1);
  // Overall counts include the undated records.
  assert.equal(summary.affected['place.category_required'], 3);
  assert.deepEqual(summary.notice, { passport: 3, status: 2, place: 3 });
  // Every code counted under an item is one noticeItems() lists for it.
  const items = Object.fromEntries(noticeItems().map((i) => [i.item, new Set(i.codes)]));
  for (const code of Object.keys(summary.affected)) {
    const owners = Object.keys(items).filter((item) => items[item].has(code));
    assert.ok(owners.length <= 1, `${code} belongs to one item at most`);
  }
  assert.ok(items.passport.has('passport.required') && items.status.has('status.required') && items.place.has('place.category_required'));
});

test('several workers give the same breakdown as one auditor', async () => {
  await initAudit();
  // Many weeks and records, cut into many segments.
  let text = HEADER;
  for (let i = 0; i < 4000; i++) {
    const day = new Date(Date.UTC(2021, 0, 1 + (i % 300)));
    const iso = day.toISOString().slice(0, 10);
    text += `B-${i},${i % 13 === 0 ? '不明' : iso},${i % 3 ? '入院中' : ''},,,${i % 5 ? '家庭内' : ''},,\r\n`;
  }
  const bytes = new TextEncoder().encode(text);
  const single = await auditStream(bytes, {}, OPTIONS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-breakdown-'));
  try {
    const file = path.join(dir, 'cases.csv');
    fs.writeFileSync(file, bytes);
    const pooled = await auditPath(file, {}, OPTIONS, {}, { jobs: 3, segmentBytes: 16 * 1024 });
    assert.ok(single.weeks.length > 40 && single.undated > 300 && single.notice.place > 700, 'many weeks, undated and failing records');
    for (const key of ['affected', 'notice', 'weeks', 'undated']) assert.deepEqual(pooled[key], single[key], key);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
