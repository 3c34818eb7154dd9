//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// The calls into the module: the input written into its memory in the
// layout of src/wire.rs (values and options as UTF-16, the scalar options
// as numbers), one call, and its status read back. A refusal (a lone
// surrogate, a `today` that is not a date) becomes a TypeError here, for
// validate() and for the functions that take only options alike.

import { japanDateParts } from '../japan-date.js';

const dateNow = Date.now;

/** Writes `text` as UTF-16 at unit `at` of `view`; returns where it ends. */
function put(view, text, at) {
  for (let c = 0, n = text.length; c < n; c++) view[at++] = text.charCodeAt(c);
  return at;
}

/**
 * The calls of one module, through `memory` (js/wire/memory.js):
 * `validate(values, field, o, token)` for validate() and validateField(),
 * `withOptions(o, call, a)` for the functions that read only options.
 * `values`: field values by index (js/wire/record.js); `o`: options as
 * js/wire/options.js reads them.
 */
export function createCaller(glue, loader, layout, memory) {
  const { fields: FIELDS, fieldCount: FIELD_COUNT, header: HEADER, absent: ABSENT, emptyValues } = layout;
  const LIST_COUNT = layout.lists.length;

  /** The input's length in units. */
  function size(values, o) {
    const lists = o.lists;
    let units = HEADER;
    for (let i = 0; i < FIELD_COUNT; i++) if (values[i] !== undefined) units += values[i].length;
    if (o.today !== undefined) units += o.today.length;
    if (lists !== undefined) {
      for (const list of lists) {
        if (list === undefined) continue;
        units += list.length;
        for (const entry of list) units += entry.length;
      }
    }
    return units;
  }

  /** Writes the input at unit `base`: the header, the entry lengths, then the texts. */
  function write(base, values, o) {
    const u16 = memory.u16;
    const lists = o.lists;
    let header = base;
    let at = base + HEADER;
    if (lists !== undefined) for (const list of lists) if (list !== undefined) at += list.length;
    for (let i = 0; i < FIELD_COUNT; i++) {
      const value = values[i];
      if (value === undefined) {
        u16[header++] = ABSENT;
      } else {
        u16[header++] = value.length;
        at = put(u16, value, at);
      }
    }
    if (o.today === undefined) {
      u16[header++] = ABSENT;
    } else {
      u16[header++] = o.today.length;
      at = put(u16, o.today, at);
    }
    let entryLengths = base + HEADER;
    for (let l = 0; l < LIST_COUNT; l++) {
      const list = lists === undefined ? undefined : lists[l];
      if (list === undefined) {
        u16[header++] = ABSENT;
        continue;
      }
      u16[header++] = list.length;
      for (const entry of list) {
        u16[entryLengths++] = entry.length;
        at = put(u16, entry, at);
      }
    }
  }

  /** Throws what a refused call (status words `status`, `slot`) means. */
  function refuse(status, slot) {
    if (status === 1) {
      const what = slot < FIELD_COUNT ? `record.${FIELDS[slot]}` : slot === FIELD_COUNT ? 'options.today' : 'an entry of options.vocabulary';
      throw new TypeError(`${what} contains a lone surrogate (invalid UTF-16)`);
    }
    if (status === 2) throw new TypeError("options.today must be a date such as '2021-06-03'");
    throw new Error('hersys-validator: the module refused its input buffer (an internal error)');
  }

  /**
   * Writes the values and options into wasm memory, calls the module, returns
   * the word index of the answer. `token`: the loader's begin(), taken by the
   * caller, which ends the call once it has read the answer: from begin()
   * until then the module is in use, and anything that escapes (even a stack
   * overflow in a catch) leaves it marked, so that the next call replaces the
   * instance first. The answer is read whole or not at all.
   */
  function validate(values, field, o, token) {
    const units = size(values, o);
    let today = 0;
    if (o.today === undefined) {
      const [year, month, day] = japanDateParts(dateNow());
      today = year * 10000 + month * 100 + day;
    }
    let answer;
    try {
      write(memory.input(units), values, o);
      answer = glue.wireValidate(units, field, o.lang, o.window, o.counting, today);
      memory.refresh(); // the answer may have grown the memory
    } catch (error) {
      loader.abandon();
      throw error;
    }
    const at = answer >>> 2;
    const u32 = memory.u32;
    const status = u32[at];
    if (status !== 0) {
      const slot = u32[at + 1];
      loader.end(token); // a refusal is the whole answer
      refuse(status, slot);
    }
    return at;
  }

  /**
   * `call(a)` into the module, after it has decoded the options `o`
   * (`wireOptions`): `rules()`, `parseDate()` and `new Auditor()` take them
   * from there. The day is left to the module (`noDay`). Bracketed by the
   * loader's begin() and end(); the module's own Error ends the call.
   */
  function withOptions(o, call, a) {
    const token = loader.begin();
    let status;
    let slot;
    let result;
    try {
      const units = size(emptyValues, o);
      write(memory.input(units), emptyValues, o);
      const at = glue.wireOptions(units, o.lang, o.window, o.counting, layout.noDay) >>> 2;
      memory.refresh();
      status = memory.u32[at];
      slot = memory.u32[at + 1];
      if (status === 0) result = call(a);
    } catch (error) {
      loader.recover(error, token);
      throw error;
    }
    loader.end(token);
    if (status !== 0) refuse(status, slot);
    return result;
  }

  return { validate, withOptions };
}
