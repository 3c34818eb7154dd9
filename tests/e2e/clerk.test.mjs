// A clerk's day on index.html (issue 22, points 1, 3, 4 and 5): the next record
// without F5, quiet date notes, findings that wait for the clerk, the phone
// layout, and the 必須 / 任意 marks. Desktop (1280 px) and phone (390 × 844).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TODAY, assertAxeClean, assertClean, codesIn, openPage, saveScreenshot, waitUntil } from './helpers.mjs';
import { attachHost, useHostPages } from './attach-pages.mjs';
import { choose } from './choose.mjs';

const PAGE = `index.html?today=${TODAY}`;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const VIEWPORTS = [['desktop', DESKTOP], ['phone', PHONE]];
// An embedder's own form, for attach()'s holdUnreached / quietNotes / fixAll.
const HOST = attachHost(`<main>
<h1>attach() host form</h1>
<form id="f" novalidate>
  <p><label>報告年月日 <input name="report_day"></label></p>
  <p><label for="st">現在のステータス</label> <select id="st" name="status"><option value=""></option><option>入院中</option><option>死亡</option></select></p>
  <p><label>死亡日 <input name="death_day"></label></p>
  <p><label>発病年月日 <input name="onset"></label></p>
  <button type="reset">消去</button>
</form>
</main>`, { hvIsQuiet: 'isQuietNote' });
const hosts = useHostPages({ 'host.html': HOST });

const open = (opts, url = PAGE) => openPage(hosts.suite, hosts.suite.url(url), opts);
const active = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const value = (page, key) => page.inputValue(`#f-${key}`);
const codes = (page, key) => codesIn(page, `#m-${key}`);
/** Focus moves a task after the form is cleared (once attach has handled the reset). */
const focusedOn = (page, id) => waitUntil(page, (i) => document.activeElement?.id === i, id).then(() => active(page));
const dialogOpen = (page) => page.$eval('#next-dialog', (d) => d.open);
const summaryCodes = (page) => page.$$eval('#summary li', (lis) => lis.map((li) => li.dataset.code));
/** Types into a field key by key, as a person does (user activation included). */
async function type(page, key, text) {
  await page.focus(`#f-${key}`);
  await page.keyboard.type(text, { delay: 5 });
}
const filledKeys = (page) =>
  page.$$eval('#record-form [name]', (cs) => cs.filter((c) => c.value !== '').map((c) => c.name));

describe('next record (issue 22.1)', () => {
  for (const [name, viewport] of VIEWPORTS) {
    test(`${name}: an empty form starts over at once; a filled one asks in a dialog (Escape keeps it), then clears it, keeping 報告年月日 when asked`, async () => {
      const { page, context, log } = await open({ viewport });
      const button = page.locator('#next-record');
      assert.equal(await button.getAttribute('aria-keyshortcuts'), 'Alt+N');
      assert.match(await button.textContent(), /次の届出へ\s*Alt\+N/, 'the shortcut is shown on the control');

      // Nothing typed: no question, focus in the first field.
      await page.focus('#f-age');
      await page.keyboard.press('Alt+N');
      assert.equal(await dialogOpen(page), false);
      assert.equal(await focusedOn(page, 'f-reportDate'), 'f-reportDate');

      // A record with an error, after check-all: the title and the summary say so.
      await type(page, 'reportDate', '2021-07-30');
      await type(page, 'diagnosisDate', '2021-07-40');
      await page.click('#check-all');
      assert.match(await page.title(), /^エラー：/);
      assert.ok((await summaryCodes(page)).length > 0);

      // Alt+N in a field: a modal dialog, focus on the safe button (the record was not copied).
      await page.focus('#f-diagnosisDate');
      await page.keyboard.press('Alt+N');
      assert.equal(await dialogOpen(page), true);
      assert.equal(await page.$eval('#next-dialog', (d) => d.matches(':modal')), true);
      assert.equal(await active(page), 'next-cancel');
      assert.equal(await page.getAttribute('#next-dialog', 'aria-labelledby'), 'next-dialog-title');
      await assertAxeClean(page, `${name}: the next-record dialog`);
      await saveScreenshot(page, `clerk-dialog-${name}`);
      // Escape cancels: the values stay, focus goes back to the field.
      await page.keyboard.press('Escape');
      assert.equal(await dialogOpen(page), false);
      assert.equal(await active(page), 'f-diagnosisDate');
      assert.deepEqual(await filledKeys(page), ['reportDate', 'diagnosisDate']);
      // 「戻る」 too.
      await page.keyboard.press('Alt+N');
      await page.click('#next-cancel');
      assert.equal(await dialogOpen(page), false);
      assert.deepEqual(await filledKeys(page), ['reportDate', 'diagnosisDate']);

      // Keep 報告年月日: everything else goes; focus in the first field left to type.
      await page.click('#next-record');
      await page.check('#keep-report-date');
      await page.click('#next-confirm');
      assert.equal(await dialogOpen(page), false);
      assert.deepEqual(await filledKeys(page), ['reportDate']);
      assert.equal(await value(page, 'reportDate'), '2021-07-30');
      assert.equal(await focusedOn(page, 'f-caseType'), 'f-caseType');
      await waitUntil(page, () => !document.title.startsWith('エラー'));
      assert.equal(await page.title(), 'HER-SYS 発生届 入力チェック');
      assert.deepEqual(await summaryCodes(page), [], 'the summary is cleared');
      assert.equal(await page.locator('.hv-issue').count(), 0);
      assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
      await waitUntil(page, () => document.getElementById('next-status').textContent !== '');
      assert.equal(await page.textContent('#next-status'), '新しい届出を入力できます。');
      // The kept 報告年月日 alone is not a record to lose: Alt+N starts over without asking.
      await page.keyboard.press('Alt+N');
      assert.equal(await dialogOpen(page), false, 'no question for a kept 報告年月日 alone');
      assert.deepEqual(await filledKeys(page), ['reportDate']);
      await waitUntil(page, () => document.activeElement?.id === 'f-caseType');

      // The choice is remembered (in memory: nothing in storage); unticked, 報告年月日 goes too.
      await type(page, 'age', '41');
      await choose(page, 'status', '入院中');
      await page.keyboard.press('Alt+N');
      assert.equal(await page.isChecked('#keep-report-date'), true, 'remembered for the session');
      await page.uncheck('#keep-report-date');
      await page.click('#next-confirm');
      assert.deepEqual(await filledKeys(page), []);
      await waitUntil(page, () => document.getElementById('f-status').value === '');
      assert.equal(await page.inputValue('#f-status'), '', 'the combobox shows the emptied choice');
      assert.equal(await focusedOn(page, 'f-reportDate'), 'f-reportDate');
      assert.equal(await page.getAttribute('#summary', 'data-state'), 'pristine');
      // Nothing typed is stored (the language choice may be: it is not a value).
      const stored = await page.evaluate(() => [localStorage, sessionStorage].flatMap((st) => Object.keys(st).map((k) => `${k}=${st.getItem(k)}`)).join('\n'));
      assert.doesNotMatch(stored, /2021|41|keep|reportDate/, 'nothing is stored');
      await assertAxeClean(page, `${name}: after next record`);
      await assertClean(page, log);
      await context.close();
    });
  }

  test('a copied record: the dialog says so and its focus is on 「消去して次の届出へ」 (Alt+N, Enter); an edit after the copy undoes that', async () => {
    const { page, context, log } = await open({ viewport: DESKTOP });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hosts.suite.url('/') });
    await type(page, 'reportDate', '2021-07-30');
    await page.click('#copy-record');
    await waitUntil(page, () => document.getElementById('action-status').textContent !== '');
    await page.focus('#f-age');
    await page.keyboard.press('Alt+N');
    assert.equal(await page.isVisible('#next-dialog-copied'), true);
    assert.equal(await active(page), 'next-confirm');
    await page.keyboard.press('Escape');
    await type(page, 'age', '41');
    await page.keyboard.press('Alt+N');
    assert.equal(await page.isVisible('#next-dialog-copied'), false, 'changed since the copy');
    assert.equal(await active(page), 'next-cancel');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    assert.deepEqual(await filledKeys(page), []);
    assert.equal(await focusedOn(page, 'f-reportDate'), 'f-reportDate');
    await assertClean(page, log);
    await context.close();
  });

  test('beforeunload: the browser asks only while the form holds values (not on an empty form, not after the next record)', async () => {
    // Empty: the page closes without a prompt.
    const empty = await open({ viewport: DESKTOP });
    const emptyDialogs = [];
    empty.page.on('dialog', (d) => {
      emptyDialogs.push(d.type());
      d.dismiss();
    });
    await empty.page.close({ runBeforeUnload: true });
    await empty.page.waitForEvent('close', { timeout: 3000 }).catch(() => {});
    assert.equal(empty.page.isClosed(), true);
    assert.deepEqual(emptyDialogs, []);
    await empty.context.close();

    const { page, context } = await open({ viewport: DESKTOP });
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      d.dismiss(); // stay on the page
    });
    await type(page, 'reportDate', '2021-06-20');
    await type(page, 'diagnosisDate', '2021-07-01');
    await page.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 300)); // the prompt, answered
    assert.deepEqual(dialogs, ['beforeunload']);
    assert.equal(page.isClosed(), false, 'the clerk chose to stay');
    assert.equal(await value(page, 'diagnosisDate'), '2021-07-01');
    // Cleared by 次の届出へ, 報告年月日 kept: a kept date alone is nothing to lose, no prompt.
    await page.keyboard.press('Alt+N');
    await page.check('#keep-report-date');
    await page.click('#next-confirm');
    await focusedOn(page, 'f-caseType');
    assert.equal(await value(page, 'reportDate'), '2021-06-20');
    await page.close({ runBeforeUnload: true });
    await page.waitForEvent('close', { timeout: 3000 }).catch(() => {});
    assert.equal(page.isClosed(), true);
    assert.deepEqual(dialogs, ['beforeunload']);
    await context.close();
  });
});

describe('quiet notes and findings that wait (issue 22.3)', () => {
  for (const [name, viewport] of VIEWPORTS) {
    test(`${name}: readable dates not in YYYY-MM-DD get a discreet mark (no box, no button); one 「日付をそろえる」 fixes them all`, async () => {
      const { page, context, log } = await open({ viewport });
      await type(page, 'reportDate', '令和3年7月30日');
      await type(page, 'onsetDate', 'R3.6.28');
      await type(page, 'diagnosisDate', '2021/7/1');
      await page.keyboard.press('Tab');
      for (const key of ['reportDate', 'onsetDate', 'diagnosisDate']) {
        assert.deepEqual(await codes(page, key), ['date.canonical'], key);
        const mark = page.locator(`#m-${key} .hv-issue`);
        assert.equal(await mark.getAttribute('class'), 'hv-issue hv-issue--info hv-issue--quiet');
        const style = await mark.evaluate((n) => [getComputedStyle(n).backgroundColor, getComputedStyle(n).borderLeftWidth]);
        assert.deepEqual(style, ['rgba(0, 0, 0, 0)', '0px'], `${key}: no box`);
        assert.equal(await page.locator(`#m-${key} button`).count(), 0);
        // Its text is the control's description (a screen reader hears it with the field).
        const described = await page.evaluate((k) => {
          const ids = document.getElementById(`f-${k}`).getAttribute('aria-describedby').split(/\s+/);
          return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
        }, key);
        assert.match(described, /YYYY-MM-DD 形式に統一できます/);
      }
      // Not listed one by one in the summary: one action.
      assert.deepEqual(await page.$$eval('#summary-others li', (lis) => lis.map((li) => li.dataset.code)), []);
      assert.equal(await page.isVisible('#normalize-dates'), true);
      assert.equal(await page.textContent('#normalize-dates'), '日付をそろえる（3件）');
      assert.equal(await page.getAttribute('#summary', 'data-state'), 'ok', 'a note is not a finding');
      await assertAxeClean(page, `${name}: quiet date notes`);
      await saveScreenshot(page, `clerk-quiet-${name}`);
      await page.click('#normalize-dates');
      assert.deepEqual(
        [await value(page, 'reportDate'), await value(page, 'onsetDate'), await value(page, 'diagnosisDate')],
        ['2021-07-30', '2021-06-28', '2021-07-01'],
      );
      assert.equal(await page.locator('.hv-issue').count(), 0);
      assert.equal(await page.isVisible('#normalize-box'), false);
      assert.equal(await active(page), 'summary-results', 'focus stays in the summary, not thrown into a field');
      assert.equal(await page.textContent('#action-status'), '3件の日付を YYYY-MM-DD にそろえました。');
      await assertAxeClean(page, `${name}: dates normalized`);
      await assertClean(page, log);
      await context.close();
    });

    test(`${name}: 死亡 puts nothing on 死亡日付 / 死亡場所 until the clerk reaches them (or checks all)`, async () => {
      const { page, context, log } = await open({ viewport });
      await choose(page, 'status', '死亡');
      assert.deepEqual(await codes(page, 'deathDate'), []);
      assert.deepEqual(await codes(page, 'deathPlace'), []);
      assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
      assert.deepEqual(await summaryCodes(page), []);
      // Reached by Tab: each appears as focus arrives, the later one still waits.
      await page.keyboard.press('Tab');
      assert.equal(await active(page), 'f-deathDate');
      assert.deepEqual(await codes(page, 'deathDate'), ['death.date_required']);
      assert.equal(await page.getAttribute('#f-deathDate', 'aria-invalid'), 'true');
      assert.deepEqual(await codes(page, 'deathPlace'), []);
      await page.keyboard.press('Tab');
      assert.deepEqual(await codes(page, 'deathPlace'), ['death.place_required']);
      assert.deepEqual(await summaryCodes(page), ['death.date_required', 'death.place_required']);
      await assertAxeClean(page, `${name}: reached death fields`);
      await assertClean(page, log);
      await context.close();

      // Check-all shows them without reaching them; so does reaching a later field (a click further down).
      const other = await open({ viewport });
      await choose(other.page, 'status', '死亡');
      assert.deepEqual(await codes(other.page, 'deathDate'), []);
      await other.page.click('#check-all');
      assert.deepEqual(await codes(other.page, 'deathDate'), ['death.date_required']);
      assert.deepEqual(await codes(other.page, 'deathPlace'), ['death.place_required']);
      await other.context.close();
      const third = await open({ viewport });
      await choose(third.page, 'status', '死亡');
      await third.page.focus('#f-placeCategory');
      assert.deepEqual(await codes(third.page, 'deathDate'), ['death.date_required']);
      assert.deepEqual(await codes(third.page, 'deathPlace'), ['death.place_required']);
      await third.context.close();
    });
  }
});

describe('year completion and the typing pause (review, point 1)', () => {
  test('6.12 with 「年を補う」 on: no error on a pause, completed on Tab; with the option off the error shows on the pause', async () => {
    const { page, context, log } = await open({ viewport: DESKTOP });
    await page.check('#year-fill');
    await type(page, 'reportDate', '2021-06-20');
    await type(page, 'diagnosisDate', '6.12');
    await page.waitForTimeout(1500); // twice the pause after which attach shows a field's errors
    assert.deepEqual(await codes(page, 'diagnosisDate'), [], 'nothing shown for a value completed on leaving');
    assert.equal(await page.getAttribute('#f-diagnosisDate', 'aria-invalid'), null);
    assert.doesNotMatch(await page.title(), /^エラー/);
    assert.doesNotMatch(await page.textContent('#summary-counts'), /エラー [1-9]/);
    await page.keyboard.press('Tab');
    assert.equal(await value(page, 'diagnosisDate'), '2021-06-12');
    assert.deepEqual(await codes(page, 'diagnosisDate'), []);
    assert.equal(await page.textContent('#next-status'), '診断年月日に、報告年月日に最も近い年を補いました。');
    // A month and a day that will not be completed (no such day) shows its error on the pause as ever.
    await type(page, 'onsetDate', '2.30');
    await page.waitForTimeout(1500);
    assert.ok((await codes(page, 'onsetDate')).length > 0, 'an error for a value left as it is');
    await page.fill('#f-onsetDate', '');
    // Off: 6/12 is date.no_year on the pause.
    await page.uncheck('#year-fill');
    await type(page, 'deathDate', '6/12');
    await page.waitForTimeout(1500);
    assert.deepEqual(await codes(page, 'deathDate'), ['date.no_year']);
    assert.match(await page.title(), /^エラー/);
    await assertClean(page, log);
    await context.close();
  });
});

describe('reading order and the desktop panel (review, points 2 and 7)', () => {
  /** The ids (or names) of the first `n` Tab stops from the top of the page. */
  async function tabStops(page, n) {
    await page.evaluate(() => document.activeElement?.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    const stops = [];
    for (let i = 0; i < n; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('href')?.replace(/\?.*/, '') || document.activeElement?.tagName));
    }
    return stops;
  }
  for (const [name, viewport] of VIEWPORTS) {
    test(`${name}: Tab goes from the masthead into the form, and into the summary after the form`, async () => {
      const { page, context, log } = await open({ viewport });
      assert.deepEqual(await tabStops(page, 4), ['lang-ja', 'lang-en', 'audit.html', 'f-reportDate']);
      // DOM order: the form, then the summary.
      const follows = await page.evaluate(
        () => (document.getElementById('record-form').compareDocumentPosition(document.getElementById('summary')) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
      );
      assert.ok(follows, 'the summary follows the form in the DOM');
      // From the form's last stop, Tab goes on into the summary (its check-all first).
      await page.focus(name === 'phone' ? '#check-all-end' : '#f-placeName');
      await page.keyboard.press('Tab');
      if (name === 'phone') await page.keyboard.press('Tab'); // the bar's counts link
      assert.equal(await active(page), 'check-all');
      const form = await page.locator('#record-form').boundingBox();
      const summary = await page.locator('#summary').boundingBox();
      if (name === 'phone') assert.ok(summary.y >= form.y + form.height - 1, 'below the form, as in the DOM');
      else {
        assert.ok(summary.x >= form.x + form.width, 'beside the form, on its right');
        assert.equal(await page.$eval('#summary', (s) => getComputedStyle(s).position), 'sticky');
      }
      await assertClean(page, log);
      await context.close();
    });
  }

  test('desktop 1280 × 900: a summary taller than the window is a Tab stop whose end the keyboard reaches', async () => {
    const { page, context, log } = await open({ viewport: DESKTOP });
    assert.equal(await page.getAttribute('#summary', 'tabindex'), '-1', 'all in view: no extra Tab stop');
    await page.check('#year-fill');
    await type(page, 'reportDate', 'R3.7.30');
    await type(page, 'diagnosisDate', '2021-07-40');
    await type(page, 'onsetDate', '2021-13-01');
    await type(page, 'age', 'x');
    await page.click('#check-all');
    await waitUntil(page, () => document.getElementById('summary').tabIndex === 0);
    await page.focus('#f-placeName');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'summary', 'the scrolling panel comes first, then its buttons');
    await page.keyboard.press('End');
    await waitUntil(page, () => {
      const panel = document.getElementById('summary').getBoundingClientRect();
      const tip = document.getElementById('fix-tip').getBoundingClientRect();
      return tip.bottom <= panel.bottom + 1 && tip.bottom <= window.innerHeight;
    });
    await saveScreenshot(page, 'clerk-desktop-tall-summary');
    await assertAxeClean(page, 'desktop: a tall summary');
    await assertClean(page, log);
    await context.close();
  });
});

describe('phone (issue 22.4)', () => {
  test('390 × 844: the first field is on screen on load, nothing overflows, enterkeyhint, check-all and the counts stay in reach', async () => {
    const { page, context, log } = await open({ viewport: PHONE });
    const box = await page.locator('#f-reportDate').boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= PHONE.height, `the first field is on screen (${JSON.stringify(box)})`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
    assert.equal(await overflow(), PHONE.width);
    // enterkeyhint: "next" on every input, "done" on the last.
    const hints = await page.$$eval('#record-form input.control', (is) => is.map((i) => i.getAttribute('enterkeyhint')));
    assert.ok(hints.length > 5);
    assert.deepEqual(hints, [...hints.slice(0, -1).map(() => 'next'), 'done']);
    // The bar: check-all and the counts at the bottom of the screen, wherever the clerk is.
    for (const scroll of [0, 1200]) {
      await page.evaluate((y) => window.scrollTo(0, y), scroll);
      for (const id of ['check-all-end', 'bar-counts']) {
        const b = await page.locator(`#${id}`).boundingBox();
        assert.ok(b && b.y >= 0 && b.y + b.height <= PHONE.height + 0.5, `${id} on screen at scroll ${scroll}: ${JSON.stringify(b)}`);
      }
    }
    assert.equal(await page.textContent('#bar-counts'), '確認結果');
    await saveScreenshot(page, 'clerk-phone-load');
    await page.screenshot({ path: 'test-results/clerk-phone-viewport.png' });
    await assertAxeClean(page, 'phone on load');
    // A field with an error: the bar counts it.
    await type(page, 'age', 'x');
    await page.keyboard.press('Tab');
    assert.equal(await page.textContent('#bar-counts'), 'エラー 1件・警告 0件');
    await page.click('#check-all-end');
    assert.equal(await active(page), 'summary-results');
    assert.equal(await overflow(), PHONE.width);
    await page.click('#bar-counts');
    assert.equal(await active(page), 'summary', 'the counts link takes the clerk to the summary');
    await assertAxeClean(page, 'phone after check-all');
    await page.keyboard.press('Alt+N');
    assert.equal(await overflow(), PHONE.width);
    await page.screenshot({ path: 'test-results/clerk-phone-dialog.png' });
    await assertClean(page, log);
    await context.close();
  });

  test('a touch screen: the keyboard’s "next" key moves on through every field, "done" goes to check-all', async () => {
    const context = await hosts.suite.browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 1, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(hosts.suite.url(PAGE));
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true);
    await page.focus('#f-reportDate');
    await page.keyboard.press('Enter');
    assert.equal(await active(page), 'f-caseType', 'on to the next field, a select included');
    await page.focus('#f-placeName');
    await page.keyboard.press('Enter');
    assert.equal(await active(page), 'check-all-end');
    await context.close();

    // A desktop keeps Enter for itself (a clerk confirming a value with Enter, then Tab, skips nothing).
    const desktop = await open({ viewport: DESKTOP });
    await desktop.page.focus('#f-reportDate');
    await desktop.page.keyboard.press('Enter');
    assert.equal(await active(desktop.page), 'f-reportDate');
    await desktop.context.close();
  });
});

describe('必須 and 任意 marks (issue 22.5)', () => {
  for (const [name, viewport] of VIEWPORTS) {
    test(`${name}: every field says 必須, 任意 or 該当時必須, from the module's required list, in both languages`, async () => {
      const { page, context, log } = await open({ viewport });
      const marks = () => page.$$eval('.field[data-field]', (fs) => fs.map((f) => [f.dataset.field, [...f.querySelectorAll('.badge')].map((b) => b.textContent)]));
      const facts = await page.evaluate(async () => (await import('./lib/index.js')).catalogue());
      const conditional = ['passportNumber', 'deathDate', 'deathPlace'];
      const expected = (t) => (key) => (facts.required.includes(key) ? t.required : conditional.includes(key) ? t.conditional : t.optional);
      const ja = await marks();
      assert.equal(ja.length, 23);
      for (const [key, badges] of ja) assert.deepEqual(badges, [expected({ required: '必須', optional: '任意', conditional: '該当時必須' })(key)], key);
      // The mark is part of the label: a screen reader hears it with the field's name.
      assert.match(await page.evaluate(() => document.getElementById('f-age').labels[0].textContent), /任意/);
      // The legend explains all three marks.
      assert.match(await page.textContent('#marks-legend'), /「必須」「該当時必須」「任意」/);
      await saveScreenshot(page, `clerk-marks-${name}`);
      await page.click('#lang-en');
      assert.match(await page.textContent('#marks-legend'), /"Required", "Required if applicable" and "Optional"/);
      for (const [key, badges] of await marks()) {
        assert.deepEqual(badges, [expected({ required: 'Required', optional: 'Optional', conditional: 'Required if applicable' })(key)], key);
      }
      assert.equal(await page.textContent('#next-record span'), 'Next notification');
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width);
      await assertAxeClean(page, `${name}: marks in English`);
      await assertClean(page, log);
      await context.close();
    });
  }
});

describe('attach() for embedders: holdUnreached, quietNotes, fixAll (issue 22.3)', () => {
  const boxCodes = (page, name) =>
    page.evaluate((n) => {
      const box = document.querySelector(`[name="${n}"]`).closest('p').querySelector('.hv-messages');
      return box ? [...box.querySelectorAll('.hv-issue')].map((i) => i.dataset.code) : [];
    }, name);
  const mount = (page, options) =>
    page.evaluate(async (o) => {
      window.handle = await window.hvAttach(document.getElementById('f'), { today: '2021-07-31', ...o });
    }, options);

  test('by default a cross-field issue shows at once (unchanged); with holdUnreached it waits for focus, validate() or a later field; a reset forgets', async () => {
    const { page, context, log } = await openPage(hosts.suite, hosts.pages.url('host.html'));
    await mount(page, {});
    await page.selectOption('#st', '死亡');
    assert.deepEqual(await boxCodes(page, 'death_day'), ['death.date_required'], 'the default is as before');
    await page.evaluate(() => window.handle.detach());

    await mount(page, { holdUnreached: true });
    assert.deepEqual(await boxCodes(page, 'death_day'), [], 'not reached yet');
    await page.focus('[name="death_day"]');
    assert.deepEqual(await boxCodes(page, 'death_day'), ['death.date_required'], 'shown as focus arrives');
    assert.equal(await page.getAttribute('[name="death_day"]', 'aria-invalid'), 'true');
    // A reset forgets what was reached (the field focus is in counts).
    await page.focus('#st');
    await page.click('button[type="reset"]');
    await waitUntil(page, () => Object.keys(window.handle.report().record).length === 0);
    await page.selectOption('#st', '死亡');
    assert.deepEqual(await boxCodes(page, 'death_day'), []);
    assert.equal(await page.evaluate(() => window.handle.validate().shown.map((i) => i.code).join()), 'death.date_required');
    assert.deepEqual(await boxCodes(page, 'death_day'), ['death.date_required'], 'validate() shows everything');
    await page.click('button[type="reset"]');
    await waitUntil(page, () => !window.handle.report().allRevealed); // attach handles a reset a task later
    await page.selectOption('#st', '死亡');
    await page.focus('[name="onset"]'); // a later field: 死亡日 counts as reached
    assert.deepEqual(await boxCodes(page, 'death_day'), ['death.date_required']);
    await assertClean(page, log);
    await context.close();
  });

  test('quietNotes: one discreet line without a button, described; Alt+Enter and fixAll() apply them, focus left alone', async () => {
    const { page, context, log } = await openPage(hosts.suite, hosts.pages.url('host.html'));
    await mount(page, { quietNotes: true });
    await page.fill('[name="report_day"]', '令和3年7月30日');
    await page.fill('[name="onset"]', 'R3.7.1');
    await page.focus('#st');
    const quiet = await page.$$eval('.hv-issue', (ns) => ns.map((n) => [n.dataset.code, n.classList.contains('hv-issue--quiet'), n.querySelector('button') !== null]));
    assert.deepEqual(quiet, [['date.canonical', true, false], ['date.canonical', true, false]]);
    assert.equal(await page.evaluate(() => window.handle.report().shown.every(window.hvIsQuiet)), true);
    const described = await page.$eval('[name="onset"]', (c) => c.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join());
    assert.match(described, /YYYY-MM-DD/);
    await assertAxeClean(page, 'quiet notes on a host form');
    await page.focus('[name="report_day"]');
    await page.keyboard.press('Alt+Enter');
    assert.equal(await page.inputValue('[name="report_day"]'), '2021-07-30');
    await page.fill('[name="report_day"]', 'R3.7.30');
    await page.focus('#st');
    assert.equal(await page.evaluate(() => window.handle.fixAll()), 2);
    assert.deepEqual([await page.inputValue('[name="report_day"]'), await page.inputValue('[name="onset"]')], ['2021-07-30', '2021-07-01']);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'st', 'focus stays');
    assert.equal(await page.locator('.hv-issue').count(), 0);
    assert.equal(await page.evaluate(() => window.handle.fixAll()), 0);
    await assertClean(page, log);
    await context.close();
  });
});
