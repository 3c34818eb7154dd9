// The memory section:
//   memory     peak JS heap (CDP Runtime.getHeapUsage / Performance.getMetrics,
//              performance.memory) and wasm memory during one audit of the
//              100k and 1M files (--quick: 10k, 100k), ours and the JS
//              pipeline, each in a fresh page
import fs from 'node:fs';
import path from 'node:path';
import { launchBatchBrowser, openBatchPage } from '../lib/batch-page.mjs';
import { BATCH_ENCODINGS, BATCH_TODAY, caseFile } from '../lib/case-files.mjs';
import { fmtMiB, sizeName, textTable } from '../lib/format.mjs';
import { log } from '../lib/log.mjs';
import { buildNativeTools } from '../lib/native-tools.mjs';
import { bundlePipeline } from '../lib/page-assets.mjs';
import { VENDOR } from '../lib/paths.mjs';

/** Peak JS heap and wasm memory during one audit, each in a fresh page. */
const MEMORY_INTERVAL_MS = 50;

export const memory = {
  title: 'Memory',
  async run({ url, options }) {
    const MEMORY_SIZES = options.quick ? [10_000, 100_000] : [100_000, 1_000_000];
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
