// Standard Schema v1 (https://standardschema.dev) over validate(), so that
// form libraries (react-hook-form's standardSchemaResolver, TanStack Form's
// validators, …) take the 発生届 rules without an adapter.
//
// The form's other keys (a patient's name, a consent box) are never given to
// the core: they pass through to the output untouched. Only errors fail the
// schema; warnings and notes are for the page's own display.

import { fields, init, validate } from './index.js';

const TEXTS = {
  ja: {
    notObject: '発生届の項目をまとめたオブジェクトを渡してください。',
    unreadable: '入力内容を読み取れませんでした。',
    notText: (label) => `${label}の値を文字として読み取れません（文字列・数値・日付で渡してください）。`,
    badDate: (label) => `${label}の日付（Date）が正しくありません。`,
    refused: (label, why) => `${label}の値を確認できません（${why}）。`,
    loadFailed: '検査エンジン（WebAssembly）を読み込めませんでした。',
  },
  en: {
    notObject: 'Expected an object holding the 発生届 fields.',
    unreadable: 'The input could not be read.',
    notText: (label) => `${label}: the value cannot be read as text (give a string, a number or a date).`,
    badDate: (label) => `${label}: the Date is not a valid date.`,
    refused: (label, why) => `${label}: the value cannot be checked (${why}).`,
    loadFailed: 'The validation engine (WebAssembly) could not be loaded.',
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
      const text = asText(output[key], field.kind === 'date');
      if (text === BAD_DATE) problems.push({ message: texts.badDate(label(key)), path: [key] });
      else if (text === NOT_TEXT) problems.push({ message: texts.notText(label(key)), path: [key] });
      else record[key] = text;
    }
    const report = validateReadable(record, problems, label);
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
   * rest is validated without it.
   */
  function validateReadable(record, problems, label) {
    try {
      return validate(record, coreOptions);
    } catch (error) {
      try {
        validate({}, coreOptions);
      } catch (optionsError) {
        return { optionsError: optionsError.message, issues: [], normalized: {} };
      }
      const before = problems.length;
      for (const key of Object.keys(record)) {
        try {
          validate({ [key]: record[key] }, coreOptions);
        } catch (fieldError) {
          problems.push({ message: texts.refused(label(key), fieldError.message), path: [key] });
          delete record[key];
        }
      }
      if (problems.length === before) throw error;
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

const NOT_TEXT = Symbol('not text');
const BAD_DATE = Symbol('bad date');

/**
 * A form value as the core reads it: strings as they are, numbers as their
 * decimal text, a Date in a date field as its local calendar date; null,
 * undefined and NaN (an empty `<input type=number>` read with valueAsNumber)
 * as empty.
 */
function asText(value, isDate) {
  if (value === null || value === undefined || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? null : String(value);
  if (typeof value === 'bigint') return String(value);
  if (isDate && Object.prototype.toString.call(value) === '[object Date]') {
    let time;
    try {
      time = Date.prototype.getTime.call(value);
    } catch {
      return NOT_TEXT; // claims to be a Date but is not one
    }
    if (Number.isNaN(time)) return BAD_DATE;
    const date = new Date(time);
    const pad = (n, width = 2) => String(n).padStart(width, '0');
    const year = date.getFullYear();
    const yearText = year < 0 || year > 9999 ? String(year) : pad(year, 4);
    return `${yearText}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }
  return NOT_TEXT;
}
