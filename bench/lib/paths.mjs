// Where the benchmark's files are: the repo, bench/, the page it serves and
// the bundles it writes beside the page.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH, '..');
export const PAGE = path.join(BENCH, 'page');
export const VENDOR = path.join(PAGE, 'vendor');
/** The generated case files of the batch sections (and perf data). */
export const DATA_DIR = path.join(ROOT, 'target', 'bench-data');
