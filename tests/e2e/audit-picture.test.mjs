// The picture of the file on audit.html (issue 22 points 7 and 8) in headless
// Chromium under the page's CSP header: one chart per notice item and per
// other rule that fired, with the numbers the audit module gives in Node
// (summary.notice, .affected, .weeks, .undated), the notice's date marked, a
// name and description per chart, a table with the same numbers, axe clean;
// 「要約を印刷」 prints the summary on one A4 page; the single file draws it
// too with no request. The numbers behind the charts: tests/js/audit-picture.test.mjs.
// Run: node scripts/build.mjs && node --test tests/e2e/audit-picture.test.mjs
//
// Test files are SYNTHETIC (target/release/examples/gen_cases, or written below), in a temp dir.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { pagePolicy } from '../../scripts/serve.mjs';
import { buildDist } from '../../scripts/dist.mjs';
import { auditRules, auditStream, initAudit, noticeItems } from '../../js/audit.js';
import { assertAuditClean, assertAxeClean, genCases, openPage, RESULTS, ROOT, startSuite, WWW } from './helpers.mjs';

/** gen_cases writes 診断年月日 in 2021, around the notice; its clean rows stay clean until 2030. */
const TODAY = '2024-03-31';
let suite;
let dir;
const files = {};
const expected = {};

/** Rows breaking many rules at once, for a summary page that must still fit one A4 page. */
const MANY_RULES_CSV = [
  '受付番号,診断年月日,入国日,パスポート番号（旅券番号）,現在のステータス,死亡日付,死亡場所,場所区分,場所名称,生年月日,診断時の年齢,発病年月日',
  'M-01,2021-05-20,2021-05-10,,入院中,,,家庭内,,1980-01-01,41,2021-05-18',
  'M-02,2021-05-20,,tk-1234567,療養中,,,職場,,1980-01-01,41,2021-05-18',
  'M-03,2021-06-10,2021-06-12,,死亡,,,,,1980-01-01,41,2021-06-20',
  'M-04,2021-06-10,,ＴＫ１２３４５６７,,,,ホテル,,1980-01-01,14,2021-06-09',
  'M-05,2021-02-30,,,入院中,2021-06-01,,場所種別不明,あいう,2030-01-01,999,2021-06-09',
  'M-06,2021-06-17,,,死亡,2021-06-01,自宅,家庭内,,1980-01-01,41,2022-01-01',
  'M-07,R3.6.17,,,入院中,,,家庭内,,1980/1/1,41,',
  'M-08,,,AB12,入院中,,,家庭内,,1980-01-01,abc,2021-06-09',
].join('\r\n');

async function nodeSummary(file) {
  const bytes = fs.readFileSync(file);
  return auditStream(new Blob([bytes]), {}, { today: TODAY }, {});
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hv-audit-picture-'));
  files.cases = genCases(path.join(dir, 'cases-4k.csv'), { rows: 4000, seed: 21, defects: 0.5 });
  // The generator's records and the hand-made ones together: the generator's weeks, many more rules.
  const generated = fs.readFileSync(genCases(path.join(dir, 'cases-2k.csv'), { rows: 2000, seed: 4, defects: 0.6 }), 'utf8');
  const header = generated.slice(0, generated.indexOf('\n') + 1);
  files.mixed = path.join(dir, 'mixed.csv');
  fs.writeFileSync(files.mixed, generated + MANY_RULES_CSV.split('\r\n').slice(1).map((line) => remap(line, header)).join('\r\n') + '\r\n');
  await initAudit();
  expected.cases = await nodeSummary(files.cases);
  expected.mixed = await nodeSummary(files.mixed);
  suite = await startSuite({ csp: pagePolicy(WWW) });
});
after(async () => {
  await suite?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A MANY_RULES_CSV line written under the generator's header (its columns, in its order). */
function remap(line, header) {
  const names = MANY_RULES_CSV.split('\r\n')[0].split(',');
  const values = Object.fromEntries(line.split(',').map((v, i) => [names[i], v]));
  return header.trim().split(',').map((h) => values[h] ?? '').join(',');
}


const open = (opts) => openPage(suite, suite.url(`audit.html?today=${TODAY}`), opts);
const waitDone = (page) => page.waitForSelector('html[data-audit="done"]', { timeout: 60_000 });

/** The charts on the page: series key, records affected, accessible name and description, notice line. */
function charts(page) {
  return page.$$eval('#picture-panels > li', (items) =>
    items.map((li) => {
      const svg = li.querySelector('svg');
      const text = (ids) => (ids ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
      return {
        key: li.dataset.series,
        affected: li.dataset.affected === undefined ? null : Number(li.dataset.affected),
        role: svg?.getAttribute('role') ?? null,
        name: svg ? text(svg.getAttribute('aria-labelledby')) : null,
        description: svg ? text(svg.getAttribute('aria-describedby')) : li.textContent,
        notice: Boolean(svg?.querySelector('.picture__notice')),
        noticeLabel: svg?.querySelector('.picture__notice-label')?.textContent ?? null,
        styled: svg ? [...svg.querySelectorAll('*')].some((n) => n.hasAttribute('style')) : false,
      };
    }),
  );
}

test('one chart per notice item and per other rule that fired, with the numbers of the audit in Node', async () => {
  const summary = expected.cases;
  assert.ok(summary.weeks.length > 8, `weeks of 2021 (${summary.weeks.length})`);
  const { page, context, log } = await open();
  await page.setInputFiles('#file', files.cases);
  await waitDone(page);
  assert.equal(await page.isVisible('#picture-panel'), true);
  const drawn = await charts(page);
  const items = noticeItems();
  // An item counts its errors and warnings; its notes (place.name_missing) are charted apart.
  const notes = new Set(auditRules().filter((r) => r.severity === 'info').map((r) => r.code));
  const noticeCodes = new Set(items.flatMap((i) => i.codes).filter((code) => !notes.has(code)));
  const others = Object.entries(summary.affected).filter(([code, n]) => n > 0 && !noticeCodes.has(code)).map(([code]) => code);
  assert.deepEqual(drawn.slice(0, 3).map((c) => c.key), items.map((i) => `notice.${i.item}`), 'the notice items first');
  assert.deepEqual(drawn.slice(3).map((c) => c.key).sort(), others.sort(), 'then every other rule that fired');
  for (const c of drawn.slice(0, 3)) assert.equal(c.affected, summary.notice[c.key.slice('notice.'.length)], c.key);
  for (const c of drawn.slice(3)) assert.equal(c.affected, summary.affected[c.key], c.key);
  // A rule none of whose records has a readable 診断年月日 (row.columns: the cells are
  // shifted) has no line to draw: its numbers, and why there is no share per week.
  const noWeek = new Set(drawn.slice(3).map((c) => c.key).filter((code) => summary.weeks.every((w) => !w.affected[code])));
  assert.ok(noWeek.has('row.columns'), 'the file has rows with shifted columns');
  for (const c of drawn.filter((c) => noWeek.has(c.key))) {
    assert.equal(c.role, null, `${c.key}: no flat chart`);
    assert.match(c.description, /週ごとの割合はありません/, `${c.key}: why there is no chart`);
  }
  for (const c of drawn.filter((c) => !noWeek.has(c.key))) {
    assert.equal(c.role, 'img', c.key);
    assert.ok(c.name.length > 2, `${c.key} has a name`);
    assert.match(c.description, /指摘のある記録：[\d,]+件（[\d,]+件中 [<\d.]+%）/, `${c.key}: the count in words`);
    assert.match(c.description, /事務連絡の週より前 [<\d.]+% → 事務連絡の週から [<\d.]+%/, `${c.key}: before and after in words`);
    assert.match(c.description, /グラフの横軸は診断年月日の週/, `${c.key}: the axes in words`);
    assert.equal(c.notice, true, `${c.key}: the notice's date is marked`);
    assert.equal(c.noticeLabel, '6/3 事務連絡', 'marked by a label, not by colour alone');
    assert.equal(c.styled, false, 'no style attribute (style-src self)');
  }

  // The table alternative: the same numbers, a row per week, then the undated and the whole file.
  await page.click('#picture-data summary');
  const table = await page.$$eval('#picture-body tr', (trs) => trs.map((tr) => ({ week: tr.dataset.week, counts: [...tr.querySelectorAll('td[data-count]')].map((td) => Number(td.dataset.count)) })));
  const dated = table.filter((r) => /^\d{4}-/.test(r.week));
  assert.deepEqual(dated.map((r) => r.week), summary.weeks.map((w) => w.week));
  dated.forEach((r, i) => {
    const w = summary.weeks[i];
    assert.deepEqual(r.counts.slice(0, 3), items.map((it) => w.notice[it.item]), `notice items in week ${w.week}`);
    assert.deepEqual(r.counts.slice(3), drawn.slice(3).map((c) => w.affected[c.key] ?? 0), `other rules in week ${w.week}`);
  });
  assert.deepEqual(table.at(-1).counts, drawn.map((c) => c.affected), 'the last row: the whole file');
  if (summary.undated) assert.equal(table.at(-2).week, 'undated');
  await assertAxeClean(page, 'picture with its table open');
  await page.locator('#picture-panel').screenshot({ path: path.join(RESULTS, 'audit-picture.png') });
  // The README's picture of the audit page's chart (docs/, with UPDATE_SCREENSHOTS=1).
  if (process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(path.join(RESULTS, 'audit-picture.png'), path.join(ROOT, 'docs', 'screenshot-audit-picture.png'));

  // English: names and words follow the switch.
  await page.click('#lang-en');
  const en = await charts(page);
  assert.match(en[0].description, /Records with the finding: [\d,]+ of [\d,]+/);
  assert.equal(en[0].noticeLabel, 'Notice 6/3');
  await page.locator('#picture-panel').screenshot({ path: path.join(RESULTS, 'audit-picture-en.png') });
  await assertAxeClean(page, 'picture in English');
  await assertAuditClean(page, log);
  await context.close();
});

test('one mistyped 診断年月日 (2001) does not squash the charts: its week is a row of its own; notes of an item (place.name_missing) are charted', async () => {
  // The reviewer's file (gen_cases --rows 5000 --seed 7), one record's 診断年月日 typed 2001 for 2021.
  const csv = fs.readFileSync(genCases(path.join(dir, 'cases-5k.csv'), { rows: 5000, seed: 7 }), 'utf8').split('\r\n');
  const column = csv[0].split(',').indexOf('診断年月日');
  const cells = csv[1].split(',');
  cells[column] = '2001-06-03';
  csv[1] = cells.join(',');
  files.outlier = path.join(dir, 'outlier.csv');
  fs.writeFileSync(files.outlier, csv.join('\r\n'));
  const summary = await nodeSummary(files.outlier);
  assert.equal(summary.weeks[0].week, '2001-05-28', 'the audit keeps the week of the mistyped date');
  assert.ok(summary.affected['place.name_missing'] > 1000, `place.name_missing: ${summary.affected['place.name_missing']}`);

  const { page, context, log } = await open();
  await page.setInputFiles('#file', files.outlier);
  await waitDone(page);
  const drawn = await charts(page);
  const note = drawn.find((c) => c.key === 'place.name_missing');
  assert.ok(note, 'a chart for the note of the place item');
  assert.equal(note.affected, summary.affected['place.name_missing']);
  assert.equal(note.role, 'img');
  // Every axis starts where the generator's dates do (June 2020), none in 2001.
  const starts = await page.$$eval('#picture-panels svg', (svgs) => svgs.map((svg) => svg.querySelector('text.picture__tick[text-anchor="start"]').textContent));
  assert.ok(starts.length > 3 && starts.every((w) => w === summary.weeks[1].week), starts.join());
  for (const c of drawn.filter((c) => c.role)) {
    assert.match(c.description, new RegExp(`グラフの横軸は診断年月日の週（${summary.weeks[1].week}〜${summary.weeks.at(-1).week}）`), c.key);
    assert.doesNotMatch(c.description, /。 /, `${c.key}: Japanese sentences join without a space`);
    assert.doesNotMatch(c.description.replace(/縦軸は割合（0〜[\d.]+%）/, ''), /(?<![.\d])\d+%/, `${c.key}: one decimal in every percentage (but the axis's round top)`);
  }
  // Nothing hidden: the text under the charts and a row of the table tell the record apart.
  assert.match(await page.textContent('#picture-undated'), /グラフの範囲（20[\d-]+〜20[\d-]+の週）の外の1週にある記録 1件/);
  await page.click('#picture-data summary');
  const table = await page.$$eval('#picture-body tr', (trs) => trs.map((tr) => ({ week: tr.dataset.week, head: tr.querySelector('th').textContent, rows: tr.querySelector('td').textContent, counts: [...tr.querySelectorAll('td[data-count]')].map((td) => Number(td.dataset.count)) })));
  assert.ok(!table.some((r) => r.week === '2001-05-28'), 'no row for the week of 2001');
  const outside = table.find((r) => r.week === 'outside');
  assert.deepEqual([outside.head, outside.rows], ['グラフの範囲外の週', '1']);
  assert.deepEqual(table.at(-1).counts, drawn.map((c) => c.affected), 'the last row: the whole file');
  // Each column adds up: the weeks, the outside row, the undated row make the whole file.
  const sums = table.slice(0, -1).reduce((acc, r) => acc.map((n, k) => n + r.counts[k]), drawn.map(() => 0));
  assert.deepEqual(sums, table.at(-1).counts);
  await assertAxeClean(page, 'picture with an outlier date');
  await page.locator('#picture-panel').screenshot({ path: path.join(RESULTS, 'audit-picture-outlier.png') });
  await page.click('#lang-en');
  assert.match(await page.textContent('#picture-undated'), /1 records have a 診断年月日 in 1 weeks outside the chart \(20/);
  assert.equal(await page.textContent('#picture-body tr[data-week="outside"] th'), 'Weeks outside the chart');
  assert.match((await charts(page))[0].description, /\)\. Before the notice’s week/, 'English sentences joined with a space');
  await assertAuditClean(page, log);
  await context.close();
});

test('a file without the place column: that item says "not checked", never 0%', async () => {
  const { page, context, log } = await open();
  const csv = '受付番号,診断年月日,入国日,パスポート番号（旅券番号）,現在のステータス\r\nA-1,2021-05-20,2021-05-10,,入院中\r\nA-2,2021-06-20,,,\r\n';
  await page.setInputFiles('#file', { name: 'no-place.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await waitDone(page);
  const drawn = await charts(page);
  const place = drawn.find((c) => c.key === 'notice.place');
  assert.equal(place.role, null, 'no chart');
  assert.match(place.description, /確認していません/);
  assert.equal(drawn.find((c) => c.key === 'notice.passport').affected, 1);
  // No 死亡日付/死亡場所 columns: the status item is drawn, and says it was partly checked.
  assert.match(drawn.find((c) => c.key === 'notice.status').description, /一部の確認をしていません/);
  await assertAxeClean(page, 'item not checked');
  await assertAuditClean(page, log);
  await context.close();
});

test('「要約を印刷」: file, records, verdict, the charts and the counts on one A4 page, for a file breaking many rules', async () => {
  const summary = expected.mixed;
  const fired = Object.values(summary.counts).filter((n) => n > 0).length;
  assert.ok(fired >= 15, `many rules fired (${fired})`);
  const { page, context, log } = await open();
  await page.setInputFiles('#file', files.mixed);
  await waitDone(page);
  // window.print() opens the browser's dialog: replaced here (test code through the DevTools protocol) to see it asked for.
  await page.evaluate(() => {
    window.print = () => {
      window.__printed = document.documentElement.classList.contains('print-summary');
    };
  });
  await page.click('#print-summary');
  assert.equal(await page.evaluate(() => window.__printed), true, 'the summary class was set when print() was called');
  await page.emulateMedia({ media: 'print' });
  // What the page holds in print: the file, the verdict, the stats, the charts and the counts; not the list.
  const visible = await page.evaluate(() => Object.fromEntries(['results-file', 'verdict', 'stats', 'picture-panels', 'counts', 'failing-panel', 'columns-panel', 'actions'].map((id) => [id, getComputedStyle(document.getElementById(id)).display !== 'none' && document.getElementById(id).getBoundingClientRect().height > 0])));
  assert.deepEqual(visible, { 'results-file': true, verdict: true, stats: true, 'picture-panels': true, counts: true, 'failing-panel': false, 'columns-panel': false, actions: false });
  assert.equal(await page.$$eval('#counts-body tr[data-code]', (trs) => trs.length), fired);
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await page.screenshot({ path: path.join(RESULTS, 'audit-summary-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  fs.writeFileSync(path.join(RESULTS, 'audit-summary.pdf'), pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length;
  assert.equal(pages, 1, 'one A4 page');
  // Printing fires afterprint: the page is whole again, and printed so (no button) it takes more than one page.
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('print-summary')), false);
  const whole = (await page.pdf({ format: 'A4' })).toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length;
  assert.ok(whole > 1, `the whole page prints on ${whole} pages`);
  await page.emulateMedia({ media: 'screen' });
  await assertAuditClean(page, log);
  await context.close();
});

test('the single file (dist/hersys-check.html from file://) draws the picture with no request and no CSP violation', async () => {
  const out = await buildDist({ out: path.join(dir, '共有', 'hersys-check.html') });
  const fileUrl = pathToFileURL(out).href;
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url().replace(/#.*$/, '')));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${fileUrl}#audit`, { waitUntil: 'load' });
  const frame = await (await page.waitForSelector('iframe[data-view="audit"]', { state: 'attached' })).contentFrame();
  await frame.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 15_000 });
  await frame.setInputFiles('#file', files.cases);
  await frame.waitForSelector('html[data-audit="done"]', { timeout: 60_000 });
  const drawn = await frame.$$eval('#picture-panels svg[role="img"]', (svgs) => svgs.length);
  assert.ok(drawn >= 3, `charts drawn (${drawn})`);
  assert.equal(await frame.$$eval('#picture-panels .picture__notice', (lines) => lines.length), drawn);
  assert.deepEqual(requests, [fileUrl], 'no request beyond the file itself');
  for (const f of page.frames()) assert.deepEqual(await f.evaluate(() => window.__cspViolations), [], `CSP in ${f.url()}`);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(RESULTS, 'dist-audit-picture.png') });
  await context.close();
});
