// The attach() example of docs/embedding.md (its first section), run as written: the
// fenced block after the `attach-example` marker is copied into an empty page
// beside the built package (www/lib as ./lib/), filled in and submitted.
// Issue 21: the example's form holds three fields, not 現在のステータス or
// 場所区分, and must still submit once its own fields are valid.
// Run: node scripts/build.mjs && node --test tests/e2e/attach-readme.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.mjs';
import { emptyPage, useHostPages } from './attach-pages.mjs';

/** The fenced block after `<!-- attach-example` in the first section of docs/embedding.md. */
function readmeExample() {
  const readme = fs.readFileSync(path.join(ROOT, 'docs', 'embedding.md'), 'utf8');
  const section = readme.indexOf('## Embedding in an existing form');
  assert.ok(section >= 0, 'docs/embedding.md has its Embedding section');
  const marker = readme.indexOf('<!-- attach-example', section);
  assert.ok(marker > section, 'the attach-example marker is in the Embedding section');
  const next = readme.indexOf('\n## ', section + 1);
  assert.ok(next < 0 || marker < next, 'the marker is before the next section');
  const block = /```html\n([\s\S]*?)\n```/.exec(readme.slice(marker));
  assert.ok(block, 'a ```html block follows the marker');
  return block[1];
}

const EXAMPLE = readmeExample();
const hosts = useHostPages({ 'example.html': emptyPage(EXAMPLE, { title: 'README example', ready: false }) });

async function openExample() {
  const context = await hosts.suite.browser.newContext({ locale: 'ja-JP', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const log = { errors: [] };
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(message.text());
  });
  await page.goto(hosts.pages.url('example.html'), { waitUntil: 'load' });
  // attach() has resolved once its live region sits after the form.
  await page.waitForSelector('#notification + .hv-live', { state: 'attached', timeout: 10_000 });
  return { page, context, log };
}

const codesUnder = (page, name) =>
  page.$$eval(`[name="${name}"]`, ([input]) => {
    const box = input.closest('label').nextElementSibling;
    return box?.matches('.hv-messages') ? [...box.querySelectorAll('.hv-issue')].map((p) => p.dataset.code) : [];
  });
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('name'));

test('the README example is the partial form of the issue: three fields, none of 現在のステータス or 場所区分', () => {
  assert.match(EXAMPLE, /import \{ attach \} from '\.\/lib\/attach\.js'/);
  assert.match(EXAMPLE, /<form id="notification" novalidate>/);
  assert.doesNotMatch(EXAMPLE, /現在のステータス<|場所区分</);
  assert.doesNotMatch(EXAMPLE, /^\s*missingFields\s*:/m, 'the example keeps the default (only its fields decide)');
});

test('README example: blocks an invalid submit with a visible message, then submits once its fields are valid', async () => {
  const { page, context, log } = await openExample();
  try {
    const start = page.url();

    // Empty: 診断年月日 is required in every record, and this form holds it.
    await page.click('#notification > button');
    assert.deepEqual(await codesUnder(page, 'dx_date'), ['diagnosis.required']);
    assert.ok(await page.locator('[name="dx_date"] >> xpath=../following-sibling::div[1]').isVisible(), 'the message is visible');
    assert.equal(await focused(page), 'dx_date', 'focus went to the first error');
    assert.equal(page.url(), start, 'not submitted');

    // A full-width passport number is an error of a field the form holds: blocked, shown, focused.
    await page.fill('[name="dx_date"]', '2021-06-10');
    await page.fill('[name="arrival"]', '2021-06-03');
    await page.fill('[name="pp_no"]', 'ＴＫ１２３４５６７');
    await page.click('#notification > button');
    assert.deepEqual(await codesUnder(page, 'pp_no'), ['passport.halfwidth']);
    assert.equal(await focused(page), 'pp_no');
    assert.equal(page.url(), start, 'not submitted');
    // Nothing about the fields the form lacks is on screen.
    assert.equal(await page.locator('.hv-missing').count(), 0);
    assert.doesNotMatch(await page.innerText('body'), /現在のステータス|場所区分/);

    // Alt+Enter applies the fix; now the form's own fields are valid and the form submits
    // (a GET to the page itself), although the record lacks 現在のステータス and 場所区分.
    await page.keyboard.press('Alt+Enter');
    assert.equal(await page.inputValue('[name="pp_no"]'), 'TK1234567');
    assert.deepEqual(await codesUnder(page, 'pp_no'), []);
    await Promise.all([page.waitForURL(/[?&]pp_no=TK1234567(&|$)/, { timeout: 5000 }), page.click('#notification > button')]);
    const sent = new URL(page.url()).searchParams;
    assert.deepEqual(Object.fromEntries(sent), { dx_date: '2021-06-10', arrival: '2021-06-03', pp_no: 'TK1234567' });
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});
