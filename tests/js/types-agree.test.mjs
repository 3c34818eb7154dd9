// The TypeScript unions FieldKey, VocabularyKey and Code in js/index.d.ts are
// generated from the catalogue (`npm run gen`, scripts/gen-types.mjs): this
// test fails while they are stale, and holds every union (Severity is written
// by hand) to what the module itself reports.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as api from '../../js/index.js';
import { expected } from '../../scripts/gen-types.mjs';

const STALE = 'js/index.d.ts is stale: run npm run gen';

test('the generated unions of js/index.d.ts are those of src/wire_catalogue.json', () => {
  const { current, wanted } = expected();
  assert.ok(current === wanted, STALE);
});

const declarations = fs.readFileSync(new URL('../../js/index.d.ts', import.meta.url), 'utf8');

/** The string literals of `export type Name = | 'a' | 'b' …;`. */
function union(name) {
  const match = declarations.match(new RegExp(`export type ${name} =([^;]*);`));
  assert.ok(match, `js/index.d.ts declares type ${name}`);
  return [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1]).sort();
}

test('FieldKey lists exactly the keys of fields()', async () => {
  await api.init();
  assert.deepEqual(union('FieldKey'), api.fields().map((f) => f.key).sort(), STALE);
});

test('VocabularyKey lists exactly the option lists of defaultVocabulary()', async () => {
  await api.init();
  assert.deepEqual(union('VocabularyKey'), Object.keys(api.defaultVocabulary()).sort(), STALE);
});

test('Code lists exactly the codes of rules()', async () => {
  await api.init();
  assert.deepEqual(union('Code'), api.rules().map((r) => r.code).sort(), STALE);
});

test('Severity lists exactly the severities rules() uses', async () => {
  await api.init();
  const used = new Set(api.rules().map((r) => r.severity));
  assert.deepEqual([...used].sort(), union('Severity'));
});
