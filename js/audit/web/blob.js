// The parallel audit of a Blob (a page's File) on Web Workers: the pool of
// js/audit/pool.js with workers of js/audit/web/pool-worker.js. Apart
// from js/audit/pool.js so that those workers, which import it, never
// import the code that starts them; js/audit.js's auditFile loads this
// module (a dynamic import) when a file goes to several workers.
import { auditInSegments } from '../pool.js';

/**
 * A Blob (a page's File) on Web Workers: `auditInSegments` with workers of
 * js/audit/web/pool-worker.js, each reading its slices of the Blob. `module`
 * is the compiled audit module, handed over so that no worker fetches or
 * compiles it again.
 */
export function auditBlob(blob, input, options, hooks, { jobs, segmentBytes, module } = {}) {
  const file = { size: blob.size, read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()) };
  return auditInSegments(file, input, options, hooks, {
    jobs,
    segmentBytes,
    spawn(init) {
      const worker = new Worker(new URL('./pool-worker.js', import.meta.url), { type: 'module' });
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
    },
  });
}
