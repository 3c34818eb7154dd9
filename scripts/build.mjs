#!/usr/bin/env node
// Builds the WebAssembly package and the static site.
//
//   1. cargo build --release --target wasm32-unknown-unknown --lib
//   2. wasm-bindgen --target web            -> pkg/hersys_validator.js + pkg/hersys_validator_bg.wasm
//   3. wasm-opt -Oz (npm `binaryen`)        -> pkg/hersys_validator_bg.wasm, in place
//   4. smoke test: the optimised module compiles and instantiates in Node
//   5. copy pkg/ -> js/pkg/ (js/index.js imports ./pkg/), js/ -> www/lib/, pkg/ -> www/lib/pkg/,
//      BudouX's parser and Japanese model -> www/lib/budoux/ (www/app/phrases.js),
//      i18n-iso-countries' Japanese names -> www/lib/countries-ja.js (www/app/country-readings.js)
//      (www/ is then a self-contained static site; js/pkg/ and www/lib/ are gitignored)
//   6. print sizes (raw, gzip -9, brotli q11) and write pkg/size.json
//   7. scripts/dist.mjs: dist/hersys-check.html, the pages as one file that works from disk
//
// Steps 1-4 are skipped when pkg/ is newer than every input (src/**, Cargo.toml, Cargo.lock,
// build.rs, .cargo/config.toml, this script). `--force` rebuilds anyway.
// Options: --force   --no-opt (skip wasm-opt, for debugging)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { buildDist } from './dist.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CRATE = 'hersys_validator';
const TARGET = 'wasm32-unknown-unknown';
const PKG = path.join(ROOT, 'pkg');
const WASM = path.join(PKG, `${CRATE}_bg.wasm`);
const GLUE = path.join(PKG, `${CRATE}.js`);
const WWW_LIB = path.join(ROOT, 'www', 'lib');
const JS_DIR = path.join(ROOT, 'js');

const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!['--force', '--no-opt'].includes(a)) {
    console.error(`build: unknown option ${a} (known: --force, --no-opt)`);
    process.exit(2);
  }
}

// cargo-installed tools (wasm-bindgen) even when the shell profile did not add ~/.cargo/bin.
const cargoBin = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'bin');
if (!(process.env.PATH || '').split(path.delimiter).includes(cargoBin)) {
  process.env.PATH = `${cargoBin}${path.delimiter}${process.env.PATH || ''}`;
}

const log = (msg) => console.log(`[build] ${msg}`);
const secs = (t0) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

function run(cmd, argv, what, env = {}) {
  const t0 = performance.now();
  const shownEnv = Object.entries(env).map(([k, v]) => `${k}=${v} `).join('');
  log(`${what}: ${shownEnv}${[cmd, ...argv].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) {
    const hint = r.error.code === 'ENOENT' ? ` (${cmd} not found: run \`npm run setup\`)` : '';
    throw new Error(`${what} failed: ${r.error.message}${hint}`);
  }
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
  log(`${what}: done in ${secs(t0)}`);
}

/** Newest mtime (ms) among the inputs of the wasm build. */
function newestInput() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return; // optional input
    }
    if (st.isDirectory()) {
      newest = Math.max(newest, st.mtimeMs); // catches deleted files
      for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const p of ['src', 'Cargo.toml', 'Cargo.lock', 'build.rs', '.cargo/config.toml', 'scripts/build.mjs']) {
    visit(path.join(ROOT, p));
  }
  return newest;
}

// Written only after a complete, smoke-tested build, so a failed build is never skipped.
const STAMP = path.join(PKG, '.build-stamp.json');
const buildOptions = () => ({ opt: !args.has('--no-opt') });

/** mtime of the last good build with the same options, or -Infinity. */
function outputTime() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    if (JSON.stringify(stamp) !== JSON.stringify(buildOptions())) return -Infinity;
    return Math.min(fs.statSync(STAMP).mtimeMs, fs.statSync(WASM).mtimeMs, fs.statSync(GLUE).mtimeMs);
  } catch {
    return -Infinity;
  }
}

function wasmOptBin() {
  const p = path.join(ROOT, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  if (!fs.existsSync(p)) throw new Error(`${p} missing: run \`npm run setup\` (npm ci installs binaryen)`);
  return p;
}

async function smokeTest() {
  // Catches a wasm-opt that writes a module the engine rejects (Debian's binaryen 108 did).
  for (const { name } of MODULES) {
    const wasm = path.join(PKG, `${name}_bg.wasm`);
    const bytes = fs.readFileSync(wasm);
    if (!WebAssembly.validate(bytes)) throw new Error(`${path.relative(ROOT, wasm)} does not validate`);
    const glue = await import(`${pathToFileURL(path.join(PKG, `${name}.js`)).href}?t=${Date.now()}`);
    if (typeof glue.initSync !== 'function') throw new Error('wasm-bindgen glue has no initSync export');
    glue.initSync({ module: bytes });
    const fns = Object.keys(glue).filter((k) => k !== 'default' && k !== 'initSync');
    log(`smoke test: ${name} instantiates in Node ${process.version}; exports: ${fns.join(', ') || '(none)'}`);
  }
}

/**
 * Two modules from the one crate: the per-change validator that forms load,
 * and the audit module (the same rules plus the CSV audit with its
 * Shift_JIS tables), which only the audit page, its worker and the CLI load.
 */
// The audit module is built for speed: its size is mostly the Shift_JIS
// tables, and opt-level 3 makes it 1.8x faster for +2.5 KiB brotli
// (bench/README.md). It has its own target dir, so the two profiles never
// rebuild each other.
const MODULES = [
  { name: CRATE, cargoArgs: ['--no-default-features'], env: {}, wasmOpt: '-Oz' },
  {
    name: `${CRATE}_audit`,
    cargoArgs: ['--features', 'audit'],
    env: { CARGO_PROFILE_RELEASE_OPT_LEVEL: '3', CARGO_TARGET_DIR: 'audit' },
    wasmOpt: '-O3',
  },
];

function buildWasm() {
  const t0 = performance.now();
  const baseTarget = process.env.CARGO_TARGET_DIR
    ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR)
    : path.join(ROOT, 'target');
  fs.rmSync(PKG, { recursive: true, force: true }); // no stale files from an earlier layout
  for (const module of MODULES) {
    const targetDir = module.env.CARGO_TARGET_DIR ? path.join(baseTarget, module.env.CARGO_TARGET_DIR) : baseTarget;
    const env = { ...module.env, ...(module.env.CARGO_TARGET_DIR ? { CARGO_TARGET_DIR: targetDir } : {}) };
    const raw = path.join(targetDir, TARGET, 'release', `${CRATE}.wasm`);
    run('cargo', ['build', '--release', '--target', TARGET, '--lib', ...module.cargoArgs], `cargo (${module.name})`, env);
    if (!fs.existsSync(raw)) throw new Error(`${raw} not found after cargo build`);
    run(
      'wasm-bindgen',
      // --experimental-reset-state-function: __wbg_reset_state() makes a fresh instance after a trap (js/loader.js).
      ['--target', 'web', '--no-typescript', '--experimental-reset-state-function', '--out-dir', 'pkg', '--out-name', module.name, path.relative(ROOT, raw)],
      `wasm-bindgen (${module.name})`,
    );
    const wasm = path.join(PKG, `${module.name}_bg.wasm`);
    if (args.has('--no-opt')) {
      log('wasm-opt: skipped (--no-opt)');
      continue;
    }
    const before = fs.statSync(wasm).size;
    // The features come from the module's target_features section (rustc writes it;
    // `strip = "debuginfo"` keeps it). The section is stripped from the output.
    run(
      process.execPath,
      [wasmOptBin(), module.wasmOpt, '--strip-debug', '--strip-producers', '--strip-target-features',
        path.relative(ROOT, wasm), '-o', path.relative(ROOT, wasm)],
      `wasm-opt (${module.name})`,
    );
    log(`wasm-opt: ${before} -> ${fs.statSync(wasm).size} bytes`);
    // The message of a panicking `str` slice: with it come ~5 KB brotli of
    // formatting and Unicode tables (the note on panics in src/lib.rs).
    if (module.name === CRATE && fs.readFileSync(wasm).includes('is not a char boundary')) {
      log('WARNING: the forms module slices a str with a panic again (~5 KB brotli): see src/lib.rs');
    }
  }
  log(`wasm build done in ${secs(t0)}`);
}

function copySite() {
  const noStamp = (src) => src !== STAMP;
  // js/index.js imports './pkg/hersys_validator.js': keep js/pkg/ (gitignored) in step with pkg/
  // so that tests importing js/ run the wasm just built.
  if (fs.existsSync(JS_DIR)) {
    fs.rmSync(path.join(JS_DIR, 'pkg'), { recursive: true, force: true });
    fs.cpSync(PKG, path.join(JS_DIR, 'pkg'), { recursive: true, filter: noStamp });
  }
  fs.rmSync(WWW_LIB, { recursive: true, force: true });
  fs.mkdirSync(WWW_LIB, { recursive: true });
  if (fs.existsSync(JS_DIR)) fs.cpSync(JS_DIR, WWW_LIB, { recursive: true });
  fs.rmSync(path.join(WWW_LIB, 'pkg'), { recursive: true, force: true });
  fs.cpSync(PKG, path.join(WWW_LIB, 'pkg'), { recursive: true, filter: noStamp });
  copyPhraseSegmenter();
  writeCountryNames();
  log(fs.existsSync(JS_DIR)
    ? 'copied pkg/ -> js/pkg/ and www/lib/pkg/, js/ -> www/lib/'
    : 'copied pkg/ -> www/lib/pkg/ (no js/ yet)');
}

/**
 * The pages' Japanese line breaking (www/app/phrases.js): BudouX's parser and
 * its Japanese model, two dependency-free ES modules, into www/lib/budoux/.
 */
function copyPhraseSegmenter() {
  const from = path.join(ROOT, 'node_modules', 'budoux', 'module');
  const to = path.join(WWW_LIB, 'budoux');
  fs.mkdirSync(to, { recursive: true });
  for (const [source, target] of [['parser.js', 'parser.js'], [path.join('data', 'models', 'ja.js'), 'ja.js']]) {
    const file = path.join(from, source);
    if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run setup\` (npm ci)`);
    fs.copyFileSync(file, path.join(to, target));
  }
}

/**
 * The country fields' suggestions (www/app/suggest.js): the ISO 3166 names in
 * Japanese from i18n-iso-countries (an official name, or an array of names), as
 * an ES module: the page imports it, the package's JSON is not fetched.
 */
function writeCountryNames() {
  const file = path.join(ROOT, 'node_modules', 'i18n-iso-countries', 'langs', 'ja.json');
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run setup\` (npm ci)`);
  const { countries } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const names = [...new Set(Object.values(countries ?? {}).flat().filter((n) => typeof n === 'string' && n.trim() !== ''))];
  if (names.length < 200 || !names.includes('日本')) throw new Error(`${path.relative(ROOT, file)}: expected the ISO 3166 names in Japanese`);
  const text = '// Generated by scripts/build.mjs from i18n-iso-countries/langs/ja.json (MIT): ISO 3166 names in Japanese.\n'
    + `export const COUNTRIES = ${JSON.stringify(names)};\n`;
  fs.writeFileSync(path.join(WWW_LIB, 'countries-ja.js'), text);
}

function sizes(file, mode) {
  const buf = fs.readFileSync(file);
  return {
    file: path.relative(ROOT, file),
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS,
        [zlib.constants.BROTLI_PARAM_MODE]: mode,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

function reportSizes() {
  const rows = {
    wasm: sizes(WASM, zlib.constants.BROTLI_MODE_GENERIC),
    glue: sizes(GLUE, zlib.constants.BROTLI_MODE_TEXT),
  };
  const audit = {
    wasm: sizes(path.join(PKG, `${CRATE}_audit_bg.wasm`), zlib.constants.BROTLI_MODE_GENERIC),
    glue: sizes(path.join(PKG, `${CRATE}_audit.js`), zlib.constants.BROTLI_MODE_TEXT),
  };
  const fmt = (n) => `${n.toLocaleString('en-US')} B`.padStart(11) + `${(n / 1024).toFixed(1)} KiB`.padStart(11);
  console.log('');
  console.log(`${'file'.padEnd(30)}${'raw'.padStart(22)}${'gzip -9'.padStart(22)}${'brotli q11'.padStart(22)}`);
  const line = (r) => console.log(`${r.file.padEnd(30)}${fmt(r.raw)}${fmt(r.gzip)}${fmt(r.brotli)}`);
  const sum = (a, b) => ['raw', 'gzip', 'brotli'].reduce((o, k) => ({ ...o, [k]: a[k] + b[k] }), {});
  const total = sum(rows.wasm, rows.glue);
  line(rows.wasm);
  line(rows.glue);
  line({ file: 'total: forms load this', ...total });
  audit.total = sum(audit.wasm, audit.glue);
  line(audit.wasm);
  line(audit.glue);
  line({ file: 'total: the audit loads this', ...audit.total });
  console.log('');
  const json = { ...rows, total, audit };
  fs.writeFileSync(path.join(PKG, 'size.json'), `${JSON.stringify(json, null, 2)}\n`);
  fs.mkdirSync(path.join(WWW_LIB, 'pkg'), { recursive: true });
  fs.copyFileSync(path.join(PKG, 'size.json'), path.join(WWW_LIB, 'pkg', 'size.json'));
  if (fs.existsSync(JS_DIR)) fs.copyFileSync(path.join(PKG, 'size.json'), path.join(JS_DIR, 'pkg', 'size.json'));
}

async function main() {
  const t0 = performance.now();
  const stale = args.has('--force') || outputTime() <= newestInput();
  if (stale) {
    buildWasm();
    await smokeTest();
    fs.writeFileSync(STAMP, `${JSON.stringify(buildOptions())}\n`);
  } else {
    log('pkg/ is newer than src/, Cargo.toml and Cargo.lock: cargo, wasm-bindgen, wasm-opt skipped (--force to rebuild)');
  }
  copySite();
  reportSizes();
  await buildDist(); // dist/hersys-check.html: both pages in one file that works from disk
  log(`done in ${secs(t0)}`);
}

main().catch((err) => {
  console.error(`[build] ERROR: ${err.message}`);
  process.exit(1);
});
