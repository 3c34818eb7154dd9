// The sections of the benchmark, in the order they run and print. A section
// is `{ title, run(ctx) → result, rows?(result) → table rows, report?(result) → text }`:
// run() measures (browser, builds); rows() and report() only render a result,
// so that lib/report.mjs can print a run again from bench/results.json.
import { batch } from './batch.mjs';
import { load } from './load.mjs';
import { memory } from './memory.mjs';
import { perChange } from './per-change.mjs';
import { profile } from './profile.mjs';

export const SECTIONS = { load, perChange, profile, batch, memory };
