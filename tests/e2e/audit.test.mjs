// End-to-end tests of www/audit.html (the batch audit of a CSV file in a Web
// Worker) in headless Chromium: the page's verdicts equal the Node CLI's on
// the same bytes, filtering, the CSV report, cancelling, drop, keyboard,
// network, CSP and axe. Run: node scripts/build.mjs && node --test tests/e2e/audit.test.mjs
//
// Test files are SYNTHETIC (target/release/examples/gen_cases, or written below), in a temp dir.
// The server sends the page's policy as a header, as `npm start` does, so the
// worker is bound by CSP too (a <meta> policy does not reach workers).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pagePolicy } from '../../scripts/serve.mjs';
import zlib from 'node:zlib';
import { auditEncodings, identifierHeaders, initAudit } from '../../js/audit.js';
import { WWW, assertAuditClean, assertAxeClean, genCases, openPage, runCli, saveScreenshot, startSuite } from './helpers.mjs';

/** gen_cases' clean rows are clean for any validation day from 2023-01-31 to 2030-05-31. */
const TODAY = '2024-03-31';
const PAGE = `audit.html?today=${TODAY}`;
/** Every file the page itself loads; nothing else may be requested. */
const PAGE_FILES = [
  '/audit.html',
  '/styles.css',
  '/audit.css',
  '/app/audit-page.js',
  '/app/audit-i18n.js',
  '/app/audit-store.js',
  '/app/audit-results.js',
  '/app/audit-verdict.js',
  '/app/audit-columns.js',
  '/app/audit-mapping.js',
  '/app/audit-override.js',
  '/app/audit-list.js', // which failing records the list shows, and in what order
  '/app/audit-picture.js', // the chart of the findings per week
  '/app/icons.js',
  '/app/dom.js',
  '/app/phrases.js', // Japanese line breaking between phrases
  '/lib/budoux/parser.js',
  '/lib/budoux/ja.js',
  '/app/lang-switch.js',
  '/lib/icons.js',
  '/lib/japan-date.js', // today in Japan, the default validation day
  '/lib/audit.js',
  '/lib/audit/core.js', // everything of lib/audit.js but auditFile, shared with its workers
  '/lib/wire/with-options.js', // the options, checked as validate()'s, and what that imports:
  '/lib/wire/layout.js',
  '/lib/wire/options.js',
  '/lib/wire/memory.js',
  '/lib/wire/call.js',
  '/lib/wire/read.js',
  '/lib/report.js',
  '/lib/loader.js',
  '/lib/pkg/hersys_validator_audit.js',
  '/lib/pkg/hersys_validator_audit_bg.wasm',
];
/** What each audit loads after the page is ready: the worker and its scripts; the compiled wasm is handed over. */

let suite;
let dir;
const files = {};
const cli = {};

/** A small hand-written UTF-8 file (BOM, CR LF) with errors, warnings, a row with both, and a clean row. */
const SMALL_CSV = [
  '受付番号,診断年月日,入国日,パスポート番号（旅券番号）,現在のステータス,死亡日付,死亡場所,場所区分,備考',
  'A-001,2024-03-01,2024-02-20,,入院中,,,家庭内,', // passport.required (error)
  'A-002,2024-03-01,,tk-1234567,入院中,,,職場,"メモ, 1"', // passport.normalize (warning)
  'A-003,2024-03-01,2024-02-20,ＴＫ１２３４５６７,死亡,,,,', // errors only
  'A-004,2024-03-01,,,宿泊療養中,,,場所種別不明,', // clean
  'A-005,2024-03-10,2024-03-12,,入院中,2024-03-05,,家庭内,', // warnings only (entry after diagnosis, death without status)
  'A-006,2024-03-01,,tk-7654321,,,,家庭内,', // an error and a warning
].join('\r\n');

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hv-audit-'));
  files.sjis = genCases(path.join(dir, 'cases-10k-sjis.csv'), { rows: 10_000, encoding: 'shift_jis' });
  files.big = genCases(path.join(dir, 'cases-300k.csv'), { rows: 300_000, encoding: 'utf-8', seed: 7 });
  files.small = path.join(dir, 'small.csv');
  fs.writeFileSync(files.small, `\ufeff${SMALL_CSV}\r\n`);
  for (const [name, file] of [['sjis', files.sjis], ['small', files.small]]) {
    cli[name] = JSON.parse(runCli(file, ['--format', 'json', '--today', TODAY]).stdout.toString('utf8'));
  }
  cli.sjisCsv = runCli(files.sjis, ['--today', TODAY]).stdout;
  cli.sjisWide = runCli(files.sjis, ['--today', TODAY, '--report', 'wide']).stdout;
  await initAudit();
  suite = await startSuite({ csp: pagePolicy(WWW) });
});
after(async () => {
  await suite?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const open = (query = '', opts) => openPage(suite, suite.url(`${PAGE}${query}`), opts);
const state = (page) => page.getAttribute('html', 'data-audit');
const waitDone = (page, timeout = 30_000) => page.waitForSelector('html[data-audit="done"]', { timeout });
const active = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent.trim());

/** The page's results as the CLI's summary shape. */
function pageSummary(page) {
  return page.evaluate(() => {
    const stat = (id) => Number(document.querySelector(`[data-stat="${id}"] dd`).textContent.replace(/[^\d]/g, ''));
    const counts = {};
    for (const tr of document.querySelectorAll('#counts-body tr[data-code]')) counts[tr.dataset.code] = Number(tr.querySelector('[data-count]').dataset.count);
    return {
      rows: stat('rows'),
      rowsWithErrors: stat('errors'),
      rowsWithWarnings: stat('warnings'),
      encoding: document.querySelector('[data-stat="encoding"] dd').textContent,
      counts,
    };
  });
}

/** Rows of the failing-records table on screen: [line, record, ...ids, codes]. */
function tableRows(page) {
  return page.$$eval('#failing-body tr[data-row]', (trs) =>
    trs.map((tr) => {
      const cells = [...tr.children];
      return {
        row: Number(cells[0].textContent),
        index: Number(cells[1].textContent),
        ids: cells.slice(2, -1).map((c) => c.textContent),
        codes: [...tr.querySelectorAll('.audit-issue')].map((li) => li.dataset.code),
      };
    }),
  );
}

const sameAsCli = (expected) => ({
  rows: expected.summary.rows,
  rowsWithErrors: expected.summary.rowsWithErrors,
  rowsWithWarnings: expected.summary.rowsWithWarnings,
  counts: expected.summary.counts,
});


describe('audit.html', () => {
  test('initial state: file picker with a label, encoding select, CSP with worker-src, link back, axe clean', async () => {
    const { page, context, log } = await open();
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self';/);
    assert.match(csp, /connect-src 'self'/);
    assert.equal(await page.getAttribute('link[rel="icon"]', 'href').then((h) => h.startsWith('data:')), true, 'no favicon request');
    assert.deepEqual(await page.$eval('#file', (i) => [i.type, i.labels[0].textContent, i.disabled]), ['file', 'CSVファイル', false]);
    assert.match(await page.$eval('#file', (i) => i.accept), /^\.csv,\.txt,/);
    // The encodings offered are the module's.
    assert.deepEqual(
      await page.$$eval('#encoding option', (os) => os.map((o) => o.value)),
      ['', ...auditEncodings().map((e) => e.label)],
    );
    assert.deepEqual(await page.$$eval('#encoding option', (os) => os.slice(0, 3).map((o) => o.textContent)), ['自動判定', 'UTF-8', 'Shift_JIS（CP932）']);
    // The identifying-columns option names the module's built-in list.
    assert.equal(await page.$eval('#id-columns', (i) => i.labels[0].textContent), '記録を示す列（任意）');
    assert.equal(await page.textContent('#id-columns-list'), identifierHeaders().join('、'));
    assert.equal(await page.$eval('#encoding', (s) => s.labels[0].textContent), '文字コード');
    assert.ok(await page.$('.masthead a[href^="index.html"]'));
    assert.match(await page.textContent('#privacy-note'), /送信・アップロード・保存されません/);
    assert.match(await page.textContent('#today-note'), /2024-03-31/);
    assert.equal(await page.isHidden('#results'), true);
    assert.equal(await page.isHidden('#run'), true);
    await assertAxeClean(page, 'initial state');
    // Before any file: only the page's own files, no worker yet.
    assert.deepEqual(log.afterReady, []);
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('10,000-row Shift_JIS file: counts equal the CLI; filter by rule; report equals the CLI report byte for byte', async () => {
    const { page, context, log } = await open();
    await page.setInputFiles('#file', files.sjis);
    await waitDone(page);
    // Focus moves to the results heading.
    assert.equal(await active(page), 'results-title');
    const expected = cli.sjis;
    const shown = await pageSummary(page);
    assert.deepEqual({ ...shown, encoding: undefined }, { ...sameAsCli(expected), encoding: undefined });
    assert.equal(expected.summary.encoding, 'shift_jis');
    assert.equal(shown.encoding, 'Shift_JIS (CP932)（自動判定）', 'the name auditEncodings() gives');
    assert.equal(expected.summary.rows, 10_000);
    assert.match(await page.textContent('#verdict'), new RegExp(`エラーのある記録が ${expected.summary.rowsWithErrors.toLocaleString('ja-JP')}件`));
    // Columns: the ID column is named, nothing unmapped, no field missing.
    assert.match(await page.textContent('#columns'), /受付番号/);
    assert.equal(await page.textContent('[data-columns="unmapped"] dd'), 'なし');
    // Failing records: the first page is the CLI's first 100 rows, in order.
    assert.match(await page.textContent('#failing-caption'), new RegExp(`${expected.rows.length}件中 1〜100件目`));
    const first = await tableRows(page);
    assert.deepEqual(
      first,
      expected.rows.slice(0, 100).map((r) => ({ row: r.row, index: r.index, ids: r.ids, codes: r.issues.map((i) => i.code) })),
    );
    await assertAxeClean(page, 'with results');

    // Filter with the select: every row shown has the rule; the count is the CLI's.
    const withStatus = expected.rows.filter((r) => r.issues.some((i) => i.code === 'status.required'));
    await page.selectOption('#filter', 'status.required');
    assert.match(await page.textContent('#failing-caption'), new RegExp(`現在のステータスが未入力）：${withStatus.length}件中 1〜100件目`));
    assert.match(await page.textContent('#table-live'), new RegExp(`${withStatus.length}件の記録`));
    let rows = await tableRows(page);
    assert.deepEqual(rows.map((r) => r.row), withStatus.slice(0, 100).map((r) => r.row));
    assert.ok(rows.every((r) => r.codes[0] === 'status.required'), 'the filtered rule comes first in each row');
    // Next page (by the pager), then the link in the counts table for another rule.
    await page.click('#page-next');
    assert.equal(await active(page), 'failing-region');
    rows = await tableRows(page);
    assert.deepEqual(rows.map((r) => r.row), withStatus.slice(100, 200).map((r) => r.row));
    assert.match(await page.textContent('#page-status'), /2 \/ 2 ページ/);
    const withFuture = expected.rows.filter((r) => r.issues.some((i) => i.code === 'date.future'));
    await page.click('#counts-body tr[data-code="date.future"] button');
    assert.equal(await page.inputValue('#filter'), 'date.future');
    assert.equal(await active(page), 'failing-region');
    rows = await tableRows(page);
    assert.deepEqual(rows.map((r) => r.row), withFuture.slice(0, 100).map((r) => r.row));
    // Notes (info) are counted but not listed: no filter link for them.
    assert.equal(await page.locator('#counts-body tr[data-code="date.canonical"] button').count(), 0);
    assert.equal(await page.locator('#filter option[value="date.canonical"]').count(), 0);

    // The default report (long, one line per issue): a Blob downloaded through <a download>;
    // same bytes as the CLI's default CSV report, fixes included.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.equal(download.suggestedFilename(), 'cases-10k-sjis_チェック結果.csv');
    assert.match(download.url(), /^blob:http:\/\/127\.0\.0\.1:/);
    const bytes = fs.readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    assert.equal(lines.pop(), '', 'ends with a line break');
    assert.equal(lines[0], '行番号,レコード番号,受付番号,項目,重要度,コード,メッセージ,修正候補');
    assert.equal(lines.length - 1, expected.rows.flatMap((r) => r.issues).length);
    assert.ok(lines.some((line) => line.endsWith(',TK') || /,[A-Z]{2}\d{7}$/.test(line)), 'fixes are in the long report');
    assert.ok(bytes.equals(cli.sjisCsv), 'the page report equals `hersys-validator audit FILE --today` byte for byte');
    // The wide report beside it: one line per record with an error or a warning.
    const [wide] = await Promise.all([page.waitForEvent('download'), page.click('#download-wide')]);
    assert.equal(wide.suggestedFilename(), 'cases-10k-sjis_チェック結果_横長.csv');
    const wideBytes = fs.readFileSync(await wide.path());
    const wideLines = wideBytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    assert.match(wideLines[0], /^行番号,レコード番号,受付番号,判定,passport\.required /);
    assert.equal(wideLines.length - 1, expected.rows.length);
    assert.ok(wideBytes.equals(cli.sjisWide), 'equals `--report wide` byte for byte');

    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    // Screenshots: the page with results, for people to look at.
    await page.selectOption('#filter', '');
    await page.mouse.move(0, 0);
    await page.evaluate(() => {
      document.activeElement.blur();
      window.scrollTo(0, 0);
    });
    await saveScreenshot(page, 'audit-1280');
    await context.close();
  });

  test('a real drop event on the drop zone (DataTransfer built in the page): errors, warnings, both, unmapped column', async () => {
    const { page, context, log } = await open();
    const bytes = [...fs.readFileSync(files.small)];
    const result = await page.evaluate(
      ({ bytes, name }) => {
        const file = new File([new Uint8Array(bytes)], name, { type: 'text/csv' });
        const dataTransfer = new DataTransfer();
        dataTransfer.items.add(file);
        const zone = document.getElementById('dropzone');
        const fire = (type) => zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
        const enterTaken = !fire('dragenter');
        const overTaken = !fire('dragover');
        const highlighted = zone.classList.contains('dropzone--active');
        const dropTaken = !fire('drop');
        return { enterTaken, overTaken, highlighted, dropTaken, after: zone.classList.contains('dropzone--active') };
      },
      { bytes, name: 'small.csv' },
    );
    assert.deepEqual(result, { enterTaken: true, overTaken: true, highlighted: true, dropTaken: true, after: false });
    await waitDone(page);
    const expected = cli.small;
    assert.deepEqual({ ...(await pageSummary(page)), encoding: undefined }, { ...sameAsCli(expected), encoding: undefined });
    assert.equal(await page.textContent('[data-stat="encoding"] dd'), 'UTF-8（自動判定）');
    // A record with both an error and a warning counts in both totals, and is one line of the report.
    const both = expected.rows.filter((r) => r.issues.some((i) => i.severity === 'error') && r.issues.some((i) => i.severity === 'warning'));
    assert.equal(both.length, 1);
    assert.equal(expected.rows.length, expected.summary.rowsWithErrors + expected.summary.rowsWithWarnings - both.length);
    assert.deepEqual(
      await tableRows(page),
      expected.rows.map((r) => ({ row: r.row, index: r.index, ids: r.ids, codes: r.issues.map((i) => i.code) })),
    );
    // 備考 maps to no field and is not an ID: listed as unmapped. Issues name their field.
    assert.equal(await page.textContent('[data-columns="unmapped"] dd'), '備考');
    assert.match(await page.textContent('#failing-body tr[data-row="3"] .audit-issue__field'), /パスポート番号（旅券番号）/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    assert.ok(text.startsWith('\ufeff行番号,レコード番号,受付番号,項目,重要度,コード,メッセージ,修正候補\r\n'));
    assert.equal(text.trimEnd().split('\r\n').length - 1, expected.rows.flatMap((r) => r.issues).length);
    assert.equal(text, runCli(files.small, ['--today', TODAY]).stdout.toString('utf8'));
    await assertAxeClean(page, 'small file with warnings');
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('cancel a 300,000-row audit midway: progress shown, announced by quarters only, cancelled, then a new audit runs', async () => {
    const { page, context, log } = await open();
    // Every text the polite live region receives.
    await page.evaluate(() => {
      window.__live = [];
      new MutationObserver(() => window.__live.push(document.getElementById('live').textContent)).observe(document.getElementById('live'), {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const size = fs.statSync(files.big).size;
    const worker = page.waitForEvent('worker');
    await page.setInputFiles('#file', files.big);
    const closed = (await worker).waitForEvent('close');
    assert.equal(await state(page), 'running');
    assert.equal(await page.isVisible('#run'), true);
    assert.equal(await page.$eval('#run-progress', (p) => p.max), size);
    // The page stays responsive while the worker works: frames keep coming.
    const frames = await page.evaluate(
      () =>
        new Promise((resolve) => {
          let n = 0;
          const t0 = performance.now();
          const tick = () => (performance.now() - t0 < 300 ? (n++, requestAnimationFrame(tick)) : resolve(n));
          requestAnimationFrame(tick);
        }),
    );
    assert.ok(frames >= 5, `only ${frames} frames in 300 ms while auditing`);
    await page.waitForFunction(() => document.getElementById('run-progress').value > 0, null, { timeout: 10_000 });
    const midway = await page.$eval('#run-progress', (p) => p.value);
    assert.ok(midway > 0 && midway < size, `progress ${midway} of ${size}`);
    assert.match(await page.textContent('#run-text'), /件を確認済み（\d+%）/);
    await page.click('#cancel');
    assert.equal(await state(page), 'cancelled');
    await closed; // the worker was terminated
    // A large file runs on one worker per core: each reports its end on its own.
    for (let i = 0; i < 50 && page.workers().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(page.workers().length, 0);
    assert.equal(await page.isHidden('#run'), true);
    assert.equal(await page.isHidden('#results'), true);
    assert.match(await page.textContent('#pick-message'), /中止しました/);
    assert.equal(await active(page), 'file');
    const announced = await page.evaluate(() => window.__live.filter(Boolean));
    assert.ok(announced.length >= 1 && announced.length <= 4, `live region: ${JSON.stringify(announced)}`);
    assert.match(announced[0], /cases-300k\.csv の確認を始めました/);
    // And again, with another file and an explicit encoding.
    await page.selectOption('#encoding', 'shift_jis');
    await page.setInputFiles('#file', files.sjis);
    await waitDone(page);
    assert.deepEqual({ ...(await pageSummary(page)), encoding: undefined }, { ...sameAsCli(cli.sjis), encoding: undefined });
    assert.equal(await page.textContent('[data-stat="encoding"] dd'), 'Shift_JIS (CP932)（指定）');
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('keep limit (?keep=100): the list and the report hold 100 records, the counts stay exact, and it says so', async () => {
    const { page, context, log } = await open('&keep=100');
    await page.setInputFiles('#file', files.sjis);
    await waitDone(page);
    const expected = cli.sjis;
    assert.deepEqual({ ...(await pageSummary(page)), encoding: undefined }, { ...sameAsCli(expected), encoding: undefined });
    assert.equal(await page.isVisible('#truncated'), true);
    assert.match(await page.textContent('#truncated'), new RegExp(`${expected.rows.length}件あり、一覧とレポートには最初の 100件だけ`));
    // The filter shows how many records have each rule in the whole file.
    const withStatus = expected.rows.filter((r) => r.issues.some((i) => i.code === 'status.required')).length;
    assert.match(await page.textContent('#filter option[value="status.required"]'), new RegExp(`（${withStatus}件）`));
    assert.equal(await page.isHidden('#pager'), true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const lines = fs.readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
    assert.equal(new Set(lines.slice(1).map((line) => line.split(',')[1])).size, 100, 'the long report: 100 records');
    const [wide] = await Promise.all([page.waitForEvent('download'), page.click('#download-wide')]);
    assert.equal(fs.readFileSync(await wide.path(), 'utf8').trimEnd().split('\r\n').length, 101);
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('keyboard only: file picker by Space, results heading, counts link, pager; English toggle and back', async () => {
    const { page, context, log } = await open();
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'lang-ja');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'lang-en');
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement.getAttribute('href')), /^index\.html\?lang=ja/);
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'file');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles(files.sjis);
    await waitDone(page);
    assert.equal(await active(page), 'results-title');
    // Tab on: both downloads, check again, print, the picture's table, then the counts table region and its first link.
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'download');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'download-wide');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'rerun');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'print-summary');
    // The picture's table, behind its <summary> (tests/e2e/audit-picture.test.mjs).
    await page.keyboard.press('Tab');
    assert.equal(await active(page), '表で見る（週ごとの件数と割合）');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'counts-region');
    await page.keyboard.press('Tab');
    const code = await page.evaluate(() => document.activeElement.dataset.filter);
    assert.equal(code, 'passport.required');
    await page.keyboard.press('Enter');
    assert.equal(await active(page), 'failing-region');
    assert.equal(await page.inputValue('#filter'), 'passport.required');
    assert.match(await page.textContent('#failing-caption'), /入国日から起算して28日以内/);
    // Pager by keys.
    await page.selectOption('#filter', '');
    await page.focus('#page-last');
    await page.keyboard.press('Enter');
    const pages = Math.ceil(cli.sjis.rows.length / 100);
    assert.match(await page.textContent('#page-status'), new RegExp(`${pages} / ${pages} ページ`));
    assert.equal(await page.$eval('#page-next', (b) => b.disabled), true);
    assert.equal(await active(page), 'failing-region');

    // English: static texts, results, rule descriptions; messages stay in the language of the check, said so.
    await page.click('#lang-en');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getAttribute('#lang-en', 'aria-pressed'), 'true');
    assert.match(await page.textContent('#results-title'), /^Results: cases-10k-sjis\.csv$/);
    assert.match(await page.textContent('#counts-body tr[data-code="status.required"]'), /Current status missing/);
    assert.match(await page.textContent('#verdict'), /records have errors/);
    assert.equal(await page.isVisible('#messages-note'), true);
    assert.equal(await page.getAttribute('#failing-body .audit-issue__message >> nth=0', 'lang'), 'ja');
    await assertAxeClean(page, 'English, with results');
    await page.click('#lang-ja');
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.equal(await page.isHidden('#messages-note'), true);
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('not a CSV: an Excel file is refused with advice, and no worker starts', async () => {
    const { page, context, log } = await open();
    await page.setInputFiles('#file', { name: '発生届.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('PK\x03\x04') });
    assert.match(await page.textContent('#pick-message'), /CSV UTF-8/);
    assert.equal(await page.getAttribute('html', 'data-audit'), null);
    assert.deepEqual(log.afterReady, []);
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('a clean file: the verdict says so, the list is empty, the report has only its header', async () => {
    const { page, context, log } = await open();
    const clean = genCases(path.join(dir, 'clean.csv'), { rows: 200, encoding: 'utf-8', bom: true, defects: 0 });
    await page.setInputFiles('#file', clean);
    await waitDone(page);
    const expected = JSON.parse(runCli(clean, ['--format', 'json', '--today', TODAY]).stdout.toString('utf8'));
    assert.deepEqual({ ...(await pageSummary(page)), encoding: undefined }, { ...sameAsCli(expected), encoding: undefined });
    assert.equal(expected.rows.length, 0);
    assert.equal(await page.getAttribute('#verdict', 'data-state'), 'ok');
    assert.equal(await page.textContent('#verdict'), 'エラー・警告はありません。');
    assert.equal(await page.$eval('#filter', (s) => s.disabled), true);
    assert.equal(await page.isHidden('#pager'), true);
    assert.match(await page.textContent('#failing-caption'), /なし/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), runCli(clean, ['--today', TODAY]).stdout.toString('utf8'));
    await assertAxeClean(page, 'clean file');
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('option lists as JSON replace the built-in ones, as the CLI --vocabulary does; a bad file is refused plainly', async () => {
    const { page, context, log } = await open();
    const csv = { name: 'statuses.csv', mimeType: 'text/csv', buffer: Buffer.from('受付番号,現在のステータス,場所区分\r\nA-1,療養中,場所種別不明\r\n') };
    await page.setInputFiles('#file', csv);
    await waitDone(page);
    assert.equal((await pageSummary(page)).counts['status.unknown'], 1);

    await page.setInputFiles('#vocabulary', { name: 'lists.json', mimeType: 'application/json', buffer: Buffer.from('{"status": [1]}') });
    await page.setInputFiles('#file', csv);
    await page.waitForSelector('#pick-message:not([hidden])');
    assert.equal(await page.textContent('#pick-message'), '選択肢リストを使えません：options.vocabulary.status[0] must be a string, not a number');

    await page.setInputFiles('#vocabulary', { name: 'lists.json', mimeType: 'application/json', buffer: Buffer.from('{"status": ["療養中", "死亡"]}') });
    await page.setInputFiles('#file', csv);
    await waitDone(page);
    assert.equal((await pageSummary(page)).counts['status.unknown'], undefined);
    await assertAxeClean(page, 'with option lists');
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('a file without the columns the notice needs: the verdict leads with the checks that could not run; unmapped headers listed; no known header at all is refused plainly', async () => {
    const { page, context, log } = await open();
    await page.setInputFiles('#file', { name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('整理番号,診断年月日,状態,メモ,場所区分\r\nX-1,2024-03-01,入院中,,家庭内\r\nX-2,2024-03-02,,a,職場\r\n') });
    await waitDone(page);
    assert.equal(
      await page.textContent('#verdict .verdict__lead'),
      'このファイルには 入国日、パスポート番号（旅券番号）、現在のステータス、死亡日付、死亡場所 の列がありません。通知 記1・記2① を確認できませんでした。',
    );
    assert.equal(await page.getAttribute('#verdict', 'data-state'), 'warning', 'never "no errors" when a check could not run');
    assert.equal(await page.$$eval('#file-findings li[data-code="header.missing"]', (lis) => lis.length), 5);
    assert.deepEqual(await page.$$eval('[data-columns="unmapped"] li', (lis) => lis.map((li) => li.dataset.header)), ['状態', 'メモ']);
    assert.equal(await page.getAttribute('[data-columns="unmapped"] li[data-header="状態"]', 'data-looks-like'), 'status');
    assert.match(await page.textContent('#columns'), /整理番号/);
    await assertAxeClean(page, 'key columns missing');

    // Not one known header: no header line, said as such, never "0 records".
    await page.setInputFiles('#file', { name: 'none.csv', mimeType: 'text/csv', buffer: Buffer.from('整理番号,状態,メモ\r\nX-1,入院中,\r\n') });
    await page.waitForSelector('#results[data-state="refused"]');
    assert.match(await page.textContent('#verdict'), /^見出しの行が見つからないため、このファイルは確認していません。/);
    assert.equal(await page.isHidden('#stats'), true);
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('under the CSP header the worker cannot reach another origin either', async () => {
    const { page, context, log } = await open();
    const worker = page.waitForEvent('worker');
    await page.setInputFiles('#file', files.big);
    const w = await worker;
    const outcome = await w.evaluate(
      () =>
        new Promise((resolve) => {
          self.addEventListener('securitypolicyviolation', (e) => resolve(`${e.violatedDirective} ${e.blockedURI}`), { once: true });
          fetch('http://127.0.0.2:9/x').catch(() => setTimeout(() => resolve('no violation'), 500));
        }),
    );
    assert.equal(outcome, 'connect-src http://127.0.0.2:9/x');
    await page.click('#cancel');
    assert.ok(log.requests.every((u) => !u.startsWith('http://127.0.0.2')), 'no request left the page');
    await context.close();
  });

  test('one truth about columns: header.unmapped in the counts equals the unmapped columns listed, as in the CLI JSON', async () => {
    const { page, context, log } = await open();
    const csv = '受付番号,HER-SYS ID,状態,備考,現在のステータス,現在のステータス,場所区分\r\nA-1,H-1,x,,入院中,入院中,\r\n';
    const file = path.join(dir, 'columns.csv');
    fs.writeFileSync(file, csv);
    const expected = JSON.parse(runCli(file, ['--format', 'json', '--today', TODAY]).stdout.toString('utf8'));
    await page.setInputFiles('#file', file);
    await waitDone(page);
    const listed = await page.$$eval('[data-columns="unmapped"] li', (lis) => lis.map((li) => li.dataset.header));
    const ids = await page.$$eval('[data-columns="ids"] li', (lis) => lis.map((li) => li.textContent));
    const counted = Number(await page.getAttribute('#counts-body tr[data-code="header.unmapped"] [data-count]', 'data-count'));
    assert.deepEqual(listed, ['状態', '備考', '現在のステータス']);
    assert.deepEqual(ids, ['受付番号', 'HER-SYS ID']);
    assert.equal(counted, listed.length);
    assert.equal(expected.summary.counts['header.unmapped'], listed.length);
    assert.deepEqual(expected.summary.columns.filter((c) => !c.field && !c.identifying).map((c) => c.header), listed);
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('the identifying columns are an option: only the columns named reach the table and the reports', async () => {
    const { page, context, log } = await open();
    const csv = { name: 'ids.csv', mimeType: 'text/csv', buffer: Buffer.from('受付番号,管理コード,氏名,現在のステータス,場所区分\r\nA-1,K-77,山田花子,入院中,\r\n') };
    await page.fill('#id-columns', '管理コード');
    await page.setInputFiles('#file', csv);
    await waitDone(page);
    assert.deepEqual(await page.$$eval('#failing-head th', (ths) => ths.map((th) => th.textContent)), ['行番号', 'レコード番号', '管理コード', '指摘']);
    for (const id of ['#download', '#download-wide']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      const text = fs.readFileSync(await download.path(), 'utf8');
      assert.ok(text.includes('K-77') && !text.includes('A-1') && !text.includes('山田花子'), id);
    }
    assert.ok(!(await page.textContent('#results')).includes('山田花子'));
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test("Excel's 「Unicode テキスト」 (UTF-16LE, tabs) audits as the CLI does; gzip and a header that never ends are refused plainly", async () => {
    const { page, context, log } = await open();
    const tsv = SMALL_CSV.replace('"メモ, 1"', 'メモ 1').replaceAll(',', '\t');
    const unicodeText = path.join(dir, 'unicode.txt');
    fs.writeFileSync(unicodeText, Buffer.from(`\ufeff${tsv}\r\n`, 'utf16le'));
    const expected = JSON.parse(runCli(unicodeText, ['--format', 'json', '--today', TODAY]).stdout.toString('utf8'));
    assert.equal(expected.summary.encoding, 'utf-16le');
    await page.setInputFiles('#file', unicodeText);
    await waitDone(page);
    assert.deepEqual({ ...(await pageSummary(page)), encoding: undefined }, { ...sameAsCli(expected), encoding: undefined });
    assert.equal(await page.textContent('[data-stat="encoding"] dd'), 'UTF-16LE（自動判定）');
    assert.deepEqual(await tableRows(page), expected.rows.map((r) => ({ row: r.row, index: r.index, ids: r.ids, codes: r.issues.map((i) => i.code) })));

    let long = '受付番号,現在のステータス,場所区分';
    while (long.length < 100_000) long += ',A-1,入院中,家庭内';
    for (const [name, buffer, message] of [
      ['cases.csv', zlib.gzipSync(Buffer.from(SMALL_CSV)), /CSV（テキスト）ではありません/],
      ['one-line.csv', Buffer.from(long), /見出し行が終わりません/],
    ]) {
      await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer });
      await page.waitForSelector('html[data-audit="error"]');
      assert.match(await page.textContent('#pick-message'), message, name);
      assert.equal(await page.getAttribute('#pick-message', 'role'), 'alert');
      assert.equal(await page.isHidden('#results'), true, `${name}: never "no errors"`);
    }
    await assertAxeClean(page, 'refused file');
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('readable filters on a phone: each option leads with the message, the code after it; the select fits the screen', async () => {
    const { page, context, log } = await open('', { viewport: { width: 390, height: 844 } });
    await page.setInputFiles('#file', files.small);
    await waitDone(page);
    const options = await page.$$eval('#filter option', (os) => os.slice(1).map((o) => [o.value, o.textContent]));
    assert.ok(options.length >= 3);
    for (const [code, text] of options) {
      assert.ok(text.endsWith(code), text);
      assert.match(text, /^[^a-z]/, `${text}: the message first`);
    }
    const box = await page.$eval('#filter', (s) => s.getBoundingClientRect().toJSON());
    assert.ok(box.left >= 0 && box.right <= 390, JSON.stringify(box));
    await assertAxeClean(page, 'phone filter');
    await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
    await context.close();
  });

  test('screenshots: results at 1280 (docs/screenshot-audit.png with UPDATE_SCREENSHOTS=1) and 390 px', async () => {
    for (const [name, viewport, file] of [
      ['audit-results-1280', { width: 1280, height: 1500 }, files.sjis],
      ['audit-390', { width: 390, height: 844 }, files.small],
    ]) {
      const { page, context, log } = await open('', { viewport });
      await page.setInputFiles('#file', file);
      await waitDone(page);
      await page.mouse.move(0, 0);
      await page.evaluate(() => {
        document.activeElement.blur();
        window.scrollTo(0, 0);
      });
      if (viewport.width < 600) {
        // Narrow screens: no sideways scrolling of the page, failing records as cards; still axe clean.
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width);
        await assertAxeClean(page, '390 px with results');
      }
      await saveScreenshot(page, name, { docs: name === 'audit-results-1280' ? 'screenshot-audit.png' : undefined });
      await assertAuditClean(page, log, { pageFiles: PAGE_FILES });
      await context.close();
    }
  });
});
