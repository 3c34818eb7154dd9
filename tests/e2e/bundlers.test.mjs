// The package under webpack 5 (issue 21, point 2): a plain webpack app
// (tests/hosts/webpack/) built in production mode against the package as
// published (`npm pack`, unpacked into a scratch node_modules), served by the
// repo's static server and run in headless Chromium. The build must be clean
// (no error and no warning at all: no `node:` scheme error, and no "Circular
// dependency between chunks" from the audit's workers, which import
// js/audit/core.js, never the modules that start them), the stylesheet must
// survive "sideEffects", and the app must load both .wasm files, validate,
// attach to its form and audit a file in the package's Web Worker, asking for
// nothing but its own files.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, openPage } from './helpers.mjs';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const HOST = path.join(ROOT, 'tests', 'hosts', 'webpack');
const WEBPACK = path.join(ROOT, 'node_modules', '.bin', 'webpack');

/** "module: message" for each of webpack's errors or warnings. */
const messages = (list) => (list ?? []).map((w) => `${w.moduleName ?? ''}: ${w.message}`);

describe('webpack 5 host (the packed package)', () => {
  let scratch;
  let out;
  let stats;
  let server;
  let browser;

  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'js', 'pkg', 'hersys_validator_bg.wasm')), 'run `node scripts/build.mjs` first');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-webpack-'));
    // The package as published: what `npm pack` puts in the tarball, unpacked
    // where a consumer's `npm install` would put it.
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8' }));
    const installed = path.join(scratch, 'node_modules', 'hersys-validator');
    fs.mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(scratch, packed.filename), '-C', installed, '--strip-components=1']);

    out = path.join(scratch, 'dist');
    const statsFile = path.join(scratch, 'stats.json');
    const build = spawnSync(WEBPACK, ['--config', path.join(HOST, 'webpack.config.mjs'), '--env', `out=${out}`,
      '--env', `modules=${path.join(scratch, 'node_modules')}`, '--json', statsFile], { cwd: HOST, encoding: 'utf8' });
    assert.equal(build.status, 0, `webpack build: ${build.stderr}${build.stdout}`);
    stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
    fs.copyFileSync(path.join(HOST, 'index.html'), path.join(out, 'index.html'));

    server = await startServer({ root: out, port: 0 });
    browser = await chromium.launch({ executablePath: CHROME, args: ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('the build is clean: no error, no warning at all, both .wasm files emitted, the package resolved from node_modules', () => {
    assert.deepEqual(messages(stats.errors), [], 'webpack errors');
    // Nothing about a `node:` import, a critical dependency, a missing export,
    // or a circular dependency between chunks (a worker importing the module
    // that starts it: tests/js/module-graph.test.mjs checks the graph), …
    assert.deepEqual(messages(stats.warnings), [], 'webpack warnings');
    const assets = stats.assets.map((a) => a.name);
    for (const wasm of ['hersys_validator_bg.wasm', 'hersys_validator_audit_bg.wasm']) {
      const emitted = assets.filter((a) => a.endsWith('.wasm') && fs.readFileSync(path.join(out, a)).equals(
        fs.readFileSync(path.join(ROOT, 'js', 'pkg', wasm))));
      assert.ok(emitted.length >= 1, `${wasm} is emitted as an asset (assets: ${assets.join(', ')})`);
    }
    // Every module, with those inside concatenated modules.
    const names = [];
    const visit = (list) => list?.forEach((m) => { names.push(m.name); visit(m.modules); });
    visit(stats.modules);
    const modules = JSON.stringify(names);
    assert.match(modules, /node_modules\/hersys-validator\/js\/attach\.css/, 'the stylesheet of the installed package is in the bundle');
    // No Node-only module of the package (the CLI's file reading and worker_threads) is in any chunk.
    assert.doesNotMatch(modules, /js\/audit\/node\/|node:/);
    const bundled = fs.readdirSync(out).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(out, f), 'utf8')).join('\n');
    assert.match(bundled, /hv-issue--error/, 'attach.css is carried in the bundle, not dropped by "sideEffects"');
    assert.doesNotMatch(bundled, /require\(["']node:|worker_threads/, 'no Node built-in is required by the bundle');
    // The one `node:` specifier left is the loader's Node branch (reading the .wasm from disk), kept by
    // webpack as a native import() it did not follow (webpackIgnore), never reached in a browser.
    const nodeRefs = [...bundled.matchAll(/["'](node:[^"']*)["']/g)];
    assert.deepEqual([...new Set(nodeRefs.map((m) => m[1]))], ['node:fs/promises']);
    assert.deepEqual(nodeRefs.filter((m) => bundled.slice(m.index - 'import('.length, m.index) !== 'import('), [], 'only inside import()');
  });

  test('in Chromium: the wasm loads, validate() answers, attach() marks the field and blocks the submit, attach.css applies, the audit worker runs', async () => {
    const { page, context, log } = await openPage({ browser }, server.url);
    // validate() through the forms module; auditFile() through the audit module in its Worker.
    assert.deepEqual(JSON.parse(await page.textContent('#validate')), ['date.canonical', 'passport.required', 'place.category_required']);
    assert.deepEqual(JSON.parse(await page.textContent('#audit')), { rows: 2, statusRequired: 1 });
    const wasmRequests = log.requests.filter((u) => u.endsWith('.wasm'));
    assert.equal(wasmRequests.length >= 2, true, `both modules fetched: ${log.requests.join(', ')}`);

    // A submit while 入国日 is within 28 days and パスポート番号 is empty: the browser blocks it.
    assert.equal(await page.evaluate(() => document.getElementById('notification').checkValidity()), false);
    await page.click('#send');
    await page.waitForFunction(() => document.querySelector('.hv-messages .hv-issue--error'));
    assert.equal(await page.textContent('#submits'), '0', 'no submit event while a field has an error');
    assert.equal(await page.getAttribute('#pp', 'aria-invalid'), 'true');
    assert.notEqual(await page.evaluate(() => document.getElementById('pp').validationMessage), '');
    assert.deepEqual(await page.$$eval('.hv-issue', (nodes) => nodes.map((n) => n.dataset.code)), ['passport.required']);

    // The rules of attach.css apply (without it: a block <p>, no border, no custom properties).
    const style = await page.evaluate(() => {
      const issue = getComputedStyle(document.querySelector('.hv-issue--error'));
      const box = getComputedStyle(document.querySelector('.hv-messages'));
      return {
        box: box.display,
        issue: issue.display,
        borderWidth: issue.borderInlineStartWidth,
        borderStyle: issue.borderInlineStartStyle,
        radius: issue.borderTopLeftRadius,
        errorColour: getComputedStyle(document.documentElement).getPropertyValue('--hv-error').trim() !== '',
      };
    });
    assert.deepEqual(style, { box: 'grid', issue: 'flex', borderWidth: '4px', borderStyle: 'solid', radius: '6px', errorColour: true });

    // Fixed: the error goes, and the submit goes through.
    await page.locator('#pp').fill('TK1234567');
    await page.waitForFunction(() => document.getElementById('pp').getAttribute('aria-invalid') === null);
    await page.click('#send');
    await page.waitForFunction(() => document.getElementById('submits').textContent === '1');
    assert.equal(await page.locator('.hv-issue--error').count(), 0);

    // Only the app's own files were asked for; nothing failed on the console.
    const origin = new URL(server.url).origin;
    assert.deepEqual(log.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin), [], 'requests outside the app');
    assert.deepEqual(log.consoleErrors, [], 'console errors');
    assert.deepEqual(log.pageErrors, [], 'page errors');
    await context.close();
  });
});
