// A Web Worker of the parallel audit (js/audit/pool.js): audits the
// segments it is handed, reading its slices of the File it got at init.
import { blobChunks, serveSegments } from '../pool.js';

let file = null;
serveSegments(
  {
    post: (message) => self.postMessage(message),
    onMessage: (handler) => {
      self.onmessage = ({ data }) => {
        if (data.type === 'init') file = data.file;
        handler(data);
      };
    },
  },
  async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  1 << 20,
  // A segment streams its bytes: much cheaper than slices.
  (start) => blobChunks(file, start),
);
