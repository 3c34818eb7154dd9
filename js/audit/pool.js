// The audit of one file on several workers (Web Workers in a page,
// worker_threads in Node), with exactly the result of one auditor: the same
// failing rows in the same order with the same line numbers and indices,
// and the same summary. The method is that of src/audit/parallel.rs:
//   1. the head once, here: the encoding decided on the first 64 KiB and the
//      header read (`Auditor.readHead`); segments start after it;
//   2. the rest cut into segments of `segmentBytes`, each starting after a
//      line feed near its nominal start (`segmentStart`, decided here once:
//      preferably one not followed by a quote); a worker audits a segment with an
//      auditor resumed after the head bytes (`resumeAfter`: same encoding,
//      same columns), lines and indices counted from 1;
//   3. at the next segment's start it asks whether it is between records
//      (`position().boundary`); if not, a quoted line break or an unclosed
//      quote crossed the boundary, and it reads on into the next segment
//      until it is, reporting the last segment it covered;
//   4. here, results are merged in segment order along that chain: rows
//      shifted by the line breaks and records before them, summaries added
//      by the head's auditor (`addSegmentSummary`: the merge of
//      src/audit/parallel.rs, from each worker's `summaryWords`);
//   5. repeated records (row.duplicate): with each batch a worker sends the
//      hashes of the records it read for the first time; the segment being
//      delivered goes out batch by batch while none of them repeats a record
//      of an earlier segment. From the first that does, the segment is
//      audited again knowing those records (`continueFrom`), with absolute
//      lines, the records already delivered skipped: every repeat names the
//      first row, as one auditor would. Other segments' batches wait.
// Each worker reads only its byte ranges (slices of a Blob, reads of a
// file), 1 MiB at a time: no whole-file buffer anywhere. At most
// `2 × workers` segments are in flight, each holding at most HELD_CHARS of
// rows, so rows waiting for an earlier segment stay bounded.
//
// Batches travel in the one format of js/audit/batch.js: a worker posts
// `{ type: 'rows', id, rows, json }`, the wire batch as the auditor wrote it,
// and the pool reads it once it delivers it.
//
// This module starts no worker, so the workers can import it: the pool on
// Web Workers is js/audit/web/blob.js, on worker_threads js/audit/node/path.js.
// The same worker also audits a whole file on its own (a `whole` job): the
// one transport between a Web Worker of the audit and the page.

import { deliverBatch, readBatch } from './batch.js';
import { abortError, auditWindows, createAuditor, createSeenTable, fileChunks, initAudit, segmentStartInWindow, watchColumns } from './core.js';

/**
 * Characters of batches the pool holds for a segment that is not yet the
 * one being delivered. Past this its rows are dropped and the segment
 * audited again when its turn comes (its rows then delivered as they come),
 * so memory stays bounded by rows too.
 */
const HELD_CHARS = 4 << 20;

/** Default segment size; small files are cut into at least one segment per worker. */
export const SEGMENT_BYTES = 8 << 20;

/** The smallest segment the defaults choose: below this, one worker is faster. */
export const MIN_SEGMENT_BYTES = 1 << 20;

/**
 * The segment size for `size` bytes on `jobs` workers: `SEGMENT_BYTES`, or
 * smaller so that each worker gets about four, never under
 * `MIN_SEGMENT_BYTES`.
 */
export function segmentSize(size, jobs) {
  return Math.max(MIN_SEGMENT_BYTES, Math.min(SEGMENT_BYTES, Math.ceil(size / (jobs * 4))));
}

/**
 * Audits a file of `size` bytes on up to `jobs` workers.
 *
 * @param file `{ size, read(start, end) → Promise<Uint8Array> }`: the head is read here
 * @param input, options as for `auditStream`
 * @param hooks `{ onColumns, onRows, onBatch, onProgress, signal }` as for `auditStream`
 * @param pool `{ jobs, segmentBytes, spawn(init) → worker }`; a worker is
 *   `{ post(message), onMessage(handler), terminate() }` and `init` the
 *   first message it gets (spawn adds what its reader needs: the Blob, the path)
 * @returns the summary, or `null` when the file is not split (one segment,
 *   or a header that does not end in the first 64 KiB): then audit it with
 *   one auditor
 */
export async function auditInSegments(file, input, options, hooks, pool) {
  const { onColumns, onProgress, signal } = hooks;
  if (signal?.aborted) throw abortError();
  const wanted = Math.floor(Number(pool.jobs));
  if (!(wanted >= 2)) return null;
  await initAudit();
  const size = file.size;
  const { head: headWindow } = auditWindows(); // the encoding is decided, and the header found, in these bytes
  const window = await file.read(0, Math.min(size, headWindow));
  // The head's auditor reads the header, then adds up the segments' summaries.
  const head = createAuditor(input, options);
  let headKept = false;
  let end;
  let columns;
  let encoding;
  let line0;
  let duplicateMessage;
  let segments;
  let starts;
  try {
    end = head.readHead(window, size <= headWindow);
    if (end < 0) return null;
    const read = head.summary();
    // A refused file (binary, a header that never ends) is one auditor's to refuse.
    if (read.refused) return null;
    ({ columns, encoding } = read);
    line0 = head.position().lineBreaks + 1;
    // The message of a repeat names the earlier row: rendered again once its line is absolute.
    const marker = 987654321;
    const template = head.duplicateMessage(marker);
    duplicateMessage = (line) => template.replace(String(marker), String(line));
    const requested = Math.floor(Number(pool.segmentBytes));
    const segmentBytes = requested >= 1 ? requested : segmentSize(size - end, wanted);
    segments = Math.max(1, Math.ceil((size - end) / segmentBytes));
    if (segments < 2) return null;
    // Where each segment starts, decided once (as segment_start in src/audit/parallel.rs).
    starts = [end];
    for (let k = 1; k < segments; k++) {
      starts.push(Math.max(starts[k - 1], await segmentStart(file, end + k * segmentBytes)));
    }
    if (signal?.aborted) throw abortError();
    headKept = true;
  } finally {
    if (!headKept) head.free();
  }
  onColumns?.(columns);

  const init = {
    type: 'init',
    input: { ...input, encoding },
    options,
    head: window.slice(0, end),
    headEnd: end,
    size,
    starts,
    segments,
  };
  const workers = [];
  const seen = createSeenTable();
  return await new Promise((resolve, reject) => {
    const jobs = new Map(); // id → { waiting: wire batches, done?, worker, bytes, count }
    let next = 0; // next segment to hand out
    let chain = 0; // the segment whose results are being delivered
    let lineBase = line0;
    let indexBase = 0;
    let rowsDelivered = 0;
    let settled = false;

    const stop = (error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', cancel);
      for (const worker of workers) worker.terminate();
      seen.free();
      head.free();
      if (error) reject(error);
    };
    const cancel = () => stop(abortError());
    signal?.addEventListener('abort', cancel, { once: true });

    /** A batch's rows, lines and indices made absolute (a repeat is written whole: its earlier row too). */
    const shift = (batch) => {
      for (const row of batch.failing) {
        row.row += lineBase - 1;
        row.index += indexBase;
        for (const issue of row.issues) {
          if (issue.earlierRow === undefined) continue;
          issue.earlierRow += lineBase - 1;
          issue.message = duplicateMessage(issue.earlierRow);
        }
      }
    };
    // Back-pressure: while a promise onRows or onBatch returned is pending (a slow
    // stdout), no new segment is handed out; results in flight stay bounded.
    let blocked = 0;
    /** One batch of `job` to the hooks: shifted, or, from a segment audited again (absolute already), without the records delivered before. */
    const deliverJobBatch = (job, wire) => {
      const batch = readBatch(wire);
      if (job.rerun) batch.failing = batch.failing.filter((row) => row.index > job.skipIndex);
      else shift(batch);
      const written = deliverBatch(batch, hooks);
      if (written) {
        blocked++;
        written.then(
          () => {
            blocked--;
            if (!settled) for (const worker of workers) if (!worker.busy) dispatch(worker);
          },
          (error) => stop(error),
        );
      }
    };
    const deliver = (job) => {
      for (const batch of job.waiting) deliverJobBatch(job, batch);
      job.waiting = [];
      job.held = 0;
    };
    /**
     * The segment being delivered, batch by batch as they come: a batch whose
     * new records no earlier segment had is final. At the first that repeats
     * one, the rest waits for the segment to be audited again.
     */
    const pump = (job) => {
      while (job.waiting.length > 0 && !job.collided) {
        const batch = job.waiting[0];
        if (seen.repeats(batch.fresh).length > 0) {
          job.collided = true;
          return;
        }
        deliverJobBatch(job, batch);
        job.waiting.shift();
        job.held -= batch.json.length;
        job.deliveredRecords += batch.rows;
      }
    };
    let bytesDone = end; // the head's and the finished segments'
    const progress = () => {
      let bytes = bytesDone;
      let rows = rowsDelivered;
      for (const job of jobs.values()) {
        bytes += job.bytes;
        if (job.id === chain) rows += job.count;
      }
      onProgress?.({ rows, bytes: Math.min(bytes, size) });
    };
    const dispatch = (worker) => {
      while (next < chain) next++;
      if (blocked > 0 || next >= segments || next > chain + 2 * workers.length) {
        worker.busy = false;
        return;
      }
      const id = next++;
      jobs.set(id, { id, waiting: [], held: 0, fresh: [], deliveredRecords: 0, done: null, worker, bytes: 0, count: 0 });
      worker.busy = true;
      worker.post({ type: 'job', id });
    };
    const finish = () => {
      const summary = head.summary();
      progress();
      stop();
      resolve(summary);
    };
    const advance = () => {
      for (;;) {
        const job = jobs.get(chain);
        if (!job) return;
        if (!job.rerun && !job.overflow) pump(job);
        if (!job.done) return;
        if (!job.rerun && (job.collided || job.overflow)) {
          // Records of earlier segments repeat here (or its rows were too many to
          // hold): audit it again, knowing them; the records already delivered are
          // skipped, the others delivered as they come.
          const all = new BigUint64Array(job.fresh.reduce((n, f) => n + f.length, 0));
          job.fresh.reduce((at, f) => (all.set(f, at), at + f.length), 0);
          const repeats = seen.repeats(all);
          job.freshAll = all;
          const { last } = job.done;
          Object.assign(job, { rerun: true, overflow: false, collided: false, skipIndex: indexBase + job.deliveredRecords, waiting: [], held: 0, done: null, count: 0, bytes: 0 });
          job.worker.post({ type: 'rerun', id: job.id, last, lineBase, indexBase, repeats });
          return;
        }
        deliver(job);
        for (const fresh of job.freshAll ? [job.freshAll] : job.fresh) seen.add(fresh, lineBase);
        const { summaryWords, lineBreaks, records, last } = job.done;
        try {
          head.addSegmentSummary(summaryWords);
        } catch (error) {
          stop(error);
          return;
        }
        rowsDelivered += job.count;
        bytesDone += job.bytes;
        lineBase += lineBreaks;
        indexBase += records;
        // Segments a job read on into are its own: drop theirs.
        for (let id = chain + 1; id <= last; id++) {
          const skipped = jobs.get(id);
          if (skipped && !skipped.done) skipped.worker.post({ type: 'skip', id });
          jobs.delete(id);
        }
        jobs.delete(chain);
        chain = last + 1;
        if (chain >= segments) {
          finish();
          return;
        }
        for (const worker of workers) if (!worker.busy) dispatch(worker);
      }
    };

    const count = Math.min(wanted, segments);
    for (let i = 0; i < count; i++) {
      let worker;
      try {
        worker = pool.spawn(init);
      } catch (error) {
        stop(error);
        return;
      }
      workers.push(worker);
      worker.onMessage((message) => {
        if (settled) return;
        const job = jobs.get(message.id);
        switch (message.type) {
          case 'rows': {
            if (!job) return;
            // The count now, the rows (read) when delivered.
            const { rows, json, fresh } = message;
            job.count += rows;
            if (!job.rerun) job.fresh.push(fresh);
            if (job.overflow) return;
            job.waiting.push({ rows, json, fresh });
            job.held += message.json.length;
            // A segment audited again is final: its rows go out at once.
            if (job.rerun) deliver(job);
            else if (job.id === chain) advance();
            if (!job.rerun && job.held > HELD_CHARS) {
              // Too many rows to hold until they can be delivered: dropped, and
              // the segment audited again (streaming) when its turn comes.
              job.overflow = true;
              job.waiting = [];
              job.held = 0;
            }
            return;
          }
          case 'progress':
            if (job) job.bytes = message.bytes;
            progress();
            return;
          case 'done':
            if (job) job.done = message;
            if (!message.rerun) dispatch(worker);
            advance();
            return;
          case 'skipped':
            dispatch(worker);
            return;
          case 'error':
            stop(new Error(message.message));
            return;
          default:
            stop(new Error('an audit worker sent a message that could not be read'));
        }
      });
    }
    for (const worker of workers) dispatch(worker);
  });
}

/** Progress of a whole-file job is posted at most this often (ms). */
const PROGRESS_EVERY_MS = 100;

/**
 * The worker's side: audits the segments it is handed. `port` is
 * `{ post(message), onMessage(handler) }`; `read(start, end)` reads bytes
 * of the file; `openStream(start)`, where the host has one, streams them
 * (cheaper than reads); `wholeFile()` is the file for a `whole` job.
 * Messages in: `init` (once), `job { id }`, `rerun { id, … }`, `skip { id }`,
 * `whole { id }`. Out: `rows { id, rows, json, fresh? }` (a wire batch of
 * js/audit/batch.js), `columns { id, columns }` (a whole job's, once),
 * `progress { id, bytes }`, `done { id, … }`, `skipped { id }`,
 * `error { message, code? }`.
 */
export function serveSegments(port, { read, chunkBytes = 1 << 20, openStream = null, wholeFile = null }) {
  let setup = null;
  const skipped = new Set();
  let queue = Promise.resolve();
  const RUN = { job: (message) => runJob(message.id), rerun: rerunJob, whole: (message) => runWhole(message.id) };
  port.onMessage((message) => {
    if (message.type === 'init') {
      setup = initAudit(message.module ?? undefined).then(() => message);
    } else if (message.type === 'skip') {
      skipped.add(message.id);
    } else if (Object.hasOwn(RUN, message.type)) {
      const run = RUN[message.type];
      queue = queue.then(() => run(message).catch((error) => port.post({ type: 'error', message: error instanceof Error ? error.message : String(error) })));
    }
  });

  /**
   * A whole file on this worker, as `auditStream` audits it: its batches as
   * they come, its columns once the header is read, progress at most every
   * PROGRESS_EVERY_MS, then the summary. A refused file's batch says so
   * (the receiver stops there).
   */
  async function runWhole(id) {
    const { input, options } = await setup;
    const auditor = createAuditor(input, options);
    try {
      let bytes = 0;
      let reported = 0;
      const columnsRead = watchColumns(auditor, (columns) => port.post({ type: 'columns', id, columns }));
      const post = (wire) => {
        port.post({ type: 'rows', id, ...wire });
        columnsRead(wire.rows);
      };
      for await (const chunk of fileChunks(wholeFile())) {
        post(auditor.pushBatch(chunk));
        bytes += chunk.byteLength;
        const now = performance.now();
        if (now - reported >= PROGRESS_EVERY_MS) {
          reported = now;
          port.post({ type: 'progress', id, bytes });
        }
      }
      post(auditor.finishBatch());
      port.post({ type: 'progress', id, bytes });
      port.post({ type: 'done', id, summary: auditor.summary() });
    } finally {
      auditor.free();
    }
  }

  /** A segment again, from its start to the end of the last segment it covered, with absolute numbers. */
  async function rerunJob({ id, last, lineBase, indexBase, repeats }) {
    const { input, options, head, headEnd, size, starts, segments } = await setup;
    const start = starts[id];
    const end = last + 1 < segments ? starts[last + 1] : size;
    const auditor = createAuditor(input, options);
    try {
      if (!auditor.resumeAfter(head, id === 0 ? head[headEnd - 1] === 13 : false)) {
        throw new Error('the audit worker could not resume after the header');
      }
      auditor.continueFrom(lineBase, indexBase, repeats);
      const chunks = openStream ? openStream(start) : readAhead(read, start, size, chunkBytes);
      let pos = start;
      try {
        while (pos < end) {
          const { done, value: bytes } = await chunks.next();
          if (done || bytes.length === 0) throw new Error('the file became shorter while it was audited');
          const take = bytes.subarray(0, Math.min(bytes.length, end - pos));
          port.post({ type: 'rows', id, ...auditor.pushBatch(take) });
          pos += take.length;
        }
      } finally {
        await chunks.return?.();
      }
      if (end === size) port.post({ type: 'rows', id, ...auditor.finishBatch() });
      const { lineBreaks, records } = auditor.position();
      port.post({ type: 'progress', id, bytes: pos - start });
      port.post({ type: 'done', id, rerun: true, summaryWords: auditor.summaryWords(), lineBreaks, records, last });
    } finally {
      auditor.free();
    }
  }

  async function runJob(id) {
    const init = await setup;
    if (skipped.has(id)) {
      port.post({ type: 'skipped', id });
      return;
    }
    const { input, options, head, headEnd, size, starts, segments } = init;
    const start = starts[id];
    const auditor = createAuditor(input, options);
    try {
      if (!auditor.resumeAfter(head, id === 0 ? head[headEnd - 1] === 13 : false)) {
        throw new Error('the audit worker could not resume after the header');
      }
      // Wire batches (one string to clone, read once by the pool), with the
      // records read for the first time (checked for repeats there).
      auditor.trackFreshRecords();
      const post = (wire) => port.post({ type: 'rows', id, ...wire, fresh: auditor.takeFreshRecords() });
      let pos = start;
      let boundary = id + 1; // the segment whose start is the next place to check
      let last = null;
      let reported = start; // progress is posted once per chunkBytes read
      // The bytes from `start` on: a stream where the host has one (a
      // Blob's, much cheaper than slices in browsers), else reads of
      // `chunkBytes`, one ahead.
      const chunks = openStream ? openStream(start) : readAhead(read, start, size, chunkBytes);
      try {
        outer: while (pos < size) {
          if (skipped.has(id)) {
            port.post({ type: 'skipped', id });
            return;
          }
          const { done, value: bytes } = await chunks.next();
          if (done || bytes.length === 0) throw new Error('the file became shorter while it was audited');
          let offset = 0; // of `bytes` already pushed
          while (boundary < segments) {
            const stopAt = starts[boundary];
            if (stopAt > pos + bytes.length) break;
            if (stopAt > pos + offset) post(auditor.pushBatch(bytes.subarray(offset, stopAt - pos)));
            offset = stopAt - pos;
            if (stopAt === size) break;
            if (auditor.position().boundary) {
              last = boundary - 1;
              pos = stopAt;
              break outer;
            }
            boundary++;
          }
          if (offset < bytes.length) post(auditor.pushBatch(bytes.subarray(offset)));
          pos += bytes.length;
          if (pos - reported >= chunkBytes) {
            reported = pos;
            port.post({ type: 'progress', id, bytes: pos - start });
          }
        }
      } finally {
        await chunks.return?.(); // a job that stopped early releases its stream
      }
      if (last === null) {
        post(auditor.finishBatch());
        last = segments - 1;
      }
      const { lineBreaks, records } = auditor.position();
      port.post({ type: 'progress', id, bytes: pos - start });
      port.post({ type: 'done', id, summaryWords: auditor.summaryWords(), lineBreaks, records, last });
    } finally {
      auditor.free();
    }
  }
}

/**
 * Where a segment nominally starting at `nominal` starts: `segment_start`
 * of src/audit/parallel.rs, asked of the module on the window of the file
 * it looks in (`split` bytes from `nominal - 1`); past a window without a
 * line feed, the first one after it, else the end.
 */
export async function segmentStart(file, nominal) {
  const { size } = file;
  const { split } = auditWindows();
  const from = Math.min(Math.max(nominal - 1, 0), size);
  const end = Math.min(from + split, size);
  const at = segmentStartInWindow(await file.read(from, end), end === size);
  if (at >= 0) return from + at;
  for (let pos = end; pos < size; pos += split) {
    const lf = (await file.read(pos, Math.min(size, pos + split))).indexOf(10);
    if (lf >= 0) return pos + lf + 1;
  }
  return size;
}

/** Chunks of `chunkBytes` from `start` to `size` by `read`, one read ahead. */
async function* readAhead(read, start, size, chunkBytes) {
  const fetch = (at) => {
    const pending = read(at, Math.min(size, at + chunkBytes));
    pending.catch(() => {}); // a read abandoned by a stopped job must not be an unhandled rejection
    return pending;
  };
  let pending = start < size ? fetch(start) : null;
  for (let at = start; at < size; ) {
    const bytes = await pending;
    at += bytes.length;
    pending = at < size && bytes.length > 0 ? fetch(at) : null;
    yield bytes;
    if (bytes.length === 0) return;
  }
}

/** The bytes of `blob` from `start` to its end, as its stream gives them. */
export async function* blobChunks(blob, start) {
  const reader = blob.slice(start).stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
