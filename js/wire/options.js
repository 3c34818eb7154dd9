//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// The caller's options, checked in one place for every function that takes
// them: validate() and validateField() (js/wire.js), rules() and parseDate()
// (js/validator.js) and the auditor (createAuditor in js/audit/core.js). The
// module receives them only as the wire encodes them (src/wire.rs), and
// reads no options object itself. Each message names the option and what
// it takes, never the value; the limits and the values of `lang` and
// `counting` are the catalogue's.

import { describeKey, isArrayOf, plainKeys, read, typeName } from './read.js';

const { isInteger } = Number;

/** The options every function takes (`strict` matters to validate() and validateField() alone). */
export const OPTION_KEYS = ['lang', 'today', 'passportWindowDays', 'counting', 'vocabulary', 'strict'];

const quoted = (values) => values.map((value) => `'${value}'`).join(' or ');

/** The index of `value` in `list` (-1: not there), by `===`: no method a caller could have replaced. */
function indexIn(list, value) {
  for (let i = 0; i < list.length; i++) if (list[i] === value) return i;
  return -1;
}

/**
 * The options reader of one module's catalogue (js/wire/layout.js):
 * `readOptions(options)` returns `{ lang, window, counting, today, lists,
 * strict }`, with `lang` and `counting` as the numbers the module reads,
 * `today` the caller's text or undefined, `lists` the replaced lists by list
 * index (undefined: none replaced); it throws a TypeError or a RangeError
 * naming the option.
 */
export function createOptionReader(layout) {
  const { limits, langs, countings, lists: LISTS, listIndex } = layout;
  const [MIN_WINDOW, MAX_WINDOW] = limits.windowDays;
  const LANG_EXPECTED = `options.lang must be ${quoted(langs)}`;
  const COUNTING_EXPECTED = `options.counting must be ${quoted(countings)}`;
  const WINDOW_EXPECTED = `options.passportWindowDays must be a whole number from ${MIN_WINDOW} to ${MAX_WINDOW}`;
  const UNKNOWN = `options are ${OPTION_KEYS.join(', ')}`;

  function readOptions(options) {
    const o = { lang: 0, window: limits.defaultWindowDays, counting: 0, today: undefined, lists: undefined, strict: false };
    if (options === undefined || options === null) return o;
    const keys = plainKeys(options, 'options');
    for (let i = 0, n = keys.length; i < n; i++) {
      const key = keys[i];
      const value = read(options, key, `options.${key}`);
      if (value === undefined) continue;
      switch (key) {
        case 'lang':
          o.lang = indexIn(langs, value);
          if (o.lang < 0) throw new TypeError(LANG_EXPECTED);
          break;
        case 'today':
          if (typeof value !== 'string') throw new TypeError(`options.today must be a string, not ${typeName(value)}`);
          if (value.length > limits.value) throw new RangeError(`options.today is longer than ${limits.value} characters`);
          o.today = value;
          break;
        case 'passportWindowDays':
          if (typeof value !== 'number' || !isInteger(value) || value < MIN_WINDOW || value > MAX_WINDOW) {
            throw new TypeError(WINDOW_EXPECTED);
          }
          o.window = value;
          break;
        case 'counting':
          o.counting = indexIn(countings, value);
          if (o.counting < 0) throw new TypeError(COUNTING_EXPECTED);
          break;
        case 'vocabulary':
          o.lists = readVocabulary(value);
          break;
        case 'strict':
          if (typeof value !== 'boolean') throw new TypeError(`options.strict must be a boolean, not ${typeName(value)}`);
          o.strict = value;
          break;
        default:
          throw new TypeError(`unknown option ${describeKey(key)}; ${UNKNOWN}`);
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
      if (!isArrayOf(list, label)) throw new TypeError(`${label} must be an array of strings, not ${typeName(list)}`);
      const length = read(list, 'length', `${label}.length`);
      if (typeof length !== 'number' || !(length <= limits.vocabularyEntries)) {
        throw new RangeError(`${label} has more than ${limits.vocabularyEntries} entries`);
      }
      lists[index] = Array.from({ length }, (_, e) => {
        const entry = read(list, e, `${label}[${e}]`);
        if (typeof entry !== 'string') throw new TypeError(`${label}[${e}] must be a string, not ${typeName(entry)}`);
        if (entry.length > limits.vocabularyEntry) {
          throw new RangeError(`${label}[${e}] is longer than ${limits.vocabularyEntry} characters`);
        }
        characters += entry.length;
        if (characters > limits.vocabularyCharacters) {
          throw new RangeError(`options.vocabulary has more than ${limits.vocabularyCharacters} characters in all`);
        }
        return entry;
      });
    }
    return lists;
  }

  return readOptions;
}
