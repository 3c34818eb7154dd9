// The audit API refuses what it cannot read: chunks and sources that are not
// bytes are a TypeError naming what it wants (never an audit of 0 rows), a
// push after finish throws, refused files reject with AuditRefusedError, and
// onRows can hold the audit back (back-pressure).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AuditRefusedError, auditStream, CHUNK_BYTES, createAuditor, expandRows, initAudit, readBatch } from '../../js/audit.js';

await initAudit();
const CSV = '受付番号,診断年月日,現在のステータス,場所区分\nA-1,2021-06-10,入院中,\nA-2,2021-06-10,,家庭内\nA-3,2021-06-10,入院中,家庭内\n';
const BYTES = Buffer.from(CSV);
const WANTS = /must be bytes: a Uint8Array \(a Node Buffer\) or an ArrayBuffer, not /;

test('push takes bytes only: text, a DataView, null, numbers, arrays, objects are a TypeError naming what it wants', () => {
  const auditor = createAuditor({}, {});
  const cases = [
    ['受付番号,現在のステータス', /not text \(a string\)$/],
    [new DataView(BYTES.buffer), /not a DataView$/],
    [null, /not null$/],
    [undefined, /not undefined$/],
    [42, /not a number$/],
    [[1, 2, 3], /not an array$/],
    [{ length: 3 }, /not a plain object$/],
    [new Uint16Array(4), /not a Uint16Array$/],
  ];
  for (const [chunk, got] of cases) {
    assert.throws(() => auditor.push(chunk), (error) => error instanceof TypeError && WANTS.test(error.message) && got.test(error.message));
  }
  // After all that, the auditor still reads the file, whole.
  auditor.push(BYTES.subarray(0, 10));
  auditor.push(BYTES.buffer.slice(BYTES.byteOffset + 10, BYTES.byteOffset + BYTES.length));
  const last = auditor.finish();
  assert.equal(auditor.summary().rows, 3);
  assert.equal(last.failing.length, 2);
  assert.throws(() => auditor.push(BYTES), /^Error: push after finish/);
  auditor.free();
});

test('auditStream never gives 0 rows for a file that had rows: text sources and text chunks are refused', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hv-api-')), 'cases.csv');
  fs.writeFileSync(file, CSV);
  const refused = [
    CSV,
    fs.createReadStream(file, { encoding: 'utf8' }),
    Readable.from(['受付番号\n', 'A-1\n']),
    new ReadableStream({ start: (c) => (c.enqueue('text'), c.close()) }),
    (async function* () {
      yield BYTES.subarray(0, 5);
      yield 7;
    })(),
    null,
    new DataView(BYTES.buffer),
  ];
  for (const source of refused) {
    await assert.rejects(auditStream(source, {}, {}), (error) => error instanceof TypeError && /bytes/.test(error.message));
  }
  for (const source of [BYTES, BYTES.buffer.slice(BYTES.byteOffset, BYTES.byteOffset + BYTES.length), fs.createReadStream(file), new Blob([CSV])]) {
    assert.equal((await auditStream(source, {}, {})).rows, 3);
  }
});

test('refused files reject with AuditRefusedError and its code; push throws it too', async () => {
  let long = '受付番号,現在のステータス,場所区分';
  while (long.length < 100_000) long += ',A-1,入院中,家庭内';
  for (const [bytes, code] of [
    [zlib.gzipSync(BYTES), 'file.binary'],
    [Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), BYTES]), 'file.binary'],
    [Buffer.from(long), 'file.header_unterminated'],
  ]) {
    let rows = 0;
    await assert.rejects(
      auditStream(bytes, {}, { lang: 'en' }, { onRows: (r) => (rows += r.length) }),
      (error) => error instanceof AuditRefusedError && error.code === code && error.message.length > 20,
    );
    assert.equal(rows, 0);
  }
  const auditor = createAuditor({}, {});
  // The first 64 KiB decide: then the refusal is thrown.
  assert.throws(() => auditor.push(Buffer.concat([zlib.gzipSync(BYTES), Buffer.alloc(70_000, 1)])), AuditRefusedError);
  assert.throws(() => auditor.push(BYTES), AuditRefusedError);
  assert.equal(auditor.summary().refused.code, 'file.binary');
  auditor.free();
});

test('UTF-16LE with a BOM, tab-separated (Excel 「Unicode テキスト」), audits as the UTF-8 CSV', async () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV.replaceAll(',', '\t'), 'utf16le')]);
  const a = await auditStream(BYTES, {}, {});
  const b = await auditStream(utf16, {}, {});
  assert.equal(b.encoding, 'utf-16le');
  assert.deepEqual(b.counts, a.counts);
  assert.equal(b.rows, 3);
});

test('onRows returning a promise holds the audit back until it settles', async () => {
  const many = Buffer.from(`受付番号,現在のステータス,場所区分\n${'A-1,,\n'.repeat(400_000)}`);
  const events = [];
  let pending = 0;
  await auditStream(many, {}, {}, {
    onRows: async (rows) => {
      pending += 1;
      events.push(['rows', rows.length, pending]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      pending -= 1;
    },
    onProgress: () => events.push(['progress', 0, pending]),
  });
  const batches = events.filter(([kind]) => kind === 'rows');
  assert.ok(batches.length >= 2);
  assert.ok(events.every(([, , inFlight]) => inFlight <= 1), 'never more than one batch in flight');
  assert.ok(events.filter(([kind]) => kind === 'progress').every(([, , inFlight]) => inFlight === 0), 'reading waits for the batch');
});

test('a Blob is read in full MiB chunks into one buffer: the same audit as its bytes, and a cancel stops it', async () => {
  // Rows with quotes and Japanese, the Blob made of odd-sized parts (cut inside characters) and read in MiB chunks.
  const lines = ['受付番号,診断年月日,現在のステータス,場所区分,場所名称'];
  for (let i = 0; i < 60_000; i++) lines.push(`A-${i},2021-06-${10 + (i % 9)},${i % 7 ? '入院中' : ''},${i % 5 ? '家庭内' : ''},"架空, ${i}"`);
  const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`);
  assert.ok(bytes.length > 3 * CHUNK_BYTES);
  const parts = [];
  for (let at = 0; at < bytes.length; at += 997) parts.push(bytes.subarray(at, at + 997));
  const blob = new Blob(parts);
  const audit = async (source, hooks = {}) => {
    const failing = [];
    const progress = [];
    const summary = await auditStream(source, {}, { today: '2021-07-01' }, { ...hooks, onRows: (rows) => failing.push(...rows), onProgress: ({ bytes }) => progress.push(bytes) });
    return { summary, failing, progress };
  };
  const fromBlob = await audit(blob);
  const fromBytes = await audit(bytes);
  assert.deepEqual(fromBlob.summary, fromBytes.summary);
  assert.deepEqual(fromBlob.failing, fromBytes.failing);
  assert.equal(fromBlob.summary.rows, 60_000);
  assert.ok(fromBlob.failing.length > 10_000);
  const steps = fromBlob.progress.map((at, i) => at - (fromBlob.progress[i - 1] ?? 0)).filter((step) => step > 0);
  assert.deepEqual(steps.slice(0, -1), steps.slice(0, -1).map(() => CHUNK_BYTES), 'every chunk but the last is a full MiB');
  assert.equal(fromBlob.progress.at(-1), bytes.length);

  const controller = new AbortController();
  let pushed = 0;
  await assert.rejects(
    auditStream(blob, {}, {}, { signal: controller.signal, onProgress: () => (pushed += 1) === 2 && controller.abort() }),
    (error) => error.name === 'AbortError',
  );
  assert.equal(pushed, 2, 'nothing is read after the cancel');
  assert.deepEqual((await audit(blob)).summary, fromBytes.summary, 'the module still audits after a cancel');
});

test('the batch format: each distinct issue shape once, issues as references, rows counted beside the JSON, in both languages', () => {
  const header = '受付番号,診断年月日,入国日,国籍,パスポート番号,現在のステータス,死亡年月日,場所区分\n';
  const kinds = [
    'A-{i},2021-06-10,2021-06-01,中国,,入院中,,家庭内', // passport.required, with related fields
    'A-{i},2021-06-10,,日本,ＴＫ１２３４５６７,入院中,,家庭内', // full-width passport, with a fix
    'A-{i},R3.6.10,,,,死亡,,', // death without a date, no place category
    'A-{i},2021-06-10,,,,入院中,,"家庭内 ""台所"""', // outside the built-in list
    'A-{i},2021-06-10,,,,入院中,,家庭内', // no issue
    'A-{i},2021-06-10,2021-06-01,中国,,入院中', // row.columns (a row finding) and passport.required
  ];
  let csv = header;
  for (let i = 0; i < 3000; i++) csv += `${kinds[(i * 7) % kinds.length].replace('{i}', i)}\n`;
  const bytes = Buffer.from(csv);
  for (const lang of ['ja', 'en']) {
    const wired = createAuditor({}, { lang, today: '2021-07-01' });
    const plain = createAuditor({}, { lang, today: '2021-07-01' });
    let failing = 0;
    let rows = 0;
    const check = (wire, expected) => {
      assert.deepEqual(Object.keys(wire), ['rows', 'json']);
      assert.equal(typeof wire.rows, 'number');
      assert.doesNotMatch(wire.json, /"rows"/, 'the count travels beside the JSON, not in it');
      const batch = readBatch(wire);
      rows += batch.rows;
      failing += batch.failing.length;
      // Each shape once, each referenced; issues are indices or [index, fix].
      const shapes = batch.shapes.map((shape) => JSON.stringify(shape));
      assert.equal(new Set(shapes).size, shapes.length, 'no shape twice in a batch');
      const used = new Set();
      for (const row of batch.failing) {
        for (const issue of row.issues) {
          if (typeof issue === 'number') used.add(issue);
          else if (Array.isArray(issue)) (used.add(issue[0]), assert.equal(typeof issue[1], 'string'));
          else assert.equal(issue.code, 'row.duplicate', 'only a repeat (its message names its earlier row) is written whole');
        }
      }
      assert.equal(used.size, batch.shapes.length, 'every shape is referenced');
      const expanded = expandRows(batch);
      assert.deepEqual({ rows: batch.rows, failing: expanded }, expected, 'push() gives the batch expanded');
      for (const row of expanded) {
        assert.deepEqual(Object.keys(row), ['row', 'index', 'ids', 'issues']);
        for (const issue of row.issues) {
          const keys = Object.keys(issue);
          assert.deepEqual(keys.filter((k) => k !== 'field' && k !== 'fix' && k !== 'earlierRow'), ['code', 'related', 'severity', 'message']);
          if (issue.earlierRow !== undefined) assert.equal(issue.code, 'row.duplicate');
          if (issue.fix !== undefined) assert.equal(keys.at(-1), 'fix');
        }
      }
      return expanded;
    };
    let fixes = 0;
    for (let at = 0; at < bytes.length; at += 4099) {
      const chunk = bytes.subarray(at, at + 4099);
      const expanded = check(wired.pushBatch(chunk), plain.push(chunk));
      fixes += expanded.flatMap((row) => row.issues).filter((issue) => issue.code === 'passport.halfwidth' && issue.fix === 'TK1234567').length;
    }
    check(wired.finishBatch(), plain.finish());
    assert.equal(rows, 3000, 'every row counted once');
    assert.ok(failing > 2000, `${failing} failing rows`);
    assert.equal(fixes, 500, 'the full-width passport rows carry their fix');
    // Every issue is an object of its own: changing one changes no other.
    const again = createAuditor({}, { lang, today: '2021-07-01' });
    const [first, second] = again.push(bytes).failing.filter((row) => row.issues.some((issue) => issue.code === 'passport.required'));
    const issueOf = (row) => row.issues.find((issue) => issue.code === 'passport.required');
    issueOf(first).related.push('sex');
    issueOf(first).message = '';
    assert.deepEqual(issueOf(second).related, ['entryDate', 'diagnosisDate']);
    assert.ok(issueOf(second).message.length > 10);
    again.free();
    wired.free();
    plain.free();
  }
});

test('a batch carries a refusal, and push() throws it', () => {
  const garbage = Buffer.concat([zlib.gzipSync(BYTES), Buffer.alloc(70_000, 1)]);
  const wired = createAuditor({}, {});
  const batch = readBatch(wired.pushBatch(garbage));
  assert.equal(batch.refused.code, 'file.binary');
  assert.match(batch.refused.message, /\S/);
  assert.deepEqual(batch.failing, []);
  const plain = createAuditor({}, {});
  assert.throws(() => plain.push(garbage), (error) => error instanceof AuditRefusedError && error.code === 'file.binary' && error.message === batch.refused.message);
  wired.free();
  plain.free();
});
