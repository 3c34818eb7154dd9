// The JSON Schema (draft 7, for ajv) of what JSON Schema can express of the
// hersys-validator rules: required values, option lists, patterns, and
// if/then between sibling fields. Used at build time only, by build-ajv.mjs,
// which compiles it to standalone code.
//
// Each rule is one entry of the top-level `allOf`, so an error's schemaPath
// (`#/allOf/<i>/…`) names its rule: RULES[i] = { code, field }.
//
// Covered (COVERED_CODES): every single-field rule and every rule between
// fields that needs no arithmetic on dates —
//   status.required, status.unknown, death.date_required,
//   death.place_required, death.place_unknown, death.without_status,
//   place.category_required, place.category_unknown,
//   place.name_with_unknown_category, place.name_missing,
//   facility.category_unknown, choice.unknown, passport.halfwidth,
//   passport.normalize, passport.format, passport.unusual (by 国籍, with
//   if/then), age.invalid, date.invalid (the date grammar of src/date.rs is
//   regular: one pattern).
// Not covered: the calendar and date arithmetic — date.impossible,
//   date.outside_era, date.canonical (needs a real date), date.future (needs
//   today), date.before_birth, date.order, date.onset_order,
//   entry.after_diagnosis, age.mismatch, passport.required and
//   passport.boundary_day (the 28-day window).
//
// Patterns reproduce the Rust comparisons exactly: values are compared after
// trimming Unicode White_Space, folding full-width ASCII and upper-casing
// ASCII (width::comparable), so each character of an option becomes the class
// of every character that folds and upper-cases to it (computed from the
// whole BMP), e.g. （ → [（(] and J → [JjＪｊ]. One limit: date.parse caps the folded text at 40 UTF-8
// bytes; the date pattern has no such cap (no generated record comes near it).
import {
  WHITE_SPACE_CLASS, HYPHEN_CLASS, VOCABULARY, SYNONYMS, STATUS_DEATH, PLACE_UNKNOWN, BODY_CASE_TYPES, DATE_FIELDS,
  CHOICE_FIELDS,
} from './common.js';

export const COVERED_CODES = Object.freeze([
  'status.required', 'status.unknown', 'death.date_required', 'death.place_required', 'death.place_unknown',
  'death.without_status', 'place.category_required', 'place.category_unknown', 'place.name_with_unknown_category',
  'place.name_missing', 'facility.category_unknown', 'choice.unknown', 'passport.halfwidth', 'passport.normalize',
  'passport.format', 'passport.unusual', 'age.invalid', 'date.invalid',
]);

const W = `[${WHITE_SPACE_CLASS}]`;
const NONBLANK_RE = `[^${WHITE_SPACE_CLASS}]`;

// ---------------------------------------------------------------- comparable classes

let groups = null;
/** upper(fold(char)) → every BMP character with that image. */
function comparableGroups() {
  if (groups) return groups;
  groups = new Map();
  for (let cp = 0; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    let f = cp;
    if (cp >= 0xff01 && cp <= 0xff5e) f = cp - 0xfee0;
    else if (cp === 0x3000) f = 0x20;
    const image = f >= 0x61 && f <= 0x7a ? String.fromCharCode(f - 32) : String.fromCharCode(f);
    let list = groups.get(image);
    if (!list) groups.set(image, (list = []));
    list.push(cp);
  }
  return groups;
}

const esc = (cp) => `\\u{${cp.toString(16)}}`;

function classOf(ch) {
  let f = ch.codePointAt(0);
  if (f >= 0xff01 && f <= 0xff5e) f -= 0xfee0;
  else if (f === 0x3000) f = 0x20;
  if (f >= 0x61 && f <= 0x7a) f -= 32;
  const cps = comparableGroups().get(String.fromCodePoint(f)) ?? [ch.codePointAt(0)];
  return cps.length === 1 ? esc(cps[0]) : `[${cps.map(esc).join('')}]`;
}

/** A pattern matching exactly the values whose width::comparable equals that of one of `entries`. */
function comparableRe(entries) {
  const alts = [...new Set(entries)].map((e) => [...e].map(classOf).join(''));
  return `^${W}*(?:${alts.join('|')})${W}*$`;
}

/** Vocabulary::find: an entry once comparable, or a synonym (男性, 女性) once trimmed, which the same pattern covers. */
const vocabularyRe = (key) => comparableRe([...VOCABULARY[key], ...Object.keys(SYNONYMS[key] ?? {})]);

// ---------------------------------------------------------------- passport, age, date patterns

// Passport numbers as typed: S are the characters normalize() removes.
const S = `[${WHITE_SPACE_CLASS}${HYPHEN_CLASS}]`;
const L = '[A-Za-z\\u{ff21}-\\u{ff3a}\\u{ff41}-\\u{ff5a}]';
const D = '[0-9\\u{ff10}-\\u{ff19}]';
const A = '[A-Za-z0-9\\u{ff21}-\\u{ff3a}\\u{ff41}-\\u{ff5a}\\u{ff10}-\\u{ff19}]';
const MT = '[MTmt\\u{ff2d}\\u{ff34}\\u{ff4d}\\u{ff54}]';
const JP_ANY = `^${S}*${L}${S}*${L}${S}*(?:${D}${S}*){7}$`;
const JP_USUAL = `^${S}*${MT}${S}*${L}${S}*(?:${D}${S}*){7}$`;
const FOREIGN_ANY = `^${S}*(?:${A}${S}*){5,12}$`;
const FOREIGN_USUAL = `^${S}*(?:${A}${S}*){6,9}$`;
// Full-width inside the trimmed value (an U+3000 at either end is trimmed away).
const FULL_WIDTH = `[\\u{ff01}-\\u{ff5e}]|[^${WHITE_SPACE_CLASS}]${W}*\\u{3000}${W}*[^${WHITE_SPACE_CLASS}]`;
// Lower case, a hyphen, or white space inside the trimmed value.
const UNTIDY = `[a-z${HYPHEN_CLASS}]|[^${WHITE_SPACE_CLASS}]${W}+[^${WHITE_SPACE_CLASS}]`;

// Age: 0–150, 1 to 3 digits, optionally followed by 歳/才.
const AGE_DIGITS = `(?:${D}{1,2}|[0\\u{ff10}]${D}{2}|[1\\u{ff11}][0-4\\u{ff10}-\\u{ff14}]${D}|[1\\u{ff11}][5\\u{ff15}][0\\u{ff10}])`;
const AGE = `^${W}*${AGE_DIGITS}(?:${W}*[歳才]+)?${W}*$`;

// The grammar of date::parse (src/date.rs) over the text as typed.
const H = `[${HYPHEN_CLASS}]`;
const SLASH = '[/\\u{ff0f}]';
const DOT = '[.\\u{ff0e}]';
const D12 = `${D}{1,2}`;
const MD =
  `${W}*(?:年${W}*${D12}${W}*月${W}*${D12}(?:${W}*日)?` +
  [H, SLASH, DOT].map((sep) => `|${sep}${W}*${D12}${W}*${sep}${W}*${D12}`).join('') +
  ')';
const ERA = '(?:令和|令|平成|平|昭和|昭|大正|大|[RrHhSsTt\\u{ff32}\\u{ff52}\\u{ff28}\\u{ff48}\\u{ff33}\\u{ff53}\\u{ff34}\\u{ff54}])';
const DATE = `^${W}*(?:${ERA}${W}*(?:元|${D12})${MD}|${D}{8}|${D}{4}${MD})${W}*$`;

// ---------------------------------------------------------------- schema pieces

const nonblank = (key) => ({ required: [key], properties: { [key]: { type: 'string', pattern: NONBLANK_RE } } });
const matches = (key, pattern) => ({ required: [key], properties: { [key]: { type: 'string', pattern } } });
const not = (schema) => ({ not: schema });
const ifThen = (condition, consequence) => ({ if: condition, then: consequence });
const allOf = (...schemas) => ({ allOf: schemas });
const anyOf = (...schemas) => ({ anyOf: schemas });

/** The schema and the rule of each `allOf` entry. */
export function buildSchema() {
  const rules = [];
  const rule = (code, field, schema) => {
    rules.push({ code, field });
    return schema;
  };

  const IS_DEATH = comparableRe([STATUS_DEATH]);
  const IS_BODY = comparableRe(BODY_CASE_TYPES);
  const IS_PLACE_UNKNOWN = comparableRe([PLACE_UNKNOWN]);
  const JAPAN = comparableRe(['日本', '日本国', 'JAPAN', 'JPN', 'JP', '日本人']);

  const natJapan = matches('nationality', JAPAN);
  const natOther = allOf(nonblank('nationality'), not(natJapan));
  const natUnknown = not(nonblank('nationality'));
  const passport = nonblank('passportNumber');
  const formatOk = anyOf(
    allOf(natJapan, matches('passportNumber', JP_ANY)),
    allOf(natOther, matches('passportNumber', FOREIGN_ANY)),
    allOf(natUnknown, matches('passportNumber', FOREIGN_ANY)),
  );
  const fullWidth = matches('passportNumber', FULL_WIDTH);

  const allRules = [
    rule('status.required', 'status', nonblank('status')),
    rule('status.unknown', 'status', ifThen(nonblank('status'), matches('status', vocabularyRe('status')))),
    rule('death.date_required', 'deathDate', ifThen(anyOf(matches('status', IS_DEATH), matches('caseType', IS_BODY)), nonblank('deathDate'))),
    rule('death.place_required', 'deathPlace', ifThen(matches('status', IS_DEATH), nonblank('deathPlace'))),
    rule('death.place_unknown', 'deathPlace', ifThen(nonblank('deathPlace'), matches('deathPlace', vocabularyRe('deathPlace')))),
    rule(
      'death.without_status',
      'status',
      ifThen(allOf(nonblank('status'), not(matches('status', IS_DEATH))), not(anyOf(nonblank('deathDate'), nonblank('deathPlace')))),
    ),
    rule('place.category_required', 'placeCategory', nonblank('placeCategory')),
    rule(
      'place.category_unknown',
      'placeCategory',
      ifThen(nonblank('placeCategory'), matches('placeCategory', vocabularyRe('placeCategory'))),
    ),
    rule(
      'place.name_with_unknown_category',
      'placeCategory',
      ifThen(matches('placeCategory', IS_PLACE_UNKNOWN), not(nonblank('placeName'))),
    ),
    rule(
      'place.name_missing',
      'placeName',
      ifThen(
        allOf(matches('placeCategory', vocabularyRe('placeCategory')), not(matches('placeCategory', IS_PLACE_UNKNOWN))),
        nonblank('placeName'),
      ),
    ),
    rule(
      'facility.category_unknown',
      'facilityCategory',
      ifThen(nonblank('facilityCategory'), matches('facilityCategory', vocabularyRe('facilityCategory'))),
    ),
    ...CHOICE_FIELDS.map((key) => rule('choice.unknown', key, ifThen(nonblank(key), matches(key, vocabularyRe(key))))),
    rule('passport.halfwidth', 'passportNumber', ifThen(passport, not(fullWidth))),
    rule('passport.format', 'passportNumber', ifThen(passport, formatOk)),
    rule(
      'passport.normalize',
      'passportNumber',
      ifThen(allOf(passport, formatOk, not(fullWidth)), not(matches('passportNumber', UNTIDY))),
    ),
    rule(
      'passport.unusual',
      'passportNumber',
      ifThen(
        allOf(passport, formatOk),
        anyOf(
          allOf(natJapan, matches('passportNumber', JP_USUAL)),
          allOf(not(natJapan), matches('passportNumber', FOREIGN_USUAL)),
        ),
      ),
    ),
    rule('age.invalid', 'age', ifThen(nonblank('age'), matches('age', AGE))),
    ...DATE_FIELDS.map((key) => rule('date.invalid', key, ifThen(nonblank(key), matches(key, DATE)))),
  ];

  const schema = {
    $id: 'https://hersys-validator.invalid/bench/record.json',
    type: 'object',
    allOf: allRules,
  };
  return { schema, rules };
}
