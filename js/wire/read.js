//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// Reading what a caller passes, safely: own enumerable properties only,
// whatever throws while being read (a getter, a Proxy trap, a revoked Proxy)
// turned into a TypeError naming the key, and a value named in a message by
// its type, never by its content. Shared by the record reader
// (js/wire/record.js) and the options reader (js/wire/options.js).

import { japanDate } from '../japan-date.js';

// Intrinsics taken at load, so that what a caller does to the prototypes
// later cannot change how values are read.
const { getPrototypeOf, keys: ownKeys } = Object;
const { isArray } = Array;
const apply = Reflect.apply;
const dateGetTime = Date.prototype.getTime;
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

/** `isArray(value)`, with a revoked Proxy's TypeError turned into one naming `what`. */
export function isArrayOf(value, what) {
  try {
    return isArray(value);
  } catch {
    throw unreadable(what);
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
export function typeName(value) {
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
export function describeKey(key) {
  return `'${[...key].slice(0, 40).join('')}'`;
}

function unreadable(what) {
  return new TypeError(`${what} could not be read (a getter or a Proxy threw)`);
}

/**
 * Checks that `value` is a plain object (prototype Object.prototype of any
 * realm, or null) and returns its own enumerable string keys, read once.
 */
export function plainKeys(value, what) {
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
    throw unreadable(what);
  }
  if (kind) throw new TypeError(`${what} must be a plain object, not ${kind}`);
  return keys;
}

/** `object[key]`, with whatever the read throws turned into a TypeError naming the key. */
export function read(object, key, what) {
  try {
    return object[key];
  } catch {
    throw unreadable(what);
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
