// The benchmark's verdicts and bench/README.md's latest-run numbers.
//
// - bench/README.md's generated part (between <!-- bench:start --> and
//   <!-- bench:end -->) is exactly what bench/lib/readme.mjs renders from
//   bench/results.json: the two never drift (`node bench/readme.mjs` rewrites it).
// - targets() (bench/lib/targets.mjs) gives PASS when a target is met, MISS
//   when it is missed (median or, where judged, p99; by how much), and never
//   PASS for data the run does not have.
// Only rendering modules are imported: no browser, no build.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { againstTargets, benchSection, END, renderBenchSection, replaceBenchSection, START } from '../../bench/lib/readme.mjs';
import { report } from '../../bench/lib/report.mjs';
import { AUDIT_SIZE_BASELINE, LIMITS, shortfall, targets, verdict } from '../../bench/lib/targets.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

/** A perChange case: ours and the others' median and p99 in µs. */
const perChangeCase = (id, name, ours, others) => ({ id, name, impls: { ours, valibot: others, zod: others } });
/** A batch file with the ratios the targets read. */
const batchFile = (rows, encoding, ratios) => ({ rows, encoding, ratios: { oursVsPipeline: 5, oursVsNativeO3: 0.9, twoWorkersVsOne: 1.7, ...ratios } });
const cold = (init, total) => ({ init, total, p99: { init: init * 3, total: total * 2 } });

/** A run in which every target of issue 13 is met; `change` edits it. */
function results(change = (r) => r) {
  const r = {
    perChange: {
      results: [
        perChangeCase('validateField(diagnosisDate) valid', 'validateField(diagnosisDate)', { median: 5, p99: 20 }, { median: 12, p99: 50 }),
        perChangeCase('validate valid', 'validate', { median: 9, p99: 30 }, { median: 12, p99: 50 }),
      ],
    },
    load: {
      shipped: { ours: { total: { brotli: 56_000 }, minified: { total: { brotli: 50 * 1024 } } } },
      audit: { wasm: { brotli: 160_000 }, total: { brotli: 165_000 } },
      cold: { ours: cold(3.5, 20), oursBundled: cold(3, 18), zod: cold(2, 17) },
    },
    batch: { files: [batchFile(10_000, 'utf-8'), batchFile(1_000_000, 'utf-8'), batchFile(1_000_000, 'shift_jis')] },
  };
  change(r);
  return r;
}

const rowsOf = (rows, id) => rows.filter((row) => row.id === id);
const only = (rows, id, text) => {
  const hits = rows.filter((row) => row.id === id && row.target.includes(text));
  assert.equal(hits.length, 1, `one ${id} row with "${text}", got ${hits.length}`);
  return hits[0];
};

test("bench/README.md's latest full run is bench/results.json rendered (run `node bench/readme.mjs` when this fails)", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'bench', 'README.md'), 'utf8');
  assert.equal(benchSection(readme), renderBenchSection(readJson('bench/results.json')));
});

test('the rendering is a function of the results alone, and the report lists every target', () => {
  const committed = readJson('bench/results.json');
  assert.equal(renderBenchSection(committed), renderBenchSection(structuredClone(committed)));
  const text = report(committed);
  for (const id of ['13.1', '13.2', '13.3', '13.4', '13.5', '13.6']) assert.match(text, new RegExp(`^${id.replace('.', '\\.')}  `, 'm'), `TARGETS row ${id}`);
  assert.doesNotMatch(text, /BATCH TARGETS/, 'one TARGETS table, not a second one for the batch');
});

test('every target met: every row PASS, every target of issue 13 present', () => {
  const rows = targets(results());
  assert.deepEqual([...new Set(rows.map((r) => r.id))], ['13.1', '13.2', '13.3', '13.4', '13.5', '13.6', '6']);
  for (const row of rows) assert.equal(verdict(row), 'PASS', row.target);
  assert.equal(rowsOf(rows, '13.1').length, 2, 'validate: ÷ valibot and ÷ zod 4');
  assert.equal(rowsOf(rows, '13.3').length, 4, 'init and import → first result, as published and bundled');
  assert.equal(rowsOf(rows, '13.4').length, 2, 'the two 1M files, not the 10k one');
  assert.equal(rowsOf(rows, '13.5').length, 3, 'every file of the run');
  assert.equal(rowsOf(rows, '13.6').length, 3, 'forms; audit .wasm; audit .wasm + glue');
});

test('13.1 and 13.2: a p99 over the limit is a MISS even when the median passes, and says by how much', () => {
  const rows = targets(results((r) => {
    r.perChange.results[1].impls.ours.p99 = 60; // 60 ÷ 50 = 1.2× at p99, median 0.75×
    r.perChange.results[0].impls.ours.median = 9; // 9 ÷ 12 = 0.75× > 0.7×
  }));
  const record = only(rows, '13.1', 'ours ÷ valibot');
  assert.equal(record.pass, false);
  assert.equal(shortfall(record), '0.20×');
  assert.equal(only(rows, '13.2', 'ours ÷ zod 4').pass, false);
});

test('13.3: init() over 4 ms misses by the excess; the p99 is shown, not judged; without the bundled build, not measured', () => {
  const slow = only(targets(results((r) => (r.load.cold.ours = cold(5.1, 20)))), '13.3', 'init() ≤ 4 ms (as published)');
  assert.equal(slow.pass, false);
  assert.equal(shortfall(slow), '1.1 ms');
  const fast = only(targets(results()), '13.3', 'init() ≤ 4 ms (as published)');
  assert.ok(fast.p99 > LIMITS.initMs && fast.pass, 'a p99 init() over 4 ms does not fail the median target');
  const ratio = only(targets(results((r) => (r.load.cold.ours = cold(3, 17 * 1.25)))), '13.3', 'import → first result: ours ÷ zod 4 ≤ 1.2× (as published)');
  assert.equal(ratio.pass, false);
  const old = targets(results((r) => delete r.load.cold.oursBundled));
  for (const row of old.filter((x) => x.target.includes('bundled as the others'))) {
    assert.equal(row.pass, null);
    assert.equal(verdict(row), '—');
  }
  assert.equal(only(old, '13.3', 'init() ≤ 4 ms (as published)').pass, true);
});

test('13.4: 2 workers under 1.6× one is a MISS; a run without a 1M file is not measured, never PASS', () => {
  const missed = targets(results((r) => (r.batch.files[2].ratios.twoWorkersVsOne = 1.59)));
  assert.deepEqual(rowsOf(missed, '13.4').map(verdict), ['PASS', 'MISS']);
  const quick = targets(results((r) => (r.batch.files = [batchFile(10_000, 'utf-8'), batchFile(100_000, 'shift_jis')])));
  const [row, ...rest] = rowsOf(quick, '13.4');
  assert.equal(rest.length, 0);
  assert.equal(row.pass, null);
  assert.match(row.notMeasured, /no 1M file/);
  const noWorkers = targets(results((r) => r.batch.files.forEach((f) => delete f.ratios.twoWorkersVsOne)));
  assert.ok(rowsOf(noWorkers, '13.4').every((x) => x.pass === null));
});

test('a value the run lacks is not measured, neither PASS nor MISS', () => {
  const rows = targets(results((r) => {
    delete r.batch.files[0].ratios.oursVsNativeO3;
    r.perChange.results[1].impls.ours.p99 = undefined;
  }));
  assert.deepEqual(rowsOf(rows, '13.5').map(verdict), ['—', 'PASS', 'PASS']);
  assert.deepEqual(rowsOf(rows, '13.1').map(verdict), ['—', '—']);
});

test('13.5: one verdict per file of the run', () => {
  const rows = targets(results((r) => (r.batch.files[1].ratios.oursVsNativeO3 = 0.78)));
  assert.deepEqual(rowsOf(rows, '13.5').map(verdict), ['PASS', 'MISS', 'PASS']);
  assert.equal(shortfall(rowsOf(rows, '13.5')[1]), '0.02×');
});

test('13.6: the forms module within 50 KiB brotli, the audit module within +10 % of the size when the issue was filed', () => {
  const over = targets(results((r) => (r.load.shipped.ours.minified.total.brotli = 50 * 1024 + 1)));
  assert.equal(only(over, '13.6', 'forms module').pass, false);
  const limit = AUDIT_SIZE_BASELINE.wasmBrotli * (1 + LIMITS.auditGrowth); // 171,334.9 bytes
  const within = targets(results((r) => (r.load.audit.wasm.brotli = Math.floor(limit))));
  assert.equal(only(within, '13.6', 'audit module .wasm grows').pass, true);
  const grown = targets(results((r) => (r.load.audit.wasm.brotli = Math.ceil(limit))));
  const row = only(grown, '13.6', 'audit module .wasm grows');
  assert.equal(row.pass, false);
  assert.ok(row.value > 10 && row.value < 10.01, `growth in %: ${row.value}`);
  const unsized = targets(results((r) => delete r.load.audit));
  assert.ok(rowsOf(unsized, '13.6').filter((x) => x.target.startsWith('audit')).every((x) => x.pass === null));
});

test('no data, no PASS: an empty run measures nothing, and a target partly measured is not called PASS', () => {
  const rows = targets({});
  assert.deepEqual([...new Set(rows.map((r) => r.id))], ['13.1', '13.2', '13.3', '13.4', '13.5', '13.6', '6']);
  for (const row of rows) assert.equal(row.pass, null, row.target);
  assert.match(report({}), /TARGETS/);
  const partly = againstTargets(targets(results((r) => delete r.load.audit))).join('\n');
  assert.match(partly, /\*\*13\.6 Size stays: PASS where measured, 2 of 3 not measured\*\*/);
  const missed = againstTargets(targets(results((r) => (r.batch.files[0].ratios.oursVsNativeO3 = 0.5)))).join('\n');
  assert.match(missed, /\*\*13\.5 Single-thread audit: MISS\*\*/);
  assert.match(missed, /10k utf-8: 0\.50× — MISS by 0\.30×/);
});

test('the generated part is found between its markers, once each, or the README is refused', () => {
  const readme = `intro\n${START}\nold\n${END}\noutro\n`;
  assert.equal(replaceBenchSection(readme, `${START}\nnew $& $1\n${END}`), `intro\n${START}\nnew $& $1\n${END}\noutro\n`);
  assert.throws(() => benchSection('no markers'), /markers/);
  assert.throws(() => benchSection(`${END}\n${START}`), /markers/);
  assert.throws(() => benchSection(`${START}${END}${START}${END}`), /markers/);
});
