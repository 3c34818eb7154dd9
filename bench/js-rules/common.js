// Plain-JS helpers for the JS versions of the hersys-validator rules
// (bench/js-rules/valibot.js and zod.js call them; ajv.js uses the tables).
//
// They mirror src/width.rs, src/date.rs, src/passport.rs, src/vocabulary.rs
// and the rule modules exactly, as a careful JS developer would write them:
// - white space is Rust's `char::is_whitespace` (Unicode White_Space), not
//   JS `trim()` (which also strips U+FEFF and keeps U+0085);
// - dates are day numbers from a civil-calendar formula, never `Date`
//   (no time zone, no two-digit-year guessing, year 0 is a leap year as in chrono);
// - vocabularies are compared after width folding (the NFKC subset of
//   src/width.rs: full-width ASCII, half-width katakana with ﾞ/ﾟ composed, …),
//   trimming and upper-casing, with precomputed sets; a careful developer
//   would reach for String.prototype.normalize('NFKC'), but it also folds
//   Ⅰ, ① and more, which the Rust rules deliberately leave alone.
//
// No dependency: the page and Node import this file as it is.

// ---------------------------------------------------------------- codes

/**
 * The codes the JS versions report (the union of their COVERED_CODES), with
 * the severities of rules(). Not the `*.not_in_list` codes: they need the
 * caller's option lists, which the JS versions do not take.
 */
export const SEVERITY = Object.freeze({
  'passport.required': 'error',
  'passport.boundary_day': 'warning',
  'passport.halfwidth': 'error',
  'passport.normalize': 'warning',
  'passport.format': 'error',
  'passport.unusual': 'warning',
  'diagnosis.required': 'error',
  'entry.date_missing': 'warning',
  'status.required': 'error',
  'status.unknown': 'warning',
  'death.date_required': 'error',
  'death.place_required': 'error',
  'death.place_unknown': 'warning',
  'death.without_status': 'warning',
  'death.body_without_status': 'error',
  'place.category_required': 'error',
  'place.category_unknown': 'warning',
  'place.name_with_unknown_category': 'warning',
  'place.name_missing': 'info',
  'facility.category_unknown': 'warning',
  'choice.unknown': 'warning',
  'date.invalid': 'error',
  'date.no_year': 'error',
  'date.impossible': 'error',
  'date.outside_era': 'error',
  'date.too_early': 'error',
  'date.weekday_mismatch': 'warning',
  'date.canonical': 'info',
  'date.future': 'error',
  'date.before_birth': 'error',
  'date.order': 'error',
  'date.onset_order': 'warning',
  'entry.after_diagnosis': 'warning',
  'age.invalid': 'error',
  'age.mismatch': 'error',
});

/** The record's fields, in catalogue order (src/fields.rs). */
export const FIELDS = Object.freeze([
  'reportDate', 'caseType', 'sex', 'birthDate', 'age', 'occupation', 'onsetDate', 'firstVisitDate',
  'diagnosisDate', 'infectionDate', 'deathDate', 'status', 'deathPlace', 'infectionRegion', 'country',
  'departureDate', 'entryDate', 'nationality', 'passportNumber', 'placeCategory', 'placeName',
  'facilityCategory', 'severity',
]);

/** The date fields, in the order the dates rule visits them. */
export const DATE_FIELDS = Object.freeze([
  'reportDate', 'birthDate', 'onsetDate', 'firstVisitDate', 'diagnosisDate', 'infectionDate',
  'deathDate', 'departureDate', 'entryDate',
]);

/** (earlier, later) pairs whose order is an error, reported on `later`. */
export const ORDER = Object.freeze([
  ['firstVisitDate', 'diagnosisDate'],
  ['diagnosisDate', 'reportDate'],
  ['departureDate', 'entryDate'],
  ['infectionDate', 'deathDate'],
  ['onsetDate', 'deathDate'],
]);

/** The choice fields checked by `choice.unknown`. */
export const CHOICE_FIELDS = Object.freeze(['caseType', 'sex', 'severity', 'infectionRegion']);

// ---------------------------------------------------------------- width

/** Rust `char::is_whitespace`: Unicode White_Space. */
export const WHITE_SPACE_CLASS = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** src/width.rs `is_hyphen_like` (after full-width folding, so U+FF0D is listed too). */
export const HYPHEN_CLASS = '\\-\\uff0d\\u30fc\\uff70\\u2010-\\u2015\\u2212\\ufe63';

export function isWhiteSpace(c) {
  return (
    c === 32 || (c >= 9 && c <= 13) ||
    (c >= 0x85 && (c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000))
  );
}

export function isHyphenLike(c) {
  return c === 0x2d || c === 0xff0d || c === 0x30fc || c === 0xff70 || (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2212 || c === 0xfe63;
}

/** str::trim with Rust's white space. */
export function trim(s) {
  let start = 0;
  let end = s.length;
  while (start < end && isWhiteSpace(s.charCodeAt(start))) start++;
  while (end > start && isWhiteSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function trimStart(s) {
  let start = 0;
  while (start < s.length && isWhiteSpace(s.charCodeAt(start))) start++;
  return start === 0 ? s : s.slice(start);
}

function trimEnd(s) {
  let end = s.length;
  while (end > 0 && isWhiteSpace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const FULL_WIDTH_G = /[\uff01-\uff5e\u3000]/g;
const foldChar = (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** width::fold_ascii over a string: full-width ASCII → ASCII, U+3000 → space. */
export function foldAscii(s) {
  return FULL_WIDTH.test(s) ? s.replace(FULL_WIDTH_G, foldChar) : s;
}

/** True when the text holds a character of U+FF01–FF5E or U+3000. */
export function hasFullWidth(s) {
  return FULL_WIDTH.test(s);
}

const VOICED = 0x3099;
const SEMI_VOICED = 0x309a;
const MACRON = 0x304;
/** U+FF61–FF9F: the half-width katakana and punctuation (src/width.rs HALF_WIDTH_KANA). */
const HALF_WIDTH_KANA = '。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン\u3099\u309a';
/** U+FFA0–FFDC: half-width Hangul as conjoining jamo (0: unassigned). */
const HALF_WIDTH_HANGUL = [
  0x1160, 0x1100, 0x1101, 0x11aa, 0x1102, 0x11ac, 0x11ad, 0x1103, 0x1104, 0x1105, 0x11b0, 0x11b1, 0x11b2, 0x11b3,
  0x11b4, 0x11b5, 0x111a, 0x1106, 0x1107, 0x1108, 0x1121, 0x1109, 0x110a, 0x110b, 0x110c, 0x110d, 0x110e, 0x110f,
  0x1110, 0x1111, 0x1112, 0, 0, 0, 0x1161, 0x1162, 0x1163, 0x1164, 0x1165, 0x1166, 0, 0, 0x1167, 0x1168, 0x1169,
  0x116a, 0x116b, 0x116c, 0, 0, 0x116d, 0x116e, 0x116f, 0x1170, 0x1171, 0x1172, 0, 0, 0x1173, 0x1174, 0x1175,
];
const FOLD_SPECIAL = new Map([
  [0xa0, [0x20]], [0x3000, [0x20]], [0xff5f, [0x2985]], [0xff60, [0x2986]], [0xffe0, [0xa2]], [0xffe1, [0xa3]],
  [0xffe2, [0xac]], [0xffe3, [0x20, MACRON]], [0xffe4, [0xa6]], [0xffe5, [0xa5]], [0xffe6, [0x20a9]], [0xffe8, [0x2502]],
  [0xffe9, [0x2190]], [0xffea, [0x2191]], [0xffeb, [0x2192]], [0xffec, [0x2193]], [0xffed, [0x25a0]], [0xffee, [0x25cb]],
  [0x309b, [0x20, VOICED]], [0x309c, [0x20, SEMI_VOICED]], [0x309f, [0x3088, 0x308a]], [0x30ff, [0x30b3, 0x30c8]],
  [0x32ff, [0x4ee4, 0x548c]], [0x337b, [0x5e73, 0x6210]], [0x337c, [0x662d, 0x548c]], [0x337d, [0x5927, 0x6b63]],
  [0x337e, [0x660e, 0x6cbb]],
]);

/** width.rs fold_char: the code points one character folds to, or null when it stays. */
export function foldCodePoint(c) {
  if (c >= 0xff01 && c <= 0xff5e) return [c - 0xfee0];
  if (c >= 0xff61 && c <= 0xff9f) return [HALF_WIDTH_KANA.charCodeAt(c - 0xff61)];
  if (c >= 0xffa0 && c <= 0xffdc) return HALF_WIDTH_HANGUL[c - 0xffa0] ? [HALF_WIDTH_HANGUL[c - 0xffa0]] : null;
  return FOLD_SPECIAL.get(c) ?? null;
}

/** width.rs compose_kana. */
function composeKana(base, mark) {
  const kata = (base >= 0x30a1 && base <= 0x30fa) || base === 0x30fd;
  const offset = kata ? 0x60 : 0;
  const h = base - offset;
  const voiced = mark === VOICED;
  let out = null;
  if (voiced && h >= 0x304b && h <= 0x3062 && h % 2 === 1) out = h + 1;
  else if (voiced && (h === 0x3064 || h === 0x3066 || h === 0x3068)) out = h + 1;
  else if (h === 0x306f || h === 0x3072 || h === 0x3075 || h === 0x3078 || h === 0x307b) out = voiced ? h + 1 : h + 2;
  else if (voiced && h === 0x3046) out = 0x3094;
  else if (voiced && h === 0x309d) out = 0x309e;
  else if (voiced && kata && h >= 0x308f && h <= 0x3092) return base + 8;
  return out === null ? null : out + offset;
}

/** width.rs compose_hangul. */
function composeHangul(base, next) {
  if (base >= 0x1100 && base <= 0x1112 && next >= 0x1161 && next <= 0x1175) return 0xac00 + ((base - 0x1100) * 21 + (next - 0x1161)) * 28;
  const s = base - 0xac00;
  if (s >= 0 && s < 11172 && s % 28 === 0 && next >= 0x11a8 && next <= 0x11c2) return base + next - 0x11a7;
  return null;
}

/** width.rs push: marks go before trailing macrons and compose with the kana before them; jamo compose. */
function pushFolded(out, c) {
  if (c === VOICED || c === SEMI_VOICED) {
    let macrons = 0;
    while (out.length && out[out.length - 1] === MACRON) {
      out.pop();
      macrons++;
    }
    const composed = out.length ? composeKana(out[out.length - 1], c) : null;
    if (composed !== null) out[out.length - 1] = composed;
    else out.push(c);
    for (; macrons > 0; macrons--) out.push(MACRON);
    return;
  }
  const composed = out.length ? composeHangul(out[out.length - 1], c) : null;
  if (composed !== null) out[out.length - 1] = composed;
  else out.push(c);
}

const NEEDS_FOLD = /[\u00a0\u3000\u3099-\u309c\u309f\u30ff\u32ff\u337b-\u337e\uff01-\uffee\u1100-\u11ff]/;

/** width::nfkc: NFKC restricted to what differs by width (src/width.rs). */
export function nfkc(s) {
  if (!NEEDS_FOLD.test(s)) return s;
  const out = [];
  for (const ch of s) {
    const c = ch.codePointAt(0);
    const folded = foldCodePoint(c);
    if (folded === null) pushFolded(out, c);
    else for (const f of folded) pushFolded(out, f);
  }
  return String.fromCodePoint(...out);
}

/** width::fold: folded and trimmed. */
export function fold(s) {
  return trim(nfkc(s));
}

const LOWER = /[a-z]/;
const LOWER_G = /[a-z]+/g;
const upper = (m) => m.toUpperCase();

/** width::comparable: trimmed, width-folded, ASCII upper-cased (only ASCII: ⅰ stays ⅰ). */
export function comparable(s) {
  const f = fold(s);
  return LOWER.test(f) ? f.replace(LOWER_G, upper) : f;
}

/** The trimmed value of a field; null when missing or blank (未入力). */
export function get(record, key) {
  const value = record[key];
  if (value == null) return null;
  const t = trim(value);
  return t === '' ? null : t;
}

// ---------------------------------------------------------------- vocabularies

export const STATUS_DEATH = '死亡';
export const PLACE_UNKNOWN = '場所種別不明';
export const BODY_CASE_TYPES = Object.freeze(['感染症死亡者の死体', '感染症死亡疑い者の死体']);
/** The values the notice names, accepted whatever list is in use (vocabulary.rs confirmed). */
export const CONFIRMED = Object.freeze({ status: '死亡', placeCategory: '場所種別不明', deathPlace: '自宅' });

/** src/vocabulary.rs default lists. */
export const VOCABULARY = Object.freeze({
  caseType: ['患者（確定例）', '無症状病原体保有者', '疑似症患者', '感染症死亡者の死体', '感染症死亡疑い者の死体'],
  sex: ['男', '女'],
  status: ['入院中', '宿泊療養中', '自宅療養中', '社会福祉施設等療養中', '入院・療養等調整中', '療養解除', '死亡', '不明'],
  deathPlace: ['病院', '診療所', '介護医療院・介護老人保健施設', '宿泊療養施設', '老人ホーム', '自宅', 'その他'],
  infectionRegion: ['国内', '国外'],
  placeCategory: [
    '医療機関', '高齢者福祉施設', '障害者福祉施設', '児童福祉施設', '学校・教育施設', '職場', '飲食店',
    '運動施設', '家庭内', '宿泊施設', '交通機関', 'その他', '場所種別不明',
  ],
  facilityCategory: ['医療機関', '高齢者福祉施設', '障害者福祉施設', '児童福祉施設', '学校・教育施設', '事業所', 'その他', '該当なし'],
  severity: ['軽症', '中等症Ⅰ', '中等症Ⅱ', '重症'],
});

/** docs/rules.md §3: 男性/女性 mean 男/女; the usual spellings of the Roman numerals of 中等症Ⅰ/Ⅱ (matched once folded). */
export const SYNONYMS = Object.freeze({
  sex: { 男性: '男', 女性: '女' },
  severity: { 中等症I: '中等症Ⅰ', 中等症1: '中等症Ⅰ', 中等症II: '中等症Ⅱ', 中等症2: '中等症Ⅱ' },
});

const COMPARABLE_SETS = Object.fromEntries(
  Object.entries(VOCABULARY).map(([key, list]) => [key, new Set(list.map(comparable))]),
);
const COMPARABLE_DEATH = comparable(STATUS_DEATH);
const COMPARABLE_PLACE_UNKNOWN = comparable(PLACE_UNKNOWN);
const COMPARABLE_BODIES = new Set(BODY_CASE_TYPES.map(comparable));

/** Vocabulary::find(...).is_some(): the value names an entry of the (built-in) list or a confirmed value. */
export function inVocabulary(key, value) {
  const c = comparable(value);
  if (COMPARABLE_SETS[key].has(c)) return true;
  if (CONFIRMED[key] !== undefined && c === comparable(CONFIRMED[key])) return true;
  const canonical = SYNONYMS[key]?.[fold(value)]; // Vocabulary::find: synonyms match the folded value
  return canonical !== undefined && VOCABULARY[key].includes(canonical);
}

export const isDeath = (value) => value !== null && comparable(value) === COMPARABLE_DEATH;
export const isPlaceUnknown = (value) => value !== null && comparable(value) === COMPARABLE_PLACE_UNKNOWN;
export const isBody = (value) => value !== null && COMPARABLE_BODIES.has(comparable(value));

// ---------------------------------------------------------------- dates

/** Japanese eras, newest first: name, JIS X 0301 letter, first day. */
export const ERAS = Object.freeze([
  { name: '令和', letter: 'R', first: [2019, 5, 1] },
  { name: '平成', letter: 'H', first: [1989, 1, 8] },
  { name: '昭和', letter: 'S', first: [1926, 12, 25] },
  { name: '大正', letter: 'T', first: [1912, 7, 30] },
]);

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real date as `{ y, m, d, day }`, or null (chrono's from_ymd_opt). */
export function ymd(y, m, d) {
  if (m < 1 || m > 12 || d < 1) return null;
  const last = m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1];
  if (d > last) return null;
  return { y, m, d, day: daysFromCivil(y, m, d) };
}

for (let i = 0; i < ERAS.length; i++) {
  const era = ERAS[i];
  era.firstDay = daysFromCivil(...era.first);
  era.lastDay = i === 0 ? Infinity : daysFromCivil(...ERAS[i - 1].first) - 1;
}

const FORMAT = { error: 'date.invalid' };
const NO_YEAR = { error: 'date.no_year' };
const IMPOSSIBLE = { error: 'date.impossible' };
const OUTSIDE_ERA = { error: 'date.outside_era' };
const TOO_EARLY = { error: 'date.too_early' };
const EARLIEST = daysFromCivil(1900, 1, 1);

const WEEKDAYS_JA = '月火水木金土日';
const WEEKDAYS_EN = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** date.rs english_weekday: 0 = Monday, or -1. */
function englishWeekday(name) {
  if (name.endsWith('.')) name = name.slice(0, -1);
  const lower = name.toLowerCase();
  if (name.length < 3 || /[^\x00-\x7f]/.test(name)) return -1;
  return WEEKDAYS_EN.findIndex((full) => name.length <= full.length && full.startsWith(lower));
}

/** date.rs weekday_name. */
function weekdayName(name) {
  let japanese = name.endsWith('日') ? name.slice(0, -1) : name;
  japanese = japanese.endsWith('曜') ? japanese.slice(0, -1) : name;
  if (japanese.length === 1 && WEEKDAYS_JA.includes(japanese)) return WEEKDAYS_JA.indexOf(japanese);
  return englishWeekday(name);
}

/** date.rs split_weekday: [date text, weekday (0 = Monday) or -1], or null when it is not a date. */
function splitWeekday(text) {
  if (text.endsWith(')')) {
    const inside = text.slice(0, -1);
    const open = inside.lastIndexOf('(');
    if (open < 0) return null;
    const weekday = weekdayName(trim(inside.slice(open + 1)));
    return weekday < 0 ? null : [trimEnd(inside.slice(0, open)), weekday];
  }
  const nameStart = Math.max(text.lastIndexOf(' '), text.lastIndexOf(',')) + 1;
  if (nameStart > 0) {
    const weekday = englishWeekday(text.slice(nameStart));
    if (weekday >= 0) return [text.slice(0, nameStart).replace(/[ ,]+$/, ''), weekday];
  }
  const before = text.endsWith('日') ? text.slice(0, -1) : text;
  if (before.endsWith('曜') && before.length >= 2) {
    const kanji = before.charAt(before.length - 2);
    if (WEEKDAYS_JA.includes(kanji)) return [trimEnd(before.slice(0, -2)), WEEKDAYS_JA.indexOf(kanji)];
  }
  return [text, -1];
}

const HYPHENS_G = new RegExp(`[${HYPHEN_CLASS}]`, 'g');
const HYPHENS = new RegExp(`[${HYPHEN_CLASS}]`);
const CANONICAL = /^\d{4}-\d{2}-\d{2}$/;

/** UTF-8 length, for the 40-byte cap of date::parse. */
function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isDigit(c) {
  return c >= 48 && c <= 57;
}

/** Leading ASCII digits and the rest. */
function digitsEnd(s) {
  let i = 0;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** month_day of src/date.rs: `年M月D日` or `-M-D`, `/M/D`, `.M.D`; returns [m, d] or null. */
function monthDay(rest) {
  rest = trimStart(rest);
  const sep = rest.charAt(0);
  if (sep !== '年' && sep !== '-' && sep !== '/' && sep !== '.') return null;
  rest = trimStart(rest.slice(1));
  let n = digitsEnd(rest);
  if (n < 1 || n > 2) return null;
  const month = Number(rest.slice(0, n));
  rest = trimStart(rest.slice(n));
  if (rest.charAt(0) !== (sep === '年' ? '月' : sep)) return null;
  rest = trimStart(rest.slice(1));
  n = digitsEnd(rest);
  if (n < 1 || n > 2) return null;
  const day = Number(rest.slice(0, n));
  rest = trim(rest.slice(n));
  if (!(rest === '' || (sep === '年' && rest === '日'))) return null;
  return [month, day];
}

function eraPrefix(text) {
  for (const era of ERAS) {
    if (text.startsWith(era.name)) return [era, text.slice(era.name.length)];
    if (text.charAt(0) === era.name.charAt(0)) return [era, text.slice(1)];
    const c = text.charCodeAt(0);
    const upper = c >= 97 && c <= 122 ? c - 32 : c;
    if (upper === era.letter.charCodeAt(0)) return [era, text.slice(1)];
  }
  return null;
}

function parseEra(era, rest) {
  rest = trimStart(rest);
  let year;
  if (rest.charAt(0) === '元') {
    year = 1;
    rest = rest.slice(1);
  } else {
    const n = digitsEnd(rest);
    if (n < 1 || n > 2) return FORMAT;
    year = Number(rest.slice(0, n));
    rest = rest.slice(n);
  }
  const md = monthDay(rest);
  if (md === null) return FORMAT;
  if (year === 0) return OUTSIDE_ERA;
  const date = ymd(era.first[0] + year - 1, md[0], md[1]);
  if (date === null) return IMPOSSIBLE;
  return date.day >= era.firstDay && date.day <= era.lastDay ? date : OUTSIDE_ERA;
}

/**
 * date.rs no_year_or, on a format error: `M/D`, `M月D日` or `M月D` (digits
 * already folded, the weekday already split off) with a month and day that
 * exist in some year (2/29 does) → date.no_year; else date.invalid.
 */
function noYearOr(text, m) {
  const sep = text.charAt(m);
  if (sep !== '/' && sep !== '月') return FORMAT;
  const rest = text.slice(m + 1);
  const n = digitsEnd(rest);
  if (n < 1 || n > 2 || !(n === rest.length || (sep === '月' && rest.slice(n) === '日'))) return FORMAT;
  return ymd(2000, Number(text.slice(0, m)), Number(rest.slice(0, n))) === null ? FORMAT : NO_YEAR;
}

function parseWestern(text) {
  const n = digitsEnd(text);
  if (n === 8 && text.length === 8) {
    return ymd(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6))) ?? IMPOSSIBLE;
  }
  if (n !== 4) return n === 1 || n === 2 ? noYearOr(text, n) : FORMAT;
  const md = monthDay(text.slice(4));
  if (md === null) return FORMAT;
  return ymd(Number(text.slice(0, 4)), md[0], md[1]) ?? IMPOSSIBLE;
}

/**
 * date::parse: `{ y, m, d, day, canonical }` for a real date, `{ error: code }`
 * otherwise (date.invalid / date.no_year / date.impossible / date.outside_era / date.too_early).
 */
export function parseDate(text) {
  if (text.length > 20 && utf8Length(text) > 160) return FORMAT;
  let folded = nfkc(text);
  if (HYPHENS.test(folded)) folded = folded.replace(HYPHENS_G, '-');
  folded = trim(folded);
  if (folded.length > 20 && utf8Length(folded) > 60) return FORMAT;
  const split = splitWeekday(folded);
  if (split === null) return FORMAT;
  const [dateText, weekday] = split;
  const era = eraPrefix(dateText);
  const result = era === null ? parseWestern(dateText) : parseEra(era[0], era[1]);
  if (result.error !== undefined) return result;
  if (result.day < EARLIEST) return TOO_EARLY;
  result.canonical = CANONICAL.test(text);
  // 1970-01-01 was a Thursday (3, counting Monday as 0).
  result.weekdayMismatch = weekday >= 0 && weekday !== (((result.day % 7) + 7 + 3) % 7);
  return result;
}

/** YYYY-MM-DD of a parsed date. */
export function canonicalDate({ y, m, d }) {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Whole years from birth to on, counted from the birthday itself; null when on < birth. */
export function ageOn(birth, on) {
  if (on.day < birth.day) return null;
  let years = on.y - birth.y;
  if (on.m < birth.m || (on.m === birth.m && on.d < birth.d)) years -= 1;
  return years;
}

/** Whole months from birth to on (date::months_on); null when on < birth. */
export function monthsOn(birth, on) {
  if (on.day < birth.day) return null;
  return (on.y - birth.y) * 12 + on.m - birth.m - (on.d < birth.d ? 1 : 0);
}

const MONTH_COUNTERS = 'かヶケカヵ箇';

/** split_number: up to three leading ASCII digits and the rest, or null. */
function splitNumber(s) {
  const n = digitsEnd(s);
  return n === 0 || n > 3 ? null : [Number(s.slice(0, n)), s.slice(n)];
}

/** parse_months: 0–11, a counter and 月, spaces between. */
function parseMonths(s) {
  const split = splitNumber(s);
  if (split === null) return null;
  const rest = trimStart(split[1]);
  if (rest === '' || !MONTH_COUNTERS.includes(rest.charAt(0))) return null;
  return split[0] <= 11 && trimStart(rest.slice(1)) === '月' ? split[0] : null;
}

/** parse_age of src/rules/dates.rs: `{ years }` (0–150, 歳/才) or `{ months }` (0–11, 3か月, 0歳3か月); null when invalid. */
export function parseAge(text) {
  const s = fold(text);
  const split = splitNumber(s);
  if (split === null) return null;
  const number = split[0];
  const rest = trimStart(split[1]);
  const years = number <= 150 ? { years: number } : null;
  if (rest === '') return years;
  if (rest.charAt(0) === '歳' || rest.charAt(0) === '才') {
    const after = trimStart(rest.slice(1));
    if (after === '') return years;
    const months = parseMonths(after);
    if (months === null) return null;
    return number === 0 ? { months } : years;
  }
  const months = parseMonths(s);
  return months === null ? null : { months };
}

/** check_age: the fix when the typed age disagrees with the dates, else null. */
export function ageMismatch(typed, birth, diagnosis) {
  const years = ageOn(birth, diagnosis);
  const months = monthsOn(birth, diagnosis);
  if (years === null || months === null) return null;
  const agrees = typed.years !== undefined ? typed.years === years : years === 0 && typed.months === months;
  return agrees ? null : years === 0 ? `${months}か月` : String(years);
}

/** The local date today, as the binding's default. */
export function localToday() {
  const now = new Date();
  return ymd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** options.today → a parsed date (throws like the binding on a bad date). */
export function readToday(today) {
  if (today === undefined) return localToday();
  const parsed = parseDate(today);
  if (parsed.error) throw new Error("options.today must be a date such as '2021-06-03'");
  return parsed;
}

// ---------------------------------------------------------------- passport window

/**
 * The 28-day rule for an empty passport number: with d = diagnosis − entry,
 * d inside the window of the counting → 'passport.required'; a day only the
 * other counting covers (d = N when the entry day is day 1) →
 * 'passport.boundary_day'; else null.
 */
export function passportWindow(entry, diagnosis, windowDays = 28, counting = 'entryDayIsDayOne') {
  if (entry === null || diagnosis === null) return null;
  const d = diagnosis.day - entry.day;
  const lastInside = counting === 'dayAfterEntryIsDayOne' ? windowDays : windowDays - 1;
  if (d < 0) return null;
  if (d <= lastInside) return 'passport.required';
  if (d <= windowDays) return 'passport.boundary_day';
  return null;
}

/** The travel fields that make an empty 入国日 worth a warning (entry.date_missing). */
export const TRAVEL_FIELDS = Object.freeze(['infectionRegion', 'departureDate', 'country']);
const COMPARABLE_ABROAD = comparable('国外');

/** check_window_inputs: the travel fields shown by the record (empty when none). */
export function travelShown(view) {
  return TRAVEL_FIELDS.filter((key) => {
    const value = view.get(key);
    return key === 'infectionRegion' ? value !== null && comparable(value) === COMPARABLE_ABROAD : value !== null;
  });
}

// ---------------------------------------------------------------- passport number

/** passport::normalize: width-folded, upper case, without white space and hyphens. */
export function normalizePassport(text) {
  let out = '';
  for (const ch of nfkc(text)) {
    let c = ch.codePointAt(0);
    if (isWhiteSpace(c) || isHyphenLike(c)) continue;
    if (c >= 97 && c <= 122) c -= 32;
    out += String.fromCodePoint(c);
  }
  return out;
}

/** Issuer::from_nationality: the spellings of Japan, once comparable. */
export const JAPAN_NATIONALITIES = Object.freeze(['日本', '日本国', '日本国籍', '日本人', 'JAPAN', 'JAPANESE', 'JPN', 'JP']);
const JAPAN_NATIONALITY = new Set(JAPAN_NATIONALITIES);

/** Issuer::from_nationality: 'japan' | 'other' | 'unknown'. */
export function issuer(nationality) {
  if (nationality === null) return 'unknown';
  const c = comparable(nationality);
  if (c === '') return 'unknown';
  return JAPAN_NATIONALITY.has(c) ? 'japan' : 'other';
}

const JAPANESE = /^[A-Z]{2}[0-9]{7}$/;
const ALPHANUMERIC = /^[A-Z0-9]*$/;

function japaneseShape(n) {
  if (!JAPANESE.test(n)) return 'invalid';
  return n.charAt(0) === 'M' || n.charAt(0) === 'T' ? 'usual' : 'unusual';
}

function foreignShape(n) {
  if (!ALPHANUMERIC.test(n)) return 'invalid';
  if (n.length >= 6 && n.length <= 9) return 'usual';
  if (n.length >= 5 && n.length <= 12) return 'unusual';
  return 'invalid';
}

function shape(n, who) {
  if (who === 'japan') return japaneseShape(n);
  if (who === 'other') return foreignShape(n);
  return japaneseShape(n) === 'usual' ? 'usual' : foreignShape(n);
}

/**
 * passport::check on a trimmed, non-empty number: the codes found, most severe
 * first, with the fix when one is known: `[{ code, fix? }]`.
 */
export function passportFindings(text, who) {
  const normalized = normalizePassport(text);
  const s = shape(normalized, who);
  const fullWidth = hasFullWidth(text);
  if (s === 'invalid') {
    return fullWidth
      ? [{ code: 'passport.halfwidth' }, { code: 'passport.format' }]
      : [{ code: 'passport.format' }];
  }
  const out = [];
  if (text !== normalized) {
    out.push({ code: fullWidth ? 'passport.halfwidth' : 'passport.normalize', fix: normalized });
  }
  if (s === 'unusual') out.push({ code: 'passport.unusual' });
  return out;
}

// ---------------------------------------------------------------- one record

/**
 * The parsed view of one record, built once per validation and shared by
 * every cross-field check (keyed by the object the schema library hands to
 * its checks).
 */
export class RecordView {
  constructor(record) {
    this.record = record;
    this.dates = Object.create(null);
  }

  get(key) {
    return get(this.record, key);
  }

  /** The parse result of a date field holding a value, else null. */
  parsed(key) {
    let p = this.dates[key];
    if (p === undefined) {
      const text = this.get(key);
      p = text === null ? null : parseDate(text);
      this.dates[key] = p;
    }
    return p;
  }

  /** The date of a field holding a valid one, else null. */
  date(key) {
    const p = this.parsed(key);
    return p === null || p.error !== undefined ? null : p;
  }
}

const views = new WeakMap();

/** The shared RecordView of `record`. */
export function view(record) {
  let v = views.get(record);
  if (v === undefined) {
    v = new RecordView(record);
    views.set(record, v);
  }
  return v;
}

/** Fields an issue depends on without naming them in `related` (Issue::depends). */
function dependsOn(issue) {
  switch (issue.code) {
    case 'passport.halfwidth':
    case 'passport.normalize':
      return ['nationality'];
    case 'death.date_required':
      return ['status', 'caseType'];
    case 'death.without_status':
      return ['deathDate', 'deathPlace', 'caseType'];
    case 'place.category_required': // the fix depends on 場所名称
      return ['placeName'];
    case 'entry.date_missing':
      return TRAVEL_FIELDS;
    case 'date.order': // death ≤ diagnosis is checked only for the two 死体 case types
      return issue.field === 'diagnosisDate' && issue.related[0] === 'deathDate' ? ['caseType'] : [];
    case 'date.onset_order': // infection ≤ diagnosis is checked only without an onset date
      return issue.field === 'diagnosisDate' && issue.related[0] === 'infectionDate' ? ['onsetDate'] : [];
    default:
      return [];
  }
}

/** True when the issue is on `key` or depends on it (Issue::involves). */
export function involves(issue, key) {
  return issue.field === key || issue.related.includes(key) || dependsOn(issue).includes(key);
}

/** Encodes a code and its related fields in one message string: `code|a,b`. */
export function message(code, related) {
  return related && related.length ? `${code}|${related.join(',')}` : code;
}

const NO_RELATED = Object.freeze([]);

/** Decodes `message()`. */
export function issueFrom(msg, field) {
  const bar = msg.indexOf('|');
  if (bar < 0) return { code: msg, field, related: NO_RELATED };
  return { code: msg.slice(0, bar), field, related: msg.slice(bar + 1).split(',') };
}

/** The codes the valibot and zod versions report: built-in option lists only, so no `*.not_in_list`. */
export const JS_COVERED_CODES = Object.freeze([
  // 記1: the inputs of the window, the window, the number's form.
  'diagnosis.required', 'entry.date_missing', 'passport.required', 'passport.boundary_day',
  'passport.halfwidth', 'passport.normalize', 'passport.format', 'passport.unusual',
  // 記2①: status and death.
  'status.required', 'status.unknown', 'death.date_required', 'death.place_required', 'death.place_unknown',
  'death.without_status', 'death.body_without_status',
  // 記2②: 場所区分 and 場所名称.
  'place.category_required', 'place.category_unknown', 'place.name_with_unknown_category', 'place.name_missing',
  // The other choices, the dates, the age.
  'facility.category_unknown', 'choice.unknown',
  'date.invalid', 'date.no_year', 'date.impossible', 'date.outside_era', 'date.too_early', 'date.weekday_mismatch', 'date.canonical',
  'date.future', 'date.before_birth', 'date.order', 'date.onset_order', 'entry.after_diagnosis',
  'age.invalid', 'age.mismatch',
]);

