// The JS pipeline of the batch benchmark (bench/js-rules/pipeline.js:
// TextDecoder + papaparse + header map + the valibot rules) audits generated
// case files exactly as auditStream() does: the same rows, rows with errors
// and warnings, blank rows, counts per code (for every code the pipeline
// implements) and the same failing rows with the same issues. A benchmark of
// audits that disagree measures nothing. bench/run.mjs asserts the same, with
// the native build too, on the 10k-row files it times.
//
// Files: SYNTHETIC, from the repo's generator (src/bin/gen_cases.rs), small
// (3,000 rows) so the test stays fast.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditStream } from '../../js/audit.js';
import { init, fields } from '../../js/index.js';
import { FIELDS } from '../../bench/js-rules/common.js';
import { auditPipeline, createPipeline, lookupHeader, LABELS, PIPELINE_CODES } from '../../bench/js-rules/pipeline.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-pipeline-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const TODAY = '2024-03-31'; // gen_cases: clean rows are clean for any day in 2023-01-31..2030-05-31
const ROWS = 3000;

function generate(name, ...args) {
  const file = path.join(dir, name);
  execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'gen_cases', '--', '--rows', String(ROWS), ...args, '--out', file], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return fs.readFileSync(file);
}

const FILES = [
  ['UTF-8, CR LF', 'utf-8', generate('utf8.csv', '--encoding', 'utf-8', '--defects', '0.3', '--seed', '11')],
  ['Shift_JIS, CR LF', 'shift_jis', generate('sjis.csv', '--encoding', 'shift_jis', '--defects', '0.3', '--seed', '12')],
  ['UTF-8 with BOM, LF', 'utf-8', generate('utf8-bom-lf.csv', '--encoding', 'utf-8', '--bom', '--lf', '--defects', '0.3', '--seed', '13')],
  ['Shift_JIS, the benchmark parameters', 'shift_jis', generate('sjis-bench.csv', '--encoding', 'shift_jis', '--defects', '0.1', '--seed', '42')],
];

/** The fields of a summary the pipeline computes. */
function comparable(summary) {
  return {
    rows: summary.rows,
    rowsWithErrors: summary.rowsWithErrors,
    rowsWithWarnings: summary.rowsWithWarnings,
    blankRows: summary.blankRows,
    bytes: summary.bytes,
    counts: Object.fromEntries(PIPELINE_CODES.map((code) => [code, summary.counts[code] ?? 0])),
  };
}

/** Failing rows as `index: code@field ← related …`, sorted. */
function failingRows(rows) {
  return rows.map((row) => `${row.index}: ${row.issues.map((i) => `${i.code}@${i.field ?? ''}←${[...i.related].join(',')}/${i.severity}`).sort().join(' ')}`);
}

async function both(bytes, encoding) {
  const ours = [];
  const js = [];
  const a = await auditStream(bytes, { encoding }, { today: TODAY }, { onRows: (rows) => ours.push(...rows) });
  const b = await auditPipeline(bytes, { encoding }, { today: TODAY }, { onRows: (rows) => js.push(...rows) });
  return { a, b, ours, js };
}

test.before(() => init());

test('the pipeline knows the codes of the rules plus row.columns and header.unmapped', () => {
  assert.equal(PIPELINE_CODES.length, 41); // the 39 field-level codes, row.columns and header.unmapped
  assert.ok(PIPELINE_CODES.includes('row.columns') && PIPELINE_CODES.includes('header.unmapped'));
  assert.ok(!PIPELINE_CODES.includes('row.quoting') && !PIPELINE_CODES.includes('row.encoding'));
});

test("the pipeline's header labels are the catalogue's (fields(): ja and aliases), and each maps to its key", () => {
  assert.deepEqual(Object.keys(LABELS), [...FIELDS]);
  for (const field of fields()) {
    assert.deepEqual(LABELS[field.key], [field.ja, ...field.aliases], field.key);
    for (const label of [field.key, field.ja, ...field.aliases]) assert.equal(lookupHeader(label), field.key, label);
  }
  // As people retype them: half-width parentheses, no parenthesised part, spaces.
  assert.equal(lookupHeader('パスポート番号(旅券番号)'), 'passportNumber');
  assert.equal(lookupHeader('パスポート番号'), 'passportNumber');
  assert.equal(lookupHeader(' 現在の ステータス '), 'status');
  assert.equal(lookupHeader('受付番号'), null);
});

for (const [name, encoding, bytes] of FILES) {
  test(`${name}: the pipeline gives the summary and the failing rows of auditStream`, async () => {
    const { a, b, ours, js } = await both(bytes, encoding);
    assert.equal(a.rows, ROWS);
    assert.equal(a.encoding, encoding);
    assert.ok(a.rowsWithErrors > 0 && (a.counts['row.columns'] ?? 0) > 0, 'the file has defects, malformed rows among them');
    assert.equal(a.counts['row.quoting'] ?? 0, 0);
    assert.equal(a.counts['row.encoding'] ?? 0, 0);
    assert.deepEqual(comparable(b), comparable(a));
    assert.deepEqual(failingRows(js), failingRows(ours));
  });
}

test('chunk boundaries anywhere (inside a character, a quoted field, a CR LF) change nothing', async () => {
  for (const [name, encoding, bytes] of FILES.slice(0, 2)) {
    const whole = await auditPipeline(bytes, { encoding }, { today: TODAY });
    for (const size of [1, 2, 3, 4099]) {
      const pipeline = createPipeline({ encoding, options: { today: TODAY } });
      // 1-, 2- and 3-byte chunks over the first 20 kB only (slow), then 64 KiB.
      let offset = 0;
      while (offset < bytes.length) {
        const n = offset < 20_000 ? size : 65_536;
        pipeline.push(bytes.subarray(offset, offset + n));
        offset += n;
      }
      pipeline.finish();
      assert.deepEqual(pipeline.summary(), whole, `${name}, chunks of ${size}`);
    }
  }
});

test('the file is never held whole: the text kept between chunks is one unfinished row', async () => {
  const [, encoding, bytes] = FILES[0];
  const pipeline = createPipeline({ encoding, options: { today: TODAY } });
  // A row is < 1 KB: after each 64 KiB chunk the rows it completed are out.
  let rows = 0;
  for (let offset = 0; offset < bytes.length; offset += 65_536) {
    const batch = pipeline.push(bytes.subarray(offset, offset + 65_536));
    if (offset > 0 && offset + 65_536 < bytes.length) assert.ok(batch.rows > 200, `${batch.rows} rows completed by a 64 KiB chunk`);
    rows += batch.rows;
  }
  rows += pipeline.finish().rows;
  assert.equal(rows, ROWS);
});
