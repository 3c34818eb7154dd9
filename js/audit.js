// Batch audit of exported case files: streams the bytes through the wasm
// auditor chunk by chunk, so memory stays flat whatever the file size.
// `auditStream` runs anywhere (Node, a worker, a page); `auditFile` runs it
// in a Web Worker so the page never freezes.

import initWasm, * as wasm from './pkg/hersys_validator_audit.js';
import { createLoader } from './loader.js';

const loader = createLoader(initWasm, new URL('./pkg/hersys_validator_audit_bg.wasm', import.meta.url));

/**
 * Loads the audit module (the rules plus the CSV audit; larger than the
 * per-change module, so forms never load it). Idempotent; `source` as for
 * `init`.
 */
export function initAudit(source) {
  return loader.init(source);
}

/**
 * A streaming audit of one CSV file: `push(bytes)` each chunk, then
 * `finish()`; both return `{ rows, failing }`. `summary()` gives the counts.
 * Call `free()` when done. `input` is `{ encoding?, mapping? }`.
 */
export function createAuditor(input, options) {
  loader.ensureReady('createAuditor');
  return new wasm.Auditor(input, options);
}

/** The codes that can fill an audit report's columns, in rules order. */
export function reportCodes() {
  loader.ensureReady('reportCodes');
  return wasm.reportCodes();
}

/** The field catalogue, as `fields()` of the validator. */
export function auditFields() {
  loader.ensureReady('auditFields');
  return wasm.fields();
}

/** The rules table, as `rules()` of the validator. */
export function auditRules() {
  loader.ensureReady('auditRules');
  return wasm.rules();
}

/** Bytes handed to the auditor at a time. */
export const CHUNK_BYTES = 1 << 20;

function abortError() {
  return new DOMException('The audit was cancelled', 'AbortError');
}

async function* chunksOf(source) {
  if (typeof Blob !== 'undefined' && source instanceof Blob && typeof source.stream === 'function') {
    // Blob.stream() reads a file several times faster than slice().arrayBuffer()
    // (Chromium, 222 MB: 0.3 s against 1.2–1.7 s), and with less work on this thread.
    yield* chunksOf(source.stream());
  } else if (typeof Blob !== 'undefined' && source instanceof Blob) {
    // Read one slice ahead, so that reading overlaps auditing.
    const read = (offset) => {
      const pending = source.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
      pending.catch(() => {}); // a slice abandoned by a cancel must not be an unhandled rejection
      return pending;
    };
    let next = read(0);
    for (let offset = 0; offset < source.size; offset += CHUNK_BYTES) {
      const current = await next;
      if (offset + CHUNK_BYTES < source.size) next = read(offset + CHUNK_BYTES);
      yield new Uint8Array(current);
    }
  } else if (source instanceof Uint8Array) {
    for (let offset = 0; offset < source.length; offset += CHUNK_BYTES) {
      yield source.subarray(offset, offset + CHUNK_BYTES);
    }
  } else if (source && typeof source[Symbol.asyncIterator] === 'function') {
    for await (const chunk of source) yield chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk);
  } else if (source && typeof source.getReader === 'function') {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.cancel().catch(() => {}); // a cancelled or failed audit releases the stream
    }
  } else {
    throw new TypeError('the audit source must be a Blob, a Uint8Array, a ReadableStream or an async iterable of bytes');
  }
}

/**
 * Audits a CSV file given as a Blob/File, bytes, a ReadableStream or an async
 * iterable of byte chunks (a Node read stream).
 *
 * @param source the file
 * @param input `{ encoding?: 'utf-8' | 'shift_jis', mapping?: { header: fieldKey } }`
 * @param options the options of `validate` (lang, today, vocabulary, …)
 * @param hooks `{ onColumns(columns), onRows(failingRows), onProgress({ rows, bytes }), signal }`;
 *   `onColumns` is called once, as soon as the header row is read, before any `onRows`
 * @returns the summary: `{ rows, rowsWithErrors, rowsWithWarnings, blankRows, bytes, encoding, counts, columns }`
 */
export async function auditStream(source, input = {}, options = {}, hooks = {}) {
  const { onColumns, onRows, onProgress, signal } = hooks;
  await initAudit();
  const auditor = createAuditor(input, options);
  try {
    let rows = 0;
    let bytes = 0;
    let columnsKnown = !onColumns;
    const take = (batch) => {
      if (!columnsKnown) {
        const { columns } = auditor.summary();
        columnsKnown = columns.length > 0 || batch.rows > 0;
        if (columnsKnown) onColumns(columns);
      }
      rows += batch.rows;
      if (batch.failing.length > 0) onRows?.(batch.failing);
    };
    for await (const chunk of chunksOf(source)) {
      if (signal?.aborted) throw abortError();
      take(JSON.parse(auditor.pushJson(chunk))); // one string across, not an object per value
      bytes += chunk.byteLength;
      onProgress?.({ rows, bytes });
    }
    take(JSON.parse(auditor.finishJson()));
    onProgress?.({ rows, bytes });
    return auditor.summary();
  } finally {
    auditor.free();
  }
}

/**
 * Audits a File in Web Workers. Same result and hooks as `auditStream`;
 * `signal` cancels it by ending the workers. `hooks.jobs` (default
 * `navigator.hardwareConcurrency`) workers share a large file
 * (`hooks.segmentBytes` at a time; see js/audit-parallel.js).
 */
export async function auditFile(file, input = {}, options = {}, hooks = {}) {
  // Compiled once here and handed over, so each audit's worker neither
  // fetches nor compiles the module again.
  await initAudit();
  // On every core (js/audit-parallel.js): hooks.jobs workers, by default
  // one per core; the same result as one worker. Small or unsplittable
  // files (null) stay on one worker.
  const jobs = hooks.jobs ?? globalThis.navigator?.hardwareConcurrency ?? 1;
  if (jobs > 1 && file instanceof Blob) {
    const { auditBlob } = await import('./audit-parallel.js');
    const summary = await auditBlob(file, input, options, hooks, { jobs, segmentBytes: hooks.segmentBytes, module: loader.module() });
    if (summary) return summary;
  }
  return runWorker(file, input, options, hooks, loader.module());
}

function runWorker(file, input, options, hooks, module) {
  const { onRows, onProgress, signal } = hooks;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const worker = new Worker(new URL('./audit-worker.js', import.meta.url), { type: 'module' });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      end();
      reject(abortError());
    };
    signal?.addEventListener('abort', cancel, { once: true });
    worker.onmessage = ({ data }) => {
      if (data.type === 'rows') onRows?.(data.rows);
      else if (data.type === 'progress') onProgress?.(data.progress);
      else if (data.type === 'done') {
        end();
        resolve(data.summary);
      } else if (data.type === 'error') {
        end();
        reject(new Error(data.message));
      }
    };
    worker.onmessageerror = () => {
      end();
      reject(new Error('the audit worker sent a message that could not be read'));
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(`the audit worker failed: ${event.message || 'unknown error'}`));
    };
    worker.postMessage({ file, input, options, module });
  });
}
