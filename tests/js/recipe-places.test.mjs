// The recipes "Adding a rule" and "Adding a field" of docs/architecture.md
// cannot rot silently: every file they name exists, every test they say
// fails when a step is left out exists under that name, every identifier a
// step names is in the files of that step, and each step says what fails
// without it. `npm run test:recipes` (tests/recipes/walk.mjs) walks them on
// a scratch rule and field; this is the quick check the regular tests run.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expected as expectedFieldTable } from '../../scripts/gen-field-table.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The text of the `## title` section of a Markdown file (up to the next `## `). */
function section(text, title) {
  const start = text.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `no section "## ${title}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The numbered steps of a section: `1. …` up to the next number or paragraph. */
function steps(text) {
  return [...text.matchAll(/^(\d+)\. ([\s\S]*?)(?=^\d+\. |^\S|(?![\s\S]))/gm)].map((m) => ({ n: Number(m[1]), text: m[2] }));
}

const codeSpans = (text) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\s+/g, ' '));
const isPath = (span) => /^(src|tests|js|www|bench|docs|scripts)\/\S+$/.test(span);

/** `file::name`: the file exists and holds the test (a Rust `fn name` or a JS test title). */
function assertTest(span, where) {
  const [file, name] = span.split('::');
  assert.ok(fs.existsSync(path.join(ROOT, file)), `${where}: ${file} does not exist`);
  const text = read(file);
  if (file.endsWith('.rs')) assert.match(text, new RegExp(`fn ${name}\\b`), `${where}: ${file} has no fn ${name}`);
  else assert.ok(text.includes(name), `${where}: ${file} has no test "${name}"`);
}

function assertPath(span, where) {
  // `src/rules/<clause>.rs` stands for a file of that folder.
  const file = span.includes('<') ? path.dirname(span.slice(0, span.indexOf('<')) + 'x') : span;
  assert.ok(fs.existsSync(path.join(ROOT, file)), `${where}: ${span} does not exist`);
}

const architecture = read('docs/architecture.md');
for (const title of ['Adding a rule', 'Adding a field']) {
  test(`docs/architecture.md "${title}": its files, tests and identifiers exist, and each step says what fails without it`, () => {
    const recipe = section(architecture, title);
    const list = steps(recipe);
    assert.ok(list.length >= 5, `${title}: ${list.length} steps`);
    assert.deepEqual(list.map((s) => s.n), list.map((_, i) => i + 1), `${title}: steps numbered 1, 2, …`);
    for (const step of list) {
      const where = `${title}, step ${step.n}`;
      const spans = codeSpans(step.text);
      const files = spans.filter(isPath).filter((span) => !span.includes('<'));
      for (const span of spans) {
        if (span.includes('::') && isPath(span.split('::')[0])) assertTest(span, where);
        else if (isPath(span)) assertPath(span, where);
      }
      const bold = [...step.text.matchAll(/\*\*`([^`]+)`\*\*/g)].map((m) => m[1]);
      if (bold.some(isPath)) assert.match(step.text, /Left out/, `${where} does not say what fails without it`);
      // A name the step tells to edit (`GROUPS`, `codes! { … }`, `firing_cases()`, `Code::field_level()`)
      // is in one of the files the step names.
      const texts = files.map((file) => read(file.split('::')[0]));
      for (const span of spans) {
        const ident = span.match(/^(?:[A-Z]\w*::)?([A-Za-z_]\w*!?)(?:\(\))?(?: \{ … \})?$/)?.[1];
        if (!ident || /^E\d{4}$/.test(ident) || texts.length === 0) continue;
        assert.ok(texts.some((t) => t.includes(ident)), `${where}: \`${span}\` is in none of ${files.join(', ')}`);
      }
    }
  });
}

test('the recipes name the generator and the walk that check them', () => {
  const rule = section(architecture, 'Adding a rule');
  assert.match(rule, /npm run gen/);
  assert.match(rule, /npm run test:recipes/);
  const scripts = JSON.parse(read('package.json')).scripts;
  assert.match(scripts['test:recipes'], /tests\/recipes\/walk\.mjs/);
  assert.ok(fs.existsSync(path.join(ROOT, 'tests/recipes/walk.mjs')));
  // Every output step 5 says npm run gen writes is a step of scripts/gen.mjs.
  const gen = read('scripts/gen.mjs');
  for (const name of ['catalogue', 'types', 'rules', 'fixtures', 'build', 'sizes']) {
    assert.match(gen, new RegExp(`name: '${name}'`), `scripts/gen.mjs has no step ${name}`);
  }
});

test("the Fields table of docs/api.md is the catalogue's (npm run gen writes it)", () => {
  const { current, wanted } = expectedFieldTable();
  assert.ok(current === wanted, 'docs/api.md is stale: run npm run gen');
});
