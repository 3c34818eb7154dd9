// Hostile callers: every JS type, throwing and revoked Proxies, getters that
// throw or call back into the validator, arrays whose length changes between
// reads, prototype pollution. Each call must return an answer or throw a
// TypeError / RangeError / Error with a plain message that never repeats a
// value; never a WebAssembly.RuntimeError; and the module must give the right
// answer after each one.
//
// 10^5 fuzzed calls by default; HV_SLOW=1 runs 10^6 (the slow lane:
// `HV_SLOW=1 node --test tests/js/hostile.test.mjs`).
import test from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../../js/index.js';
import { rng } from '../../bench/records.js';

const CALLS = process.env.HV_SLOW === '1' ? 1_000_000 : 100_000;
const SECRET = 'SECRETVALUE';
const OPTIONS = { today: '2021-07-31' };
const REFERENCE = { entryDate: '2021-06-03', diagnosisDate: '2021-06-10', passportNumber: 'ＴＫ１２３４５６７', status: '' };


test('10^5 hostile calls (10^6 with HV_SLOW=1): no trap, plain errors, the right answer after each', async () => {
  await api.init();
  const fields = api.fields().map((f) => f.key);
  const lists = Object.keys(api.defaultVocabulary());
  const expected = JSON.stringify(api.validate(REFERENCE, OPTIONS));
  const random = rng(20211);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const int = (n) => Math.floor(random() * n);

  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  const throwing = (target, trap) => new Proxy(target, { [trap]: () => { throw new Error(SECRET); } });
  /** An array whose length grows at every read. */
  const growing = () => {
    let length = 1;
    return new Proxy(['死亡'], { get: (t, k) => (k === 'length' ? length++ * 1000 : k in t ? t[k] : SECRET) });
  };
  const reentrant = () => ({
    get status() {
      api.validate(REFERENCE, OPTIONS);
      return '死亡';
    },
  });

  const values = [
    () => '',
    () => SECRET,
    () => `ＴＫ${SECRET}`,
    () => '2021-06-03',
    () => '\ud800' + SECRET,
    () => SECRET + '\udfff',
    () => '😀' + SECRET,
    () => 'x'.repeat(10_001),
    () => 'y'.repeat(10_000),
    () => 41,
    () => -0,
    () => 1.5e-7,
    () => 1e21,
    () => NaN,
    () => Infinity,
    () => 20210603,
    () => 12n,
    () => 10n ** 10_001n,
    () => true,
    () => Symbol(SECRET),
    () => () => SECRET,
    () => null,
    () => undefined,
    () => new Date(2021, 5, 3),
    () => new Date(NaN),
    () => new Date(8.64e15),
    () => ({ toString: () => SECRET }),
    () => [SECRET],
    () => new String(SECRET),
    () => new Map([[SECRET, SECRET]]),
    () => revoked(),
    () => throwing({}, 'get'),
    () => throwing(new Date(), 'get'),
  ];
  const value = () => pick(values)();

  const records = [
    () => Object.fromEntries(Array.from({ length: int(6) }, () => [pick(fields), value()])),
    () => ({ [pick(fields)]: value(), [`${SECRET.toLowerCase()}Key`]: value() }),
    () => Object.assign(Object.create(null), { [pick(fields)]: value() }),
    () => Object.defineProperty({}, pick(fields), { enumerable: true, get: () => { throw new Error(SECRET); } }),
    () => Object.defineProperty({ status: '死亡' }, pick(fields), { enumerable: false, value: SECRET }),
    () => throwing({ status: '死亡' }, 'ownKeys'),
    () => throwing({ status: '死亡' }, 'get'),
    () => throwing({ status: '死亡' }, 'getOwnPropertyDescriptor'),
    () => throwing({ status: '死亡' }, 'getPrototypeOf'),
    () => new Proxy({}, { ownKeys: () => ['status', 'status'] }),
    () => new Proxy({}, { ownKeys: () => [pick(fields)], getOwnPropertyDescriptor: () => ({ value: SECRET, enumerable: true, configurable: true }) }),
    () => revoked(),
    () => reentrant(),
    () => [SECRET],
    () => new Map(),
    () => new (class Case {})(),
    () => new Date(),
    () => SECRET,
    () => 42,
    () => null,
    () => undefined,
    () => Symbol(SECRET),
    () => () => SECRET,
  ];

  const vocabularies = [
    () => ({ [pick(lists)]: ['療養中', '死亡'] }),
    () => ({ [pick(lists)]: growing() }),
    () => ({ [pick(lists)]: throwing(['死亡'], 'get') }),
    () => ({ [pick(lists)]: revoked() }),
    () => ({ [pick(lists)]: Array.from({ length: 1001 }, () => 'a') }),
    () => ({ [pick(lists)]: ['a'.repeat(201)] }),
    () => Object.fromEntries(lists.map((key) => [key, Array.from({ length: 1000 }, (_, i) => `${'b'.repeat(10)}${i}`)])),
    () => ({ [pick(lists)]: [value()] }),
    () => ({ [pick(lists)]: value() }),
    () => ({ unknownList: [] }),
    () => value(),
  ];
  const options = [
    () => undefined,
    () => OPTIONS,
    () => ({ ...OPTIONS, lang: pick(['ja', 'en', 'fr', 1, null]) }),
    () => ({ ...OPTIONS, today: value() }),
    () => ({ ...OPTIONS, passportWindowDays: pick([28, 0, 367, 2.5, NaN, '28', 1n]) }),
    () => ({ ...OPTIONS, counting: pick(['entryDayIsDayOne', 'weekly', 0]) }),
    () => ({ ...OPTIONS, strict: pick([true, false, 1, 'yes']) }),
    () => ({ ...OPTIONS, vocabulary: pick(vocabularies)() }),
    () => ({ ...OPTIONS, colour: SECRET }),
    () => throwing(OPTIONS, 'ownKeys'),
    () => throwing({ ...OPTIONS }, 'get'),
    () => revoked(),
    () => value(),
  ];

  const calls = [
    () => api.validate(pick(records)(), pick(options)()),
    () => api.validateField(random() < 0.8 ? pick(fields) : value(), pick(records)(), pick(options)()),
    () => api.parseDate(value(), pick(options)()),
    () => api.normalizePassport(value()),
    () => api.icaoCheckDigit(value()),
    () => api.lookupField(value()),
    () => api.rules(pick(options)()),
  ];

  let answered = 0;
  let refused = 0;
  for (let i = 0; i < CALLS; i++) {
    const call = pick(calls);
    try {
      const result = call();
      if (result !== undefined) JSON.stringify(result, (k, v) => (typeof v === 'bigint' ? String(v) : v));
      answered++;
    } catch (error) {
      refused++;
      if (error instanceof WebAssembly.RuntimeError || !(error instanceof Error)) {
        assert.fail(`call ${i} trapped or threw a non-Error: ${error}`);
      }
      assert.ok(
        error.constructor === TypeError || error.constructor === RangeError || error.constructor === Error,
        `call ${i}: ${error.constructor.name}: ${error.message}`,
      );
      assert.ok(!error.message.includes(SECRET), `call ${i} echoed a value: ${error.message}`);
    }
    // The right answer after each call.
    const after = JSON.stringify(api.validate(REFERENCE, OPTIONS));
    if (after !== expected) assert.fail(`wrong answer after call ${i}: ${after}`);
  }
  assert.ok(answered > CALLS / 10 && refused > CALLS / 10, `answered ${answered}, refused ${refused}`);
});
