// The audit of a file on disk in Node, on every core: the file's byte ranges
// are audited by worker_threads (js/audit-thread.js) and merged in row order
// (js/audit-parallel.js), with exactly the result of one auditor. Used by the
// CLI (`--jobs N`).
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { auditStream } from './audit.js';
import { auditInSegments } from './audit-parallel.js';

/** Workers by default: the machine's cores. */
export const defaultJobs = () => availableParallelism();

/**
 * Audits the file at `path`: as `auditStream` (same hooks, same summary),
 * on `jobs` worker threads when the file is large enough to split (at least
 * two segments of `segmentBytes`; see `segmentSize`), else in this thread.
 */
export async function auditPath(path, input = {}, options = {}, hooks = {}, { jobs = defaultJobs(), segmentBytes } = {}) {
  if (jobs > 1) {
    const handle = await open(path, 'r');
    let summary;
    try {
      const { size } = await handle.stat();
      const file = { size, read: (start, end) => readRange(handle, start, end) };
      const module = await compiled();
      summary = await auditInSegments(file, input, options, hooks, { jobs, segmentBytes, spawn: (init) => spawnThread(path, { ...init, module }) });
    } finally {
      await handle.close();
    }
    if (summary) return summary;
  }
  return auditStream(createReadStream(path, { highWaterMark: 1 << 20 }), input, options, hooks);
}

let compiling = null;

/** The audit module compiled once, for every thread: V8 shares its code between them. */
function compiled() {
  compiling ??= readFile(new URL('./pkg/hersys_validator_audit_bg.wasm', import.meta.url)).then((bytes) => WebAssembly.compile(bytes));
  return compiling;
}

async function readRange(handle, start, end) {
  const bytes = new Uint8Array(end - start);
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === bytes.length ? bytes : bytes.subarray(0, filled);
}

function spawnThread(path, init) {
  const worker = new Worker(new URL('./audit-thread.js', import.meta.url));
  let handler = () => {};
  worker.on('message', (message) => handler(message));
  worker.on('messageerror', () => handler({ type: 'error', message: 'an audit thread sent a message that could not be read' }));
  worker.on('error', (error) => handler({ type: 'error', message: `an audit thread failed: ${error.message}` }));
  worker.postMessage({ ...init, path });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (fn) => {
      handler = fn;
    },
    terminate: () => worker.terminate(),
  };
}
