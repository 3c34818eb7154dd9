// The options are checked in one place (js/wire/options.js) for every
// function that takes them, and the module reads them only as the wire
// encodes them (issue 23 point 4): validate(), validateField(), rules(),
// parseDate() and the auditor give the same error, of the same class, for
// the same bad options, name the option and what it takes, never the value,
// and stay usable after hostile objects (getters that throw, Proxies).
import test from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../../js/index.js';
import { auditRules, createAuditor, initAudit } from '../../js/audit.js';
import { layoutOf } from '../../js/wire/layout.js';
import { createOptionReader } from '../../js/wire/options.js';

await api.init();
await initAudit();

const SECRET = 'SECRETVALUE';
const throwing = (target, trap) =>
  new Proxy(target, {
    [trap]: () => {
      throw new Error(SECRET);
    },
  });
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

/** Every path that takes options, each given `options`: what it throws (or 'no error'). */
const PATHS = {
  validate: (options) => api.validate({ status: '入院中' }, options),
  validateField: (options) => api.validateField('status', { status: '入院中' }, options),
  rules: (options) => api.rules(options),
  parseDate: (options) => api.parseDate('R3.6.3', options),
  createAuditor: (options) => createAuditor({}, options).free(),
};

function thrown(call) {
  try {
    call();
  } catch (error) {
    return { name: error.constructor.name, message: error.message };
  }
  return 'no error';
}

// [what, options, the message every path gives]
const BAD = [
  ['lang', { lang: 'fr' }, "options.lang must be 'ja' or 'en'"],
  ['lang of another type', { lang: 1 }, "options.lang must be 'ja' or 'en'"],
  ['today not a date', { today: `${SECRET}` }, "options.today must be a date such as '2021-06-03'"],
  ['today not a string', { today: 20210603 }, 'options.today must be a string, not a number'],
  ['today too long', { today: '2'.repeat(10_001) }, 'options.today is longer than 10000 characters'],
  ['today with a lone surrogate', { today: '2021-06-03\uD800' }, 'options.today contains a lone surrogate (invalid UTF-16)'],
  ['counting', { counting: SECRET }, "options.counting must be 'entryDayIsDayOne' or 'dayAfterEntryIsDayOne'"],
  ['window 0', { passportWindowDays: 0 }, 'options.passportWindowDays must be a whole number from 1 to 366'],
  ['window 1.5', { passportWindowDays: 1.5 }, 'options.passportWindowDays must be a whole number from 1 to 366'],
  ['window as text', { passportWindowDays: '28' }, 'options.passportWindowDays must be a whole number from 1 to 366'],
  ['strict', { strict: 'yes' }, 'options.strict must be a boolean, not a string'],
  ['unknown option', { colour: SECRET }, "unknown option 'colour'; options are lang, today, passportWindowDays, counting, vocabulary, strict"],
  ['an array', [], 'options must be a plain object, not an array'],
  ['a string', SECRET, 'options must be a plain object, not a string'],
  ['a class instance', new (class Options {})(), 'options must be a plain object, not a class instance'],
  ['a Map', new Map([['lang', 'en']]), 'options must be a plain object, not a class instance'],
  ['a Date', new Date(), 'options must be a plain object, not a Date'],
  ['a getter that throws', { get lang() { throw new Error(SECRET); } }, 'options.lang could not be read (a getter or a Proxy threw)'],
  ['an ownKeys trap that throws', throwing({}, 'ownKeys'), 'options could not be read (a getter or a Proxy threw)'],
  ['a get trap that throws', throwing({ lang: 'ja' }, 'get'), 'options.lang could not be read (a getter or a Proxy threw)'],
  ['a revoked Proxy', revoked(), 'options could not be read (a getter or a Proxy threw)'],
  ['vocabulary not an object', { vocabulary: [SECRET] }, 'options.vocabulary must be a plain object, not an array'],
  ['an unknown list', { vocabulary: { colour: [SECRET] } }, "options.vocabulary has an unknown list 'colour'; defaultVocabulary() shows the lists"],
  ['a list not an array', { vocabulary: { status: SECRET } }, 'options.vocabulary.status must be an array of strings, not a string'],
  ['a list that is a revoked Proxy', { vocabulary: { status: revoked() } }, 'options.vocabulary.status could not be read (a getter or a Proxy threw)'],
  [
    'a list whose length is huge and whose entries throw',
    { vocabulary: { status: new Proxy([], { get: (t, k) => { if (k === 'length') return 1e9; throw new Error(SECRET); } }) } },
    'options.vocabulary.status has more than 1000 entries',
  ],
  [
    'a list whose entries throw',
    { vocabulary: { status: new Proxy(['a'], { get: (t, k) => { if (k === 'length') return 1; throw new Error(SECRET); } }) } },
    'options.vocabulary.status[0] could not be read (a getter or a Proxy threw)',
  ],
  ['an entry not a string', { vocabulary: { status: ['入院中', 7] } }, 'options.vocabulary.status[1] must be a string, not a number'],
  ['an entry too long', { vocabulary: { status: ['x'.repeat(201)] } }, 'options.vocabulary.status[0] is longer than 200 characters'],
  ['an entry with a lone surrogate', { vocabulary: { status: ['入院中', 'a\uDC00'] } }, 'an entry of options.vocabulary contains a lone surrogate (invalid UTF-16)'],
  [
    'lists too long in all',
    { vocabulary: Object.fromEntries(['status', 'sex', 'deathPlace', 'placeCategory'].map((key) => [key, Array.from({ length: 200 }, () => 'x'.repeat(200))])) },
    'options.vocabulary has more than 100000 characters in all',
  ],
];

for (const [what, options, message] of BAD) {
  test(`${what}: the same error from every path`, () => {
    const errors = Object.fromEntries(Object.entries(PATHS).map(([name, call]) => [name, thrown(() => call(options))]));
    const first = errors.validate;
    assert.notEqual(first, 'no error', 'validate() must refuse it');
    assert.equal(first.message, message);
    assert.ok(first.name === 'TypeError' || first.name === 'RangeError', first.name);
    for (const [name, error] of Object.entries(errors)) assert.deepEqual(error, first, name);
    assert.ok(!first.message.includes(SECRET), first.message);
  });
}

test('after every bad option, every path still answers right', () => {
  const good = { today: '2021-07-31', lang: 'en' };
  assert.equal(api.parseDate('R3.6.3', good).value, '2021-06-03');
  assert.deepEqual(
    api.validate({ status: '' }, good).issues.map((i) => i.code).filter((c) => c === 'status.required'),
    ['status.required'],
  );
  const auditor = createAuditor({}, good);
  auditor.push(new TextEncoder().encode('診断年月日,現在のステータス,場所区分\n2021-06-30,,場所種別不明\n'));
  const { failing } = auditor.finish();
  auditor.free();
  assert.deepEqual(failing[0].issues.map((i) => i.code), ['status.required']);
  assert.match(failing[0].issues[0].message, /^[\x20-\x7e]+$/, 'in English, as lang asked');
});

test('good options mean the same on every path, and each call has its own', () => {
  const rule = (table) => table.find((r) => r.code === 'passport.required').en;
  const two = { passportWindowDays: 14, counting: 'dayAfterEntryIsDayOne' };
  assert.notEqual(rule(api.rules(two)), rule(api.rules()));
  // A call without options never reads the options of the call before it.
  assert.equal(rule(api.rules()), rule(api.rules({})));
  assert.equal(rule(auditRules()), rule(api.rules()));
  assert.equal(api.parseDate('R1.4.30', { lang: 'en' }).message, api.parseDate('R1.4.30', { lang: 'en', strict: true }).message);
  assert.notEqual(api.parseDate('R1.4.30', { lang: 'en' }).message, api.parseDate('R1.4.30').message);

  // The auditor reads the window, the counting, the day and the lists as validate() does.
  const record = { entryDate: '2021-06-03', diagnosisDate: '2021-06-17', passportNumber: '', status: '療養中', placeCategory: '場所種別不明' };
  const csv = `入国日,診断年月日,パスポート番号,現在のステータス,場所区分\n${Object.values(record).join(',')}\n`;
  for (const options of [{ today: '2021-07-31' }, { today: '2021-07-31', ...two }, { today: '2021-07-31', vocabulary: { status: ['療養中'] } }]) {
    const auditor = createAuditor({}, options);
    auditor.push(new TextEncoder().encode(csv));
    const failing = auditor.finish().failing;
    auditor.free();
    const audited = (failing[0]?.issues ?? []).map((i) => i.code).sort();
    const validated = api
      .validate(record, options)
      .issues.filter((i) => i.severity !== 'info')
      .map((i) => i.code)
      .sort();
    assert.deepEqual(audited, validated, JSON.stringify(options));
  }
});

test('a getter is read once, and the options are read before the record', () => {
  let reads = 0;
  const options = {
    get lang() {
      reads += 1;
      return 'en';
    },
  };
  api.validate({}, options);
  api.rules(options);
  createAuditor({}, options).free();
  assert.equal(reads, 3);
  assert.throws(() => api.validate(SECRET, { lang: 'fr' }), { message: "options.lang must be 'ja' or 'en'" });
});

test('the reader needs no module: it follows the catalogue it is given', () => {
  const catalogue = {
    fields: [],
    vocabulary: { status: [], sex: [] },
    limits: { value: 20, vocabularyEntries: 2, vocabularyEntry: 5, vocabularyCharacters: 8, windowDays: [1, 10], defaultWindowDays: 7 },
    wire: { absent: 0xffff, noFix: 0xffffffff, wholeRecord: 0xffffffff, noDay: 0, countBits: 8, detailBits: 13, langs: ['ja', 'en'], countings: ['a', 'b'] },
  };
  const readOptions = createOptionReader(layoutOf(catalogue));
  assert.deepEqual(readOptions(undefined), { lang: 0, window: 7, counting: 0, today: undefined, lists: undefined, strict: false });
  assert.deepEqual(readOptions({ lang: 'en', counting: 'b', passportWindowDays: 10, vocabulary: { sex: ['x', 'yy'] }, today: 'R3.6.3', strict: true }), {
    lang: 1,
    window: 10,
    counting: 1,
    today: 'R3.6.3',
    lists: [undefined, ['x', 'yy']],
    strict: true,
  });
  assert.throws(() => readOptions({ passportWindowDays: 11 }), { message: 'options.passportWindowDays must be a whole number from 1 to 10' });
  assert.throws(() => readOptions({ counting: 'entryDayIsDayOne' }), { message: "options.counting must be 'a' or 'b'" });
  assert.throws(() => readOptions({ vocabulary: { status: ['a', 'b', 'c'] } }), { name: 'RangeError', message: 'options.vocabulary.status has more than 2 entries' });
  assert.throws(() => readOptions({ vocabulary: { status: ['abcde', 'abcd'] } }), { message: 'options.vocabulary has more than 8 characters in all' });
  assert.throws(() => readOptions({ vocabulary: { deathPlace: [] } }), { message: /unknown list 'deathPlace'/ });
  assert.throws(() => readOptions({ today: 'x'.repeat(21) }), { name: 'RangeError', message: 'options.today is longer than 20 characters' });
});
