// Records for the benchmark and the agreement test (no dependency: the page
// and Node import this file as it is).
//
// - REALISTIC / DEFECTIVE: the per-change records of the benchmark.
// - BOUNDARY: hand-picked edge cases (the 28-day window d = −1, 0, 27, 28, 29;
//   era edges; leap days; full-width passports; …).
// - generateRecords(n, seed): a deterministic generator of varied records
//   that together hit every code the JS versions cover (their COVERED_CODES).
//
// Neither holds a value ours reads with rules the JS versions do not have:
// placeholders (調査中, 不明, －, N/A, …) in 場所名称, 場所区分, 国名 or a
// date; Japan as 国名; 国籍 naming two countries or Japan as 日本国民 or
// Nippon; punctuation in a passport number (TK.123,4567); an age in years
// and months (1歳3か月) or a band (40代); the dates listed above BAD_DATES.

export const TODAY = '2021-07-31';

/** A complete, valid 発生届 of an entrant diagnosed 7 days after entry. */
export const REALISTIC = Object.freeze({
  reportDate: '2021-06-11',
  caseType: '患者（確定例）',
  sex: '男',
  birthDate: '1985-04-12',
  age: '36',
  occupation: '会社員',
  onsetDate: '2021-06-08',
  firstVisitDate: '2021-06-09',
  diagnosisDate: '2021-06-10',
  infectionDate: '2021-06-05',
  status: '入院中',
  infectionRegion: '国外',
  country: 'ベトナム',
  departureDate: '2021-05-20',
  entryDate: '2021-06-03',
  nationality: '日本',
  passportNumber: 'TK1234567',
  placeCategory: '飲食店',
  placeName: '○○食堂',
  facilityCategory: '該当なし',
  severity: '軽症',
});

/**
 * The same record with three defects: the passport number typed in
 * full-width (passport.halfwidth), no status (status.required), and a first
 * visit after the diagnosis (date.order on diagnosisDate).
 */
export const DEFECTIVE = Object.freeze({
  ...REALISTIC,
  passportNumber: 'ＴＫ１２３４５６７',
  status: '',
  firstVisitDate: '2021-06-11',
});

// ------------------------------------------------------------------ dates

const ERAS = [
  { name: '令和', letter: 'R', first: [2019, 5, 1] },
  { name: '平成', letter: 'H', first: [1989, 1, 8] },
  { name: '昭和', letter: 'S', first: [1926, 12, 25] },
  { name: '大正', letter: 'T', first: [1912, 7, 30] },
];

const pad = (n, w = 2) => String(n).padStart(w, '0');
const key = ([y, m, d]) => y * 10000 + m * 100 + d;

/** Civil date of a UTC day number (days since 1970-01-01). */
function civil(day) {
  const t = new Date(day * 86_400_000);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

function dayOf(y, m, d) {
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

const FW = (s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The date of day number `day` typed in one of the accepted styles. */
export function formatDate(day, style) {
  const [y, m, d] = civil(day);
  const era = ERAS.find((e) => key([y, m, d]) >= key(e.first));
  const ey = era ? y - era.first[0] + 1 : 0;
  switch (style) {
    case 'iso':
      return `${y}-${pad(m)}-${pad(d)}`;
    case 'slash':
      return `${y}/${m}/${d}`;
    case 'digits':
      return `${y}${pad(m)}${pad(d)}`;
    case 'kanji':
      return `${y}年${m}月${d}日`;
    case 'era':
      return era ? `${era.name}${ey === 1 ? '元' : ey}年${m}月${d}日` : `${y}年${m}月${d}日`;
    case 'letter':
      return era ? `${era.letter}${ey}.${m}.${d}` : `${y}.${m}.${d}`;
    case 'jis':
      return era ? `${era.letter}${pad(ey)}.${pad(m)}.${pad(d)}` : `${y}-${pad(m)}-${pad(d)}`;
    case 'short-era':
      return era ? `${era.name[0]}${ey}.${m}.${d}` : `${y}/${m}/${d}`;
    case 'full-width':
      return FW(`${y}-${pad(m)}-${pad(d)}`);
    case 'full-width-era':
      return era ? `${era.name}${FW(String(ey))}年${FW(String(m))}月${FW(String(d))}日` : FW(`${y}/${m}/${d}`);
    case 'spaced':
      return ` ${y}-${pad(m)}-${pad(d)}\u3000`;
    case 'long-vowel':
      return FW(`${y}`) + 'ー' + FW(pad(m)) + 'ー' + FW(pad(d));
    case 'weekday': // 2021年6月3日（木）
      return `${y}年${m}月${d}日（${'木金土日月火水'[((day % 7) + 7) % 7]}）`;
    case 'weekday-en': // 2021-06-03 (Thu)
      return `${y}-${pad(m)}-${pad(d)} (${['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'][((day % 7) + 7) % 7]})`;
    default:
      throw new Error(`unknown date style ${style}`);
  }
}

export const DATE_STYLES = [
  'iso', 'iso', 'iso', 'iso', 'slash', 'digits', 'kanji', 'era', 'letter', 'jis', 'short-era', 'full-width',
  'full-width-era', 'spaced', 'long-vowel', 'weekday', 'weekday-en',
];

// No date with a time (2021/6/10 0:00), marked 頃 or 推定, as a five-digit
// Excel serial (44350) or as a placeholder (不明, －): ours gives those codes
// the JS versions do not cover (date.with_time, …) where the JS versions say
// date.invalid. Dates without their year (6月3日, 6/3: date.no_year, which
// the JS versions cover) are in BOUNDARY only, so the generated sample, and
// the timings, stay as they were.
const BAD_DATES = [
  '21-06-03', '2021/6', '明日', 'R3', '令和三年六月三日', '2021-06-03-', '6/3/2021', '202106031', // date.invalid
  '2021-02-29', '2021-04-31', '2021年13月1日', 'R3.6.0', '20210631', // date.impossible
  '令和元年4月30日', '平成32年1月1日', '昭和64年1月8日', 'T15.12.25', '令和0年5月1日', // date.outside_era
  '1899-12-31', '0021-06-03', // date.too_early
  '2021年6月4日（木）', '2021-06-04 (Thu)', // date.weekday_mismatch (a Friday)
  '2021-06-03 (朝)', // date.invalid
];

// ------------------------------------------------------------------ the generator

/** mulberry32: a small deterministic PRNG (the tests' generators use it too). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PASSPORTS = [
  'TK1234567', 'MZ7654321', 'AB1234567', 'L898902C3', '123456', '12345', '1234567890AB', '1234', '1234567890ABC',
  'tk1234567', 'TK 123 4567', 'TK-1234567', 'TK‐1234567', 'ＴＫ１２３４５６７', 'ｔｋ１２３４５６７', 'ＴＫ－１２３ー４５６７',
  'ＴＫ１２３', 'TK123', '旅券', '---', 'L8989<2C3', 'Ｌ８９８９０２Ｃ３', 'E1234567', 'X 1 2 3 4 5', 'TK\u30001234567',
];
const NATIONALITIES = ['日本', '日本国', 'ｊｐｎ', 'Japan', 'JP', '日本人', '日本国籍', 'Japanese', 'ベトナム', 'USA', '', '　'];
const STATUSES = [
  '入院中', '宿泊療養中', '自宅療養中', '療養解除', '死亡', '　死亡　', '不明', '入院・療養等調整中', '入院･療養等調整中', '死んだ', '退院', '',
];
const CASE_TYPES = ['患者（確定例）', '患者(確定例)', '無症状病原体保有者', '疑似症患者', '感染症死亡者の死体', '感染症死亡疑い者の死体', '確定', ''];
const SEXES = ['男', '女', '男性', '女性', 'Ｍ', 'その他', ''];
const SEVERITIES = ['軽症', '中等症Ⅰ', '中等症Ⅱ', '中等症ⅰ', '重症', '重篤', ''];
const DEATH_PLACES = ['病院', '自宅', '老人ホーム', 'その他', '路上', ''];
const REGIONS = ['国内', '国外', '海外', ''];
const PLACE_CATEGORIES = ['飲食店', '職場', '家庭内', '場所種別不明', '　場所種別不明', '学校・教育施設', '学校･教育施設', '公園', ''];
const PLACE_NAMES = ['○○食堂', '株式会社△△', '', ' '];
const FACILITIES = ['該当なし', '医療機関', '事業所', '工場', ''];
const OCCUPATIONS = ['会社員', '学生', '無職', ''];

/**
 * `n` varied records from `seed`. Dates are built around a diagnosis in
 * June–July 2021 (today = 2021-07-31), with offsets that straddle every
 * boundary, typed in every accepted style, and sometimes broken.
 */
export function generateRecords(n = 600, seed = 20210603) {
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  const base = dayOf(2021, 6, 1);
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = {};
    const diagnosis = base + Math.floor(rand() * 70) - 5; // a few after today
    const put = (field, day) => {
      if (chance(0.06)) r[field] = pick(BAD_DATES);
      else r[field] = formatDate(day, pick(DATE_STYLES));
    };
    if (chance(0.95)) put('diagnosisDate', diagnosis);
    else r.diagnosisDate = pick(['', '　', null]);
    if (chance(0.8)) put('reportDate', diagnosis + Math.floor(rand() * 5) - 1);
    if (chance(0.7)) put('firstVisitDate', diagnosis - Math.floor(rand() * 5) + 1);
    if (chance(0.6)) put('onsetDate', diagnosis - Math.floor(rand() * 8) + 2);
    if (chance(0.5)) put('infectionDate', diagnosis - Math.floor(rand() * 12) + 2);
    let birth = null;
    if (chance(0.7)) {
      birth = chance(0.05) ? diagnosis + Math.floor(rand() * 40) - 10 : dayOf(1915 + Math.floor(rand() * 105), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28));
      if (chance(0.1)) birth = dayOf(chance(0.5) ? 2000 : 1988, 2, 29); // leap-day birthdays
      put('birthDate', birth);
    }
    if (chance(0.6)) {
      const [by, bm, bd] = birth === null ? [1980, 1, 1] : civil(birth);
      const [dy, dm, dd] = civil(diagnosis);
      let age = dy - by - ((dm < bm || (dm === bm && dd < bd)) ? 1 : 0);
      if (chance(0.2)) age += chance(0.5) ? 1 : -1;
      const months = Math.max(0, (civil(diagnosis)[0] - by) * 12 + civil(diagnosis)[1] - bm - (civil(diagnosis)[2] < bd ? 1 : 0));
      r.age = pick([
        String(age), String(age), FW(String(age)) + '歳', `${age}才`, `${age} 歳`, '151', 'abc', '', '歳', '1000',
        `${months % 12}か月`, `0歳${months % 12}ヶ月`, `${FW(String(months % 12))}カ月`, '12か月', '3か月',
      ]);
    }
    if (chance(0.6)) {
      // The 28-day window: favour d = −1, 0, 27, 28, 29.
      const d = chance(0.5) ? pick([-1, 0, 27, 28, 29]) : Math.floor(rand() * 45) - 3;
      if (chance(0.85)) put('entryDate', diagnosis - d);
      if (chance(0.5)) put('departureDate', diagnosis - d - Math.floor(rand() * 20) + 2);
      r.infectionRegion = pick(REGIONS);
      if (chance(0.5)) r.country = 'ベトナム';
    }
    if (chance(0.7)) r.passportNumber = pick(PASSPORTS);
    else if (chance(0.2)) r.passportNumber = pick(['', '　', null]);
    if (chance(0.7)) r.nationality = pick(NATIONALITIES);
    if (chance(0.9)) r.status = pick(STATUSES);
    else if (chance(0.5)) r.status = null;
    if (chance(0.6)) r.caseType = pick(CASE_TYPES);
    if (chance(0.6)) r.sex = pick(SEXES);
    if (chance(0.4)) r.severity = pick(SEVERITIES);
    const dead = r.status != null && r.status.includes('死亡');
    if (dead ? chance(0.7) : chance(0.1)) put('deathDate', diagnosis + Math.floor(rand() * 10) - 4);
    if (dead ? chance(0.7) : chance(0.1)) r.deathPlace = pick(DEATH_PLACES);
    if (chance(0.9)) r.placeCategory = pick(PLACE_CATEGORIES);
    if (chance(0.6)) r.placeName = pick(PLACE_NAMES);
    if (chance(0.4)) r.facilityCategory = pick(FACILITIES);
    if (chance(0.3)) r.occupation = pick(OCCUPATIONS);
    out.push(r);
  }
  return out;
}

// ------------------------------------------------------------------ boundary cases

const plainBase = { status: '入院中', placeCategory: '場所種別不明', diagnosisDate: '2021-06-10' };
const entryBase = { ...plainBase, entryDate: '2021-06-03' };
const diagnosisAt = (d) => formatDate(dayOf(2021, 6, 3) + d, 'iso');

/** Hand-picked edge cases, with a name each. */
export const BOUNDARY = Object.freeze([
  // The 28-day window: d = diagnosis − entry.
  ...[-1, 0, 27, 28, 29].map((d) => [`d = ${d}`, { ...entryBase, diagnosisDate: diagnosisAt(d) }]),
  ...[-1, 0, 27, 28, 29].map((d) => [`d = ${d}, passport given`, { ...entryBase, diagnosisDate: diagnosisAt(d), passportNumber: 'TK1234567' }]),
  ['d = 27 in 和暦', { ...entryBase, entryDate: '令和3年6月3日', diagnosisDate: 'R3.6.30' }],
  // Era edges.
  ['令和元年4月30日', { ...plainBase, birthDate: '令和元年4月30日' }],
  ['令和元年5月1日', { ...plainBase, birthDate: '令和元年5月1日' }],
  ['平成31年4月30日', { ...plainBase, birthDate: '平成31年4月30日' }],
  ['平成31年5月1日', { ...plainBase, birthDate: '平成31年5月1日' }],
  ['平成32年1月1日', { ...plainBase, birthDate: '平成32年1月1日' }],
  ['昭和64年1月7日', { ...plainBase, birthDate: '昭和64年1月7日' }],
  ['昭和64年1月8日', { ...plainBase, birthDate: '昭和64年1月8日' }],
  ['平成元年1月8日', { ...plainBase, birthDate: '平成元年1月8日' }],
  ['平成元年1月7日', { ...plainBase, birthDate: '平成元年1月7日' }],
  ['T15.12.24 / S1.12.25', { ...plainBase, birthDate: 'T15.12.24', infectionDate: 'S1.12.25' }],
  ['T1.7.29', { ...plainBase, birthDate: 'T1.7.29' }],
  ['令和0年', { ...plainBase, birthDate: '令和0年5月1日' }],
  // Leap days.
  ['2020-02-29 (leap)', { ...plainBase, birthDate: '2020-02-29' }],
  ['令和2年2月29日 (leap)', { ...plainBase, birthDate: '令和2年2月29日' }],
  ['2021-02-29 (not leap)', { ...plainBase, birthDate: '2021-02-29' }],
  ['令和3年2月29日 (not leap)', { ...plainBase, birthDate: '令和3年2月29日' }],
  ['1900/2/29 (not leap)', { ...plainBase, birthDate: '1900/2/29' }],
  ['2000/2/29 (leap)', { ...plainBase, birthDate: '2000/2/29' }],
  ['born 29 Feb, age on 28 Feb', { ...plainBase, birthDate: '2000-02-29', diagnosisDate: '2021-02-28', age: '20' }],
  ['born 29 Feb, age on 1 Mar', { ...plainBase, birthDate: '2000-02-29', diagnosisDate: '2021-03-01', age: '20' }],
  // Full-width passports.
  ['ＴＫ１２３４５６７', { ...plainBase, passportNumber: 'ＴＫ１２３４５６７', nationality: '日本' }],
  ['ｔｋ１２３４５６７', { ...plainBase, passportNumber: 'ｔｋ１２３４５６７' }],
  ['ＴＫ－１２３ー４５６７', { ...plainBase, passportNumber: 'ＴＫ－１２３ー４５６７' }],
  ['ＴＫ１２３ (full-width, bad format)', { ...plainBase, passportNumber: 'ＴＫ１２３', nationality: '日本' }],
  ['Ｌ８９８９０２Ｃ３ foreign', { ...plainBase, passportNumber: 'Ｌ８９８９０２Ｃ３', nationality: 'ベトナム' }],
  ['AB1234567 Japanese', { ...plainBase, passportNumber: 'AB1234567', nationality: 'ｊｐｎ' }],
  ['AB1234567 unknown nationality', { ...plainBase, passportNumber: 'AB1234567' }],
  ['12345 foreign', { ...plainBase, passportNumber: '12345', nationality: 'ベトナム' }],
  // Dates typed in every form.
  ['every date form', {
    ...plainBase, reportDate: '2021/6/3', birthDate: '19800603', onsetDate: '2021年5月30日', firstVisitDate: 'R3.6.1',
    diagnosisDate: 'R03.06.02', infectionDate: '令3.5.28', departureDate: '２０２１－０５－２０', entryDate: 'Ｒ３．６．１',
  }],
  ['future and before birth', { ...plainBase, birthDate: '2021-06-01', diagnosisDate: '2021-08-01', reportDate: '2021-05-01' }],
  // Death.
  ['death without date or place', { ...plainBase, status: '死亡' }],
  ['body without a date of death', { ...plainBase, caseType: '感染症死亡者の死体' }],
  ['body, death after diagnosis', { ...plainBase, caseType: '感染症死亡疑い者の死体', diagnosisDate: '2021-06-10', deathDate: '2021-06-12', status: '死亡', deathPlace: '自宅' }],
  ['death date under another status', { ...plainBase, deathDate: '2021-06-10', deathPlace: '路上' }],
  // Issue 9: clause 1 inputs, bodies, infant months, weekdays, 1900, width folding.
  ['no diagnosis date', { ...plainBase, diagnosisDate: '' }],
  ['travel without an entry date', { ...plainBase, infectionRegion: '国外', country: 'ベトナム' }],
  ['body with another status', { ...plainBase, caseType: '感染症死亡者の死体', deathDate: '2021-06-09' }],
  ['infant in months', { ...plainBase, birthDate: '2021-03-01', age: '3か月' }],
  ['infant, wrong months', { ...plainBase, birthDate: '2021-03-01', age: '0歳2ヶ月' }],
  ['months for an adult', { ...plainBase, birthDate: '1980-01-01', age: '3か月' }],
  ['weekday', { ...plainBase, onsetDate: '2021年6月8日（火）' }],
  ['wrong weekday', { ...plainBase, onsetDate: '2021年6月8日（水）' }],
  ['1899-12-31', { ...plainBase, birthDate: '1899-12-31' }],
  // Issue 20: a month and day with no year is date.no_year (the year is never guessed), one in no year date.invalid.
  ['dates with no year', {
    ...plainBase, onsetDate: '6/1', infectionDate: '5月28日', firstVisitDate: '２／２９', reportDate: '6月10日（木）',
    entryDate: '2月30日', departureDate: '13/40',
  }],
  ['half-width katakana status', { ...plainBase, status: '入院･療養等調整中' }],
  ['Japanese nationality spellings', { ...plainBase, nationality: '日本国籍', passportNumber: 'L898902C3' }],
  // Blank and null values.
  ['all blank', { status: '　', placeCategory: ' ', passportNumber: '', entryDate: null }],
  ['empty record', {}],
  ['realistic', REALISTIC],
  ['defective', DEFECTIVE],
]);
