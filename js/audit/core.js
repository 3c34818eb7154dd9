// The batch audit itself, everything of `hersys-validator/audit` but
// auditFile: streams the bytes through the wasm auditor chunk by chunk, so
// memory stays flat whatever the file size. `auditStream` runs anywhere
// (Node, a worker, a page).
//
// The audit's Web Worker (js/audit/web/worker.js, through js/audit/pool.js)
// imports this module, never js/audit.js: no worker imports the code that
// starts it (js/audit/web/blob.js), so a bundler's worker chunks never refer
// to each other (webpack: "Circular dependency between chunks with runtime").

import initWasm, * as wasm from '../pkg/hersys_validator_audit.js';
import { createLoader } from '../loader.js';
import { deliverBatch, expandRows, readBatch } from './batch.js';
import { callWithOptions } from '../wire/with-options.js';

// Like the validator's (js/index.js): every call into wasm is bracketed by
// the loader's begin() / end(), so that a trap or a stack overflow at any
// depth re-instantiates the module, and a call never answers from an
// instance a failed call or a failed reset left behind (js/loader.js).
const loader = createLoader(initWasm, new URL('../pkg/hersys_validator_audit_bg.wasm', import.meta.url), {
  resetState: wasm.__wbg_reset_state,
});

/** Calls into wasm between the loader's begin() and end() (js/loader.js). */
const guarded = (call, a, b) => loader.guarded(call, a, b);

/** A function of the module, once `initAudit` has loaded it (else a clear Error naming `name`). */
function ready(name, call, a, b) {
  loader.ensureReady(name);
  return guarded(call, a, b);
}

/**
 * A wasm object (an auditor, a table of records) kept in the instance that
 * made it: its methods run guarded, and once the instance has been replaced
 * (after a failed call, in any auditor or function of this module) they
 * throw a clear Error instead of going on without the object's state.
 * `free()` never throws, and leaves a replaced instance alone.
 */
function bound(inner, what, again) {
  const generation = loader.generation();
  let freed = false;
  const lost = () =>
    new Error(
      `hersys-validator: ${what} was lost: the audit module was restarted after a call into it failed, and what it had read cannot be recovered; ${again}`,
    );
  return {
    /** `inner[method](a, b, c)`, guarded; throws once the instance that holds `inner` is gone. */
    call(method, a, b, c) {
      if (freed) throw new Error(`hersys-validator: ${what} was freed`);
      const token = loader.begin(); // replaces a dirty instance first: then this object is gone too
      if (loader.generation() !== generation) {
        loader.end(token);
        throw lost();
      }
      let result;
      try {
        result = inner[method](a, b, c);
      } catch (error) {
        loader.recover(error, token);
        throw error;
      }
      loader.end(token);
      return result;
    },
    free() {
      if (freed) return;
      freed = true;
      try {
        const token = loader.begin();
        // A replaced instance no longer holds it: freeing its address in the
        // new one would corrupt that.
        if (loader.generation() !== generation) {
          loader.end(token);
          return;
        }
        try {
          inner.free();
        } catch (error) {
          loader.recover(error, token);
          return;
        }
        loader.end(token);
      } catch {
        // a module that could not be restarted: nothing left to free
      }
    },
  };
}

/**
 * Loads the audit module (the rules plus the CSV audit; larger than the
 * per-change module, so forms never load it). Idempotent; `source` as for
 * `init`.
 */
export function initAudit(source) {
  return loader.init(source);
}

/**
 * The compiled audit module once `initAudit` has loaded it from a URL or a
 * module, else null: handed to the workers so that none fetches or compiles
 * it again. Internal (js/audit.js does not re-export it).
 */
export function auditModule() {
  return loader.module();
}

/** What the audit reads: said in every TypeError about a chunk or a source. */
const BYTES = 'bytes: a Uint8Array (a Node Buffer) or an ArrayBuffer';

/** A plain description of a value's type, never its content. */
function describe(value) {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return 'text (a string)';
  if (typeof value !== 'object' && typeof value !== 'function') return `a ${typeof value}`;
  if (Array.isArray(value)) return 'an array';
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return `a ${tag === 'Object' ? 'plain object' : tag}`;
}

const isUint8Array = (value) => ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
const isArrayBuffer = (value) => Object.prototype.toString.call(value) === '[object ArrayBuffer]';

/** The chunk as a Uint8Array, or a TypeError naming what the audit wants. */
function asBytes(chunk, what) {
  if (isUint8Array(chunk)) return chunk;
  if (isArrayBuffer(chunk)) return new Uint8Array(chunk);
  throw new TypeError(`${what} must be ${BYTES}, not ${describe(chunk)}`);
}

/** The audit refused the whole file: not a CSV text file, no header line found, or one that never ends. */
export class AuditRefusedError extends Error {
  constructor({ code, message }) {
    super(message);
    this.name = 'AuditRefusedError';
    /** `file.binary`, `file.header_not_found` or `file.header_unterminated` */
    this.code = code;
  }
}

function checked(batch) {
  if (batch.refused) throw new AuditRefusedError(batch.refused);
  return batch;
}

/** Plain data only reaches the module: a copy made before it (getters run once, here). */
function plain(value, what) {
  if (value === undefined || value === null) return value;
  try {
    return structuredClone(value);
  } catch {
    throw new TypeError(`${what} must be plain data (objects, arrays, strings), not ${describe(value)}`);
  }
}

/**
 * A streaming audit of one CSV file: `push(bytes)` each chunk, then
 * `finish()`; both return `{ rows, failing }`. `summary()` gives the counts.
 * Call `free()` when done. `input` is `{ encoding?, mapping?, idColumns?, headerLine? }`.
 *
 * `push` takes a Uint8Array or an ArrayBuffer and throws a TypeError for
 * anything else (text, a DataView, null, numbers); it throws after
 * `finish()`. Both throw an `AuditRefusedError` (with its `code`) once the
 * file is refused (`file.binary`, `file.header_not_found`, `file.header_unterminated`).
 */
export function createAuditor(input, options) {
  loader.ensureReady('createAuditor');
  const cleanInput = plain(input, 'the audit input');
  // The options are checked as validate()'s are (js/wire/options.js).
  const auditor = bound(
    callWithOptions(wasm, loader, options, (a) => new wasm.Auditor(a), cleanInput),
    'this auditor',
    'create a new auditor and audit the file again',
  );
  let finished = false;
  const open = () => {
    if (finished) throw new Error('push after finish: this audit has ended; create a new auditor for another file');
  };
  const pushWire = (chunk, what) => {
    open();
    const json = auditor.call('pushBatch', asBytes(chunk, what));
    return { rows: auditor.call('batchRows'), json };
  };
  const finishBatch = () => {
    finished = true;
    const json = auditor.call('finishBatch');
    return { rows: auditor.call('batchRows'), json };
  };
  const expanded = (batch) => ({ rows: batch.rows, failing: expandRows(batch) });
  return {
    push(chunk) {
      return expanded(checked(readBatch(pushWire(chunk, 'push(chunk): the chunk'))));
    },
    finish() {
      return expanded(checked(readBatch(finishBatch())));
    },
    /** `push` as the wire batch `{ rows, json }` (js/audit/batch.js): what workers post; read with `readBatch`. */
    pushBatch: (chunk) => pushWire(chunk, 'pushBatch(chunk): the chunk'),
    finishBatch,
    // For the pool (js/audit/pool.js): read the head once, resume after it, where a segment stands.
    readHead(window, eof) {
      return auditor.call('readHead', asBytes(window, 'readHead(window): the window'), Boolean(eof));
    },
    resumeAfter(head, afterCr) {
      return auditor.call('resumeAfter', asBytes(head, 'resumeAfter(head): the head'), Boolean(afterCr));
    },
    position() {
      return auditor.call('position');
    },
    // For the pool's repeats across segments (src/audit/parallel.rs, SeenAcrossSegments).
    trackFreshRecords() {
      auditor.call('trackFreshRecords');
    },
    takeFreshRecords() {
      return auditor.call('takeFreshRecords');
    },
    continueFrom(lineBase, recordsBefore, earlier) {
      auditor.call('continueFrom', lineBase, recordsBefore, earlier);
    },
    duplicateMessage(line) {
      return auditor.call('duplicateMessage', line);
    },
    summary() {
      return auditor.call('summary');
    },
    // For the pools: a segment's summary as numbers, added to the head's auditor (src/audit/summary_words.rs).
    summaryWords() {
      return auditor.call('summaryWords');
    },
    addSegmentSummary(words) {
      auditor.call('addSegmentSummary', words);
    },
    free() {
      auditor.free();
    },
  };
}

/** For the pools: the table of the records of the segments merged so far (repeats across segments). */
export function createSeenTable() {
  loader.ensureReady('createSeenTable');
  const table = bound(
    guarded(() => new wasm.SeenAcrossSegments()),
    'the table of records seen across segments',
    'audit the file again',
  );
  return {
    add(seen, lineBase) {
      table.call('add', seen, lineBase);
    },
    repeats(seen) {
      return table.call('repeats', seen);
    },
    free() {
      table.free();
    },
  };
}

/** The encodings the audit reads: `[{ label, name, labels }]` (every label `encoding` accepts). */
export function auditEncodings() {
  return ready('auditEncodings', wasm.auditEncodings);
}

/** The built-in identifying headers (受付番号, HER-SYS ID, …): used when `idColumns` is absent. */
export function identifierHeaders() {
  return ready('identifierHeaders', wasm.identifierHeaders);
}

/** The codes that can fill an audit report's columns, in rules order. */
export function reportCodes() {
  return ready('reportCodes', wasm.reportCodes);
}

/** The notice's three items and the codes of each: `[{ item, ja, en, codes }]`. */
export function noticeItems() {
  return ready('noticeItems', wasm.noticeItems);
}

/** The field catalogue, as `fields()` of the validator. */
export function auditFields() {
  return ready('auditFields', wasm.fields);
}

/** The rules table, as `rules()` of the validator. */
export function auditRules() {
  return ready('auditRules', wasm.rules);
}

/** The catalogue, as `catalogue()` of the validator: field groups, required fields, fix labels, limits. */
export function auditCatalogue() {
  return JSON.parse(ready('auditCatalogue', wasm.wireCatalogue)).form;
}

/**
 * For the pools: `{ head, split }`, the bytes read first (the encoding and
 * the header) and those after a segment's nominal start in which its start
 * is looked for. Internal (js/audit.js does not re-export it).
 */
export function auditWindows() {
  return ready('auditWindows', wasm.auditWindows);
}

/** For the pools: a segment's start in its window (offset), or -1 when the window holds no line feed. */
export function segmentStartInWindow(window, endsFile) {
  return ready('segmentStartInWindow', wasm.segmentStartInWindow, asBytes(window, 'the window'), Boolean(endsFile));
}

/**
 * For a whole file's batches: `(rows) => …`, called after each batch with
 * its row count, calls `onColumns(columns)` once, as soon as the header has
 * been read (the auditor has columns, or a batch had rows). Nothing without
 * `onColumns`.
 */
export function watchColumns(auditor, onColumns) {
  let known = !onColumns;
  return (rows) => {
    if (known) return;
    const { columns } = auditor.summary();
    known = columns.length > 0 || rows > 0;
    if (known) onColumns(columns);
  };
}

/** Bytes handed to the auditor at a time. */
export const CHUNK_BYTES = 1 << 20;

/** The rejection of a cancelled audit (also js/audit.js's). */
export function abortError() {
  return new DOMException('The audit was cancelled', 'AbortError');
}

/**
 * A byte stream read into one buffer of CHUNK_BYTES, filled before each
 * yield and reused: one push per MiB, however small the pieces the stream
 * gives (Blob.stream() gives 64–450 KiB in Chromium), and no new buffer
 * per piece. A chunk is valid until the next is asked for (its buffer is
 * handed to the next read). Null when the stream is not a byte stream.
 */
function filledChunks(stream) {
  let reader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    return null; // not a byte stream: read with its default reader
  }
  return (async function* () {
    let buffer = new ArrayBuffer(CHUNK_BYTES);
    try {
      for (let done = false; !done; ) {
        let filled = 0;
        while (filled < buffer.byteLength) {
          const read = await reader.read(new Uint8Array(buffer, filled, buffer.byteLength - filled));
          if (read.value) buffer = read.value.buffer;
          if (read.done) {
            done = true;
            break;
          }
          filled += read.value.byteLength;
        }
        if (filled > 0) yield new Uint8Array(buffer, 0, filled);
      }
    } finally {
      reader.cancel().catch(() => {}); // a cancelled or failed audit releases the file
    }
  })();
}

/**
 * The bytes of an audit's source (a Blob, bytes, a ReadableStream, an async
 * iterable of bytes) in chunks of up to CHUNK_BYTES; a chunk is valid until
 * the next is asked for. A TypeError for anything else.
 */
export async function* fileChunks(source) {
  if (typeof Blob !== 'undefined' && source instanceof Blob && typeof source.stream === 'function') {
    // Blob.stream() reads a file several times faster than slice().arrayBuffer()
    // (Chromium, 222 MB: 0.3 s against 1.2–1.7 s), and with less work on this thread;
    // read into one reused buffer where it is a byte stream (Chromium: 0.19 s).
    const stream = source.stream();
    yield* filledChunks(stream) ?? fileChunks(stream);
  } else if (typeof Blob !== 'undefined' && source instanceof Blob) {
    // Read one slice ahead, so that reading overlaps auditing.
    const read = (offset) => {
      const pending = source.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
      pending.catch(() => {}); // a slice abandoned by a cancel must not be an unhandled rejection
      return pending;
    };
    let next = read(0);
    for (let offset = 0; offset < source.size; offset += CHUNK_BYTES) {
      const current = await next;
      if (offset + CHUNK_BYTES < source.size) next = read(offset + CHUNK_BYTES);
      yield new Uint8Array(current);
    }
  } else if (isUint8Array(source) || isArrayBuffer(source)) {
    const bytes = asBytes(source, 'the audit source');
    for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
      yield bytes.subarray(offset, offset + CHUNK_BYTES);
    }
  } else if (typeof source === 'string') {
    throw new TypeError(`the audit source must be the file's ${BYTES}, a Blob, a ReadableStream or an async iterable of bytes, not text (a string)`);
  } else if (source && typeof source[Symbol.asyncIterator] === 'function') {
    // A Node read stream opened with an encoding yields text: refused, never read as 0 rows.
    for await (const chunk of source) yield asBytes(chunk, 'each chunk of the audit source');
  } else if (source && typeof source.getReader === 'function') {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield asBytes(value, 'each chunk of the audit stream');
      }
    } finally {
      reader.cancel().catch(() => {}); // a cancelled or failed audit releases the stream
    }
  } else {
    throw new TypeError(`the audit source must be a Blob, ${BYTES}, a ReadableStream or an async iterable of bytes, not ${describe(source)}`);
  }
}

/**
 * Audits a CSV file given as a Blob/File, bytes, a ReadableStream or an async
 * iterable of byte chunks (a Node read stream).
 *
 * @param source the file
 * @param input `{ encoding?: label, mapping?: { header: fieldKey }, idColumns?: string[] }`
 * @param options the options of `validate` (lang, today, vocabulary, …)
 * @param hooks `{ onColumns(columns), onRows(failingRows), onBatch(batch), onProgress({ rows, bytes }), signal }`;
 *   `onColumns` is called once, as soon as the header row is read, before any `onRows`;
 *   `onBatch` gets the same rows as the batch of js/audit/batch.js (each issue shape once);
 *   when `onRows` or `onBatch` returns a promise the audit waits for it before reading on (back-pressure)
 * @returns the summary: `{ rows, rowsWithErrors, rowsWithWarnings, blankRows, bytes, encoding, counts, columns }`;
 *   rejects with a TypeError for a source or chunk that is not bytes, and with an
 *   `AuditRefusedError` for a file that is not a CSV text file or whose header line never ends
 */
export async function auditStream(source, input = {}, options = {}, hooks = {}) {
  const { onColumns, onProgress, signal } = hooks;
  await initAudit();
  const auditor = createAuditor(input, options);
  try {
    let rows = 0;
    let bytes = 0;
    const columnsRead = watchColumns(auditor, onColumns);
    const take = async (wire) => {
      const batch = checked(readBatch(wire));
      columnsRead(batch.rows);
      rows += batch.rows;
      const written = deliverBatch(batch, hooks);
      if (written) await written;
    };
    for await (const chunk of fileChunks(source)) {
      if (signal?.aborted) throw abortError();
      await take(auditor.pushBatch(chunk)); // one string across, not an object per value
      bytes += chunk.byteLength;
      onProgress?.({ rows, bytes });
    }
    await take(auditor.finishBatch());
    onProgress?.({ rows, bytes });
    return auditor.summary();
  } finally {
    auditor.free();
  }
}
