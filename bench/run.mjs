#!/usr/bin/env node
// The benchmark: our validator (Rust → wasm, js/index.js) against the same
// rules written in JS with valibot, zod 4 and ajv (bench/js-rules/), in one
// headless Chromium page, interleaved.
//
//   npm run bench            (= npm run build && node bench/run.mjs)
//   node bench/run.mjs [--quick] [--sections load,perChange,profile] [--rounds N] [--cold-runs N]
//
// Sections (each one `{ title, run(ctx) }` in SECTIONS; a batch-audit
// section slots in the same way once the audit API exists):
//   load       .wasm and glue sizes (pkg/size.json) beside the minified bundles
//              of the JS versions; cold start: median of 20 fresh page loads
//              per implementation (a new browser context each, round-robin)
//   perChange  validateField / validate on a realistic record, valid and with
//              three defects: µs per call (median and p99 of the per-batch
//              means), all implementations interleaved in the same page
//   profile    Chromium's CPU profiler (CDP Profiler.start/stop) on our
//              validate() with a names-preserving build of the same wasm:
//              where the time goes, by phase and by function
//
// Prints one table and writes bench/results.json (machine, versions, date,
// every number). Serving: scripts/serve.mjs on bench/ (the page is
// /page/bench.html; the built package is copied from www/lib/ to
// bench/page/lib/; the JS versions are bundled and minified with rolldown,
// the bundler of the repo's Vite, into bench/page/vendor/: plain ES modules,
// no bundler in the page, and their sizes are what a site would ship).
// The server adds COOP/COEP headers so that the page is cross-origin
// isolated and performance.now() has 5 µs resolution instead of 100 µs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { buildAjvStandalone } from './js-rules/build-ajv.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const PAGE = path.join(BENCH, 'page');
const VENDOR = path.join(PAGE, 'vendor');
const require = createRequire(import.meta.url);

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
const IMPLS = ['ours', 'valibot', 'zod', 'ajv'];
const LABEL = { ours: 'ours (wasm)', valibot: 'valibot', zod: 'zod 4', ajv: 'ajv*' };

// ------------------------------------------------------------------ arguments

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const QUICK = flag('--quick');
const ROUNDS = Number(value('--rounds', QUICK ? 40 : 200));
const COLD_RUNS = Number(value('--cold-runs', QUICK ? 5 : 20));
const log = (msg) => console.error(`[bench] ${msg}`);

// ------------------------------------------------------------------ helpers

function sizes(buf, text) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const median = (xs) => quantile([...xs].sort((a, b) => a - b), 0.5);

/** The installed version of a dev dependency (some packages do not export package.json). */
function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

// ------------------------------------------------------------------ preparing the page

/** The built package, copied beside the page (www/lib/ = js/ + pkg/, written by `npm run build`). */
function copyLib() {
  const src = path.join(ROOT, 'www', 'lib');
  if (!fs.existsSync(path.join(src, 'pkg', 'hersys_validator_bg.wasm'))) {
    throw new Error('www/lib/pkg/hersys_validator_bg.wasm missing: run `npm run build` first (npm run bench does)');
  }
  const dest = path.join(PAGE, 'lib');
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(src, dest, { recursive: true });
}

/** rolldown, the bundler of the repo's Vite (resolved from vite's own install). */
async function rolldown() {
  const vite = require.resolve('vite/package.json');
  const entry = createRequire(vite).resolve('rolldown');
  return import(pathToFileURL(entry).href);
}

/** bench/js-rules/{valibot,zod,ajv}.js → bench/page/vendor/*-rules.js, one minified ES module each. */
async function bundleRules() {
  buildAjvStandalone();
  const { build } = await rolldown();
  fs.rmSync(VENDOR, { recursive: true, force: true });
  const out = {};
  for (const name of ['valibot', 'zod', 'ajv']) {
    const file = path.join(VENDOR, `${name}-rules.js`);
    await build({
      input: path.join(BENCH, 'js-rules', `${name}.js`),
      platform: 'browser',
      logLevel: 'warn',
      output: { file, format: 'esm', minify: true },
    });
    out[name] = { file: path.relative(ROOT, file), ...sizes(fs.readFileSync(file), true) };
  }
  return out;
}

/**
 * bench/page/lib-prof/: the same build with the wasm function names kept, for
 * the profiler. cargo (in its own target dir, target/bench-profile/, so that
 * the repo's build is never disturbed), wasm-bindgen, then wasm-opt with the
 * flags of scripts/build.mjs; the stripped result must equal pkg/'s .wasm byte
 * for byte (so the profile is of the very code measured: the feature set that
 * reproduces it is found by trying the ones build.mjs uses), then the same
 * again with -g (names kept).
 */
function buildProfilingLib() {
  const cargoBin = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'bin');
  const targetDir = path.join(ROOT, 'target', 'bench-profile');
  const env = { ...process.env, PATH: `${cargoBin}${path.delimiter}${process.env.PATH}`, CARGO_TARGET_DIR: targetDir };
  const wasmOpt = path.join(ROOT, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  const flags = ['-Oz', '--strip-producers', '--strip-target-features'];
  const measured = fs.readFileSync(path.join(ROOT, 'pkg', 'hersys_validator_bg.wasm'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-prof-'));
  const exec = (cmd, argv) => {
    const r = spawnSync(cmd, argv, { cwd: ROOT, env, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
  };
  try {
    let found = null;
    for (const features of [['--no-default-features'], []]) {
      exec('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', ...features]);
      const raw = path.join(targetDir, 'wasm32-unknown-unknown', 'release', 'hersys_validator.wasm');
      exec('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', 'hersys_validator', raw]);
      const bg = path.join(tmp, 'hersys_validator_bg.wasm');
      exec(process.execPath, [wasmOpt, ...flags, '--strip-debug', bg, '-o', path.join(tmp, 'stripped.wasm')]);
      if (Buffer.compare(fs.readFileSync(path.join(tmp, 'stripped.wasm')), measured) === 0) {
        exec(process.execPath, [wasmOpt, ...flags, '-g', bg, '-o', path.join(tmp, 'named.wasm')]);
        found = features;
        break;
      }
    }
    if (!found) throw new Error('no cargo feature set rebuilds pkg/hersys_validator_bg.wasm byte for byte (is pkg/ stale? run npm run build)');
    const dest = path.join(PAGE, 'lib-prof');
    fs.rmSync(dest, { recursive: true, force: true });
    fs.cpSync(path.join(PAGE, 'lib'), dest, { recursive: true });
    fs.copyFileSync(path.join(tmp, 'hersys_validator.js'), path.join(dest, 'pkg', 'hersys_validator.js'));
    fs.copyFileSync(path.join(tmp, 'named.wasm'), path.join(dest, 'pkg', 'hersys_validator_bg.wasm'));
    return { sameCodeAsPkg: true, cargoFeatures: found.join(' ') || '(default)', namedWasmBytes: fs.statSync(path.join(dest, 'pkg', 'hersys_validator_bg.wasm')).size };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The JS files a module imports, transitively (relative static imports only). */
function importGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?['"](\.{1,2}\/[^'"]+\.js)['"]/g)) {
    importGraph(path.resolve(path.dirname(file), m[1]), seen);
  }
  return seen;
}

// ------------------------------------------------------------------ sections
//
// A section is `{ title, run(ctx) → result, rows?(result) → table rows, report?(result) → text }`.
// ctx = { browser, url (the server, root bench/), vendor (bundle sizes) }. Table rows have
// one cell per implementation (IMPLS: ours, valibot, zod, ajv) then the ratios ours/x;
// a row with one cell is a heading. The batch-audit section (part 2) adds itself to
// SECTIONS the same way: e.g. `batch: { run: audit N generated CSV rows in the page with
// ours (the audit API) and with papaparse + each JS version, rows: rows/s and ratios }`.

const us = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ms = (x) => x.toFixed(1);
const kb = (n) => `${(n / 1024).toFixed(1)}`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
/** The ratio cells ours/valibot, ours/zod, ours/ajv of a row. */
const ratios = (get) => ['valibot', 'zod', 'ajv'].map((other) => ratio(get('ours'), get(other)));

/** Sizes, and cold start in fresh contexts. */
const load = {
  title: 'Load',
  async run({ browser, url, vendor }) {
    const pkgSize = JSON.parse(fs.readFileSync(path.join(ROOT, 'pkg', 'size.json'), 'utf8'));
    // The JS of ours: index.js and what it imports (glue included).
    const graph = [...importGraph(path.join(PAGE, 'lib', 'index.js'))];
    const glueFile = path.join(PAGE, 'lib', 'pkg', 'hersys_validator.js');
    const wrapper = sizes(Buffer.concat(graph.filter((f) => f !== glueFile).map((f) => fs.readFileSync(f))), true);
    const shipped = {
      ours: {
        wasm: pkgSize.wasm,
        glue: pkgSize.glue,
        wrapper: { files: graph.filter((f) => f !== glueFile).map((f) => path.relative(PAGE, f)), ...wrapper },
        js: ['raw', 'gzip', 'brotli'].reduce((o, k) => ({ ...o, [k]: pkgSize.glue[k] + wrapper[k] }), {}),
        total: ['raw', 'gzip', 'brotli'].reduce((o, k) => ({ ...o, [k]: pkgSize.total[k] + wrapper[k] }), {}),
      },
      ...Object.fromEntries(Object.entries(vendor).map(([k, v]) => [k, { js: v, total: v }])),
    };
    const samples = Object.fromEntries(IMPLS.map((impl) => [impl, []]));
    for (let i = 0; i < COLD_RUNS; i++) {
      for (let j = 0; j < IMPLS.length; j++) {
        const impl = IMPLS[(i + j) % IMPLS.length];
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(`${url}page/cold.html?impl=${impl}`);
          await page.waitForFunction(() => window.__cold, null, { timeout: 30_000 });
          const result = await page.evaluate(() => window.__cold);
          if (result.error) throw new Error(`cold load of ${impl}: ${result.error}`);
          samples[impl].push(result);
        } finally {
          await context.close();
        }
      }
    }
    const cold = Object.fromEntries(
      IMPLS.map((impl) => {
        const s = samples[impl];
        const med = (k) => median(s.map((x) => x[k]));
        return [impl, { runs: s.length, import: med('import'), init: med('init'), first: med('first'), total: med('total'), ready: med('ready'), bytes: med('bytes') }];
      }),
    );
    return { shipped, cold, coldRuns: COLD_RUNS };
  },
  rows({ shipped, cold, coldRuns }) {
    const sz = (s) => `${kb(s.raw)} / ${kb(s.gzip)} / ${kb(s.brotli)}`;
    return [
      [`LOAD (KiB raw / gzip / brotli; ms: medians of ${coldRuns} fresh contexts per implementation, round-robin)`],
      ['.wasm', sz(shipped.ours.wasm), '', '', '', '', '', ''],
      ['JS (glue + wrapper | minified bundle)', ...IMPLS.map((i) => sz(shipped[i].js)), '', '', ''],
      ['total shipped, brotli', ...IMPLS.map((i) => kb(shipped[i].total.brotli)), ...ratios((i) => shipped[i].total.brotli)],
      ['import (ms)', ...IMPLS.map((i) => ms(cold[i].import)), ...ratios((i) => cold[i].import)],
      ['init() | createValidator() (ms)', ...IMPLS.map((i) => ms(cold[i].init)), ...ratios((i) => cold[i].init)],
      ['first validate (ms)', ...IMPLS.map((i) => ms(cold[i].first)), ...ratios((i) => cold[i].first)],
      ['import → first result (ms)', ...IMPLS.map((i) => ms(cold[i].total)), ...ratios((i) => cold[i].total)],
    ];
  },
};

/** Per change: interleaved in one page. */
const perChange = {
  title: 'Per change',
  async run({ browser, url }) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.on('pageerror', (e) => log(`page error: ${e.message}`));
      await page.goto(`${url}page/bench.html`);
      await page.waitForFunction(() => window.bench, null, { timeout: 30_000 });
      await page.evaluate(() => window.bench.ready);
      log(`per change: ${ROUNDS} interleaved rounds…`);
      return await page.evaluate((config) => window.bench.perChange(config), { rounds: ROUNDS, batchMs: 2, warmupMs: QUICK ? 50 : 150 });
    } finally {
      await context.close();
    }
  },
  rows(pc) {
    return [
      [`PER CHANGE (µs per call: median / p99 of ${pc.rounds} interleaved batches of ~${pc.batchMs} ms each; ratios of the medians)`],
      ...pc.results.map((r) => [r.id, ...IMPLS.map((i) => `${us(r.impls[i].median)} / ${us(r.impls[i].p99)}`), ...ratios((i) => r.impls[i].median)]),
    ];
  },
};

/**
 * Where our time goes, from Chromium's sampling profile of the names-kept
 * build. Two breakdowns of the samples inside the exported function (the
 * wasm-bindgen shim `validate externref shim` / `validateField …`):
 * - byStep: the function directly below the shim (what Rust's validate_js /
 *   validate_field_js calls; code LTO inlined into it shows up as the JS
 *   imports it calls directly: that is record_to_js and issue_to_js);
 * - byKind: what runs at the leaf: wasm code, string conversion across the
 *   boundary (TextEncoder.encodeInto for JS→wasm, TextDecoder.decode for
 *   wasm→JS), other JS imports (Reflect.get/set, Object.keys, new Object, …),
 *   or the JS wrapper (index.js and the glue before the wasm call).
 */
const STEPS = [
  [/binding::read_record/, 'read_record: the JS object → Record (Object.keys, Reflect.get per key, each string copied JS→wasm, UTF-16 check)'],
  [/binding::read_options/, 'read_options: the options object → Options (new Date(), today parsed, default vocabularies built)'],
  [/hersys_validator::validate::(validate|validate_field)::|hersys_validator::rules::/, 'the rules: Context::new (dates parsed) + every rule'],
  [/binding::issues?_to_js/, 'issues_to_js: issue objects and their messages'],
  [/binding::set::/, 'binding::set (not inlined): Reflect.set with a key string copied wasm→JS'],
  [/drop_in_place/, 'dropping the Rust values (Record, Options, Vocabulary)'],
  [/apply_fixes/, 'apply_fixes: the normalized record'],
];
const IMPORT_STEPS = [
  [/^getStringFromWasm0$/, 'inlined result building (record_to_js, issue_to_js): strings wasm→JS (keys and values)'],
  [/__wbg_set_/, 'inlined result building: Reflect.set'],
  [/__wbg_new_/, 'inlined result building: new Object / new Array'],
];
const describeStep = (fn, rest) => {
  if (/^wasm-to-js/.test(fn)) {
    const hit = IMPORT_STEPS.find(([re]) => rest.some((x) => re.test(x)));
    return hit ? hit[1] : `other JS import called inline: ${rest.find((x) => x.startsWith('__wbg')) ?? rest[0] ?? '?'}`;
  }
  const hit = STEPS.find(([re]) => re.test(fn));
  return hit ? hit[1] : fn.replace(/::h[0-9a-f]{16}$/, '');
};

/** Known callees inside a step, in words. */
const DETAILS = [
  [(f, rest) => /binding::read_string/.test(f), 'read_string: each value copied JS→wasm (string_get → encodeInto) and checked for lone surrogates (one charCodeAt import call per UTF-16 unit)'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.includes('getStringFromWasm0'), 'JsValue::from_str: a JS string decoded from wasm memory (in read_record: each key, copied back for Reflect.get)'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.some((x) => /string_get/.test(x)), 'each key of Object.keys copied JS→wasm (key.as_string())'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.some((x) => /^__wbg_get_/.test(x)), 'Reflect.get'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.some((x) => /^__wbg_keys_/.test(x)), 'Object.keys'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.some((x) => /^__wbg_set_/.test(x)), 'Reflect.set'],
  [(f) => /^wasm-to-js/.test(f), 'other JS imports (JsString length, …)'],
  [(f) => /alloc[^:]*::fmt::format/.test(f), 'format!(…) (in read_record: the label "record.{key}" for an error message, built for every key on the success path too; in date::parse: canonical() to compare)'],
  [(f) => /FieldKey::from_key/.test(f), 'FieldKey::from_key: linear search of the 23 keys'],
  [(f) => /date::parse/.test(f), 'date::parse'],
  [(f) => /Vocabulary as core::default::Default/.test(f), 'Vocabulary::default(): 8 lists of Strings allocated per call'],
  [(f) => /drop_in_place/.test(f), 'dropping Rust values'],
];
const describeDetail = (f, rest) => (DETAILS.find(([test]) => test(f, rest))?.[1] ?? f.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, ''));

function analyseProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fname = (n) => n.callFrame.functionName || `(anonymous ${path.basename(n.callFrame.url || '') || 'native'})`;
  const isWasm = (n) => /\.wasm$/.test(n.callFrame.url) || /::|externref shim|^<.* as /.test(fn(n));
  const fn = fname;
  const steps = new Map();
  const kinds = new Map();
  const selfTime = new Map();
  const details = new Map();
  const add = (map, key, dt) => map.set(key, (map.get(key) ?? 0) + dt);
  let inside = 0;
  let total = 0;
  let gc = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    total += dt;
    const leaf = byId.get(profile.samples[i]);
    if (/garbage collector/.test(fn(leaf))) gc += dt;
    const stack = [];
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) stack.push(byId.get(id));
    stack.reverse(); // root → leaf
    // Entry: the first frame of ours (index.js, the glue, the js-to-wasm stub or
    // the shim: V8 may inline the JS frames away).
    const wrapper = stack.findIndex(
      (n) =>
        (/^(validate|validateField)$/.test(n.callFrame.functionName) && /\/lib-prof\//.test(n.callFrame.url)) ||
        /^js-to-wasm|^(validate|validateField) externref shim/.test(fn(n)),
    );
    if (wrapper < 0) continue;
    inside += dt;
    const shim = stack.findIndex((n) => /^(validate|validateField) externref shim/.test(fn(n)));
    add(selfTime, `${fn(leaf).replace(/::h[0-9a-f]{16}$/, '')} [${isWasm(leaf) ? 'wasm' : 'js'}]`, dt);
    const names = stack.map(fn);
    let kind;
    if (shim < 0) kind = 'JS wrapper (index.js, glue) outside the wasm call';
    else if (names.slice(shim).some((x) => x === 'passStringToWasm0')) kind = 'strings JS→wasm (passStringToWasm0: TextEncoder.encodeInto, malloc)';
    else if (names.slice(shim).some((x) => x === 'getStringFromWasm0')) kind = 'strings wasm→JS (getStringFromWasm0: TextDecoder.decode)';
    else if (names.slice(shim).some((x) => /^wasm-to-js/.test(x))) kind = 'other JS imports (Reflect.get/set, Object.keys, new Object/Array/Date, charCodeAt…)';
    else kind = 'wasm code (binding + rules + allocator)';
    add(kinds, kind, dt);
    if (shim >= 0) {
      const below = stack[shim + 1];
      const step = below ? describeStep(fn(below), names.slice(shim + 2)) : 'the exported function itself (inlined code)';
      add(steps, step, dt);
      if (below && !/^wasm-to-js/.test(fn(below))) {
        const child = stack[shim + 2];
        const detail = child ? describeDetail(fn(child), names.slice(shim + 3)) : `${fn(below).replace(/::h[0-9a-f]{16}$/, '')} itself`;
        if (!details.has(step)) details.set(step, new Map());
        add(details.get(step), detail, dt);
      }
    }
  }
  const pct = (t) => Math.round((1000 * t) / inside) / 10;
  const list = (map, n = Infinity) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([what, t]) => ({ what, percent: pct(t) }));
  return {
    sampledMs: total / 1000,
    insideMs: inside / 1000,
    gcPercentOfAll: Math.round((1000 * gc) / total) / 10,
    byStep: list(steps).map((r) => ({ ...r, detail: details.has(r.what) ? list(details.get(r.what), 8) : [] })),
    byKind: list(kinds),
    topSelf: list(selfTime, 25),
  };
}

const profile = {
  title: 'Profile',
  async run({ browser, url }) {
    let build;
    try {
      build = buildProfilingLib();
    } catch (error) {
      log(`profile skipped: ${error.message}`);
      return { skipped: error.message };
    }
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${url}page/bench.html?lib=lib-prof`);
      await page.waitForFunction(() => window.bench, null, { timeout: 30_000 });
      await page.evaluate(() => window.bench.ready);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      const out = { build, cases: {} };
      for (const caseId of ['validate valid', 'validateField(diagnosisDate) valid', 'validate defective']) {
        await page.evaluate((c) => window.bench.loop({ impl: 'ours', caseId: c, ms: 300 }), caseId); // warm
        await cdp.send('Profiler.start');
        const speed = await page.evaluate(([c, t]) => window.bench.loop({ impl: 'ours', caseId: c, ms: t }), [caseId, PROFILE_MS]);
        const { profile: p } = await cdp.send('Profiler.stop');
        const file = path.join(BENCH, `profile-${caseId.replace(/[^a-zA-Z]+/g, '-')}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(p));
        out.cases[caseId] = { usPerCallUnderProfiler: speed.usPerCall, file: path.relative(ROOT, file), ...analyseProfile(p) };
      }
      return out;
    } finally {
      await context.close();
    }
  },
};
const PROFILE_MS = QUICK ? 1000 : 3000;

const SECTIONS = { load, perChange, profile: { ...profile, report: (r) => profileSummary(r) } };

// ------------------------------------------------------------------ the table


function table(results) {
  const head = ['', ...IMPLS.map((i) => LABEL[i]), 'ours/valibot', 'ours/zod', 'ours/ajv'];
  const rows = Object.entries(SECTIONS).flatMap(([name, section]) => (results[name] && section.rows ? section.rows(results[name]) : []));
  const widths = head.map((_, c) => Math.max(...[head, ...rows.filter((r) => r.length > 1)].map((r) => String(r[c] ?? '').length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) out.push(r.length === 1 ? `— ${r[0]}` : line(r));
  return out.join('\n');
}

function profileSummary(prof) {
  if (!prof || prof.skipped) return prof ? `profile skipped: ${prof.skipped}` : '';
  const out = [`\nPROFILES of ours (Chromium CPU profiler, 50 µs sampling, names-kept build; same code as pkg/: ${prof.build.sameCodeAsPkg})`];
  const row = ({ what, percent }) => `  ${percent.toFixed(1).padStart(5)} %  ${what.length > 120 ? what.slice(0, 117) + '…' : what}`;
  for (const [caseId, p] of Object.entries(prof.cases)) {
    out.push(`\n${caseId}: ${us(p.usPerCallUnderProfiler)} µs/call under the profiler, ${p.insideMs.toFixed(0)} ms sampled inside it; GC ${p.gcPercentOfAll} % of all samples (${p.file})`);
    out.push(' by step:');
    for (const r of p.byStep.filter((r) => r.percent >= 1)) {
      out.push(row(r));
      if (r.percent >= 10) for (const d of r.detail.filter((d) => d.percent >= 1.5)) out.push(`         ${row(d)}`);
    }
    out.push(' by kind of work:');
    for (const r of p.byKind) out.push(row(r));
    out.push(' top self time:');
    for (const r of p.topSelf.slice(0, 8)) out.push(row(r));
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ main

/** Headless Chromium; a launch that crashes at start (seen once here, SIGSEGV) is retried. */
async function launch() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({ executablePath: CHROME, headless: true, args: CHROME_ARGS });
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`chromium did not start (${error.message.split('\n')[0]}); retrying`);
    }
  }
}

async function main() {
  const only = value('--sections', 'load,perChange,profile').split(',');
  for (const s of only) if (!SECTIONS[s]) throw new Error(`unknown section ${s}; known: ${Object.keys(SECTIONS).join(', ')}`);

  copyLib();
  const vendor = await bundleRules();
  log('page ready: lib/ copied from www/lib/, vendor/ bundled');

  const server = await startServer({ root: BENCH, port: 0 });
  // Cross-origin isolation (5 µs timers): headers merged into every answer of serve.mjs.
  server.server.prependListener('request', (_req, res) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  });
  const browser = await launch();
  const results = {};
  const loadBefore = os.loadavg();
  try {
    for (const name of only) {
      log(`section ${name}…`);
      results[name] = await SECTIONS[name].run({ browser, url: server.url, vendor });
    }
  } finally {
    const chromiumVersion = browser.version();
    await browser.close();
    await server.close();
    results.machine = {
      date: new Date().toISOString(),
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      // 1-minute load average before and after: others' work on a shared machine shows here (and in the p99s).
      loadAverage1m: { before: loadBefore[0], after: os.loadavg()[0] },
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      chromium: chromiumVersion,
      playwrightCore: packageVersion('playwright-core'),
      valibot: packageVersion('valibot'),
      zod: packageVersion('zod'),
      ajv: packageVersion('ajv'),
    };
  }
  const m = results.machine;
  const pc = results.perChange;
  console.log(`\nhersys-validator benchmark — ${m.date}\n${m.cpu} (${m.cores} cores, load ${m.loadAverage1m.before.toFixed(2)} → ${m.loadAverage1m.after.toFixed(2)}), ${m.platform}; Node ${m.node}; Chromium ${m.chromium}; valibot ${m.valibot}, zod ${m.zod}, ajv ${m.ajv}` +
    (pc ? `\ncrossOriginIsolated: ${pc.crossOriginIsolated}, timer resolution ${pc.timerResolutionUs.toFixed(1)} µs` : '') + '\n');
  console.log(table(results));
  console.log('\n* ajv: only the codes JSON Schema can express (18 of 29: no calendar, no date arithmetic, no 28-day window); see bench/js-rules/ajv-schema.js.');
  console.log('  ours returns more per call: messages (ja), fixes and the normalized record; the JS versions return { code, field, related }.');
  for (const [name, section] of Object.entries(SECTIONS)) if (results[name] && section.report) console.log(section.report(results[name]));
  const file = path.join(BENCH, 'results.json');
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(`[bench] ERROR: ${error.stack ?? error.message}`);
  process.exit(1);
});
