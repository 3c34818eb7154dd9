#!/usr/bin/env node
// Writes the TypeScript unions of js/index.d.ts that name the catalogue's
// keys (FieldKey, VocabularyKey, Code) from src/wire_catalogue.json, between
// the `types:begin` and `types:end` markers, so that a new field, option
// list or code in Rust reaches the types by `npm run gen` instead of by
// hand. tests/js/types-agree.test.mjs fails while the block is stale.
//
// Usage: node scripts/gen-types.mjs [--check]   (--check: exit 1 if stale, write nothing)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DECLARATIONS = path.join(ROOT, 'js', 'index.d.ts');
export const CATALOGUE = path.join(ROOT, 'src', 'wire_catalogue.json');
export const BEGIN = '// types:begin (generated from src/wire_catalogue.json by scripts/gen-types.mjs: run `npm run gen`)';
export const END = '// types:end';

/** `export type Name =\n  | 'a'\n  | 'b';` */
function union(doc, name, values) {
  if (values.length === 0) throw new Error(`gen-types: the catalogue has no ${name}`);
  return `/** ${doc} */\nexport type ${name} =\n${values.map((v) => `  | '${v.replace(/[\\']/g, '\\$&')}'`).join('\n')};\n`;
}

/** The generated block (markers included) for a parsed catalogue. */
export function typesBlock(catalogue) {
  return [
    BEGIN,
    union('The stable key of a 発生届 field.', 'FieldKey', catalogue.fields.map((f) => f.key)),
    union('The fields that take their value from an option list.', 'VocabularyKey', Object.keys(catalogue.vocabulary)),
    union('Every stable rule code.', 'Code', catalogue.codes.map(([code]) => code)),
    END,
  ].join('\n');
}

/** `text` with its block replaced by `block`; throws if the markers are missing. */
export function withBlock(text, block) {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`gen-types: js/index.d.ts lacks the markers "${BEGIN}" … "${END}"`);
  return text.slice(0, start) + block + text.slice(end + END.length);
}

/** The declarations as they should be, and as they are. */
export function expected() {
  const catalogue = JSON.parse(fs.readFileSync(CATALOGUE, 'utf8'));
  const current = fs.readFileSync(DECLARATIONS, 'utf8');
  return { current, wanted: withBlock(current, typesBlock(catalogue)) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const { current, wanted } = expected();
  if (current === wanted) console.log('gen-types: js/index.d.ts is up to date');
  else if (check) {
    console.error('gen-types: js/index.d.ts is stale: run npm run gen');
    process.exit(1);
  } else {
    fs.writeFileSync(DECLARATIONS, wanted);
    console.log('gen-types: wrote the FieldKey, VocabularyKey and Code unions of js/index.d.ts');
  }
}
