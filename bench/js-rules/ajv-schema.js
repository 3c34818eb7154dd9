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
//   diagnosis.required, entry.date_missing (travel shown, no 入国日),
//   death.body_without_status,
//   status.required, status.unknown, death.date_required,
//   death.place_required, death.place_unknown, death.without_status,
//   place.category_required, place.category_unknown,
//   place.name_with_unknown_category, place.name_missing,
//   facility.category_unknown, choice.unknown, passport.halfwidth,
//   passport.normalize, passport.format, passport.unusual (by 国籍, with
//   if/then), age.invalid, date.invalid (the date grammar of src/date.rs is
//   regular: one pattern).
// Not covered: the calendar and date arithmetic — date.impossible,
//   date.outside_era, date.too_early, date.weekday_mismatch,
//   date.canonical (needs a real date), date.future (needs today),
//   date.before_birth, date.order, date.onset_order, entry.after_diagnosis,
//   age.mismatch, passport.required and passport.boundary_day (the 28-day
//   window); and the *.not_in_list codes, which need the caller's lists.
//
// Patterns reproduce the Rust comparisons exactly: values are compared after
// trimming Unicode White_Space, width folding (width::nfkc) and upper-casing
// ASCII (width::comparable), so each character of an option becomes the class
// of every character that folds and upper-cases to it (computed from the
// whole BMP), e.g. （ → [（(], ・ → [・･] and J → [JjＪｊ]. Limits: a voiced
// kana typed as two half-width characters (ｶﾞ for ガ) is one character once
// folded, which a class per character cannot express (no option holds a
// voiced kana); date.parse caps the folded text at 60 UTF-8 bytes, the date
// pattern has no such cap (no generated record comes near it).
import {
  WHITE_SPACE_CLASS, HYPHEN_CLASS, VOCABULARY, SYNONYMS, STATUS_DEATH, PLACE_UNKNOWN, BODY_CASE_TYPES, DATE_FIELDS,
  CHOICE_FIELDS, CONFIRMED, JAPAN_NATIONALITIES, foldCodePoint,
} from './common.js';

export const COVERED_CODES = Object.freeze([
  'diagnosis.required', 'entry.date_missing', 'death.body_without_status',
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
    const folded = foldCodePoint(cp);
    if (folded !== null && folded.length !== 1) continue; // one character to two: not a class
    const f = folded === null ? cp : folded[0];
    const image = f >= 0x61 && f <= 0x7a ? String.fromCharCode(f - 32) : String.fromCharCode(f);
    let list = groups.get(image);
    if (!list) groups.set(image, (list = []));
    list.push(cp);
  }
  return groups;
}

const esc = (cp) => `\\u{${cp.toString(16)}}`;

function classOf(ch) {
  const folded = foldCodePoint(ch.codePointAt(0));
  let f = folded?.length === 1 ? folded[0] : ch.codePointAt(0);
  if (f >= 0x61 && f <= 0x7a) f -= 32;
  const cps = comparableGroups().get(String.fromCodePoint(f)) ?? [ch.codePointAt(0)];
  return cps.length === 1 ? esc(cps[0]) : `[${cps.map(esc).join('')}]`;
}

/** A pattern matching exactly the values whose width::comparable equals that of one of `entries`. */
function comparableRe(entries) {
  const alts = [...new Set(entries)].map((e) => [...e].map(classOf).join(''));
  return `^${W}*(?:${alts.join('|')})${W}*$`;
}

/** Vocabulary::find: an entry or a confirmed value once comparable, or a synonym (男性, 中等症2) once folded, which the same pattern covers. */
const vocabularyRe = (key) =>
  comparableRe([...VOCABULARY[key], ...(CONFIRMED[key] ? [CONFIRMED[key]] : []), ...Object.keys(SYNONYMS[key] ?? {})]);

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

// Age (parse_age): 0–150 years, 1 to 3 digits, optionally followed by 歳/才;
// or 0–11 months (up to 3 digits) with a month word, alone or after 歳.
// White space may separate the parts.
const AGE_DIGITS = `(?:${D}{1,2}|[0\\u{ff10}]${D}{2}|[1\\u{ff11}][0-4\\u{ff10}-\\u{ff14}]${D}|[1\\u{ff11}][5\\u{ff15}][0\\u{ff10}])`;
const MONTH_DIGITS = `(?:[0\\u{ff10}]{0,2}${D}|[0\\u{ff10}]?[1\\u{ff11}][01\\u{ff10}\\u{ff11}])`;
const MONTHS = `${MONTH_DIGITS}${W}*(?:か|ヶ|ケ|ｹ|カ|ｶ|ヵ|箇)${W}*月`;
const AGE = `^${W}*(?:${AGE_DIGITS}(?:${W}*[歳才](?:${W}*${MONTHS})?)?|${MONTHS})${W}*$`;

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
// A weekday after the date (split_weekday): 木, 木曜, 木曜日 or an English
// name (3 letters at least, any case and width, optional full stop) in
// half- or full-width parentheses; without them 木曜(日), or an English name
// after a space or comma.
const letter = (c) => `[${c}${c.toUpperCase()}${String.fromCharCode(c.charCodeAt(0) + 0xfee0)}${String.fromCharCode(c.toUpperCase().charCodeAt(0) + 0xfee0)}]`;
const ENGLISH = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
  .flatMap((name) => [...Array(name.length - 2)].map((_, i) => [...name.slice(0, 3 + i)].map(letter).join('')))
  .join('|');
const EN_DAY = `(?:${ENGLISH})[.\\u{ff0e}]?`;
const JA_DAY = '[月火水木金土日]';
const WEEKDAY =
  `(?:${W}*[(\\u{ff08}]${W}*(?:${JA_DAY}(?:曜日?)?|${EN_DAY})${W}*[)\\u{ff09}]` +
  `|${W}*${JA_DAY}曜日?|(?:${W}|[,\\u{ff0c}])*[ \\u{3000},\\u{ff0c}]${EN_DAY})`;
const DATE = `^${W}*(?:${ERA}${W}*(?:元|${D12})${MD}|${D}{8}|${D}{4}${MD})(?:${WEEKDAY})?${W}*$`;

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
  const JAPAN = comparableRe(JAPAN_NATIONALITIES);

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

  const ABROAD = comparableRe(['国外']);
  const allRules = [
    rule('diagnosis.required', 'diagnosisDate', nonblank('diagnosisDate')),
    rule(
      'entry.date_missing',
      'entryDate',
      ifThen(anyOf(matches('infectionRegion', ABROAD), nonblank('departureDate'), nonblank('country')), nonblank('entryDate')),
    ),
    rule(
      'death.body_without_status',
      'status',
      ifThen(allOf(matches('caseType', IS_BODY), nonblank('status')), matches('status', IS_DEATH)),
    ),
    rule('status.required', 'status', nonblank('status')),
    rule('status.unknown', 'status', ifThen(nonblank('status'), matches('status', vocabularyRe('status')))),
    rule('death.date_required', 'deathDate', ifThen(anyOf(matches('status', IS_DEATH), matches('caseType', IS_BODY)), nonblank('deathDate'))),
    rule('death.place_required', 'deathPlace', ifThen(matches('status', IS_DEATH), nonblank('deathPlace'))),
    rule('death.place_unknown', 'deathPlace', ifThen(nonblank('deathPlace'), matches('deathPlace', vocabularyRe('deathPlace')))),
    rule(
      'death.without_status',
      'status',
      // For a body, death.body_without_status asks for 死亡 instead.
      ifThen(
        allOf(nonblank('status'), not(matches('status', IS_DEATH)), not(matches('caseType', IS_BODY))),
        not(anyOf(nonblank('deathDate'), nonblank('deathPlace'))),
      ),
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
