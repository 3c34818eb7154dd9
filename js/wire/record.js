//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// The caller's record in, as field values by index, and the normalized
// record out, as a plain object.

import { describeKey, fieldValueText, plainKeys, read } from './read.js';

const { defineProperty } = Object;

// normalized() keys record shapes on `1 << i`, one bit of a 32-bit integer
// per field; tests/js/wire-limits.test.mjs holds the catalogue to it.
export const SHAPE_BITS = 32;

/**
 * `readRecord(record, strict)`: the record's field values by field index
 * (undefined when empty), as the rules read them (`fieldValueText`); with
 * `strict`, a key that is not a field is a TypeError.
 */
export function createRecordReader(layout) {
  const { fields: FIELDS, fieldIndex, isDateField, emptyValues, limits } = layout;

  return function readRecord(record, strict) {
    const keys = plainKeys(record, 'the record');
    const values = emptyValues.slice();
    for (let i = 0, n = keys.length; i < n; i++) {
      const key = keys[i];
      const index = fieldIndex[key];
      if (index === undefined) {
        if (strict) throw new TypeError(`the record has a key that is not a field: ${describeKey(key)}; fields() lists the keys`);
        continue;
      }
      values[index] = fieldValueText(read(record, key, `record.${key}`), isDateField[index], `record.${FIELDS[index]}`, limits.value);
    }
    return values;
  };
}

/**
 * `normalized(values)`: the record with every fix applied, in catalogue
 * order. Each is a clone of a cached plain object with the keys of its set
 * of fields: the clone has every key as an own property, so the stores into
 * it never reach a prototype (an `Object.prototype` setter never sees them).
 */
export function createNormalizer(layout) {
  const { fields: FIELDS, fieldCount: FIELD_COUNT } = layout;
  const shapes = new Map();

  return function normalized(values) {
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
    const record = { ...shape };
    for (let i = 0; i < FIELD_COUNT; i++) if (values[i] !== undefined) record[FIELDS[i]] = values[i];
    return record;
  };
}
