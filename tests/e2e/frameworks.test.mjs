// attach() in real React 19 (controlled inputs) and Vue 3 (v-model) apps,
// built with Vite from tests/hosts/ into target/hosts/ and run in headless
// Chromium: fixes reach the framework's state and survive its re-renders, and
// messages and ARIA attributes survive re-renders, remounts and swapped
// attributes, with nothing stale left behind (issue 11, point 1).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, assertAxeClean } from './helpers.mjs';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const VITE = path.join(ROOT, 'node_modules', '.bin', 'vite');

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: CHROME, args: ARGS, headless: true });
});
after(async () => {
  await browser?.close();
});

/** Builds tests/hosts/<name> into target/hosts/<name> and serves it. */
async function host(name) {
  const out = path.join(ROOT, 'target', 'hosts', name);
  const run = spawnSync(VITE, ['build', '--outDir', out, '--emptyOutDir'], { cwd: path.join(ROOT, 'tests', 'hosts', name), encoding: 'utf8' });
  assert.equal(run.status, 0, `vite build ${name}: ${run.stderr}${run.stdout}`);
  assert.ok(fs.readdirSync(path.join(out, 'assets')).some((f) => f.endsWith('.wasm')), 'the .wasm was emitted');
  return startServer({ root: out, port: 0 });
}

async function open(server) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, locale: 'ja-JP' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(server.url);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, context, errors };
}

const state = async (page) => JSON.parse(await page.textContent('#state'));
/** The issue codes tied to a control through its aria-describedby (each issue once). */
const described = (page, id) =>
  page.evaluate((i) => {
    const ids = (document.getElementById(i).getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const missing = ids.filter((x) => !document.getElementById(x));
    if (missing.length) return { missing };
    return [...new Set(ids.map((x) => document.getElementById(x).closest('.hv-issue')?.dataset.code ?? `own:${x}`))];
  }, id);
const boxes = (page, key) => page.locator(`.hv-messages[data-field="${key}"]`).count();

for (const name of ['react', 'vue']) {
  describe(`${name} host`, () => {
    let server;
    before(async () => {
      server = await host(name);
    });
    after(async () => {
      await server?.close();
    });

    test('a full-width passport: the fix lands in the framework state, and a re-render keeps it', async () => {
      const { page, context, errors } = await open(server);
      await page.locator('#pp').pressSequentially('ＴＫ１２３４５６７');
      await page.locator('#pp').blur();
      assert.equal((await state(page)).passportNumber, 'ＴＫ１２３４５６７');
      assert.deepEqual(await described(page, 'pp'), ['own:pp-hint', 'passport.halfwidth']);
      await page.click('.hv-messages[data-field="passportNumber"] button.hv-fix');
      assert.equal((await state(page)).passportNumber, 'TK1234567', 'the state holds the fixed value');
      await page.click('#rerender');
      await page.click('#rerender');
      assert.equal(await page.inputValue('#pp'), 'TK1234567', 'a re-render keeps it');
      assert.equal((await state(page)).passportNumber, 'TK1234567');
      assert.deepEqual(await described(page, 'pp'), ['own:pp-hint']);
      assert.equal(await page.getAttribute('#pp', 'aria-invalid'), null);
      // Typing on after the fix: the framework and the field agree.
      await page.locator('#pp').press('End');
      await page.keyboard.press('Backspace');
      assert.equal((await state(page)).passportNumber, 'TK123456');
      // A date in a textarea: the canonical fix by Alt+Enter, through the textarea's own setter.
      await page.locator('#onset').pressSequentially('R3.6.1');
      await page.keyboard.press('Alt+Enter');
      assert.equal((await state(page)).onsetDate, '2021-06-01');
      await page.click('#rerender');
      assert.equal(await page.inputValue('#onset'), '2021-06-01');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('a choice left empty: 場所種別不明 by the fix, held by the framework across re-renders', async () => {
      const { page, context, errors } = await open(server);
      await page.evaluate(() => window.hv.validate());
      await page.click('.hv-messages[data-field="placeCategory"] button.hv-fix');
      assert.equal((await state(page)).placeCategory, '場所種別不明');
      await page.click('#rerender');
      const checked = name === 'react'
        ? await page.isChecked('input[name="placeCategory"][value="場所種別不明"]')
        : (await page.inputValue('#place')) === '場所種別不明';
      assert.ok(checked, 'the control shows the fixed value after a re-render');
      assert.equal(await page.locator('.hv-messages[data-field="placeCategory"] .hv-issue').count(), 0);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('messages and ARIA survive re-renders: swapped aria-describedby, a remounted input, a field removed and back', async () => {
      const { page, context, errors } = await open(server);
      await page.locator('#pp').pressSequentially('ab');
      await page.locator('#pp').blur();
      assert.deepEqual(await described(page, 'pp'), ['own:pp-hint', 'passport.format']);
      assert.equal(await page.getAttribute('#pp', 'aria-invalid'), 'true');
      await page.click('#rerender');
      assert.deepEqual(await described(page, 'pp'), ['own:pp-hint', 'passport.format']);

      // The framework rewrites aria-describedby: its new id stays, the old one goes, ours come back.
      await page.click('#swap-hint');
      await page.waitForFunction(() => /hv\d+-/.test(document.getElementById('pp').getAttribute('aria-describedby')));
      assert.deepEqual(await described(page, 'pp'), ['own:pp-hint-2', 'passport.format']);

      // A remounted input (a new element): bound again, one message box, nothing stale.
      const before = await page.evaluateHandle(() => document.getElementById('pp'));
      await page.click('#remount');
      assert.ok(await page.evaluate((old) => old !== document.getElementById('pp'), before), 'a new element');
      await page.waitForFunction(() => document.getElementById('pp').getAttribute('aria-invalid') === 'true');
      assert.deepEqual(await described(page, 'pp'), ['own:pp-hint-2', 'passport.format']);
      assert.equal(await boxes(page, 'passportNumber'), 1);
      // The new element is the one the binder listens to and validates.
      await page.locator('#pp').fill('TK1234567');
      await page.waitForFunction(() => document.getElementById('pp').getAttribute('aria-invalid') === null);
      assert.deepEqual(await described(page, 'pp'), ['own:pp-hint-2']);
      assert.equal(await page.evaluate(() => document.getElementById('pp').validationMessage), '');

      // A field removed by the framework takes its messages along; back, it is bound again.
      await page.evaluate(() => window.hv.validate());
      assert.equal(await page.locator('.hv-messages[data-field="placeCategory"] .hv-issue').count(), 1);
      await page.click('#toggle-place');
      await page.waitForFunction(() => !window.hv.keys.includes('placeCategory'));
      assert.equal(await boxes(page, 'placeCategory'), 0, 'no orphaned message box');
      await page.click('#toggle-place');
      await page.waitForFunction(() => window.hv.keys.includes('placeCategory'));
      await page.waitForFunction(() => document.querySelector('.hv-messages[data-field="placeCategory"] .hv-issue'));
      assert.equal(await boxes(page, 'placeCategory'), 1);
      const placeControl = name === 'react' ? 'input[name="placeCategory"] >> nth=0' : '#place';
      assert.equal(await page.getAttribute(placeControl, 'aria-invalid'), 'true');
      // Ids in aria-describedby all resolve (none stale) on every control.
      const dangling = await page.evaluate(() =>
        [...document.querySelectorAll('[aria-describedby]')].flatMap((el) =>
          el.getAttribute('aria-describedby').split(/\s+/).filter((id) => !document.getElementById(id))));
      assert.deepEqual(dangling, []);
      await assertAxeClean(page, `${name} host with messages`);
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
