// A worker_threads worker of the parallel audit in Node (js/audit/node/path.js):
// audits the segments it is handed, reading its byte ranges of the file in
// pieces of bounded rows, and waiting for credit (THREAD_CREDIT) before
// reading on while the writer is behind.
import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { serveSegments } from '../pool.js';
import { THREAD_CREDIT, pieces, readRange } from './path.js';

const CHUNK_BYTES = 1 << 20;
let handle = null;
let size = 0;
let unreleased = 0; // characters of batches posted, not yet written
let wake = null;

const read = async (start, end) => readRange(await handle, start, end);

/** The bytes from `start` to the end, a chunk read ahead, handed on in `pieces` once there is credit. */
async function* openStream(start) {
  let next = start < size ? read(start, Math.min(size, start + CHUNK_BYTES)) : null;
  for (let at = start; next; ) {
    const bytes = await next;
    at += bytes.length;
    next = at < size && bytes.length > 0 ? read(at, Math.min(size, at + CHUNK_BYTES)) : null;
    next?.catch(() => {}); // a read abandoned by a stopped job must not be an unhandled rejection
    for (const piece of pieces(bytes)) {
      while (unreleased > THREAD_CREDIT) await new Promise((resolve) => (wake = resolve));
      yield piece;
    }
  }
}

serveSegments(
  {
    post(message) {
      if (message.type === 'rows') unreleased += message.json.length;
      parentPort.postMessage(message);
    },
    onMessage: (handler) =>
      parentPort.on('message', (message) => {
        if (message.type === 'credit') {
          unreleased -= message.chars;
          wake?.();
          return;
        }
        if (message.type === 'init') {
          size = message.size;
          handle = open(message.path, 'r');
          handle.catch(() => {}); // reported by the first read
        }
        handler(message);
      }),
  },
  { read, chunkBytes: CHUNK_BYTES, openStream },
);
