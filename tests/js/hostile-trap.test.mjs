// A trap inside the module must leave it usable: the wrapper replaces the
// instance (js/loader.js `recover`). The module's hidden __hvTrap() takes
// 64 KiB of its stack and traps, as a caller's exception unwinding through
// wasm frames would. Its own file: the traps break this process's instance on
// purpose.
import test from 'node:test';
import assert from 'node:assert/strict';
import initWasm, * as glue from '../../js/pkg/hersys_validator.js';
import { createLoader } from '../../js/loader.js';
import { createWire } from '../../js/wire.js';

const RECORD = { entryDate: '2021-06-03', diagnosisDate: '令和3年6月10日', passportNumber: 'ｔｋ１２３４５６７', status: '' };
const OPTIONS = { today: '2021-07-31', lang: 'en' };

let wire;
const loader = createLoader(initWasm, new URL('../../js/pkg/hersys_validator_bg.wasm', import.meta.url), {
  resetState: glue.__wbg_reset_state,
  onReady: () => (wire = createWire(glue, () => loader.reset())),
  onReset: () => wire.reset(),
});

test('traps through the wrapper re-instantiate the module, which keeps answering right', async () => {
  await loader.init();
  const expected = wire.validate(RECORD, OPTIONS);
  assert.ok(expected.issues.length >= 3);
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => {
      try {
        glue.__hvTrap();
      } catch (error) {
        loader.recover(error);
        throw error;
      }
    }, WebAssembly.RuntimeError);
    if (i % 50 === 0) assert.deepEqual(wire.validate(RECORD, OPTIONS), expected);
  }
  assert.equal(loader.resets(), 1000);
  assert.deepEqual(wire.validate(RECORD, OPTIONS), expected);
  assert.deepEqual(wire.validateField('passportNumber', RECORD, OPTIONS), expected.issues.filter((i) => i.field === 'passportNumber' || i.related.includes('passportNumber')));
});

test('traps the wrapper never saw break the instance; the next call through the wrapper repairs it', async () => {
  await loader.init();
  const expected = wire.validate(RECORD, OPTIONS);
  for (let i = 0; i < 40; i++) assert.throws(() => glue.__hvTrap(), WebAssembly.RuntimeError);
  // The leaked stack: this call fails (that is what the reset is for)…
  const before = loader.resets();
  assert.throws(() => wire.validate(RECORD, OPTIONS), WebAssembly.RuntimeError);
  assert.equal(loader.resets(), before + 1);
  // …and the module it left behind is a fresh one.
  assert.deepEqual(wire.validate(RECORD, OPTIONS), expected);
});
