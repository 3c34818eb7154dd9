// The Web Worker behind `auditFile`: audits one File and posts rows,
// progress and the summary back. Progress is posted at most every 100 ms.
import { AuditRefusedError, auditStream, initAudit } from '../core.js';

self.onmessage = async ({ data: { file, input, options, module } }) => {
  let lastProgress = 0;
  try {
    await initAudit(module ?? undefined);
    const summary = await auditStream(file, input, options, {
      onRows: (rows) => self.postMessage({ type: 'rows', rows }),
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastProgress >= 100) {
          lastProgress = now;
          self.postMessage({ type: 'progress', progress });
        }
      },
    });
    self.postMessage({ type: 'progress', progress: { rows: summary.rows, bytes: summary.bytes } });
    self.postMessage({ type: 'done', summary });
  } catch (error) {
    // A refusal keeps its code (file.binary, …) across the worker boundary.
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error), code: error instanceof AuditRefusedError ? error.code : undefined });
  }
};
