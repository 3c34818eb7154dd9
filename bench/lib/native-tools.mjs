// The native side of the batch sections: the case generator and the Rust
// audit compiled for this machine (examples/audit_native.rs).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { BATCH_TODAY } from './case-files.mjs';
import { ROOT } from './paths.mjs';

export function cargoEnv(extra = {}) {
  const cargoBin = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'bin');
  return { ...process.env, PATH: `${cargoBin}${path.delimiter}${process.env.PATH}`, ...extra };
}

/**
 * target/release/examples/gen_cases and target/release/examples/audit_native with the
 * repo's release profile (opt-level "z", LTO: the profile the wasm module is
 * built with), and the same example at opt-level 3 in target/bench-native-o3/
 * (what the machine can do when size does not matter). cargo skips what is
 * up to date.
 */
export function buildNativeTools() {
  const build = (argv, env) => {
    const r = spawnSync('cargo', ['build', '--release', ...argv], { cwd: ROOT, env, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`cargo build --release ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
  };
  build(['--example', 'gen_cases', '--example', 'audit_native'], cargoEnv());
  const o3 = path.join(ROOT, 'target', 'bench-native-o3');
  build(['--example', 'audit_native'], cargoEnv({ CARGO_TARGET_DIR: o3, CARGO_PROFILE_RELEASE_OPT_LEVEL: '3' }));
  const release = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR, 'release') : path.join(ROOT, 'target', 'release');
  return {
    genCases: path.join(release, 'examples', 'gen_cases'),
    native: path.join(release, 'examples', 'audit_native'),
    nativeO3: path.join(o3, 'release', 'examples', 'audit_native'),
  };
}

export function runNative(bin, file, encoding) {
  const r = spawnSync(bin, [file, '--encoding', encoding, '--today', BATCH_TODAY, '--json'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`audit_native failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout);
}
