// The batch section:
//   batch      the audit of generated case files (10k, 100k, 1M rows; --quick:
//              10k and 100k) in UTF-8 and Shift_JIS: ours (auditStream on a
//              File, in page/batch.html), the JS pipeline (js-rules/pipeline.js:
//              TextDecoder + papaparse + the valibot rules), alternating in the
//              same page, and the native build (examples/audit_native.rs):
//              rows/s, MB/s, ratios against the targets (≥ 2× the JS pipeline,
//              ≥ 0.8× native opt 3), and the same on 1, 2 and
//              navigator.hardwareConcurrency Web Workers (auditFile: 2 ≥ 1.6× 1 on the
//              1M files); they must agree (asserted on the 10k files): the
//              pipeline with ours on the codes it implements, ours with
//              native and the other builds on every code; a CPU profile
//              (Chromium + perf) when a target is missed or with
//              --batch-profile
// (the profile: batch-profile.mjs; the case files: lib/case-files.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { auditStream } from '../../js/audit.js';
import { onPipelineCodes } from '../js-rules/pipeline.js';
import { launchBatchBrowser, openBatchPage } from '../lib/batch-page.mjs';
import { BATCH_DEFECTS, BATCH_ENCODINGS, BATCH_SEED, BATCH_TODAY, caseFile, MiB } from '../lib/case-files.mjs';
import { fmtRate, kb, sizeName, textTable } from '../lib/format.mjs';
import { log } from '../lib/log.mjs';
import { buildNativeTools, runNative } from '../lib/native-tools.mjs';
import { bundlePipeline } from '../lib/page-assets.mjs';
import { ROOT } from '../lib/paths.mjs';
import { median } from '../lib/statistics.mjs';
import { LIMITS } from '../lib/targets.mjs';
import { buildAuditO3 } from '../lib/wasm-builds.mjs';
import { batchProfileReport, profileBatch } from './batch-profile.mjs';

// Generated case files (examples/gen_cases.rs: SYNTHETIC rows, 10 % of them
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

/** The row counts of the case files: 10k, 100k, 1M (--quick: 10k, 100k), those of --batch-rows alone when given. */
const batchSizes = (options) => (options.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]).filter(
  (n) => !options.batchRows || options.batchRows.split(',').map(Number).includes(n),
);
/** Timed runs per implementation and file (each implementation alternately first). */
const batchRounds = (options, rows) => options.batchRounds || (rows <= 10_000 ? (options.quick ? 3 : 7) : rows <= 100_000 ? (options.quick ? 2 : 5) : 3);
const NATIVE_RUNS = (rows) => (rows <= 100_000 ? 5 : 3);
const BATCH_LABEL = { workers1: '1 worker', workers2: '2 workers', workersN: 'N workers', ours: 'ours (wasm, main thread)', pipeline: 'JS pipeline', worker: 'ours in a Worker (auditFile)', oursO3: 'ours rebuilt at opt 3 (now the default build)', native: 'native (release profile: opt z)', nativeO3: 'native opt 3 (the limit)' };

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

/** The differences between the summaries (the first against each other one) on `codes`. */
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

/**
 * Ours on the file, audited again here in Node (auditStream, the same
 * module as the page's lib/) for its failing rows, and seen through the
 * pipeline's codes as tests/js/bench-pipeline-agreement.test.mjs sees it
 * (onPipelineCodes of js-rules/pipeline.js: its rows with errors and warnings
 * counted on those codes alone), so a code of ours the pipeline does not
 * implement changes nothing it is compared on. `{ all, seen }`: the whole
 * summary and the one seen.
 */
async function oursOnPipelineCodes(csv, encoding) {
  const rows = [];
  const onRows = (batch) => {
    for (const row of batch) rows.push(row);
  };
  const all = await auditStream(fs.createReadStream(csv), { encoding }, { today: BATCH_TODAY }, { onRows });
  return { all, seen: onPipelineCodes(all, rows).summary };
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

export const batch = {
  title: 'Batch audit',
  async run({ url, options }) {
    const BATCH_SIZES = batchSizes(options);
    // workers1/2/N: auditFile() on 1, 2 and navigator.hardwareConcurrency Web Workers (N only when
    // it is more than 2; issue 13.4). --batch-no-workers leaves them out.
    const WORKER_IMPLS = options.batchNoWorkers ? [] : ['workers1', 'workers2'];
    const BATCH_IMPLS = ['ours', 'pipeline', ...WORKER_IMPLS, ...(options.batchWorker ? ['worker'] : []), ...(options.batchO3 ? ['oursO3'] : [])];
    const tools = buildNativeTools();
    const bundle = await bundlePipeline();
    const files = [];
    for (const rows of BATCH_SIZES) for (const encoding of BATCH_ENCODINGS) files.push(caseFile(tools, rows, encoding));
    const o3 = BATCH_IMPLS.includes('oursO3') ? buildAuditO3() : undefined;
    const browser = await launchBatchBrowser();
    const out = { today: BATCH_TODAY, seed: BATCH_SEED, defects: BATCH_DEFECTS, chunkBytes: MiB, impls: BATCH_IMPLS, pipelineBundle: bundle, o3, files: [] };
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
          const rounds = batchRounds(options, f.rows);
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
          // The JS pipeline against ours seen through the codes it implements (PIPELINE_CODES).
          const inNode = await oursOnPipelineCodes(f.csv, f.encoding);
          const problems = disagreements({ 'ours (on the pipeline codes)': inNode.seen, pipeline: first.pipeline.summary }, codes);
          // ours (page and Node), native and the other builds run the same core: every code must agree.
          const builds = { ours: first.ours.summary, 'ours in Node': inNode.all, native, nativeO3: nativeRuns.nativeO3[0], ...others };
          const allCodes = [...new Set(Object.values(builds).flatMap((summary) => Object.keys(summary.counts)))];
          problems.push(...disagreements(builds, allCodes).map((p) => `(all codes) ${p}`));
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
            oursOnPipelineCodes: { rowsWithErrors: inNode.seen.rowsWithErrors, rowsWithWarnings: inNode.seen.rowsWithWarnings },
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
    const missed = out.files.filter((f) => f.ratios.oursVsPipeline < LIMITS.vsPipeline || f.ratios.oursVsNativeO3 < LIMITS.vsNativeO3);
    if (missed.length > 0 || options.batchProfile) {
      log(`batch profile (${missed.length > 0 ? `target missed on ${missed.map((f) => `${sizeName(f.rows)} ${f.encoding}`).join(', ')}` : '--batch-profile'})…`);
      out.profile = await profileBatch({ url, tools, files });
    }
    return out;
  },
  // The targets print once, with all the others (lib/targets.mjs, lib/report.mjs).
  report: (r) => batchReport(r) + workersReport(r) + batchProfileReport(r.profile),
};

function batchReport(r) {
  if (!r?.files) return '';
  const all = [...r.impls, 'native', 'nativeO3'];
  const head = ['file', 'MB', ...all.flatMap((i) => [`${BATCH_LABEL[i]} rows/s`, 'MB/s']), `ours÷JS (≥${LIMITS.vsPipeline}×)`, `ours÷native opt 3 (≥${LIMITS.vsNativeO3}×)`, 'ours÷native opt z', ...(r.impls.includes('worker') ? ['worker÷ours'] : []), ...(r.impls.includes('oursO3') ? ['O3÷ours', 'O3÷opt 3'] : []), 'agree'];
  const rows = r.files.map((f) => [
    `${sizeName(f.rows)} ${f.encoding}`,
    (f.bytes / 1e6).toFixed(1),
    ...all.flatMap((i) => [fmtRate(f[i].rowsPerSecond), f[i].mbPerSecond.toFixed(1)]),
    // PASS or MISS: in the TARGETS table alone (lib/targets.mjs).
    `${f.ratios.oursVsPipeline.toFixed(2)}×`,
    `${f.ratios.oursVsNativeO3.toFixed(2)}×`,
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
    // README.md's generated part holds this line: reword it only with `node bench/readme.mjs` (bench-readme.test.mjs).
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
  const head = ['file', ...impls.flatMap((i) => [`${name(i)} s`, 'rows/s']), `2÷1 (≥${LIMITS.twoWorkers}× on ${sizeName(LIMITS.twoWorkersRows)})`, ...(impls.includes('workersN') ? [`${r.hardwareConcurrency}÷1`] : []), 'same report'];
  const rows = r.files.map((f) => [
    `${sizeName(f.rows)} ${f.encoding}`,
    ...impls.flatMap((i) => [(f[i].medianMs / 1000).toFixed(2), fmtRate(f[i].rowsPerSecond)]),
    `${f.ratios.twoWorkersVsOne.toFixed(2)}×`,
    ...(impls.includes('workersN') ? [`${f.ratios.nWorkersVsOne.toFixed(2)}×`] : []),
    f.disagreements.some((p) => p.startsWith('workers')) ? 'NO' : 'yes',
  ]);
  return [
    `\nAUDIT ON EVERY CORE (auditFile(File) with hooks.jobs Web Workers, js/audit/pool.js; navigator.hardwareConcurrency = ${r.hardwareConcurrency}; medians as above)`,
    textTable(head, rows),
    '  same report: the summary, failing rows and issues of every worker count equal those of one auditor (ours)',
  ].join('\n');
}
