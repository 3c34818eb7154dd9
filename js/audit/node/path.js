// The audit of a file on disk in Node, on every core: the file's byte ranges
// are audited by worker_threads (js/audit/node/thread.js) and merged in row order
// (js/audit/pool.js), with exactly the result of one auditor. Used by the
// CLI (`--jobs N`). A pipe, a FIFO or stdin is read once, in order, by one
// auditor: only a regular file can be split.
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { auditStream } from '../core.js';
import { auditInSegments } from '../pool.js';

/** Workers by default: the machine's cores. */
export const defaultJobs = () => availableParallelism();

/**
 * Most line breaks (CR or LF bytes) in one piece handed to an auditor. A
 * batch holds the failing rows of one piece, and a record ends at a line
 * break, so this bounds a batch by rows as well as by bytes: 1 MiB of
 * two-byte rows would otherwise be half a million rows in one batch.
 */
export const PIECE_LINE_BREAKS = 4096;

/** Characters of batches a thread may have posted and not yet seen written (about 15,000 failing rows). */
export const THREAD_CREDIT = 1 << 20;

/**
 * The chunk cut after every `PIECE_LINE_BREAKS`-th CR and LF: pieces that
 * together are the chunk. Memchr-fast on ordinary files (a few thousand
 * line breaks per MiB).
 */
export function* pieces(chunk, max = PIECE_LINE_BREAKS) {
  const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let start = 0;
  let count = 0;
  let lf = bytes.indexOf(10);
  let cr = bytes.indexOf(13);
  while (lf >= 0 || cr >= 0) {
    let at;
    if (cr < 0 || (lf >= 0 && lf < cr)) {
      at = lf;
      lf = bytes.indexOf(10, at + 1);
    } else {
      at = cr;
      cr = bytes.indexOf(13, at + 1);
    }
    if (++count === max) {
      yield bytes.subarray(start, at + 1);
      start = at + 1;
      count = 0;
    }
  }
  if (start < bytes.length) yield bytes.subarray(start);
}

/** The chunks of a Node readable (or any async iterable of bytes), cut into `pieces`. */
export async function* boundedChunks(source) {
  for await (const chunk of source) {
    if (typeof chunk === 'string') throw new TypeError('the audit source must yield bytes, not text');
    yield* pieces(chunk);
  }
}

/** `auditStream` over a Node readable (process.stdin, a FIFO), in bounded pieces. */
export function auditReadable(readable, input = {}, options = {}, hooks = {}) {
  return auditStream(boundedChunks(readable), input, options, hooks);
}

/**
 * Audits the file at `path`: as `auditStream` (same hooks, same summary),
 * on `jobs` worker threads when it is a regular file large enough to split
 * (at least two segments of `segmentBytes`; see `segmentSize`), else in
 * this thread, read once from start to end.
 */
export async function auditPath(path, input = {}, options = {}, hooks = {}, { jobs = defaultJobs(), segmentBytes } = {}) {
  // stat, not open: opening a FIFO waits for its writer, and closing it
  // again would make the writer's next write fail (SIGPIPE).
  if (jobs > 1 && (await stat(path)).isFile()) {
    const handle = await open(path, 'r');
    let summary;
    try {
      const { size } = await handle.stat();
      const file = { size, read: (start, end) => readRange(handle, start, end) };
      const module = await compiled();
      const flow = createFlow(hooks);
      summary = await auditInSegments(file, input, options, flow.hooks, {
        jobs,
        segmentBytes,
        spawn: (init) => spawnThread(path, { ...init, module }, flow),
      });
    } finally {
      await handle.close();
    }
    if (summary) return summary;
  }
  return auditReadable(createReadStream(path, { highWaterMark: 1 << 20 }), input, options, hooks);
}

/**
 * Back-pressure from the writer to the threads. A thread posts batches as
 * fast as it audits, and the pool hands them to `onRows` without waiting
 * for its promise (it only stops handing out segments). So a thread may
 * have at most THREAD_CREDIT characters of batches unreleased
 * (js/audit/node/thread.js waits before reading on), and a batch is released once
 * the pool has taken it and every write asked for so far has finished:
 * a slow stdout holds the threads back, never piles up in this one. What
 * the pool itself keeps while it waits for a segment is its own bound.
 */
function createFlow(hooks) {
  let written = Promise.resolve(); // the last write asked for; the writer keeps them in order
  const onRows =
    hooks.onRows &&
    ((rows) => {
      const pending = hooks.onRows(rows);
      if (typeof pending?.then === 'function') written = pending;
      return pending;
    });
  return {
    hooks: { ...hooks, onRows },
    /** `message` from a thread, handed to the pool by `deliver`; `release(chars)` gives its thread credit back. */
    receive(message, release, deliver) {
      deliver(message);
      if (message.type !== 'rows') return;
      const done = () => release(message.json.length);
      written.then(done, done);
    },
  };
}

let compiling = null;

/** The audit module compiled once, for every thread: V8 shares its code between them. */
function compiled() {
  compiling ??= readFile(new URL('../../pkg/hersys_validator_audit_bg.wasm', import.meta.url)).then((bytes) => WebAssembly.compile(bytes));
  return compiling;
}

export async function readRange(handle, start, end) {
  const bytes = new Uint8Array(end - start);
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
    if (bytesRead === 0) break; // the file shrank: audit what is there
    filled += bytesRead;
  }
  return filled === bytes.length ? bytes : bytes.subarray(0, filled);
}

function spawnThread(path, init, flow) {
  const worker = new Worker(new URL('./thread.js', import.meta.url));
  let handler = () => {};
  const release = (chars) => worker.postMessage({ type: 'credit', chars });
  worker.on('message', (message) => flow.receive(message, release, handler));
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
