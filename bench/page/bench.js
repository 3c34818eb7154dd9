// The benchmark page: loads our validator (lib/: the built package, or
// lib-prof/: the same build with wasm function names, for profiles) and the
// valibot, zod 4 and ajv versions of the rules (vendor/: bundled by
// bench/run.mjs), checks that they agree on the benchmark records, and
// exposes window.bench for bench/run.mjs.
import { REALISTIC, DEFECTIVE, TODAY } from '../records.js';

const params = new URLSearchParams(location.search);
const libDir = params.get('lib') === 'lib-prof' ? 'lib-prof' : 'lib';
const OPTIONS = { today: TODAY };

const RECORDS = { valid: REALISTIC, defective: DEFECTIVE };

/** The per-change cases: what runs when one field changes, or on submit. */
export const CASES = [
  { name: 'validateField(passportNumber)', kind: 'field', key: 'passportNumber' },
  { name: 'validateField(diagnosisDate)', kind: 'field', key: 'diagnosisDate' },
  { name: 'validate', kind: 'record' },
].flatMap((c) => ['valid', 'defective'].map((record) => ({ ...c, record, id: `${c.name} ${record}` })));

async function load() {
  const lib = await import(`./${libDir}/index.js`);
  await lib.init();
  const [valibot, zod, ajv] = await Promise.all([
    import('./vendor/valibot-rules.js'),
    import('./vendor/zod-rules.js'),
    import('./vendor/ajv-rules.js'),
  ]);
  const impls = {
    ours: {
      validate: (r) => lib.validate(r, OPTIONS).issues,
      validateField: (k, r) => lib.validateField(k, r, OPTIONS),
    },
    valibot: valibot.createValidator(OPTIONS),
    zod: zod.createValidator(OPTIONS),
    ajv: ajv.createValidator(OPTIONS),
  };
  // A benchmark of rules that disagree measures nothing. Each version is
  // compared with ours on the codes it covers (`covers(code)`), so a new code
  // of ours breaks nothing here (tests/js/bench-agreement.test.mjs does the same).
  const key = (issues) => issues.map((i) => `${i.code}@${i.field}`).sort().join(' ');
  for (const c of CASES) {
    const run = (impl) => (c.kind === 'field' ? impls[impl].validateField(c.key, RECORDS[c.record]) : impls[impl].validate(RECORDS[c.record]));
    const ours = run('ours');
    for (const impl of ['valibot', 'zod']) {
      const covered = ours.filter((i) => impls[impl].covers(i.code));
      if (key(run(impl)) !== key(covered)) throw new Error(`${impl} disagrees on ${c.id}: ${key(run(impl))} vs ${key(covered)}`);
    }
    const covered = ours.filter((i) => impls.ajv.covers(i.code) && (c.kind === 'record' || i.field === c.key));
    if (key(run('ajv')) !== key(covered)) throw new Error(`ajv disagrees on ${c.id}: ${key(run('ajv'))} vs ${key(covered)}`);
  }
  return impls;
}

const ready = load();

let sink = 0;

function runner(impls, impl, c) {
  const record = RECORDS[c.record];
  const v = impls[impl];
  if (c.kind === 'field') {
    const key = c.key;
    return () => v.validateField(key, record).length;
  }
  return () => v.validate(record).length;
}

/** Mean time per call (µs) of a batch of n calls. */
function batch(fn, n) {
  let s = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) s += fn();
  const t1 = performance.now();
  sink += s;
  return ((t1 - t0) * 1000) / n;
}

function timerResolution() {
  let min = Infinity;
  for (let i = 0; i < 2000; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    min = Math.min(min, b - a);
  }
  return min * 1000; // µs
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5),
    p99: quantile(s, 0.99),
    min: s[0],
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    n: s.length,
  };
}

/**
 * Interleaved measurement: warm-up, then per (case, impl) a batch size giving
 * about `batchMs` per batch, then `rounds` rounds in which every case runs one
 * batch of every implementation, the order of implementations rotating from
 * round to round.
 */
async function perChange({ rounds = 200, batchMs = 2, warmupMs = 150, impls: names = ['ours', 'valibot', 'zod', 'ajv'] } = {}) {
  const impls = await ready;
  const fns = {};
  for (const c of CASES) {
    fns[c.id] = {};
    for (const impl of names) fns[c.id][impl] = runner(impls, impl, c);
  }
  // Warm-up: every function runs hot before any measurement.
  for (const c of CASES) {
    for (const impl of names) {
      const fn = fns[c.id][impl];
      const end = performance.now() + warmupMs;
      while (performance.now() < end) batch(fn, 50);
    }
  }
  // Batch sizes.
  const sizes = {};
  for (const c of CASES) {
    sizes[c.id] = {};
    for (const impl of names) {
      const fn = fns[c.id][impl];
      let n = 16;
      while (n < 1 << 22) {
        const t0 = performance.now();
        batch(fn, n);
        if (performance.now() - t0 >= batchMs) break;
        n *= 2;
      }
      sizes[c.id][impl] = n;
    }
  }
  const samples = {};
  for (const c of CASES) {
    samples[c.id] = Object.fromEntries(names.map((impl) => [impl, []]));
  }
  for (let r = 0; r < rounds; r++) {
    for (const c of CASES) {
      for (let j = 0; j < names.length; j++) {
        const impl = names[(r + j) % names.length];
        samples[c.id][impl].push(batch(fns[c.id][impl], sizes[c.id][impl]));
      }
    }
  }
  const results = CASES.map((c) => ({
    id: c.id,
    name: c.name,
    record: c.record,
    impls: Object.fromEntries(names.map((impl) => [impl, { ...stats(samples[c.id][impl]), batch: sizes[c.id][impl] }])),
  }));
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    timerResolutionUs: timerResolution(),
    userAgent: navigator.userAgent,
    rounds,
    batchMs,
    warmupMs,
    results,
    sink,
  };
}

/** Calls one implementation on one case for `ms` milliseconds (for the profiler). */
async function loop({ impl = 'ours', caseId = 'validate valid', ms = 3000 } = {}) {
  const impls = await ready;
  const c = CASES.find((x) => x.id === caseId);
  const fn = runner(impls, impl, c);
  let calls = 0;
  const end = performance.now() + ms;
  const t0 = performance.now();
  while (performance.now() < end) {
    batch(fn, 100);
    calls += 100;
  }
  return { calls, usPerCall: ((performance.now() - t0) * 1000) / calls };
}

window.bench = { ready: ready.then(() => true), perChange, loop, cases: CASES.map((c) => c.id), lib: libDir };
