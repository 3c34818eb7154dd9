// auditStream's read paths agree. A File's stream() is read with a BYOB reader
// into one reused buffer where the engine has one (Chromium, Firefox, Node);
// WebKit has no ReadableStreamBYOBReader, so there getReader({ mode: 'byob' })
// throws and the same stream is read with its default reader, in whatever
// pieces the engine gives. That path is the only one WebKit takes: here it
// gets pieces cut inside multi-byte characters and between CR and LF, and
// must give the summary and the rows of the BYOB path and of plain bytes.
// Run: node --test tests/js/audit-stream-read.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import { auditStream, initAudit } from '../../js/audit.js';

await initAudit();

const TODAY = '2024-03-31';
/** UTF-8 with a BOM, CR LF, kanji and full-width text (3 bytes a character), a quoted comma. */
const CSV = `\ufeff${[
  '受付番号,診断年月日,入国日,パスポート番号（旅券番号）,現在のステータス,死亡日付,死亡場所,場所区分,備考',
  'A-001,2024-03-01,2024-02-20,,入院中,,,家庭内,',
  'A-002,2024-03-01,,tk-1234567,入院中,,,職場,"メモ, 1"',
  'A-003,2024-03-01,2024-02-20,ＴＫ１２３４５６７,死亡,,,,',
  'A-004,2024-03-01,,,宿泊療養中,,,場所種別不明,',
  'A-005,2024-03-10,2024-03-12,,入院中,2024-03-05,,家庭内,',
  'A-006,2024-03-01,,tk-7654321,,,,家庭内,全角　スペース',
].join('\r\n')}\r\n`;
const BYTES = new TextEncoder().encode(CSV);

/** Cut points 1, 3, 6, 10, ... (growing gaps of 1 to 7 bytes): many land inside characters. */
function pieces(bytes) {
  const out = [];
  for (let start = 0, gap = 1; start < bytes.length; start += gap, gap = (gap % 7) + 1) {
    out.push(bytes.slice(start, start + gap)); // a copy: each piece its own buffer, as an engine gives
  }
  return out;
}

const isContinuation = (byte) => (byte & 0xc0) === 0x80;

/**
 * A File-like Blob whose stream() is a default (not byte) ReadableStream giving
 * `chunks`, without async iteration (as in WebKit): auditStream must use its
 * default reader. Records how it was read.
 */
function webkitLikeBlob(chunks, seen) {
  return new (class extends Blob {
    stream() {
      let next = 0;
      const stream = new ReadableStream({
        pull(controller) {
          if (next < chunks.length) controller.enqueue(chunks[next++]);
          else controller.close();
        },
        cancel() {
          seen.cancelled = true;
        },
      });
      Object.defineProperty(stream, Symbol.asyncIterator, { value: undefined });
      const getReader = stream.getReader.bind(stream);
      stream.getReader = (options) => {
        seen.modes.push(options?.mode ?? 'default');
        return getReader(options); // { mode: 'byob' } throws: not a byte stream
      };
      return stream;
    }
  })([BYTES], { type: 'text/csv' });
}

async function audit(source, hooks = {}) {
  const rows = [];
  const summary = await auditStream(source, {}, { today: TODAY }, {
    onRows: (failing) => {
      rows.push(...structuredClone(failing));
    },
    ...hooks,
  });
  return { summary, rows };
}

test('the cut points are the hard ones: inside multi-byte characters and between CR and LF', () => {
  const cuts = [];
  for (let at = 0, i = 0, chunks = pieces(BYTES); i < chunks.length - 1; i++) cuts.push((at += chunks[i].length));
  assert.ok(cuts.filter((at) => isContinuation(BYTES[at])).length >= 20, 'cuts inside characters');
  assert.ok(cuts.some((at) => BYTES[at - 1] === 0x0d && BYTES[at] === 0x0a), 'a cut between CR and LF');
  assert.ok(cuts.some((at) => at > 0 && at < 3), 'a cut inside the BOM');
  assert.deepEqual(Buffer.concat(pieces(BYTES)), Buffer.from(BYTES));
});

test('default-reader path (no BYOB reader, as in WebKit) gives the summary and rows of the BYOB path', async () => {
  // The BYOB path: Node's Blob.stream() is a byte stream.
  const byob = await audit(new Blob([BYTES], { type: 'text/csv' }));
  const plain = await audit(BYTES);
  assert.deepEqual(byob, plain);

  const seen = { modes: [], cancelled: false };
  const viaDefault = await audit(webkitLikeBlob(pieces(BYTES), seen));
  assert.deepEqual(seen.modes, ['byob', 'default'], 'tried the BYOB reader, then read with the default reader');
  assert.deepEqual(viaDefault.summary, byob.summary);
  assert.deepEqual(viaDefault.rows, byob.rows);

  // The file is what it seems: 6 records, errors and warnings, nothing lost at a cut.
  assert.equal(byob.summary.rows, 6);
  assert.equal(byob.summary.bytes, BYTES.length);
  assert.equal(byob.summary.encoding, 'utf-8');
  assert.ok(byob.summary.rowsWithErrors >= 2 && byob.summary.rowsWithWarnings >= 2, JSON.stringify(byob.summary));
  assert.ok(byob.rows.length >= 4);
});

test('a byte stream whose BYOB reader throws (stubbed) falls back to the default reader, same result', async () => {
  const reference = await audit(BYTES);
  const seen = { modes: [] };
  const blob = new (class extends Blob {
    stream() {
      const stream = super.stream();
      const getReader = stream.getReader.bind(stream);
      stream.getReader = (options) => {
        seen.modes.push(options?.mode ?? 'default');
        if (options?.mode === 'byob') throw new TypeError('ReadableStreamBYOBReader is not supported');
        return getReader(options);
      };
      Object.defineProperty(stream, Symbol.asyncIterator, { value: undefined });
      return stream;
    }
  })(pieces(BYTES), { type: 'text/csv' });
  const result = await audit(blob);
  assert.deepEqual(seen.modes, ['byob', 'default']);
  assert.deepEqual(result, reference);
});

test('one piece per byte through the default reader: still the same audit', async () => {
  const reference = await audit(BYTES);
  const seen = { modes: [], cancelled: false };
  const oneByOne = Array.from(BYTES, (byte) => Uint8Array.of(byte));
  assert.deepEqual(await audit(webkitLikeBlob(oneByOne, seen)), reference);
});

test('a cancelled audit on the default-reader path rejects with AbortError and releases the stream', async () => {
  const seen = { modes: [], cancelled: false };
  const controller = new AbortController();
  let progress = 0;
  await assert.rejects(
    audit(webkitLikeBlob(pieces(BYTES), seen), {
      onProgress: () => {
        if (++progress === 10) controller.abort();
      },
      signal: controller.signal,
    }),
    (error) => error.name === 'AbortError',
  );
  assert.deepEqual(seen.modes, ['byob', 'default']);
  assert.equal(seen.cancelled, true, 'the reader was cancelled: the file is released');
});

test('a piece that is not bytes on the default-reader path is a TypeError, not a short audit', async () => {
  const seen = { modes: [] };
  const chunks = [BYTES.slice(0, 40), 'text, not bytes'];
  await assert.rejects(audit(webkitLikeBlob(chunks, seen)), (error) => error instanceof TypeError && /each chunk of the audit stream/.test(error.message));
  assert.deepEqual(seen.modes, ['byob', 'default']);
});
