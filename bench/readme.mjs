#!/usr/bin/env node
// Rewrites the generated part of bench/README.md, "The latest full run" (between
// <!-- bench:start --> and <!-- bench:end -->) from bench/results.json, the
// latest full run. bench/run.mjs does the same after a full run; by hand:
//
//   node bench/readme.mjs
import fs from 'node:fs';
import path from 'node:path';
import { BENCH } from './lib/paths.mjs';
import { updateReadme } from './lib/readme.mjs';

const file = path.join(BENCH, 'results.json');
const changed = updateReadme(JSON.parse(fs.readFileSync(file, 'utf8')));
console.log(`bench/README.md: latest full run ${changed ? 'rewritten' : 'already up to date'} from ${path.relative(process.cwd(), file)}`);
