// Where ours spends the time of a batch audit: Chromium's CPU profiler on
// auditStream() of the 100k-row files, with a names-kept build of the audit
// module (the same code as pkg/: checked byte for byte once stripped), and
// `perf` on the native example. Run when a target is missed (or with
// --batch-profile).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchBatchBrowser, openBatchPage } from '../lib/batch-page.mjs';
import { BATCH_TODAY } from '../lib/case-files.mjs';
import { sizeName } from '../lib/format.mjs';
import { log } from '../lib/log.mjs';
import { BENCH, DATA_DIR, ROOT } from '../lib/paths.mjs';
import { buildProfilingAudit } from '../lib/wasm-builds.mjs';

/** The parts of the audit, matched on the stack from the leaf up (the first that matches). */
const AUDIT_COMPONENTS = [
  [/hersys_validator::binding::|AuditorJs|^wasm-to-js|__wbg_|getStringFromWasm0/, 'results to JS: failing rows as JS objects (row_to_js, issue_to_js: Object/Array, Reflect.set, strings wasm→JS)'],
  [/hersys_validator::(validate|rules|date|passport|vocabulary|width|options)::|hersys_validator::validate$/, 'the rules: validate(record) (dates parsed, vocabularies, passport, cross-field)'],
  [/audit::Rows>?::convert|audit::messages|Messages>?::|Issue>?::message|issue::/, 'issues → messages (rendered once per distinct issue, at the boundary)'],
  [/csv_core|audit::splitter/, 'CSV splitting (csv-core + splitter: quotes, line numbers)'],
  [/encoding_rs|audit::encoding|from_utf8|utf8_row|run_utf8_validation/, 'decoding (UTF-8 check in place / encoding_rs Shift_JIS → String)'],
  [/audit::Rows|audit::Auditor|record::Record|drop_in_place/, 'per row: Record (one String per cell), ids, totals, drops'],
  [/^passArray8ToWasm0$/, 'JS: copying each 1 MiB chunk into wasm memory (passArray8ToWasm0)'],
];

/** What runs at the leaf. */
function leafKind(name, url) {
  if (/garbage collector/.test(name)) return 'GC';
  if (/^\(idle\)$/.test(name)) return 'idle (waiting: the file read, Blob.slice().arrayBuffer())';
  if (/^\(program\)$/.test(name)) return '(program): the browser outside JS (file reads, tasks)';
  if (/dlmalloc|__rust_(alloc|dealloc|realloc)|__rdl_|__rg_|alloc::raw_vec|RawVec|finish_grow/.test(name)) return 'wasm: allocator (dlmalloc, Vec growth)';
  if (/^(memcpy|memmove|memset|memcmp|bcmp)$|compiler_builtins::mem/.test(name)) return 'wasm: memcpy / memset / memcmp';
  if (/::|externref shim|^<.* as /.test(name) || /\.wasm$/.test(url)) return 'wasm: other code';
  return 'JS (glue, imports, auditStream, page)';
}

function analyseAuditProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fname = (n) => n.callFrame.functionName || `(anonymous ${path.basename(n.callFrame.url || '') || 'native'})`;
  const add = (map, key, dt) => map.set(key, (map.get(key) ?? 0) + dt);
  const components = new Map();
  const kinds = new Map();
  const self = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    total += dt;
    const leaf = byId.get(profile.samples[i]);
    const names = [];
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) names.push(fname(byId.get(id)));
    const kind = leafKind(names[0], leaf.callFrame.url);
    add(kinds, kind, dt);
    add(self, `${names[0].replace(/::h[0-9a-f]{16}$/, '')}`, dt);
    let component = null;
    for (const n of names) {
      const hit = AUDIT_COMPONENTS.find(([re]) => re.test(n));
      if (hit) {
        component = hit[1];
        break;
      }
    }
    if (component === null) {
      if (kind === 'GC' || kind.startsWith('idle') || kind.startsWith('(program)')) component = kind;
      else if (names.some((n) => /auditor_push|auditor_finish|Auditor/.test(n))) component = 'other wasm under push/finish';
      else component = 'JS outside the wasm call (auditStream, hooks, Blob reads, promises)';
    }
    add(components, component, dt);
  }
  const pct = (t) => Math.round((1000 * t) / total) / 10;
  const list = (map, n = Infinity) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([what, t]) => ({ what, percent: pct(t), ms: Math.round(t / 100) / 10 }));
  return { sampledMs: total / 1000, byComponent: list(components), byLeaf: list(kinds), topSelf: list(self, 25) };
}

/** perf on the native example: self time by symbol (perf report --no-children). */
function perfNative(tools, file, encoding) {
  if (spawnSync('perf', ['--version']).status !== 0) return { skipped: 'perf not found' };
  const data = path.join(DATA_DIR, `perf-${encoding}.data`);
  const rec = spawnSync('perf', ['record', '-F', '4999', '-o', data, '--', tools.native, file, '--encoding', encoding, '--today', BATCH_TODAY], { encoding: 'utf8' });
  if (rec.status !== 0) return { skipped: `perf record failed: ${rec.stderr.slice(-500)}` };
  const rep = spawnSync('perf', ['report', '-i', data, '--stdio', '--no-children', '--sort', 'symbol', '--percent-limit', '0.5'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (rep.status !== 0) return { skipped: `perf report failed: ${rep.stderr.slice(-500)}` };
  const top = [];
  for (const line of rep.stdout.split('\n')) {
    const m = line.match(/^\s+([\d.]+)%\s+\[[.k]\]\s+(.+?)\s*$/);
    if (m) top.push({ percent: Number(m[1]), what: m[2].replace(/(\s+-)+$/, '').replace(/::h[0-9a-f]{16}$/, '') }); // the trailing '-'s: IPC columns
  }
  const dso = spawnSync('perf', ['report', '-i', data, '--stdio', '--no-children', '--sort', 'dso'], { encoding: 'utf8' });
  const byObject = [];
  for (const line of (dso.stdout ?? '').split('\n')) {
    const m = line.match(/^\s+([\d.]+)%\s+(\S+)/);
    if (m) byObject.push({ percent: Number(m[1]), what: m[2] });
  }
  return { file: path.relative(ROOT, data), byObject, top: top.slice(0, 25) };
}

export async function profileBatch({ url, tools, files }) {
  let build;
  try {
    build = buildProfilingAudit();
  } catch (error) {
    log(`batch profile skipped: ${error.message}`);
    return { skipped: error.message };
  }
  const out = { build, cases: {} };
  const browser = await launchBatchBrowser();
  try {
    const { context, page, cdp } = await openBatchPage(browser, url, 'lib-prof');
    try {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      const largest = Math.max(...files.filter((x) => x.rows <= 100_000).map((x) => x.rows));
      for (const f of files.filter((x) => x.rows === largest)) {
        await page.setInputFiles('#file', f.csv);
        await page.evaluate((a) => window.batch.run(a), { impl: 'ours', encoding: f.encoding, today: BATCH_TODAY }); // warm
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('Profiler.start');
        const r = await page.evaluate((a) => window.batch.run(a), { impl: 'ours', encoding: f.encoding, today: BATCH_TODAY });
        const { profile: p } = await cdp.send('Profiler.stop');
        const file = path.join(BENCH, `profile-batch-${f.rows}-${f.encoding}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(p));
        out.cases[`${sizeName(f.rows)} ${f.encoding}`] = { msUnderProfiler: r.ms, file: path.relative(ROOT, file), ...analyseAuditProfile(p) };
        out.cases[`${sizeName(f.rows)} ${f.encoding}`].native = perfNative(tools, f.csv, f.encoding);
      }
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

export function batchProfileReport(prof) {
  if (!prof) return '';
  if (prof.skipped) return `\nbatch profile skipped: ${prof.skipped}`;
  const row = ({ what, percent }) => `  ${percent.toFixed(1).padStart(5)} %  ${what.length > 130 ? what.slice(0, 127) + '…' : what}`;
  const out = [`\nBATCH PROFILE of ours (Chromium CPU profiler, 100 µs sampling, names-kept audit build; same code as pkg/: ${prof.build.sameCodeAsPkg}), and perf on the native example`];
  for (const [id, p] of Object.entries(prof.cases)) {
    out.push(`\n${id}: ${(p.msUnderProfiler / 1000).toFixed(2)} s under the profiler (${p.file})`);
    out.push(' by part of the audit (the innermost part on the stack):');
    for (const r of p.byComponent.filter((r) => r.percent >= 0.5)) out.push(row(r));
    out.push(' by what runs at the leaf:');
    for (const r of p.byLeaf.filter((r) => r.percent >= 0.5)) out.push(row(r));
    out.push(' top self time:');
    for (const r of p.topSelf.slice(0, 12)) out.push(row(r));
    if (p.native?.top) {
      out.push(` native (perf, self time by symbol, ${p.native.file}; by object: ${p.native.byObject.filter((o) => o.percent >= 0.5).map((o) => `${o.what} ${o.percent.toFixed(1)} %`).join(', ')}):`);
      for (const r of p.native.top.slice(0, 12)) out.push(row(r));
    } else if (p.native?.skipped) out.push(` native perf skipped: ${p.native.skipped}`);
  }
  return out.join('\n');
}
