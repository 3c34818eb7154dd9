// The main journeys, the same in every engine (chromium.test.mjs, firefox.test.mjs,
// webkit.test.mjs each call journeys(engine)). Main paths only, through text inputs,
// ids and visible results (not select internals), so that they hold while the
// pages' controls change:
//   - the validation page: Tab order of the first fields; a full-width passport
//     number gives its error, Alt+Enter in the field applies the fix;
//   - attach() on the embed page: an error appears on the field;
//   - the audit page with its workers, under the site's CSP header: the report it
//     downloads is byte for byte the CLI's;
//   - the single file from file://: a record is checked, a file audited, the report
//     downloads (Firefox and WebKit check that download against the outer page's
//     frame-src), no request, no CSP violation.
// Every served journey: no request after the page is ready (the server's log), no
// CSP violation (a listener in each document: before the page's scripts in
// Chromium and Firefox, after load in WebKit, whose WebDriver cannot run a script earlier).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { pagePolicy, startServer } from '../../scripts/serve.mjs';
import { assertInstalled, launch } from './drivers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WWW = path.join(ROOT, 'www');
const DIST = path.join(ROOT, 'dist', 'hersys-check.html');
const RESULTS = path.join(ROOT, 'test-results');
/** The fixture's rows are dated March 2024: errors and warnings that do not depend on the day. */
const TODAY = '2024-03-31';

/**
 * A synthetic export (no real person): UTF-8 with a BOM, CR LF, kanji, full-width
 * passports, a quoted comma; clean rows and rows with errors and warnings.
 */
function fixture(rows) {
  const header = '受付番号,診断年月日,入国日,パスポート番号（旅券番号）,現在のステータス,死亡日付,死亡場所,場所区分,備考';
  const day = (n) => `2024-03-0${1 + (n % 9)}`;
  const kinds = [
    (n) => `C-${n},${day(n)},,,宿泊療養中,,,場所種別不明,`,
    (n) => `C-${n},${day(n)},2024-02-${10 + (n % 19)},,入院中,,,家庭内,`, // passport required
    (n) => `C-${n},${day(n)},,tk-${String(n).padStart(7, '0')},入院中,,,職場,"メモ, ${n}"`, // normalize
    (n) => `C-${n},${day(n)},2024-02-20,ＴＫ${String(n).padStart(7, '０')},死亡,,,,`, // full-width, death date
    (n) => `C-${n},2024-03-10,2024-03-12,,入院中,2024-03-05,,家庭内,`, // entry after diagnosis, death without status
    (n) => `C-${n},${day(n)},,,自宅療養中,,,飲食店,全角　スペース`,
  ];
  const lines = [header];
  for (let n = 1; n <= rows; n++) lines.push(kinds[(n * 7) % kinds.length](n));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function cli(file, args) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'hersys-validator.mjs'), 'audit', file, ...args], { maxBuffer: 1 << 28 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`CLI exit ${run.status}: ${run.stderr}`);
  return run.stdout;
}

export function journeys(engine) {
  let browser;
  let server;
  let dir;
  const requests = [];
  const files = {};
  const expected = {};

  before(async () => {
    assertInstalled(engine); // a missing engine fails with "run `npm run setup`", never a skip
    for (const file of [path.join(WWW, 'lib', 'index.js'), DIST]) {
      if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first`);
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `hv-cross-${engine}-`));
    files.csv = path.join(dir, 'cases.csv');
    fs.writeFileSync(files.csv, fixture(1000));
    expected.report = cli(files.csv, ['--today', TODAY]);
    expected.reportToday = cli(files.csv, []); // the single file has no ?today=: both use today in Japan
    expected.json = JSON.parse(cli(files.csv, ['--format', 'json']).toString('utf8'));
    // As `npm start` serves: the page's policy as a header too, which binds the workers.
    server = await startServer({ root: WWW, port: 0, csp: pagePolicy(WWW) });
    server.server.on('request', (req) => requests.push(req.url));
    browser = await launch(engine);
    console.log(`${engine}: ${browser.version}`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a served page and waits until it says it is ready; returns the tab and a mark in the request log. */
  async function openServed(page) {
    const tab = await browser.open(new URL(page, server.url).href);
    await tab.waitFor(() => document.documentElement.dataset.ready, null, 15_000);
    assert.equal(await tab.evaluate(() => document.documentElement.dataset.ready), 'true', `${page} did not start`);
    return { tab, mark: requests.length };
  }

  async function assertClean(tab, mark, { allow = [] } = {}) {
    const after = requests.slice(mark).filter((url) => !allow.some((re) => re.test(url)));
    assert.deepEqual(after, [], 'requests after the page was ready');
    assert.deepEqual(await tab.cspViolations(), [], 'CSP violations');
    assert.deepEqual(await tab.pageErrors(), [], 'uncaught errors');
  }

  /** test-results/cross-ENGINE-NAME.png, to look at. */
  async function screenshot(tab, name) {
    fs.mkdirSync(RESULTS, { recursive: true });
    await tab.screenshot(path.join(RESULTS, `cross-${engine}-${name}.png`));
  }

  describe(`${engine}: the main journeys`, () => {
    test('validation page: Tab order of the first fields; a full-width passport, its error, Alt+Enter applies the fix', async () => {
      const { tab, mark } = await openServed(`index.html?today=${TODAY}`);
      try {
        // The first four Tab stops of the form, in document order, from the first field.
        const expectedOrder = await tab.evaluate(() => {
          const stops = [...document.querySelectorAll('form input, form select, form textarea, form button, form [tabindex]')]
            .filter((e) => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && e.getClientRects().length > 0);
          return [...new Set(stops)].slice(0, 4).map((e) => e.id);
        });
        assert.equal(expectedOrder[0], 'f-reportDate');
        await tab.evaluate(() => document.getElementById('f-reportDate').focus());
        const order = [await tab.activeId()];
        for (let i = 0; i < 3; i++) {
          await tab.press('Tab');
          order.push(await tab.activeId());
        }
        assert.deepEqual(order, expectedOrder);

        await tab.fill('#f-entryDate', '2021-06-03');
        await tab.fill('#f-diagnosisDate', '2021-06-10');
        await tab.fill('#f-passportNumber', 'ＴＫ１２３４５６７');
        await tab.press('Tab');
        await tab.waitFor(() => !!document.querySelector('#m-passportNumber .hv-issue[data-code="passport.halfwidth"]'));
        assert.match(await tab.text('#m-passportNumber'), /半角/);
        assert.equal(await tab.evaluate(() => document.getElementById('f-passportNumber').getAttribute('aria-invalid')), 'true');
        await tab.evaluate(() => document.getElementById('f-passportNumber').scrollIntoView({ block: 'center' }));
        await screenshot(tab, 'page');
        // The fix by keyboard, in the field (the page's tip: Alt+Enter).
        await tab.evaluate(() => document.getElementById('f-passportNumber').focus());
        await tab.press('Alt+Enter');
        await tab.waitFor(() => document.getElementById('f-passportNumber').value === 'TK1234567');
        assert.equal(await tab.activeId(), 'f-passportNumber', 'focus stays in the field');
        await tab.waitFor(() => !document.querySelector('#m-passportNumber .hv-issue'));

        // Japanese breaks between phrases only (www/app/phrases.js): squeezed into a narrow
        // column, the lead, the privacy note and the hints wrap onto many lines, and no phrase
        // (a text node between two <wbr>) is split across two lines.
        const breaking = await tab.evaluate(() => {
          const nodes = [...document.querySelectorAll('.masthead__lead, #privacy-note span, .field__hint')].filter((n) => n.classList.contains('phrased'));
          for (const n of nodes) n.style.maxWidth = '7.5em';
          let lines = 0;
          const split = [];
          for (const n of nodes) {
            lines = Math.max(lines, Math.round(n.getBoundingClientRect().height / parseFloat(getComputedStyle(n).lineHeight)));
            const walker = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
            for (let text = walker.nextNode(); text; text = walker.nextNode()) {
              const range = document.createRange();
              range.selectNodeContents(text);
              const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
              // Punctuation alone (「）。」 after an example) is no phrase.
              if (tops.size > 1 && /\p{L}/u.test(text.textContent) && text.parentElement.closest('.nowrap') === null) split.push(text.textContent.trim());
            }
          }
          for (const n of nodes) n.style.maxWidth = '';
          return { checked: nodes.length, lines, wbr: document.querySelectorAll('.phrased wbr').length, split };
        });
        assert.ok(breaking.checked >= 3 && breaking.wbr > 20, `phrased texts on the page (${breaking.checked}, ${breaking.wbr} breaks)`);
        assert.ok(breaking.lines >= 4, 'the squeezed texts wrap onto several lines');
        // A phrase longer than the column may still break inside (overflow-wrap), never a short one.
        assert.deepEqual(breaking.split.filter((phrase) => phrase.length <= 7), [], 'phrases split across lines');
        await assertClean(tab, mark);
      } finally {
        await tab.close();
      }
    });

    test('embed page: attach() shows an error on the passport field', async () => {
      const { tab, mark } = await openServed(`embed.html?today=${TODAY}`);
      try {
        await tab.fill('#arrival', '2021-06-03');
        await tab.fill('#dx_date', '2021-06-10');
        await tab.fill('#pp_no', 'ＴＫ１２３４５６７');
        await tab.press('Tab');
        const codes = () =>
          tab.evaluate(() => {
            const ids = (document.getElementById('pp_no').getAttribute('aria-describedby') ?? '').split(/\s+/);
            return [...new Set(ids.map((id) => document.getElementById(id)?.closest('.hv-issue')).filter(Boolean))].map((p) => p.dataset.code);
          });
        await tab.waitFor(() => document.getElementById('pp_no').getAttribute('aria-invalid') === 'true');
        assert.deepEqual(await codes(), ['passport.halfwidth']);
        await screenshot(tab, 'embed');
        assert.match(await tab.evaluate(() => document.getElementById('pp_no').validationMessage), /\S/, 'the browser\'s own validity says so too');
        await assertClean(tab, mark);
      } finally {
        await tab.close();
      }
    });

    test('audit page with workers: the downloaded report equals the CLI\'s, byte for byte', async () => {
      const { tab, mark } = await openServed(`audit.html?today=${TODAY}`);
      try {
        await tab.setFile('#file', files.csv);
        await tab.waitFor(() => ['done', 'failed', 'refused'].includes(document.documentElement.dataset.audit), null, 60_000);
        assert.equal(await tab.evaluate(() => document.documentElement.dataset.audit), 'done');
        assert.ok(requests.slice(mark).some((url) => url.startsWith('/lib/audit/web/')), 'the audit ran in a Worker');
        await tab.click('#download');
        const download = await tab.download(15_000);
        assert.equal(download.name, 'cases_チェック結果.csv');
        assert.ok(download.bytes.equals(expected.report), 'the downloaded report equals `hersys-validator audit FILE --today` byte for byte');
        // The worker's files are the only requests after the page was ready.
        await assertClean(tab, mark, { allow: [/^\/lib\/(audit\/(web\/)?[a-z-]+|wire\/[a-z-]+|japan-date|loader|pkg\/hersys_validator_audit)\.js$/] });
      } finally {
        await tab.close();
      }
    });

    test('single file from file://: checks a record, audits a file, the report downloads; no request, no CSP violation', async () => {
      const tab = await browser.open(pathToFileURL(DIST).href);
      try {
        const form = await tab.frame('iframe[data-view="form"]');
        const audit = await tab.frame('iframe[data-view="audit"]');
        for (const view of [form, audit]) {
          await view.waitFor(() => document.documentElement.dataset.ready, null, 20_000);
          assert.equal(await view.evaluate(() => document.documentElement.dataset.ready), 'true');
          await view.watchCsp(); // WebKit: now; Chromium and Firefox: already since before the page's scripts
        }
        await form.fill('#f-entryDate', '2021-06-03');
        await form.fill('#f-diagnosisDate', '2021-06-10');
        await form.fill('#f-passportNumber', 'ＴＫ１２３４５６７');
        await form.press('Tab');
        await form.waitFor(() => !!document.querySelector('#m-passportNumber .hv-issue[data-code="passport.halfwidth"]'));

        // The audit view, through the page's own link (the frames' bridge switches views).
        await form.click('a[data-hv-view="audit"]');
        await tab.waitFor(() => !document.querySelector('iframe[data-view="audit"]').hidden);
        await audit.setFile('#file', files.csv);
        await audit.waitFor(() => ['done', 'failed', 'refused'].includes(document.documentElement.dataset.audit), null, 60_000);
        assert.equal(await audit.evaluate(() => document.documentElement.dataset.audit), 'done');
        const counts = await audit.evaluate(() =>
          Object.fromEntries([...document.querySelectorAll('#counts-body tr[data-code]')].map((tr) => [tr.dataset.code, Number(tr.querySelector('[data-count]').dataset.count)])));
        assert.deepEqual(counts, expected.json.summary.counts);
        // Firefox and WebKit check this blob: download against the outer page's frame-src.
        await audit.click('#download');
        const download = await tab.download(10_000).catch(async (error) => {
          throw new Error(`${error.message}; CSP violations in the outer page: ${JSON.stringify(await tab.cspViolations())}`);
        });
        assert.ok(download.bytes.equals(expected.reportToday), 'the report equals the CLI\'s');

        await screenshot(tab, 'dist-audit');

        // Nothing fetched: no resource in any document, no CSP violation in any, no uncaught error.
        for (const [name, scope] of [['outer page', tab], ['form view', form], ['audit view', audit]]) {
          assert.deepEqual(await scope.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)), [], `resources loaded by the ${name}`);
          assert.deepEqual(await scope.cspViolations(), [], `CSP violations in the ${name}`);
          assert.deepEqual(await scope.pageErrors(), [], `uncaught errors in the ${name}`);
        }
      } finally {
        await tab.close();
      }
    });
  });
}
