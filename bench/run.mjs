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
// Prints the report (lib/report.mjs: the tables, every section's report and
// the TARGETS of issue 13 with PASS/MISS) and writes bench/results.json
// (machine, versions, date, the command, every number); after a full run it
// also rewrites bench/README.md's latest-run numbers (lib/readme.mjs), a partial
// run writes bench/results-partial.json and leaves both alone. Serving: scripts/serve.mjs on bench/ (lib/server.mjs: the
// page is /page/bench.html, cross-origin isolated); the built package is
// copied from www/lib/ to bench/page/lib/ and the JS versions are bundled
// into bench/page/vendor/ (lib/page-assets.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './lib/browser.mjs';
import { log } from './lib/log.mjs';
import { bundleRules, copyLib } from './lib/page-assets.mjs';
import { BENCH, ROOT } from './lib/paths.mjs';
import { updateReadme } from './lib/readme.mjs';
import { report } from './lib/report.mjs';
import { startBenchServer } from './lib/server.mjs';
import { targets } from './lib/targets.mjs';
import { SECTIONS } from './sections/index.mjs';

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
// A section is `{ title, run(ctx) → result, rows?(result) → table rows, report?(result) → text }`
// (sections/index.mjs). ctx = { browser, url (the server, root bench/), vendor (bundle sizes), options }.
// Table rows have one cell per implementation (IMPLS: ours, valibot, zod, ajv) then the ratios ours/x;
// a row with one cell is a heading. Sections whose columns differ (batch, memory) print
// their own table from report(). What is printed is lib/report.mjs's report(results): a
// function of the results alone, so that bench/README.md can be rendered again from results.json.

/** The installed version of a dev dependency (some packages do not export package.json). */
function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/**
 * A full run measures every target: every section, every file size, the
 * worker runs (--rounds and the other counts may differ: the command is
 * recorded). Only a full run replaces bench/results.json and bench/README.md's
 * section; a partial one writes bench/results-partial.json.
 */
const isFullRun = (sections) =>
  !quick && !options.batchRows && !options.batchNoWorkers && Object.keys(SECTIONS).every((name) => sections.includes(name));

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
  const full = isFullRun(only);
  results.run = { command: ['node bench/run.mjs', ...args].join(' '), full };
  results.targets = targets(results);
  console.log(`\n${report(results)}`);
  const file = path.join(BENCH, full ? 'results.json' : 'results-partial.json');
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  if (full) {
    console.log(`bench/README.md: latest full run ${updateReadme(results) ? 'rewritten' : 'unchanged'} from this run`);
  } else {
    console.log('a partial run: bench/results.json and bench/README.md keep the last full run (node bench/run.mjs with no --quick, --sections, --batch-rows or --batch-no-workers)');
  }
}

main().catch((error) => {
  console.error(`[bench] ERROR: ${error.stack ?? error.message}`);
  process.exit(1);
});
