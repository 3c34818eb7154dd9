// The audit's Web Worker (js/audit/web/blob.js starts it): audits the
// segments of the pool (js/audit/pool.js) or a whole file, reading the File
// it got at init. One worker and one set of messages for both.
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
  {
    read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
    // A segment streams its bytes: much cheaper than slices.
    openStream: (start) => blobChunks(file, start),
    wholeFile: () => file,
  },
);
