// auditFile for the single-file build (dist/hersys-check.html). Chromium
// starts no Worker from a file:// page, so the audit runs on the page's own
// thread: auditStream gets the file in small slices, and each slice waits for
// the next task, so the progress bar paints and Cancel is heard in between.
import { auditStream } from 'hersys-validator/audit';

/** At ~20-40 MB/s this is under 15 ms of work between two chances to paint. */
const SLICE_BYTES = 256 * 1024;

/** Resolves in a later task: input and rendering can run before it. */
function nextTask() {
  if (typeof globalThis.scheduler?.yield === 'function') return globalThis.scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel(); // unlike setTimeout(0), never clamped to 4 ms
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

async function* slices(file) {
  for (let offset = 0; offset < file.size; offset += SLICE_BYTES) {
    await nextTask();
    yield new Uint8Array(await file.slice(offset, offset + SLICE_BYTES).arrayBuffer());
  }
}

/** Same arguments, hooks and result as the library's auditFile; `hooks.signal` cancels between slices. */
export async function auditFile(file, input = {}, options = {}, hooks = {}) {
  if (hooks.signal?.aborted) throw new DOMException('The audit was cancelled', 'AbortError');
  return auditStream(slices(file), input, options, hooks);
}
