// The generated case files of the batch sections (examples/gen_cases.rs:
// SYNTHETIC rows, 10 % of them with one planted defect, CR LF, quoted cells
// with commas, quotes and line breaks, rows with a column too many or too
// few), written once into target/bench-data/ and reused.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { log } from './log.mjs';
import { DATA_DIR, ROOT } from './paths.mjs';

export const BATCH_TODAY = '2024-03-31'; // gen_cases: clean rows are clean for any day in 2023-01-31..2030-05-31
export const BATCH_SEED = 42;
export const BATCH_DEFECTS = 0.1;
export const BATCH_ENCODINGS = ['utf-8', 'shift_jis'];
export const MiB = 1024 * 1024;

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * target/bench-data/cases-<rows>-<encoding>-seed<S>-defects<P>.csv, generated
 * once: reused while its .json beside it names the same parameters, the same
 * generator binary (sha256) and the file's size.
 */
export function caseFile(tools, rows, encoding) {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const base = path.join(DATA_DIR, `cases-${rows}-${encoding}-seed${BATCH_SEED}-defects${BATCH_DEFECTS}`);
  const csv = `${base}.csv`;
  const metaFile = `${base}.json`;
  const want = { rows, encoding, seed: BATCH_SEED, defects: BATCH_DEFECTS, generator: sha256(tools.genCases) };
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    if (Object.entries(want).every(([k, v]) => meta[k] === v) && fs.statSync(csv).size === meta.bytes) return { csv, ...meta, reused: true };
  } catch {
    // missing or stale: generate
  }
  const t0 = performance.now();
  const r = spawnSync(tools.genCases, ['--rows', String(rows), '--encoding', encoding, '--seed', String(BATCH_SEED), '--defects', String(BATCH_DEFECTS), '--out', csv], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`gen_cases failed: ${r.error?.message ?? r.stderr}`);
  const meta = { ...want, bytes: fs.statSync(csv).size, planted: r.stderr.trim() };
  fs.writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  log(`generated ${path.relative(ROOT, csv)}: ${(meta.bytes / MiB).toFixed(1)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { csv, ...meta, reused: false };
}
