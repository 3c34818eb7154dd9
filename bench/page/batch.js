// The batch benchmark page: audits the File chosen in <input id="file">
// (set by bench/run.mjs with setInputFiles, so it is a real, disk-backed
// File, never fetched) with
//   ours      auditStream() of lib/audit.js (the wasm audit module), on this
//             page's main thread;
//   worker    auditFile() of lib/audit.js: the same in a Web Worker, as the
//             audit page runs it (a new worker, and the module compiled
//             again, per call);
//   workers1, workers2, workersN
//             auditFile() with hooks.jobs = 1, 2 and navigator.hardwareConcurrency
//             Web Workers (js/audit/pool.js): the audit on every core;
//   pipeline  the JS pipeline (vendor/pipeline.js, bundled from
//             js-rules/pipeline.js: TextDecoder + papaparse + the valibot
//             rules), on this page's main thread;
// and exposes window.batch for bench/run.mjs.
//
// Memory, sampled at every chunk (the onProgress hook, once per MiB) and at
// the start and the end: performance.memory.usedJSHeapSize (precise with
// --enable-precise-memory-info) and the audit module's wasm memory
// (memory.buffer.byteLength). The wasm memory is reached without touching
// lib/: this page imports the same glue module URL as lib/audit.js, so it
// gets the same module instance (wasm-bindgen's glue keeps its instance in
// module state), and the glue's default export, once initialised, returns
// the instance's exports, `memory` among them.
const params = new URLSearchParams(location.search);
// lib/: the built package; lib-prof/: its audit module with function names
// (for the profiler); vendor/lib-o3/: the audit module at opt-level 3
// (bench/run.mjs --batch-o3, an experiment).
const libDir = { 'lib-prof': 'lib-prof', 'lib-o3': 'vendor/lib-o3' }[params.get('lib')] ?? 'lib';

const input = document.getElementById('file');

async function load() {
  const [audit, glue, pipeline] = await Promise.all([
    import(`./${libDir}/audit.js`),
    import(`./${libDir}/pkg/hersys_validator_audit.js`),
    import('./vendor/pipeline.js'),
  ]);
  await audit.initAudit();
  const exports = await glue.default(); // initialised: returns the exports of the instance audit.js uses
  if (!(exports.memory instanceof WebAssembly.Memory)) throw new Error('the audit module exports no memory');
  return { audit, pipeline, memory: exports.memory };
}

const ready = load();

function heapUsed() {
  return performance.memory ? performance.memory.usedJSHeapSize : 0;
}

function sampler(memory) {
  const s = {
    samples: 0,
    heapStart: heapUsed(),
    heapPeak: 0,
    wasmStart: memory.buffer.byteLength,
    wasmPeak: 0,
  };
  const sample = () => {
    s.samples++;
    const h = heapUsed();
    if (h > s.heapPeak) s.heapPeak = h;
    const w = memory.buffer.byteLength;
    if (w > s.wasmPeak) s.wasmPeak = w;
  };
  sample();
  return { sample, result: () => (sample(), { ...s, heapEnd: heapUsed(), wasmEnd: memory.buffer.byteLength }) };
}

/** The fields of a summary every implementation gives. */
function normalize(summary) {
  const { rows, rowsWithErrors, rowsWithWarnings, blankRows, bytes, encoding, counts } = summary;
  return { rows, rowsWithErrors, rowsWithWarnings, blankRows, bytes, encoding, counts };
}

/**
 * One audit of the chosen file: `{ impl, ms, file, summary, failingRows, failingIssues, memory }`.
 * `impl` is 'ours', 'worker' or 'pipeline'; `encoding` is passed to both (no detection).
 */
async function run({ impl, encoding, today }) {
  const { audit, pipeline, memory } = await ready;
  const file = input.files[0];
  if (!file) throw new Error('no file chosen');
  const m = sampler(memory);
  let failingRows = 0;
  let failingIssues = 0;
  const hooks = {
    onRows: (rows) => {
      failingRows += rows.length;
      for (const row of rows) failingIssues += row.issues.length;
    },
    onProgress: m.sample,
  };
  const pool = (jobs) => (file, input, options, hooks) => audit.auditFile(file, input, options, { ...hooks, jobs });
  const fn = {
    ours: audit.auditStream,
    worker: audit.auditFile,
    workers1: pool(1),
    workers2: pool(2),
    workersN: pool(navigator.hardwareConcurrency || 1),
    pipeline: pipeline.auditPipeline,
  }[impl];
  if (!fn) throw new Error(`unknown implementation ${impl}`);
  const t0 = performance.now();
  const summary = await fn(file, { encoding }, { today }, hooks);
  const ms = performance.now() - t0;
  return {
    impl,
    ms,
    file: { name: file.name, size: file.size, type: file.constructor.name },
    summary: normalize(summary),
    failingRows,
    failingIssues,
    memory: m.result(),
  };
}

window.batch = {
  ready: ready.then(() => true),
  run,
  lib: libDir,
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  hardwareConcurrency: navigator.hardwareConcurrency || 1,
  pipelineCodes: ready.then(({ pipeline }) => pipeline.PIPELINE_CODES),
  wasmMemory: () => ready.then(({ memory }) => memory.buffer.byteLength),
};
