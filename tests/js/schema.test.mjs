// createSchema(): the Standard Schema v1 object over validate(). Its
// validate never throws, fails only on errors, passes the form's other keys
// through, and answers with a Promise only until the module is loaded.
// Run: node scripts/build.mjs && node --test tests/js/schema.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import { createSchema, fields, init, validate } from '../../js/index.js';

const TODAY = '2021-07-31';
const PASSPORT_CASE = { entryDate: '2021-06-03', diagnosisDate: '2021-06-10', status: '入院中', placeCategory: '職場' };

/** A result that follows the spec: `{ value }` or `{ issues: [{ message, path? }] }` with a non-empty list. */
function assertResultShape(result, label) {
  assert.ok(result && typeof result === 'object', `${label}: the result is an object`);
  assert.ok(!(result instanceof Promise), `${label}: synchronous once loaded`);
  if (result.issues === undefined) {
    assert.ok('value' in result, `${label}: success has a value`);
    return;
  }
  assert.ok(Array.isArray(result.issues) && result.issues.length > 0, `${label}: failure has issues`);
  for (const issue of result.issues) {
    assert.equal(typeof issue.message, 'string', `${label}: message is a string`);
    assert.ok(issue.message.length > 0);
    if (issue.path !== undefined) {
      assert.ok(Array.isArray(issue.path) && issue.path.length === 1 && typeof issue.path[0] === 'string', `${label}: path is [key]`);
    }
  }
}

// First: nothing has loaded the module yet in this process.
test('before init() has resolved, validate starts loading and returns a Promise; then it is synchronous', async () => {
  const schema = createSchema({ lang: 'en', today: TODAY });
  assert.throws(() => fields(), /before init\(\) resolved/, 'the module is not loaded yet');
  const pending = schema['~standard'].validate({ ...PASSPORT_CASE, patientName: '山田' });
  assert.ok(pending instanceof Promise);
  const result = await pending;
  assert.deepEqual(result.issues.map((i) => i.path), [['passportNumber']]);
  assert.doesNotThrow(() => fields(), 'validate() loaded the module itself');
  const again = schema['~standard'].validate({ ...PASSPORT_CASE, passportNumber: 'TK1234567' });
  assert.ok(!(again instanceof Promise));
  assert.equal(again.issues, undefined);
  // A schema made after loading is synchronous from its first call.
  assert.ok(!(createSchema()['~standard'].validate({}) instanceof Promise));
  await init(); // idempotent: the same module
});

test('the object is a Standard Schema v1 of vendor hersys-validator', () => {
  const standard = createSchema()['~standard'];
  assert.equal(standard.version, 1);
  assert.equal(standard.vendor, 'hersys-validator');
  assert.equal(typeof standard.validate, 'function');
});

test('every error of validate() becomes { message, path: [field] } in options.lang; warnings and notes do not fail', () => {
  const record = { ...PASSPORT_CASE, entryDate: '令和3年6月3日', passportNumber: 'ＴＫ１２３４５６７', status: '', deathPlace: '自宅' };
  for (const lang of ['ja', 'en']) {
    const core = validate(record, { lang, today: TODAY });
    const errors = core.issues.filter((i) => i.severity === 'error');
    assert.ok(errors.length >= 2 && core.issues.some((i) => i.severity !== 'error'), 'the case mixes severities');
    const result = createSchema({ lang, today: TODAY })['~standard'].validate(record);
    assert.deepEqual(result.issues, errors.map((i) => ({ message: i.message, path: [i.field] })));
  }
  const en = createSchema({ lang: 'en', today: TODAY })['~standard'].validate(record);
  assert.match(en.issues.find((i) => i.path[0] === 'passportNumber').message, /half-width/i);
  const ja = createSchema({ today: TODAY })['~standard'].validate(record);
  assert.match(ja.issues.find((i) => i.path[0] === 'passportNumber').message, /半角/);
});

test('on success the value is the input with field values normalized and the other keys untouched', () => {
  const attachments = { consent: true, files: ['a.pdf'] };
  const input = {
    ...PASSPORT_CASE,
    entryDate: '令和3年6月3日', // date.canonical (info)
    passportNumber: 'tk-1234567', // passport.normalize (warning)
    patientName: '山田 花子',
    attachments,
    [Symbol.for('form')]: 'kept',
  };
  const before = structuredClone(Object.fromEntries(Object.entries(input)));
  const result = createSchema({ today: TODAY })['~standard'].validate(input);
  assert.equal(result.issues, undefined, JSON.stringify(result.issues));
  assert.equal(result.value.entryDate, '2021-06-03');
  assert.equal(result.value.passportNumber, 'TK1234567');
  assert.equal(result.value.patientName, '山田 花子');
  assert.equal(result.value.attachments, attachments, 'the same object, not a copy');
  assert.equal(result.value[Symbol.for('form')], 'kept');
  assert.deepEqual(Object.keys(result.value).sort(), Object.keys(input).sort(), 'no key added or lost');
  assert.notEqual(result.value, input, 'a new object');
  assert.deepEqual(Object.fromEntries(Object.entries(input)), before, 'the input is not changed');
});

test('numbers are read as decimal text, Dates in date fields as the local date, NaN and null as empty', () => {
  const schema = createSchema({ today: TODAY, lang: 'en' })['~standard'];
  const diagnosis = new Date(2021, 5, 10); // local 2021-06-10
  const ok = schema.validate({ ...PASSPORT_CASE, passportNumber: 'TK1234567', age: 41, birthDate: '1980-01-15', diagnosisDate: diagnosis, country: null, occupation: undefined, severity: Number.NaN });
  assert.equal(ok.issues, undefined, JSON.stringify(ok.issues));
  assert.equal(ok.value.age, 41, 'a number keeps its type when its text is already normal');
  assert.equal(ok.value.diagnosisDate, diagnosis, 'a Date keeps its type');
  const wrongAge = schema.validate({ ...PASSPORT_CASE, passportNumber: 'TK1234567', age: 42, birthDate: '1980-01-15' });
  assert.deepEqual(wrongAge.issues.map((i) => i.path), [['age']]);
  const late = schema.validate({ ...PASSPORT_CASE, diagnosisDate: new Date(2021, 6, 20) }); // 47 days after entry: no passport needed
  assert.equal(late.issues, undefined, JSON.stringify(late.issues));
  const badDate = schema.validate({ ...PASSPORT_CASE, passportNumber: 'TK1234567', entryDate: new Date(Number.NaN) });
  assert.deepEqual(badDate.issues.map((i) => i.path), [['entryDate']]);
  assert.match(badDate.issues[0].message, /Date of entry|entry/i);
  const dateInText = schema.validate({ ...PASSPORT_CASE, passportNumber: 'TK1234567', placeName: new Date() });
  assert.deepEqual(dateInText.issues.map((i) => i.path), [['placeName']]);
});

test('a value of another type is an issue on its own field, and the other fields are still checked', () => {
  const schema = createSchema({ today: TODAY, lang: 'en' })['~standard'];
  for (const odd of [{ nested: 'x' }, ['TK1234567'], true, Symbol('s'), () => 'TK1234567', new Map(), new Uint8Array(3)]) {
    const result = schema.validate({ ...PASSPORT_CASE, passportNumber: odd, status: '' });
    assertResultShape(result, String(typeof odd));
    const paths = result.issues.map((i) => i.path[0]).sort();
    assert.deepEqual(paths, ['passportNumber', 'status'], `${typeof odd}: ${JSON.stringify(result.issues)}`);
  }
});

test('values the core refuses (a lone surrogate, an over-long text) become issues on their field; no value is repeated', () => {
  const schema = createSchema({ today: TODAY, lang: 'en' })['~standard'];
  const secret = 'ZZ9876543';
  const result = schema.validate({ ...PASSPORT_CASE, passportNumber: `${secret}\ud800`, placeName: 'あ'.repeat(10_001), status: '' });
  assert.deepEqual(result.issues.map((i) => i.path[0]).sort(), ['passportNumber', 'placeName', 'status']);
  for (const issue of result.issues) assert.ok(!issue.message.includes(secret) && !issue.message.includes('ああ'), issue.message);
  // The module keeps working.
  assert.equal(schema.validate({ ...PASSPORT_CASE, passportNumber: secret }).issues, undefined);
});

test('validate never throws: whatever it is given, it answers with issues or a value', () => {
  const schema = createSchema({ today: TODAY })['~standard'];
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const strange = [
    null, undefined, 0, -1, Number.NaN, 'TK1234567', '', true, 10n, Symbol('x'), () => {}, [], [PASSPORT_CASE],
    new Date(), new Map([['status', '入院中']]), Object.create(null), revoked.proxy,
    new Proxy({}, { ownKeys() { throw new Error('trap'); } }),
    new Proxy({ status: '入院中' }, { get() { throw new Error('trap'); } }),
    new Proxy(PASSPORT_CASE, {}),
    Object.defineProperty({}, 'status', { enumerable: true, get() { throw new Error('getter'); } }),
    { toString() { throw new Error('toString'); }, valueOf() { throw new Error('valueOf'); } },
    { status: { toString() { throw new Error('toString'); } } },
    { passportNumber: 'x'.repeat(1_000_000) },
    { ['__proto__']: { status: '死亡' } },
    JSON.parse('{"__proto__": {"status": "入院中"}, "status": "入院中"}'),
  ];
  for (const [i, value] of strange.entries()) {
    let result;
    assert.doesNotThrow(() => {
      result = schema.validate(value);
    }, `value #${i}`);
    assertResultShape(result, `value #${i}`);
  }
  const notObject = schema.validate(null);
  assert.equal(notObject.issues.length, 1);
  assert.equal(notObject.issues[0].path, undefined);
  assert.equal(schema.validate({ ...PASSPORT_CASE, passportNumber: 'TK1234567' }).issues, undefined, 'still working');
});

test('random form values: never a throw, and the schema fails exactly when validate() reports an error', () => {
  let seed = 0x2021_0603;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const keys = fields().map((f) => f.key);
  const texts = ['', ' ', '2021-06-03', '令和3年6月10日', 'R3.6.3', '2021-02-30', '死亡', '入院中', '自宅', '場所種別不明', '職場',
    'TK1234567', 'ＴＫ１２３４５６７', 'tk 123', '41', '3か月', '日本', 'Japan', '国外', '男', '\u0000', '🙂', 'x'.repeat(300)];
  const odd = [41, 0, -3, 1.5, Number.NaN, Infinity, null, undefined, new Date(2021, 5, 3), {}, [], true];
  const schema = createSchema({ today: TODAY, lang: 'en' })['~standard'];
  for (let n = 0; n < 1500; n++) {
    const value = {};
    const stringsOnly = random() < 0.6;
    for (const key of keys) if (random() < 0.35) value[key] = stringsOnly || random() < 0.6 ? pick(texts) : pick(odd);
    if (random() < 0.5) value[pick(['patientName', 'memo', 'ok', 'status2'])] = pick([...texts, ...odd]);
    let result;
    assert.doesNotThrow(() => {
      result = schema.validate(value);
    }, JSON.stringify(value));
    assertResultShape(result, `case ${n}`);
    if (!stringsOnly) continue;
    const record = Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k)));
    const errors = validate(record, { today: TODAY, lang: 'en' }).issues.filter((i) => i.severity === 'error');
    assert.deepEqual(result.issues ?? [], errors.map((i) => ({ message: i.message, path: [i.field] })), `case ${n}`);
  }
});

test('options: a wrong option is an issue from validate, a wrong options argument a TypeError from createSchema', () => {
  const result = createSchema({ lang: 'fr' })['~standard'].validate(PASSPORT_CASE);
  assertResultShape(result, 'lang fr');
  assert.match(result.issues[0].message, /^hersys-validator: .*lang/);
  assert.throws(() => createSchema(null), TypeError);
  assert.throws(() => createSchema('en'), TypeError);
  // The options are read once: changing the object later does not change the schema.
  const options = { lang: 'en', today: TODAY };
  const schema = createSchema(options);
  options.lang = 'ja';
  assert.match(schema['~standard'].validate({ ...PASSPORT_CASE }).issues[0].message, /[A-Za-z]{5}/);
});
