//# allFunctionsCalledOnLoad
// (A V8 compile hint: a page's first validate() runs most of this file, so
// Chromium compiles it whole as it loads rather than function by function
// during that call; measured, ~0.7 ms sooner to a cold page's first result
// with the three wrapper modules hinted. Elsewhere it is a comment.)
// validate() and validateField() across the JS/wasm boundary.
//
// Everything the caller passes is read here, in JS, before the module is
// entered: own enumerable properties only (Object.keys), numbers as decimal
// text, a Date in a date field as its calendar date in Japan, null, undefined
// and NaN as empty; whatever throws while being read (a getter, a Proxy
// trap, a revoked Proxy) becomes a TypeError naming the key. The values then
// go into wasm memory as UTF-16 in one buffer (the layout of src/wire.rs),
// one call validates them, and the answer comes back as numbers that are
// turned into objects here. So no caller code ever runs while wasm frames
// are on the stack, and nothing crosses the boundary twice.
//
// Results are object literals, array literals and clones of cached plain
// objects: they are plain objects, and their properties are defined, never
// assigned through the prototype chain, so an Object.prototype setter never
// sees them.

import { japanDate, japanDateParts } from './japan-date.js';

const ABSENT = 0xffff;
const NO_FIX = 0xffffffff;
const WHOLE_RECORD = 0xffffffff;

// Intrinsics taken at load, so that what a caller does to the prototypes
// later cannot change how values are read.
const { getPrototypeOf, keys: ownKeys, defineProperty, create } = Object;
const { isArray } = Array;
const { fromCharCode } = String;
const apply = Reflect.apply;
const dateGetTime = Date.prototype.getTime;
const dateNow = Date.now;
const numberToString = Number.prototype.toString;
const bigintToString = typeof BigInt === 'function' ? BigInt.prototype.toString : undefined;


/** True for a real Date (of any realm); a Proxy or a look-alike is not one. */
function isDate(value) {
  try {
    apply(dateGetTime, value, []);
    return true;
  } catch {
    return false;
  }
}

/** A finite number as decimal text: 1e21 → '1000000000000000000000', 1.5e-7 → '0.00000015'. */
export function decimalText(number) {
  const text = apply(numberToString, number, []);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const sign = text[0] === '-' ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** How a value is named in an error message: its type, never its content. */
function typeName(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'bigint':
      return 'a bigint';
    case 'boolean':
      return 'a boolean';
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      try {
        if (isArray(value)) return 'an array';
      } catch {
        return 'an object'; // a revoked Proxy
      }
      return isDate(value) ? 'a Date' : 'an object';
  }
}

/** A developer's key for a message, shortened (keys are not patient data, but can be anything). */
function describeKey(key) {
  return `'${[...key].slice(0, 40).join('')}'`;
}

/**
 * Checks that `value` is a plain object (prototype Object.prototype of any
 * realm, or null) and returns its own enumerable string keys, read once.
 */
function plainKeys(value, what) {
  if (value === null || typeof value !== 'object') {
    throw new TypeError(`${what} must be a plain object, not ${typeName(value)}`);
  }
  let kind;
  let keys;
  try {
    if (isArray(value)) {
      kind = 'an array';
    } else {
      const prototype = getPrototypeOf(value);
      if (prototype !== null && getPrototypeOf(prototype) !== null) kind = isDate(value) ? 'a Date' : 'a class instance';
      else keys = ownKeys(value);
    }
  } catch {
    throw new TypeError(`${what} could not be read (a getter or a Proxy threw)`);
  }
  if (kind) throw new TypeError(`${what} must be a plain object, not ${kind}`);
  return keys;
}

/** `object[key]`, with whatever the read throws turned into a TypeError naming the key. */
function read(object, key, what) {
  try {
    return object[key];
  } catch {
    throw new TypeError(`${what} could not be read (a getter or a Proxy threw)`);
  }
}

/**
 * A form value as the rules read it: a string as typed, a number (or bigint)
 * as its decimal text, a Date in a date field as its calendar date in Japan;
 * undefined for null, undefined and NaN (an empty `<input type="number">`'s
 * valueAsNumber). Anything else throws a TypeError naming `name` and the
 * value's type, never the value; a text over `maxLength` a RangeError.
 * Shared by the wire and the Standard Schema wrapper (js/schema.js).
 */
export function fieldValueText(value, isDateField, name, maxLength) {
  switch (typeof value) {
    case 'string':
      if (value.length > maxLength) throw new RangeError(`${name} is longer than ${maxLength} characters`);
      return value;
    case 'undefined':
      return undefined;
    case 'number':
      if (value !== value) return undefined;
      if (value === Infinity || value === -Infinity) throw new TypeError(`${name} must be a finite number`);
      return decimalText(value);
    case 'bigint': {
      const text = apply(bigintToString, value, []);
      if (text.length > maxLength) throw new RangeError(`${name} is longer than ${maxLength} characters`);
      return text;
    }
    case 'object':
      if (value === null) return undefined;
      if (isDateField && isDate(value)) return japanDate(apply(dateGetTime, value, []));
    // falls through
    default:
      throw new TypeError(`${name} must be a string${isDateField ? ', a number or a Date' : ' or a number'}, not ${typeName(value)}`);
  }
}

// A cached message names at most this many related fields (more: rendered
// each time), packed into its key with `<<`, a 32-bit shift; normalized()
// keys record shapes on `1 << i`, one bit of a 32-bit integer per field.
// tests/js/wire-limits.test.mjs holds the module's catalogue to both.
export const KEYED_RELATED = 3;
export const SHAPE_BITS = 32;

/** The catalogue's JSON text, read from the module once, inside begin() / end(). */
function readCatalogue(glue, loader) {
  const token = loader.begin();
  let json;
  try {
    json = glue.wireCatalogue();
  } catch (error) {
    loader.abandon();
    throw error;
  }
  loader.end(token);
  return json;
}

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
  const catalogue = JSON.parse(catalogueJson);
  const FIELDS = catalogue.fields.map((field) => field.key);
  const FIELD_COUNT = FIELDS.length;
  const LISTS = ownKeys(catalogue.vocabulary);
  const HEADER = FIELD_COUNT + 1 + LISTS.length;
  const CODES = catalogue.codes.map(([code, isError, severity]) => ({ code, isError, severity }));
  const READ_WITH = catalogue.readWith;
  const LIMITS = catalogue.limits;
  const [MIN_WINDOW, MAX_WINDOW] = LIMITS.windowDays;
  // The answer's packing (src/wire.rs, src/issue.rs) and the message keys.
  const COUNT_BITS = catalogue.wire.countBits;
  const COUNT_MASK = 2 ** COUNT_BITS - 1;
  const DETAILS = 2 ** catalogue.wire.detailBits;
  const FIELD_BITS = 32 - Math.clz32(FIELD_COUNT - 1);
  const RELATED_KEYS = 2 ** (FIELD_BITS * KEYED_RELATED);
  const fieldIndex = create(null);
  const listIndex = create(null);
  FIELDS.forEach((key, index) => (fieldIndex[key] = index));
  LISTS.forEach((key, index) => (listIndex[key] = index));
  const isDateField = catalogue.fields.map((field) => field.kind === 'date');
  const EMPTY_VALUES = FIELDS.map(() => undefined);

  // Wasm memory: views and the input buffer, dropped when the module is
  // re-instantiated (reset() below) or its memory grows. They are used only
  // between the loader's begin() and end(): a call that found the module
  // dirty has had the instance replaced, and these dropped, before it writes.
  let memory = null;
  let u16 = null;
  let u32 = null;
  let inputAddress = 0;
  let inputCapacity = 0;
  function views() {
    memory ??= glue.wireMemory();
    if (u16 === null || u16.buffer !== memory.buffer) {
      u16 = new Uint16Array(memory.buffer);
      u32 = new Uint32Array(memory.buffer);
    }
  }

  // Messages depend only on (code, field, related, window, lang): each is
  // rendered once by the module and kept here.
  const messages = new Map();
  // Plain objects with the keys of one set of fields, cloned for each
  // normalized record (see the header comment).
  const shapes = new Map();

  // --- reading the caller's values ---------------------------------------

  /** A field's value as text, or undefined when empty. */
  function fieldText(value, index) {
    return fieldValueText(value, isDateField[index], `record.${FIELDS[index]}`, LIMITS.value);
  }

  /** The record's field values by field index (undefined when empty). */
  function readRecord(record, strict) {
    const keys = plainKeys(record, 'the record');
    const values = EMPTY_VALUES.slice();
    for (let i = 0, n = keys.length; i < n; i++) {
      const key = keys[i];
      const index = fieldIndex[key];
      if (index === undefined) {
        if (strict) throw new TypeError(`the record has a key that is not a field: ${describeKey(key)}; fields() lists the keys`);
        continue;
      }
      values[index] = fieldText(read(record, key, `record.${key}`), index);
    }
    return values;
  }

  /** The options as plain values; throws a TypeError or RangeError naming the option. */
  function readOptions(options) {
    const o = { lang: 0, window: LIMITS.defaultWindowDays, counting: 0, today: undefined, lists: undefined, strict: false };
    if (options === undefined || options === null) return o;
    const keys = plainKeys(options, 'options');
    for (let i = 0, n = keys.length; i < n; i++) {
      const key = keys[i];
      const value = read(options, key, `options.${key}`);
      if (value === undefined) continue;
      switch (key) {
        case 'lang':
          if (value !== 'ja' && value !== 'en') throw new TypeError("options.lang must be 'ja' or 'en'");
          o.lang = value === 'en' ? 1 : 0;
          break;
        case 'today':
          if (typeof value !== 'string') throw new TypeError(`options.today must be a string, not ${typeName(value)}`);
          if (value.length > LIMITS.value) throw new RangeError(`options.today is longer than ${LIMITS.value} characters`);
          o.today = value;
          break;
        case 'passportWindowDays':
          if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_WINDOW || value > MAX_WINDOW) {
            throw new TypeError(`options.passportWindowDays must be a whole number from ${MIN_WINDOW} to ${MAX_WINDOW}`);
          }
          o.window = value;
          break;
        case 'counting':
          if (value !== 'entryDayIsDayOne' && value !== 'dayAfterEntryIsDayOne') {
            throw new TypeError("options.counting must be 'entryDayIsDayOne' or 'dayAfterEntryIsDayOne'");
          }
          o.counting = value === 'dayAfterEntryIsDayOne' ? 1 : 0;
          break;
        case 'vocabulary':
          o.lists = readVocabulary(value);
          break;
        case 'strict':
          if (typeof value !== 'boolean') throw new TypeError(`options.strict must be a boolean, not ${typeName(value)}`);
          o.strict = value;
          break;
        default:
          throw new TypeError(
            `unknown option ${describeKey(key)}; options are lang, today, passportWindowDays, counting, vocabulary, strict`,
          );
      }
    }
    return o;
  }

  /** The replaced lists by list index (undefined: the built-in list), within the caps, each length read once. */
  function readVocabulary(vocabulary) {
    const keys = plainKeys(vocabulary, 'options.vocabulary');
    const lists = LISTS.map(() => undefined);
    let characters = 0;
    for (let i = 0, n = keys.length; i < n; i++) {
      const key = keys[i];
      const index = listIndex[key];
      if (index === undefined) {
        throw new TypeError(`options.vocabulary has an unknown list ${describeKey(key)}; defaultVocabulary() shows the lists`);
      }
      const label = `options.vocabulary.${key}`;
      const list = read(vocabulary, key, label);
      if (list === undefined) continue;
      let array;
      try {
        array = isArray(list);
      } catch {
        throw new TypeError(`${label} could not be read (a getter or a Proxy threw)`);
      }
      if (!array) throw new TypeError(`${label} must be an array of strings, not ${typeName(list)}`);
      const length = read(list, 'length', `${label}.length`);
      if (typeof length !== 'number' || !(length <= LIMITS.vocabularyEntries)) {
        throw new RangeError(`${label} has more than ${LIMITS.vocabularyEntries} entries`);
      }
      lists[index] = Array.from({ length }, (_, e) => {
        const entry = read(list, e, `${label}[${e}]`);
        if (typeof entry !== 'string') throw new TypeError(`${label}[${e}] must be a string, not ${typeName(entry)}`);
        if (entry.length > LIMITS.vocabularyEntry) {
          throw new RangeError(`${label}[${e}] is longer than ${LIMITS.vocabularyEntry} characters`);
        }
        characters += entry.length;
        if (characters > LIMITS.vocabularyCharacters) {
          throw new RangeError(`options.vocabulary has more than ${LIMITS.vocabularyCharacters} characters in all`);
        }
        return entry;
      });
    }
    return lists;
  }

  /** The options as a fresh null-prototype object of plain values, for the functions that read options in Rust. */
  function cleanOptions(options) {
    const o = readOptions(options);
    const clean = create(null);
    clean.lang = o.lang === 1 ? 'en' : 'ja';
    if (o.today !== undefined) clean.today = o.today;
    clean.passportWindowDays = o.window;
    clean.counting = o.counting === 1 ? 'dayAfterEntryIsDayOne' : 'entryDayIsDayOne';
    if (o.lists !== undefined) {
      const vocabulary = create(null);
      o.lists.forEach((list, index) => {
        if (list !== undefined) vocabulary[LISTS[index]] = list;
      });
      clean.vocabulary = vocabulary;
    }
    return clean;
  }

  // --- the call ----------------------------------------------------------

  /** Writes `text` as UTF-16 at unit `at` of the memory; returns where it ends. */
  function put(text, at) {
    const view = u16;
    for (let c = 0, n = text.length; c < n; c++) view[at++] = text.charCodeAt(c);
    return at;
  }

  /**
   * Writes the values and options into wasm memory, calls the module, returns
   * the address of the answer. `token`: the loader's begin(), taken by the
   * caller, which ends the call once it has read the answer: from begin()
   * until then the module is in use, and anything that escapes (even a stack
   * overflow in a catch) leaves it marked, so that the next call replaces the
   * instance first. The answer is read whole or not at all.
   */
  function call(values, field, options, token) {
    const lists = options.lists;
    let units = HEADER;
    for (let i = 0; i < FIELD_COUNT; i++) if (values[i] !== undefined) units += values[i].length;
    if (options.today !== undefined) units += options.today.length;
    if (lists !== undefined) {
      for (const list of lists) {
        if (list === undefined) continue;
        units += list.length;
        for (const entry of list) units += entry.length;
      }
    }
    let today = 0;
    if (options.today === undefined) {
      const [year, month, day] = japanDateParts(dateNow());
      today = year * 10000 + month * 100 + day;
    }
    let answer;
    try {
      if (units > inputCapacity) {
        const capacity = Math.max(units, 1024);
        inputAddress = glue.wireInput(capacity);
        inputCapacity = capacity;
      }
      views();
      const base = inputAddress >>> 1;
      let header = base;
      let at = base + HEADER;
      if (lists !== undefined) for (const list of lists) if (list !== undefined) at += list.length;
      for (let i = 0; i < FIELD_COUNT; i++) {
        const value = values[i];
        if (value === undefined) {
          u16[header++] = ABSENT;
        } else {
          u16[header++] = value.length;
          at = put(value, at);
        }
      }
      if (options.today === undefined) {
        u16[header++] = ABSENT;
      } else {
        u16[header++] = options.today.length;
        at = put(options.today, at);
      }
      let entryLengths = base + HEADER;
      for (let l = 0; l < LISTS.length; l++) {
        const list = lists === undefined ? undefined : lists[l];
        if (list === undefined) {
          u16[header++] = ABSENT;
          continue;
        }
        u16[header++] = list.length;
        for (const entry of list) {
          u16[entryLengths++] = entry.length;
          at = put(entry, at);
        }
      }
      answer = glue.wireValidate(units, field, options.lang, options.window, options.counting, today);
      views(); // the answer may have grown the memory
    } catch (error) {
      loader.abandon();
      throw error;
    }
    const at = answer >>> 2;
    const status = u32[at];
    if (status !== 0) {
      const slot = u32[at + 1];
      loader.end(token); // a refusal is the whole answer
      refuse(status, slot);
    }
    return at;
  }

  function refuse(status, slot) {
    if (status === 1) {
      const what = slot < FIELD_COUNT ? `record.${FIELDS[slot]}` : slot === FIELD_COUNT ? 'options.today' : 'an entry of options.vocabulary';
      throw new TypeError(`${what} contains a lone surrogate (invalid UTF-16)`);
    }
    if (status === 2) throw new TypeError("options.today must be a date such as '2021-06-03'");
    throw new Error('hersys-validator: the module refused its input buffer (an internal error)');
  }

  // --- the answer --------------------------------------------------------

  let answerAt = 0;
  let cursor = 0;
  let text = 0;
  let lang = 0;
  let fixes = null;

  // `detail`: what a message needs beyond its code and fields (the passport
  // window, its counting, which of the code's two messages), as the module
  // packs it; the module reads the related fields from its answer, word `at`.
  function render(code, field, at, count, detail) {
    try {
      return glue.wireMessage(code, field, at, count, detail, lang);
    } catch (error) {
      loader.abandon();
      throw error;
    }
  }

  function message(code, field, packed, at, count, detail) {
    if (count > KEYED_RELATED) return render(code, field, at, count, detail);
    const key = ((((code * FIELD_COUNT + field) * 2 + lang) * DETAILS + detail) * (KEYED_RELATED + 1) + count) * RELATED_KEYS + packed;
    let found = messages.get(key);
    if (found === undefined) {
      found = render(code, field, at, count, detail);
      if (messages.size >= 4096) messages.clear();
      messages.set(key, found);
    }
    return found;
  }

  function relatedKey() {
    return FIELDS[u32[cursor++]];
  }

  function issue() {
    const code = u32[cursor];
    const field = u32[cursor + 1];
    const fixAt = u32[cursor + 2];
    const fixLength = u32[cursor + 3];
    const count = u32[cursor + 4] & COUNT_MASK;
    const detail = u32[cursor + 4] >>> COUNT_BITS;
    cursor += 5;
    const at = cursor - answerAt;
    let packed = 0;
    for (let r = 0; r < count && r < KEYED_RELATED; r++) packed |= u32[cursor + r] << (FIELD_BITS * r);
    let related;
    switch (count) {
      case 0:
        related = [];
        break;
      case 1:
        related = [relatedKey()];
        break;
      case 2:
        related = [relatedKey(), relatedKey()];
        break;
      default:
        related = Array.from({ length: count }, relatedKey);
    }
    const info = CODES[code];
    const text_ = message(code, field, packed, at, count, detail);
    if (fixAt === NO_FIX) {
      return { code: info.code, field: FIELDS[field], related, severity: info.severity, message: text_ };
    }
    const start = text + fixAt;
    const fix = apply(fromCharCode, null, u16.subarray(start, start + fixLength));
    if (fixes !== null) fixes[field] = fix;
    return { code: info.code, field: FIELDS[field], related, severity: info.severity, message: text_, fix };
  }

  /** The issues of the answer at word `at`, in order; array literals up to 8 (see the header comment). */
  function issues(at, options, fixed) {
    const n = u32[at + 2];
    text = u32[at + 3] >>> 1;
    answerAt = at;
    cursor = at + 5;
    lang = options.lang;
    fixes = fixed;
    switch (n) {
      case 0:
        return [];
      case 1:
        return [issue()];
      case 2:
        return [issue(), issue()];
      case 3:
        return [issue(), issue(), issue()];
      case 4:
        return [issue(), issue(), issue(), issue()];
      case 5:
        return [issue(), issue(), issue(), issue(), issue()];
      case 6:
        return [issue(), issue(), issue(), issue(), issue(), issue()];
      case 7:
        return [issue(), issue(), issue(), issue(), issue(), issue(), issue()];
      case 8:
        return [issue(), issue(), issue(), issue(), issue(), issue(), issue(), issue()];
      default:
        return Array.from({ length: n }, issue);
    }
  }

  /** The record with every fix applied, in catalogue order. */
  function normalized(values) {
    let mask = 0;
    for (let i = 0; i < FIELD_COUNT; i++) if (values[i] !== undefined) mask |= 1 << i;
    let shape = shapes.get(mask);
    if (shape === undefined) {
      shape = {};
      for (let i = 0; i < FIELD_COUNT; i++) {
        if (values[i] !== undefined) defineProperty(shape, FIELDS[i], { value: '', writable: true, enumerable: true, configurable: true });
      }
      if (shapes.size >= 256) shapes.clear();
      shapes.set(mask, shape);
    }
    // The clone has every key as an own property, so these stores never
    // reach a prototype.
    const record = { ...shape };
    for (let i = 0; i < FIELD_COUNT; i++) if (values[i] !== undefined) record[FIELDS[i]] = values[i];
    return record;
  }

  return {
    fields: () => JSON.parse(catalogueJson).fields,
    defaultVocabulary: () => JSON.parse(catalogueJson).vocabulary,
    catalogue: () => JSON.parse(catalogueJson).form,
    cleanOptions,
    validate(record, options) {
      const o = readOptions(options);
      const values = readRecord(record, o.strict);
      const token = loader.begin();
      const at = call(values, WHOLE_RECORD, o, token);
      const fixed = values.slice();
      const list = issues(at, o, fixed);
      loader.end(token);
      fixes = null;
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
      const wanted = EMPTY_VALUES.slice();
      for (const other of READ_WITH[field]) wanted[other] = values[other];
      const token = loader.begin();
      const list = issues(call(wanted, field, o, token), o, null);
      loader.end(token);
      return list;
    },
    /** Called after the module was re-instantiated: the memory is new. */
    reset() {
      memory = null;
      u16 = null;
      u32 = null;
      inputAddress = 0;
      inputCapacity = 0;
    },
  };
}
