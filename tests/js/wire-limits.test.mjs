// The limits js/wire.js packs under hold for the module it ships with
// (issue 23, point 2). The widths of the answer's words come from the
// module's catalogue (`wire`, src/wire.rs and src/issue.rs); what the
// wrapper keys its messages and record shapes on is checked here against the
// catalogue's field and code counts, so a field or a code too many fails
// this test instead of two issues sharing a message. The Rust side asserts
// its own limits at compile time (src/wire.rs, src/issue.rs, src/rules/mod.rs).
import test from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../../js/index.js';
import * as glue from '../../js/pkg/hersys_validator.js';
import { KEYED_RELATED, SHAPE_BITS } from '../../js/wire.js';

/** What in `catalogue` outgrows the wrapper's keys: empty when it fits. */
function outgrown(catalogue) {
  const fields = catalogue.fields.length;
  const { countBits, detailBits } = catalogue.wire;
  // As js/wire.js derives it: the bits of the largest field index.
  const fieldBits = 32 - Math.clz32(fields - 1);
  const problems = [];
  if (fields > SHAPE_BITS) problems.push(`${fields} fields: record shapes are keyed on ${SHAPE_BITS}-bit masks`);
  if (2 ** fieldBits < fields) problems.push(`${fieldBits} bits do not hold ${fields} field indexes`);
  if (fieldBits * KEYED_RELATED > 31) problems.push(`${KEYED_RELATED} related fields of ${fieldBits} bits overflow a 32-bit shift`);
  if (countBits + detailBits > 32) problems.push('the related count and the message detail overflow output word 4');
  if (2 ** countBits <= fields) problems.push(`the related count of ${countBits} bits cannot count ${fields} fields`);
  // The message key: code, field, language, detail, count, packed related fields.
  const keys = catalogue.codes.length * fields * 2 * 2 ** detailBits * (KEYED_RELATED + 1) * 2 ** (fieldBits * KEYED_RELATED);
  if (!(keys <= Number.MAX_SAFE_INTEGER)) problems.push(`${keys} message keys are past 2^53: keys would collide`);
  return problems;
}

async function catalogue() {
  await api.init(); // initialises the glue module this file imports too
  return JSON.parse(glue.wireCatalogue());
}

test('the catalogue the module ships fits the keys of js/wire.js', async () => {
  const shipped = await catalogue();
  assert.deepEqual(outgrown(shipped), []);
  assert.equal(shipped.fields.length, api.fields().length);
  assert.deepEqual(Object.keys(shipped.wire).sort(), ['absent', 'countBits', 'countings', 'detailBits', 'langs', 'noDay', 'noFix', 'wholeRecord']);
  // The passport window is the low bits of the message detail.
  assert.ok(shipped.limits.windowDays[1] < 2 ** shipped.wire.detailBits);
});

test('a field or codes past the limits are caught by this check', async () => {
  const shipped = await catalogue();
  const fields = (n) => Array.from({ length: n }, (_, i) => ({ ...shipped.fields[0], key: `f${i}` }));
  assert.deepEqual(outgrown({ ...shipped, fields: fields(SHAPE_BITS) }), []);
  assert.match(outgrown({ ...shipped, fields: fields(SHAPE_BITS + 1) }).join('\n'), /33 fields: record shapes/);
  const codes = Array.from({ length: 2 ** 20 }, (_, i) => [`c${i}`, false, 'info']);
  assert.match(outgrown({ ...shipped, codes }).join('\n'), /past 2\^53/);
  assert.match(outgrown({ ...shipped, wire: { countBits: 8, detailBits: 25 } }).join('\n'), /output word 4/);
  assert.match(outgrown({ ...shipped, wire: { countBits: 4, detailBits: 13 } }).join('\n'), /related count of 4 bits/);
});

test('messages carry the widest detail and every related field through the wire', async () => {
  await api.init();
  const labels = Object.fromEntries(api.fields().map((f) => [f.key, f.ja]));
  // The largest window with the second counting: the top of the detail's bits.
  const [, maxWindow] = api.catalogue().limits.passportWindowDays;
  const record = { entryDate: '2021-06-03', diagnosisDate: '2021-06-10', status: '入院中', placeCategory: '飲食店' };
  const message = (counting) =>
    api.validate(record, { today: '2021-07-31', passportWindowDays: maxWindow, counting, lang: 'en' }).issues.find((i) => i.code === 'passport.required')
      .message;
  for (const counting of ['entryDayIsDayOne', 'dayAfterEntryIsDayOne']) {
    assert.match(message(counting), new RegExp(`within ${maxWindow} days of entry`));
  }
  assert.notEqual(message('entryDayIsDayOne'), message('dayAfterEntryIsDayOne'), 'the counting bit above the window reaches the message');

  // Two related fields, each named in the message (rendered, then cached).
  const age = { birthDate: '2000-01-01', diagnosisDate: '2021-06-10', age: '5', status: '入院中', placeCategory: '飲食店' };
  for (let round = 0; round < 2; round++) {
    const issue = api.validate(age, { today: '2021-07-31' }).issues.find((i) => i.code === 'age.mismatch');
    assert.deepEqual(issue.related, ['birthDate', 'diagnosisDate']);
    for (const key of issue.related) assert.ok(issue.message.includes(labels[key]), `${key} in ${issue.message}`);
  }
});
