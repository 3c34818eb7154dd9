// attach() on forms the validator did not write (issue 21, points 1 and 4):
// forms that hold some of the fields (missingFields 'ignore' | 'report' |
// 'block'), labels of any length or content, a field name used twice (a
// responsive layout's hidden copy), and controls added later with odd labels.
// Each test mounts its own form in an empty page served beside the built
// www/lib, and ends with no page error, console error or late request.
// Run: node scripts/build.mjs && node --test tests/e2e/attach-hostile.test.mjs
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TODAY, assertAxeClean, assertClean, openPage, waitUntil } from './helpers.mjs';
import { attachHost, useHostPages } from './attach-pages.mjs';

const BLANK = attachHost(`<main>
<h1>attach() test form</h1>
<div id="host"></div>
</main>`);
const hosts = useHostPages({ 'blank.html': BLANK });

const open = () => openPage(hosts.suite, hosts.pages.url('blank.html'));

/**
 * Puts `html` into the page (with {REP:c:n} → c repeated n times, {LONE_HIGH} and {LONE_LOW} → lone
 * surrogates, made in the page so that nothing on the way mends them) and attaches to its form.
 * The page's own submit handler is the README's: it never navigates, asks handle.validate(), and
 * records what would be sent; it is added before attach(), as a page's own script would be.
 */
function mount(page, html, options = {}) {
  return page.evaluate(async ({ html, options }) => {
    const expand = (s) =>
      s
        .replace(/\{REP:(.):(\d+)\}/gu, (_, c, n) => c.repeat(Number(n)))
        .replaceAll('{LONE_HIGH}', String.fromCharCode(0xd800))
        .replaceAll('{LONE_LOW}', String.fromCharCode(0xdc00));
    const host = document.getElementById('host');
    host.innerHTML = expand(html);
    const form = host.querySelector('form');
    window.submits = [];
    window.focusedFirst = undefined;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const report = window.handle.validate();
      window.submits.push({ ok: report.ok, data: [...new FormData(form)] });
      if (!report.ok) {
        const first = report.shown.find((i) => i.severity === 'error');
        window.focusedFirst = first ? window.handle.focus(first.field) : null;
      }
    });
    window.handle = await window.hvAttach(form, options);
    return window.handle.keys;
  }, { html, options });
}

const submits = (page) => page.evaluate(() => window.submits);
const report = (page) =>
  page.evaluate(() => {
    const r = window.handle.report();
    const codes = (list) => list.map((i) => i.code);
    return { ok: r.ok, allOk: r.all.ok, shown: codes(r.shown), unplaced: codes(r.unplaced), issues: codes(r.issues) };
  });
/** Codes in the message box of `field` (data-field). */
const boxCodes = (page, field) => page.$$eval(`.hv-messages[data-field="${field}"] .hv-issue`, (n) => n.map((p) => p.dataset.code));
const missingCodes = (page) => page.$$eval('.hv-missing:not([hidden]) .hv-issue', (n) => n.map((p) => p.dataset.code));
const activeId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || null);

const PARTIAL = `<form id="f">
  <label>診断年月日 <input id="dx" name="dx"></label>
  <label>入国日 <input id="arrival" name="arrival"></label>
  <label>パスポート番号 <input id="pp" name="pp"></label>
  <div class="actions"><button id="send">送信</button></div>
</form>`;

describe('a form holding some of the fields (missingFields)', () => {
  test("default 'ignore': only the form's fields decide ok and block; the rest is in report.unplaced and report.all", async () => {
    const { page, context, log } = await open();
    assert.deepEqual(await mount(page, PARTIAL, { today: TODAY }), ['diagnosisDate', 'entryDate', 'passportNumber']);
    // The form's own required field blocks (the browser: no novalidate, no submit event).
    await page.click('#send');
    assert.deepEqual(await submits(page), []);
    assert.deepEqual(await boxCodes(page, 'diagnosisDate'), ['diagnosis.required']);
    assert.equal(await activeId(page), 'dx', "the browser's blocked submit focuses the invalid field");

    await page.fill('#dx', '2021-07-20');
    await page.click('#send');
    const sent = await submits(page);
    assert.equal(sent.length, 1, 'submitted although the record lacks 現在のステータス and 場所区分');
    assert.equal(sent[0].ok, true);
    assert.deepEqual(await report(page), {
      ok: true,
      allOk: false,
      shown: [],
      unplaced: ['status.required', 'place.category_required'],
      issues: ['status.required', 'place.category_required'],
    });
    assert.equal(await page.evaluate(() => document.getElementById('f').checkValidity()), true);
    // Nothing about them on screen or in the live region.
    assert.equal(await page.locator('.hv-missing').count(), 0);
    await page.waitForTimeout(1200);
    assert.doesNotMatch((await page.textContent('.hv-live')) ?? '', /フォームにない/);
    await assertClean(page, log);
    await context.close();
  });

  test('a click on 送信 right after typing submits, although the field gets a message as it is left', async () => {
    const { page, context, log } = await open();
    await mount(page, PARTIAL, { today: TODAY });
    await page.fill('#dx', '2021-07-20');
    await page.fill('#pp', 'tk1234567'); // lower case: a warning (passport.normalize), shown once the field is left
    const before = await page.$eval('#send', (b) => b.getBoundingClientRect().top);
    await page.click('#send');
    assert.equal((await submits(page)).length, 1, 'the press that left the field still submitted');
    await waitUntil(page, () => document.querySelector('.hv-messages[data-field="passportNumber"] .hv-issue'));
    assert.deepEqual(await boxCodes(page, 'passportNumber'), ['passport.normalize']);
    const afterTop = await page.$eval('#send', (b) => b.getBoundingClientRect().top);
    assert.ok(afterTop > before, 'the message did move the button, after the click');
    await assertClean(page, log);
    await context.close();
  });

  test("'report': the others are listed in one box before the button and announced, once revealed; they do not block", async () => {
    const { page, context, log } = await open();
    await mount(page, PARTIAL, { today: TODAY, missingFields: 'report' });
    await page.fill('#dx', '2021-07-20');
    await page.locator('#dx').blur();
    assert.equal(await page.locator('.hv-missing').count(), 0, "required fields elsewhere are not shouted before a submit");

    await page.click('#send');
    const sent = await submits(page);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].ok, true, "'report' does not block");
    assert.deepEqual(await missingCodes(page), ['status.required', 'place.category_required']);
    const box = await page.evaluate(() => {
      const b = document.querySelector('.hv-missing');
      return {
        visible: b.checkVisibility(),
        beforeButton: b.nextElementSibling?.id === 'send',
        title: b.querySelector('.hv-missing-title').textContent,
        named: b.getAttribute('aria-labelledby') === b.querySelector('.hv-missing-title').id,
        text: b.innerText,
        fixButtons: b.querySelectorAll('button').length,
      };
    });
    assert.equal(box.visible, true);
    assert.equal(box.beforeButton, true);
    assert.equal(box.title, 'このフォームにない項目');
    assert.equal(box.named, true);
    assert.match(box.text, /【現在のステータス】/);
    assert.match(box.text, /【場所区分】/);
    assert.equal(box.fixButtons, 0, 'no control to write a fix into');
    const r = await report(page);
    assert.equal(r.ok, true);
    assert.equal(r.allOk, false);
    assert.deepEqual(r.shown, ['status.required', 'place.category_required']);
    await waitUntil(page, () => /うち 2 件はこのフォームにない項目です。/.test(document.querySelector('.hv-live').textContent), undefined, 4000);
    await assertAxeClean(page, "missingFields 'report' box");
    // handle.focus() of a missing field goes to the box.
    assert.equal(await page.evaluate(() => window.handle.focus('status')), true);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('hv-missing')), true);
    // Back to 'ignore': the box empties and hides.
    await page.evaluate(() => window.handle.setOptions({ missingFields: 'ignore' }));
    assert.deepEqual(await missingCodes(page), []);
    assert.equal(await page.evaluate(() => document.querySelector('.hv-missing').hidden), true);
    await assertClean(page, log);
    await context.close();
  });

  test("cross-field issues: a held field follows a held field; a missing one shows at once under 'report', never under 'ignore'", async () => {
    const form = `<form>
      <label>現在のステータス <select id="st" name="st"><option value=""></option><option>入院中</option><option>死亡</option></select></label>
      <label>死亡日 <input id="dd" name="dd"></label>
      <button id="send">送信</button>
    </form>`;
    for (const mode of ['ignore', 'report']) {
      const { page, context, log } = await open();
      assert.deepEqual(await mount(page, form, { today: TODAY, missingFields: mode }), ['status', 'deathDate']);
      await page.selectOption('#st', '死亡');
      assert.deepEqual(await boxCodes(page, 'deathDate'), ['death.date_required'], `${mode}: 死亡日 is required for 死亡`);
      assert.match(await page.$eval('#dd', (i) => i.validationMessage), /死亡日付/);
      // 死亡場所 is not in the form: listed at once (its issue follows the status the user chose) or not at all.
      assert.deepEqual(await missingCodes(page), mode === 'report' ? ['death.place_required'] : [], mode);
      await page.fill('#dd', '2021-07-20');
      await page.click('#send');
      assert.equal((await submits(page)).length, 1, `${mode}: submits once the form's own fields are valid`);
      assert.equal((await submits(page))[0].ok, true);
      await assertClean(page, log);
      await context.close();
    }
  });

  test("'block': their errors make ok false and stop the submit (focus to the box); with novalidate the page's handler decides", async () => {
    const { page, context, log } = await open();
    await mount(page, PARTIAL, { today: TODAY, missingFields: 'block' });
    await page.fill('#dx', '2021-07-20');
    await page.click('#send');
    assert.deepEqual(await submits(page), [], 'no submit event reached the page');
    assert.deepEqual(await missingCodes(page), ['status.required', 'place.category_required']);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('hv-missing')), true, 'focus went to the box');
    assert.equal((await report(page)).ok, false);
    assert.equal(await page.evaluate(() => document.querySelector('form').checkValidity()), true, "checkValidity follows the form's own fields");
    await assertClean(page, log);

    // novalidate: the submit event comes; report.ok is false and handle.focus() of the first error goes to the box.
    await mount(page, PARTIAL.replace('<form id="f">', '<form id="f" novalidate>'), { today: TODAY, missingFields: 'block' });
    await page.fill('#dx', '2021-07-20');
    await page.click('#send');
    const sent = await submits(page);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].ok, false);
    assert.equal(await page.evaluate(() => window.focusedFirst), true);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('hv-missing')), true);
    assert.equal(await page.locator('.hv-missing').count(), 1, 'the first binding removed its box when its form went');
    await assertClean(page, log);
    await context.close();
  });
});

describe('labels of any length or content', () => {
  test('a 20,000-character label, 100,000-character aria labels and lone surrogates on non-field controls never stop the binding', async () => {
    const { page, context, log } = await open();
    const keys = await mount(page, `<form>
      <label>{REP:ラ:20000}<input id="note" name="note"></label>
      <label for="odd">{LONE_HIGH}備考{LONE_LOW}</label><input id="odd" name="odd">
      <label for="odd2">パスポート番号{LONE_HIGH}</label><input id="odd2" name="odd2">
      <textarea id="memo" name="memo" aria-label="{REP:*:100000}x"></textarea>
      <input id="titled" name="titled" title="{LONE_LOW}{REP:（:300}">
      <span id="huge">{REP:※:100000}</span><select id="sel" name="sel" aria-labelledby="huge"><option>a</option></select>
      <fieldset><legend>{REP:性:50000}{LONE_HIGH}</legend><label><input type="radio" name="r" value="1"> 1</label></fieldset>
      <label>{REP:診:20000}<input id="dx" name="diagnosisDate"></label>
      <label>パスポート番号（旅券番号）<input id="pp" name="pp"></label>
      <button id="send">送信</button>
    </form>`, { today: TODAY });
    assert.deepEqual(keys, ['diagnosisDate', 'passportNumber'], 'mapped by name and by a sane label; the rest left alone');
    const labels = await page.evaluate(() => ({
      long: document.querySelector('label').textContent.length,
      lone: document.querySelector('label[for="odd"]').textContent.isWellFormed(),
    }));
    assert.equal(labels.long, 20000);
    assert.equal(labels.lone, false, 'the lone surrogate reached the DOM');
    // The binding works: a full-width passport number gets its message, the odd controls stay untouched.
    await page.fill('#pp', 'ＴＫ１２３４５６７');
    await page.locator('#pp').blur();
    assert.deepEqual(await boxCodes(page, 'passportNumber'), ['passport.halfwidth']);
    for (const id of ['note', 'odd', 'odd2', 'memo', 'titled']) await page.fill(`#${id}`, 'x');
    await page.selectOption('#sel', 'a');
    await page.check('input[name="r"]');
    assert.equal(await page.locator('.hv-messages').count(), 2, 'boxes for the two fields only');
    assert.deepEqual(await page.evaluate(() => window.handle.keys), ['diagnosisDate', 'passportNumber']);
    await assertClean(page, log);
    await context.close();
  });
});

describe('a field name used twice (a responsive layout with a hidden copy)', () => {
  const copies = (first, second) => `<form>
    ${first}
    ${second}
    <input id="dx" name="diagnosisDate" value="2021-07-20">
    <button id="send">送信</button>
  </form>`;
  const NARROW = '<div id="narrow" hidden><label>パスポート番号 <input id="pp-narrow" name="passportNumber"></label></div>';
  const WIDE = '<div id="wide"><label>パスポート番号 <input id="pp-wide" name="passportNumber"></label></div>';
  const values = (page) => page.evaluate(() => [document.getElementById('pp-narrow').value, document.getElementById('pp-wide').value]);
  const sentPassports = async (page) => {
    const sent = await submits(page);
    return sent.at(-1).data.filter(([k]) => k === 'passportNumber').map(([, v]) => v);
  };

  test('hidden copy first: the visible copy is validated and fixed, the copies never differ at submit', async () => {
    const { page, context, log } = await open();
    await mount(page, copies(NARROW, WIDE), { today: TODAY });
    assert.equal(await page.evaluate(() => window.handle.controlFor('passportNumber').id), 'pp-wide', 'the visible copy stands for the field');
    await page.focus('#pp-wide');
    await page.keyboard.insertText('ＴＫ１２３４５６７');
    assert.deepEqual(await values(page), ['ＴＫ１２３４５６７', 'ＴＫ１２３４５６７'], 'typing is copied into the hidden copy');
    await page.locator('#pp-wide').blur();
    assert.deepEqual(await boxCodes(page, 'passportNumber'), ['passport.halfwidth']);
    const placement = await page.evaluate(() => {
      const box = document.querySelector('.hv-messages[data-field="passportNumber"]');
      return { visible: box.checkVisibility(), after: box.previousElementSibling?.contains(document.getElementById('pp-wide')) };
    });
    assert.deepEqual(placement, { visible: true, after: true }, 'the message sits by the visible copy');
    assert.deepEqual(
      await page.evaluate(() => [document.getElementById('pp-narrow').validationMessage, document.getElementById('pp-wide').validationMessage !== '']),
      ['', true],
      'the custom validity is on the visible copy',
    );
    // Blocked by the browser, which focuses the visible copy (no "not focusable" console error).
    await page.click('#send');
    assert.deepEqual(await submits(page), []);
    assert.equal(await activeId(page), 'pp-wide');

    // Alt+Enter: the fix goes into the visible copy, and into the hidden one.
    await page.keyboard.press('Alt+Enter');
    assert.deepEqual(await values(page), ['TK1234567', 'TK1234567']);
    await page.click('#send');
    assert.equal((await submits(page)).at(-1).ok, true);
    assert.deepEqual(await sentPassports(page), ['TK1234567', 'TK1234567']);

    // A script changes the hidden copy behind the user's back: the submit sends the validated value in both.
    await page.evaluate(() => {
      document.getElementById('pp-narrow').value = 'ＺＺ９９９';
    });
    await page.click('#send');
    assert.equal((await submits(page)).at(-1).ok, true);
    assert.deepEqual(await sentPassports(page), ['TK1234567', 'TK1234567']);
    assert.equal((await report(page)).ok, true);

    // The layout switches: the other copy is visible now and stands for the field; the messages follow it.
    await page.evaluate(() => {
      document.getElementById('narrow').hidden = false;
      document.getElementById('wide').hidden = true;
    });
    assert.equal(await page.evaluate(() => window.handle.controlFor('passportNumber').id), 'pp-narrow');
    await page.fill('#pp-narrow', 'ＡＢ１２３４５６７');
    await page.locator('#pp-narrow').blur();
    assert.deepEqual(await values(page), ['ＡＢ１２３４５６７', 'ＡＢ１２３４５６７']);
    assert.deepEqual(await boxCodes(page, 'passportNumber'), ['passport.halfwidth']);
    assert.equal(await page.evaluate(() => document.querySelector('.hv-messages[data-field="passportNumber"]').checkVisibility()), true);
    await page.focus('#pp-narrow');
    await page.keyboard.press('Alt+Enter');
    assert.deepEqual(await values(page), ['AB1234567', 'AB1234567']);
    await page.click('#send');
    assert.deepEqual(await sentPassports(page), ['AB1234567', 'AB1234567']);
    await assertClean(page, log);
    await context.close();
  });

  test('hidden copy second: the messages are not put after the hidden copy; handle.fix() writes both', async () => {
    const { page, context, log } = await open();
    await mount(page, copies(WIDE, NARROW), { today: TODAY });
    await page.fill('#pp-wide', 'ｔｋ１２３４５６７');
    await page.locator('#pp-wide').blur();
    const box = await page.evaluate(() => {
      const b = document.querySelector('.hv-messages[data-field="passportNumber"]');
      return { visible: b.checkVisibility(), inWide: document.getElementById('wide').contains(b) };
    });
    assert.deepEqual(box, { visible: true, inWide: true });
    assert.equal(await page.evaluate(() => window.handle.fix('passportNumber')), true);
    assert.deepEqual(await values(page), ['TK1234567', 'TK1234567']);
    assert.equal(await activeId(page), 'pp-wide', 'focus stays on the copy the user works in');
    await page.click('#send');
    assert.deepEqual(await sentPassports(page), ['TK1234567', 'TK1234567']);
    await assertClean(page, log);
    await context.close();
  });
});

describe('controls added later', () => {
  test('odd labels on added controls raise no uncaught error; added fields are bound', async () => {
    const { page, context, log } = await open();
    assert.deepEqual(await mount(page, '<form><label>パスポート番号 <input id="pp" name="pp"></label><button id="send">送信</button></form>', { today: TODAY }), ['passportNumber']);
    await page.evaluate(() => {
      const form = document.querySelector('form');
      const high = String.fromCharCode(0xd800);
      const add = (html) => form.querySelector('#send').insertAdjacentHTML('beforebegin', html);
      add(`<label>${'ラ'.repeat(20000)}<input id="long" name="long"></label>`);
      add(`<label>${high}${'*'.repeat(100000)}x<select id="lone" name="lone"><option>a</option><option>b</option></select></label>`);
      const huge = document.createElement('span');
      huge.id = 'huge-label';
      huge.textContent = `${'死亡日'.repeat(40000)}${high}`;
      document.body.append(huge);
      add('<input id="labelled" name="labelled" aria-labelledby="huge-label">');
      add('<label>現在のステータス <select id="st" name="st"><option value=""></option><option>入院中</option><option>死亡</option></select></label>');
      add('<label>死亡日 <input id="dd" name="dd"></label>');
    });
    await waitUntil(page, () => window.handle.keys.join(' ') === 'passportNumber status deathDate');
    await page.selectOption('#st', '死亡');
    assert.deepEqual(await boxCodes(page, 'deathDate'), ['death.date_required'], 'the added fields are validated');
    // Typing in the odd controls and relabelling them (the binder looks them up again) stays quiet.
    await page.fill('#long', 'x');
    await page.selectOption('#lone', 'b');
    await page.fill('#labelled', 'y');
    await page.evaluate(() => {
      const low = String.fromCharCode(0xdc00);
      document.getElementById('long').setAttribute('name', `n${low}${'x'.repeat(50000)}`);
      document.getElementById('labelled').setAttribute('aria-label', `${low}${'x'.repeat(100000)}`);
      document.getElementById('labelled').id = 'relabelled';
    });
    await page.fill('#relabelled', 'z');
    await page.fill('#dd', '2021-07-20');
    assert.deepEqual(await boxCodes(page, 'deathDate'), []);
    assert.deepEqual(await page.evaluate(() => window.handle.keys), ['passportNumber', 'status', 'deathDate']);
    await page.waitForTimeout(100); // let the last MutationObserver callbacks run
    await assertClean(page, log);
    await context.close();
  });
});
