// A Blob (a page's File) audited on Web Workers of js/audit/web/worker.js:
// on several (the pool of js/audit/pool.js), or on one. Apart from
// js/audit/pool.js so that the worker, which imports that, never imports the
// code that starts it; js/audit.js's auditFile loads this module (a dynamic
// import).
import { AuditRefusedError, abortError } from '../core.js';
import { deliverBatch, readBatch } from '../batch.js';
import { auditInSegments } from '../pool.js';

/**
 * A worker of js/audit/web/worker.js given `init` plus the Blob and the
 * compiled module (so that no worker fetches or compiles it again), as the
 * pool's `spawn` wants it: `{ post, onMessage, terminate }`.
 */
function spawnWorker(blob, module, init) {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  let handler = () => {};
  worker.onmessage = ({ data }) => handler(data);
  worker.onmessageerror = () => handler({ type: 'error', message: 'the audit worker sent a message that could not be read' });
  worker.onerror = (event) => handler({ type: 'error', message: `the audit worker failed: ${event.message || 'unknown error'}` });
  worker.postMessage({ ...init, file: blob, module: module ?? null });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (fn) => {
      handler = fn;
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * A Blob on several Web Workers: `auditInSegments` with workers that each
 * read their slices of the Blob. Null when the file is not split.
 */
export function auditBlob(blob, input, options, hooks, { jobs, segmentBytes, module } = {}) {
  const file = { size: blob.size, read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()) };
  return auditInSegments(file, input, options, hooks, { jobs, segmentBytes, spawn: (init) => spawnWorker(blob, module, init) });
}

/**
 * A Blob on one Web Worker (a `whole` job): the result and hooks of
 * `auditStream`, with the batches read here as they come.
 */
export function auditWhole(blob, input, options, hooks, { module } = {}) {
  const { onColumns, onProgress, signal } = hooks;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const worker = spawnWorker(blob, module, { type: 'init', input, options });
    let rows = 0;
    let settled = false;
    const end = () => {
      settled = true;
      worker.terminate();
      signal?.removeEventListener('abort', cancel);
    };
    const fail = (error) => {
      if (settled) return;
      end();
      reject(error);
    };
    const cancel = () => fail(abortError());
    signal?.addEventListener('abort', cancel, { once: true });
    worker.onMessage((message) => {
      if (settled) return;
      switch (message.type) {
        case 'rows': {
          const batch = readBatch(message);
          if (batch.refused) {
            fail(new AuditRefusedError(batch.refused));
            return;
          }
          rows += batch.rows;
          deliverBatch(batch, hooks); // the worker does not wait (as before the pool): a promise only orders the caller's writes
          return;
        }
        case 'columns':
          onColumns?.(message.columns);
          return;
        case 'progress':
          onProgress?.({ rows, bytes: message.bytes });
          return;
        case 'done':
          end();
          resolve(message.summary);
          return;
        case 'error':
          fail(new Error(message.message));
          return;
        default:
          fail(new Error('an audit worker sent a message that could not be read'));
      }
    });
    worker.post({ type: 'whole', id: 0 });
  });
}
