// Batch audit of exported case files (`hersys-validator/audit`): streams the
// bytes through the wasm auditor chunk by chunk, so memory stays flat
// whatever the file size. `auditStream` runs anywhere (Node, a worker, a
// page); `auditFile` runs it in a Web Worker so the page never freezes.
//
// Everything but auditFile lives in js/audit/core.js, which the workers
// import; this module only adds what starts them (auditFile here, the pool
// in js/audit/web/blob.js), so no worker imports the code that starts it.

import { AuditRefusedError, abortError, auditModule, initAudit } from './audit/core.js';

export {
  AuditRefusedError,
  CHUNK_BYTES,
  auditCatalogue,
  auditEncodings,
  auditFields,
  auditRules,
  auditStream,
  createAuditor,
  createSeenTable,
  identifierHeaders,
  initAudit,
  noticeItems,
  parsePacked,
  reportCodes,
} from './audit/core.js';

/**
 * Audits a File in Web Workers. Same result and hooks as `auditStream`;
 * `signal` cancels it by ending the workers. `hooks.jobs` (default
 * `navigator.hardwareConcurrency`) workers share a large file
 * (`hooks.segmentBytes` at a time; see js/audit/pool.js).
 */
export async function auditFile(file, input = {}, options = {}, hooks = {}) {
  // Compiled once here and handed over, so each audit's worker neither
  // fetches nor compiles the module again.
  await initAudit();
  // On every core (js/audit/pool.js): hooks.jobs workers, by default
  // one per core; the same result as one worker. Small or unsplittable
  // files (null) stay on one worker.
  const jobs = hooks.jobs ?? globalThis.navigator?.hardwareConcurrency ?? 1;
  if (jobs > 1 && file instanceof Blob) {
    // Loaded only here: it starts the workers of the parallel audit.
    const { auditBlob } = await import('./audit/web/blob.js');
    const summary = await auditBlob(file, input, options, hooks, { jobs, segmentBytes: hooks.segmentBytes, module: auditModule() });
    if (summary) return summary;
  }
  return runWorker(file, input, options, hooks, auditModule());
}

function runWorker(file, input, options, hooks, module) {
  const { onRows, onProgress, signal } = hooks;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const worker = new Worker(new URL('./audit/web/worker.js', import.meta.url), { type: 'module' });
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
        reject(data.code ? new AuditRefusedError(data) : new Error(data.message));
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
