// Issue 21, point 5: the module never lies. A stack overflow may land
// anywhere in a call: in the wrapper before the module is entered, in wasm,
// in the wrapper reading the answer, in the reset that follows a failed call
// (the glue's __wbg_reset_state, the wire's onReset), in its catch. Whatever
// it hit, the call either answers right or throws, and the next call answers
// right: never from the instance (or from views of its memory) that the
// failed call or the failed reset left behind.
//
// Each sweep fills the stack to within 8 bytes of every point where the call
// can overflow (one extra argument is one 8-byte slot), from "the first frame
// overflows" down to where the whole call and any reset it needs fit, and
// after each attempt checks, with the stack shallow again, that a known
// invalid record is reported invalid. The attempts alternate a valid record
// (an instance left behind would still hold its `ok: true`) and records whose
// messages are rendered by the module during the call.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../../js/index.js';
import * as glue from '../../js/pkg/hersys_validator.js';
import { createAuditor, initAudit } from '../../js/audit.js';

const OPTIONS = { today: '2021-07-31' };
const VALID = {
  status: '入院中',
  placeCategory: '場所種別不明',
  entryDate: '2021-06-03',
  diagnosisDate: '2021-06-30',
  passportNumber: 'TK1234567',
  nationality: '日本',
};
/** Invalid: the passport number is required (its message names the window, so it is rendered anew for each). */
const NO_PASSPORT = { status: '入院中', placeCategory: '場所種別不明', entryDate: '2021-06-03', diagnosisDate: '2021-06-10' };
/** Steps (8 bytes each) that must fit in a row before a sweep ends: well past the deepest point of a call and its reset. */
const FITTING_RUN = 1500;

/** Options whose passport message no earlier step has rendered (1464 different ones). */
function freshOptions(step) {
  return {
    ...OPTIONS,
    lang: step & 1 ? 'en' : 'ja',
    counting: step & 2 ? 'dayAfterEntryIsDayOne' : 'entryDayIsDayOne',
    passportWindowDays: 1 + ((step >> 2) % 366),
  };
}

/** The invalid record at shallow depth: `ok: false` with `status.required`, or the test fails. */
function assertInvalidIsInvalid(where) {
  const report = api.validate({}, OPTIONS);
  assert.equal(report.ok, false, `${where}: {} read as valid: ${JSON.stringify(report).slice(0, 200)}`);
  assert.ok(
    report.issues.some((issue) => issue.code === 'status.required'),
    `${where}: {} lost status.required: ${JSON.stringify(report).slice(0, 200)}`,
  );
  const field = api.validateField('status', {}, OPTIONS);
  assert.ok(field.some((issue) => issue.code === 'status.required'), `${where}: validateField('status', {}) lost status.required`);
}

/** What a call that ran out of stack may throw: the engine's RangeError, or the wrapper's clear errors. Never a trap. */
function assertPlainFailure(error, where) {
  assert.ok(!(error instanceof WebAssembly.RuntimeError), `${where}: a trap escaped: ${error}`);
  assert.ok(error instanceof Error, `${where}: not an Error: ${error}`);
  const plain =
    error instanceof RangeError ||
    (error instanceof TypeError && /could not be read/.test(error.message)) ||
    (error.constructor === Error && /^hersys-validator: /.test(error.message) && !/refused its input buffer/.test(error.message));
  assert.ok(plain, `${where}: ${error.constructor.name}: ${error.message}`);
}

// The stack filler: `pad` is called with k arguments, so each step of k is
// one 8-byte slot of stack; `attempt(step)` runs at the bottom. Every
// function here runs at shallow depth first: V8 wants 40 KiB of headroom to
// compile one, and a first call deep in the stack would fail at every depth
// alike.
let attempt = () => 0;
let attemptStep = 0;
function bottom() {
  return attempt(attemptStep);
}
function pad() {
  return bottom();
}
const slots = [];
for (let i = 0; i < 100; i++) Reflect.apply(pad, null, [i, i]);

/** The largest number of slots with which a trivial call still fits. */
function capacity() {
  attempt = () => 0;
  const fits = (k) => {
    slots.length = 0;
    for (let i = 0; i < k; i++) slots.push(0);
    try {
      Reflect.apply(pad, null, slots);
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = 1 << 21;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Runs `attempt(step)` at every depth, 8 bytes apart, from the one where it
 * overflows at once to where it has fitted FITTING_RUN times in a row, and
 * calls `after(outcome, step)` at shallow depth after each. Synchronous, so
 * that the stack's base stays where `capacity()` measured it.
 */
function sweep(call, after) {
  for (let i = 0; i < 300; i++) call(i);
  const top = capacity();
  slots.length = 0;
  for (let i = 0; i < top + 4; i++) slots.push(0);
  let run = 0;
  let step = 0;
  const stats = { steps: 0, threw: 0, answered: 0, deepest: -1 };
  attempt = call;
  for (let k = top + 4; k >= 0 && run < FITTING_RUN; k--, step++) {
    slots.length = k;
    attemptStep = step;
    let outcome;
    try {
      outcome = { value: Reflect.apply(pad, null, slots) };
      run += 1;
      stats.answered += 1;
    } catch (error) {
      outcome = { error };
      run = 0;
      stats.threw += 1;
      stats.deepest = step;
    }
    stats.steps += 1;
    after(outcome, step);
  }
  assert.ok(run >= FITTING_RUN, 'the sweep never reached a depth where the call fits');
  assert.ok(stats.threw > 0 && stats.answered > 0, JSON.stringify(stats));
  return stats;
}

/** A key for the module's instance: its memory object changes with each re-instantiation. */
function instance() {
  return glue.wireMemory();
}

test('validate: a stack overflow at any depth (in the wrapper, in wasm, in the reset) never makes it answer from a dead instance', async () => {
  await api.init();
  // Compiled and warm before the sweep: a function first compiled deep in the
  // stack would fail before the call starts, at every depth alike.
  for (let i = 0; i < 2000; i++) {
    api.validate(VALID, OPTIONS);
    api.validate(NO_PASSPORT, freshOptions(i));
  }
  assertInvalidIsInvalid('before');
  const instances = new Set([instance()]);
  let restartedAtDepth = 0;
  const stats = sweep(
    (step) => (step & 1 ? api.validate(NO_PASSPORT, freshOptions(step >> 1)) : api.validate(VALID, OPTIONS)),
    (outcome, step) => {
      const where = `validate, step ${step}`;
      if (outcome.error) assertPlainFailure(outcome.error, where);
      else {
        const expected = step & 1 ? api.validate(NO_PASSPORT, freshOptions(step >> 1)) : api.validate(VALID, OPTIONS);
        assert.deepEqual(outcome.value, expected, `${where}: a deep call answered wrong`);
      }
      const before = instances.size;
      assertInvalidIsInvalid(where);
      instances.add(instance());
      if (outcome.error && instances.size > before) restartedAtDepth += 1;
    },
  );
  // The overflows did land where the module had to be replaced.
  assert.ok(instances.size > 1, `no overflow landed in a call into wasm: ${JSON.stringify(stats)}`);
  assert.ok(restartedAtDepth > 0);
});

test('validateField: the same at every depth', async () => {
  await api.init();
  const fieldOf = (step) => api.validateField(step & 1 ? 'passportNumber' : 'status', step & 1 ? NO_PASSPORT : VALID, freshOptions(step >> 1));
  for (let i = 0; i < 2000; i++) fieldOf(i);
  const instances = new Set([instance()]);
  sweep(fieldOf, (outcome, step) => {
    const where = `validateField, step ${step}`;
    if (outcome.error) assertPlainFailure(outcome.error, where);
    else assert.deepEqual(outcome.value, fieldOf(step), `${where}: a deep call answered wrong`);
    assertInvalidIsInvalid(where);
    instances.add(instance());
  });
  assert.ok(instances.size > 1, 'no overflow landed in a call into wasm');
});

test('createSchema().validate: never a success for an invalid form, at any depth', async () => {
  await api.init();
  const schema = api.createSchema(OPTIONS)['~standard'];
  const formOf = (step) => (step & 1 ? { ...NO_PASSPORT, patientName: 'x' } : { ...VALID, patientName: 'x' });
  const expectedValid = schema.validate(formOf(0));
  assert.deepEqual(Object.keys(expectedValid), ['value']);
  for (let i = 0; i < 2000; i++) schema.validate(formOf(i));
  const pending = [];
  const judge = (result, step, where) => {
    if (step & 1) assert.ok(!('value' in result) && result.issues.length > 0, `${where}: an invalid form passed`);
    else if ('value' in result) assert.deepEqual(result, expectedValid, `${where}: a deep call answered wrong`);
    else assert.ok(result.issues.length > 0, `${where}: neither a value nor issues`);
  };
  sweep(
    (step) => schema.validate(formOf(step)),
    (outcome, step) => {
      const where = `schema, step ${step}`;
      // Its validate never throws; a failure deep in the stack is reported as an issue.
      if (outcome.error) assertPlainFailure(outcome.error, where);
      else if (typeof outcome.value?.then === 'function') pending.push(outcome.value.then((result) => judge(result, step, where)));
      else judge(outcome.value, step, where);
      const shallow = schema.validate({});
      assert.ok(!('value' in shallow), `${where}: {} passed the schema`);
      assert.ok(shallow.issues.some((issue) => issue.path?.[0] === 'status'), `${where}: {} failed the schema without its status issue: ${JSON.stringify(shallow)}`);
      assertInvalidIsInvalid(where);
    },
  );
  await Promise.all(pending);
});

test('audit: an auditor never goes on in a replaced instance, and the audit reports invalid rows at any depth', async () => {
  await initAudit();
  const CSV = '受付番号,診断年月日,現在のステータス,場所区分\nA-1,2021-06-10,入院中,\nA-2,2021-06-10,,家庭内\nA-3,2021-06-10,入院中,家庭内\n';
  const BYTES = Buffer.from(CSV);
  const HALF = 60;
  const auditAll = () => {
    const auditor = createAuditor({}, OPTIONS);
    try {
      const first = auditor.push(BYTES);
      const last = auditor.finish();
      return { failing: [...first.failing, ...last.failing].map((row) => [row.row, row.issues.map((issue) => issue.code)]), summary: auditor.summary() };
    } finally {
      auditor.free();
    }
  };
  const expected = auditAll();
  assert.equal(expected.summary.rows, 3);
  assert.equal(expected.summary.rowsWithErrors, 2);
  for (let i = 0; i < 300; i++) assert.deepEqual(auditAll(), expected);
  let lost = 0;
  sweep(auditAll, (outcome, step) => {
    const where = `audit, step ${step}`;
    if (outcome.error) assertPlainFailure(outcome.error, where);
    else assert.deepEqual(outcome.value, expected, `${where}: a deep audit answered wrong`);
    // At shallow depth: the file's invalid rows are reported.
    assert.deepEqual(auditAll(), expected, `${where}: the audit answered wrong after the overflow`);
  });
  // An auditor begun before a failed call in the module: lost with a clear
  // Error once the instance is replaced, never continued without its state.
  const started = createAuditor({}, OPTIONS);
  started.push(BYTES.subarray(0, HALF));
  const push = () => createAuditor({}, OPTIONS).push(BYTES);
  for (let i = 0; i < 300; i++) push();
  const top = capacity();
  for (let i = slots.length; i < top + 4; i++) slots.push(0);
  attempt = push;
  for (let k = top + 4, fits = 0; k >= 0 && fits < FITTING_RUN && lost === 0; k--) {
    slots.length = k;
    try {
      Reflect.apply(pad, null, slots);
      fits += 1;
    } catch {
      fits = 0;
    }
    try {
      started.summary();
    } catch (error) {
      assert.match(error.message, /^hersys-validator: this auditor was lost: the audit module was restarted after a call into it failed/);
      lost += 1;
    }
  }
  if (lost) {
    assert.throws(() => started.push(BYTES.subarray(HALF)), /this auditor was lost/);
    assert.throws(() => started.finish(), /this auditor was lost/);
  }
  started.free(); // never throws, never frees in the new instance
  assert.deepEqual(auditAll(), expected);
  assert.ok(lost > 0, 'no overflow landed in a call into the audit module');
});

test("a page's prototype method that calls back into the validator while the module runs: the outer call never answers from the instance the inner one replaced", async () => {
  await api.init();
  const charCodeAt = String.prototype.charCodeAt;
  const expected = api.parseDate('2021-06-03');
  let inner = null;
  // The module reads a string argument through String.prototype.charCodeAt.
  String.prototype.charCodeAt = function (index) {
    String.prototype.charCodeAt = charCodeAt;
    inner = api.validate({}, OPTIONS);
    return Reflect.apply(charCodeAt, this, [index]);
  };
  let outer;
  try {
    outer = api.parseDate('2021-06-03');
  } catch (error) {
    outer = error;
  } finally {
    String.prototype.charCodeAt = charCodeAt;
  }
  assert.ok(inner, 'the module no longer reads strings through charCodeAt: this test must find another way in');
  assert.equal(inner.ok, false);
  if (!(outer instanceof Error)) assert.deepEqual(outer, expected);
  assertInvalidIsInvalid('after the re-entrant call');
  assert.deepEqual(api.parseDate('2021-06-03'), expected);
});
