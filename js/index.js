// hersys-validator: the public JavaScript API.
//
// A thin layer over the wasm-bindgen glue: it loads the module once (from
// beside this file in browsers, from disk in Node), and makes every other
// function throw a clear Error until init() has resolved.

import initWasm, * as wasm from './pkg/hersys_validator.js';

let loading = null;
let ready = false;

const isNode = typeof process === 'object' && process?.versions?.node != null && typeof window === 'undefined';

/**
 * Loads the WebAssembly module. Idempotent: later calls return the same
 * promise. `source` may be a URL, a Response, bytes or a WebAssembly.Module;
 * without it, browsers fetch the `.wasm` beside this module and Node reads it
 * from disk.
 */
export function init(source) {
  if (!loading) {
    loading = load(source).then(
      () => {
        ready = true;
      },
      (error) => {
        loading = null;
        throw error;
      },
    );
  }
  return loading;
}

async function load(source) {
  const wasmUrl = new URL('./pkg/hersys_validator_bg.wasm', import.meta.url);
  if (source === undefined && isNode) {
    const { readFile } = await import('node:fs/promises');
    source = await readFile(wasmUrl);
  }
  await initWasm({ module_or_path: source ?? wasmUrl });
}

function ensureReady(name) {
  if (!ready) {
    throw new Error(`hersys-validator: ${name}() was called before init() resolved; call \`await init()\` first`);
  }
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

/** The built-in option lists. */
export function defaultVocabulary() {
  ensureReady('defaultVocabulary');
  return wasm.defaultVocabulary();
}

/** The rules table: `[{ code, severity, ja, en, source }]`. */
export function rules() {
  ensureReady('rules');
  return wasm.rules();
}

/** Parses a typed date (ISO, slashes, 8 digits, 年月日, 和暦, R3.6.3, full-width). */
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
