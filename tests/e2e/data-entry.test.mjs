// Heads-down data entry on www/index.html (issue 10, points 1–6) and refused
// URL options on every page (issue 12, point 8), in headless Chromium at
// desktop (1280 px) and phone (390 px) sizes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TODAY, assertAxeClean, assertClean, codesIn, openPage, saveScreenshot, startSuite } from './helpers.mjs';
import { choose } from './choose.mjs';

const PAGE = `index.html?today=${TODAY}`;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
let suite;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

const open = (opts, url = PAGE) => openPage(suite, suite.url(url), opts);
const active = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const value = (page, key) => page.inputValue(`#f-${key}`);
const codes = (page, key) => codesIn(page, `#m-${key}`);

describe('Tab always goes to the next field; no keystroke is lost (issue 10.1)', () => {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`${name}: 和暦 R3.6.1, Tab, type on; the same by IME commits; a full-width passport, Tab`, async () => {
      const { page, context, log } = await open({ viewport });
      // Key presses: the date shows its canonical note (with a fix button) on leaving, Tab lands in the next field.
      await page.focus('#f-onsetDate');
      await page.keyboard.type('R3.6.1', { delay: 10 });
      await page.keyboard.press('Tab');
      assert.equal(await active(page), 'f-firstVisitDate');
      assert.deepEqual(await codes(page, 'onsetDate'), ['date.canonical'], 'the message is shown when the field is left');
      await page.keyboard.type('R3.6.2', { delay: 10 });
      assert.equal(await value(page, 'onsetDate'), 'R3.6.1', 'nothing was appended to the previous field');
      assert.equal(await value(page, 'firstVisitDate'), 'R3.6.2');
      await page.keyboard.press('Tab');
      assert.equal(await active(page), 'f-diagnosisDate');

      // IME: committed text arrives as insertText (no key events for the characters).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Input.insertText', { text: '令和3年6月10日' });
      await page.keyboard.press('Tab');
      assert.equal(await active(page), 'f-infectionDate');
      await cdp.send('Input.imeSetComposition', { text: 'れいわ', selectionStart: 3, selectionEnd: 3 });
      await cdp.send('Input.insertText', { text: '令和3年6月1日' });
      assert.equal(await value(page, 'diagnosisDate'), '令和3年6月10日');
      assert.equal(await value(page, 'infectionDate'), '令和3年6月1日');
      await page.keyboard.press('Tab');
      assert.equal(await active(page), 'f-infectionRegion', 'the next field, past the two fix buttons now shown');

      // A full-width passport typed by IME, then Tab: focus on the next control, value intact.
      await page.focus('#f-passportNumber');
      await cdp.send('Input.insertText', { text: 'ＴＫ１２３４５６７' });
      await page.keyboard.press('Tab');
      assert.equal(await active(page), 'f-status');
      assert.deepEqual(await codes(page, 'passportNumber'), ['passport.halfwidth']);
      assert.equal(await value(page, 'passportNumber'), 'ＴＫ１２３４５６７');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await active(page), 'f-passportNumber', 'Shift+Tab goes back to the field, not to its fix button');

      // Fix buttons are there for the pointer, out of the Tab order, and carry the shortcut.
      const fix = page.locator('#m-passportNumber button.hv-fix');
      assert.equal(await fix.getAttribute('tabindex'), '-1');
      assert.equal(await fix.getAttribute('aria-keyshortcuts'), 'Alt+Enter Control+.');
      const described = await page.$eval('#f-passportNumber', (i) =>
        i.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' '));
      assert.match(described, /全角→半角（TK1234567）.*Alt\+Enter/, 'the field describes its fix and the shortcut');
      await fix.click();
      assert.equal(await value(page, 'passportNumber'), 'TK1234567');
      assert.equal(await active(page), 'f-passportNumber');

      // No Tab stop but the fields from the first to the last.
      await page.focus('#f-reportDate');
      const stops = [];
      for (let i = 0; i < 23; i++) {
        stops.push(await active(page));
        await page.keyboard.press('Tab');
      }
      assert.deepEqual(stops, await page.$$eval('form input', (els) => els.map((e) => e.id)));
      await assertClean(page, log);
      await context.close();
    });
  }

  test('shortcuts: Alt+Enter and Ctrl+. apply the first fix of the field, even before its message shows', async () => {
    const { page, context, log } = await open();
    await page.focus('#f-age');
    await page.fill('#f-birthDate', '1980-01-01');
    await page.fill('#f-diagnosisDate', '2021-06-10');
    await page.focus('#f-age');
    await page.keyboard.type('30');
    await page.keyboard.press('Alt+Enter');
    assert.equal(await value(page, 'age'), '41');
    assert.equal(await active(page), 'f-age');
    await choose(page, 'placeCategory', '職場');
    await choose(page, 'placeCategory', '');
    await page.focus('#f-placeCategory');
    await page.keyboard.press('Control+.');
    assert.equal(await value(page, 'placeCategory'), '場所種別不明');
    // A field without a fix: the shortcut does nothing, and nothing is typed.
    await page.focus('#f-placeName');
    await page.keyboard.press('Alt+Enter');
    assert.equal(await value(page, 'placeName'), '');
    assert.equal(await active(page), 'f-placeName');
    await assertClean(page, log);
    await context.close();
  });
});

describe('the summary leads with errors (issue 10.2)', () => {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`${name}: errors in form order first; warnings and notes after, in a second quieter list; counts stay`, async () => {
      const { page, context, log } = await open({ viewport });
      await page.fill('#f-reportDate', '令和3年7月1日'); // note: canonical (reportDate comes first in the form)
      await page.fill('#f-entryDate', '2021-06-03');
      await page.fill('#f-diagnosisDate', '2021-07-01'); // passport.boundary_day: a warning
      await page.fill('#f-passportNumber', '');
      await page.fill('#f-age', 'x');
      await page.click('#check-all');
      const errors = await page.$$eval('#summary-list li', (lis) => lis.map((li) => li.dataset.code));
      const others = await page.$$eval('#summary-others li', (lis) => lis.map((li) => li.dataset.code));
      assert.deepEqual(errors, ['age.invalid', 'status.required', 'place.category_required'], 'errors only, in form order');
      // The canonical-date note is a quiet mark with one 「日付をそろえる」 (issue 22.3), not a list item.
      assert.deepEqual(others, ['passport.boundary_day']);
      assert.equal(await page.textContent('#summary-others-title'), '警告・参考');
      // The secondary list follows the errors in the DOM and is visibly quieter (no tinted background).
      assert.equal(await page.evaluate(() => Boolean(document.getElementById('summary-list').compareDocumentPosition(document.getElementById('summary-others')) & Node.DOCUMENT_POSITION_FOLLOWING)), true);
      const bg = await page.$eval('#summary-others li', (li) => getComputedStyle(li).backgroundColor);
      assert.equal(bg, 'rgba(0, 0, 0, 0)');
      assert.match(await page.textContent('#summary-counts'), /エラー 3件・警告 1件・参考 0件/);
      await page.click('#normalize-dates');
      assert.equal(await value(page, 'reportDate'), '2021-07-01');
      await assertAxeClean(page, 'summary with errors and warnings');
      await assertClean(page, log);
      await context.close();
    });
  }
});

describe('check-all where the thumb is (issue 10.3)', () => {
  test('phone: a check-all button follows the last field and brings focus to the summary; desktop keeps one place', async () => {
    const { page, context, log } = await open({ viewport: PHONE });
    const end = page.locator('#check-all-end');
    assert.equal(await end.isVisible(), true);
    const follows = await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight); // the bar sticks to the screen's bottom until the form's end
      const fields = [...document.querySelectorAll('form input')];
      const last = fields[fields.length - 1];
      const button = document.getElementById('check-all-end');
      return Boolean(last.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING)
        && button.getBoundingClientRect().top > last.getBoundingClientRect().bottom;
    });
    assert.ok(follows, 'after the last field, below it');
    await page.focus('#f-placeName');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'check-all-end', 'the next Tab stop after the last field');
    await page.keyboard.press('Enter');
    assert.equal(await active(page), 'summary-results');
    assert.deepEqual(await page.$$eval('#summary-list li', (lis) => lis.map((li) => li.dataset.code)), ['diagnosis.required', 'status.required', 'place.category_required']);
    const top = await page.$eval('#summary', (s) => s.getBoundingClientRect().top);
    // Within a pixel: scrolling to a fractional offset can leave -0.16.
    assert.ok(top > -1 && top < 844, `the summary is scrolled into view (top ${top})`);
    await assertAxeClean(page, 'phone, after check-all');
    await assertClean(page, log);
    await context.close();

    const desktop = await open({ viewport: DESKTOP });
    assert.equal(await desktop.page.locator('#check-all-end').isVisible(), false);
    assert.equal(await desktop.page.locator('#check-all').isVisible(), true);
    await desktop.context.close();
  });
});

describe('language selector (issue 10.4)', () => {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`${name}: each language named in itself, current one pressed, kept across reloads, carried to the audit page and back`, async () => {
      const { page, context, log } = await open({ viewport }, 'index.html');
      const pressed = () => page.$$eval('#lang-switch button', (bs) => bs.map((b) => [b.textContent, b.lang, b.getAttribute('aria-pressed')]));
      assert.deepEqual(await pressed(), [['日本語', 'ja', 'true'], ['English', 'en', 'false']]);
      assert.equal(await page.getAttribute('#lang-switch', 'role'), 'group');
      await page.click('#lang-en');
      assert.deepEqual(await pressed(), [['日本語', 'ja', 'false'], ['English', 'en', 'true']]);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.evaluate(() => localStorage.getItem('hersys-validator.lang')), 'en');
      // Reload without any parameter: English again.
      await page.goto(suite.url('index.html'));
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.getAttribute('#lang-en', 'aria-pressed'), 'true');
      // To the audit page by its link: English there, with the same selector.
      await Promise.all([page.waitForURL(/audit\.html/), page.click('a[data-carry-lang]')]);
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.getAttribute('#lang-en', 'aria-pressed'), 'true');
      await assertAxeClean(page, 'audit page in English');
      // Back in Japanese from there.
      await page.click('#lang-ja');
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      await Promise.all([page.waitForURL(/index\.html/), page.click('a[data-carry-lang]')]);
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      assert.equal(await page.getAttribute('#lang-ja', 'aria-pressed'), 'true');
      assert.deepEqual(log.pageErrors, []);
      assert.deepEqual(log.consoleErrors, []);
      // Only our own origin was ever asked for anything.
      const origin = new URL(suite.url('/')).origin;
      assert.deepEqual(log.requests.filter((u) => new URL(u).origin !== origin), []);
      await context.close();
    });
  }
});

describe('Japanese line breaking (issue 10.5)', () => {
  for (const [name, viewport] of [['1280', DESKTOP], ['390', PHONE]]) {
    test(`${name} px: messages break between phrases (auto-phrase, strict), never inside 「ください」`, async () => {
      const { page, context, log } = await open({ viewport });
      await page.fill('#f-entryDate', '2021-06-03');
      await page.fill('#f-diagnosisDate', '2021-06-10');
      await page.fill('#f-passportNumber', 'ＴＫ１２３４５６７');
      await choose(page, 'status', '死亡');
      await page.click('#check-all');
      const style = await page.$eval('#m-passportNumber .hv-text', (t) => [getComputedStyle(t).wordBreak, getComputedStyle(t).lineBreak]);
      assert.deepEqual(style, ['auto-phrase', 'strict']);
      // Where a message wraps, no line ends inside ください (measured on the rendered text).
      const splits = await page.evaluate(() => {
        const bad = [];
        for (const node of document.querySelectorAll('.hv-text, .summary__item a, .field__hint')) {
          const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
          for (let t = walker.nextNode(); t; t = walker.nextNode()) {
            const text = t.textContent;
            for (let at = text.indexOf('ください'); at >= 0; at = text.indexOf('ください', at + 1)) {
              const range = document.createRange();
              range.setStart(t, at);
              range.setEnd(t, at + 4);
              if (range.getClientRects().length > 1 && new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) bad.push(text);
            }
          }
        }
        return bad;
      });
      assert.deepEqual(splits, []);
      await page.evaluate(() => {
        document.activeElement.blur();
        window.scrollTo(0, 0);
      });
      await saveScreenshot(page, `line-breaking-${name}`);
      await assertClean(page, log);
      await context.close();
    });
  }

  test('the audit page breaks its Japanese the same way', async () => {
    const { page, context } = await open({ viewport: PHONE }, `audit.html?today=${TODAY}`);
    // Its own texts carry a <wbr> between phrases and keep the rest whole (www/app/phrases.js), as the form's do.
    const lead = await page.$eval('.masthead__lead', (p) => [getComputedStyle(p).wordBreak, getComputedStyle(p).lineBreak, p.classList.contains('phrased'), p.querySelectorAll('wbr').length]);
    assert.deepEqual(lead.slice(0, 3), ['keep-all', 'strict', true]);
    assert.ok(lead[3] >= 5, 'breaks between the phrases of the lead');
    await saveScreenshot(page, 'audit-390');
    await context.close();
  });
});

describe('taking the corrected values away (issue 10.6)', () => {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`${name} copy: labels and values with the fixes applied, the errors left, as plain text; no request`, async () => {
      const { page, context, log } = await open({ viewport });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(suite.url('/')).origin });
      await page.fill('#f-entryDate', 'R3.6.3');
      await page.fill('#f-diagnosisDate', '令和3年6月10日');
      await page.fill('#f-passportNumber', 'ｔｋ１２３４５６７');
      await choose(page, 'status', '入院中');
      await page.click('#copy-record');
      await page.waitForFunction(() => document.getElementById('action-status').textContent !== '');
      assert.match(await page.textContent('#action-status'), /コピーしました/);
      const text = await page.evaluate(() => navigator.clipboard.readText());
      const lines = text.trimEnd().split('\n');
      assert.equal(lines[0], '発生届 入力チェック：修正を反映した内容');
      assert.equal(lines[1], `基準日：${TODAY}`);
      assert.deepEqual(lines.slice(3), [
        '診断年月日：2021-06-10',
        '入国日：2021-06-03',
        'パスポート番号（旅券番号）：TK1234567',
        '現在のステータス：入院中',
        '場所区分：場所種別不明',
      ], 'form order, fixes applied (half-width, canonical dates, 場所種別不明), nothing left to fix');
      // With an error no fix can resolve: it is listed (message only, never the value).
      await page.fill('#f-age', '999');
      await page.click('#copy-record');
      await page.waitForFunction(() => document.getElementById('action-status').textContent !== '');
      const second = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(second, /\n診断時の年齢：999\n/);
      assert.match(second, /\n\n未解決のエラー 1件\n・診断時の年齢：[^\n]*0〜150[^\n]*\n$/);
      assert.equal(second.match(/999/g).length, 1, 'the message does not repeat the value');
      await assertClean(page, log);
      await context.close();
    });
  }

  test('print: the record and its issues, without the buttons; one column', async () => {
    const { page, context, log } = await open();
    await page.fill('#f-passportNumber', 'ＴＫ１２３４５６７');
    await choose(page, 'status', '死亡');
    await page.click('#check-all');
    await page.emulateMedia({ media: 'print' });
    const seen = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((n) => n.getClientRects().length > 0);
      return {
        issues: shown('.hv-issue'),
        summary: shown('#summary-list li'),
        fields: shown('form input'),
        fixButtons: shown('.hv-fix') || shown('.summary__fix'),
        tools: shown('.masthead__tools') || shown('#check-all') || shown('#copy-record'),
        layout: getComputedStyle(document.getElementById('main')).display,
      };
    });
    assert.deepEqual(seen, { issues: true, summary: true, fields: true, fixButtons: false, tools: false, layout: 'block' });
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, 'a PDF was printed');
    await page.emulateMedia({ media: 'screen' });
    await assertClean(page, log);
    await context.close();
  });
});

describe('a refused ?today= is said on every page (issue 12.8)', () => {
  for (const [file, ready] of [['index.html', '#f-passportNumber'], ['embed.html', '#pp_no'], ['audit.html', '#file']]) {
    test(`${file}?today=2021-02-30: a visible error, and the page still works on the local date`, async () => {
      const { page, context, log } = await open({}, `${file}?today=2021-02-30`);
      const alert = page.locator('#page-error');
      assert.equal(await alert.isVisible(), true);
      assert.equal(await alert.getAttribute('role'), 'alert');
      assert.match(await alert.textContent(), /today/);
      assert.doesNotMatch(await alert.textContent(), /2021-02-30/, 'the refused text is not echoed');
      await page.locator(ready).waitFor();
      if (file !== 'audit.html') {
        await page.fill(ready, 'ＴＫ１２３４５６７');
        await page.locator(ready).blur();
        const described = await page.$eval(ready, (i) => i.getAttribute('aria-describedby') ?? '');
        assert.match(described, /hv\d+-/, 'the form validates');
      } else {
        assert.equal(await page.$eval('#file', (i) => i.disabled), false);
      }
      await assertAxeClean(page, `${file} with a refused today`);
      await assertClean(page, log);
      await context.close();
    });
  }

  test('a valid ?today= shows no error', async () => {
    const { page, context } = await open();
    assert.equal(await page.locator('#page-error').count(), 0);
    await context.close();
  });
});
