// dist/hersys-check.html, the single file a health centre puts on a shared
// drive: opened from disk (file://, in a folder whose name has spaces and
// Japanese, as shared drives do) in headless Chromium with no server. The
// form check and the file audit work, the pages' links switch views in the
// file, the language follows, and the file makes no request at all beyond
// itself, has no CSP violation and is axe clean.
// Run: node scripts/build.mjs && node --test tests/e2e/dist-file.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { buildDist } from '../../scripts/dist.mjs';
import { RESULTS, ROOT, genCases, runAxe, runCli, startSuite } from './helpers.mjs';

let suite;
let axeSource;
let dir;
let fileUrl;
const files = {};
const cli = {};

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hv-dist-'));
  const share = path.join(dir, '共有 フォルダ', '発生届');
  // The build step itself, as `npm run build` runs it, written where a clerk would find it.
  const file = await buildDist({ out: path.join(share, '発生届 チェック.html') });
  fileUrl = pathToFileURL(file).href;
  files.sjis = genCases(path.join(dir, 'cases-sjis.csv'), { rows: 2_000, encoding: 'shift_jis', seed: 11 });
  files.big = genCases(path.join(dir, 'cases-big.csv'), { rows: 150_000, encoding: 'utf-8', seed: 5 });
  cli.sjis = JSON.parse(runCli(files.sjis, ['--format', 'json']).stdout.toString('utf8'));
  suite = await startSuite(); // its browser; the server stays unused
});
after(async () => {
  await suite?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens the file; every request of the file and its frames, console error, page error and CSP violation is kept. */
async function open(hash = '') {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', reducedMotion: 'reduce', acceptDownloads: true });
  const page = await context.newPage();
  const log = { requests: [], errors: [] };
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(message.text());
  });
  page.on('pageerror', (error) => log.errors.push(error.message));
  // Through the DevTools protocol, in every frame: the file's CSP does not apply to it.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${fileUrl}${hash}`, { waitUntil: 'load' });
  const view = async (name) => {
    const element = await page.waitForSelector(`iframe[data-view="${name}"]`, { state: 'attached' });
    const frame = await element.contentFrame();
    await frame.waitForSelector('html[data-ready]', { state: 'attached', timeout: 15_000 });
    assert.equal(await frame.getAttribute('html', 'data-ready'), 'true', `${name} failed to start: ${log.errors.join('; ')}`);
    return frame;
  };
  const form = await view('form');
  const audit = await view('audit');
  return { page, context, log, form, audit };
}

/** One request, the file itself; no CSP violation in any frame; no error. */
async function assertClean(page, log) {
  assert.deepEqual(log.requests.map((url) => url.replace(/#.*$/, '')), [fileUrl], 'requests beyond the file itself');
  for (const frame of page.frames()) {
    assert.deepEqual(await frame.evaluate(() => window.__cspViolations), [], `CSP violations in ${frame.url()}`);
  }
  assert.deepEqual(log.errors, [], 'console and page errors');
}

/**
 * axe in the outer page with axe in every frame too, so that it checks the
 * file as a whole (the landmarks are in the shown frame) and each frame's content.
 */
async function axeFile(page) {
  axeSource ??= fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => typeof window.axe === 'object'))) await frame.evaluate(axeSource);
    // file:// documents have the opaque origin "null": axe's frame messages need leave to pass.
    await frame.evaluate(() => window.axe.configure({ allowedOrigins: ['<unsafe_all_origins>'] }));
  }
  return runAxe(page);
}

async function assertAxeClean(page, label) {
  const violations = await axeFile(page);
  assert.deepEqual(violations, [], `axe (${label}):\n${JSON.stringify(violations, null, 2)}`);
}

const shown = (page) => page.$$eval('iframe[data-view]', (frames) => frames.filter((f) => !f.hidden).map((f) => f.dataset.view));

describe('dist/hersys-check.html from file://', () => {
  test('the file is self-contained: one hash-only CSP with connect-src none, no eval, nothing it would fetch', () => {
    const html = fs.readFileSync(new URL(fileUrl), 'utf8');
    const policies = [...html.matchAll(/Content-Security-Policy&quot; content=&quot;([^&]*(?:&#?\w+;[^&]*)*?)&quot;|Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1] ?? m[2]);
    assert.ok(policies.length >= 1);
    const policy = policies.find(Boolean);
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /connect-src 'none'/);
    assert.match(policy, /script-src ('sha256-[A-Za-z0-9+/=]+' )+'wasm-unsafe-eval'(;|$)/);
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|'self'|https?:|\*/);
    assert.doesNotMatch(html, /\s(?:src|href)="(?!#|data:)/, 'no reference outside the file in the outer page');
  });

  test('the build stops when a page refers to a file it cannot put inside', async () => {
    const copy = path.join(dir, 'www-copy');
    fs.cpSync(path.join(ROOT, 'www'), copy, { recursive: true });
    const page = path.join(copy, 'index.html');
    const original = fs.readFileSync(page, 'utf8');
    fs.writeFileSync(page, original.replace('</main>', "<img src='logo.png' alt=''></main>"));
    await assert.rejects(buildDist({ www: copy, out: path.join(dir, 'bad.html') }), /index\.html still refers to src=logo\.png/);
    fs.writeFileSync(page, original);
    fs.writeFileSync(path.join(copy, 'styles.css'), `${fs.readFileSync(path.join(copy, 'styles.css'), 'utf8')}\n.x { background: url(bg.png); }\n`);
    await assert.rejects(buildDist({ www: copy, out: path.join(dir, 'bad.html') }), /styles\.css refers to another file/);
    assert.ok(!fs.existsSync(path.join(dir, 'bad.html')));
  });

  test('form view: type a case, see the passport message, take the fix; 0 requests, no CSP violation, axe clean', async () => {
    const { page, context, log, form } = await open();
    try {
      assert.deepEqual(await shown(page), ['form']);
      await form.fill('#f-entryDate', '2021-06-03');
      await form.fill('#f-diagnosisDate', '2021-06-10');
      await form.fill('#f-passportNumber', 'ＴＫ１２３４５６７');
      await form.locator('#f-passportNumber').blur();
      await form.waitForSelector('#m-passportNumber .hv-issue[data-code="passport.halfwidth"]');
      assert.match(await form.textContent('#m-passportNumber'), /半角/);
      await form.click('#m-passportNumber button.hv-fix');
      assert.equal(await form.inputValue('#f-passportNumber'), 'TK1234567');
      assert.equal(await form.locator('#m-passportNumber .hv-issue').count(), 0);
      // Emptied, the passport is required again: the notice's rule 1.
      await form.fill('#f-passportNumber', '');
      await form.locator('#f-passportNumber').blur();
      await form.waitForSelector('#m-passportNumber .hv-issue[data-code="passport.required"]');
      // axe sees into the shown frame: a planted image without a text alternative is found.
      await form.evaluate(() => document.querySelector('main').append(Object.assign(document.createElement('img'), { id: 'planted', src: 'data:,' })));
      assert.ok((await axeFile(page)).some((v) => v.id === 'image-alt'), 'axe checked the frame');
      await form.evaluate(() => document.getElementById('planted').remove());
      await assertAxeClean(page, 'form view');
      await assertClean(page, log);
      fs.mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS, 'dist-form.png') });
    } finally {
      await context.close();
    }
  });

  test('switching views with the pages\' own links, by keyboard; Back returns; the language follows', async () => {
    const { page, context, log, form, audit } = await open();
    try {
      // Keyboard: focus the audit link, press Enter.
      await form.focus('a[data-hv-view="audit"]');
      await form.press('a[data-hv-view="audit"]', 'Enter');
      await page.waitForFunction(() => !document.querySelector('iframe[data-view="audit"]').hidden);
      assert.deepEqual(await shown(page), ['audit']);
      assert.equal(new URL(page.url()).hash, '#audit');
      assert.equal(await page.title(), await audit.title());
      assert.equal(await audit.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the view\'s heading');
      assert.equal(await audit.evaluate(() => document.hasFocus()), true);
      await page.goBack();
      await page.waitForFunction(() => !document.querySelector('iframe[data-view="form"]').hidden);
      assert.deepEqual(await shown(page), ['form']);

      // English in one view is English in the other.
      await form.click('#lang-en');
      await form.waitForFunction(() => document.documentElement.lang === 'en');
      await audit.waitForFunction(() => document.documentElement.lang === 'en');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(await page.title(), await form.title());
      await form.click('a[data-hv-view="audit"]');
      await page.waitForFunction(() => !document.querySelector('iframe[data-view="audit"]').hidden);
      assert.equal(await audit.getAttribute('#lang-en', 'aria-pressed'), 'true');
      assert.match(await audit.textContent('h1'), /[A-Za-z]/);
      await assertAxeClean(page, 'audit view, English');
      // Links to pages that are not in the file are gone; links between the views stay.
      assert.equal(await form.locator('a[href$=".html"]').count(), 0);
      assert.equal(await audit.locator('a[href$=".html"]').count(), 0);
      await assertClean(page, log);
    } finally {
      await context.close();
    }
  });

  test('audit view: a Shift_JIS file gives the CLI\'s verdicts without a Worker; the report downloads', async () => {
    const { page, context, log, audit } = await open('#audit');
    try {
      assert.deepEqual(await shown(page), ['audit']);
      await audit.setInputFiles('#file', files.sjis);
      await audit.waitForSelector('html[data-audit="done"]', { timeout: 60_000 });
      const counts = await audit.$$eval('#counts-body tr[data-code]', (trs) =>
        Object.fromEntries(trs.map((tr) => [tr.dataset.code, Number(tr.querySelector('[data-count]').dataset.count)])));
      assert.deepEqual(counts, cli.sjis.summary.counts);
      assert.ok(cli.sjis.summary.rowsWithErrors > 0, 'the file has defects to show');
      assert.match(await audit.textContent('#results'), /Shift_JIS/);
      assert.equal(page.workers().length, 0, 'no Worker: the audit ran on the page\'s thread');
      const [download] = await Promise.all([page.waitForEvent('download'), audit.click('#download')]);
      const report = fs.readFileSync(await download.path());
      assert.deepEqual([...report.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
      await assertAxeClean(page, 'audit results');
      await assertClean(page, log);
      await page.screenshot({ path: path.join(RESULTS, 'dist-audit.png') });
    } finally {
      await context.close();
    }
  });

  test('audit view: the page stays responsive during a long audit: the progress bar moves and Cancel stops it', async () => {
    const { page, context, log, audit } = await open('#audit');
    try {
      // Sampled in the page at every frame it paints: a page that never yields paints no frame in between.
      await audit.evaluate(() => {
        window.__progress = [];
        const sample = () => {
          const bar = document.getElementById('run-progress');
          if (bar && document.documentElement.dataset.audit === 'running') window.__progress.push(bar.value / bar.max);
          requestAnimationFrame(sample);
        };
        requestAnimationFrame(sample);
      });
      // A slower CPU leaves time to click Cancel on a fast machine too.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await audit.setInputFiles('#file', files.big);
      await audit.waitForFunction(() => window.__progress.filter((v) => v > 0 && v < 1).length >= 3, null, { timeout: 60_000, polling: 200 });
      await audit.click('#cancel');
      await audit.waitForSelector('html[data-audit="cancelled"]', { timeout: 10_000 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const seen = await audit.evaluate(() => window.__progress);
      assert.ok(new Set(seen.filter((v) => v > 0 && v < 1)).size >= 2, 'the bar painted several intermediate values');
      assert.ok(seen.at(-1) < 1, 'cancelled before the end');
      // After a cancel the same file audits to the end.
      await audit.setInputFiles('#file', files.sjis);
      await audit.waitForSelector('html[data-audit="done"]', { timeout: 60_000 });
      await assertClean(page, log);
    } finally {
      await context.close();
    }
  });
});
