//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// hersys-validator's validator (js/index.js re-exports it with createSchema).
//
// A thin layer over the wasm-bindgen glue: it loads the module once (from
// beside this file in browsers, from disk in Node), and makes every other
// function throw a clear Error until init() has resolved. validate() and
// validateField() go through wire.js, which reads the caller's values in JS
// before the module is entered; every call into wasm is guarded, so that a
// trap re-instantiates the module instead of leaving it broken, and a call
// that a failed call or a failed reset left the module unsure of (a stack
// overflow at any depth, an out-of-memory) never answers from it: the next
// call replaces the instance first, or throws a clear Error if it cannot
// (js/loader.js).

import initWasm, * as wasm from './pkg/hersys_validator.js';
import { createLoader } from './loader.js';
import { createWire } from './wire.js';

let wire = null;
const loader = createLoader(initWasm, new URL('./pkg/hersys_validator_bg.wasm', import.meta.url), {
  resetState: wasm.__wbg_reset_state,
  onReset() {
    wire?.reset();
  },
});

/** Throws until init() has resolved; then the wire, made at its first use (the catalogue is read then, not in init()). */
function ready(name) {
  loader.ensureReady(name);
  wire ??= createWire(wasm, loader);
  return wire;
}

/** Calls into wasm between the loader's begin() and end() (js/loader.js). */
const guarded = (call, a, b) => loader.guarded(call, a, b);

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
  return ready('validate').validate(record, options);
}

/** The issues that a change of `key` can affect: its own and the cross-field ones it takes part in. */
export function validateField(key, record, options) {
  return ready('validateField').validateField(key, record, options);
}

/** The field catalogue. */
export function fields() {
  return ready('fields').fields();
}

/**
 * What forms need beside fields(): the field groups of the 発生届 screen, the
 * fields every record must fill, the fix buttons' labels, the limits on
 * values and options, and the defaults of the options.
 */
export function catalogue() {
  return ready('catalogue').catalogue();
}

/** The built-in option lists. */
export function defaultVocabulary() {
  return ready('defaultVocabulary').defaultVocabulary();
}

/** The rules table: `[{ code, severity, ja, en, source }]`, its texts for `options.passportWindowDays`. */
export function rules(options) {
  return ready('rules').withOptions(options, wasm.rules);
}

/** Parses a typed date (ISO, slashes, 8 digits, 年月日, 和暦, R3.6.3, full-width, with or without a weekday). */
export function parseDate(text, options) {
  return ready('parseDate').withOptions(options, wasm.parseDate, text);
}

/** The half-width, upper-case passport number without spaces or hyphens. */
export function normalizePassport(text) {
  loader.ensureReady('normalizePassport');
  return guarded(wasm.normalizePassport, text);
}

/** The ICAO 9303 check digit of an MRZ field, or undefined. */
export function icaoCheckDigit(field) {
  loader.ensureReady('icaoCheckDigit');
  return guarded(wasm.icaoCheckDigit, field);
}

/** The field key for a label or header such as 「パスポート番号（旅券番号）」, or undefined. */
export function lookupField(name) {
  loader.ensureReady('lookupField');
  return guarded(wasm.lookupField, name);
}
