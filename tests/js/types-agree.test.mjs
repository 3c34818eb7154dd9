// The TypeScript unions in js/index.d.ts are written by hand: this test holds
// them to what the module itself reports, so a new field, code or option list
// in Rust fails here until the types follow.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as api from '../../js/index.js';

const declarations = fs.readFileSync(new URL('../../js/index.d.ts', import.meta.url), 'utf8');

/** The string literals of `export type Name = | 'a' | 'b' …;`. */
function union(name) {
  const match = declarations.match(new RegExp(`export type ${name} =([^;]*);`));
  assert.ok(match, `js/index.d.ts declares type ${name}`);
  return [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1]).sort();
}

test('FieldKey lists exactly the keys of fields()', async () => {
  await api.init();
  assert.deepEqual(union('FieldKey'), api.fields().map((f) => f.key).sort());
});

test('VocabularyKey lists exactly the option lists of defaultVocabulary()', async () => {
  await api.init();
  assert.deepEqual(union('VocabularyKey'), Object.keys(api.defaultVocabulary()).sort());
});

test('Code lists exactly the codes of rules()', async () => {
  await api.init();
  assert.deepEqual(union('Code'), api.rules().map((r) => r.code).sort());
});

test('Severity lists exactly the severities rules() uses', async () => {
  await api.init();
  const used = new Set(api.rules().map((r) => r.severity));
  assert.deepEqual([...used].sort(), union('Severity'));
});
