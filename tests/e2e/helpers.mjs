// Shared set-up for the browser tests: the repo's static server, headless
// Chromium through playwright-core, and the checks every page must pass
// (no network after load, no CSP violation, no console error, axe clean).
//
// Needs `npm run build` first (www/lib/ is the built package). The browser is
// $CHROME_PATH or /usr/bin/chromium.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = path.join(ROOT, 'www');
export const RESULTS = path.join(ROOT, 'test-results');
export const TODAY = '2021-07-31';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

let axeSource;

/**
 * Starts the server and the browser once per test file. `options.csp`, when
 * given, is sent as a Content-Security-Policy header with every file (as
 * `npm start` does), which also binds Web Workers; without it, only the pages'
 * <meta> policies apply.
 */
export async function startSuite({ csp = null } = {}) {
  for (const file of ['lib/index.js', 'lib/attach.js', 'lib/pkg/hersys_validator_bg.wasm']) {
    if (!fs.existsSync(path.join(WWW, file))) {
      throw new Error(`www/${file} is missing: run \`node scripts/build.mjs\` before the e2e tests`);
    }
  }
  if (!fs.existsSync(CHROME)) throw new Error(`no browser at ${CHROME} (set CHROME_PATH)`);
  const server = await startServer({ root: WWW, port: 0, ...(csp ? { csp } : {}) });
  // No user-data-dir: playwright gives each launch a fresh temporary profile.
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, headless: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  return {
    server,
    browser,
    url: (p) => new URL(p, server.url).href,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens `url` in a fresh context and waits until the page has said it is ready
 * (html[data-ready="true"]). Records every request, console error, page error
 * and CSP violation; requests after the page was ready are kept apart.
 */
export async function openPage(suite, url, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await suite.browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'ja-JP', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const log = { requests: [], afterReady: [], consoleErrors: [], pageErrors: [], ready: false };
  page.on('request', (req) => {
    log.requests.push(req.url());
    if (log.ready) log.afterReady.push(`${req.method()} ${req.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => log.pageErrors.push(err.message));
  // Registered through the DevTools protocol, so the page's own CSP does not apply to it.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready]', { timeout: 10_000 });
  assert.equal(await page.getAttribute('html', 'data-ready'), 'true', `page failed to start: ${log.pageErrors.concat(log.consoleErrors).join('; ')}`);
  log.ready = true;
  return { page, context, log };
}

/** Zero requests after load, zero CSP violations, zero console errors and page errors. */
export async function assertClean(page, log) {
  const csp = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(log.afterReady, [], 'network requests after load');
  assert.deepEqual(csp, [], 'CSP violations');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'page errors');
}

/**
 * What an audit loads after the page is ready: its worker and the worker's
 * scripts (the compiled wasm is handed over). A large file goes to one worker
 * per core (js/audit/web/blob.js starts them, js/audit/pool.js merges), a
 * small one to one.
 */
export const AUDIT_WORKER_FILES = ['/lib/audit/web/worker.js', '/lib/audit/core.js', '/lib/audit/batch.js', '/lib/loader.js',
  '/lib/pkg/hersys_validator_audit.js', '/lib/audit/web/blob.js', '/lib/audit/pool.js',
  // the options, checked as validate()'s (js/wire/with-options.js and what it imports)
  '/lib/wire/with-options.js', '/lib/wire/layout.js', '/lib/wire/options.js', '/lib/wire/memory.js', '/lib/wire/call.js',
  '/lib/wire/read.js', '/lib/japan-date.js'];

/**
 * assertClean for the audit page: every request to the page's own origin, and
 * after load only GETs of the audit's worker files. `pageFiles`, when given,
 * lists every file the page itself may load.
 */
export async function assertAuditClean(page, log, { pageFiles } = {}) {
  const origin = new URL(page.url()).origin;
  for (const url of log.requests) {
    const u = new URL(url);
    assert.equal(u.origin, origin, `request to another origin: ${url}`);
    if (pageFiles) assert.ok(pageFiles.includes(u.pathname) || AUDIT_WORKER_FILES.includes(u.pathname), `request outside the allow-list: ${url}`);
  }
  for (const entry of log.afterReady) {
    const [method, url] = entry.split(' ');
    assert.equal(method, 'GET', entry);
    assert.ok(AUDIT_WORKER_FILES.includes(new URL(url).pathname), `request after load outside the worker's files: ${entry}`);
  }
  await assertClean(page, { ...log, afterReady: [] });
}

/**
 * Runs axe-core in the page and returns its violations. axe.min.js is evaluated
 * through the DevTools protocol (page.evaluate of its source), not added as an
 * inline <script>: the page's CSP (script-src 'self') would block and report an
 * inline script, and bypassCSP would test a page without its real policy.
 */
export async function runAxe(page) {
  axeSource ??= fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

export async function assertAxeClean(page, label) {
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], `axe violations (${label}):\n${JSON.stringify(violations, null, 2)}`);
}

/** Saves a full-page screenshot into test-results/ (and into docs/ when UPDATE_SCREENSHOTS=1). */
export async function saveScreenshot(page, name, { docs } = {}) {
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (docs && process.env.UPDATE_SCREENSHOTS === '1') {
    await page.screenshot({ path: path.join(ROOT, 'docs', docs), fullPage: false });
  }
  return file;
}

/** The codes of the issues shown under a field (by the messages box in or after it). */
export function codesIn(page, boxSelector) {
  return page.$$eval(`${boxSelector} .hv-issue`, (nodes) => nodes.map((n) => n.dataset.code));
}

/** Waits until `fn` (run in the page) returns a truthy value. */
export function waitUntil(page, fn, arg, timeout = 3000) {
  return page.waitForFunction(fn, arg, { timeout, polling: 'raf' });
}

// ---------------------------------------------------------------- batch audit (audit.html)

const GEN_CASES = path.join(ROOT, 'target', 'release', 'examples', 'gen_cases');

/**
 * Writes a SYNTHETIC case file with the repo's generator (examples/gen_cases.rs),
 * building it first when it is missing. `options`: { rows, encoding ('utf-8' |
 * 'shift_jis'), bom, defects, seed }. Returns `out`.
 */
export function genCases(out, { rows = 1000, encoding = 'utf-8', bom = false, defects, seed } = {}) {
  if (!fs.existsSync(GEN_CASES)) {
    const built = spawnSync('cargo', ['build', '--release', '--example', 'gen_cases'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('cargo build --release --example gen_cases failed');
  }
  const args = ['--rows', String(rows), '--encoding', encoding, '--out', out];
  if (bom) args.push('--bom');
  if (defects !== undefined) args.push('--defects', String(defects));
  if (seed !== undefined) args.push('--seed', String(seed));
  const run = spawnSync(GEN_CASES, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`gen_cases failed: ${run.stderr}`);
  return out;
}

/**
 * Runs the Node CLI (bin/hersys-validator.mjs audit FILE ...args) and returns
 * `{ status, stdout (Buffer), stderr }`; exit 1 (errors found) is not a failure.
 */
export function runCli(file, args = []) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'hersys-validator.mjs'), 'audit', file, ...args], {
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`CLI exit ${run.status}: ${run.stderr}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.toString() };
}

/**
 * A DevTools session on a page's dedicated worker (the first whose URL
 * contains `match`), through the browser session: playwright-core has no
 * public CDP session for workers. Returns `{ send(method, params), detach() }`.
 */
export async function workerSession(browser, match) {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(match));
  if (!target) {
    await cdp.detach();
    return null;
  }
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let next = 0;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    const settle = pending.get(message.id);
    if (!settle) return;
    pending.delete(message.id);
    if (message.error) settle.reject(new Error(`${message.error.message}`));
    else settle.resolve(message.result);
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    for (const settle of pending.values()) settle.reject(new Error('the worker is gone'));
    pending.clear();
  });
  return {
    send(method, params = {}) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      });
    },
    detach: () => cdp.detach().catch(() => {}),
  };
}
