#!/usr/bin/env node
// Runs every test suite in order and stops at the first failure.
//
//   lint    cargo fmt --check; cargo clippy -D warnings (host, wasm32, forms-only wasm32)
//   native  cargo test --all-targets, the serde feature's test, cargo test --doc (host)
//   wasm    cargo test --target wasm32-unknown-unknown --test wasm_node --test wasm_browser
//           (wasm-bindgen-test-runner: test
//           files with `wasm_bindgen_test_configure!(run_in_browser)` run in headless Chromium,
//           the others in Node; see .cargo/config.toml and webdriver.json)
//   js      node --test on the test files under tests/js/      (if the folder exists)
//   e2e     node --test on the test files under tests/e2e/     (if the folder exists)
//   cross   node --test on tests/cross/: the main journeys in Chromium, Firefox ESR
//           (puppeteer-core) and WebKitGTK (selenium-webdriver, Xvfb), one engine per
//           file, the three at once; a missing engine fails (run `npm run setup`)
//
// Usage: node scripts/test-all.mjs [--only lint|native|wasm|js|e2e|cross[,...]]
// Expects `npm run setup` and `npm run build` to have run (`npm test` does both).
// CHROME_PATH / CHROMEDRIVER select another Chrome and chromedriver for every step.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STEPS = ['lint', 'native', 'wasm', 'js', 'e2e', 'cross'];

function usage(msg) {
  if (msg) console.error(`test-all: ${msg}`);
  console.error(`usage: node scripts/test-all.mjs [--only ${STEPS.join('|')}[,...]]`);
  process.exit(2);
}

let only = null;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--only' || a.startsWith('--only=')) {
    const v = a === '--only' ? argv[++i] : a.slice('--only='.length);
    if (!v) usage('--only needs a value');
    only = new Set(v.split(','));
    for (const s of only) if (!STEPS.includes(s)) usage(`unknown step "${s}"`);
  } else if (a === '-h' || a === '--help') {
    usage();
  } else {
    usage(`unknown argument ${a}`);
  }
}

// ----------------------------------------------------------------- environment
const env = { ...process.env };
const cargoBin = path.join(env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'bin');
if (!(env.PATH || '').split(path.delimiter).includes(cargoBin)) {
  env.PATH = `${cargoBin}${path.delimiter}${env.PATH || ''}`; // wasm-bindgen-test-runner
}
// For the JS/e2e tests: one place that says which browser to drive.
env.CHROME_PATH ||= '/usr/bin/chromium';
// wasm-bindgen-test-runner: .cargo/config.toml sets CHROMEDRIVER and
// WASM_BINDGEN_TEST_WEBDRIVER_JSON unless they are already in the environment.
// The repo's webdriver.json names /usr/bin/chromium: for another browser write a copy.
if (process.env.CHROME_PATH && !process.env.WASM_BINDGEN_TEST_WEBDRIVER_JSON) {
  const caps = JSON.parse(fs.readFileSync(path.join(ROOT, 'webdriver.json'), 'utf8'));
  caps['goog:chromeOptions'] = { ...caps['goog:chromeOptions'], binary: process.env.CHROME_PATH };
  const file = path.join(ROOT, 'target', 'webdriver.chrome-path.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(caps, null, 2));
  env.WASM_BINDGEN_TEST_WEBDRIVER_JSON = file;
}

/** Test files under `dir`, the way `node --test` would pick them in a folder. */
function nodeTestFiles(dir) {
  const out = [];
  const isTest = (name) =>
    /^(?:test|.+[.\-_]test)\.(?:c|m)?js$/.test(name) || /^test-.+\.(?:c|m)?js$/.test(name);
  const visit = (d, underTestDir) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p, underTestDir || e.name === 'test');
      else if (e.isFile() && (isTest(e.name) || (underTestDir && /\.(?:c|m)?js$/.test(e.name)))) out.push(p);
    }
  };
  visit(dir, false);
  return out.map((p) => path.relative(ROOT, p));
}

function nodeTestStep(name, dir, { title = `node --test ${dir}/`, args = [] } = {}) {
  const abs = path.join(ROOT, dir);
  return {
    name,
    title,
    skip: () => (fs.existsSync(abs) ? null : `no ${dir}/ folder`),
    commands: () => {
      const files = nodeTestFiles(abs);
      if (files.length === 0) throw new Error(`${dir}/ holds no test files (*.test.mjs, test-*.js, ...)`);
      return [['node', ['--test', ...args, ...files]]];
    },
  };
}

const clippy = (...args) => ['cargo', ['clippy', ...args, '--', '-D', 'warnings']];
const steps = [
  {
    name: 'lint',
    title: 'cargo fmt --check; cargo clippy -D warnings (host, wasm32, forms module)',
    commands: () => [
      ['cargo', ['fmt', '--check']],
      clippy('--all-targets', '--all-features'),
      // The binding only compiles for wasm32; the forms module has no audit feature.
      clippy('--target', 'wasm32-unknown-unknown', '--all-targets'),
      clippy('--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features'),
    ],
  },
  {
    name: 'native',
    title: 'cargo test (native, all targets + doc tests)',
    commands: () => [
      ['cargo', ['test', '--all-targets']],
      // The optional serde derives, for Rust users of the crate.
      ['cargo', ['test', '--features', 'serde', '--test', 'serde_types']],
      ['cargo', ['test', '--doc']],
    ],
  },
  {
    name: 'wasm',
    title: 'cargo test --target wasm32-unknown-unknown (Node + headless Chromium)',
    commands: () => [['cargo', ['test', '--target', 'wasm32-unknown-unknown', '--test', 'wasm_node', '--test', 'wasm_browser']]],
  },
  nodeTestStep('js', 'tests/js'),
  nodeTestStep('e2e', 'tests/e2e'),
  // One file per engine; run together they take the time of the slowest (WebKit) instead of the sum.
  nodeTestStep('cross', 'tests/cross', {
    title: 'node --test tests/cross/ (Chromium, Firefox ESR, WebKitGTK at once)',
    args: ['--test-concurrency=3'],
  }),
];

// ----------------------------------------------------------------- running
const fmt = (ms) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`);
const banner = (text) => {
  const line = '='.repeat(Math.max(72, text.length + 4));
  console.log(`\n${line}\n  ${text}\n${line}`);
};

let current = null; // the running child process
function runCommand(cmd, args) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
    current = child;
    child.on('error', (err) => {
      console.error(`test-all: cannot run ${cmd}: ${err.message}${err.code === 'ENOENT' ? ' (run `npm run setup`)' : ''}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

// On Ctrl-C / SIGTERM: pass the signal on to the running step, then stop.
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    interrupted = true;
    if (current && current.exitCode === null) current.kill(sig);
  });
}

const selected = steps.filter((s) => !only || only.has(s.name));
const results = [];
const t0 = performance.now();
for (const [i, step] of selected.entries()) {
  const tag = `[${i + 1}/${selected.length}] ${step.name}`;
  const reason = step.skip?.();
  if (reason) {
    banner(`${tag}: SKIPPED (${reason})`);
    results.push({ name: step.name, status: 'skipped', ms: 0 });
    continue;
  }
  banner(`${tag}: ${step.title}`);
  const ts = performance.now();
  let code = 0;
  try {
    for (const [cmd, args] of step.commands()) {
      code = await runCommand(cmd, args);
      if (code !== 0 || interrupted) break;
    }
  } catch (err) {
    console.error(`test-all: ${err.message}`);
    code = 1;
  }
  const ms = performance.now() - ts;
  if (code !== 0 || interrupted) {
    results.push({ name: step.name, status: 'FAILED', ms });
    banner(`${tag}: FAILED after ${fmt(ms)} (exit ${code}${interrupted ? ', interrupted' : ''})`);
    break;
  }
  results.push({ name: step.name, status: 'passed', ms });
  banner(`${tag}: passed in ${fmt(ms)}`);
}

console.log('\nSummary');
for (const s of selected) {
  const r = results.find((x) => x.name === s.name);
  console.log(`  ${s.name.padEnd(8)} ${(r?.status ?? 'not run').padEnd(8)} ${r && r.ms ? fmt(r.ms) : ''}`);
}
const failed = results.some((r) => r.status === 'FAILED') || results.length < selected.length;
console.log(`  ${'total'.padEnd(8)} ${(failed ? 'FAILED' : 'passed').padEnd(8)} ${fmt(performance.now() - t0)}`);
process.exit(failed ? 1 : 0);
