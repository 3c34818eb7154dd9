#!/usr/bin/env node
// The benchmark: our validator (Rust → wasm, js/index.js) against the same
// rules written in JS with valibot, zod 4 and ajv (bench/js-rules/), in one
// headless Chromium page, interleaved.
//
//   npm run bench            (= npm run build && node bench/run.mjs)
//   node bench/run.mjs [--quick] [--sections load,perChange,profile,batch,memory] [--rounds N] [--cold-runs N]
//                      [--batch-rows 10000,100000,1000000] [--batch-rounds N] [--batch-profile] [--batch-worker] [--batch-o3]
//                      [--batch-no-workers] [--help]
//
// Sections (one module each under bench/sections/, in the order of SECTIONS;
// all by default):
//   load       sections/load.mjs: sizes and cold start
//   perChange  sections/per-change.mjs: µs per validate / validateField call
//   profile    sections/profile.mjs: where our validate() spends its time
//   batch      sections/batch.mjs (+ batch-profile.mjs): the batch audit of
//              generated case files, ours against the JS pipeline and native
//   memory     sections/memory.mjs: JS heap and wasm memory during one audit
// Shared helpers (browser, server, page assets, builds, case files,
// statistics, formatting) live in bench/lib/.
//
// Prints one table and writes bench/results.json (machine, versions, date,
// every number). Serving: scripts/serve.mjs on bench/ (lib/server.mjs: the
// page is /page/bench.html, cross-origin isolated); the built package is
// copied from www/lib/ to bench/page/lib/ and the JS versions are bundled
// into bench/page/vendor/ (lib/page-assets.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './lib/browser.mjs';
import { ms } from './lib/format.mjs';
import { IMPLS, LABEL } from './lib/implementations.mjs';
import { log } from './lib/log.mjs';
import { bundleRules, copyLib } from './lib/page-assets.mjs';
import { BENCH, ROOT } from './lib/paths.mjs';
import { startBenchServer } from './lib/server.mjs';
import { batch } from './sections/batch.mjs';
import { load } from './sections/load.mjs';
import { memory } from './sections/memory.mjs';
import { perChange } from './sections/per-change.mjs';
import { profile } from './sections/profile.mjs';

// ------------------------------------------------------------------ arguments

const USAGE = `usage: node bench/run.mjs [--quick] [--sections load,perChange,profile,batch,memory] [--rounds N] [--cold-runs N]
                         [--batch-rows 10000,100000,1000000] [--batch-rounds N] [--batch-profile] [--batch-worker] [--batch-o3] [--batch-no-workers]
(bench/README.md describes each section and option)`;

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const quick = flag('--quick');
/** What the sections read of the command line (ctx.options). */
const options = {
  quick,
  rounds: Number(value('--rounds', quick ? 40 : 200)),
  coldRuns: Number(value('--cold-runs', quick ? 5 : 20)),
  batchRows: value('--batch-rows', ''),
  batchRounds: Number(value('--batch-rounds', 0)),
  batchProfile: flag('--batch-profile'),
  batchWorker: flag('--batch-worker'),
  batchO3: flag('--batch-o3'),
  batchNoWorkers: flag('--batch-no-workers'),
};

// ------------------------------------------------------------------ sections
//
// A section is `{ title, run(ctx) → result, rows?(result) → table rows, report?(result) → text }`.
// ctx = { browser, url (the server, root bench/), vendor (bundle sizes), options }. Table rows have
// one cell per implementation (IMPLS: ours, valibot, zod, ajv) then the ratios ours/x;
// a row with one cell is a heading. Sections whose columns differ (batch, memory) print
// their own table from report().

const SECTIONS = { load, perChange, profile, batch, memory };

/** The installed version of a dev dependency (some packages do not export package.json). */
function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
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
    // Ours as published (lib/: five modules) and bundled + minified by rolldown as the others are.
    const builds = [['ours', 'as published'], ['oursBundled', 'bundled as the others']].filter(([key]) => cold[key]);
    for (const [key, how] of builds) {
      out.push({ id: '13.3', target: `init() ≤ 4 ms (${how})`, median: `${ms(cold[key].init)} ms`, p99: `${ms(cold[key].p99.init)} ms`, pass: cold[key].init <= 4 });
    }
    for (const [key, how] of builds) {
      const median = cold[key].total / cold.zod.total;
      const p99 = cold[key].p99.total / cold.zod.p99.total;
      out.push({ id: '13.3', target: `import → first result: ours ÷ zod 4 ≤ 1.2× (${how})`, median: `${median.toFixed(2)}×`, p99: `${p99.toFixed(2)}×`, pass: median <= 1.2 });
    }
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

// ------------------------------------------------------------------ main

async function main() {
  if (flag('--help') || flag('-h')) {
    console.log(USAGE);
    return;
  }
  const only = value('--sections', Object.keys(SECTIONS).join(',')).split(',');
  for (const s of only) if (!SECTIONS[s]) throw new Error(`unknown section ${s}; known: ${Object.keys(SECTIONS).join(', ')}`);

  copyLib();
  const vendor = await bundleRules();
  log('page ready: lib/ copied from www/lib/, vendor/ bundled');

  const server = await startBenchServer();
  const browser = await launch();
  const results = {};
  const loadBefore = os.loadavg();
  try {
    for (const name of only) {
      log(`section ${name}…`);
      results[name] = await SECTIONS[name].run({ browser, url: server.url, vendor, options });
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
