// createSchema() in a real react-hook-form app: tests/hosts/rhf (React 19,
// react-hook-form, @hookform/resolvers/standard-schema) built with Vite and
// submitted in headless Chromium. The app never calls init(): the schema's
// first validation loads the module (the Promise path), later ones answer
// synchronously. TanStack Form: tests/js/schema-tanstack.test.mjs.
// Run: node scripts/build.mjs && node --test tests/e2e/form-libraries.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, startSuite } from './helpers.mjs';

const HOST = path.join(ROOT, 'tests', 'hosts', 'rhf');
let out;
let server;
let suite;

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'js/pkg/hersys_validator_bg.wasm')), 'run `npm run build` first');
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'hv-rhf-'));
  await build({
    configFile: false,
    root: HOST,
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: { 'hersys-validator': path.join(ROOT, 'js', 'index.js') } },
    build: { outDir: out, emptyOutDir: true },
  });
  server = await startServer({ root: out, port: 0 });
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
  await server?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

async function open(query = '') {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  const log = { requests: [], errors: [] };
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(message.text());
  });
  await page.goto(`${server.url}${query}`);
  await page.waitForSelector('form');
  return { page, context, log };
}

const submit = async (page, count) => {
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForFunction((n) => document.getElementById('submit-count').textContent === String(n), count);
};

test('react-hook-form: a full-width passport blocks the submit with the message on the field; fixed, the normalized values are submitted', async () => {
  const { page, context, log } = await open();
  try {
    await page.fill('#patientName', '山田 花子');
    await page.fill('#entryDate', '令和3年6月3日');
    await page.fill('#diagnosisDate', '2021-06-10');
    await page.fill('#passportNumber', 'ＴＫ１２３４５６７');
    await submit(page, 1);
    assert.equal(await page.textContent('#passportNumber-error'), 'The passport number contains full-width characters: enter it in half-width letters and digits.');
    assert.equal(await page.getAttribute('#passportNumber', 'aria-invalid'), 'true');
    assert.equal(await page.locator('#submitted').count(), 0, 'not submitted');
    assert.equal(await page.locator('.error').count(), 1, 'warnings and notes are not errors');

    // An error the schema cannot see until other fields are read: the age against the birth date.
    await page.fill('#passportNumber', 'tk-1234567'); // a warning only: normalized, not blocking
    await page.fill('#birthDate', '1980-01-15');
    await page.fill('#age', '40');
    await submit(page, 2);
    assert.match(await page.textContent('#age-error'), /age/i);
    await page.fill('#age', '41');
    await submit(page, 3);
    const submitted = JSON.parse(await page.textContent('#submitted'));
    assert.deepEqual(submitted, {
      patientName: '山田 花子', // not a field: passed through untouched
      entryDate: '2021-06-03', // 和暦 normalized
      diagnosisDate: '2021-06-10',
      birthDate: '1980-01-15',
      age: 41, // a number stays a number
      status: '入院中',
      placeCategory: '職場',
      passportNumber: 'TK1234567', // normalized
    });
    assert.deepEqual(log.errors, []);
    const origin = new URL(server.url).origin;
    assert.deepEqual(log.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:')), [], 'only the app\'s own files');
  } finally {
    await context.close();
  }
});

test('react-hook-form: the messages follow options.lang, and required fields are reported on submit', async () => {
  const { page, context, log } = await open('?lang=ja');
  try {
    await page.selectOption('#status', '');
    await page.selectOption('#placeCategory', '');
    await submit(page, 1);
    assert.match(await page.textContent('#status-error'), /現在のステータス/);
    assert.match(await page.textContent('#placeCategory-error'), /場所種別不明/);
    assert.match(await page.textContent('#diagnosisDate-error'), /診断年月日/, 'required on every record since issue 9');
    assert.equal(await page.locator('#submitted').count(), 0);
    await page.fill('#diagnosisDate', '2021-06-10');
    await page.selectOption('#status', '入院中');
    await page.selectOption('#placeCategory', '場所種別不明');
    await submit(page, 2);
    const submitted = JSON.parse(await page.textContent('#submitted'));
    assert.equal(submitted.placeCategory, '場所種別不明');
    assert.equal(submitted.age, null, 'an empty number input (NaN) is empty, not an error');
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});
