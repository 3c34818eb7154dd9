// The profile section:
//   profile    Chromium's CPU profiler (CDP Profiler.start/stop) on our
//              validate() with a names-preserving build of the same wasm:
//              where the time goes, by phase and by function
import fs from 'node:fs';
import path from 'node:path';
import { us } from '../lib/format.mjs';
import { log } from '../lib/log.mjs';
import { BENCH, ROOT } from '../lib/paths.mjs';
import { buildProfilingLib } from '../lib/wasm-builds.mjs';

/**
 * Where our time goes, from Chromium's sampling profile of the names-kept
 * build. Samples inside our entry point (validate / validateField of
 * js/index.js or js/wire.js) are split two ways:
 * - byStep: below the wasm export `wireValidate`, the function it calls
 *   (wire::decode, the rules, wire::encode, drops); outside it, the JS
 *   function of the wrapper (js/wire.js: reading the record and options,
 *   writing UTF-16 into wasm memory, decoding the answer into objects);
 * - byKind: JS wrapper outside the wasm call, wasm code, or JS imports called
 *   from wasm (none on this path: the wire takes only numbers).
 */
const STEPS = [
  [/wire::decode/, 'wire::decode: the UTF-16 buffer → Record and Options'],
  [/hersys_validator::validate::(validate|validate_field)|hersys_validator::rules::/, 'the rules: Context::new (dates parsed) + every rule'],
  [/wire::encode/, 'wire::encode: the issues → words and fix texts'],
  [/drop_in_place/, 'dropping the Rust values (Record, Options, issues)'],
];
const IMPORT_STEPS = [];
const describeStep = (fn, rest) => {
  if (/^wasm-to-js/.test(fn)) {
    const hit = IMPORT_STEPS.find(([re]) => rest.some((x) => re.test(x)));
    return hit ? hit[1] : `other JS import called inline: ${rest.find((x) => x.startsWith('__wbg')) ?? rest[0] ?? '?'}`;
  }
  const hit = STEPS.find(([re]) => re.test(fn));
  return hit ? hit[1] : fn.replace(/::h[0-9a-f]{16}$/, '');
};

/** Known callees inside a step, in words. */
const DETAILS = [
  [(f, rest) => /binding::read_string/.test(f), 'read_string: each value copied JS→wasm (string_get → encodeInto) and checked for lone surrogates (one charCodeAt import call per UTF-16 unit)'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.includes('getStringFromWasm0'), 'JsValue::from_str: a JS string decoded from wasm memory (in read_record: each key, copied back for Reflect.get)'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.some((x) => /string_get/.test(x)), 'each key of Object.keys copied JS→wasm (key.as_string())'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.some((x) => /^__wbg_get_/.test(x)), 'Reflect.get'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.some((x) => /^__wbg_keys_/.test(x)), 'Object.keys'],
  [(f, rest) => /^wasm-to-js/.test(f) && rest.some((x) => /^__wbg_set_/.test(x)), 'Reflect.set'],
  [(f) => /^wasm-to-js/.test(f), 'other JS imports (JsString length, …)'],
  [(f) => /alloc[^:]*::fmt::format/.test(f), 'format!(…) (in read_record: the label "record.{key}" for an error message, built for every key on the success path too; in date::parse: canonical() to compare)'],
  [(f) => /FieldKey::from_key/.test(f), 'FieldKey::from_key: linear search of the 23 keys'],
  [(f) => /date::parse/.test(f), 'date::parse'],
  [(f) => /Vocabulary as core::default::Default/.test(f), 'Vocabulary::default(): 8 lists of Strings allocated per call'],
  [(f) => /drop_in_place/.test(f), 'dropping Rust values'],
];
const describeDetail = (f, rest) => (DETAILS.find(([test]) => test(f, rest))?.[1] ?? f.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, ''));

function analyseProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fname = (n) => n.callFrame.functionName || `(anonymous ${path.basename(n.callFrame.url || '') || 'native'})`;
  const isWasm = (n) => /\.wasm$/.test(n.callFrame.url) || /::|externref shim|^<.* as /.test(fn(n));
  const fn = fname;
  const steps = new Map();
  const kinds = new Map();
  const selfTime = new Map();
  const details = new Map();
  const add = (map, key, dt) => map.set(key, (map.get(key) ?? 0) + dt);
  let inside = 0;
  let total = 0;
  let gc = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    total += dt;
    const leaf = byId.get(profile.samples[i]);
    if (/garbage collector/.test(fn(leaf))) gc += dt;
    const stack = [];
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) stack.push(byId.get(id));
    stack.reverse(); // root → leaf
    // Entry: the first frame of ours (index.js, the glue, the js-to-wasm stub or
    // the shim: V8 may inline the JS frames away).
    const wrapper = stack.findIndex(
      (n) =>
        (/^(validate|validateField)$/.test(n.callFrame.functionName) && /\/lib-prof\//.test(n.callFrame.url)) ||
        /^js-to-wasm|^wireValidate/.test(fn(n)),
    );
    if (wrapper < 0) continue;
    inside += dt;
    const shim = stack.findIndex((n) => /^wireValidate/.test(fn(n)));
    add(selfTime, `${fn(leaf).replace(/::h[0-9a-f]{16}$/, '')} [${isWasm(leaf) ? 'wasm' : 'js'}]`, dt);
    const names = stack.map(fn);
    let kind;
    if (shim < 0) kind = 'JS wrapper outside the wasm call (js/wire.js, js/index.js, the glue)';
    else if (names.slice(shim).some((x) => x === 'passStringToWasm0')) kind = 'strings JS→wasm (passStringToWasm0: TextEncoder.encodeInto, malloc)';
    else if (names.slice(shim).some((x) => x === 'getStringFromWasm0')) kind = 'strings wasm→JS (getStringFromWasm0: TextDecoder.decode)';
    else if (names.slice(shim).some((x) => /^wasm-to-js/.test(x))) kind = 'other JS imports (Reflect.get/set, Object.keys, new Object/Array/Date, charCodeAt…)';
    else kind = 'wasm code (binding + rules + allocator)';
    add(kinds, kind, dt);
    if (shim >= 0) {
      const below = stack[shim + 1];
      const step = below ? describeStep(fn(below), names.slice(shim + 2)) : 'the exported function itself (inlined code)';
      add(steps, step, dt);
      if (below && !/^wasm-to-js/.test(fn(below))) {
        const child = stack[shim + 2];
        const detail = child ? describeDetail(fn(child), names.slice(shim + 3)) : `${fn(below).replace(/::h[0-9a-f]{16}$/, '')} itself`;
        if (!details.has(step)) details.set(step, new Map());
        add(details.get(step), detail, dt);
      }
    } else {
      add(steps, `JS wrapper: ${fn(leaf)}${isWasm(leaf) ? '' : ` (${path.basename(leaf.callFrame.url || '') || 'native'})`}`, dt);
    }
  }
  const pct = (t) => Math.round((1000 * t) / inside) / 10;
  const list = (map, n = Infinity) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([what, t]) => ({ what, percent: pct(t) }));
  return {
    sampledMs: total / 1000,
    insideMs: inside / 1000,
    gcPercentOfAll: Math.round((1000 * gc) / total) / 10,
    byStep: list(steps).map((r) => ({ ...r, detail: details.has(r.what) ? list(details.get(r.what), 8) : [] })),
    byKind: list(kinds),
    topSelf: list(selfTime, 25),
  };
}

export const profile = {
  title: 'Profile',
  async run({ browser, url, options }) {
    const PROFILE_MS = options.quick ? 1000 : 3000;
    let build;
    try {
      build = buildProfilingLib();
    } catch (error) {
      log(`profile skipped: ${error.message}`);
      return { skipped: error.message };
    }
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${url}page/bench.html?lib=lib-prof`);
      await page.waitForFunction(() => window.bench, null, { timeout: 30_000 });
      await page.evaluate(() => window.bench.ready);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      const out = { build, cases: {} };
      for (const caseId of ['validate valid', 'validateField(diagnosisDate) valid', 'validate defective']) {
        await page.evaluate((c) => window.bench.loop({ impl: 'ours', caseId: c, ms: 300 }), caseId); // warm
        await cdp.send('Profiler.start');
        const speed = await page.evaluate(([c, t]) => window.bench.loop({ impl: 'ours', caseId: c, ms: t }), [caseId, PROFILE_MS]);
        const { profile: p } = await cdp.send('Profiler.stop');
        const file = path.join(BENCH, `profile-${caseId.replace(/[^a-zA-Z]+/g, '-')}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(p));
        out.cases[caseId] = { usPerCallUnderProfiler: speed.usPerCall, file: path.relative(ROOT, file), ...analyseProfile(p) };
      }
      return out;
    } finally {
      await context.close();
    }
  },
  report: (r) => profileSummary(r),
};

function profileSummary(prof) {
  if (!prof || prof.skipped) return prof ? `profile skipped: ${prof.skipped}` : '';
  const out = [`\nPROFILES of ours (Chromium CPU profiler, 50 µs sampling, names-kept build; same code as pkg/: ${prof.build.sameCodeAsPkg})`];
  const row = ({ what, percent }) => `  ${percent.toFixed(1).padStart(5)} %  ${what.length > 120 ? what.slice(0, 117) + '…' : what}`;
  for (const [caseId, p] of Object.entries(prof.cases)) {
    out.push(`\n${caseId}: ${us(p.usPerCallUnderProfiler)} µs/call under the profiler, ${p.insideMs.toFixed(0)} ms sampled inside it; GC ${p.gcPercentOfAll} % of all samples (${p.file})`);
    out.push(' by step:');
    for (const r of p.byStep.filter((r) => r.percent >= 1)) {
      out.push(row(r));
      if (r.percent >= 10) for (const d of r.detail.filter((d) => d.percent >= 1.5)) out.push(`         ${row(d)}`);
    }
    out.push(' by kind of work:');
    for (const r of p.byKind) out.push(row(r));
    out.push(' top self time:');
    for (const r of p.topSelf.slice(0, 8)) out.push(row(r));
  }
  return out.join('\n');
}
