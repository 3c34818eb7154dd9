// `npm run gen` (scripts/gen.mjs) regenerates everything generated: every
// rewrite mode a test has (an UPDATE_* variable) is one of its steps, so a new
// generated file cannot be left out of it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Test sources under `dir` (.rs, .mjs, .js). */
function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'fixtures' ? [] : sources(file);
    return /\.(rs|mjs|js)$/.test(entry.name) ? [file] : [];
  });
}

test('every UPDATE_* rewrite mode of the tests is a step of npm run gen', () => {
  const modes = new Set();
  for (const file of sources(path.join(ROOT, 'tests'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bUPDATE_[A-Z]+\b/g)) modes.add(m[0]);
  }
  assert.ok(modes.size >= 4, `the tests' rewrite modes: ${[...modes].join(', ')}`);
  const gen = fs.readFileSync(path.join(ROOT, 'scripts', 'gen.mjs'), 'utf8');
  const missing = [...modes].filter((mode) => !new RegExp(`\\b${mode}: '1'`).test(gen));
  assert.deepEqual(missing, [], 'rewrite modes npm run gen does not run');
  assert.match(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.gen, /scripts\/gen\.mjs/);
});
