#!/usr/bin/env node
// Walks the recipes "Adding a rule" and "Adding a field" of
// docs/architecture.md (`npm run test:recipes`): copies the repository (its
// tracked and untracked, not ignored files) to a temporary folder, applies
// the recipes' edits for a scratch rule and a scratch field
// (tests/recipes/scratch.mjs) step by step, and checks that
//   - with steps left out, the tests the recipe names fail (and say so);
//   - with every step and `npm run gen`, the Rust and JS agreement tests pass.
// The copy builds in target/recipes (RECIPES_TARGET_DIR), kept between runs,
// so only the crate itself is compiled again; the repository is not touched.
// Not part of `npm test` (a few minutes): tests/js/recipe-places.test.mjs is
// its quick check there. KEEP=1 keeps the copy for a look.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE, FIELD } from './scratch.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = path.resolve(ROOT, process.env.RECIPES_TARGET_DIR || 'target/recipes');
const COPY = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-recipes-'));
const env = { ...process.env, CARGO_TARGET_DIR: TARGET, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' };
for (const name of Object.keys(env)) if (name.startsWith('UPDATE_')) delete env[name];
const started = performance.now();
const seconds = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

/** Runs a command in the copy; returns { status, output }. */
function run(command, args) {
  const t = performance.now();
  const result = spawnSync(command, args, { cwd: COPY, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  console.log(`# ${command} ${args.map((a) => (a.includes('\n') ? '<script>' : a)).join(' ')}: exit ${result.status} in ${seconds(t)}`);
  return { status: result.status, output };
}

/** What an output says went wrong (its failures, or its tail), for an assertion's message. */
function tail(output) {
  const lines = output.split('\n');
  const wrong = lines.filter((line) => /not ok|FAILED|panicked|error[:[]|Error|expected|actual/.test(line));
  return (wrong.length ? wrong : lines).slice(-60).join('\n');
}

function passes(command, args) {
  const { status, output } = run(command, args);
  assert.equal(status, 0, `${command} ${args.join(' ')} failed:\n${tail(output)}`);
  return output;
}

/** Runs a command that must fail, naming each of `names` (test names) as failed. */
function fails(command, args, names, message) {
  const { status, output } = run(command, args);
  assert.notEqual(status, 0, `${command} ${args.join(' ')} passed, but the recipe says it fails`);
  for (const name of names) {
    const rust = new RegExp(`^test (\\S+::)?${name} \\.\\.\\. FAILED`, 'm');
    const js = new RegExp(`^\\s*not ok \\d+ - ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm');
    assert.ok(rust.test(output) || js.test(output), `${name} did not fail:\n${tail(output)}`);
  }
  if (message) assert.match(output, message);
  return output;
}

/** Applies the edits of one step of a recipe in the copy. */
function apply(recipe, step) {
  for (const [file, edit] of recipe.steps[step]) {
    const full = path.join(COPY, file);
    const source = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : null;
    fs.writeFileSync(full, edit(source, file));
  }
}

const cargoTest = (...tests) => ['cargo', ['test', '--all-features', '--no-fail-fast', ...tests.flatMap((t) => (t === 'lib' ? ['--lib'] : ['--test', t]))]];
const nodeTest = (...files) => ['node', ['--test', ...files.map((f) => `tests/js/${f}.test.mjs`)]];

/** A test of the walk: the steps build on each other, so after a failure the rest are skipped. */
let failed = false;
function step(name, fn) {
  test(name, (t) => {
    if (failed) return t.skip('an earlier step failed');
    try {
      fn();
    } catch (error) {
      failed = true;
      throw error;
    }
  });
}

test.before(() => {
  const t = performance.now();
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .stdout.split('\0')
    .filter(Boolean)
    .filter((file) => fs.existsSync(path.join(ROOT, file)));
  assert.ok(files.includes('Cargo.toml') && files.includes('scripts/gen.mjs'), 'git ls-files lists the repository');
  for (const file of files) {
    fs.mkdirSync(path.join(COPY, path.dirname(file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(COPY, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(COPY, 'node_modules'), 'dir');
  // The build of the sources before the edits (js/index.js imports js/pkg/ statically), as in a
  // working copy; npm run gen rebuilds it.
  for (const dir of ['pkg', 'js/pkg']) {
    assert.ok(fs.existsSync(path.join(ROOT, dir)), `${dir}/ is missing: run npm run build first`);
    fs.cpSync(path.join(ROOT, dir), path.join(COPY, dir), { recursive: true });
  }
  console.log(`# copied ${files.length} files to ${COPY} in ${seconds(t)}; cargo builds in ${TARGET}`);
});

test.after(() => {
  if (process.env.KEEP) console.log(`# kept ${COPY}`);
  else fs.rmSync(COPY, { recursive: true, force: true });
  console.log(`# the walk took ${seconds(started)}`);
});

step('rule steps 1–2 and field step 1 alone: the tests the recipes name fail', () => {
  apply(RULE, 1);
  apply(RULE, 2);
  apply(FIELD, 1);
  fails(...cargoTest('lib', 'rules', 'readme', 'catalogue'), [
    // rule step 3 left out
    'every_field_level_code_has_a_case_that_fires',
    'every_message_is_polite_and_says_what_to_do',
    // rule step 4 left out
    'docs_explain_every_code',
    // npm run gen left out
    'docs_rules_table_matches_the_code',
    'the_shipped_catalogue_text_is_what_the_code_builds',
    // field step 2 left out
    'every_field_is_in_exactly_one_group',
    'groups_hold_every_field_once_in_screen_order',
  ], /occupation\.digits has no case/);
});

step('rule steps 3–4 and field step 2, the catalogue regenerated but not the rest: types-agree and recipe-places say to run npm run gen', () => {
  apply(RULE, 3);
  apply(RULE, 4);
  apply(FIELD, 2);
  passes('node', ['scripts/gen.mjs', '--only', 'catalogue']);
  fails(...nodeTest('types-agree'), ['the generated unions of js/index.d.ts'], /js\/index\.d\.ts is stale: run npm run gen/);
  fails(...nodeTest('recipe-places'), ["the Fields table of docs/api.md is the catalogue's (npm run gen writes it)"], /docs\/api\.md is stale: run npm run gen/);
});

step('npm run gen: the Rust tests pass; without field steps 3–4, the tests they name fail', () => {
  passes('node', ['scripts/gen.mjs']);
  passes(...cargoTest('lib', 'rules', 'readme', 'catalogue', 'audit'));
  fails(...nodeTest('bench-pipeline-agreement'), ["the pipeline's header labels are the catalogue's"]);
  fails('node', ['--test', 'tests/e2e/keystrokes.test.mjs'], ['a full paper record, keyboard only']);
});

step('every step: the agreement tests pass, and the scratch rule and field work through the JS API', () => {
  apply(FIELD, 3);
  apply(FIELD, 4);
  passes(
    ...nodeTest(
      'types-agree', 'recipe-places', 'catalogue', 'api', 'wire-limits', 'gen-steps', 'rules-audit-agreement',
      'bench-agreement', 'bench-pipeline-agreement',
    ),
  );
  passes('node', ['--test', '--test-name-pattern=initial state|keyboard only', 'tests/e2e/keystrokes.test.mjs', 'tests/e2e/page.test.mjs']);
  const probe = `
    import { init, validate, fields, rules } from './js/index.js';
    await init();
    const today = '2021-07-31';
    const record = { diagnosisDate: '2021-06-10', status: '入院中', placeCategory: '場所種別不明', occupation: '123', contactDate: '2021-02-30' };
    const codes = validate(record, { today }).issues.map((i) => i.code + '@' + i.field);
    console.log(JSON.stringify({ codes, field: fields().find((f) => f.key === '${FIELD.key}'), rule: rules().find((r) => r.code === '${RULE.code}') }));
  `;
  const answer = JSON.parse(passes('node', ['--input-type=module', '-e', probe]).trim().split('\n').pop());
  assert.ok(answer.codes.includes(`${RULE.code}@occupation`), answer.codes.join(', '));
  assert.ok(answer.codes.includes(`date.impossible@${FIELD.key}`), 'a Date field gets the date rules from its kind');
  assert.equal(answer.field.kind, 'date');
  assert.equal(answer.rule.severity, 'warning');
  const types = fs.readFileSync(path.join(COPY, 'js/index.d.ts'), 'utf8');
  assert.match(types, new RegExp(`'${RULE.code}'`));
  assert.match(types, new RegExp(`'${FIELD.key}'`));
});
