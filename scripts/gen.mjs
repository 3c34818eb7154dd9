#!/usr/bin/env node
// Regenerates everything in the repository that is generated from something
// else, in dependency order (`npm run gen`). `npm test` fails while any of
// these is stale: each step is the rewrite mode of the test that checks it.
//
//   catalogue   src/wire_catalogue.json, from the Rust catalogue (fields, codes, messages)
//   types       js/index.d.ts's FieldKey, VocabularyKey and Code unions, from the catalogue JSON
//               (scripts/gen-types.mjs)
//   rules       docs/rules.md's table of every code, from the same
//   fixtures    tests/fixtures/public-lists/*.expected.json, the audits of the public-list fixtures
//   build       the .wasm modules, www/lib/ and dist/ (what the size numbers are read from)
//   sizes       the build's sizes quoted in README.md and docs/*.md
//   bench       bench/README.md's results block, from bench/results.json (no benchmark is run:
//               `npm run bench` measures and rewrites both)
//   screenshots docs/screenshot-*.png, from the e2e tests (only with --screenshots: they
//               need Chromium and change with every pixel)
//
// Usage: node scripts/gen.mjs [--only STEP[,STEP...]] [--screenshots]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const STEPS = [
  { name: 'catalogue', env: { UPDATE_CATALOGUE: '1' }, run: ['cargo', ['test', '--all-features', '--test', 'catalogue']] },
  { name: 'types', env: {}, run: ['node', ['scripts/gen-types.mjs']] },
  { name: 'fields', env: {}, run: ['node', ['scripts/gen-field-table.mjs']] },
  { name: 'rules', env: { UPDATE_README: '1' }, run: ['cargo', ['test', '--all-features', '--test', 'readme']] },
  { name: 'fixtures', env: { UPDATE_FIXTURES: '1' }, run: ['cargo', ['test', '--all-features', '--test', 'audit', 'public_list']] },
  { name: 'build', env: {}, run: ['node', ['scripts/build.mjs']] },
  { name: 'sizes', env: { UPDATE_DOCS: '1' }, run: ['node', ['--test', 'tests/js/docs-links.test.mjs']] },
  { name: 'bench', env: {}, run: ['node', ['bench/readme.mjs']] },
  {
    name: 'screenshots',
    optIn: true,
    env: { UPDATE_SCREENSHOTS: '1', CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' },
    run: ['node', ['--test', '--test-name-pattern=screenshot|one chart per notice', 'tests/e2e/page.test.mjs', 'tests/e2e/audit.test.mjs', 'tests/e2e/embed.test.mjs', 'tests/e2e/audit-picture.test.mjs']],
  },
];

function usage(message) {
  if (message) console.error(`gen: ${message}`);
  console.error(`usage: node scripts/gen.mjs [--only ${STEPS.map((s) => s.name).join('|')}[,...]] [--screenshots]`);
  process.exit(2);
}

let only = null;
let screenshots = false;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--screenshots') screenshots = true;
  else if (arg === '--only' || arg.startsWith('--only=')) {
    const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
    if (!value) usage('--only needs a value');
    only = new Set(value.split(','));
    for (const name of only) if (!STEPS.some((s) => s.name === name)) usage(`unknown step "${name}"`);
  } else if (arg === '-h' || arg === '--help') usage();
  else usage(`unknown argument ${arg}`);
}

const chosen = STEPS.filter((step) => (only ? only.has(step.name) : !step.optIn || screenshots));
for (const step of chosen) {
  const [command, args] = step.run;
  const vars = Object.entries(step.env).map(([k, v]) => `${k}=${v} `).join('');
  console.log(`\n[gen] ${step.name}: ${vars}${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...step.env } });
  if (result.status !== 0) {
    console.error(`[gen] ${step.name} failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(1);
  }
}
console.log(`\n[gen] done: ${chosen.map((s) => s.name).join(', ')}. Review with git diff.`);
