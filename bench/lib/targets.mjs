// The targets of issue 13, judged on one run's results (bench/results.json):
// a pure function, so that run.mjs, the README and the tests say the same.
//
// A row: { id, target, unit, limit, atMost, value, p99?, judgeP99, pass }
//   value   the median of the run (batch: the ratio of the median times;
//           sizes: as built); p99 where the run has one
//   pass    true (PASS), false (MISS) or null: not measured in this run
//           (then `notMeasured` says why). Missing data is never a PASS.
import { kb, ms, sizeName } from './format.mjs';
import { LABEL } from './implementations.mjs';

export const LIMITS = {
  /** 13.1: whole-record validate(), ours ÷ valibot and ours ÷ zod 4, median and p99. */
  wholeRecord: 1.0,
  /** 13.2: validateField, ours ÷ valibot and ours ÷ zod 4, median and p99. */
  perChange: 0.7,
  /** 13.3: init() in a fresh context, ms (median). */
  initMs: 4,
  /** 13.3: import → first result, ours ÷ zod 4 (median). */
  coldVsZod: 1.2,
  /** 13.4: 2 Web Workers ÷ 1 on the files of `twoWorkersRows` rows. */
  twoWorkers: 1.6,
  twoWorkersRows: 1_000_000,
  /** 13.5: single-thread audit ÷ native at opt-level 3 (the audit module's level). */
  vsNativeO3: 0.8,
  /** 13.6: the forms module, brotli bytes (KB read as KiB, as the build's size table prints). */
  formsBrotli: 50 * 1024,
  /** 13.6: the audit module grows by at most this fraction of AUDIT_SIZE_BASELINE. */
  auditGrowth: 0.1,
  /** Issue 6, kept as a reference row: the audit ÷ the papaparse + valibot pipeline. */
  vsPipeline: 2,
};

/**
 * The audit module's size when issue 13 was filed: measured by building
 * commit 8d081f8 with scripts/build.mjs (brotli bytes). The forms module's
 * .wasm + glue was 47,068 B then.
 */
export const AUDIT_SIZE_BASELINE = { commit: '8d081f8', wasmBrotli: 155_759, totalBrotli: 159_735, formsTotalBrotli: 47_068 };

/**
 * The batch files 13.5 is judged on, by row count; null: every file of the
 * run (10k, 100k, 1M in both encodings). Small files weigh start-up and
 * noise more than throughput, so the judged set may be narrowed here.
 */
export const SINGLE_THREAD_JUDGED_ROWS = null;

/** What each target is about, for the README's list. */
export const TARGET_TITLES = {
  '13.1': 'Whole record',
  '13.2': 'Per change',
  '13.3': 'Cold start',
  '13.4': 'Audit on every core',
  '13.5': 'Single-thread audit',
  '13.6': 'Size stays',
  '6': 'Audit against the JS pipeline (issue 6, kept for reference)',
};

const notMeasured = (id, target, why) => ({ id, target, notMeasured: why, pass: null });

/** The values a row's verdict rests on: the median, and the p99 where judged. */
const judgedValues = (row) => (row.judgeP99 ? [row.value, row.p99] : [row.value]);

/** A measured row: PASS when every judged value is within the limit (a value the run lacks: not measured). */
function measured({ judgeP99 = false, ...fields }) {
  const row = { ...fields, judgeP99 };
  if (!judgedValues(row).every(Number.isFinite)) return notMeasured(row.id, row.target, 'no value in this run');
  return { ...row, pass: judgedValues(row).every((x) => (row.atMost ? x <= row.limit : x >= row.limit)) };
}

/** 13.1 and 13.2: every case of the perChange section against valibot and zod 4. */
function perChangeTargets(pc) {
  if (!pc?.results) {
    return [
      notMeasured('13.1', `validate(): ours ÷ valibot and zod 4 ≤ ${LIMITS.wholeRecord.toFixed(1)}×`, 'perChange section not run'),
      notMeasured('13.2', `validateField: ours ÷ valibot and zod 4 ≤ ${LIMITS.perChange.toFixed(1)}×`, 'perChange section not run'),
    ];
  }
  const cases = [...pc.results].sort((a, b) => Number(b.name === 'validate') - Number(a.name === 'validate'));
  return cases.flatMap((r) => {
    const record = r.name === 'validate';
    const limit = record ? LIMITS.wholeRecord : LIMITS.perChange;
    return ['valibot', 'zod'].map((other) =>
      measured({
        id: record ? '13.1' : '13.2',
        target: `${r.id}: ours ÷ ${LABEL[other]} ≤ ${limit.toFixed(1)}×`,
        unit: 'ratio',
        limit,
        atMost: true,
        value: r.impls.ours.median / r.impls[other].median,
        p99: r.impls.ours.p99 / r.impls[other].p99,
        judgeP99: true,
      }),
    );
  });
}

/** 13.3: ours as published (lib/: five modules) and bundled + minified by rolldown as the others are. */
function coldTargets(cold) {
  const builds = [['ours', 'as published'], ['oursBundled', 'bundled as the others']];
  const initTarget = (how) => `init() ≤ ${LIMITS.initMs} ms (${how})`;
  const totalTarget = (how) => `import → first result: ours ÷ zod 4 ≤ ${LIMITS.coldVsZod.toFixed(1)}× (${how})`;
  const missing = (key) => (cold ? `no ${key} cold start in this run` : 'load section not run');
  return [
    ...builds.map(([key, how]) =>
      cold?.[key]
        ? measured({ id: '13.3', target: initTarget(how), unit: 'ms', limit: LIMITS.initMs, atMost: true, value: cold[key].init, p99: cold[key].p99.init })
        : notMeasured('13.3', initTarget(how), missing(key)),
    ),
    ...builds.map(([key, how]) =>
      cold?.[key] && cold.zod
        ? measured({ id: '13.3', target: totalTarget(how), unit: 'ratio', limit: LIMITS.coldVsZod, atMost: true, value: cold[key].total / cold.zod.total, p99: cold[key].p99.total / cold.zod.p99.total })
        : notMeasured('13.3', totalTarget(how), missing(key)),
    ),
  ];
}

const fileName = (f) => `${sizeName(f.rows)} ${f.encoding}`;

/** 13.4 and 13.5, from the batch section's files. */
function batchTargets(batch) {
  const files = batch?.files ?? [];
  const why = batch ? undefined : 'batch section not run';
  const workersTarget = `2 Web Workers ≥ ${LIMITS.twoWorkers}× one worker on the ${sizeName(LIMITS.twoWorkersRows)}-row files`;
  const bigFiles = files.filter((f) => f.rows >= LIMITS.twoWorkersRows);
  const workers = bigFiles.length === 0
    ? [notMeasured('13.4', workersTarget, why ?? `no ${sizeName(LIMITS.twoWorkersRows)} file in this run`)]
    : bigFiles.map((f) =>
        f.ratios.twoWorkersVsOne === undefined
          ? notMeasured('13.4', `${workersTarget}: ${fileName(f)}`, 'no worker runs in this run (--batch-no-workers)')
          : measured({ id: '13.4', target: `${workersTarget}: ${fileName(f)}`, unit: 'ratio', limit: LIMITS.twoWorkers, atMost: false, value: f.ratios.twoWorkersVsOne }),
      );
  const singleTarget = `single thread ≥ ${LIMITS.vsNativeO3}× native opt 3`;
  const judged = files.filter((f) => !SINGLE_THREAD_JUDGED_ROWS || SINGLE_THREAD_JUDGED_ROWS.includes(f.rows));
  const single = judged.length === 0
    ? [notMeasured('13.5', singleTarget, why ?? 'no judged file in this run')]
    : judged.map((f) => measured({ id: '13.5', target: `${singleTarget}: ${fileName(f)}`, unit: 'ratio', limit: LIMITS.vsNativeO3, atMost: false, value: f.ratios.oursVsNativeO3 }));
  return [...workers, ...single];
}

/** Issue 6's target, kept as a reference row: the audit against the papaparse + valibot pipeline. */
function pipelineTargets(batch) {
  const target = `ours ≥ ${LIMITS.vsPipeline}× the JS pipeline (issue 6)`;
  const files = batch?.files ?? [];
  if (files.length === 0) return [notMeasured('6', target, batch ? 'no batch file in this run' : 'batch section not run')];
  return files.map((f) => measured({ id: '6', target: `${target}: ${fileName(f)}`, unit: 'ratio', limit: LIMITS.vsPipeline, atMost: false, value: f.ratios.oursVsPipeline }));
}

/** 13.6: the forms module within 50 KB brotli, the audit module within +10 % of AUDIT_SIZE_BASELINE. */
function sizeTargets(load) {
  const formsTarget = `forms module ≤ ${LIMITS.formsBrotli / 1024} KiB brotli: .wasm + glue + wrapper bundled and minified as the others`;
  const shipped = load?.shipped?.ours;
  const forms = shipped?.minified
    ? measured({ id: '13.6', target: `${formsTarget} (as published: ${kb(shipped.total.brotli)} KiB)`, unit: 'bytes', limit: LIMITS.formsBrotli, atMost: true, value: shipped.minified.total.brotli })
    : notMeasured('13.6', formsTarget, load ? 'no forms module sizes in this run' : 'load section not run');
  const growth = (key, baseline, what) => {
    const target = `audit module ${what} grows ≤ ${LIMITS.auditGrowth * 100} % over ${kb(baseline)} KiB brotli (${AUDIT_SIZE_BASELINE.commit})`;
    const now = load?.audit?.[key]?.brotli;
    if (now === undefined) return notMeasured('13.6', target, load ? 'no audit module sizes in this run' : 'load section not run');
    return measured({ id: '13.6', target: `${target}: ${kb(now)} KiB`, unit: 'percent', limit: LIMITS.auditGrowth * 100, atMost: true, value: (100 * (now - baseline)) / baseline });
  };
  return [forms, growth('wasm', AUDIT_SIZE_BASELINE.wasmBrotli, '.wasm'), growth('total', AUDIT_SIZE_BASELINE.totalBrotli, '.wasm + glue')];
}

/** Every target of issue 13 (and issue 6's reference row) on one run, in the order of the issue. */
export function targets(results) {
  return [...perChangeTargets(results.perChange), ...coldTargets(results.load?.cold), ...batchTargets(results.batch), ...sizeTargets(results.load), ...pipelineTargets(results.batch)];
}

/** A value in the row's unit: 0.68×, 5.1 ms, 49.9 KiB, +8.3 %. */
export function formatValue(unit, x) {
  if (unit === 'ratio') return `${x.toFixed(2)}×`;
  if (unit === 'ms') return `${ms(x)} ms`;
  if (unit === 'bytes') return `${kb(x)} KiB`;
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} %`;
}

/** PASS, MISS or — (not measured). */
export const verdict = (row) => (row.pass === null ? '—' : row.pass ? 'PASS' : 'MISS');

/** How far a missed row is from its limit, in its unit (percent: in points). */
export function shortfall(row) {
  const judged = judgedValues(row);
  const gap = row.atMost ? Math.max(...judged) - row.limit : row.limit - Math.min(...judged);
  return row.unit === 'percent' ? `${gap.toFixed(1)} points` : formatValue(row.unit, gap);
}
