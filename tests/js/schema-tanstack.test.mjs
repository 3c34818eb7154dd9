// createSchema() as TanStack Form's validator (@tanstack/form-core, the
// framework-agnostic FormApi that the React, Vue, … adapters wrap): errors
// land on their fields, warnings never block the submit, the form's other
// values reach onSubmit.
// Run: node scripts/build.mjs && node --test tests/js/schema-tanstack.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import { FieldApi, FormApi } from '@tanstack/form-core';
import { createSchema } from '../../js/index.js';

const TODAY = '2021-07-31';
const DEFAULTS = {
  entryDate: '2021-06-03',
  diagnosisDate: '2021-06-10',
  status: '入院中',
  placeCategory: '職場',
  passportNumber: '',
  patientName: '山田 花子',
  consent: true,
};

function makeForm(validators) {
  const submitted = [];
  const form = new FormApi({ defaultValues: { ...DEFAULTS }, validators, onSubmit: ({ value }) => submitted.push(value) });
  form.mount();
  const field = (name) => {
    const api = new FieldApi({ form, name });
    api.mount();
    return api;
  };
  return { form, field, submitted };
}

/** Until TanStack's async validation of the last change has settled. */
async function settled(form) {
  for (let i = 0; i < 200 && (form.state.isValidating || form.state.isFieldsValidating); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
}

const messages = (field) => field.state.meta.errors.map((e) => e.message);

// First: the module is not loaded yet, so the schema answers with Promises.
test('async validators before init(): the schema loads the module itself and TanStack waits for it', async () => {
  const schema = createSchema({ lang: 'en', today: TODAY });
  const { form, field, submitted } = makeForm({ onChangeAsync: schema, onSubmitAsync: schema });
  const passport = field('passportNumber');
  field('status');
  passport.handleChange('ＴＫ１２３４５６７');
  await form.handleSubmit();
  assert.deepEqual(submitted, [], 'an error blocks the submit');
  // Both the onChange and the onSubmit validator report it.
  assert.deepEqual([...new Set(messages(passport))], ['The passport number contains full-width characters: enter it in half-width letters and digits.']);
  passport.handleChange('TK1234567');
  await settled(form);
  await form.handleSubmit();
  assert.equal(submitted.length, 1);
  assert.equal(submitted[0].patientName, '山田 花子', 'non-field values reach onSubmit');
  assert.equal(submitted[0].consent, true);
});

test('sync validators once loaded: errors on their fields at once, in Japanese by default', async () => {
  const schema = createSchema({ today: TODAY });
  const { form, field, submitted } = makeForm({ onChange: schema, onSubmit: schema });
  const passport = field('passportNumber');
  const status = field('status');
  const place = field('placeCategory');
  status.handleChange('');
  assert.equal(status.state.meta.errors.length, 1, 'synchronous: no await before reading the errors');
  assert.match(messages(status)[0], /現在のステータス/);
  assert.match(messages(passport)[0], /パスポート番号/, 'the cross-field rule lands on the passport field');
  place.handleChange('');
  assert.match(messages(place)[0], /場所種別不明/);
  await form.handleSubmit();
  assert.deepEqual(submitted, []);
  assert.equal(form.state.canSubmit, false);

  status.handleChange('入院中');
  place.handleChange('場所種別不明');
  passport.handleChange('tk-1234567'); // a warning (lower case, hyphen): it does not block
  assert.deepEqual(messages(passport), []);
  assert.deepEqual(messages(status), []);
  await form.handleSubmit();
  assert.equal(submitted.length, 1);
  assert.equal(submitted[0].patientName, '山田 花子');
});

test('a field-level validator: the schema checks the whole record from the field', () => {
  const schema = createSchema({ lang: 'en', today: TODAY });
  const { form, field } = makeForm({});
  const passport = new FieldApi({
    form,
    name: 'passportNumber',
    validators: { onChange: ({ value }) => schema['~standard'].validate({ ...form.state.values, passportNumber: value }).issues?.find((i) => i.path?.[0] === 'passportNumber')?.message },
  });
  passport.mount();
  field('status');
  passport.handleChange('');
  assert.match(passport.state.meta.errors[0], /passport number/i);
  passport.handleChange('TK1234567');
  assert.deepEqual(passport.state.meta.errors, []);
});
