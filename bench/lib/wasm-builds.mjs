// Other builds of the same wasm for the page: names kept for the profilers
// (checked byte for byte against pkg/ once stripped), and the audit module at
// opt-level 3 (--batch-o3). Each in its own cargo target dir under target/,
// so that the repo's build is never disturbed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sizes } from './compressed-size.mjs';
import { cargoEnv } from './native-tools.mjs';
import { PAGE, ROOT, VENDOR } from './paths.mjs';

/** lib-prof/ made from this run's lib/ (by either build below): a copy left by an earlier run may hold JS of another build. */
let profLibMade = false;

/** bench/page/lib-prof/ as a fresh copy of lib/, unless this run already made it. */
function profLib() {
  const dest = path.join(PAGE, 'lib-prof');
  if (!profLibMade) {
    fs.rmSync(dest, { recursive: true, force: true });
    fs.cpSync(path.join(PAGE, 'lib'), dest, { recursive: true });
    profLibMade = true;
  }
  return dest;
}

/**
 * bench/page/lib-prof/: the same build with the wasm function names kept, for
 * the profiler. cargo (in its own target dir, target/bench-profile/, so that
 * the repo's build is never disturbed), wasm-bindgen, then wasm-opt with the
 * flags of scripts/build.mjs; the stripped result must equal pkg/'s .wasm byte
 * for byte (so the profile is of the very code measured: the feature set that
 * reproduces it is found by trying the ones build.mjs uses), then the same
 * again with -g (names kept).
 */
export function buildProfilingLib() {
  const cargoBin = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'bin');
  const targetDir = path.join(ROOT, 'target', 'bench-profile');
  const env = { ...process.env, PATH: `${cargoBin}${path.delimiter}${process.env.PATH}`, CARGO_TARGET_DIR: targetDir };
  const wasmOpt = path.join(ROOT, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  const flags = ['-Oz', '--strip-producers', '--strip-target-features'];
  const measured = fs.readFileSync(path.join(ROOT, 'pkg', 'hersys_validator_bg.wasm'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-prof-'));
  const exec = (cmd, argv) => {
    const r = spawnSync(cmd, argv, { cwd: ROOT, env, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
  };
  try {
    let found = null;
    for (const features of [['--no-default-features'], []]) {
      exec('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', ...features]);
      const raw = path.join(targetDir, 'wasm32-unknown-unknown', 'release', 'hersys_validator.wasm');
      exec('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', 'hersys_validator', raw]);
      const bg = path.join(tmp, 'hersys_validator_bg.wasm');
      exec(process.execPath, [wasmOpt, ...flags, '--strip-debug', bg, '-o', path.join(tmp, 'stripped.wasm')]);
      if (Buffer.compare(fs.readFileSync(path.join(tmp, 'stripped.wasm')), measured) === 0) {
        exec(process.execPath, [wasmOpt, ...flags, '-g', bg, '-o', path.join(tmp, 'named.wasm')]);
        found = features;
        break;
      }
    }
    if (!found) throw new Error('no cargo feature set rebuilds pkg/hersys_validator_bg.wasm byte for byte (is pkg/ stale? run npm run build)');
    const dest = profLib();
    fs.copyFileSync(path.join(tmp, 'hersys_validator.js'), path.join(dest, 'pkg', 'hersys_validator.js'));
    fs.copyFileSync(path.join(tmp, 'named.wasm'), path.join(dest, 'pkg', 'hersys_validator_bg.wasm'));
    return { sameCodeAsPkg: true, cargoFeatures: found.join(' ') || '(default)', namedWasmBytes: fs.statSync(path.join(dest, 'pkg', 'hersys_validator_bg.wasm')).size };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * page/lib-prof/pkg/hersys_validator_audit{.js,_bg.wasm}: the audit module
 * with its function names, rebuilt as scripts/build.mjs builds it (in
 * target/bench-profile/); lib-prof/ is this run's page/lib/ otherwise.
 */
export function buildProfilingAudit() {
  const targetDir = path.join(ROOT, 'target', 'bench-profile');
  // As scripts/build.mjs builds the audit module: opt-level 3, wasm-opt -O3.
  const env = cargoEnv({ CARGO_TARGET_DIR: targetDir, CARGO_PROFILE_RELEASE_OPT_LEVEL: '3' });
  const wasmOpt = path.join(ROOT, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  const flags = ['-O3', '--strip-producers', '--strip-target-features'];
  const name = 'hersys_validator_audit';
  const measured = fs.readFileSync(path.join(ROOT, 'pkg', `${name}_bg.wasm`));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-prof-audit-'));
  const exec = (cmd, argv) => {
    const r = spawnSync(cmd, argv, { cwd: ROOT, env, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
  };
  try {
    let found = null;
    for (const features of [['--features', 'audit'], []]) {
      exec('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', ...features]);
      const raw = path.join(targetDir, 'wasm32-unknown-unknown', 'release', 'hersys_validator.wasm');
      exec('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', name, raw]);
      const bg = path.join(tmp, `${name}_bg.wasm`);
      exec(process.execPath, [wasmOpt, ...flags, '--strip-debug', bg, '-o', path.join(tmp, 'stripped.wasm')]);
      if (Buffer.compare(fs.readFileSync(path.join(tmp, 'stripped.wasm')), measured) === 0) {
        exec(process.execPath, [wasmOpt, ...flags, '-g', bg, '-o', path.join(tmp, 'named.wasm')]);
        found = features;
        break;
      }
    }
    if (!found) throw new Error(`no cargo feature set rebuilds pkg/${name}_bg.wasm byte for byte (is pkg/ stale? run npm run build)`);
    const dest = profLib();
    fs.copyFileSync(path.join(tmp, `${name}.js`), path.join(dest, 'pkg', `${name}.js`));
    fs.copyFileSync(path.join(tmp, 'named.wasm'), path.join(dest, 'pkg', `${name}_bg.wasm`));
    return { sameCodeAsPkg: true, cargoFeatures: found.join(' ') || '(default)', namedWasmBytes: fs.statSync(path.join(dest, 'pkg', `${name}_bg.wasm`)).size };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * --batch-o3, an experiment: page/vendor/lib-o3/, the package with its audit
 * module built at opt-level 3 (cargo, in target/bench-o3/) and wasm-opt -O3
 * instead of "z" and -Oz: how much speed the size-optimised profile costs.
 */
export function buildAuditO3() {
  const targetDir = path.join(ROOT, 'target', 'bench-o3');
  const env = cargoEnv({ CARGO_TARGET_DIR: targetDir, CARGO_PROFILE_RELEASE_OPT_LEVEL: '3' });
  const name = 'hersys_validator_audit';
  const dest = path.join(VENDOR, 'lib-o3');
  const exec = (cmd, argv) => {
    const r = spawnSync(cmd, argv, { cwd: ROOT, env, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
  };
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(path.join(PAGE, 'lib'), dest, { recursive: true });
  exec('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--features', 'audit']);
  const raw = path.join(targetDir, 'wasm32-unknown-unknown', 'release', 'hersys_validator.wasm');
  exec('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', path.join(dest, 'pkg'), '--out-name', name, raw]);
  const wasm = path.join(dest, 'pkg', `${name}_bg.wasm`);
  exec(process.execPath, [path.join(ROOT, 'node_modules', 'binaryen', 'bin', 'wasm-opt'), '-O3', '--strip-debug', '--strip-producers', '--strip-target-features', wasm, '-o', wasm]);
  return { wasm: sizes(fs.readFileSync(wasm), false), measuredWasm: sizes(fs.readFileSync(path.join(ROOT, 'pkg', `${name}_bg.wasm`)), false) };
}
