// The public JS API in Node: loading, shapes, bad input, and two independent
// oracles (NFKC for half-width passports, Intl's Japanese calendar for 和暦).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as api from '../../js/index.js';

const options = { today: '2021-07-31' };

test('every function throws a clear Error before init, and init is idempotent', async () => {
  assert.throws(() => api.validate({}), /call `await init\(\)` first/);
  assert.throws(() => api.fields(), /fields\(\) was called before init\(\) resolved/);
  const first = api.init();
  assert.equal(api.init(), first);
  await first;
  await api.init();
  // Every field of the catalogue the module ships (src/wire_catalogue.json, generated from Rust).
  const shipped = JSON.parse(fs.readFileSync(new URL('../../src/wire_catalogue.json', import.meta.url), 'utf8'));
  assert.deepEqual(api.fields().map((f) => f.key), shipped.fields.map((f) => f.key));
});

test('validate returns ok, issues and the normalized record', async () => {
  await api.init();
  const report = api.validate(
    { entryDate: '令和3年6月3日', diagnosisDate: '2021-06-30', status: '死亡', placeCategory: '' },
    options,
  );
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.issues.map((i) => [i.code, i.field, i.severity]),
    [
      ['death.date_required', 'deathDate', 'error'],
      ['death.place_required', 'deathPlace', 'error'],
      ['date.canonical', 'entryDate', 'info'],
      ['passport.required', 'passportNumber', 'error'],
      ['place.category_required', 'placeCategory', 'error'],
    ],
  );
  assert.deepEqual(report.normalized, {
    entryDate: '2021-06-03',
    diagnosisDate: '2021-06-30',
    status: '死亡',
    placeCategory: '場所種別不明',
  });
  // Plain JSON: nothing is lost in a round trip.
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  for (const issue of report.issues) {
    assert.deepEqual(Object.keys(issue).filter((k) => issue[k] === undefined), []);
  }
});

test('a valid record is ok', async () => {
  await api.init();
  const report = api.validate(
    {
      status: '入院中',
      placeCategory: '場所種別不明',
      entryDate: '2021-06-03',
      diagnosisDate: '2021-06-30',
      passportNumber: 'TK1234567',
      nationality: '日本',
    },
    options,
  );
  assert.equal(report.ok, true, JSON.stringify(report.issues));
  assert.deepEqual(report.issues, []);
});

test('the 28-day window: d = 27 required, d = 28 warns, d = 29 quiet', async () => {
  await api.init();
  const codeFor = (diagnosisDate) =>
    api.validateField('passportNumber', { entryDate: '2021-06-03', diagnosisDate }, options).map((i) => i.code);
  assert.deepEqual(codeFor('2021-06-30'), ['passport.required']);
  assert.deepEqual(codeFor('2021-07-01'), ['passport.boundary_day']);
  assert.deepEqual(codeFor('2021-07-02'), []);
  assert.deepEqual(
    api
      .validateField('passportNumber', { entryDate: '2021-06-03', diagnosisDate: '2021-07-01' }, {
        ...options,
        counting: 'dayAfterEntryIsDayOne',
      })
      .map((i) => i.code),
    ['passport.required'],
  );
});

test('English messages never repeat what was typed', async () => {
  await api.init();
  const typed = { passportNumber: 'ｓｅｃｒｅｔ１２３', status: 'secret-status', placeName: 'secret place', placeCategory: '場所種別不明' };
  for (const lang of ['ja', 'en']) {
    for (const issue of api.validate(typed, { ...options, lang }).issues) {
      assert.doesNotMatch(issue.message, /secret|ｓｅｃｒｅｔ/i);
    }
  }
  const [issue] = api.validateField('status', {}, { ...options, lang: 'en' });
  assert.equal(issue.message, 'Choose the current status.');
});

test('bad input throws a plain Error and the module keeps working', async () => {
  await api.init();
  const bad = [
    [() => api.validate(null), /record must be a plain object, not null/],
    [() => api.validate([]), /not an array/],
    [() => api.validate('x'), /not a string/],
    [() => api.validate({ age: true }), /record\.age must be a string or a number, not a boolean/],
    [() => api.validate({ status: { toString: () => '死亡' } }), /record\.status must be a string or a number, not an object/],
    [() => api.validate({ unknownKey: 'x' }, { strict: true }), /not a field: 'unknownKey'/],
    [() => api.validate({ passportNumber: 'TK\ud800' }), /lone surrogate/],
    [() => api.validate({ placeName: 'x'.repeat(10 * 1024 * 1024) }), /longer than 10000 characters/],
    [() => api.validate({}, { lang: 'fr' }), /options\.lang must be 'ja' or 'en'/],
    [() => api.validate({}, { vocabulary: { status: [1] } }), /options\.vocabulary\.status\[0\] must be a string, not a number/],
    [() => api.validateField('nope', {}), /unknown field key/],
    [() => api.parseDate(20210603), /must be a string, not a number/],
    [() => api.normalizePassport(undefined), /must be a string, not undefined/],
  ];
  for (const [call, message] of bad) {
    assert.throws(call, (error) => error instanceof Error && message.test(error.message));
    assert.equal(api.validate({ status: '入院中', diagnosisDate: '2021-06-10' }, options).issues.length, 1);
  }
});

test('normalizePassport agrees with NFKC on full-width input', async () => {
  await api.init();
  const samples = ['ＴＫ１２３４５６７', 'ｔｋ１２３４５６７', 'ＭＺ９８７６５４３', 'Ｌ８９８９０２Ｃ３', 'ＡＢ０００００００'];
  for (const text of samples) {
    assert.equal(api.normalizePassport(text), text.normalize('NFKC').toUpperCase());
  }
  assert.equal(api.normalizePassport('ＴＫ－１２３ ー４５６７'), 'TK1234567');
  assert.equal(api.icaoCheckDigit('L898902C3'), 6);
  assert.equal(api.icaoCheckDigit('l898902c3'), undefined);
});

test('和暦 parsing agrees with Intl\'s Japanese calendar across the era edges', async () => {
  await api.init();
  const era = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const days = [];
  for (const [y, m, d] of [
    [1912, 7, 30], [1926, 12, 24], [1926, 12, 25], [1989, 1, 7], [1989, 1, 8],
    [2019, 4, 30], [2019, 5, 1], [2020, 2, 29], [2021, 6, 3], [1964, 10, 10],
  ]) {
    days.push(Date.UTC(y, m - 1, d));
  }
  for (let t = Date.UTC(1913, 0, 1); t < Date.UTC(2026, 0, 1); t += 97 * 86_400_000) days.push(t);
  for (const t of days) {
    const iso = new Date(t).toISOString().slice(0, 10);
    const wareki = era.format(new Date(t));
    assert.deepEqual(api.parseDate(wareki), { ok: true, value: iso }, `${wareki} → ${iso}`);
  }
  assert.equal(api.parseDate('令和元年4月30日').code, 'date.outside_era');
  assert.equal(api.parseDate('2021-02-29').code, 'date.impossible');
  assert.equal(
    api.parseDate('21/6/3', { lang: 'en' }).message,
    'The date cannot be read as a date: enter the year, month and day like 2021-06-03, 2021/6/3, 令和3年6月3日 or R3.6.3.',
  );
});

test('catalogue, vocabulary, rules and label lookup', async () => {
  await api.init();
  const passport = api.fields().find((f) => f.key === 'passportNumber');
  assert.deepEqual([passport.ja, passport.kind], ['パスポート番号（旅券番号）', 'passport']);
  const status = api.fields().find((f) => f.key === 'status');
  assert.equal(status.vocabulary, 'status');
  assert.ok(status.choices.includes('死亡'));
  assert.ok(api.defaultVocabulary().placeCategory.includes('場所種別不明'));
  const codes = api.rules().map((r) => r.code);
  for (const code of ['passport.required', 'status.required', 'place.category_required', 'death.place_required']) {
    assert.ok(codes.includes(code), code);
  }
  assert.equal(api.lookupField('パスポート番号(旅券番号)'), 'passportNumber');
  assert.equal(api.lookupField('ＰＡＳＳＰＯＲＴＮＵＭＢＥＲ'), 'passportNumber');
  assert.equal(api.lookupField('備考'), undefined);
});

// --- issue 9: the rules on the data clerks really type ---------------------------

const codesOf = (issues) => issues.map((i) => `${i.code}@${i.field}/${i.severity}`);
const base = { diagnosisDate: '2021-06-08', status: '入院中', placeCategory: '飲食店', placeName: '駅前の店' };

test('1. 場所種別不明 is the fix only when 場所名称 is empty', async () => {
  await api.init();
  const unknown = api.validate({ ...base, placeCategory: '', placeName: '' }, options);
  assert.equal(unknown.issues.find((i) => i.code === 'place.category_required').fix, '場所種別不明');
  assert.equal(unknown.normalized.placeCategory, '場所種別不明');
  const named = api.validate({ ...base, placeCategory: '' }, options);
  const issue = named.issues.find((i) => i.code === 'place.category_required');
  assert.equal(issue.severity, 'error');
  assert.equal('fix' in issue, false);
  assert.equal(named.normalized.placeCategory, '');
  assert.equal(named.ok, false);
  // The normalized record of a fixable record is clean.
  assert.deepEqual(api.validate(unknown.normalized, options).issues, []);
});

test('2. clause 1 is never silently off, and validateField reaches it from every field it reads', async () => {
  await api.init();
  assert.deepEqual(codesOf(api.validateField('diagnosisDate', { ...base, diagnosisDate: '' }, options)), [
    'diagnosis.required@diagnosisDate/error',
  ]);
  for (const [key, value] of [['infectionRegion', '国外'], ['departureDate', '2021-06-01'], ['country', 'フィリピン']]) {
    const record = { ...base, [key]: value };
    const expected = { code: 'entry.date_missing', field: 'entryDate', related: [key], severity: 'warning' };
    for (const from of [key, 'entryDate']) {
      const found = api.validateField(from, record, options).find((i) => i.code === 'entry.date_missing');
      assert.ok(found, `${key} from ${from}`);
      assert.deepEqual({ code: found.code, field: found.field, related: found.related, severity: found.severity }, expected);
    }
  }
});

test('3. a body needs the status 死亡', async () => {
  await api.init();
  const report = api.validate({ ...base, caseType: '感染症死亡疑い者の死体' }, options);
  assert.deepEqual(
    report.issues.filter((i) => i.code.startsWith('death.')).map((i) => `${i.code}@${i.field}/${i.severity}`),
    ['death.date_required@deathDate/error', 'death.body_without_status@status/error'],
  );
});

test('4. infant ages in months', async () => {
  await api.init();
  const infant = { ...base, birthDate: '2021-03-01' };
  for (const age of ['0', '3か月', '3ヶ月', '3カ月', '3ヵ月', '0歳3か月', '３か月']) {
    assert.deepEqual(api.validateField('age', { ...infant, age }, options), [], age);
  }
  const [mismatch] = api.validateField('age', { ...infant, age: '4か月' }, options);
  assert.deepEqual([mismatch.code, mismatch.fix], ['age.mismatch', '3か月']);
  const [adult] = api.validateField('age', { ...base, birthDate: '1980-06-03', age: '3か月' }, options);
  assert.deepEqual([adult.code, adult.fix], ['age.mismatch', '41']);
});

test('5. the boundary day only where some counting covers it', async () => {
  await api.init();
  const at = (diagnosisDate, counting) =>
    api.validateField('passportNumber', { entryDate: '2021-06-03', diagnosisDate }, { ...options, counting }).map((i) => i.code);
  assert.deepEqual(at('2021-06-30', 'entryDayIsDayOne'), ['passport.required']);
  assert.deepEqual(at('2021-07-01', 'entryDayIsDayOne'), ['passport.boundary_day']);
  assert.deepEqual(at('2021-07-02', 'entryDayIsDayOne'), []);
  assert.deepEqual(at('2021-06-30', 'dayAfterEntryIsDayOne'), ['passport.required']);
  assert.deepEqual(at('2021-07-01', 'dayAfterEntryIsDayOne'), ['passport.required']);
  assert.deepEqual(at('2021-07-02', 'dayAfterEntryIsDayOne'), []);
});

test('6. built-in lists warn, caller lists block, confirmed values always pass; ok is false only for errors', async () => {
  await api.init();
  const odd = { ...base, status: '療養中', sex: '不詳', facilityCategory: '保育園' };
  const builtIn = api.validate(odd, options);
  assert.equal(builtIn.ok, true);
  assert.deepEqual(codesOf(builtIn.issues).sort(), [
    'choice.unknown@sex/warning', 'facility.category_unknown@facilityCategory/warning', 'status.unknown@status/warning',
  ]);
  const lists = { status: ['入院中'], sex: ['男', '女'], facilityCategory: ['病院'], placeCategory: ['職場'], deathPlace: ['病院'] };
  const given = api.validate(odd, { ...options, vocabulary: lists });
  assert.equal(given.ok, false);
  assert.deepEqual(codesOf(given.issues).sort(), [
    'choice.not_in_list@sex/error', 'facility.category_not_in_list@facilityCategory/error',
    'place.category_not_in_list@placeCategory/error', 'status.not_in_list@status/error',
  ]);
  const confirmed = { ...base, status: '死亡', deathDate: '2021-06-08', deathPlace: '自宅', placeCategory: '場所種別不明', placeName: '' };
  assert.deepEqual(api.validate(confirmed, { ...options, vocabulary: lists }).issues, []);
  const table = Object.fromEntries(api.rules().map((r) => [r.code, r.severity]));
  assert.equal(table['status.unknown'], 'warning');
  assert.equal(table['status.not_in_list'], 'error');
});

test('7. option lists match by NFKC: every char of U+3000 and U+FF01–U+FFEE, and voiced marks', async () => {
  await api.init();
  const chars = ['\u3000'];
  for (let c = 0xff01; c <= 0xffee; c++) chars.push(String.fromCharCode(c));
  const samples = [...chars, ...chars.flatMap((c) => [c + 'ﾞ', c + 'ﾟ']), 'ｶﾞｿﾘﾝｽﾀﾝﾄﾞ', 'ﾊﾟﾁﾝｺ店', '入院･療養等調整中'];
  for (const typed of samples) {
    const entry = typed.normalize('NFKC');
    if (entry.trim() === '' || /^\s|\s$/.test(entry)) continue; // trimmed away on both sides
    if (['-', '?', 'ー'].includes(entry)) continue; // placeholder words: "not given" in 場所区分 (docs/rules.md §3)
    const issues = api
      .validateField('placeCategory', { placeCategory: typed, placeName: 'x' }, { ...options, vocabulary: { placeCategory: [entry] } })
      .filter((i) => i.field === 'placeCategory');
    // Listed; written otherwise, the fix is the list's own spelling.
    const expected = typed === entry ? [] : [{ code: 'choice.canonical', fix: entry }];
    assert.deepEqual(
      issues.map(({ code, fix }) => ({ code, fix })),
      expected,
      `U+${[...typed].map((c) => c.codePointAt(0).toString(16)).join(' U+')}`,
    );
  }
  assert.deepEqual(
    api.validateField('status', { status: '入院･療養等調整中' }, options).map(({ code, fix }) => [code, fix]),
    [['choice.canonical', '入院・療養等調整中']],
  );
});

test('8. dates with a weekday, a wrong weekday warns, nothing before 1900', async () => {
  await api.init();
  for (const text of ['2021年6月3日（木）', '2021/6/3(木)', '令和3年6月3日(木曜日)', '2021-06-03 (Thu)', '2021-06-03 Thursday']) {
    assert.deepEqual(api.parseDate(text), { ok: true, value: '2021-06-03' }, text);
  }
  const wrong = api.parseDate('2021年6月3日（金）', { lang: 'en' });
  assert.equal(wrong.ok, true);
  assert.equal(wrong.value, '2021-06-03');
  assert.equal(wrong.warning.code, 'date.weekday_mismatch');
  assert.match(wrong.warning.message, /weekday/);
  assert.deepEqual(
    codesOf(api.validateField('onsetDate', { onsetDate: '2021年6月3日（金）' }, options)),
    ['date.weekday_mismatch@onsetDate/warning'],
  );
  assert.equal(api.parseDate('1899-12-31').code, 'date.too_early');
  assert.equal(api.parseDate('0021-06-03').code, 'date.too_early');
  assert.deepEqual(api.parseDate('1900-01-01'), { ok: true, value: '1900-01-01' });
  assert.deepEqual(codesOf(api.validateField('birthDate', { birthDate: '1899-12-31' }, options)), ['date.too_early@birthDate/error']);
});

test('9. every spelling of Japan selects the Japanese passport format', async () => {
  await api.init();
  for (const nationality of ['日本', '日本国', '日本国籍', '日本人', 'Japan', 'japanese', 'ＪＡＰＡＮＥＳＥ', 'JPN', 'jp']) {
    const codes = api.validateField('nationality', { nationality, passportNumber: 'L898902C3' }, options).map((i) => i.code);
    assert.deepEqual(codes, ['passport.format'], nationality);
  }
});

test('10. messages and rule texts follow passportWindowDays; messages never repeat what was typed', async () => {
  await api.init();
  const window14 = { ...options, passportWindowDays: 14 };
  for (const lang of ['ja', 'en']) {
    for (const diagnosisDate of ['2021-06-10', '2021-06-17']) {
      const issues = api.validateField('passportNumber', { entryDate: '2021-06-03', diagnosisDate }, { ...window14, lang });
      assert.equal(issues.length, 1);
      assert.doesNotMatch(issues[0].message, /28/);
      assert.match(issues[0].message, /14/);
    }
  }
  for (const rule of api.rules({ passportWindowDays: 14 })) {
    assert.doesNotMatch(`${rule.ja} ${rule.en}`, /28|\{window\}/, rule.code);
  }
  assert.match(api.rules().find((r) => r.code === 'passport.required').ja, /28日以内/);
  const [boundary] = api.validateField('passportNumber', { entryDate: '2021-06-03', diagnosisDate: '2021-07-01' }, options);
  assert.match(boundary.message, /入国日から起算すると28日を過ぎて/);
  // The rule texts and messages follow the counting, in the notice's words.
  const required = (options_) => api.rules(options_).find((r) => r.code === 'passport.required');
  assert.match(required().ja, /入国日から起算して28日以内/);
  assert.match(required({ counting: 'dayAfterEntryIsDayOne' }).ja, /入国日の翌日から起算して28日以内/);
  assert.match(required({ counting: 'dayAfterEntryIsDayOne', lang: 'en' }).en, /day after entry/);
  const [afterEntry] = api.validateField('passportNumber', { entryDate: '2021-06-03', diagnosisDate: '2021-07-01' }, { ...options, counting: 'dayAfterEntryIsDayOne' });
  assert.equal(afterEntry.code, 'passport.required');
  assert.match(afterEntry.message, /入国日の翌日から起算して28日以内/);
  const typed = { ...base, age: '秘密か月', diagnosisDate: '2021年6月8日（秘）', country: '秘密国', nationality: '秘密' };
  for (const lang of ['ja', 'en']) {
    for (const issue of api.validate(typed, { ...options, lang, vocabulary: { status: ['秘密'] } }).issues) {
      assert.doesNotMatch(issue.message, /秘/);
    }
  }
});

test('11. rule sources cite the notice and docs/rules.md, which the package ships', async () => {
  await api.init();
  for (const rule of api.rules()) {
    assert.match(rule.source, /notice|docs\/rules\.md/, rule.code);
    assert.doesNotMatch(rule.source, /domain/, rule.code);
  }
});

test('ordinary form data: other keys ignored (strict restores the error), numbers, Dates, null, undefined and NaN', async () => {
  await api.init();
  const form = {
    patientName: '山田太郎', // a form's own field, not a 発生届 field
    age: 36,
    birthDate: new Date('1985-04-12T00:00:00+09:00'), // its calendar date in Japan, whatever the time zone
    diagnosisDate: new Date('2021-06-10T23:59:00+09:00'),
    entryDate: 20210603,
    status: '入院中',
    placeCategory: '場所種別不明',
    deathDate: null,
    deathPlace: undefined,
    passportNumber: 'TK1234567',
    nationality: '日本',
    severity: NaN, // what an empty <input type="number"> gives as valueAsNumber
  };
  const report = api.validate(form, options);
  assert.deepEqual(
    report.issues.map((i) => i.code),
    ['date.canonical'],
    JSON.stringify(report.issues),
  );
  assert.equal(report.normalized.age, '36');
  assert.equal(report.normalized.birthDate, '1985-04-12');
  assert.equal(report.normalized.diagnosisDate, '2021-06-10');
  assert.equal(report.normalized.entryDate, '2021-06-03');
  assert.equal('patientName' in report.normalized, false);
  assert.equal('deathDate' in report.normalized, false);
  assert.throws(() => api.validate(form, { ...options, strict: true }), /not a field: 'patientName'/);
  assert.deepEqual(api.validateField('age', { age: 36, birthDate: '1985-04-12', diagnosisDate: '2021-06-10' }, options), []);
  assert.deepEqual(api.validateField('age', { age: 35 }, options), []);
  assert.equal(api.validate({ age: 1e21 }, options).normalized.age, '1000000000000000000000');
  assert.equal(api.validate({ age: 1.5e-7 }, options).normalized.age, '0.00000015');
  assert.equal(api.validate({ age: 12n }, options).normalized.age, '12');
  assert.equal(api.validate({ diagnosisDate: new Date(NaN) }, options).issues[0].code, 'date.invalid');
});

test('objects, symbols and functions in a field throw a TypeError naming the key, never the value', async () => {
  await api.init();
  const cases = [
    [{ status: { value: 'SECRET' } }, /^record\.status must be a string or a number, not an object$/],
    [{ status: Symbol('SECRET') }, /^record\.status must be a string or a number, not a symbol$/],
    [{ status: () => 'SECRET' }, /^record\.status must be a string or a number, not a function$/],
    [{ status: ['SECRET'] }, /^record\.status must be a string or a number, not an array$/],
    [{ age: new Date() }, /^record\.age must be a string or a number, not a Date$/],
    [{ entryDate: { getTime: () => 0 } }, /^record\.entryDate must be a string, a number or a Date, not an object$/],
    [{ status: true }, /^record\.status must be a string or a number, not a boolean$/],
    [{ age: Infinity }, /^record\.age must be a finite number$/],
    [{ get status() { throw new Error('SECRET'); } }, /^record\.status could not be read/],
  ];
  for (const [record, message] of cases) {
    for (const call of [() => api.validate(record, options), () => api.validateField('status', record, options)]) {
      assert.throws(call, (error) => error instanceof TypeError && message.test(error.message) && !error.message.includes('SECRET'));
    }
  }
});

test('own properties only, and results no Object.prototype setter can intercept', async () => {
  await api.init();
  const seen = new Map(); // not an array: a setter on '0' would see its pushes
  const names = ['passportNumber', 'status', 'code', 'field', 'related', 'severity', 'message', 'fix', 'ok', 'issues', 'normalized', 'placeCategory', '0', 'value'];
  const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(Object.prototype, name)]);
  try {
    Object.prototype.passportNumber = 'ＴＫ１２３４５６７'; // inherited: never data
    for (const name of names.filter((n) => n !== 'passportNumber')) {
      Object.defineProperty(Object.prototype, name, { configurable: true, set(v) { seen.set(name, v); } });
    }
    const report = api.validate({ entryDate: '2021-06-03', diagnosisDate: '2021-06-10', status: '', placeCategory: '' }, options);
    assert.deepEqual(report.issues.map((i) => i.code), ['status.required', 'passport.required', 'place.category_required']);
    assert.deepEqual(Object.keys(report), ['ok', 'issues', 'normalized']);
    assert.equal(Object.getPrototypeOf(report), Object.prototype);
    assert.equal(Object.getPrototypeOf(report.normalized), Object.prototype);
    assert.ok(Object.hasOwn(report.normalized, 'placeCategory') && Object.hasOwn(report.normalized, 'status'));
    assert.equal(report.normalized.placeCategory, '場所種別不明');
    for (const issue of report.issues) {
      for (const key of ['code', 'field', 'related', 'severity', 'message']) assert.ok(Object.hasOwn(issue, key), key);
      assert.ok(Object.hasOwn(issue.related, 'length'));
    }
    assert.ok(Object.hasOwn(report.issues, '0'));
    assert.ok(Object.hasOwn(report.issues[2], 'fix'));
    // Plain objects for users: spread and JSON keep everything.
    assert.deepEqual({ ...report.issues[0] }, JSON.parse(JSON.stringify(report.issues[0])));
    assert.ok(Object.hasOwn(api.validateField('status', {}, options)[0], 'message'));
    assert.ok(Object.hasOwn(api.parseDate('令和元年4月30日'), 'code'));
    assert.ok(Object.hasOwn(api.fields()[0], 'ja'));
    assert.equal(seen.size, 0, [...seen.keys()].join());
    // rules() defines its elements too: an index setter sees none of them.
    const table = api.rules();
    assert.ok(Object.hasOwn(table, '0') && Object.hasOwn(table[0], 'code'));
    assert.equal(table.length, api.rules({ passportWindowDays: 14 }).length);
    assert.equal(seen.size, 0, [...seen.keys()].join());
  } finally {
    for (const [name, descriptor] of saved) {
      delete Object.prototype[name];
      if (descriptor) Object.defineProperty(Object.prototype, name, descriptor);
    }
  }
});

test('vocabulary caps: entries, characters per entry and in all, each length read once', async () => {
  await api.init();
  const lists = Object.keys(api.defaultVocabulary());
  // The largest vocabulary accepted: every list at its caps' share of 100,000 characters.
  const perList = Math.floor(100_000 / lists.length / 1000);
  const largest = Object.fromEntries(lists.map((key) => [key, Array.from({ length: 1000 }, (_, i) => `${i}`.padStart(perList, '選'))]));
  const record = Object.fromEntries(api.fields().map((f) => [f.key, 'x'.repeat(10_000)]));
  assert.ok(Array.isArray(api.validate(record, { ...options, vocabulary: largest }).issues));
  assert.throws(() => api.validate({}, { vocabulary: { status: Array.from({ length: 1001 }, () => '死亡') } }), /options\.vocabulary\.status has more than 1000 entries/);
  assert.throws(() => api.validate({}, { vocabulary: { status: ['死'.repeat(201)] } }), /options\.vocabulary\.status\[0\] is longer than 200 characters/);
  const tooMuch = Object.fromEntries(lists.map((key) => [key, Array.from({ length: 1000 }, () => 'y'.repeat(13))]));
  assert.throws(() => api.validate({}, { vocabulary: tooMuch }), /options\.vocabulary has more than 100000 characters in all/);
  let reads = 0;
  const list = new Proxy(['療養中', '死亡'], {
    get(target, key) {
      if (key === 'length') reads++;
      return target[key];
    },
  });
  assert.deepEqual(api.validateField('status', { status: '療養中' }, { ...options, vocabulary: { status: list } }), []);
  assert.equal(reads, 1);
});
