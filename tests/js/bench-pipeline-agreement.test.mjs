// The JS pipeline of the batch benchmark (bench/js-rules/pipeline.js:
// TextDecoder + papaparse + header map + the valibot rules) audits case files
// exactly as auditStream() does on the codes it declares (PIPELINE_CODES):
// the same rows, rows with errors and warnings, blank rows, header line,
// counts per code and the same failing rows (line, record number, ids) with
// the same issues (and the earlier row of a repeat), or the same refusal.
// Ours is seen through those codes (onPipelineCodes of pipeline.js: other
// codes dropped from its failing rows, its rows with errors and warnings
// counted on what is left), so a new code of ours breaks nothing here. A
// benchmark of audits that disagree measures nothing.
// bench/run.mjs asserts the same, with the native build too, on the 10k-row
// files it times.
//
// Files: SYNTHETIC, from the repo's generator (examples/gen_cases.rs), small
// (3,000 rows) so the test stays fast; the files shaped like public case
// lists of tests/fixtures/public-lists (title rows, legend blocks, aliases,
// missing columns, shifted and repeated rows, no header; not
// values-as-typed.csv, see NOT_COMPARED); and small files
// written here for the header search, bracketed notes, line numbers and
// repeats.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditStream } from '../../js/audit.js';
import { init, fields, rules } from '../../js/index.js';
import { FIELDS } from '../../bench/js-rules/common.js';
import {
  auditPipeline, createPipeline, lookupHeader, onPipelineCodes, LABELS, PIPELINE_CODES, ROW_SEVERITY,
} from '../../bench/js-rules/pipeline.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PUBLIC_LISTS = path.join(ROOT, 'tests/fixtures/public-lists');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-pipeline-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const TODAY = '2024-03-31'; // gen_cases: clean rows are clean for any day in 2023-01-31..2030-05-31
const ROWS = 3000;

function generate(name, ...args) {
  const file = path.join(dir, name);
  execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'gen_cases', '--', '--rows', String(ROWS), ...args, '--out', file], {
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
    headerLine: summary.headerLine ?? 0, // ours has none for a file with no row at all
    counts: Object.fromEntries(PIPELINE_CODES.map((code) => [code, summary.counts[code] ?? 0])),
  };
}

/** Failing rows as `line/index [ids]: code@field ← related/severity ^earlier row …`, issues sorted. */
function failingRows(rows) {
  const issue = (i) =>
    `${i.code}@${i.field ?? ''}←${[...i.related].join(',')}/${i.severity}${i.earlierRow === undefined ? '' : `^${i.earlierRow}`}`;
  return rows.map((row) => `${row.row}/${row.index} [${row.ids.join('|')}]: ${row.issues.map(issue).sort().join(' ')}`);
}

async function both(bytes, encoding) {
  const oursRows = [];
  const jsRows = [];
  const a = await auditStream(bytes, { encoding }, { today: TODAY }, { onRows: (rows) => oursRows.push(...rows) });
  const b = await auditPipeline(bytes, { encoding }, { today: TODAY }, { onRows: (rows) => jsRows.push(...rows) });
  return { a, b, oursRows, jsRows };
}

/** An audit's outcome: its summary and failing rows (`seen` through some codes), or the code of its refusal. */
async function outcome(audit, bytes, encoding, seen = (summary, rows) => ({ summary, rows })) {
  const failing = [];
  try {
    const audited = await audit(bytes, { encoding }, { today: TODAY }, { onRows: (batch) => failing.push(...batch) });
    const { summary, rows } = seen(audited, failing);
    return { summary: comparable(summary), rows: failingRows(rows) };
  } catch (error) {
    if (typeof error.code !== 'string') throw error;
    return { refused: error.code };
  }
}

/** Ours on the pipeline's codes, and the pipeline. */
const ours = (bytes, encoding) => outcome(auditStream, bytes, encoding, onPipelineCodes);
const js = (bytes, encoding) => outcome(auditPipeline, bytes, encoding);

const utf8 = (text) => new TextEncoder().encode(text);
const HEADER = '受付番号,診断年月日,現在のステータス,場所区分,場所名称,入国日,パスポート番号（旅券番号）';
const CLEAN = '2021-06-01,入院中,家庭内,';

/** Small files for what the generated ones lack: where the header is, how it is named, lines, repeats. */
const WRITTEN = [
  [
    'a title and blank lines above the header',
    `陽性者一覧（診断年月日順）\r\n\r\n,,,\r\n${HEADER}\r\nA-1,${CLEAN},,\r\n`,
  ],
  [
    'a legend whose quoted cell spans lines above the header',
    `,"凡例:\n診断年月日, 場所区分\n現在のステータス",\n\n${HEADER}\nA-1,${CLEAN},,\nA-2,2021-06-02,死亡,,,,\n`,
  ],
  [
    'a title naming one field is not the header; the first of two equal lines is',
    '診断年月日別\n診断日,場所区分\n確定日,場所区分,状態\nA,2021-06-01,家庭内\n',
  ],
  [
    'bracketed notes, aliases, a second column of a field and lookalikes',
    '受付番号,確定日【必須】,陽性確定日,入国日（帰国日）,旅券番号[半角],現在のステータス〔選択〕,死亡日《判明分》,死亡場所,' +
      '場所区分（）,公表_年月日,患者_状態,転帰,曜日,療養日数,No\n' +
      'A-1,2021-06-01,2021-06-01,2021-05-30,,入院中,,,家庭内,2021-06-02,軽症,,火,10,1\n' +
      'A-2,2021-06-31,,2021-06-20,ｍｋ１２３４５６７,死亡,,,,,,,,,2\n',
  ],
  [
    "no status, death or place column: findings on them are the file's",
    '受付番号,診断年月日,入国日,旅券番号\nA-1,2021-06-01,2021-05-30,\nA-2,,,\nA-3,2021-06-01,2021-05-30,\n',
  ],
  [
    'repeats: in every mapped column, not the ids; never empty or broken rows',
    `${HEADER}\n` +
      `A-1,${CLEAN},,\nA-2,${CLEAN},,\nA-3,${CLEAN},, \nA-4,${CLEAN},\nA-5,${CLEAN},\n` +
      'A-6,,,,,,\nA-7,,,,,,\nA-8, , ,,,,\nA-9, , ,,,,\n,,,,,,\n' +
      `A-10,"${CLEAN.replace(',', '",')},,\n` +
      'A-11,2021-06-01,死亡,家庭内,"病院\n2階",,\nA-12,2021-06-01,死亡,家庭内,"病院\n2階",,\n',
  ],
  [
    'a lone CR and CR LF inside quoted cells count as lines',
    `${HEADER}\r\nA-1,"2021-06-01\r",入院中,"a\rb",,,\r\nA-2,"x\r\ny",入院中,,,,\r\nA-3,2021-06-01,,,,,\r\n`,
  ],
  ['the header on line 50 is found', `${'title\n'.repeat(49)}${HEADER}\nA-1,${CLEAN},,\n`],
  ['the header on line 51 is not: refused', `${'title\n'.repeat(50)}${HEADER}\nA-1,${CLEAN},,\n`],
  ['the header within the first 64 KiB is found', `${`${'x'.repeat(2000)}\n`.repeat(30)}${HEADER}\nA-1,${CLEAN},,\n`],
  ['the header past the first 64 KiB is not: refused', `${`${'x'.repeat(2000)}\n`.repeat(40)}${HEADER}\nA-1,${CLEAN},,\n`],
  ['no line maps two fields: refused', '名前,備考\nA,B\n'],
  ['an empty file', ''],
  ['a header alone, no line break', HEADER],
];

test.before(() => init());

/** The codes of the checks the notice asks for (記1, 記2①②). */
const NOTICE_CODES = ['passport.required', 'diagnosis.required', 'status.required', 'death.date_required', 'death.place_required', 'place.category_required'];

test("the pipeline's codes: the notice's checks, row.columns, row.duplicate and the header counts among them, each a code of rules() with its severity", () => {
  const severity = new Map(rules().map((r) => [r.code, r.severity]));
  assert.equal(new Set(PIPELINE_CODES).size, PIPELINE_CODES.length);
  for (const code of PIPELINE_CODES) {
    assert.ok(severity.has(code), `${code} is a code of rules()`);
    // A row's code has the severity that decides rowsWithErrors/rowsWithWarnings; the header counts are the file's.
    if (!code.startsWith('header.')) assert.equal(ROW_SEVERITY[code], severity.get(code), code);
  }
  const added = ['row.columns', 'row.duplicate', 'header.unmapped', 'header.skipped', 'header.missing', 'header.unrecognised'];
  for (const code of [...NOTICE_CODES, ...added]) assert.ok(PIPELINE_CODES.includes(code), code);
  for (const code of ['row.quoting', 'row.encoding', 'row.too_long']) assert.ok(!PIPELINE_CODES.includes(code), code);
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
  // A bracketed note at the end is dropped, one at a time (src/fields.rs lookup_header).
  assert.equal(lookupHeader('入国日（帰国日）'), 'entryDate');
  assert.equal(lookupHeader('入国日(帰国日)(任意)'), 'entryDate');
  for (const note of ['（必須）', '［必須］', '[必須]', '【必須】', '〔必須〕', '《必須》']) {
    assert.equal(lookupHeader(`診断年月日${note}`), 'diagnosisDate', note);
  }
  assert.equal(lookupHeader('診断年月日（'), null);
  assert.equal(lookupHeader('（）'), null);
  assert.equal(lookupHeader('（診断年月日）'), null);
  // 患者_状態 holds severity, never 現在のステータス.
  assert.equal(lookupHeader('患者_状態'), null);
});

for (const [name, encoding, bytes] of FILES) {
  test(`${name}: the pipeline gives the summary and the failing rows of auditStream`, async () => {
    const { a, b, oursRows, jsRows } = await both(bytes, encoding);
    assert.equal(a.rows, ROWS);
    assert.equal(a.encoding, encoding);
    assert.ok(a.rowsWithErrors > 0 && (a.counts['row.columns'] ?? 0) > 0, 'the file has defects, malformed rows among them');
    assert.equal(a.counts['row.quoting'] ?? 0, 0);
    assert.equal(a.counts['row.encoding'] ?? 0, 0);
    const seen = onPipelineCodes(a, oursRows);
    assert.deepEqual(comparable(b), comparable(seen.summary));
    assert.deepEqual(failingRows(jsRows), failingRows(seen.rows));
  });
}

// Its values exercise rules the peers do not implement; ours is checked on it by tests/audit.rs and the CLI/page tests.
const NOT_COMPARED = ['values-as-typed.csv'];

test('the files shaped like public case lists: the pipeline gives the outcome of auditStream', async () => {
  const names = fs.readdirSync(PUBLIC_LISTS).filter((name) => name.endsWith('.csv') && !NOT_COMPARED.includes(name)).sort();
  assert.ok(names.length >= 7);
  let repeats = 0;
  for (const name of names) {
    const bytes = fs.readFileSync(path.join(PUBLIC_LISTS, name));
    const encoding = name.includes('shift-jis') ? 'shift_jis' : 'utf-8';
    const expected = await ours(bytes, encoding);
    assert.deepEqual(await js(bytes, encoding), expected, name);
    repeats += expected.summary?.counts['row.duplicate'] ?? 0;
  }
  assert.ok(repeats > 0, 'the fixtures hold repeated records');
});

for (const [name, text] of WRITTEN) {
  test(`${name}: the pipeline gives the outcome of auditStream`, async () => {
    assert.deepEqual(await js(utf8(text), 'utf-8'), await ours(utf8(text), 'utf-8'));
  });
}

test("the files compared hit every check of the notice (the pipeline's counts, equal to ours above)", async () => {
  const sources = [
    ...FILES.map(([, encoding, bytes]) => [bytes, encoding]),
    ...WRITTEN.map(([, text]) => [utf8(text), 'utf-8']),
  ];
  const hit = new Set();
  for (const [bytes, encoding] of sources) {
    const { summary } = await js(bytes, encoding); // none when refused
    for (const [code, n] of Object.entries(summary?.counts ?? {})) if (n > 0) hit.add(code);
  }
  for (const code of NOTICE_CODES) assert.ok(hit.has(code), code);
});

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
  // The header found on the first 64 KiB alone, whatever the chunks (1 or 3 bytes over the first 4 kB, then 4099).
  for (const [name, text] of WRITTEN) {
    const bytes = utf8(text);
    const whole = await outcome(auditPipeline, bytes, 'utf-8');
    for (const size of [1, 3]) {
      const chunks = (async function* () {
        for (let offset = 0, n; offset < bytes.length; offset += n) {
          n = offset < 4000 ? size : 4099;
          yield bytes.subarray(offset, offset + n);
        }
      })();
      assert.deepEqual(await outcome(auditPipeline, chunks, 'utf-8'), whole, `${name}, chunks of ${size}`);
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
