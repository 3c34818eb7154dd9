// The part of the hersys-validator rules that JSON Schema can express,
// compiled by ajv to standalone code (build-ajv.mjs writes
// ajv-standalone.generated.js from ajv-schema.js; run it first).
//
// Codes covered: COVERED_CODES of ajv-schema.js (the single-field rules, the
// option lists, the passport format by 国籍, date.invalid, and the cross-field
// rules that need no date arithmetic). Issues come back as `{ code, field }`.
import { validate as compiled, RULES } from './ajv-standalone.generated.js';

export { RULES };

/** The codes this validator can report. */
export const COVERED_CODES = Object.freeze([...new Set(RULES.map((r) => r.code))]);

const NO_RELATED = Object.freeze([]);

export function createValidator() {
  /** Every covered issue of the record: `[{ code, field }]`. */
  function validate(record) {
    if (compiled(record)) return [];
    const seen = new Uint8Array(RULES.length);
    const out = [];
    for (const error of compiled.errors) {
      if (error.keyword === 'if') continue; // the companion of a failed `then`
      // schemaPath: '#/allOf/<i>/…'
      const path = error.schemaPath;
      const end = path.indexOf('/', 8);
      const i = Number(end < 0 ? path.slice(8) : path.slice(8, end));
      if (seen[i]) continue;
      seen[i] = 1;
      out.push({ code: RULES[i].code, field: RULES[i].field, related: NO_RELATED });
    }
    return out;
  }

  /** No dependency information in JSON Schema: the issues on `key` only. */
  function validateField(key, record) {
    return validate(record).filter((issue) => issue.field === key);
  }

  return { name: 'ajv', validate, validateField, covers: (code) => COVERED_CODES.includes(code) };
}
