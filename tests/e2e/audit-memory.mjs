#!/usr/bin/env node
// Measures the batch audit of audit.html on large SYNTHETIC files in headless
// Chromium: throughput, and memory sampled during the run — the worker's JS
// heap, the audit module's wasm memory, the page's JS heap. The point: memory
// must not grow with the file size. A measurement, not a test (npm test does
// not run it; nothing is asserted but that each audit finished).
//
//   node scripts/build.mjs && node tests/e2e/audit-memory.mjs [--rows 100000,1000000] [--encodings utf-8,shift_jis]
//
// Files are made by target/release/examples/gen_cases into a temp dir (about 220 MB per
// million rows) and deleted after each run. Samples every 200 ms through the
// DevTools protocol: Runtime.getHeapUsage on the worker target (via the browser
// session; playwright has no CDP session for workers) and on the page; the
// wasm memory is `memory.buffer.byteLength` of the worker's audit module,
// read by importing the same glue module URL inside the worker (module
// instances are per URL and realm, so this is the instance auditing the file).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { genCases, openPage, startSuite, workerSession } from './helpers.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    encodings: { type: 'string', default: 'utf-8,shift_jis' },
    interval: { type: 'string', default: '200' },
  },
});
const ROWS = values.rows.split(',').map(Number);
const ENCODINGS = values.encodings.split(',');
const INTERVAL = Number(values.interval);
const TODAY = '2024-03-31';
const MB = 1024 * 1024;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hv-audit-memory-'));
const suite = await startSuite();
const results = [];

async function measure(rows, encoding) {
  const file = path.join(dir, `cases-${rows}-${encoding}.csv`);
  const t0gen = performance.now();
  genCases(file, { rows, encoding, seed: 42 });
  const size = fs.statSync(file).size;
  console.error(`[memory] ${rows} rows ${encoding}: ${(size / MB).toFixed(1)} MB generated in ${((performance.now() - t0gen) / 1000).toFixed(1)} s`);

  const { page, context } = await openPage(suite, suite.url(`audit.html?today=${TODAY}`));
  const pageCdp = await context.newCDPSession(page);
  const peak = { workerHeap: 0, workerHeapTotal: 0, wasm: 0, pageHeap: 0 };
  const wasmSeries = [];
  let samples = 0;
  let session = null;
  let sampling = true;

  // Main-thread tasks over 50 ms while the worker audits (the page must never freeze).
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  const workerStarted = page.waitForEvent('worker');
  const t0 = performance.now();
  await page.setInputFiles('#file', file);
  await workerStarted;
  session = await workerSession(suite.browser, 'audit/web/worker.js');

  const sampler = (async () => {
    while (sampling) {
      try {
        const [w, p] = await Promise.all([session.send('Runtime.getHeapUsage'), pageCdp.send('Runtime.getHeapUsage')]);
        peak.workerHeap = Math.max(peak.workerHeap, w.usedSize);
        peak.workerHeapTotal = Math.max(peak.workerHeapTotal, w.totalSize);
        peak.pageHeap = Math.max(peak.pageHeap, p.usedSize);
        const bytesDone = await page.$eval('#run-progress', (bar) => bar.value).catch(() => null);
        if (bytesDone > 0) {
          const r = await session.send('Runtime.evaluate', {
            expression: "import('/lib/pkg/hersys_validator_audit.js').then((m) => m.default()).then((w) => w.memory.buffer.byteLength)",
            awaitPromise: true,
            returnByValue: true,
          });
          const wasm = r.result?.value ?? 0;
          peak.wasm = Math.max(peak.wasm, wasm);
          wasmSeries.push([bytesDone / size, wasm]);
        }
        samples += 1;
      } catch {
        // the worker ended between two samples
      }
      await new Promise((resolve) => setTimeout(resolve, INTERVAL));
    }
  })();

  await page.waitForSelector('html[data-audit="done"], html[data-audit="error"]', { timeout: 30 * 60_000 });
  const seconds = (performance.now() - t0) / 1000;
  sampling = false;
  await sampler;
  await session.detach();
  const outcome = await page.getAttribute('html', 'data-audit');
  if (outcome !== 'done') throw new Error(`audit failed: ${await page.textContent('#pick-message')}`);
  const stat = (id) => page.$eval(`[data-stat="${id}"] dd`, (dd) => Number(dd.textContent.replace(/[^\d]/g, '')));
  const audited = await stat('rows');
  const longTasks = await page.evaluate(() => window.__longTasks);
  const failing = await page.evaluate(() => Number(document.getElementById('filter').options[0].textContent.replace(/[^\d]/g, '')));
  await pageCdp.send('HeapProfiler.collectGarbage');
  const pageAfter = (await pageCdp.send('Runtime.getHeapUsage')).usedSize;
  await context.close();
  fs.rmSync(file, { force: true });

  // wasm memory at the first sample after 10 % of the file, and at the end: growth = file-size dependence.
  const early = wasmSeries.find(([share]) => share >= 0.1)?.[1] ?? wasmSeries[0]?.[1] ?? 0;
  const late = wasmSeries.at(-1)?.[1] ?? 0;
  const result = {
    rows: audited,
    encoding,
    MB: size / MB,
    seconds,
    rowsPerSecond: audited / seconds,
    MBPerSecond: size / MB / seconds,
    peakWorkerHeapMB: peak.workerHeap / MB,
    peakWasmMB: peak.wasm / MB,
    wasmAt10pctMB: early / MB,
    wasmAtEndMB: late / MB,
    peakPageHeapMB: peak.pageHeap / MB,
    pageHeapAfterGcMB: pageAfter / MB,
    failingFound: failing,
    longTasks: longTasks.length,
    longestTaskMs: Math.max(0, ...longTasks),
    samples,
  };
  results.push(result);
  console.error(`[memory] ${JSON.stringify(result)}`);
}

try {
  for (const rows of ROWS) for (const encoding of ENCODINGS) await measure(rows, encoding);
} finally {
  await suite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const f = (n, d = 1) => n.toFixed(d);
const header = ['rows', 'encoding', 'MB', 's', 'rows/s', 'MB/s', 'worker heap peak MB', 'wasm peak MB', 'wasm @10% → end MB', 'page heap peak MB', 'page heap after GC MB', 'failing rows found', 'main-thread tasks > 50 ms (longest)'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const r of results) {
  console.log(
    `| ${r.rows.toLocaleString('en-US')} | ${r.encoding} | ${f(r.MB)} | ${f(r.seconds)} | ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} | ${f(r.MBPerSecond)} | ${f(r.peakWorkerHeapMB)} | ${f(r.peakWasmMB)} | ${f(r.wasmAt10pctMB)} → ${f(r.wasmAtEndMB)} | ${f(r.peakPageHeapMB)} | ${f(r.pageHeapAfterGcMB)} | ${r.failingFound.toLocaleString('en-US')} | ${r.longTasks} (${Math.round(r.longestTaskMs)} ms) |`,
  );
}
