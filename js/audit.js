// Batch audit of exported case files (`hersys-validator/audit`): streams the
// bytes through the wasm auditor chunk by chunk, so memory stays flat
// whatever the file size. `auditStream` runs anywhere (Node, a worker, a
// page); `auditFile` runs it in a Web Worker so the page never freezes.
//
// Everything but auditFile lives in js/audit/core.js, which the worker
// imports; this module only adds auditFile, which loads js/audit/web/blob.js
// (it starts the workers), so no worker imports the code that starts it.

import { auditModule, initAudit } from './audit/core.js';

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
  reportCodes,
} from './audit/core.js';
export { expandRows, readBatch } from './audit/batch.js';

/**
 * Audits a File in Web Workers. Same result and hooks as `auditStream`;
 * `signal` cancels it by ending the workers. `hooks.jobs` (default
 * `navigator.hardwareConcurrency`) workers share a large file
 * (`hooks.segmentBytes` at a time; see js/audit/pool.js); a small or
 * unsplittable file goes to one.
 */
export async function auditFile(file, input = {}, options = {}, hooks = {}) {
  // Compiled once here and handed over, so each audit's workers neither
  // fetch nor compile the module again.
  await initAudit();
  // Loaded only here: it starts the workers.
  const { auditBlob, auditWhole } = await import('./audit/web/blob.js');
  const jobs = hooks.jobs ?? globalThis.navigator?.hardwareConcurrency ?? 1;
  if (jobs > 1 && file instanceof Blob) {
    const summary = await auditBlob(file, input, options, hooks, { jobs, segmentBytes: hooks.segmentBytes, module: auditModule() });
    if (summary) return summary;
  }
  return auditWhole(file, input, options, hooks, { module: auditModule() });
}
