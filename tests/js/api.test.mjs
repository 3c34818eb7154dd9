// The public JS API in Node: loading, shapes, bad input, and two independent
// oracles (NFKC for half-width passports, Intl's Japanese calendar for 和暦).
import test from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../../js/index.js';

const options = { today: '2021-07-31' };

test('every function throws a clear Error before init, and init is idempotent', async () => {
  assert.throws(() => api.validate({}), /call `await init\(\)` first/);
  assert.throws(() => api.fields(), /fields\(\) was called before init\(\) resolved/);
  const first = api.init();
  assert.equal(api.init(), first);
  await first;
  await api.init();
  assert.equal(api.fields().length, 23);
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
    assert.equal(api.validate({ status: '入院中' }, options).issues.length, 1);
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
  assert.equal(api.parseDate('21/6/3', { lang: 'en' }).message, 'Not a date (use a 4-digit year or a Japanese era)');
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
