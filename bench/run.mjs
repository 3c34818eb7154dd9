#!/usr/bin/env node
// The benchmark: our validator (Rust → wasm, js/index.js) against the same
// rules written in JS with valibot, zod 4 and ajv (bench/js-rules/), in one
// headless Chromium page, interleaved.
//
//   npm run bench            (= npm run build && node bench/run.mjs)
//   node bench/run.mjs [--quick] [--sections load,perChange,profile,batch,memory] [--rounds N] [--cold-runs N]
//                      [--batch-rows 10000,100000,1000000] [--batch-rounds N] [--batch-profile] [--batch-worker] [--batch-o3]
//
// Sections (each one `{ title, run(ctx) }` in SECTIONS; all by default):
//   load       .wasm and glue sizes (pkg/size.json) beside the minified bundles
//              of the JS versions; cold start: median of 20 fresh page loads
//              per implementation (a new browser context each, round-robin)
//   perChange  validateField / validate on a realistic record, valid and with
//              three defects: µs per call (median and p99 of the per-batch
//              means), all implementations interleaved in the same page
//   profile    Chromium's CPU profiler (CDP Profiler.start/stop) on our
//              validate() with a names-preserving build of the same wasm:
//              where the time goes, by phase and by function
//   batch      the audit of generated case files (10k, 100k, 1M rows; --quick:
//              10k and 100k) in UTF-8 and Shift_JIS: ours (auditStream on a
//              File, in page/batch.html), the JS pipeline (js-rules/pipeline.js:
//              TextDecoder + papaparse + the valibot rules), alternating in the
//              same page, and the native build (examples/audit_native.rs):
//              rows/s, MB/s, ratios against the targets (≥ 2× the JS pipeline,
//              ≥ 0.8× native opt 3), and the same on 1, 2 and
//              navigator.hardwareConcurrency Web Workers (auditFile: 2 ≥ 1.6× 1 on the
//              1M files); the three must agree on the counts (asserted on
//              the 10k files); a CPU profile (Chromium + perf) when a target
//              is missed or with --batch-profile
//   memory     peak JS heap (CDP Runtime.getHeapUsage / Performance.getMetrics,
//              performance.memory) and wasm memory during one audit of the
//              100k and 1M files (--quick: 10k, 100k), ours and the JS
//              pipeline, each in a fresh page
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
import crypto from 'node:crypto';
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
  // Ours the same way, for the size only (the page loads lib/ as published):
  // lib/index.js with the glue and the wrapper modules, minified as a
  // site's bundler would; the .wasm stays a file of its own.
  const oursFile = path.join(VENDOR, 'ours-minified.js');
  await build({
    input: path.join(PAGE, 'lib', 'index.js'),
    platform: 'browser',
    logLevel: 'warn',
    output: { file: oursFile, format: 'esm', minify: true },
  });
  out.oursMinified = { file: path.relative(ROOT, oursFile), ...sizes(fs.readFileSync(oursFile), true) };
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
// a row with one cell is a heading. Sections whose columns differ (batch, memory) print
// their own table from report().

const us = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ms = (x) => x.toFixed(1);
const kb = (n) => `${(n / 1024).toFixed(1)}`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
/** The ratio cells ours/valibot, ours/zod, ours/ajv of a row. */
const ratios = (get) => ['valibot', 'zod', 'ajv'].map((other) => ratio(get('ours'), get(other)));

/**
 * One cold page per implementation, page/cold-<impl>.html (gitignored, made
 * each run): the page's <head> preloads every module of the implementation's
 * import graph (modulepreload: no waterfall of imports), and for ours also
 * the .wasm (preload as fetch, which js/loader.js's fetch() then reuses and
 * compiles streaming), as www/*.html do. Every implementation gets the same
 * treatment.
 */
function writeColdPages() {
  const graphs = {
    ours: [...importGraph(path.join(PAGE, 'lib', 'index.js'))],
    ...Object.fromEntries(['valibot', 'zod', 'ajv'].map((name) => [name, [...importGraph(path.join(VENDOR, `${name}-rules.js`))]])),
  };
  const pages = {};
  for (const impl of IMPLS) {
    const modules = [path.join(PAGE, 'cold.js'), path.join(BENCH, 'records.js'), ...graphs[impl]];
    const href = (file) => path.relative(PAGE, file).split(path.sep).join('/');
    const links = modules.map((file) => `<link rel="modulepreload" href="${href(file).startsWith('.') ? href(file) : `./${href(file)}`}">`);
    if (impl === 'ours') links.push('<link rel="preload" href="./lib/pkg/hersys_validator_bg.wasm" as="fetch" type="application/wasm" crossorigin>');
    const file = path.join(PAGE, `cold-${impl}.html`);
    fs.writeFileSync(
      file,
      `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>hersys-validator cold load: ${impl}</title>\n<link rel="icon" href="data:,">\n${links.join('\n')}\n<script type="module" src="./cold.js"></script>\n</head>\n<body></body>\n</html>\n`,
    );
    pages[impl] = path.basename(file);
  }
  return pages;
}

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
      ...Object.fromEntries(Object.entries(vendor).filter(([k]) => IMPLS.includes(k)).map(([k, v]) => [k, { js: v, total: v }])),
    };
    shipped.ours.minified = {
      js: vendor.oursMinified,
      total: ['raw', 'gzip', 'brotli'].reduce((o, k) => ({ ...o, [k]: pkgSize.wasm[k] + vendor.oursMinified[k] }), {}),
    };
    const samples = Object.fromEntries(IMPLS.map((impl) => [impl, []]));
    const pages = writeColdPages();
    for (let i = 0; i < COLD_RUNS; i++) {
      for (let j = 0; j < IMPLS.length; j++) {
        const impl = IMPLS[(i + j) % IMPLS.length];
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(`${url}page/${pages[impl]}?impl=${impl}`);
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
        const p99 = (k) => quantile([...s.map((x) => x[k])].sort((a, b) => a - b), 0.99);
        return [impl, { runs: s.length, import: med('import'), init: med('init'), first: med('first'), total: med('total'), ready: med('ready'), bytes: med('bytes'), p99: { init: p99('init'), total: p99('total') } }];
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
      ['JS minified (glue + wrapper bundled by rolldown, as the others)', sz(shipped.ours.minified.js), '', '', '', '', '', ''],
      ['total shipped, brotli, JS minified', ...IMPLS.map((i) => kb((i === 'ours' ? shipped.ours.minified : shipped[i]).total.brotli)), ...ratios((i) => (i === 'ours' ? shipped.ours.minified : shipped[i]).total.brotli)],
      ['import (ms)', ...IMPLS.map((i) => ms(cold[i].import)), ...ratios((i) => cold[i].import)],
      ['init() | createValidator() (ms)', ...IMPLS.map((i) => ms(cold[i].init)), ...ratios((i) => cold[i].init)],
      ['first validate (ms)', ...IMPLS.map((i) => ms(cold[i].first)), ...ratios((i) => cold[i].first)],
      ['import → first result (ms)', ...IMPLS.map((i) => ms(cold[i].total)), ...ratios((i) => cold[i].total)],
      ['navigation → first result (ms)', ...IMPLS.map((i) => ms(cold[i].ready)), ...ratios((i) => cold[i].ready)],
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
 * build. Samples inside our entry point (validate / validateField of
 * js/index.js or js/wire.js) are split two ways:
 * - byStep: below the wasm export `wireValidate`, the function it calls
 *   (wire::decode, the rules, wire::encode, drops); outside it, the JS
 *   function of the wrapper (js/wire.js: reading the record and options,
 *   writing UTF-16 into wasm memory, decoding the answer into objects);
 * - byKind: JS wrapper outside the wasm call, wasm code, or JS imports called
 *   from wasm (none on this path: the wire takes only numbers).
 */
const STEPS = [
  [/wire::decode/, 'wire::decode: the UTF-16 buffer → Record and Options'],
  [/hersys_validator::validate::(validate|validate_field)|hersys_validator::rules::/, 'the rules: Context::new (dates parsed) + every rule'],
  [/wire::encode/, 'wire::encode: the issues → words and fix texts'],
  [/drop_in_place/, 'dropping the Rust values (Record, Options, issues)'],
];
const IMPORT_STEPS = [];
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
        /^js-to-wasm|^wireValidate/.test(fn(n)),
    );
    if (wrapper < 0) continue;
    inside += dt;
    const shim = stack.findIndex((n) => /^wireValidate/.test(fn(n)));
    add(selfTime, `${fn(leaf).replace(/::h[0-9a-f]{16}$/, '')} [${isWasm(leaf) ? 'wasm' : 'js'}]`, dt);
    const names = stack.map(fn);
    let kind;
    if (shim < 0) kind = 'JS wrapper outside the wasm call (js/wire.js, js/index.js, the glue)';
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
    } else {
      add(steps, `JS wrapper: ${fn(leaf)}${isWasm(leaf) ? '' : ` (${path.basename(leaf.callFrame.url || '') || 'native'})`}`, dt);
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

// ------------------------------------------------------------------ batch audit and memory
//
// Generated case files (src/bin/gen_cases.rs: SYNTHETIC rows, 10 % of them
// with one planted defect, CR LF, quoted cells with commas, quotes and line
// breaks, rows with a column too many or too few) of 10k, 100k and 1M rows in
// UTF-8 and Shift_JIS, audited by
//   ours      auditStream(file) of the audit module (js/audit.js), on the
//             main thread of page/batch.html;
//   pipeline  the JS pipeline of js-rules/pipeline.js (1 MiB slices →
//             streaming TextDecoder → papaparse → header map by Japanese
//             label → the valibot rules), on the same page, the two
//             alternating run by run;
//   native    the same Rust audit compiled for this machine
//             (examples/audit_native.rs, release profile), the limit.
// The file reaches the page through setInputFiles on <input type=file>: a
// real, disk-backed File. Both get the encoding (no detection) and the same
// validation day. Before every timed run the page's heap is collected (CDP
// HeapProfiler.collectGarbage).

const BATCH_TODAY = '2024-03-31'; // gen_cases: clean rows are clean for any day in 2023-01-31..2030-05-31
const BATCH_SEED = 42;
const BATCH_DEFECTS = 0.1;
const BATCH_ENCODINGS = ['utf-8', 'shift_jis'];
const BATCH_SIZES = (QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]).filter(
  (n) => !value('--batch-rows', '') || value('--batch-rows', '').split(',').map(Number).includes(n),
);
/** Timed runs per implementation and file (each implementation alternately first). */
const BATCH_ROUNDS = (rows) => Number(value('--batch-rounds', 0)) || (rows <= 10_000 ? (QUICK ? 3 : 7) : rows <= 100_000 ? (QUICK ? 2 : 5) : 3);
const NATIVE_RUNS = (rows) => (rows <= 100_000 ? 5 : 3);
// workers1/2/N: auditFile() on 1, 2 and navigator.hardwareConcurrency Web Workers (N only when
// it is more than 2; issue 13.4). --batch-no-workers leaves them out.
const WORKER_IMPLS = flag('--batch-no-workers') ? [] : ['workers1', 'workers2'];
const BATCH_IMPLS = ['ours', 'pipeline', ...WORKER_IMPLS, ...(flag('--batch-worker') ? ['worker'] : []), ...(flag('--batch-o3') ? ['oursO3'] : [])];
const BATCH_LABEL = { workers1: '1 worker', workers2: '2 workers', workersN: 'N workers', ours: 'ours (wasm, main thread)', pipeline: 'JS pipeline', worker: 'ours in a Worker (auditFile)', oursO3: 'ours rebuilt at opt 3 (now the default build)', native: 'native (release profile: opt z)', nativeO3: 'native opt 3 (the limit)' };
// vsNative: issue 13.5 (single thread, same opt level); twoWorkers: issue 13.4, on the 1M-row files.
const TARGET = { vsPipeline: 2, vsNative: 0.8, twoWorkers: 1.6, twoWorkersRows: 1_000_000 };
const DATA_DIR = path.join(ROOT, 'target', 'bench-data');
const MiB = 1024 * 1024;

function cargoEnv(extra = {}) {
  const cargoBin = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'bin');
  return { ...process.env, PATH: `${cargoBin}${path.delimiter}${process.env.PATH}`, ...extra };
}

/**
 * target/release/gen_cases and target/release/examples/audit_native with the
 * repo's release profile (opt-level "z", LTO: the profile the wasm module is
 * built with), and the same example at opt-level 3 in target/bench-native-o3/
 * (what the machine can do when size does not matter). cargo skips what is
 * up to date.
 */
function buildNativeTools() {
  const build = (argv, env) => {
    const r = spawnSync('cargo', ['build', '--release', ...argv], { cwd: ROOT, env, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`cargo build --release ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
  };
  build(['--bin', 'gen_cases', '--example', 'audit_native'], cargoEnv());
  const o3 = path.join(ROOT, 'target', 'bench-native-o3');
  build(['--example', 'audit_native'], cargoEnv({ CARGO_TARGET_DIR: o3, CARGO_PROFILE_RELEASE_OPT_LEVEL: '3' }));
  const release = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR, 'release') : path.join(ROOT, 'target', 'release');
  return {
    genCases: path.join(release, 'gen_cases'),
    native: path.join(release, 'examples', 'audit_native'),
    nativeO3: path.join(o3, 'release', 'examples', 'audit_native'),
  };
}

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * target/bench-data/cases-<rows>-<encoding>-seed<S>-defects<P>.csv, generated
 * once: reused while its .json beside it names the same parameters, the same
 * generator binary (sha256) and the file's size.
 */
function caseFile(tools, rows, encoding) {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const base = path.join(DATA_DIR, `cases-${rows}-${encoding}-seed${BATCH_SEED}-defects${BATCH_DEFECTS}`);
  const csv = `${base}.csv`;
  const metaFile = `${base}.json`;
  const want = { rows, encoding, seed: BATCH_SEED, defects: BATCH_DEFECTS, generator: sha256(tools.genCases) };
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    if (Object.entries(want).every(([k, v]) => meta[k] === v) && fs.statSync(csv).size === meta.bytes) return { csv, ...meta, reused: true };
  } catch {
    // missing or stale: generate
  }
  const t0 = performance.now();
  const r = spawnSync(tools.genCases, ['--rows', String(rows), '--encoding', encoding, '--seed', String(BATCH_SEED), '--defects', String(BATCH_DEFECTS), '--out', csv], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`gen_cases failed: ${r.error?.message ?? r.stderr}`);
  const meta = { ...want, bytes: fs.statSync(csv).size, planted: r.stderr.trim() };
  fs.writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  log(`generated ${path.relative(ROOT, csv)}: ${(meta.bytes / MiB).toFixed(1)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { csv, ...meta, reused: false };
}

function runNative(bin, file, encoding) {
  const r = spawnSync(bin, [file, '--encoding', encoding, '--today', BATCH_TODAY, '--json'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`audit_native failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Headless Chromium for the batch sections: precise performance.memory. */
function launchBatchBrowser() {
  return launch(['--enable-precise-memory-info']);
}

async function openBatchPage(browser, url, lib = 'lib') {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(`${url}page/batch.html${lib === 'lib' ? '' : `?lib=${lib}`}`);
  await page.waitForFunction(() => window.batch, null, { timeout: 30_000 });
  await page.evaluate(() => window.batch.ready);
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/** rows, rowsWithErrors, rowsWithWarnings, blankRows and the counts of `codes` (absent = 0). */
function comparable(summary, codes) {
  return {
    rows: summary.rows,
    rowsWithErrors: summary.rowsWithErrors,
    rowsWithWarnings: summary.rowsWithWarnings,
    blankRows: summary.blankRows,
    counts: Object.fromEntries(codes.map((code) => [code, summary.counts[code] ?? 0])),
  };
}

/** The differences between the summaries of (a), (b) and (c) on the codes the JS pipeline implements. */
function disagreements(summaries, codes) {
  const [first, ...rest] = Object.entries(summaries).map(([name, s]) => [name, comparable(s, codes)]);
  const out = [];
  for (const [name, s] of rest) {
    for (const key of ['rows', 'rowsWithErrors', 'rowsWithWarnings', 'blankRows']) {
      if (s[key] !== first[1][key]) out.push(`${key}: ${first[0]} ${first[1][key]}, ${name} ${s[key]}`);
    }
    for (const code of codes) {
      if (s.counts[code] !== first[1].counts[code]) out.push(`${code}: ${first[0]} ${first[1].counts[code]}, ${name} ${s.counts[code]}`);
    }
  }
  return out;
}

function timing(bytes, rows, msList) {
  const medianMs = median(msList);
  return {
    runsMs: msList.map((x) => Math.round(x * 10) / 10),
    medianMs,
    minMs: Math.min(...msList),
    maxMs: Math.max(...msList),
    rowsPerSecond: rows / (medianMs / 1000),
    mbPerSecond: bytes / 1e6 / (medianMs / 1000),
  };
}

/**
 * --batch-o3, an experiment: page/vendor/lib-o3/, the package with its audit
 * module built at opt-level 3 (cargo, in target/bench-o3/) and wasm-opt -O3
 * instead of "z" and -Oz: how much speed the size-optimised profile costs.
 */
function buildAuditO3() {
  const targetDir = path.join(ROOT, 'target', 'bench-o3');
  const env = cargoEnv({ CARGO_TARGET_DIR: targetDir, CARGO_PROFILE_RELEASE_OPT_LEVEL: '3' });
  const name = 'hersys_validator_audit';
  const dest = path.join(VENDOR, 'lib-o3');
  const exec = (cmd, argv) => {
    const r = spawnSync(cmd, argv, { cwd: ROOT, env, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
  };
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(path.join(PAGE, 'lib'), dest, { recursive: true });
  exec('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--features', 'audit']);
  const raw = path.join(targetDir, 'wasm32-unknown-unknown', 'release', 'hersys_validator.wasm');
  exec('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', path.join(dest, 'pkg'), '--out-name', name, raw]);
  const wasm = path.join(dest, 'pkg', `${name}_bg.wasm`);
  exec(process.execPath, [path.join(ROOT, 'node_modules', 'binaryen', 'bin', 'wasm-opt'), '-O3', '--strip-debug', '--strip-producers', '--strip-target-features', wasm, '-o', wasm]);
  return { wasm: sizes(fs.readFileSync(wasm), false), measuredWasm: sizes(fs.readFileSync(path.join(ROOT, 'pkg', `${name}_bg.wasm`)), false) };
}

/** vendor/pipeline.js: the JS pipeline (papaparse + valibot rules) as one minified ES module. */
async function bundlePipeline() {
  const { build } = await rolldown();
  const file = path.join(VENDOR, 'pipeline.js');
  await build({
    input: path.join(BENCH, 'js-rules', 'pipeline.js'),
    platform: 'browser',
    logLevel: 'warn',
    output: { file, format: 'esm', minify: true },
  });
  return { file: path.relative(ROOT, file), ...sizes(fs.readFileSync(file), true) };
}

const batch = {
  title: 'Batch audit',
  async run({ url }) {
    const tools = buildNativeTools();
    const bundle = await bundlePipeline();
    const files = [];
    for (const rows of BATCH_SIZES) for (const encoding of BATCH_ENCODINGS) files.push(caseFile(tools, rows, encoding));
    const o3 = BATCH_IMPLS.includes('oursO3') ? buildAuditO3() : undefined;
    const browser = await launchBatchBrowser();
    const out = { today: BATCH_TODAY, seed: BATCH_SEED, defects: BATCH_DEFECTS, chunkBytes: MiB, impls: BATCH_IMPLS, pipelineBundle: bundle, o3, targets: TARGET, files: [] };
    try {
      const { context, page, cdp } = await openBatchPage(browser, url);
      out.hardwareConcurrency = await page.evaluate(() => window.batch.hardwareConcurrency);
      if (WORKER_IMPLS.length > 0 && out.hardwareConcurrency > 2) BATCH_IMPLS.splice(BATCH_IMPLS.indexOf('workers2') + 1, 0, 'workersN');
      // --batch-o3: a second page, with the opt-level 3 audit module.
      const second = o3 ? await openBatchPage(browser, url, 'lib-o3') : null;
      try {
        const codes = await page.evaluate(() => window.batch.pipelineCodes);
        out.pipelineCodes = codes;
        out.crossOriginIsolated = await page.evaluate(() => window.batch.crossOriginIsolated);
        const once = async (impl, encoding) => {
          const [p, c, name] = impl === 'oursO3' ? [second.page, second.cdp, 'ours'] : [page, cdp, impl];
          await c.send('HeapProfiler.collectGarbage');
          return p.evaluate((a) => window.batch.run(a), { impl: name, encoding, today: BATCH_TODAY });
        };
        const choose = async (file) => {
          await page.setInputFiles('#file', file);
          if (second) await second.page.setInputFiles('#file', file);
        };
        // Warm-up: every implementation once on the smallest file of each encoding, not timed.
        for (const encoding of BATCH_ENCODINGS) {
          const small = files.find((f) => f.encoding === encoding);
          await choose(small.csv);
          for (const impl of BATCH_IMPLS) await once(impl, encoding);
        }
        for (const f of files) {
          const rounds = BATCH_ROUNDS(f.rows);
          log(`batch: ${f.rows} rows ${f.encoding} (${(f.bytes / MiB).toFixed(1)} MiB), ${rounds} rounds of ${BATCH_IMPLS.join(' / ')}, then native…`);
          await choose(f.csv);
          const ms = Object.fromEntries(BATCH_IMPLS.map((i) => [i, []]));
          const first = {};
          for (let round = 0; round < rounds; round++) {
            const order = round % 2 === 0 ? BATCH_IMPLS : [...BATCH_IMPLS].reverse();
            for (const impl of order) {
              const r = await once(impl, f.encoding);
              if (r.file.size !== f.bytes) throw new Error(`the page got ${r.file.size} bytes of ${f.csv}, not ${f.bytes}`);
              ms[impl].push(r.ms);
              first[impl] ??= r;
            }
          }
          const nativeRuns = { native: [], nativeO3: [] };
          for (let i = 0; i < NATIVE_RUNS(f.rows); i++) {
            for (const n of ['native', 'nativeO3']) nativeRuns[n].push(runNative(tools[n], f.csv, f.encoding));
          }
          const native = nativeRuns.native[0];
          const others = Object.fromEntries(BATCH_IMPLS.filter((i) => i !== 'ours' && i !== 'pipeline').map((i) => [i, first[i].summary]));
          const problems = disagreements({ ours: first.ours.summary, pipeline: first.pipeline.summary, native, nativeO3: nativeRuns.nativeO3[0], ...others }, codes);
          // ours and native run the same core: every code must agree, not only the pipeline's.
          const allCodes = [...new Set([...Object.keys(first.ours.summary.counts), ...Object.keys(native.counts)])];
          problems.push(...disagreements({ ours: first.ours.summary, native }, allCodes).map((p) => `(all codes) ${p}`));
          // The audit on several workers gives exactly the summary and the failing rows of one.
          for (const impl of BATCH_IMPLS.filter((i) => i.startsWith('workers'))) {
            if (JSON.stringify(first[impl].summary) !== JSON.stringify(first.ours.summary)) problems.push(`${impl}: summary differs from ours`);
            if (first[impl].failingRows !== first.ours.failingRows || first[impl].failingIssues !== first.ours.failingIssues) problems.push(`${impl}: failing rows or issues differ from ours`);
          }
          const entry = {
            rows: f.rows,
            encoding: f.encoding,
            bytes: f.bytes,
            file: path.relative(ROOT, f.csv),
            reusedFile: f.reused,
            agree: problems.length === 0,
            disagreements: problems,
            summary: first.ours.summary,
            ...Object.fromEntries(BATCH_IMPLS.map((impl) => [impl, { ...timing(f.bytes, first[impl].summary.rows, ms[impl]), failingRows: first[impl].failingRows, failingIssues: first[impl].failingIssues }])),
            ...Object.fromEntries(['native', 'nativeO3'].map((n) => [n, {
              ...timing(f.bytes, native.rows, nativeRuns[n].map((x) => x.seconds * 1000)),
              peakRssBytes: Math.max(...nativeRuns[n].map((x) => x.peakRssBytes ?? 0)),
              failingRows: nativeRuns[n][0].failingRows,
            }])),
          };
          entry.ratios = {
            oursVsPipeline: entry.pipeline.medianMs / entry.ours.medianMs,
            oursVsNative: entry.native.medianMs / entry.ours.medianMs,
            oursVsNativeO3: entry.nativeO3.medianMs / entry.ours.medianMs,
            ...(entry.worker ? { workerVsOurs: entry.ours.medianMs / entry.worker.medianMs } : {}),
            ...(entry.workers2 ? { twoWorkersVsOne: entry.workers1.medianMs / entry.workers2.medianMs } : {}),
            ...(entry.workersN ? { nWorkersVsOne: entry.workers1.medianMs / entry.workersN.medianMs } : {}),
            ...(entry.oursO3 ? { oursO3VsOurs: entry.ours.medianMs / entry.oursO3.medianMs, oursO3VsNative: entry.native.medianMs / entry.oursO3.medianMs, oursO3VsNativeO3: entry.nativeO3.medianMs / entry.oursO3.medianMs } : {}),
          };
          out.files.push(entry);
          log(`  ours ${(entry.ours.medianMs / 1000).toFixed(2)} s, pipeline ${(entry.pipeline.medianMs / 1000).toFixed(2)} s, native ${(entry.native.medianMs / 1000).toFixed(2)} s (opt 3: ${(entry.nativeO3.medianMs / 1000).toFixed(2)} s); agree: ${entry.agree}`);
          if (!entry.agree) {
            const message = `batch: the implementations disagree on ${entry.file}:\n  ${problems.join('\n  ')}`;
            // The 10k files are the check (brief: a benchmark of audits that disagree measures nothing).
            if (f.rows <= 10_000) throw new Error(message);
            log(`WARNING ${message}`);
          }
        }
      } finally {
        await context.close();
        await second?.context.close();
      }
      out.chromium = browser.version();
    } finally {
      await browser.close();
    }
    // The shipped audit module is built at opt-level 3 (scripts/build.mjs), so the
    // native limit it is held to is the same code at opt-level 3.
    const missed = out.files.filter((f) => f.ratios.oursVsPipeline < TARGET.vsPipeline || f.ratios.oursVsNativeO3 < TARGET.vsNative);
    if (missed.length > 0 || flag('--batch-profile')) {
      log(`batch profile (${missed.length > 0 ? `target missed on ${missed.map((f) => `${sizeName(f.rows)} ${f.encoding}`).join(', ')}` : '--batch-profile'})…`);
      out.profile = await profileBatch({ url, tools, files });
    }
    return out;
  },
  report: (r) => batchReport(r) + workersReport(r) + batchTargets(r) + batchProfileReport(r.profile),
};

/** Peak JS heap and wasm memory during one audit, each in a fresh page. */
const MEMORY_SIZES = QUICK ? [10_000, 100_000] : [100_000, 1_000_000];
const MEMORY_INTERVAL_MS = 50;

const memory = {
  title: 'Memory',
  async run({ url }) {
    const tools = buildNativeTools();
    if (!fs.existsSync(path.join(VENDOR, 'pipeline.js'))) await bundlePipeline();
    const browser = await launchBatchBrowser();
    const out = { intervalMs: MEMORY_INTERVAL_MS, runs: [] };
    try {
      for (const encoding of BATCH_ENCODINGS) {
        for (const rows of MEMORY_SIZES) {
          const f = caseFile(tools, rows, encoding);
          for (const impl of ['ours', 'pipeline']) {
            log(`memory: ${impl}, ${rows} rows ${encoding}…`);
            const { context, page, cdp } = await openBatchPage(browser, url);
            try {
              await cdp.send('Performance.enable');
              await page.setInputFiles('#file', f.csv);
              await cdp.send('HeapProfiler.collectGarbage');
              const metric = (metrics, name) => metrics.find((m) => m.name === name)?.value ?? 0;
              const read = async () => {
                const [usage, { metrics }] = await Promise.all([cdp.send('Runtime.getHeapUsage'), cdp.send('Performance.getMetrics')]);
                return { used: usage.usedSize, total: usage.totalSize, metricsUsed: metric(metrics, 'JSHeapUsedSize'), metricsTotal: metric(metrics, 'JSHeapTotalSize') };
              };
              const before = await read();
              const wasmBefore = await page.evaluate(() => window.batch.wasmMemory());
              const peak = { ...before };
              let samples = 0;
              let sampling = true;
              const sampler = (async () => {
                while (sampling) {
                  try {
                    const s = await read();
                    for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], s[k]);
                    samples++;
                  } catch {
                    // the page closed between two samples
                  }
                  await new Promise((resolve) => setTimeout(resolve, MEMORY_INTERVAL_MS));
                }
              })();
              const r = await page.evaluate((a) => window.batch.run(a), { impl, encoding, today: BATCH_TODAY });
              sampling = false;
              await sampler;
              const after = await read();
              await cdp.send('HeapProfiler.collectGarbage');
              const afterGc = await read();
              out.runs.push({
                impl,
                rows,
                encoding,
                bytes: f.bytes,
                ms: r.ms,
                cdpSamples: samples,
                pageSamples: r.memory.samples,
                heapBefore: before.used,
                heapPeak: Math.max(peak.used, peak.metricsUsed, r.memory.heapPeak),
                heapTotalPeak: Math.max(peak.total, peak.metricsTotal),
                heapPeakInPage: r.memory.heapPeak,
                heapAfter: after.used,
                heapAfterGc: afterGc.used,
                wasmBefore,
                wasmPeak: r.memory.wasmPeak,
                wasmAfter: r.memory.wasmEnd,
              });
            } finally {
              await context.close();
            }
          }
        }
      }
    } finally {
      await browser.close();
    }
    return out;
  },
  report: (r) => memoryReport(r),
};

// ------------------------------------------------------------------ batch profile
//
// Where ours spends the time of a batch audit: Chromium's CPU profiler on
// auditStream() of the 100k-row files, with a names-kept build of the audit
// module (the same code as pkg/: checked byte for byte once stripped), and
// `perf` on the native example. Run when a target is missed (or with
// --batch-profile).

/**
 * page/lib-prof/pkg/hersys_validator_audit{.js,_bg.wasm}: the audit module
 * with its function names, rebuilt as scripts/build.mjs builds it (in
 * target/bench-profile/); lib-prof/ is page/lib/ otherwise (created when the
 * profile section has not made it).
 */
function buildProfilingAudit() {
  const targetDir = path.join(ROOT, 'target', 'bench-profile');
  // As scripts/build.mjs builds the audit module: opt-level 3, wasm-opt -O3.
  const env = cargoEnv({ CARGO_TARGET_DIR: targetDir, CARGO_PROFILE_RELEASE_OPT_LEVEL: '3' });
  const wasmOpt = path.join(ROOT, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  const flags = ['-O3', '--strip-producers', '--strip-target-features'];
  const name = 'hersys_validator_audit';
  const measured = fs.readFileSync(path.join(ROOT, 'pkg', `${name}_bg.wasm`));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-prof-audit-'));
  const exec = (cmd, argv) => {
    const r = spawnSync(cmd, argv, { cwd: ROOT, env, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
  };
  try {
    let found = null;
    for (const features of [['--features', 'audit'], []]) {
      exec('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', ...features]);
      const raw = path.join(targetDir, 'wasm32-unknown-unknown', 'release', 'hersys_validator.wasm');
      exec('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', name, raw]);
      const bg = path.join(tmp, `${name}_bg.wasm`);
      exec(process.execPath, [wasmOpt, ...flags, '--strip-debug', bg, '-o', path.join(tmp, 'stripped.wasm')]);
      if (Buffer.compare(fs.readFileSync(path.join(tmp, 'stripped.wasm')), measured) === 0) {
        exec(process.execPath, [wasmOpt, ...flags, '-g', bg, '-o', path.join(tmp, 'named.wasm')]);
        found = features;
        break;
      }
    }
    if (!found) throw new Error(`no cargo feature set rebuilds pkg/${name}_bg.wasm byte for byte (is pkg/ stale? run npm run build)`);
    const dest = path.join(PAGE, 'lib-prof');
    if (!fs.existsSync(path.join(dest, 'audit.js'))) {
      fs.rmSync(dest, { recursive: true, force: true });
      fs.cpSync(path.join(PAGE, 'lib'), dest, { recursive: true });
    }
    fs.copyFileSync(path.join(tmp, `${name}.js`), path.join(dest, 'pkg', `${name}.js`));
    fs.copyFileSync(path.join(tmp, 'named.wasm'), path.join(dest, 'pkg', `${name}_bg.wasm`));
    return { sameCodeAsPkg: true, cargoFeatures: found.join(' ') || '(default)', namedWasmBytes: fs.statSync(path.join(dest, 'pkg', `${name}_bg.wasm`)).size };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The parts of the audit, matched on the stack from the leaf up (the first that matches). */
const AUDIT_COMPONENTS = [
  [/hersys_validator::binding::|AuditorJs|^wasm-to-js|__wbg_|getStringFromWasm0/, 'results to JS: failing rows as JS objects (row_to_js, issue_to_js: Object/Array, Reflect.set, strings wasm→JS)'],
  [/hersys_validator::(validate|rules|date|passport|vocabulary|width|options)::|hersys_validator::validate$/, 'the rules: validate(record) (dates parsed, vocabularies, passport, cross-field)'],
  [/audit::Rows>?::convert|AuditIssue|message_key|Issue>?::message|issue::/, 'issues → AuditIssue (message cache lookup and clone)'],
  [/csv_core|audit::splitter/, 'CSV splitting (csv-core + splitter: quotes, line numbers)'],
  [/encoding_rs|audit::encoding|from_utf8|utf8_row|run_utf8_validation/, 'decoding (UTF-8 check in place / encoding_rs Shift_JIS → String)'],
  [/audit::Rows|audit::Auditor|record::Record|drop_in_place/, 'per row: Record (one String per cell), ids, totals, drops'],
  [/^passArray8ToWasm0$/, 'JS: copying each 1 MiB chunk into wasm memory (passArray8ToWasm0)'],
];

/** What runs at the leaf. */
function leafKind(name, url) {
  if (/garbage collector/.test(name)) return 'GC';
  if (/^\(idle\)$/.test(name)) return 'idle (waiting: the file read, Blob.slice().arrayBuffer())';
  if (/^\(program\)$/.test(name)) return '(program): the browser outside JS (file reads, tasks)';
  if (/dlmalloc|__rust_(alloc|dealloc|realloc)|__rdl_|__rg_|alloc::raw_vec|RawVec|finish_grow/.test(name)) return 'wasm: allocator (dlmalloc, Vec growth)';
  if (/^(memcpy|memmove|memset|memcmp|bcmp)$|compiler_builtins::mem/.test(name)) return 'wasm: memcpy / memset / memcmp';
  if (/::|externref shim|^<.* as /.test(name) || /\.wasm$/.test(url)) return 'wasm: other code';
  return 'JS (glue, imports, auditStream, page)';
}

function analyseAuditProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fname = (n) => n.callFrame.functionName || `(anonymous ${path.basename(n.callFrame.url || '') || 'native'})`;
  const add = (map, key, dt) => map.set(key, (map.get(key) ?? 0) + dt);
  const components = new Map();
  const kinds = new Map();
  const self = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    total += dt;
    const leaf = byId.get(profile.samples[i]);
    const names = [];
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) names.push(fname(byId.get(id)));
    const kind = leafKind(names[0], leaf.callFrame.url);
    add(kinds, kind, dt);
    add(self, `${names[0].replace(/::h[0-9a-f]{16}$/, '')}`, dt);
    let component = null;
    for (const n of names) {
      const hit = AUDIT_COMPONENTS.find(([re]) => re.test(n));
      if (hit) {
        component = hit[1];
        break;
      }
    }
    if (component === null) {
      if (kind === 'GC' || kind.startsWith('idle') || kind.startsWith('(program)')) component = kind;
      else if (names.some((n) => /auditor_push|auditor_finish|Auditor/.test(n))) component = 'other wasm under push/finish';
      else component = 'JS outside the wasm call (auditStream, hooks, Blob reads, promises)';
    }
    add(components, component, dt);
  }
  const pct = (t) => Math.round((1000 * t) / total) / 10;
  const list = (map, n = Infinity) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([what, t]) => ({ what, percent: pct(t), ms: Math.round(t / 100) / 10 }));
  return { sampledMs: total / 1000, byComponent: list(components), byLeaf: list(kinds), topSelf: list(self, 25) };
}

/** perf on the native example: self time by symbol (perf report --no-children). */
function perfNative(tools, file, encoding) {
  if (spawnSync('perf', ['--version']).status !== 0) return { skipped: 'perf not found' };
  const data = path.join(DATA_DIR, `perf-${encoding}.data`);
  const rec = spawnSync('perf', ['record', '-F', '4999', '-o', data, '--', tools.native, file, '--encoding', encoding, '--today', BATCH_TODAY], { encoding: 'utf8' });
  if (rec.status !== 0) return { skipped: `perf record failed: ${rec.stderr.slice(-500)}` };
  const rep = spawnSync('perf', ['report', '-i', data, '--stdio', '--no-children', '--sort', 'symbol', '--percent-limit', '0.5'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (rep.status !== 0) return { skipped: `perf report failed: ${rep.stderr.slice(-500)}` };
  const top = [];
  for (const line of rep.stdout.split('\n')) {
    const m = line.match(/^\s+([\d.]+)%\s+\[[.k]\]\s+(.+?)\s*$/);
    if (m) top.push({ percent: Number(m[1]), what: m[2].replace(/(\s+-)+$/, '').replace(/::h[0-9a-f]{16}$/, '') }); // the trailing '-'s: IPC columns
  }
  const dso = spawnSync('perf', ['report', '-i', data, '--stdio', '--no-children', '--sort', 'dso'], { encoding: 'utf8' });
  const byObject = [];
  for (const line of (dso.stdout ?? '').split('\n')) {
    const m = line.match(/^\s+([\d.]+)%\s+(\S+)/);
    if (m) byObject.push({ percent: Number(m[1]), what: m[2] });
  }
  return { file: path.relative(ROOT, data), byObject, top: top.slice(0, 25) };
}

async function profileBatch({ url, tools, files }) {
  let build;
  try {
    build = buildProfilingAudit();
  } catch (error) {
    log(`batch profile skipped: ${error.message}`);
    return { skipped: error.message };
  }
  const out = { build, cases: {} };
  const browser = await launchBatchBrowser();
  try {
    const { context, page, cdp } = await openBatchPage(browser, url, 'lib-prof');
    try {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      const largest = Math.max(...files.filter((x) => x.rows <= 100_000).map((x) => x.rows));
      for (const f of files.filter((x) => x.rows === largest)) {
        await page.setInputFiles('#file', f.csv);
        await page.evaluate((a) => window.batch.run(a), { impl: 'ours', encoding: f.encoding, today: BATCH_TODAY }); // warm
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('Profiler.start');
        const r = await page.evaluate((a) => window.batch.run(a), { impl: 'ours', encoding: f.encoding, today: BATCH_TODAY });
        const { profile: p } = await cdp.send('Profiler.stop');
        const file = path.join(BENCH, `profile-batch-${f.rows}-${f.encoding}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(p));
        out.cases[`${sizeName(f.rows)} ${f.encoding}`] = { msUnderProfiler: r.ms, file: path.relative(ROOT, file), ...analyseAuditProfile(p) };
        out.cases[`${sizeName(f.rows)} ${f.encoding}`].native = perfNative(tools, f.csv, f.encoding);
      }
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

function batchProfileReport(prof) {
  if (!prof) return '';
  if (prof.skipped) return `\nbatch profile skipped: ${prof.skipped}`;
  const row = ({ what, percent }) => `  ${percent.toFixed(1).padStart(5)} %  ${what.length > 130 ? what.slice(0, 127) + '…' : what}`;
  const out = [`\nBATCH PROFILE of ours (Chromium CPU profiler, 100 µs sampling, names-kept audit build; same code as pkg/: ${prof.build.sameCodeAsPkg}), and perf on the native example`];
  for (const [id, p] of Object.entries(prof.cases)) {
    out.push(`\n${id}: ${(p.msUnderProfiler / 1000).toFixed(2)} s under the profiler (${p.file})`);
    out.push(' by part of the audit (the innermost part on the stack):');
    for (const r of p.byComponent.filter((r) => r.percent >= 0.5)) out.push(row(r));
    out.push(' by what runs at the leaf:');
    for (const r of p.byLeaf.filter((r) => r.percent >= 0.5)) out.push(row(r));
    out.push(' top self time:');
    for (const r of p.topSelf.slice(0, 12)) out.push(row(r));
    if (p.native?.top) {
      out.push(` native (perf, self time by symbol, ${p.native.file}; by object: ${p.native.byObject.filter((o) => o.percent >= 0.5).map((o) => `${o.what} ${o.percent.toFixed(1)} %`).join(', ')}):`);
      for (const r of p.native.top.slice(0, 12)) out.push(row(r));
    } else if (p.native?.skipped) out.push(` native perf skipped: ${p.native.skipped}`);
  }
  return out.join('\n');
}

const fmtRate = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0));
const fmtMiB = (n) => (n / MiB).toFixed(1);
const sizeName = (rows) => (rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`);

function textTable(head, rows) {
  const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => String(r[c] ?? '').length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function batchReport(r) {
  if (!r?.files) return '';
  const all = [...r.impls, 'native', 'nativeO3'];
  const head = ['file', 'MB', ...all.flatMap((i) => [`${BATCH_LABEL[i]} rows/s`, 'MB/s']), `ours÷JS (≥${r.targets.vsPipeline}×)`, `ours÷native opt 3 (≥${r.targets.vsNative}×)`, 'ours÷native opt z', ...(r.impls.includes('worker') ? ['worker÷ours'] : []), ...(r.impls.includes('oursO3') ? ['O3÷ours', 'O3÷opt 3'] : []), 'agree'];
  const mark = (x, target) => `${x.toFixed(2)}×${x >= target ? '' : ' MISSED'}`;
  const rows = r.files.map((f) => [
    `${sizeName(f.rows)} ${f.encoding}`,
    (f.bytes / 1e6).toFixed(1),
    ...all.flatMap((i) => [fmtRate(f[i].rowsPerSecond), f[i].mbPerSecond.toFixed(1)]),
    mark(f.ratios.oursVsPipeline, r.targets.vsPipeline),
    mark(f.ratios.oursVsNativeO3, r.targets.vsNative),
    `${f.ratios.oursVsNative.toFixed(2)}×`,
    ...(r.impls.includes('worker') ? [`${f.ratios.workerVsOurs.toFixed(2)}×`] : []),
    ...(r.impls.includes('oursO3') ? [`${f.ratios.oursO3VsOurs.toFixed(2)}×`, `${f.ratios.oursO3VsNativeO3.toFixed(2)}×`] : []),
    f.agree ? 'yes' : 'NO',
  ]);
  const rounds = [...new Set(r.files.map((f) => `${sizeName(f.rows)}: ${f.ours.runsMs.length}`))].join(', ');
  return [
    `\nBATCH AUDIT (generated files, seed ${r.seed}, ${r.defects * 100} % defective rows, today ${r.today}; medians of alternating runs per file (${rounds}); native: medians of separate processes; MB = 10^6 bytes)`,
    '  ours: auditStream(File) on the main thread of page/batch.html; JS pipeline: 1 MiB slices, one ahead as ours reads → TextDecoder(stream) → papaparse → header map → valibot rules, same page, same thread;',
    '  native: examples/audit_native at opt-level 3 with LTO (target/bench-native-o3/), as the audit wasm is built: the limit the target refers to; and with the release profile of Cargo.toml (opt-level "z", as the forms module is built)',
    textTable(head, rows),
    `  agree: rows, rows with errors/warnings, blank rows and the counts of the ${r.pipelineCodes?.length ?? '?'} codes the JS pipeline implements, ours = JS = native (and every code, ours = native)`,
    ...(r.o3
      ? [`  ours at opt 3 (--batch-o3, an experiment: opt-level 3 + wasm-opt -O3): audit .wasm ${kb(r.o3.wasm.raw)} / ${kb(r.o3.wasm.gzip)} / ${kb(r.o3.wasm.brotli)} KiB raw / gzip / brotli, against ${kb(r.o3.measuredWasm.raw)} / ${kb(r.o3.measuredWasm.gzip)} / ${kb(r.o3.measuredWasm.brotli)} KiB as built (opt z, -Oz)`]
      : []),
  ].join('\n');
}

/** The audit on every core: 1, 2 and N Web Workers (auditFile), and their ratios. */
function workersReport(r) {
  if (!r?.files?.length || !r.impls.includes('workers2')) return '';
  const impls = r.impls.filter((i) => i.startsWith('workers'));
  const name = (i) => (i === 'workersN' ? `${r.hardwareConcurrency} workers (hardwareConcurrency)` : BATCH_LABEL[i]);
  const head = ['file', ...impls.flatMap((i) => [`${name(i)} s`, 'rows/s']), `2÷1 (≥${r.targets.twoWorkers}× on ${sizeName(r.targets.twoWorkersRows)})`, ...(impls.includes('workersN') ? [`${r.hardwareConcurrency}÷1`] : []), 'same report'];
  const rows = r.files.map((f) => [
    `${sizeName(f.rows)} ${f.encoding}`,
    ...impls.flatMap((i) => [(f[i].medianMs / 1000).toFixed(2), fmtRate(f[i].rowsPerSecond)]),
    `${f.ratios.twoWorkersVsOne.toFixed(2)}×`,
    ...(impls.includes('workersN') ? [`${f.ratios.nWorkersVsOne.toFixed(2)}×`] : []),
    f.disagreements.some((p) => p.startsWith('workers')) ? 'NO' : 'yes',
  ]);
  return [
    `\nAUDIT ON EVERY CORE (auditFile(File) with hooks.jobs Web Workers, js/audit-parallel.js; navigator.hardwareConcurrency = ${r.hardwareConcurrency}; medians as above)`,
    textTable(head, rows),
    '  same report: the summary, failing rows and issues of every worker count equal those of one auditor (ours)',
  ].join('\n');
}

/** The batch targets, each with its ratio and PASS/MISS. */
function batchTargets(r) {
  if (!r?.files?.length) return '';
  const verdict = (x, target) => (x >= target ? 'PASS' : 'MISS');
  const rows = [];
  for (const f of r.files) {
    const file = `${sizeName(f.rows)} ${f.encoding}`;
    rows.push([`ours ≥ ${r.targets.vsPipeline}× the JS pipeline`, file, `${f.ratios.oursVsPipeline.toFixed(2)}×`, verdict(f.ratios.oursVsPipeline, r.targets.vsPipeline)]);
    rows.push([`single thread ≥ ${r.targets.vsNative}× native opt 3 (13.5)`, file, `${f.ratios.oursVsNativeO3.toFixed(2)}×`, verdict(f.ratios.oursVsNativeO3, r.targets.vsNative)]);
    if (f.ratios.twoWorkersVsOne !== undefined && f.rows >= r.targets.twoWorkersRows) {
      rows.push([`2 workers ≥ ${r.targets.twoWorkers}× one worker (13.4)`, file, `${f.ratios.twoWorkersVsOne.toFixed(2)}×`, verdict(f.ratios.twoWorkersVsOne, r.targets.twoWorkers)]);
    }
  }
  return ['\nBATCH TARGETS', textTable(['target', 'file', 'ratio', 'PASS/MISS'], rows)].join('\n');
}

function memoryReport(r) {
  if (!r?.runs) return '';
  const byKey = new Map(r.runs.map((x) => [`${x.impl} ${x.rows} ${x.encoding}`, x]));
  const rows = [];
  for (const encoding of BATCH_ENCODINGS) {
    for (const rowsN of [...new Set(r.runs.map((x) => x.rows))]) {
      const o = byKey.get(`ours ${rowsN} ${encoding}`);
      const p = byKey.get(`pipeline ${rowsN} ${encoding}`);
      if (!o || !p) continue;
      rows.push([
        `${sizeName(rowsN)} ${encoding}`,
        fmtMiB(o.bytes),
        `${fmtMiB(o.heapBefore)} → ${fmtMiB(o.heapPeak)}`,
        `${fmtMiB(o.wasmBefore)} → ${fmtMiB(o.wasmPeak)}`,
        `${fmtMiB(p.heapBefore)} → ${fmtMiB(p.heapPeak)}`,
        `${fmtMiB(o.heapAfterGc)} / ${fmtMiB(p.heapAfterGc)}`,
      ]);
    }
  }
  return [
    `\nMEMORY (MiB; a fresh page per run; JS heap: peak of CDP Runtime.getHeapUsage / Performance.getMetrics every ${r.intervalMs} ms and performance.memory at every chunk; wasm: memory.buffer.byteLength of the audit module, which never shrinks)`,
    textTable(['file', 'file MiB', 'ours JS heap (before → peak)', 'ours wasm memory (after init → peak)', 'JS pipeline JS heap (before → peak)', 'heap after GC: ours / JS'], rows),
    '  peaks include garbage not yet collected (failing-row objects, decoded text); what stays is the heap after GC. The wasm memory is what the module keeps.',
  ].join('\n');
}

/**
 * The targets of issue 13 for the forms module, each a ratio (or a time) of
 * this run with PASS or MISS: whole-record validate() ≤ 1.0× valibot and
 * zod 4 (13.1), validateField ≤ 0.7× both (13.2), median and p99 each; cold
 * start init() ≤ 4 ms and import → first result ≤ 1.2× zod 4's (13.3).
 */
function formsTargets(results) {
  const out = [];
  const pc = results.perChange;
  for (const r of pc?.results ?? []) {
    const record = r.name === 'validate';
    const limit = record ? 1.0 : 0.7;
    for (const other of ['valibot', 'zod']) {
      const median = r.impls.ours.median / r.impls[other].median;
      const p99 = r.impls.ours.p99 / r.impls[other].p99;
      out.push({
        id: record ? '13.1' : '13.2',
        target: `${r.id}: ours ÷ ${LABEL[other]} ≤ ${limit.toFixed(1)}×`,
        median: `${median.toFixed(2)}×`,
        p99: `${p99.toFixed(2)}×`,
        pass: median <= limit && p99 <= limit,
      });
    }
  }
  const shipped = results.load?.shipped?.ours;
  if (shipped) {
    const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
    out.push({ id: '13.6', target: 'forms module ≤ 50 KB brotli: .wasm + glue + wrapper as published (| JS minified)', median: `${kib(shipped.total.brotli)} | ${kib(shipped.minified.total.brotli)}`, p99: '—', pass: shipped.minified.total.brotli <= 50 * 1024 });
  }
  const cold = results.load?.cold;
  if (cold) {
    out.push({ id: '13.3', target: 'init() ≤ 4 ms', median: `${ms(cold.ours.init)} ms`, p99: `${ms(cold.ours.p99.init)} ms`, pass: cold.ours.init <= 4 });
    const median = cold.ours.total / cold.zod.total;
    const p99 = cold.ours.p99.total / cold.zod.p99.total;
    out.push({ id: '13.3', target: 'import → first result: ours ÷ zod 4 ≤ 1.2×', median: `${median.toFixed(2)}×`, p99: `${p99.toFixed(2)}×`, pass: median <= 1.2 });
  }
  return out;
}

function targetsTable(targets) {
  const head = ['', 'target', 'median', 'p99', ''];
  const rows = targets.map((t) => [t.id, t.target, t.median, t.p99, t.pass ? 'PASS' : 'MISS']);
  const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => (c === 1 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
  return ['\nTARGETS (issue 13; cold start: medians of the fresh contexts, the time target on the median)', line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const SECTIONS = { load, perChange, profile: { ...profile, report: (r) => profileSummary(r) }, batch, memory };

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
async function launch(extraArgs = []) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({ executablePath: CHROME, headless: true, args: [...CHROME_ARGS, ...extraArgs] });
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`chromium did not start (${error.message.split('\n')[0]}); retrying`);
    }
  }
}

async function main() {
  const only = value('--sections', Object.keys(SECTIONS).join(',')).split(',');
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
      papaparse: packageVersion('papaparse'),
    };
  }
  const m = results.machine;
  const pc = results.perChange;
  console.log(`\nhersys-validator benchmark — ${m.date}\n${m.cpu} (${m.cores} cores, load ${m.loadAverage1m.before.toFixed(2)} → ${m.loadAverage1m.after.toFixed(2)}), ${m.platform}; Node ${m.node}; Chromium ${m.chromium}; valibot ${m.valibot}, zod ${m.zod}, ajv ${m.ajv}` +
    (pc ? `\ncrossOriginIsolated: ${pc.crossOriginIsolated}, timer resolution ${pc.timerResolutionUs.toFixed(1)} µs` : '') + '\n');
  if (Object.entries(SECTIONS).some(([name, section]) => results[name] && section.rows)) {
    console.log(table(results));
    console.log('\n* ajv: only the codes JSON Schema can express (21 of 39: no calendar, no date arithmetic, no 28-day window, no caller lists); see bench/js-rules/ajv-schema.js.');
    console.log('  ours returns more per call: messages (ja), fixes and the normalized record; the JS versions return { code, field, related }.');
  }
  for (const [name, section] of Object.entries(SECTIONS)) if (results[name] && section.report) console.log(section.report(results[name]));
  results.targets = formsTargets(results);
  if (results.targets.length > 0) console.log(targetsTable(results.targets));
  const file = path.join(BENCH, 'results.json');
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(`[bench] ERROR: ${error.stack ?? error.message}`);
  process.exit(1);
});
