// The audit on several workers (js/audit/pool.js, js/audit/node/path.js, the
// CLI's --jobs) gives exactly the report of one auditor, whatever the number
// of workers and wherever the segments are cut: quoted line breaks and
// unclosed quotes straddling every split point; and cancel still works.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditStream, initAudit } from '../../js/audit.js';
import { auditInSegments, serveSegments } from '../../js/audit/pool.js';
import { auditPath } from '../../js/audit/node/path.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'hersys-validator.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-parallel-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const OPTIONS = { today: '2023-06-30' };
const HEADER = '受付番号,現在のステータス,場所区分,場所名称,診断年月日,入国日,パスポート番号\r\n';

// Pieces rows are made of: cells, delimiters, every line break, and quotes
// that open, close, escape or never close.
const PIECES = ['A-1', '入院中', '死亡', '場所種別不明', '2023-06-01', '2023/13/40', ',', ',', ',', '\n', '\r\n', '\r', '"',
  '"x\ny"', '"a,\r\nb"', '"""q"""', '"open,\nrest', ',,,,', 'ｱｲｳ', 'ＴＫ１２３'];

function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function nasty(seed, pieces) {
  const next = random(seed);
  let text = HEADER;
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return new TextEncoder().encode(text);
}

/** Failing rows and summary, as one JSON text (the report's bytes, in effect). */
async function report(run) {
  const rows = [];
  let columns = null;
  const summary = await run({
    onColumns: (c) => {
      assert.equal(rows.length, 0, 'columns come before rows');
      columns = c;
    },
    onRows: (batch) => rows.push(...batch),
  });
  return JSON.stringify({ columns, rows, summary });
}

const single = (bytes) => report((hooks) => auditStream(bytes, {}, OPTIONS, hooks));

/** A pool whose "workers" run in this thread, messages cloned as postMessage would. */
function inThreadPool(bytes, jobs, segmentBytes) {
  const read = async (start, end) => bytes.slice(start, end);
  return {
    file: { size: bytes.length, read },
    pool: {
      jobs,
      segmentBytes,
      spawn(init) {
        let toMain = () => {};
        let toWorker = () => {};
        serveSegments({ post: (m) => queueMicrotask(() => toMain(structuredClone(m))), onMessage: (h) => (toWorker = h) }, { read, chunkBytes: 7 });
        queueMicrotask(() => toWorker(structuredClone(init)));
        return { post: (m) => queueMicrotask(() => toWorker(structuredClone(m))), onMessage: (h) => (toMain = h), terminate() {} };
      },
    },
  };
}

async function segmented(bytes, jobs, segmentBytes) {
  const { file, pool } = inThreadPool(bytes, jobs, segmentBytes);
  return report(async (hooks) => (await auditInSegments(file, {}, OPTIONS, hooks, pool)) ?? auditStream(bytes, {}, OPTIONS, hooks));
}

test('segments cut at every offset give the report of one auditor (in-thread pool, 2 and 3 workers)', async () => {
  await initAudit();
  for (const seed of [1, 2, 3, 4]) {
    const bytes = nasty(seed, 160);
    const expected = await single(bytes);
    // Segment 1 cuts at every offset; the others move the cuts around.
    for (let segment = 1; segment <= bytes.length; segment += segment < 24 ? 1 : 13) {
      assert.equal(await segmented(bytes, 2 + (segment % 2), segment), expected, `seed ${seed}, segment ${segment}`);
    }
  }
});

test('a quoted cell with line breaks across every split point, in Shift_JIS, detected', async () => {
  let text = HEADER;
  for (let i = 0; i < 25; i++) text += `A-${i},入院中,"職場\n\r\n二行目","名,称\r\n続き",2023-06-0${(i % 9) + 1},,\r\n`;
  text += 'Z,"never closed,\nB,死亡,,,2023-06-01,,\n';
  const bytes = sjis(text);
  const expected = await single(bytes);
  assert.match(expected, /"encoding":"shift_jis"/);
  for (let segment = 1; segment <= bytes.length; segment += segment < 24 ? 1 : 11) {
    assert.equal(await segmented(bytes, 2, segment), expected, `segment ${segment}`);
  }
});

/** Shift_JIS bytes of `text` (the audit module decodes them; Node has no encoder, so map the few characters used). */
function sjis(text) {
  const table = new Map(Object.entries({
    受: [0x8e, 0xf3], 付: [0x95, 0x74], 番: [0x94, 0xd4], 号: [0x8d, 0x86], 現: [0x8c, 0xbb], 在: [0x8d, 0xdd], の: [0x82, 0xcc],
    ス: [0x83, 0x58], テ: [0x83, 0x65], ー: [0x81, 0x5b], タ: [0x83, 0x5e], 場: [0x8f, 0xea], 所: [0x8f, 0x8a], 区: [0x8b, 0xe6],
    分: [0x95, 0xaa], 名: [0x96, 0xbc], 称: [0x8f, 0xcc], 診: [0x90, 0x66], 断: [0x92, 0x66], 年: [0x94, 0x4e], 月: [0x8c, 0x8e],
    日: [0x93, 0xfa], 入: [0x93, 0xfc], 国: [0x8d, 0x91], パ: [0x83, 0x70], ポ: [0x83, 0x7c], ト: [0x83, 0x67], 院: [0x89, 0x40],
    中: [0x92, 0x86], 職: [0x90, 0x45], 二: [0x93, 0xf1], 行: [0x8d, 0x73], 目: [0x96, 0xda], 続: [0x91, 0xb1], き: [0x82, 0xab],
    死: [0x8e, 0x80], 亡: [0x96, 0x53],
  }));
  const out = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else if (table.has(ch)) out.push(...table.get(ch));
    else throw new Error(`no Shift_JIS for ${ch}`);
  }
  return Uint8Array.from(out);
}

test('a title row above the header and records repeated across segments: the report of one auditor', async () => {
  let text = '令和3年 陽性者一覧,,,\r\n,,,,凡例\r\n\r\n' + HEADER;
  for (let i = 0; i < 30; i++) text += `A-${i % 5},入院中,家庭内,自宅,2023-06-0${(i % 3) + 1},,\r\nZ,死亡,病院,院内,2023-06-01,,\r\n`;
  const bytes = new TextEncoder().encode(text);
  const expected = await single(bytes);
  const { summary, rows } = JSON.parse(expected);
  assert.equal(summary.headerLine, 4);
  assert.ok(summary.counts['row.duplicate'] > 30, 'repeats far and near');
  const repeat = rows.flatMap((r) => r.issues).find((i) => i.code === 'row.duplicate' && i.earlierRow === 6);
  assert.match(repeat.message, /6行目/);
  for (let segment = 1; segment <= bytes.length; segment += segment < 40 ? 1 : 17) {
    assert.equal(await segmented(bytes, 2 + (segment % 2), segment), expected, `segment ${segment}`);
  }
  const file = path.join(dir, 'titled.csv');
  fs.writeFileSync(file, bytes);
  for (const [jobs, segmentBytes] of [[2, 97], [3, 300]]) {
    assert.equal(await report((hooks) => auditPath(file, {}, OPTIONS, hooks, { jobs, segmentBytes })), expected, `${jobs} jobs, ${segmentBytes}`);
  }
});

test('worker threads: auditPath with 2 and 3 jobs and small segments gives the report of one auditor', async () => {
  const bytes = nasty(11, 3000);
  const file = path.join(dir, 'nasty.csv');
  fs.writeFileSync(file, bytes);
  const expected = await single(bytes);
  for (const [jobs, segmentBytes] of [[2, 97], [3, 1000], [2, 4096]]) {
    assert.equal(await report((hooks) => auditPath(file, {}, OPTIONS, hooks, { jobs, segmentBytes })), expected, `${jobs} jobs, ${segmentBytes}`);
  }
});

test('a file whose header does not end in the first 64 KiB is audited by one auditor', async () => {
  const bytes = new TextEncoder().encode(`${'受付番号'.repeat(7000)}\nA,B\n`);
  const file = path.join(dir, 'long-header.csv');
  fs.writeFileSync(file, bytes);
  assert.equal(await report((hooks) => auditPath(file, {}, OPTIONS, hooks, { jobs: 2, segmentBytes: 10 })), await single(bytes));
});

/** A file of about `megabytes` MB, quoted line breaks in every tenth row. */
function bigFile(name, megabytes) {
  const file = path.join(dir, name);
  const rows = [HEADER];
  let size = HEADER.length;
  for (let i = 0; size < megabytes * 1e6; i++) {
    const row = i % 10 === 3
      ? `A-${i},入院中,"職場\r\n二行目",名称,2023-06-01,,\r\n`
      : i % 7 === 0 ? `A-${i},,,,2023-06-31,,\r\n` : `A-${i},入院中,職場,名称,2023-06-01,,\r\n`;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  fs.writeFileSync(file, rows.join(''));
  return file;
}

test('the CLI writes the same bytes and exit code with --jobs 1, 2 and 3', () => {
  const file = bigFile('big.csv', 3.5);
  const runs = ['1', '2', '3'].flatMap((jobs) =>
    ['csv', 'json'].map((format) => ({ jobs, format, ...spawnSync(process.execPath, [CLI, 'audit', file, '--jobs', jobs, '--format', format, '--today', OPTIONS.today], { encoding: 'utf8', maxBuffer: 1 << 28 }) })),
  );
  for (const run of runs) {
    const first = runs.find((r) => r.format === run.format);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(run.stdout.length > 1000);
    assert.equal(run.stdout, first.stdout, `--jobs ${run.jobs} --format ${run.format}`);
    assert.equal(run.stderr, first.stderr);
  }
  const bad = spawnSync(process.execPath, [CLI, 'audit', file, '--jobs', '0'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--jobs/);
});

test('progress is reported and cancel stops the workers', async () => {
  const file = bigFile('cancel.csv', 6);
  const controller = new AbortController();
  let progress = 0;
  const audit = auditPath(file, {}, OPTIONS, {
    onProgress: ({ bytes }) => {
      progress = bytes;
      if (bytes > 2e6) controller.abort();
    },
    signal: controller.signal,
  }, { jobs: 2, segmentBytes: 1 << 20 });
  await assert.rejects(audit, { name: 'AbortError' });
  assert.ok(progress > 2e6);
  // Progress reaches the file's size when not cancelled.
  let last = null;
  const summary = await auditPath(file, {}, OPTIONS, { onProgress: (p) => (last = p) }, { jobs: 2, segmentBytes: 1 << 20 });
  assert.equal(last.bytes, fs.statSync(file).size);
  assert.equal(last.rows, summary.rows);
});

test('identifying cells with quotes, control characters, line breaks, U+2028 and emoji come back exactly (the JSON of the batches)', async () => {
  await initAudit();
  const { createAuditor } = await import('../../js/audit.js');
  const values = ['a"b\\c', 'tab\there', 'nl\r\nx', '\u0001\u001f\u007f', '</script>', '\u2028\u2029', '😀', '\\u0041'];
  const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  let text = '受付番号,HER-SYS ID,現在のステータス,場所区分,診断年月日\n';
  for (let i = 0; i < 200; i++) text += `${cell(values[i % values.length])},${cell(values[(i + 3) % values.length])},${i % 3 ? '入院中' : ''},,2023-0${(i % 9) + 1}-3${i % 3}\n`;
  const bytes = new TextEncoder().encode(text);
  for (const lang of ['ja', 'en']) {
    const auditor = createAuditor({}, { ...OPTIONS, lang });
    const failing = [];
    for (let at = 0; at < bytes.length; at += 333) failing.push(...auditor.push(bytes.subarray(at, at + 333)).failing);
    failing.push(...auditor.finish().failing);
    assert.equal(failing.length, 200, 'every row lacks its place category');
    for (const row of failing) {
      const i = row.index - 1;
      // Cells are read trimmed (U+2028 and U+2029 are white space).
      assert.deepEqual(row.ids, [values[i % values.length].trim(), values[(i + 3) % values.length].trim()], `row ${row.row}`);
    }
    auditor.free();
  }
});

