// End-to-end tests of www/index.html (the form check page) in headless Chromium.
// Run: node scripts/build.mjs && node --test tests/e2e/
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TODAY, assertAxeClean, assertClean, codesIn, openPage, saveScreenshot, startSuite, waitUntil } from './helpers.mjs';
import { choose } from './choose.mjs';

const PAGE = `index.html?today=${TODAY}`;
let suite;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

const open = (opts) => openPage(suite, suite.url(PAGE), opts);
const codes = (page, key) => codesIn(page, `#m-${key}`);
const field = (page, key) => page.locator(`#f-${key}`);
const invalid = (page, key) => page.getAttribute(`#f-${key}`, 'aria-invalid');
const describedText = (page, key) =>
  page.evaluate((k) => {
    const ids = (document.getElementById(`f-${k}`).getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`).join(' | ');
  }, key);
/** How many fields the page's module has (fields()), so that a new field needs no edit here. */
const fieldCount = (page) => page.evaluate(async () => (await import('./lib/index.js')).fields().length);
const summaryCodes = (page) => page.$$eval('#summary-list li', (lis) => lis.map((li) => li.dataset.code));
/** Types like a person (key by key) without leaving the field. */
const typeFast = (page, key, text) => field(page, key).pressSequentially(text, { delay: 15 });

describe('index.html', () => {
  test('initial state: nothing shown, nothing invalid, no network after load, axe clean', async () => {
    const { page, context, log } = await open();
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    // One input per field of the module's catalogue (the choice fields' comboboxes are inputs).
    assert.equal(await page.locator('form input').count(), await fieldCount(page));
    assert.equal(await page.locator('fieldset').count(), 5);
    assert.deepEqual(await page.$$eval('legend', (ls) => ls.map((l) => l.textContent)), [
      '基本情報', '日付', '入国・旅券', '現在のステータス', '感染原因・感染経路・感染地域',
    ]);
    // Labels from fields(); selects fed by the vocabulary with an empty 「選択してください」.
    assert.match(await page.textContent('label[for="f-passportNumber"]'), /パスポート番号（旅券番号）/);
    assert.deepEqual(await page.$eval('#f-status-select', (s) => [s.options[0].value, s.options[0].textContent, s.options.length]), ['', '選択してください', 9]);
    assert.ok(await page.$('#f-placeCategory-select option[value="場所種別不明"]'));
    // Date inputs: text, a hint wired through aria-describedby, autocomplete off.
    const date = await page.$eval('#f-diagnosisDate', (i) => [i.type, i.autocomplete, i.inputMode, i.getAttribute('aria-describedby')]);
    assert.deepEqual(date, ['text', 'off', 'text', 'h-diagnosisDate']);
    assert.match(await describedText(page, 'diagnosisDate'), /令和3年6月3日/);
    assert.equal(await page.locator('[aria-invalid]').count(), 0);
    assert.equal(await page.locator('.hv-issue').count(), 0);
    assert.match(await page.textContent('#privacy-note'), /送信・保存されません/);
    assert.equal(await page.getAttribute('a[data-carry-lang]', 'href'), `audit.html?lang=ja&today=${TODAY}`);
    assert.match(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), /default-src 'none'; script-src 'self' 'wasm-unsafe-eval'/);
    // Only same-origin requests, ever.
    const origin = new URL(suite.url('/')).origin;
    assert.deepEqual(log.requests.filter((u) => new URL(u).origin !== origin), []);
    await assertAxeClean(page, 'initial state');
    await assertClean(page, log);
    await saveScreenshot(page, 'page-initial');
    await context.close();
  });

  test('entry + diagnosis within 28 days → passport.required on the passport field; typing one clears it', async () => {
    const { page, context, log } = await open();
    await typeFast(page, 'entryDate', '2021-06-03');
    await field(page, 'entryDate').blur();
    await typeFast(page, 'diagnosisDate', '2021-06-10');
    // Cross-field issue on another field: it waits until the clerk reaches that field (issue 22.3), then at once.
    assert.deepEqual(await codes(page, 'passportNumber'), []);
    await field(page, 'passportNumber').focus();
    assert.deepEqual(await codes(page, 'passportNumber'), ['passport.required']);
    assert.equal(await invalid(page, 'passportNumber'), 'true');
    assert.match(await describedText(page, 'passportNumber'), /パスポート番号/);
    assert.ok((await summaryCodes(page)).includes('passport.required'));
    await typeFast(page, 'passportNumber', 'TK1234567');
    assert.deepEqual(await codes(page, 'passportNumber'), []);
    assert.equal(await invalid(page, 'passportNumber'), null);
    assert.equal(await describedText(page, 'passportNumber'), await page.textContent('#h-passportNumber'));
    // Entry 2021-06-03 → the last day of the window is 2021-06-30 (d = 27).
    await field(page, 'passportNumber').fill('');
    await field(page, 'diagnosisDate').fill('2021-07-01');
    await field(page, 'diagnosisDate').blur();
    assert.deepEqual(await codes(page, 'passportNumber'), ['passport.boundary_day']);
    assert.equal(await invalid(page, 'passportNumber'), null, 'a warning does not make the field invalid');
    await field(page, 'diagnosisDate').fill('2021-07-02');
    assert.deepEqual(await codes(page, 'passportNumber'), []);
    await assertClean(page, log);
    await context.close();
  });

  test('full-width passport → the 全角→半角 fix button converts it and keeps focus on the field', async () => {
    const { page, context, log } = await open();
    await field(page, 'passportNumber').fill('ＴＫ１２３４５６７');
    await field(page, 'passportNumber').blur();
    assert.deepEqual(await codes(page, 'passportNumber'), ['passport.halfwidth']);
    const button = page.locator('#m-passportNumber button.hv-fix');
    assert.equal(await button.textContent(), '全角→半角（TK1234567）');
    await button.click();
    assert.equal(await field(page, 'passportNumber').inputValue(), 'TK1234567');
    assert.deepEqual(await codes(page, 'passportNumber'), []);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-passportNumber');
    // Lower case and hyphens: a warning with the same kind of fix.
    await field(page, 'passportNumber').fill('tk-1234567');
    await field(page, 'passportNumber').blur();
    assert.deepEqual(await codes(page, 'passportNumber'), ['passport.normalize']);
    await page.click('#m-passportNumber button.hv-fix');
    assert.equal(await field(page, 'passportNumber').inputValue(), 'TK1234567');
    await assertClean(page, log);
    await context.close();
  });

  test('status 死亡 → death date and place required at once; entering them clears the errors', async () => {
    const { page, context, log } = await open();
    await choose(page, 'status', '死亡');
    await field(page, 'deathPlace').focus(); // reached (issue 22.3: they wait until then)
    assert.deepEqual(await codes(page, 'deathDate'), ['death.date_required']);
    assert.deepEqual(await codes(page, 'deathPlace'), ['death.place_required']);
    assert.equal(await invalid(page, 'deathDate'), 'true');
    assert.equal(await invalid(page, 'deathPlace'), 'true');
    assert.equal(await invalid(page, 'status'), null);
    await typeFast(page, 'deathDate', '2021-07-20');
    assert.deepEqual(await codes(page, 'deathDate'), [], 'the typing fixed it: cleared at once');
    await choose(page, 'deathPlace', '自宅');
    assert.deepEqual(await codes(page, 'deathPlace'), []);
    // Back to 入院中: the date of death is now a warning on the status.
    await choose(page, 'status', '入院中');
    assert.deepEqual(await codes(page, 'status'), ['death.without_status']);
    await assertClean(page, log);
    await context.close();
  });

  test('place category left empty → 「場所種別不明」を選択 fix', async () => {
    const { page, context, log } = await open();
    await choose(page, 'placeCategory', '職場');
    await choose(page, 'placeCategory', '');
    assert.deepEqual(await codes(page, 'placeCategory'), ['place.category_required']);
    const button = page.locator('#m-placeCategory button.hv-fix');
    assert.equal(await button.textContent(), '「場所種別不明」を選択');
    await button.click();
    assert.equal(await page.inputValue('#f-placeCategory'), '場所種別不明');
    assert.deepEqual(await codes(page, 'placeCategory'), []);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-placeCategory');
    await assertClean(page, log);
    await context.close();
  });

  test('dates: 令和3年6月3日 → canonical fix; 令和元年4月30日 → era error; 2月30日 → impossible', async () => {
    const { page, context, log } = await open();
    await field(page, 'onsetDate').fill('令和3年6月3日');
    await field(page, 'onsetDate').blur();
    assert.deepEqual(await codes(page, 'onsetDate'), ['date.canonical']);
    assert.equal(await invalid(page, 'onsetDate'), null, 'info only');
    // A quiet note (issue 22.3): no button by the field; Alt+Enter still applies it.
    assert.equal(await page.locator('#m-onsetDate .hv-issue--quiet').count(), 1);
    assert.equal(await page.locator('#m-onsetDate button.hv-fix').count(), 0);
    await field(page, 'onsetDate').press('Alt+Enter');
    assert.equal(await field(page, 'onsetDate').inputValue(), '2021-06-03');
    assert.deepEqual(await codes(page, 'onsetDate'), []);

    await field(page, 'firstVisitDate').fill('令和元年4月30日');
    await field(page, 'firstVisitDate').blur();
    assert.deepEqual(await codes(page, 'firstVisitDate'), ['date.outside_era']);
    assert.equal(await invalid(page, 'firstVisitDate'), 'true');
    assert.match(await describedText(page, 'firstVisitDate'), /元号/);
    await field(page, 'firstVisitDate').fill('R3.2.30');
    await field(page, 'firstVisitDate').blur();
    assert.deepEqual(await codes(page, 'firstVisitDate'), ['date.impossible']);
    await field(page, 'firstVisitDate').fill('2021-08-01');
    await field(page, 'firstVisitDate').blur();
    assert.deepEqual(await codes(page, 'firstVisitDate'), ['date.future'], `today is fixed to ${TODAY} by the URL`);

    // Age fix from the date of birth and the date of diagnosis.
    await field(page, 'birthDate').fill('1980-01-01');
    await field(page, 'diagnosisDate').fill('2021-06-10');
    await field(page, 'age').fill('30');
    await field(page, 'age').blur();
    assert.deepEqual(await codes(page, 'age'), ['age.mismatch']);
    await page.click('#m-age button.hv-fix');
    assert.equal(await field(page, 'age').inputValue(), '41');

    // A garbage paste (longer than validate() accepts, with a lone surrogate) gives a message, not an exception.
    await field(page, 'passportNumber').fill(`${'A'.repeat(20_000)}\uD800`);
    await field(page, 'passportNumber').blur();
    assert.deepEqual(await codes(page, 'passportNumber'), ['passport.format']);
    await assertClean(page, log);
    await context.close();
  });

  test("don't shout: no own error while typing; it appears on blur or after a pause; a fixed error clears at once", async () => {
    const { page, context, log } = await open();
    // Typing fast: the half-typed value is wrong all along, but nothing is shown.
    await typeFast(page, 'passportNumber', 'TK');
    assert.deepEqual(await codes(page, 'passportNumber'), []);
    assert.equal(await invalid(page, 'passportNumber'), null);
    assert.deepEqual(await summaryCodes(page), []);
    // Leaving the field shows it.
    await field(page, 'passportNumber').blur();
    assert.deepEqual(await codes(page, 'passportNumber'), ['passport.format']);
    assert.equal(await invalid(page, 'passportNumber'), 'true');
    // Typing on: the error stays while it applies, and goes the moment the value is right.
    await typeFast(page, 'passportNumber', '1');
    assert.deepEqual(await codes(page, 'passportNumber'), ['passport.format']);
    assert.equal(await invalid(page, 'passportNumber'), 'true');
    await typeFast(page, 'passportNumber', '234567');
    assert.deepEqual(await codes(page, 'passportNumber'), []);
    assert.equal(await invalid(page, 'passportNumber'), null);

    // A pause (700 ms) without leaving the field also shows a new error.
    const t0 = Date.now();
    await typeFast(page, 'diagnosisDate', '2021-13');
    assert.deepEqual(await codes(page, 'diagnosisDate'), []);
    await waitUntil(page, () => document.querySelector('#m-diagnosisDate .hv-issue'));
    const waited = Date.now() - t0;
    assert.ok(waited >= 650, `shown after ${waited} ms`);
    assert.deepEqual(await codes(page, 'diagnosisDate'), ['date.invalid']);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-diagnosisDate');
    await assertClean(page, log);
    await context.close();
  });

  test('IME composition: unconverted text is not validated; the committed text is, at once for other fields', async () => {
    const { page, context, log } = await open();
    await field(page, 'entryDate').fill('2021-06-03');
    await field(page, 'entryDate').blur();
    await field(page, 'passportNumber').focus(); // reached (issue 22.3), before going back to the diagnosis
    await field(page, 'diagnosisDate').focus();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'れいわ3ねん6がつ', selectionStart: 9, selectionEnd: 9 });
    assert.equal(await field(page, 'diagnosisDate').inputValue(), 'れいわ3ねん6がつ');
    await page.waitForTimeout(900); // longer than the idle delay: still nothing while composing
    assert.deepEqual(await codes(page, 'diagnosisDate'), []);
    assert.equal(await page.locator('.hv-issue').count(), 0);
    await cdp.send('Input.insertText', { text: '令和3年6月10日' }); // commits the composition
    assert.equal(await field(page, 'diagnosisDate').inputValue(), '令和3年6月10日');
    assert.deepEqual(await codes(page, 'passportNumber'), ['passport.required']);
    assert.deepEqual(await codes(page, 'diagnosisDate'), [], 'its own canonical note waits for a pause');
    await waitUntil(page, () => document.querySelector('#m-diagnosisDate .hv-issue'));
    assert.deepEqual(await codes(page, 'diagnosisDate'), ['date.canonical']);
    await assertClean(page, log);
    await context.close();
  });

  test('summary: counts, links that move focus to the fields, and a debounced live region', async () => {
    const { page, context, log } = await open();
    assert.equal(await page.getAttribute('#summary-live', 'aria-live'), 'polite');
    await page.click('#check-all');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'summary-results');
    assert.deepEqual(await summaryCodes(page), ['diagnosis.required', 'status.required', 'place.category_required']);
    assert.match(await page.textContent('#summary-counts'), /エラー 3件・警告 0件・参考 0件/);
    assert.equal(await invalid(page, 'status'), 'true');
    await page.click('#summary-list li[data-code="place.category_required"] a');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-placeCategory');
    await page.click('#summary-list li[data-code="status.required"] a');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-status');
    // Check all does not announce (focus moved to the summary, which is read); a change does, once, after a pause.
    assert.equal(await page.textContent('#summary-live'), '');
    await choose(page, 'status', '入院中');
    assert.equal(await page.textContent('#summary-live'), '', 'not announced on every change');
    await waitUntil(page, () => document.getElementById('summary-live').textContent !== '');
    assert.match(await page.textContent('#summary-live'), /エラー 2件/);
    await assertClean(page, log);
    await context.close();
  });

  test('the document title starts with エラー： while the summary holds errors (GOV.UK pattern), in both languages', async () => {
    const { page, context, log } = await open();
    assert.equal(await page.title(), 'HER-SYS 発生届 入力チェック');
    await page.click('#check-all');
    assert.equal(await page.title(), 'エラー：HER-SYS 発生届 入力チェック');
    await page.click('#lang-en');
    assert.equal(await page.title(), 'Error: HER-SYS notification form check');
    await page.click('#lang-ja');
    await field(page, 'diagnosisDate').fill('2021-06-08');
    await choose(page, 'status', '入院中');
    await choose(page, 'placeCategory', '場所種別不明');
    await field(page, 'diagnosisDate').focus();
    await waitUntil(page, () => !document.title.startsWith('エラー'));
    assert.equal(await page.title(), 'HER-SYS 発生届 入力チェック');
    await assertClean(page, log);
    await context.close();
  });

  test('keyboard only: language, check all, summary link and summary fix, field shortcut, all by keys', async () => {
    const { page, context, log } = await open();
    const active = () => page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim());
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'lang-ja');
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'lang-en');
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement.getAttribute('href')), /^audit\.html\?/);
    // The form, then the summary (its order on a phone, and left to right on a desktop).
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'f-reportDate');
    await page.focus('#f-placeName');
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'check-all');
    await page.keyboard.press('Enter');
    assert.equal(await active(), 'summary-results');
    await page.keyboard.press('Tab'); // first link: diagnosis date
    await page.keyboard.press('Tab'); // second link: status
    await page.keyboard.press('Tab'); // third link: place category
    assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.dataset.code), 'place.category_required');
    await page.keyboard.press('Enter');
    assert.equal(await active(), 'f-placeCategory');
    // Tab goes on to the next field, not to the fix button under this one.
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'f-placeName');
    // The fix from the summary: its button follows the link.
    await page.focus('#summary-list li[data-code="place.category_required"] a');
    await page.keyboard.press('Tab');
    assert.equal(await active(), '「場所種別不明」を選択');
    await page.keyboard.press('Space');
    assert.equal(await page.inputValue('#f-placeCategory'), '場所種別不明');
    assert.equal(await active(), 'f-placeCategory');

    // Type a full-width passport: Alt+Enter in the field applies the fix, focus stays.
    await page.focus('#f-passportNumber');
    await page.keyboard.insertText('ＭＡ１２３４５６７');
    await page.keyboard.press('Alt+Enter');
    assert.equal(await page.inputValue('#f-passportNumber'), 'MA1234567');
    assert.equal(await active(), 'f-passportNumber');
    // Ctrl+. does the same for a date.
    await page.focus('#f-onsetDate');
    await page.keyboard.insertText('R3.6.1');
    await page.keyboard.press('Control+.');
    assert.equal(await page.inputValue('#f-onsetDate'), '2021-06-01');
    assert.equal(await active(), 'f-onsetDate');
    // Every control can be reached with Tab, in the order of the form, and nothing else in between.
    const order = [];
    await page.focus('#f-reportDate');
    for (let i = 0, n = await fieldCount(page); i < n; i++) {
      order.push(await active());
      await page.keyboard.press('Tab');
    }
    assert.deepEqual(order, await page.$$eval('form input', (els) => els.map((e) => e.id)));
    await assertClean(page, log);
    await context.close();
  });

  test('English: labels, hints, messages, fix buttons and <html lang> switch, and back', async () => {
    const { page, context, log } = await open();
    await page.click('#check-all');
    await field(page, 'passportNumber').fill('ＴＫ１２３４５６７');
    await field(page, 'passportNumber').blur();
    const en = page.locator('#lang-en');
    assert.equal(await en.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.getAttribute('#lang-ja', 'aria-pressed'), 'true');
    await en.click();
    assert.equal(await en.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getAttribute('#lang-ja', 'aria-pressed'), 'false');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.textContent('label[for="f-passportNumber"]'), /^Passport number/);
    assert.match(await page.textContent('label[for="f-passportNumber"]'), /パスポート番号（旅券番号）/, 'the HER-SYS label stays beside it');
    assert.match(await page.textContent('#h-diagnosisDate'), /^e\.g\./);
    assert.match(await page.textContent('#m-status'), /Error: .*status/i);
    assert.equal(await page.textContent('#m-passportNumber button.hv-fix'), 'Convert to half-width (TK1234567)');
    assert.equal(await page.$eval('#f-status-select', (s) => s.options[0].textContent), 'Select');
    assert.equal(await page.textContent('legend >> nth=2'), 'Entry and passport');
    assert.match(await page.textContent('#summary-counts'), /errors/);
    assert.match(await page.textContent('#privacy-note'), /Nothing is sent or stored/);
    await assertAxeClean(page, 'English, with errors');
    await page.click('#lang-ja');
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.match(await page.textContent('#m-status'), /現在のステータス/);
    await assertClean(page, log);
    await context.close();
  });

  test('with errors shown: axe clean, still no network, no CSP violation, no console error; screenshots', async () => {
    const { page, context, log } = await open();
    await field(page, 'entryDate').fill('2021-06-03');
    await field(page, 'diagnosisDate').fill('2021-06-10');
    await field(page, 'onsetDate').fill('令和3年6月3日');
    await field(page, 'onsetDate').blur();
    await choose(page, 'status', '死亡');
    await page.click('#check-all');
    assert.equal(await page.locator('.hv-issue').count() >= 4, true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await assertAxeClean(page, 'errors shown');
    // Passport fix, then everything filled in: no errors.
    await field(page, 'passportNumber').fill('ＴＫ１２３４５６７');
    await field(page, 'passportNumber').blur();
    await page.click('#m-passportNumber button.hv-fix');
    await field(page, 'deathDate').fill('2021-07-20');
    await choose(page, 'deathPlace', '病院');
    await page.click('#m-placeCategory button.hv-fix');
    await page.click('#check-all');
    assert.deepEqual(await page.$$eval('.hv-issue--error', (n) => n.length), 0);
    assert.match(await page.textContent('#summary-note'), /エラーはありません/);
    await assertClean(page, log);
    await context.close();

    // Screenshots for people to look at (test-results/, and docs/ with UPDATE_SCREENSHOTS=1).
    for (const [name, viewport] of [['page-1280', { width: 1280, height: 900 }], ['page-390', { width: 390, height: 844 }]]) {
      const shot = await openPage(suite, suite.url(PAGE), { viewport });
      const p = shot.page;
      await p.fill('#f-reportDate', '令和3年6月14日');
      await p.fill('#f-birthDate', '1980-01-01');
      await p.fill('#f-age', '30');
      await p.fill('#f-entryDate', '2021-06-03');
      await p.fill('#f-diagnosisDate', '2021-06-10');
      await p.fill('#f-passportNumber', 'ＴＫ１２３４５６７');
      await p.locator('#f-passportNumber').blur();
      await choose(p, 'status', '死亡');
      await p.click('#check-all');
      await p.mouse.move(0, 0);
      await p.evaluate(() => {
        document.activeElement.blur();
        window.scrollTo(0, 0);
      });
      await saveScreenshot(p, name, { docs: name === 'page-1280' ? 'screenshot-page.png' : 'screenshot-page-phone.png' });
      await assertClean(p, shot.log);
      await shot.context.close();
    }
  });
  test('?window=14: the passport hints and the checks follow the page’s window; a window the module refuses is said at the top', async () => {
    const { page, context, log } = await openPage(suite, suite.url(`${PAGE}&window=14`));
    assert.match(await page.textContent('#h-passportNumber'), /入国日から起算して14日以内/);
    assert.match(await page.textContent('#h-entryDate'), /14日以内/);
    assert.doesNotMatch(await page.textContent('#h-passportNumber'), /28/);
    await field(page, 'entryDate').fill('2021-06-03');
    await field(page, 'passportNumber').focus(); // reached (issue 22.3)
    await field(page, 'diagnosisDate').fill('2021-06-20'); // d = 17: inside 28 days, outside 14
    await field(page, 'diagnosisDate').blur();
    assert.deepEqual(await codes(page, 'passportNumber'), []);
    await field(page, 'diagnosisDate').fill('2021-06-16'); // d = 13: the last day inside 14
    await field(page, 'diagnosisDate').blur();
    assert.deepEqual(await codes(page, 'passportNumber'), ['passport.required']);
    assert.match(await page.textContent('#m-passportNumber'), /14日以内/, 'the message says the same window');
    await page.click('#lang-en');
    assert.match(await page.textContent('#h-passportNumber'), /within 14 days of entry, counting the day of entry/);
    assert.equal(await page.locator('#page-error').count(), 0);
    await assertClean(page, log);
    await context.close();

    const counted = await openPage(suite, suite.url(`${PAGE}&window=10&counting=dayAfterEntryIsDayOne`));
    assert.match(await counted.page.textContent('#h-passportNumber'), /入国日の翌日から数えて10日以内/);
    await counted.context.close();

    // The module decides what it can use: 0 and 400 are refused, visibly, and its default (28) is used.
    for (const bad of ['0', '400', 'abc']) {
      const refused = await openPage(suite, suite.url(`${PAGE}&window=${bad}`));
      const alert = refused.page.locator('#page-error');
      assert.equal(await alert.getAttribute('role'), 'alert');
      assert.match(await alert.textContent(), /「window」.*1〜366 の整数でない.*既定の 28 日/);
      assert.match(await refused.page.textContent('#h-passportNumber'), /28日以内/);
      await assertClean(refused.page, refused.log);
      await refused.context.close();
    }
  });

  test('groups, their order and the required markers come from the module’s catalogue(), not from the page', async () => {
    const { page, context, log } = await open();
    const fromPage = () =>
      page.$$eval('fieldset', (sets) =>
        sets.map((set) => ({
          legend: set.querySelector('legend').textContent,
          fields: [...set.querySelectorAll('.field[data-field]')].map((f) => f.dataset.field),
          required: [...set.querySelectorAll('.field[data-field]')].filter((f) => f.querySelector('.badge--required')).map((f) => f.dataset.field),
          ariaRequired: [...set.querySelectorAll('input[aria-required="true"]')].map((c) => c.closest('[data-field]').dataset.field),
        })),
      );
    const facts = await page.evaluate(async () => (await import('./lib/index.js')).catalogue());
    const expected = (required) =>
      facts.groups.map((g) => {
        const inGroup = g.fields.filter((k) => required.includes(k));
        return { legend: g.ja, fields: g.fields, required: inGroup, ariaRequired: inGroup };
      });
    assert.deepEqual(await fromPage(), expected(facts.required));
    // 診断年月日 is required since the revised rules: the page knows it because the module says so.
    assert.ok(facts.required.includes('diagnosisDate'));
    assert.equal(await page.getAttribute('#f-diagnosisDate', 'aria-required'), 'true');
    await assertClean(page, log);

    // A module whose catalogue differs (groups reversed, 国籍 required) changes the page with no page edit.
    await page.route('**/lib/validator.js', async (route) => {
      const response = await route.fetch();
      const original = await response.text();
      const body = original.replace(
        "return ready('catalogue').catalogue();",
        "const c = ready('catalogue').catalogue(); c.groups.reverse(); c.required.push('nationality'); return c;",
      );
      assert.notEqual(body, original, 'lib/validator.js still has catalogue() as the test expects');
      await route.fulfill({ response, body });
    });
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const changed = await fromPage();
    assert.deepEqual(changed, expected([...facts.required, 'nationality']).reverse());
    assert.equal(changed[0].legend, '感染原因・感染経路・感染地域');
    await context.close();
  });
});
