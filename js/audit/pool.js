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
//      shifted by the line breaks and records before them, summaries added;
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
// This module starts no worker, so the workers can import it: the pool on
// Web Workers is js/audit/web/blob.js, on worker_threads js/audit/node/path.js.

import { auditRules, createAuditor, createSeenTable, initAudit, parsePacked } from './core.js';

/** The detection window: the encoding is decided on the file's first 64 KiB. */
export const HEAD_WINDOW = 64 * 1024;

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

/** The summary's records per code, notice item and week (`undated` is a number, summed as the others). */
const BREAKDOWN_KEYS = new Set(['affected', 'notice', 'weeks']);

/**
 * Sums the segments' `affected`, `notice` and `weeks` as add_summary in
 * src/audit/parallel.rs does: codes in rules order, weeks ascending.
 */
function createBreakdown(codeOrder) {
  const affected = new Map();
  const notice = {};
  const weeks = new Map(); // week → { rows, notice, affected: Map }
  const addNotice = (total, part) => {
    for (const [item, n] of Object.entries(part)) total[item] = (total[item] ?? 0) + n;
  };
  const addAffected = (total, part) => {
    for (const [code, n] of Object.entries(part)) total.set(code, (total.get(code) ?? 0) + n);
  };
  const inOrder = (map) => {
    const out = {};
    for (const code of codeOrder) if (map.get(code)) out[code] = map.get(code);
    for (const [code, n] of map) if (!(code in out) && n) out[code] = n;
    return out;
  };
  return {
    add(part) {
      addAffected(affected, part.affected ?? {});
      addNotice(notice, part.notice ?? {});
      for (const week of part.weeks ?? []) {
        let total = weeks.get(week.week);
        if (!total) weeks.set(week.week, (total = { rows: 0, notice: {}, affected: new Map() }));
        total.rows += week.rows;
        addNotice(total.notice, week.notice);
        addAffected(total.affected, week.affected);
      }
    },
    result() {
      return {
        affected: inOrder(affected),
        notice: { passport: notice.passport ?? 0, status: notice.status ?? 0, place: notice.place ?? 0 },
        weeks: [...weeks.keys()].sort().map((week) => {
          const w = weeks.get(week);
          return { week, rows: w.rows, notice: { passport: w.notice.passport ?? 0, status: w.notice.status ?? 0, place: w.notice.place ?? 0 }, affected: inOrder(w.affected) };
        }),
      };
    },
  };
}

function abortError() {
  return new DOMException('The audit was cancelled', 'AbortError');
}

/**
 * Audits a file of `size` bytes on up to `jobs` workers.
 *
 * @param file `{ size, read(start, end) → Promise<Uint8Array> }`: the head is read here
 * @param input, options as for `auditStream`
 * @param hooks `{ onColumns, onRows, onProgress, signal }` as for `auditStream`
 * @param pool `{ jobs, segmentBytes, spawn(init) → worker }`; a worker is
 *   `{ post(message), onMessage(handler), terminate() }` and `init` the
 *   first message it gets (spawn adds what its reader needs: the Blob, the path)
 * @returns the summary, or `null` when the file is not split (one segment,
 *   or a header that does not end in the first 64 KiB): then audit it with
 *   one auditor
 */
export async function auditInSegments(file, input, options, hooks, pool) {
  const { onColumns, onRows, onProgress, signal } = hooks;
  if (signal?.aborted) throw abortError();
  await initAudit();
  const size = file.size;
  const window = await file.read(0, Math.min(size, HEAD_WINDOW));
  const probe = createAuditor(input, options);
  let end;
  let head;
  let line0;
  let duplicateMessage;
  try {
    end = probe.readHead(window, size <= HEAD_WINDOW);
    if (end < 0) return null;
    head = probe.summary();
    line0 = probe.position().lineBreaks + 1;
    // The message of a repeat names the earlier row: rendered again once its line is absolute.
    const marker = 987654321;
    const template = probe.duplicateMessage(marker);
    duplicateMessage = (line) => template.replace(String(marker), String(line));
    // A refused file (binary, a header that never ends) is one auditor's to refuse.
    if (head.refused) return null;
  } finally {
    probe.free();
  }
  const wanted = Math.floor(Number(pool.jobs));
  if (!(wanted >= 2)) return null;
  const requested = Math.floor(Number(pool.segmentBytes));
  const segmentBytes = requested >= 1 ? requested : segmentSize(size - end, wanted);
  const segments = Math.max(1, Math.ceil((size - end) / segmentBytes));
  if (segments < 2) return null;
  // Where each segment starts, decided once (as segment_start in src/audit/parallel.rs).
  const starts = [end];
  for (let k = 1; k < segments; k++) {
    starts.push(Math.max(starts[k - 1], await segmentStart(file, end + k * segmentBytes)));
  }
  if (signal?.aborted) throw abortError();
  onColumns?.(head.columns);

  const codeOrder = auditRules().map((rule) => rule.code);
  const init = {
    type: 'init',
    input: { ...input, encoding: head.encoding },
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
    const jobs = new Map(); // id → { waiting: batches as JSON text, done?, worker, bytes, count }
    let next = 0; // next segment to hand out
    let chain = 0; // the segment whose results are being delivered
    let lineBase = line0;
    let indexBase = 0;
    let rowsDelivered = 0;
    let settled = false;
    const totals = {};
    const counts = new Map(Object.entries(head.counts ?? {})); // header.unmapped is the head's
    const breakdown = createBreakdown(codeOrder);

    const stop = (error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', cancel);
      for (const worker of workers) worker.terminate();
      seen.free();
      if (error) reject(error);
    };
    const cancel = () => stop(abortError());
    signal?.addEventListener('abort', cancel, { once: true });

    const shift = (rows) => {
      for (const row of rows) {
        row.row += lineBase - 1;
        row.index += indexBase;
        for (const issue of row.issues) {
          if (issue.earlierRow === undefined) continue;
          issue.earlierRow += lineBase - 1;
          issue.message = duplicateMessage(issue.earlierRow);
        }
      }
      return rows;
    };
    // Back-pressure: while a promise onRows returned is pending (a slow
    // stdout), no new segment is handed out; results in flight stay bounded.
    let blocked = 0;
    /** One batch of `job` to `onRows`: shifted, or, from a segment audited again (absolute already), without the records delivered before. */
    const deliverBatch = (job, batch) => {
      const { failing } = parsePacked(batch.json);
      const rows = job.rerun ? failing.filter((row) => row.index > job.skipIndex) : shift(failing);
      const written = rows.length > 0 ? onRows?.(rows) : undefined;
      if (typeof written?.then === 'function') {
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
      for (const batch of job.waiting) deliverBatch(job, batch);
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
        deliverBatch(job, batch);
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
      const summary = {};
      const summed = breakdown.result();
      for (const [key, value] of Object.entries(head)) {
        if (key === 'counts') {
          const merged = {};
          for (const code of codeOrder) if (counts.get(code)) merged[code] = counts.get(code);
          for (const [code, n] of counts) if (!(code in merged) && n) merged[code] = n;
          summary.counts = merged;
        } else if (BREAKDOWN_KEYS.has(key)) summary[key] = summed[key];
        else if (key === 'bytes') summary.bytes = size;
        else if (typeof value === 'number') summary[key] = value + (totals[key] ?? 0);
        else summary[key] = value;
      }
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
        const { summary, lineBreaks, records, last } = job.done;
        for (const [key, value] of Object.entries(summary)) {
          if (key === 'counts') for (const [code, n] of Object.entries(value)) counts.set(code, (counts.get(code) ?? 0) + n);
          else if (BREAKDOWN_KEYS.has(key)) continue;
          else if (typeof value === 'number' && key !== 'bytes' && key !== 'headerLine') totals[key] = (totals[key] ?? 0) + value;
        }
        breakdown.add(summary);
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
            // `{"rows":n,"failing":[…]}`: the count now, the rows (parsed) when delivered.
            const rows = Number(message.json.slice(8, message.json.indexOf(',', 8)));
            job.count += rows;
            if (!job.rerun) job.fresh.push(message.fresh);
            if (job.overflow) return;
            job.waiting.push({ json: message.json, fresh: message.fresh, rows });
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

/**
 * The worker's side: audits the segments it is handed. `port` is
 * `{ post(message), onMessage(handler) }`; `read(start, end)` reads bytes
 * of the file. Messages: `init` (once), `job { id }`, `skip { id }`.
 */
export function serveSegments(port, read, chunkBytes = 1 << 20, openStream = null) {
  let setup = null;
  const skipped = new Set();
  let queue = Promise.resolve();
  port.onMessage((message) => {
    if (message.type === 'init') {
      setup = initAudit(message.module ?? undefined).then(() => message);
    } else if (message.type === 'skip') {
      skipped.add(message.id);
    } else if (message.type === 'job' || message.type === 'rerun') {
      const run = message.type === 'job' ? () => runJob(message.id) : () => rerunJob(message);
      queue = queue.then(() => run().catch((error) => port.post({ type: 'error', message: error instanceof Error ? error.message : String(error) })));
    }
  });

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
          port.post({ type: 'rows', id, json: auditor.pushPacked(take) });
          pos += take.length;
        }
      } finally {
        await chunks.return?.();
      }
      if (end === size) port.post({ type: 'rows', id, json: auditor.finishPacked() });
      const { lineBreaks, records } = auditor.position();
      port.post({ type: 'progress', id, bytes: pos - start });
      port.post({ type: 'done', id, rerun: true, summary: auditor.summary(), lineBreaks, records, last });
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
      // Batches go as JSON text: one string to clone, parsed once by the pool,
      // with the records read for the first time (checked for repeats there).
      auditor.trackFreshRecords();
      const post = (json) => port.post({ type: 'rows', id, json, fresh: auditor.takeFreshRecords() });
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
            if (stopAt > pos + offset) post(auditor.pushPacked(bytes.subarray(offset, stopAt - pos)));
            offset = stopAt - pos;
            if (stopAt === size) break;
            if (auditor.position().boundary) {
              last = boundary - 1;
              pos = stopAt;
              break outer;
            }
            boundary++;
          }
          if (offset < bytes.length) post(auditor.pushPacked(bytes.subarray(offset)));
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
        post(auditor.finishPacked());
        last = segments - 1;
      }
      const { lineBreaks, records } = auditor.position();
      port.post({ type: 'progress', id, bytes: pos - start });
      port.post({ type: 'done', id, summary: auditor.summary(), lineBreaks, records, last });
    } finally {
      auditor.free();
    }
  }
}

/** How far past a nominal start `segmentStart` looks for a line without quotes. */
export const SPLIT_WINDOW = 64 * 1024;

/**
 * Where a segment nominally starting at `nominal` starts: right after a line
 * feed at or after `nominal - 1`, preferably one whose next line (complete
 * within SPLIT_WINDOW bytes, or ending the file) holds no `"`, as a line feed
 * inside a quoted cell is usually followed by the cell's closing quote; else
 * the first line feed; else the end. Exactly `segment_start` of
 * src/audit/parallel.rs.
 */
export async function segmentStart(file, nominal) {
  const { size } = file;
  const from = Math.min(Math.max(nominal - 1, 0), size);
  const end = Math.min(from + SPLIT_WINDOW, size);
  const window = await file.read(from, end);
  let at = 0;
  for (;;) {
    const lf = window.indexOf(10, at);
    if (lf < 0) break;
    const line = lf + 1;
    const next = window.indexOf(10, line);
    if (next >= 0) {
      if (window.subarray(line, next).indexOf(34) < 0) return from + line;
      at = next;
    } else {
      if (end === size && window.subarray(line).indexOf(34) < 0) return from + line;
      break;
    }
  }
  for (let pos = from; pos < size; pos += SPLIT_WINDOW) {
    const bytes = pos === from ? window : await file.read(pos, Math.min(size, pos + SPLIT_WINDOW));
    const lf = bytes.indexOf(10);
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
