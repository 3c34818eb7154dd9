// The choice fields of www/index.html as comboboxes (issue 22 point 2):
// every option within 3 keys, filtering by kana, romaji, kanji and width/case
// variants, IME composition, ARIA semantics, attach() integration (errors,
// summary links, fixes), a phone viewport and English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TODAY, assertAxeClean, assertClean, codesIn, openPage, saveScreenshot, startSuite } from './helpers.mjs';

const PAGE = `index.html?today=${TODAY}`;
let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

const open = (opts, url = PAGE) => openPage(suite, suite.url(url), opts);
const active = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const chosen = (page, key) => page.inputValue(`#f-${key}-select`);
const shownOptions = (page, key) => page.$$eval(`#f-${key}-list:not([hidden]) [role="option"]`, (l) => l.map((o) => o.textContent));
const highlighted = (page, key) => page.$eval(`#f-${key}`, (i) => {
  const id = i.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id).textContent : null;
});
/** Clears the combobox's text as a user would (it is selected on focus) and types `text` (kana through insertText). */
async function typeInto(page, key, text, { ime = false } = {}) {
  await page.focus(`#f-${key}`);
  await page.keyboard.press('Backspace');
  if (ime) await page.keyboard.insertText(text);
  else await page.keyboard.type(text);
}

describe('every option of every list in at most 3 keys, then Enter', () => {
  test('an exhaustive search over typed letters (a–z, up to 3) and ArrowDown, each plan replayed with real key presses', async () => {
    const { page, context, log } = await open();
    // What is counted: the keys pressed in the focused combobox before the accepting key:
    // letters (direct input, no IME) and ArrowDown presses; the accepting key (Enter here; Tab
    // does the same and also moves on) is counted apart. Focusing the field is not counted
    // (it is the Tab that leaves the previous field).
    const plans = await page.evaluate(async () => {
      const { rank, entryFor } = await import('./app/combobox.js');
      const letters = 'abcdefghijklmnopqrstuvwxyz';
      const queries = [];
      for (const a of letters) {
        queries.push(a);
        for (const b of letters) {
          queries.push(a + b);
          for (const c of letters) queries.push(a + b + c);
        }
      }
      const out = [];
      for (const select of document.querySelectorAll('select.combobox__native')) {
        const entries = [...select.options].filter((o) => o.value !== '').map((o) => entryFor(o.value, o.text));
        const ranked = queries.map((q) => [q, rank(entries, q)]);
        for (const [index, entry] of entries.entries()) {
          // Without typing: ArrowDown opens on the empty choice, then each ArrowDown moves one down.
          let best = { query: '', downs: index + 2 };
          for (const [q, list] of ranked) {
            const at = list.indexOf(entry);
            if (at >= 0 && q.length + at < best.query.length + best.downs) best = { query: q, downs: at };
          }
          out.push({ key: select.name, value: entry.value, ...best });
        }
      }
      return out;
    });
    assert.equal(plans.length, 49, 'the 8 lists of the default vocabulary hold 49 options');
    const costs = [];
    for (const plan of plans) {
      await page.evaluate(() => document.activeElement?.blur()); // each plan starts as the field is entered
      await page.focus(`#f-${plan.key}`);
      let pressed = 0;
      if ((await page.inputValue(`#f-${plan.key}`)) !== '' && plan.query === '') {
        await page.keyboard.press('Backspace'); // back to the empty choice first
        pressed += 1;
        await page.keyboard.press('Escape');
      }
      for (const k of plan.query) {
        await page.keyboard.press(k);
        pressed += 1;
      }
      for (let i = 0; i < plan.downs; i++) {
        await page.keyboard.press('ArrowDown');
        pressed += 1;
      }
      await page.keyboard.press('Enter');
      assert.equal(await chosen(page, plan.key), plan.value, `${plan.key}: ${JSON.stringify(plan)}`);
      assert.ok(pressed <= 3, `${plan.key} ${plan.value}: ${pressed} keys (${plan.query} + ${plan.downs}×↓) + Enter`);
      costs.push(pressed);
    }
    // The empty choice: Backspace on the selected text, then Enter.
    await page.focus('#f-placeCategory');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    assert.equal(await chosen(page, 'placeCategory'), '');
    const histogram = costs.reduce((h, c) => ({ ...h, [c]: (h[c] ?? 0) + 1 }), {});
    console.log(`keys before Enter, per option: ${JSON.stringify(histogram)}; mean ${(costs.reduce((a, b) => a + b, 0) / costs.length).toFixed(2)}`);
    await assertClean(page, log);
    await context.close();
  });
});

describe('filtering', () => {
  test('kana, romaji (Hepburn and variants), initials, kanji, full-width, half-width katakana, upper case', async () => {
    const { page, context, log } = await open();
    const cases = [
      ['ばしょ', true, ['場所種別不明']],
      ['ﾊﾞｼｮ', true, ['場所種別不明']],
      ['バショ', true, ['場所種別不明']],
      ['basho', false, ['場所種別不明']],
      ['BSF', false, ['場所種別不明']],
      ['ＦＵＭ', true, ['場所種別不明']],
      ['humei', false, ['場所種別不明']],
      ['不明', true, ['場所種別不明']],
      ['場所', true, ['場所種別不明']],
      // Issue 22: 「fu」 → 場所種別不明. ふめい is its own word; ふくし, shared by three options, picks none of them.
      ['fu', false, ['場所種別不明', '高齢者福祉施設', '障害者福祉施設', '児童福祉施設']],
      ['ふ', true, ['場所種別不明', '高齢者福祉施設', '障害者福祉施設', '児童福祉施設']],
      ['sisetu', false, ['高齢者福祉施設', '障害者福祉施設', '児童福祉施設', '学校・教育施設', '運動施設', '宿泊施設']],
      ['zzz', false, []],
    ];
    for (const [text, ime, expected] of cases) {
      await typeInto(page, 'placeCategory', text, { ime });
      assert.deepEqual(await shownOptions(page, 'placeCategory'), expected, text);
      assert.equal(await highlighted(page, 'placeCategory'), expected[0] ?? null, `${text}: the first match is highlighted`);
      await page.waitForTimeout(600); // the count is said once typing pauses (500 ms)
      const status = await page.textContent('#f-placeCategory ~ [role="status"]');
      assert.equal(status, expected.length ? `選択肢 ${expected.length} 件` : '一致する選択肢はありません', `${text}: the count, politely`);
      await page.keyboard.press('Escape');
    }
    // The count is said after a pause, only when it changed, without the empty option.
    await page.focus('#f-placeCategory');
    await page.keyboard.press('Backspace');
    await page.$eval('#f-placeCategory ~ [role="status"]', (status) => {
      window.saidCounts = [];
      new MutationObserver(() => window.saidCounts.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.keyboard.type('basho', { delay: 30 });
    assert.deepEqual(await page.evaluate(() => window.saidCounts), [], 'nothing said while typing');
    await page.waitForTimeout(700);
    assert.deepEqual(await page.evaluate(() => window.saidCounts), ['選択肢 1 件']);
    await page.keyboard.press('Backspace'); // bash: still one option
    await page.waitForTimeout(700);
    assert.deepEqual(await page.evaluate(() => window.saidCounts), ['選択肢 1 件'], 'the same count is not said again');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown'); // the whole list: the empty option is not an option to count
    await page.waitForTimeout(700);
    const total = await page.$$eval('#f-placeCategory-list [role="option"]:not(.combobox__option--empty)', (os) => os.length);
    assert.equal(await page.textContent('#f-placeCategory ~ [role="status"]'), `選択肢 ${total} 件`);
    await page.keyboard.press('Escape');
    // Other lists: tsu/tu, chi/ti, shi/si, ji/zi.
    for (const [key, text, first] of [['status', 'si', '死亡'], ['status', 'ji', '自宅療養中'], ['status', 'zi', '自宅療養中'],
      ['placeCategory', 'kotu', '交通機関'], ['placeCategory', 'kotsu', '交通機関'], ['status', 'tyo', '入院・療養等調整中'],
      ['severity', 'chu', '中等症Ⅰ'], ['severity', 'cn', '中等症Ⅱ'], ['deathPlace', 'ho-', '老人ホーム'], ['deathPlace', 'ほーむ', '老人ホーム']]) {
      await typeInto(page, key, text, { ime: /[^\x00-\x7f]/.test(text) });
      assert.equal(await highlighted(page, key), first, `${key}: ${text}`);
      await page.keyboard.press('Tab');
      assert.equal(await chosen(page, key), first, `${key}: Tab takes ${first}`);
    }
    await assertClean(page, log);
    await context.close();
  });
});

describe('keyboard', () => {
  test('Alt+ArrowDown opens, arrows move, Escape restores, Tab accepts and moves on, the empty choice, a click', async () => {
    const { page, context, log } = await open();
    await page.focus('#f-infectionRegion');
    await page.keyboard.press('Alt+ArrowDown');
    assert.equal(await page.getAttribute('#f-infectionRegion', 'aria-expanded'), 'true');
    assert.deepEqual(await shownOptions(page, 'infectionRegion'), ['（未選択）', '国内', '国外']);
    assert.equal(await highlighted(page, 'infectionRegion'), '（未選択）');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await highlighted(page, 'infectionRegion'), '国外');
    await page.keyboard.press('Escape');
    assert.equal(await page.getAttribute('#f-infectionRegion', 'aria-expanded'), 'false');
    assert.equal(await chosen(page, 'infectionRegion'), '', 'Escape chose nothing');
    assert.equal(await page.inputValue('#f-infectionRegion'), '');

    await page.keyboard.type('ga');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#f-infectionRegion'), '', 'Escape restores the text typed over');
    await page.keyboard.type('ga');
    await page.keyboard.press('Tab');
    assert.equal(await chosen(page, 'infectionRegion'), '国外', 'Tab keeps the highlighted option');
    assert.equal(await page.inputValue('#f-infectionRegion'), '国外');
    assert.equal(await active(page), 'f-country', 'and moves on');

    // Back: the text is selected, typing replaces it; a query matching nothing leaves the choice as it was.
    await page.keyboard.press('Shift+Tab');
    assert.equal(await active(page), 'f-infectionRegion');
    await page.keyboard.type('x');
    assert.deepEqual(await shownOptions(page, 'infectionRegion'), []);
    await page.keyboard.press('Tab');
    assert.equal(await chosen(page, 'infectionRegion'), '国外');
    assert.equal(await page.inputValue('#f-infectionRegion'), '国外');

    // The empty choice stays possible: Backspace empties the text and highlights it.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Backspace');
    assert.equal(await highlighted(page, 'infectionRegion'), '（未選択）');
    await page.keyboard.press('Tab');
    assert.equal(await chosen(page, 'infectionRegion'), '');

    // Enter while the list is closed does nothing (no submit, no focus move).
    await page.focus('#f-sex');
    await page.keyboard.press('Enter');
    assert.equal(await active(page), 'f-sex');

    // Pointer: a click opens the list, a click on an option chooses it; focus stays in the field.
    await page.click('#f-sex');
    assert.equal(await page.getAttribute('#f-sex', 'aria-expanded'), 'true');
    await page.click('#f-sex-list [role="option"]:has-text("女")');
    assert.equal(await chosen(page, 'sex'), '女');
    assert.equal(await page.inputValue('#f-sex'), '女');
    assert.equal(await active(page), 'f-sex');
    assert.equal(await page.getAttribute('#f-sex', 'aria-expanded'), 'false');
    await assertClean(page, log);
    await context.close();
  });

  test('IME: the kana being composed filter; Enter that confirms the IME chooses nothing; compositionend filters', async () => {
    const { page, context, log } = await open();
    const cdp = await context.newCDPSession(page);
    await page.focus('#f-placeCategory');
    await cdp.send('Input.imeSetComposition', { text: 'ばし', selectionStart: 2, selectionEnd: 2 });
    assert.deepEqual(await shownOptions(page, 'placeCategory'), ['場所種別不明'], 'filtered while composing');
    // Enter that confirms the conversion comes with isComposing: the combobox leaves it to the IME.
    await page.$eval('#f-placeCategory', (i) => i.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true })));
    assert.equal(await chosen(page, 'placeCategory'), '');
    await cdp.send('Input.insertText', { text: 'ばしょ' }); // commits the composition: compositionend
    assert.equal(await page.inputValue('#f-placeCategory'), 'ばしょ');
    assert.deepEqual(await shownOptions(page, 'placeCategory'), ['場所種別不明']);
    await page.keyboard.press('Enter');
    assert.equal(await chosen(page, 'placeCategory'), '場所種別不明');
    assert.equal(await page.inputValue('#f-placeCategory'), '場所種別不明');

    // Composition events alone (as some IMEs send them, without input during composition).
    await page.focus('#f-status');
    await page.$eval('#f-status', (i) => {
      i.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
      i.value = 'しぼう';
      i.dispatchEvent(new CompositionEvent('compositionend', { data: 'しぼう', bubbles: true }));
    });
    assert.deepEqual(await shownOptions(page, 'status'), ['死亡']);
    await page.keyboard.press('Tab');
    assert.equal(await chosen(page, 'status'), '死亡');
    await assertClean(page, log);
    await context.close();
  });
});

describe('screen readers and attach()', () => {
  test('roles, states and names; the native selects out of the tree; axe 0 with the list open', async () => {
    const { page, context, log } = await open();
    const boxes = page.getByRole('combobox');
    // Eight choice fields and the two country fields (suggest.js, tests/e2e/country.test.mjs).
    assert.equal(await boxes.count(), 10, 'ten comboboxes: the hidden selects are not in the accessibility tree');
    const place = page.getByRole('combobox', { name: /^場所区分/ });
    assert.equal(await place.getAttribute('id'), 'f-placeCategory');
    assert.equal(await place.getAttribute('aria-autocomplete'), 'list');
    assert.equal(await place.getAttribute('aria-expanded'), 'false');
    assert.equal(await place.getAttribute('aria-required'), 'true');
    assert.equal(await page.$eval('#f-placeCategory-select', (s) => [s.tabIndex, s.getAttribute('aria-hidden')].join()), '-1,true');
    await place.focus();
    await page.keyboard.type('sh');
    assert.equal(await place.getAttribute('aria-expanded'), 'true');
    const controls = await place.getAttribute('aria-controls');
    const listbox = page.getByRole('listbox', { name: /^場所区分/ });
    assert.equal(await listbox.getAttribute('id'), controls);
    const options = listbox.getByRole('option');
    assert.ok((await options.count()) >= 2);
    const current = await place.getAttribute('aria-activedescendant');
    assert.equal(await page.getAttribute(`#${current}`, 'aria-selected'), 'true');
    assert.equal(await listbox.locator('[aria-selected="true"]').count(), 1);
    assert.equal(await page.getAttribute('#f-placeCategory ~ [role="status"]', 'role'), 'status');
    await saveScreenshot(page, 'combobox-filtered');
    await assertAxeClean(page, 'combobox open, filtered');
    await page.keyboard.press('Escape');
    await assertClean(page, log);
    await context.close();
  });

  test('attach(): errors on the combobox, a summary link focuses it, fixes apply (button, Alt+Enter, summary)', async () => {
    const { page, context, log } = await open();
    // Listeners on the form hear the field entered and left through its select, as before.
    await page.evaluate(() => {
      window.__focus = [];
      for (const type of ['focusin', 'focusout']) {
        document.getElementById('record-form').addEventListener(type, (e) => e.target.name && window.__focus.push(`${type} ${e.target.name}`));
      }
    });
    await page.focus('#f-status');
    await page.keyboard.type('shi');
    await page.keyboard.press('Tab');
    assert.equal(await chosen(page, 'status'), '死亡');
    assert.deepEqual(await page.evaluate(() => window.__focus), ['focusin status', 'focusout status', 'focusin deathDate']);
    // 死亡 → 死亡場所 required: said on the combobox itself (aria-invalid, described by the message),
    // once the clerk has reached it (issue 22.3).
    await page.keyboard.press('Tab');
    const place = page.locator('#f-deathPlace');
    assert.equal(await place.getAttribute('aria-invalid'), 'true');
    const described = await place.evaluate((i) => i.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    assert.match(described, /死亡場所を選択してください/);
    await page.click('#summary-list a[data-field="deathPlace"]');
    assert.equal(await active(page), 'f-deathPlace', 'the summary link lands on the combobox');
    await page.keyboard.type('jit');
    await page.keyboard.press('Enter');
    assert.equal(await chosen(page, 'deathPlace'), '自宅');
    assert.equal(await place.getAttribute('aria-invalid'), null, 'chosen: no longer invalid');

    // 場所区分 emptied → its fix 「場所種別不明」を選択, by the button by the field.
    await page.focus('#f-placeCategory');
    await page.keyboard.type('sy');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    assert.deepEqual(await codesIn(page, '#m-placeCategory'), ['place.category_required']);
    await page.click('#m-placeCategory button.hv-fix');
    assert.equal(await chosen(page, 'placeCategory'), '場所種別不明');
    assert.equal(await page.inputValue('#f-placeCategory'), '場所種別不明', 'the combobox follows the fix');
    assert.equal(await active(page), 'f-placeCategory', 'focus stays on the combobox');
    // By Alt+Enter in the combobox.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    assert.equal(await chosen(page, 'placeCategory'), '');
    await page.keyboard.press('Alt+Enter');
    assert.equal(await chosen(page, 'placeCategory'), '場所種別不明');
    assert.equal(await page.inputValue('#f-placeCategory'), '場所種別不明');
    assert.equal(await active(page), 'f-placeCategory');
    // From the summary.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await page.click('#check-all');
    await page.click('#summary button[data-fix-field="placeCategory"]');
    assert.equal(await page.inputValue('#f-placeCategory'), '場所種別不明');
    assert.equal(await active(page), 'f-placeCategory');
    await assertAxeClean(page, 'after fixes');
    await assertClean(page, log);
    await context.close();
  });

  test('the embed page keeps its native selects', async () => {
    const { page, context, log } = await open({}, 'embed.html');
    assert.equal(await page.locator('.combobox').count(), 0);
    assert.ok((await page.locator('form select').count()) > 0);
    await assertClean(page, log);
    await context.close();
  });
});

describe('phone and English', () => {
  test('390×844: the open list fits on the screen, below or above the field', async () => {
    const { page, context, log } = await open({ viewport: { width: 390, height: 844 } });
    for (const key of ['caseType', 'placeCategory', 'severity']) {
      await page.locator(`#f-${key}`).scrollIntoViewIfNeeded();
      await page.focus(`#f-${key}`);
      await page.keyboard.press('Alt+ArrowDown');
      const box = await page.locator(`#f-${key}-list`).boundingBox();
      assert.ok(box.y >= 0 && box.y + box.height <= 844, `${key}: list at ${box.y}..${box.y + box.height}`);
      assert.ok(box.x >= 0 && box.x + box.width <= 390);
      if (key === 'placeCategory') await page.screenshot({ path: 'test-results/combobox-phone.png' });
      await page.keyboard.press('Escape');
    }
    await assertAxeClean(page, 'phone');
    await assertClean(page, log);
    await context.close();
  });

  test('English: placeholder, empty choice and count in English; the options stay as the vocabulary has them', async () => {
    const { page, context, log } = await open({}, `${PAGE}&lang=en`);
    assert.equal(await page.getAttribute('#f-status', 'placeholder'), 'Select');
    await page.focus('#f-status');
    await page.keyboard.press('ArrowDown');
    assert.equal((await shownOptions(page, 'status'))[0], '(none)');
    await page.keyboard.press('Escape');
    await page.keyboard.type('shib');
    await page.waitForTimeout(600);
    assert.equal(await page.textContent('#f-status ~ [role="status"]'), '1 option');
    await page.keyboard.press('Escape');
    await page.keyboard.type('r');
    await page.waitForTimeout(600);
    assert.match(await page.textContent('#f-status ~ [role="status"]'), /^\d+ options$/);
    await saveScreenshot(page, 'combobox-english');
    // Back to Japanese with the switch: the texts follow.
    await page.keyboard.press('Escape');
    await page.click('#lang-ja');
    assert.equal(await page.getAttribute('#f-status', 'placeholder'), '選択してください');
    await assertAxeClean(page, 'English');
    await assertClean(page, log);
    await context.close();
  });
});
