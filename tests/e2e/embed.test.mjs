// End-to-end tests of js/attach.js (served as www/lib/attach.js) on www/embed.html,
// a form written without the validator in mind. Run: node --test tests/e2e/
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TODAY, assertAxeClean, assertClean, openPage, saveScreenshot, startSuite } from './helpers.mjs';

const PAGE = `embed.html?today=${TODAY}`;
const SENDABLE = '送信できる状態です（デモ：送信はしません）';
let suite;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

const open = (opts) => openPage(suite, suite.url(PAGE), opts);
/** Codes of the messages attach() rendered for the control with this id. */
const codes = (page, id) =>
  page.evaluate((i) => {
    const ids = (document.getElementById(i).getAttribute('aria-describedby') ?? '').split(/\s+/);
    // The message, its fix button and the shortcut hint of one issue are all described: one code each.
    const issues = new Set(ids.map((x) => document.getElementById(x)?.closest('.hv-issue')).filter(Boolean));
    return [...issues].map((p) => p.dataset.code);
  }, id);
const checkValidity = (page) => page.evaluate(() => document.getElementById('clinic-form').checkValidity());
const submits = (page) => page.evaluate(() => Number(document.getElementById('clinic-form').dataset.submits ?? 0));

describe('embed.html (attach)', () => {
  test('maps the clinic form by options.map, by name and by label; leaves other inputs alone', async () => {
    const { page, context, log } = await open();
    const keys = (await page.getAttribute('#clinic-form', 'data-mapped-keys')).split(' ');
    assert.deepEqual(keys, [
      'reportDate', // 「届出年月日」 (label, an alias)
      'caseType', // 「類型」 (label)
      'sex', // radios, by the <legend>
      'birthDate', // map: dob
      'age', // name is the field key
      'diagnosisDate', // map: dx_date
      'entryDate', // map: arrival
      'passportNumber', // 「パスポート番号（旅券番号）」 (label)
      'status', // map: state
      'deathDate', // 「死亡日（死亡時）」 (label with a bracketed note)
      'deathPlace', // 「死亡場所（死亡時）」
      'placeCategory', // 「場所区分 ※」
      'placeName', // 「場所名称」
    ]);
    // Unmapped controls get nothing; nothing is invalid before the user did anything.
    assert.equal(await page.$$eval('#patient_name + .hv-messages, #memo + .hv-messages', (n) => n.length), 0);
    assert.equal(await page.locator('[aria-invalid]').count(), 0);
    assert.equal(await page.locator('.hv-issue').count(), 0);
    // Existing aria-describedby ids are kept.
    assert.equal(await page.getAttribute('#dx_date', 'aria-describedby'), 'fmt-note');
    await assertAxeClean(page, 'embed, initial state');
    await assertClean(page, log);
    await context.close();
  });

  test('blocks submit while invalid (checkValidity false, no submit event), allows it once fixed', async () => {
    const { page, context, log } = await open();
    const url = page.url();
    await page.fill('#arrival', '2021-06-03');
    await page.fill('#dx_date', '2021-06-10');
    await page.selectOption('#state', '入院中');
    await page.selectOption('#place_kind', '家庭内');
    assert.equal(await checkValidity(page), false);
    assert.match(await page.$eval('#pp_no', (i) => i.validationMessage), /パスポート番号/);

    await page.click('button.send');
    assert.equal(await submits(page), 0, 'the browser blocked the submit: no submit event');
    assert.equal(await page.textContent('#result'), '');
    // The blocked submit reveals the issues inline.
    assert.deepEqual(await codes(page, 'pp_no'), ['passport.required']);
    assert.equal(await page.getAttribute('#pp_no', 'aria-invalid'), 'true');

    // A warning does not block: lower case is only a warning (with a fix button).
    await page.fill('#pp_no', 'tk1234567');
    await page.locator('#pp_no').blur();
    assert.deepEqual(await codes(page, 'pp_no'), ['passport.normalize']);
    assert.equal(await page.getAttribute('#pp_no', 'aria-invalid'), null);
    assert.equal(await page.$eval('#pp_no', (i) => i.validationMessage), '');
    assert.equal(await checkValidity(page), true);

    await page.click('button.send');
    assert.equal(await submits(page), 1);
    assert.equal(await page.textContent('#result'), SENDABLE);
    assert.equal(page.url(), url, 'no navigation');
    await assertClean(page, log);
    await context.close();
  });

  test('status 死亡 through the mapped select: death date and place required, by label-mapped fields', async () => {
    const { page, context, log } = await open();
    await page.selectOption('#state', '死亡');
    assert.deepEqual(await codes(page, 'death_day'), ['death.date_required']);
    assert.deepEqual(await codes(page, 'death_place'), ['death.place_required']);
    // Screen readers hear the new count once typing pauses (the messages sit by other fields).
    await page.waitForFunction(() => /エラーが \d+ 件あります。/.test(document.querySelector('form + .hv-live[role="status"]')?.textContent ?? ''));
    assert.match(await page.$eval('#death_day', (i) => i.validationMessage), /死亡日付/);
    await page.fill('#death_day', '令和3年7月20日');
    await page.locator('#death_day').blur();
    assert.deepEqual(await codes(page, 'death_day'), ['date.canonical']);
    await page.click('#death_day + .hv-messages button.hv-fix');
    assert.equal(await page.inputValue('#death_day'), '2021-07-20');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'death_day');
    await page.selectOption('#death_place', '自宅');
    assert.deepEqual(await codes(page, 'death_place'), []);
    // Full-width passport: fix button in the clinic's form too.
    await page.fill('#pp_no', 'ＴＫ１２３４５６７');
    await page.locator('#pp_no').blur();
    await page.click('#pp_no + .hv-messages button.hv-fix');
    assert.equal(await page.inputValue('#pp_no'), 'TK1234567');
    await page.fill('#dx_date', '2021-07-20'); // every 発生届 needs its 診断年月日
    // Place category: the fix selects 場所種別不明 in the clinic's own select.
    await page.click('button.send');
    assert.deepEqual(await codes(page, 'place_kind'), ['place.category_required']);
    await page.click('#place_kind + .hv-messages button.hv-fix');
    assert.equal(await page.inputValue('#place_kind'), '場所種別不明');
    // Radios (性別) found through their legend.
    await page.check('input[name="gender"][value="女"]');
    await page.click('button.send');
    assert.equal(await page.textContent('#result'), SENDABLE);
    await page.evaluate(() => window.scrollTo(0, 0));
    await assertAxeClean(page, 'embed, after fixes');
    await assertClean(page, log);
    await context.close();
  });

  test('detach() removes listeners, custom validity, created elements and the aria attributes it added', async () => {
    const { page, context, log } = await open();
    const result = await page.evaluate(async (today) => {
      const { attach } = await import('./lib/attach.js');
      const host = document.createElement('div');
      host.innerHTML = `
        <form id="t-form">
          <label for="t-pp">旅券番号</label><input id="t-pp" name="pp" aria-describedby="t-hint"><span id="t-hint">hint</span>
          <label for="t-st">現在のステータス</label><select id="t-st" name="st"><option value=""></option><option>死亡</option></select>
          <label for="t-dd">死亡日</label><input id="t-dd" name="dd">
          <div id="t-box"></div>
        </form>`;
      document.body.append(host);
      const form = host.querySelector('form');
      const reports = [];
      const handle = await attach(form, {
        today,
        lang: 'en',
        messageFor: (key) => (key === 'deathDate' ? document.getElementById('t-box') : null),
        onReport: (r) => reports.push(r),
      });
      const pp = form.querySelector('#t-pp');
      pp.value = 'ＡＢ１２３';
      pp.dispatchEvent(new Event('input', { bubbles: true }));
      const whileTyping = form.querySelectorAll('.hv-issue').length;
      const report = handle.validate();
      const st = form.querySelector('#t-st');
      st.value = '死亡';
      st.dispatchEvent(new Event('change', { bubbles: true }));
      const during = {
        keys: handle.keys,
        whileTyping,
        shown: [...form.querySelectorAll('.hv-issue')].map((n) => n.dataset.code),
        inBox: [...document.querySelectorAll('#t-box .hv-issue')].map((n) => n.dataset.code),
        ppInvalid: pp.getAttribute('aria-invalid'),
        ppDescribed: pp.getAttribute('aria-describedby').split(' ').length,
        ppValidity: pp.validationMessage !== '',
        ok: report.ok,
        english: /half-width/.test(form.textContent),
      };
      handle.detach();
      const count = reports.length;
      pp.value = 'ＣＤ';
      pp.dispatchEvent(new Event('input', { bubbles: true }));
      st.value = '';
      st.dispatchEvent(new Event('change', { bubbles: true }));
      const afterDetach = {
        reportsAfter: reports.length - count,
        issues: document.querySelectorAll('#t-form .hv-issue, #t-form .hv-messages').length,
        ppInvalid: pp.getAttribute('aria-invalid'),
        ppDescribed: pp.getAttribute('aria-describedby'),
        stInvalid: form.querySelector('#t-st').hasAttribute('aria-invalid'),
        ddDescribed: form.querySelector('#t-dd').hasAttribute('aria-describedby'),
        valid: form.checkValidity(),
      };
      host.remove();
      return { during, afterDetach };
    }, TODAY);
    assert.deepEqual(result.during.keys, ['passportNumber', 'status', 'deathDate']);
    assert.equal(result.during.whileTyping, 0);
    assert.ok(result.during.shown.includes('passport.halfwidth'));
    assert.deepEqual(result.during.inBox, ['death.date_required'], 'messageFor chose the element');
    assert.equal(result.during.ppInvalid, 'true');
    assert.ok(result.during.ppDescribed >= 2);
    assert.equal(result.during.ppValidity, true);
    assert.equal(result.during.ok, false);
    assert.equal(result.during.english, true);
    assert.deepEqual(result.afterDetach, {
      reportsAfter: 0,
      issues: 0,
      ppInvalid: null,
      ppDescribed: 't-hint',
      stInvalid: false,
      ddDescribed: false,
      valid: true,
    });
    await assertClean(page, log);
    await context.close();
  });

  test('screenshots of the embed page with messages, and clean at the end', async () => {
    for (const [name, viewport] of [['embed-1280', { width: 1280, height: 900 }], ['embed-390', { width: 390, height: 844 }]]) {
      const { page, context, log } = await open({ viewport });
      await page.fill('#arrival', '2021-06-03');
      await page.fill('#dx_date', '2021-06-10');
      await page.fill('#pp_no', 'ＴＫ１２３４５６７');
      await page.selectOption('#state', '死亡');
      await page.click('button.send');
      assert.equal(await submits(page), 0);
      await page.evaluate(() => {
        document.activeElement.blur();
        window.scrollTo(0, 0);
      });
      if (name === 'embed-1280') await assertAxeClean(page, 'embed, errors shown');
      await page.mouse.move(0, 0);
      // Full page into test-results/; the docs/ picture starts at the rows with messages.
      await page.evaluate(() => document.getElementById('form-caption').scrollIntoView());
      await saveScreenshot(page, name, { docs: name === 'embed-1280' ? 'screenshot-embed.png' : undefined });
      await assertClean(page, log);
      await context.close();
    }
  });
});

describe('embed.html: keyboard and the package stylesheet (attach.css)', () => {
  test('Tab goes from the passport field to the next control; Alt+Enter fixes; fix buttons are not Tab stops', async () => {
    const { page, context, log } = await open();
    await page.focus('#pp_no');
    await page.keyboard.insertText('ＴＫ１２３４５６７');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'state');
    assert.deepEqual(await codes(page, 'pp_no'), ['passport.halfwidth']);
    assert.equal(await page.getAttribute('#pp_no + .hv-messages button.hv-fix', 'tabindex'), '-1');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'pp_no');
    await page.keyboard.press('Alt+Enter');
    assert.equal(await page.inputValue('#pp_no'), 'TK1234567');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'pp_no');
    await assertClean(page, log);
    await context.close();
  });

  test('attach.css: severity colours and icons, fix buttons, no motion when reduced, light on a light page in dark mode', async () => {
    const { page, context, log } = await open();
    await page.fill('#pp_no', 'ＴＫ１２３４５６７');
    await page.locator('#pp_no').blur();
    const look = () => page.$eval('#pp_no + .hv-messages .hv-issue--error', (p) => {
      const s = getComputedStyle(p);
      const fix = getComputedStyle(p.querySelector('.hv-fix'));
      return { bg: s.backgroundColor, border: s.borderLeftColor, animation: s.animationName, icon: getComputedStyle(p.querySelector('.hv-icon')).color, fixHeight: parseFloat(fix.minHeight) };
    });
    const light = await look();
    assert.deepEqual(light, { bg: 'rgb(253, 236, 235)', border: 'rgb(180, 35, 24)', animation: 'none', icon: 'rgb(180, 35, 24)', fixHeight: 44 });
    await page.emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'dark' });
    await page.fill('#pp_no', 'ＭＡ１２３４５６７');
    await page.locator('#pp_no').blur();
    const dark = await look();
    assert.equal(dark.animation, 'hv-appear', 'the message eases in when motion is welcome');
    assert.equal(dark.bg, light.bg, 'the clinic page declares no dark scheme: messages stay light');
    // A page that declares `color-scheme: light dark` gets the dark colours.
    await page.evaluate(() => document.documentElement.style.setProperty('color-scheme', 'light dark'));
    assert.notEqual((await look()).bg, light.bg);
    await context.close();
    assert.deepEqual(log.pageErrors, []);
  });
});
