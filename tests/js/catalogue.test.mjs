// catalogue(): the facts that pages and attach() read from the module instead
// of keeping copies. Each fact is held to what the module does, so a change
// in Rust cannot leave the catalogue behind.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../../js/index.js';
import { fixLabel } from '../../js/attach/render.js';

const today = '2021-07-31';

test('catalogue() throws before init, then returns the same facts every time', async () => {
  assert.throws(() => api.catalogue(), /catalogue\(\) was called before init\(\) resolved/);
  await api.init();
  assert.deepEqual(api.catalogue(), api.catalogue());
  assert.notEqual(api.catalogue(), api.catalogue(), 'a fresh object each call: a caller cannot change what the next one gets');
});

test('groups: every field of fields() in exactly one group, with labels in both languages', async () => {
  await api.init();
  const { groups } = api.catalogue();
  const placed = groups.flatMap((g) => g.fields);
  assert.deepEqual([...placed].sort(), api.fields().map((f) => f.key).sort());
  assert.equal(new Set(placed).size, placed.length);
  assert.deepEqual(groups.map((g) => g.id), ['basic', 'dates', 'entry', 'status', 'place']);
  for (const group of groups) {
    assert.ok(group.ja && group.en && group.fields.length > 0, group.id);
  }
  assert.equal(groups.find((g) => g.id === 'entry').ja, '入国・旅券');
});

test('required: exactly the fields that are an error when the record is empty', async () => {
  await api.init();
  const { required } = api.catalogue();
  const errors = api.validate({}, { today }).issues.filter((i) => i.severity === 'error').map((i) => i.field);
  assert.deepEqual(required, [...new Set(errors)]);
  assert.deepEqual(required, ['diagnosisDate', 'status', 'placeCategory']);
});

test('fixLabels: codes of rules(), each naming the value; attach’s fixLabel() uses them', async () => {
  await api.init();
  const { fixLabels, otherFixLabel } = api.catalogue();
  const codes = new Set(api.rules().map((r) => r.code));
  for (const [code, label] of Object.entries(fixLabels)) {
    assert.ok(codes.has(code), code);
    assert.match(label.ja, /\{fix\}/);
    assert.match(label.en, /\{fix\}/);
  }
  assert.match(otherFixLabel.ja, /\{fix\}/);
  // Every fix a record below gets is labelled by its own code's label.
  const report = api.validate(
    { passportNumber: 'ＴＫ１２３４５６７', diagnosisDate: '令和3年6月10日', birthDate: '1980-01-01', age: '30', status: '入院中' },
    { today },
  );
  const fixed = report.issues.filter((i) => i.fix !== undefined);
  assert.deepEqual(fixed.map((i) => i.code).sort(), ['age.mismatch', 'date.canonical', 'passport.halfwidth', 'place.category_required']);
  for (const issue of fixed) {
    assert.ok(fixLabels[issue.code], issue.code);
    assert.equal(fixLabel(issue, 'ja'), fixLabels[issue.code].ja.replace('{fix}', issue.fix));
    assert.equal(fixLabel(issue, 'en'), fixLabels[issue.code].en.replace('{fix}', issue.fix));
  }
  assert.equal(fixLabel(fixed.find((i) => i.code === 'passport.halfwidth'), 'ja'), '全角→半角（TK1234567）');
  assert.equal(fixLabel(fixed.find((i) => i.code === 'place.category_required'), 'en'), 'Choose 場所種別不明 (unknown)');
  // A code without a label of its own gets the generic one; `$&` in a value stays text.
  assert.equal(fixLabel({ code: 'status.unknown', fix: '$&x' }, 'ja'), '「$&x」にする');
});

test('limits: the value length, vocabulary size and window range are where validate() draws the line', async () => {
  await api.init();
  const { limits } = api.catalogue();
  const longest = 'a'.repeat(limits.valueLength);
  assert.doesNotThrow(() => api.validate({ occupation: longest }, { today }));
  assert.throws(() => api.validate({ occupation: `${longest}a` }, { today }), /longer than/);
  const list = (n) => Array.from({ length: n }, (_, i) => `x${i}`);
  assert.doesNotThrow(() => api.validate({}, { today, vocabulary: { status: list(limits.vocabularyEntries) } }));
  assert.throws(() => api.validate({}, { today, vocabulary: { status: list(limits.vocabularyEntries + 1) } }), /more than/);
  const [min, max] = limits.passportWindowDays;
  for (const days of [min, max]) assert.doesNotThrow(() => api.validate({}, { today, passportWindowDays: days }));
  for (const days of [min - 1, max + 1]) assert.throws(() => api.validate({}, { today, passportWindowDays: days }), /passportWindowDays/);
});

test('defaults: the window and counting validate() uses when none is given', async () => {
  await api.init();
  const { defaults } = api.catalogue();
  assert.deepEqual(defaults, { passportWindowDays: 28, counting: 'entryDayIsDayOne' });
  const record = (d) => ({ entryDate: '2021-06-01', diagnosisDate: new Date(Date.UTC(2021, 5, 1 + d)).toISOString().slice(0, 10), status: '入院中', placeCategory: '飲食店' });
  const codes = (d, options) => api.validate(record(d), { today, ...options }).issues.map((i) => i.code);
  for (const d of [0, defaults.passportWindowDays - 1, defaults.passportWindowDays, defaults.passportWindowDays + 1]) {
    assert.deepEqual(codes(d, {}), codes(d, defaults), `d = ${d}`);
  }
  assert.ok(codes(defaults.passportWindowDays - 1, {}).includes('passport.required'));
  assert.ok(!codes(defaults.passportWindowDays + 1, {}).includes('passport.required'));
});

test('the Catalogue type in js/index.d.ts names exactly the keys catalogue() returns', async () => {
  await api.init();
  const fs = await import('node:fs');
  const declarations = fs.readFileSync(new URL('../../js/index.d.ts', import.meta.url), 'utf8');
  const body = declarations.match(/export interface Catalogue \{([\s\S]*?)\n\}/)[1];
  // Top-level properties only: two spaces of indentation.
  const declared = [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]).sort();
  assert.deepEqual(declared, Object.keys(api.catalogue()).sort());
  const limits = body.match(/limits: \{([\s\S]*?)\n {2}\};/)[1];
  assert.deepEqual([...limits.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]).sort(), Object.keys(api.catalogue().limits).sort());
});
