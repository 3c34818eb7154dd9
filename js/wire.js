//# allFunctionsCalledOnLoad
// (A V8 compile hint: a page's first validate() runs most of this file, so
// Chromium compiles it whole as it loads rather than function by function
// during that call; measured, ~0.7 ms sooner to a cold page's first result
// with the three wrapper modules hinted. Elsewhere it is a comment.)
// validate() and validateField() across the JS/wasm boundary, assembled
// from the pieces in js/wire/:
//   read.js     reading a caller's values safely (getters, Proxies, types)
//   layout.js   the module's catalogue and the encoding's constants
//   options.js  the options, checked here for every function that takes them
//   record.js   the record in (values by field) and the normalized record out
//   memory.js   views of the module's memory and its input buffer
//   call.js     the input written in the layout of src/wire.rs, one call
//   answer.js   the answer's words turned into issues, messages kept
//   with-options.js  the same options for a module that validates no record
//               here (the audit's constructor)
//
// Everything the caller passes is read in JS before the module is entered,
// so no caller code ever runs while wasm frames are on the stack, and
// nothing crosses the boundary twice. Results are object literals, array
// literals and clones of cached plain objects: their properties are
// defined, never assigned through the prototype chain.

import { readCatalogue, layoutOf } from './wire/layout.js';
import { createOptionReader } from './wire/options.js';
import { createRecordReader, createNormalizer } from './wire/record.js';
import { createMemory } from './wire/memory.js';
import { createCaller } from './wire/call.js';
import { createAnswerReader } from './wire/answer.js';
import { typeName } from './wire/read.js';

export { decimalText, fieldValueText } from './wire/read.js';
export { KEYED_RELATED } from './wire/answer.js';
export { SHAPE_BITS } from './wire/record.js';

/**
 * The wire to one loaded module.
 * @param glue the wasm-bindgen glue of the forms module (its wire* exports)
 * @param loader the module's loader (js/loader.js): each call into wasm is
 *   bracketed by its `begin()` and `end(token)`, from before the input is
 *   written until the answer has been read, and whatever escapes in between
 *   goes to `abandon()`; the loader calls `reset()` below once the instance
 *   is replaced
 */
export function createWire(glue, loader) {
  const catalogueJson = readCatalogue(glue, loader);
  const layout = layoutOf(JSON.parse(catalogueJson));
  const { fieldIndex, emptyValues, wholeRecord: WHOLE_RECORD } = layout;
  const READ_WITH = layout.catalogue.readWith;
  const readOptions = createOptionReader(layout);
  const readRecord = createRecordReader(layout);
  const normalized = createNormalizer(layout);
  // Dropped when the module is re-instantiated (reset() below). Used only
  // between the loader's begin() and end(): a call that found the module
  // dirty has had the instance replaced, and the memory dropped, before it
  // writes.
  const memory = createMemory(glue);
  const caller = createCaller(glue, loader, layout, memory);
  const issues = createAnswerReader(glue, loader, layout, memory);

  return {
    fields: () => JSON.parse(catalogueJson).fields,
    defaultVocabulary: () => JSON.parse(catalogueJson).vocabulary,
    catalogue: () => JSON.parse(catalogueJson).form,
    /** `call(a)` into the module with `options` checked and decoded first (rules(), parseDate()). */
    withOptions(options, call, a) {
      return caller.withOptions(readOptions(options), call, a);
    },
    validate(record, options) {
      const o = readOptions(options);
      const values = readRecord(record, o.strict);
      const token = loader.begin();
      const at = caller.validate(values, WHOLE_RECORD, o, token);
      const fixed = values.slice();
      const list = issues(at, o.lang, fixed);
      loader.end(token);
      let ok = true;
      for (let i = 0; i < list.length; i++) if (list[i].severity === 'error') ok = false;
      return { ok, issues: list, normalized: normalized(fixed) };
    },
    validateField(key, record, options) {
      if (typeof key !== 'string') {
        throw new TypeError(`validateField: the key must be a string, such as 'passportNumber', not ${typeName(key)}`);
      }
      const field = fieldIndex[key];
      if (field === undefined) {
        throw new TypeError("validateField: unknown field key; fields() lists the keys, such as 'passportNumber'");
      }
      const o = readOptions(options);
      const values = readRecord(record, o.strict);
      // Only the values this field's rules read go into wasm.
      const wanted = emptyValues.slice();
      for (const other of READ_WITH[field]) wanted[other] = values[other];
      const token = loader.begin();
      const list = issues(caller.validate(wanted, field, o, token), o.lang, null);
      loader.end(token);
      return list;
    },
    /** Called after the module was re-instantiated: the memory is new. */
    reset() {
      memory.reset();
    },
  };
}
