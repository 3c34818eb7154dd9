// Standard Schema v1 (https://standardschema.dev) over validate(), so that
// form libraries (react-hook-form's standardSchemaResolver, TanStack Form's
// validators, …) take the 発生届 rules without an adapter.
//
// The form's other keys (a patient's name, a consent box) are never given to
// the core: they pass through to the output untouched. Only errors fail the
// schema; warnings and notes are for the page's own display.

import { fields, init, validate } from './validator.js';
import { fieldValueText } from './wire.js';

const TEXTS = {
  ja: {
    notObject: '発生届の項目をまとめたオブジェクトを渡してください。',
    unreadable: '入力内容を読み取れませんでした。',
    notText: (label) => `${label}の値を文字として読み取れません（文字列・数値・日付で渡してください）。`,
    refused: (label, why) => `${label}の値を確認できません（${why}）。`,
    loadFailed: '検査エンジン（WebAssembly）を読み込めませんでした。',
    failed: '検査エンジン（WebAssembly）で検査できませんでした。もう一度お試しください。続く場合はページを再読み込みしてください。',
  },
  en: {
    notObject: 'Expected an object holding the 発生届 fields.',
    unreadable: 'The input could not be read.',
    notText: (label) => `${label}: the value cannot be read as text (give a string, a number or a date).`,
    refused: (label, why) => `${label}: the value cannot be checked (${why}).`,
    loadFailed: 'The validation engine (WebAssembly) could not be loaded.',
    failed: 'The validation engine (WebAssembly) could not check the values; try again, and reload the page if this persists.',
  },
};

/**
 * A Standard Schema v1 object for a 発生届 form's values. `options` are those
 * of `validate` (lang, today, vocabulary, passportWindowDays, counting).
 * Its `validate` never throws; before `init()` has resolved it starts the
 * loading itself and returns a Promise, afterwards it answers synchronously.
 */
export function createSchema(options) {
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new TypeError('createSchema(options): options must be an object or undefined');
  }
  const coreOptions = options === undefined ? undefined : { ...options };
  const texts = coreOptions?.lang === 'en' ? TEXTS.en : TEXTS.ja;
  const labelKey = coreOptions?.lang === 'en' ? 'en' : 'ja';
  /** key -> field info, once the module is loaded */
  let catalogue = null;

  function loaded() {
    if (catalogue) return true;
    try {
      catalogue = new Map(fields().map((field) => [field.key, field]));
      return true;
    } catch {
      return false; // fields() throws until init() has resolved
    }
  }

  function check(value) {
    try {
      return checkRecord(value);
    } catch {
      // A Proxy or getter that throws, a value that cannot be copied: never an exception.
      return { issues: [{ message: texts.unreadable }] };
    }
  }

  function checkRecord(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { issues: [{ message: texts.notObject }] };
    }
    const output = { ...value }; // the other keys pass through untouched
    const label = (key) => catalogue.get(key)[labelKey];
    const record = {};
    const problems = [];
    for (const [key, field] of catalogue) {
      if (!Object.hasOwn(output, key)) continue;
      try {
        // Read as validate() reads it (an invalid Date is the core's date.invalid); lengths are the core's to refuse.
        record[key] = fieldValueText(output[key], field.kind === 'date', key, Infinity);
      } catch {
        problems.push({ message: texts.notText(label(key)), path: [key] });
      }
    }
    const report = validateReadable(record, problems, label);
    if (report.failed) return { issues: [{ message: texts.failed }] };
    if (report.optionsError) return { issues: [{ message: `hersys-validator: ${report.optionsError}` }] };
    const refused = new Set(problems.map((p) => p.path[0]));
    const issues = report.issues
      .filter((issue) => issue.severity === 'error' && !refused.has(issue.field))
      .map((issue) => ({ message: issue.message, path: [issue.field] }))
      .concat(problems);
    if (issues.length > 0) return { issues };
    for (const [key, text] of Object.entries(record)) {
      const normalized = report.normalized[key];
      // A value keeps its type (a number, a Date) unless normalizing changed its text.
      if (typeof normalized === 'string' && normalized !== (text ?? '')) output[key] = normalized;
    }
    return { value: output };
  }

  /**
   * The core's report on the readable fields. A value the core refuses (a lone
   * surrogate, an over-long text) becomes a problem of its own field, and the
   * rest is validated without it. When the core itself failed (its module
   * could not be restarted, a trap: an Error that is not the TypeError or
   * RangeError of a refused value or option) the answer says so: it is never
   * a success.
   */
  function validateReadable(record, problems, label) {
    try {
      return validate(record, coreOptions);
    } catch {
      try {
        validate({}, coreOptions);
      } catch (optionsError) {
        if (!(optionsError instanceof TypeError || optionsError instanceof RangeError)) return { failed: true };
        return { optionsError: optionsError.message, issues: [], normalized: {} };
      }
      for (const key of Object.keys(record)) {
        try {
          validate({ [key]: record[key] }, coreOptions);
        } catch (fieldError) {
          problems.push({ message: texts.refused(label(key), fieldError.message), path: [key] });
          delete record[key];
        }
      }
      // Without the refused values; or, when none was refused, again: the
      // first call failed in the core, whose module has been replaced since,
      // and it answers now or throws (check() then reports the input as
      // unreadable: never a success).
      return validate(record, coreOptions);
    }
  }

  function validateValue(value) {
    if (loaded()) return check(value);
    return new Promise((resolve) => resolve(init())).then(
      () => (loaded() ? check(value) : { issues: [{ message: texts.loadFailed }] }),
      () => ({ issues: [{ message: texts.loadFailed }] }),
    );
  }

  return { '~standard': { version: 1, vendor: 'hersys-validator', validate: validateValue } };
}
