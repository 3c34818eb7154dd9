// The package's module graph (js/, read as text, without running it): no
// import cycle through the audit's modules (static or dynamic imports), and
// in what a browser bundle can reach from the package's entry points, no
// worker whose own imports lead back to the module that starts it. Such a worker makes
// webpack 5 warn "Circular dependency between chunks with runtime", as
// js/audit.js and js/audit-parallel.js once did (issue 21): the worker
// imports js/audit/core.js and js/audit/pool.js, which start none, and the
// starting code is in js/audit/web/blob.js, which js/audit.js imports
// dynamically.
// tests/e2e/bundlers.test.mjs checks the webpack build itself.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const JS = path.join(ROOT, 'js');

/** The package's own modules: js/**\/*.js but the generated glue (js/pkg/). */
function modules(dir = JS) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'pkg' ? [] : modules(file);
    return entry.name.endsWith('.js') ? [file] : [];
  });
}

const rel = (file) => path.relative(ROOT, file);

/**
 * The relative specifiers of one module: `imports` (import / export … from,
 * static or dynamic) and `workers` (new Worker(new URL('./…', import.meta.url))).
 * Lines that are only comments are skipped; bare and `node:` specifiers are
 * not the package's files.
 */
function edges(file) {
  const code = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .join('\n');
  const resolve = (specifier) => path.resolve(path.dirname(file), specifier);
  const relative = (list) => list.filter((s) => s.startsWith('.')).map(resolve);
  const statics = [...code.matchAll(/^(?:import|export)\s+(?:[\w$\s{},*]+?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const dynamics = [...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
  const workers = [...code.matchAll(/new\s+Worker\(\s*new\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g)].map((m) => m[1]);
  return { imports: relative([...statics, ...dynamics]), workers: relative(workers) };
}

const graph = new Map(modules().map((file) => [file, edges(file)]));

/** A cycle along `next(file)` from any of `files`, as the files in order, or null. */
function findCycle(files, next) {
  const state = new Map(); // file → 'open' while on the path, 'done' after
  const stack = [];
  const visit = (file) => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'open');
    stack.push(file);
    for (const to of next(file)) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

test('the scan sees the audit modules and their workers', () => {
  const audit = graph.get(path.join(JS, 'audit.js'));
  assert.ok(audit, 'js/audit.js is scanned');
  assert.deepEqual(audit.workers.map(rel), [], 'js/audit.js starts no worker itself');
  assert.ok(audit.imports.map(rel).includes('js/audit/core.js'));
  assert.ok(audit.imports.map(rel).includes('js/audit/web/blob.js'), 'the dynamic import of js/audit/web/blob.js');
  // One Web Worker for the audit, whether a file goes to one or to several.
  const starters = [...graph].filter(([, { workers }]) => workers.length > 0).map(([file, { workers }]) => [rel(file), workers.map(rel)]);
  assert.deepEqual(starters.filter(([file]) => !file.startsWith('js/audit/node/')), [['js/audit/web/blob.js', ['js/audit/web/worker.js']]]);
  for (const [file, { imports, workers }] of graph) {
    for (const to of [...imports, ...workers]) {
      assert.ok(to.includes(`${path.sep}pkg${path.sep}`) || graph.has(to), `${rel(file)} refers to ${rel(to)}, which is not a module of js/`);
    }
  }
});

test('no import cycle through the audit modules (static or dynamic imports)', () => {
  const audit = [...graph.keys()].filter((file) => /^audit(\.js$|\/)/.test(path.relative(JS, file).split(path.sep).join('/')));
  assert.ok(audit.length >= 8, `the audit modules: ${audit.map(rel).join(', ')}`);
  const cycle = findCycle(audit, (file) => graph.get(file)?.imports ?? []);
  assert.equal(cycle && cycle.map(rel).join(' → '), null);
});

test('no import cycle anywhere in js/ (static or dynamic imports)', () => {
  const cycle = findCycle([...graph.keys()], (file) => graph.get(file)?.imports ?? []);
  assert.equal(cycle && cycle.map(rel).join(' → '), null);
});

test("from the package's entry points, no worker leads back to the module that starts it", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const entries = Object.values(manifest.exports)
    .map((target) => (typeof target === 'string' ? target : target.default))
    .filter((target) => target.endsWith('.js') && !target.includes('/pkg/'))
    .map((target) => path.resolve(ROOT, target));
  assert.ok(entries.some((file) => file.endsWith(`${path.sep}audit.js`)), 'hersys-validator/audit is an entry point');
  // Imports and worker starts together: what a module's chunk refers to.
  const next = (file) => [...(graph.get(file)?.imports ?? []), ...(graph.get(file)?.workers ?? [])];
  const reach = (from) => {
    const reached = new Set();
    const visit = (file) => {
      if (reached.has(file)) return;
      reached.add(file);
      next(file).forEach(visit);
    };
    from.forEach(visit);
    return reached;
  };
  const reachable = reach(entries);
  const starts = [...reachable].flatMap((file) => (graph.get(file)?.workers ?? []).map((worker) => [file, worker]));
  assert.ok(starts.length >= 1, 'the Web Worker of the audit is found');
  // A worker that reaches back the module starting it: its chunk and the starter's refer to each other.
  const back = starts.filter(([file, worker]) => reach([worker]).has(file)).map(([file, worker]) => `${rel(worker)} reaches ${rel(file)}, which starts it`);
  assert.deepEqual(back, []);
  // The Node-only modules (the CLI's file reading and worker_threads) stay out of reach.
  assert.deepEqual([...reachable].map(rel).filter((f) => /js\/audit\/node\//.test(f)), []);
});
