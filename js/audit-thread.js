// A worker_threads worker of the parallel audit in Node (js/audit-path.js):
// audits the segments it is handed, reading its byte ranges of the file.
import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { serveSegments } from './audit-parallel.js';

let handle = null;

async function read(start, end) {
  const file = await handle;
  const bytes = new Uint8Array(end - start);
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await file.read(bytes, filled, bytes.length - filled, start + filled);
    if (bytesRead === 0) break; // the file shrank: audit what is there
    filled += bytesRead;
  }
  return filled === bytes.length ? bytes : bytes.subarray(0, filled);
}

serveSegments(
  {
    post: (message) => parentPort.postMessage(message),
    onMessage: (handler) =>
      parentPort.on('message', (message) => {
        if (message.type === 'init') {
          handle = open(message.path, 'r');
          handle.catch(() => {}); // reported by the first read
        }
        handler(message);
      }),
  },
  read,
);
