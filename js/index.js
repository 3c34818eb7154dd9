// hersys-validator: the public JavaScript API.
//
// A thin layer over the wasm-bindgen glue: it loads the module once (from
// beside this file in browsers, from disk in Node), and makes every other
// function throw a clear Error until init() has resolved.

import initWasm, * as wasm from './pkg/hersys_validator.js';
import { createLoader } from './loader.js';

const loader = createLoader(initWasm, new URL('./pkg/hersys_validator_bg.wasm', import.meta.url));
const ensureReady = loader.ensureReady;

/**
 * Loads the WebAssembly module. Idempotent: later calls return the same
 * promise. `source` may be a URL, a Response, bytes or a WebAssembly.Module;
 * without it, browsers fetch the `.wasm` beside this module and Node reads it
 * from disk.
 */
export function init(source) {
  return loader.init(source);
}

/** Validates a whole record: `{ ok, issues, normalized }`. */
export function validate(record, options) {
  ensureReady('validate');
  return wasm.validate(record, options);
}

/** The issues that a change of `key` can affect: its own and the cross-field ones it takes part in. */
export function validateField(key, record, options) {
  ensureReady('validateField');
  return wasm.validateField(key, record, options);
}

/** The field catalogue. */
export function fields() {
  ensureReady('fields');
  return wasm.fields();
}

/**
 * What forms need beside fields(): the field groups of the 発生届 screen, the
 * fields every record must fill, the fix buttons' labels, the limits on
 * values and options, and the defaults of the options.
 */
export function catalogue() {
  ensureReady('catalogue');
  return wasm.catalogue();
}

/** The built-in option lists. */
export function defaultVocabulary() {
  ensureReady('defaultVocabulary');
  return wasm.defaultVocabulary();
}

/** The rules table: `[{ code, severity, ja, en, source }]`, its texts for `options.passportWindowDays`. */
export function rules(options) {
  ensureReady('rules');
  return wasm.rules(options);
}

/** Parses a typed date (ISO, slashes, 8 digits, 年月日, 和暦, R3.6.3, full-width, with or without a weekday). */
export function parseDate(text, options) {
  ensureReady('parseDate');
  return wasm.parseDate(text, options);
}

/** The half-width, upper-case passport number without spaces or hyphens. */
export function normalizePassport(text) {
  ensureReady('normalizePassport');
  return wasm.normalizePassport(text);
}

/** The ICAO 9303 check digit of an MRZ field, or undefined. */
export function icaoCheckDigit(field) {
  ensureReady('icaoCheckDigit');
  return wasm.icaoCheckDigit(field);
}

/** The field key for a label or header such as 「パスポート番号（旅券番号）」, or undefined. */
export function lookupField(name) {
  ensureReady('lookupField');
  return wasm.lookupField(name);
}

export { createSchema } from './schema.js';
