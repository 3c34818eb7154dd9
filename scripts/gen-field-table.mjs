#!/usr/bin/env node
// Writes the table of §"Fields" in docs/api.md (every field's key and label,
// in the form's order, down the first column, then the second) from
// src/wire_catalogue.json, between the `fields:begin` and `fields:end`
// markers, so that a new field reaches the docs by `npm run gen`.
// tests/js/recipe-places.test.mjs fails while the table is stale.
//
// Usage: node scripts/gen-field-table.mjs [--check]   (--check: exit 1 if stale, write nothing)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const API_DOC = path.join(ROOT, 'docs', 'api.md');
const CATALOGUE = path.join(ROOT, 'src', 'wire_catalogue.json');
export const BEGIN = '<!-- fields:begin (generated from src/wire_catalogue.json by scripts/gen-field-table.mjs: run `npm run gen`) -->';
export const END = '<!-- fields:end -->';

/** The table (markers included): two columns of `key | 項目`, the fields in order down each. */
export function fieldTable(catalogue) {
  const fields = catalogue.fields;
  if (fields.length === 0) throw new Error('gen-field-table: the catalogue has no fields');
  const half = Math.floor(fields.length / 2); // the second column holds the odd one
  const cells = (field) => (field ? [`\`${field.key}\``, field.ja] : ['', '']);
  const rows = [];
  for (let i = 0; i < fields.length - half; i++) {
    const parts = [...cells(i < half ? fields[i] : null), ...cells(fields[half + i])];
    rows.push(`|${parts.map((part) => (part ? ` ${part} ` : ' ')).join('|')}|`);
  }
  // Blank lines around the table: it stays a table after the HTML comment.
  return [BEGIN, '', '| key | 項目 | key | 項目 |', '|---|---|---|---|', ...rows, '', END].join('\n');
}

/** The doc as it should be, and as it is. */
export function expected() {
  const current = fs.readFileSync(API_DOC, 'utf8');
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`gen-field-table: docs/api.md lacks the markers "${BEGIN}" … "${END}"`);
  const table = fieldTable(JSON.parse(fs.readFileSync(CATALOGUE, 'utf8')));
  return { current, wanted: current.slice(0, start) + table + current.slice(end + END.length) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { current, wanted } = expected();
  if (current === wanted) console.log('gen-field-table: docs/api.md is up to date');
  else if (process.argv.includes('--check')) {
    console.error('gen-field-table: docs/api.md is stale: run npm run gen');
    process.exit(1);
  } else {
    fs.writeFileSync(API_DOC, wanted);
    console.log('gen-field-table: wrote the Fields table of docs/api.md');
  }
}
