// 国名 and 国籍: free text with country suggestions (www/app/suggest.js), issue 22
// points 2 and 6. Romaji, kana and kanji readings find a name; Enter takes the
// highlighted one, Tab only when the clerk moved to it or typed romaji; what is
// typed otherwise stays; the IME's Enter is the IME's; attach() still reads and
// marks the input; axe 0; no request after load.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TODAY, assertAxeClean, assertClean, openPage, saveScreenshot, startSuite } from './helpers.mjs';

const PAGE = `index.html?today=${TODAY}`;
let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});
const open = () => openPage(suite, suite.url(PAGE));
const shown = (page, key) => page.$$eval(`#f-${key}-list:not([hidden]) [role="option"]`, (os) => os.map((o) => o.textContent));
const highlighted = (page, key) => page.$eval(`#f-${key}`, (i) => (i.getAttribute('aria-activedescendant') ? document.getElementById(i.getAttribute('aria-activedescendant')).textContent : null));
const active = (page) => page.evaluate(() => document.activeElement.id);

describe('country suggestions (国名, 国籍)', () => {
  test('romaji: "fi" lists フィリピン first and Tab takes it; Enter takes too; the list says its count', async () => {
    const { page, context, log } = await open();
    await page.focus('#f-country');
    await page.keyboard.type('fi');
    const names = await shown(page, 'country');
    assert.deepEqual(names.slice(0, 3), ['フィリピン', 'フィジー', 'フィンランド'], 'frequent first, then kana order');
    assert.equal(await page.getAttribute('#f-country', 'aria-expanded'), 'true');
    assert.equal(await highlighted(page, 'country'), 'フィリピン');
    await page.waitForFunction(() => /^候補 \d+ 件$/.test(document.querySelector('#f-country-list ~ [role="status"]').textContent));
    await saveScreenshot(page, 'country-suggest');
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#f-country'), 'フィリピン');
    assert.equal(await active(page), 'f-departureDate', 'Tab moves on');

    await page.focus('#f-nationality');
    await page.keyboard.type('betona');
    assert.equal(await highlighted(page, 'nationality'), 'ベトナム');
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue('#f-nationality'), 'ベトナム');
    assert.equal(await page.getAttribute('#f-nationality', 'aria-expanded'), 'false');
    assert.equal(await active(page), 'f-nationality', 'Enter stays in the field');
    await assertClean(page, log);
    await context.close();
  });

  test('kana and kanji readings: ふぃ → フィリピン, ちゅうごく → 中国, かんこく → 韓国 (Enter); initials list without highlighting', async () => {
    const { page, context, log } = await open();
    await page.focus('#f-country');
    await page.keyboard.insertText('ふぃ');
    assert.equal(await highlighted(page, 'country'), 'フィリピン');
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue('#f-country'), 'フィリピン');
    await page.fill('#f-country', '');
    await page.keyboard.insertText('ちゅうごく');
    assert.equal((await shown(page, 'country'))[0], '中国');
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue('#f-country'), '中国');
    await page.focus('#f-nationality');
    await page.keyboard.insertText('かんこく');
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue('#f-nationality'), '韓国');
    // A later word (ちゅうか じんみん きょうわこく): listed, not highlighted; Enter and Tab take nothing.
    await page.fill('#f-nationality', '');
    await page.keyboard.type('jinmin');
    assert.ok((await shown(page, 'nationality')).includes('中華人民共和国'));
    assert.equal(await highlighted(page, 'nationality'), null);
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#f-nationality'), 'jinmin', 'no match at the start: the text stays');
    await assertClean(page, log);
    await context.close();
  });

  test('free text: kana or kanji typed and left with Tab stay as typed; arrows then Tab take; Escape keeps the text', async () => {
    const { page, context, log } = await open();
    await page.focus('#f-country');
    await page.keyboard.insertText('ドミニカ');
    assert.equal(await highlighted(page, 'country'), 'ドミニカ共和国', 'highlighted: Enter would take it');
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#f-country'), 'ドミニカ', 'Tab keeps the kana typed');
    await page.focus('#f-country');
    await page.fill('#f-country', '');
    await page.keyboard.insertText('フィリピン共和国'); // a spelling not in the list
    assert.deepEqual(await shown(page, 'country'), []);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#f-country'), 'フィリピン共和国');
    // The clerk moves to a suggestion: Tab takes it.
    await page.focus('#f-country');
    await page.fill('#f-country', '');
    await page.keyboard.insertText('ドミニカ');
    await page.keyboard.press('ArrowDown');
    assert.equal(await highlighted(page, 'country'), 'ドミニカ国');
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#f-country'), 'ドミニカ国');
    // Escape closes the list, keeps the text.
    await page.focus('#f-nationality');
    await page.keyboard.type('fi');
    await page.keyboard.press('Escape');
    assert.equal(await page.getAttribute('#f-nationality', 'aria-expanded'), 'false');
    assert.equal(await page.inputValue('#f-nationality'), 'fi');
    await assertClean(page, log);
    await context.close();
  });

  test('IME: the kana being composed filter; the Enter that confirms the IME takes nothing', async () => {
    const { page, context, log } = await open();
    const cdp = await context.newCDPSession(page);
    await page.focus('#f-country');
    await cdp.send('Input.imeSetComposition', { text: 'ふぃり', selectionStart: 3, selectionEnd: 3 });
    assert.deepEqual(await shown(page, 'country'), ['フィリピン'], 'filtered while composing');
    await page.$eval('#f-country', (i) => i.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true })));
    await cdp.send('Input.insertText', { text: 'ふぃり' }); // commits the composition
    assert.equal(await page.inputValue('#f-country'), 'ふぃり', 'the IME Enter took nothing');
    assert.deepEqual(await shown(page, 'country'), ['フィリピン']);
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue('#f-country'), 'フィリピン');
    await assertClean(page, log);
    await context.close();
  });

  test('screen readers and attach(): roles and states, the input validated and described as before, axe 0 with the list open', async () => {
    const { page, context, log } = await open();
    const box = page.getByRole('combobox', { name: /^国籍/ });
    assert.equal(await box.getAttribute('id'), 'f-nationality');
    assert.equal(await box.getAttribute('name'), 'nationality', 'the input keeps its name: attach reads it');
    assert.equal(await box.getAttribute('aria-autocomplete'), 'list');
    assert.equal(await box.getAttribute('aria-controls'), 'f-nationality-list');
    assert.equal(await page.getAttribute('#f-nationality-list', 'role'), 'listbox');
    // A country shows travel abroad (docs/rules.md §2): without 入国日, attach warns; taken by Tab.
    await page.focus('#f-country');
    await page.keyboard.type('fi');
    await assertAxeClean(page, 'country suggestions open');
    await page.keyboard.press('Tab');
    await page.click('#check-all');
    await page.waitForFunction(() => document.getElementById('f-entryDate').getAttribute('aria-invalid') === 'true'
      || document.querySelector('#m-entryDate .hv-issue--warning'));
    assert.equal(await page.locator('#m-entryDate .hv-issue--warning').count(), 1, '入国日 asked for: the country was read');
    // 国籍 selects the passport's format (docs/rules.md §5): AB12345 is a foreign passport, not a Japanese one.
    await page.fill('[name=passportNumber]', 'AB12345');
    await page.focus('#f-nationality');
    await page.keyboard.insertText('日本');
    await page.keyboard.press('Tab');
    await page.click('#check-all');
    await page.waitForFunction(() => document.getElementById('f-passportNumber').getAttribute('aria-invalid') === 'true');
    await page.fill('#f-nationality', '');
    await page.focus('#f-nationality');
    await page.keyboard.type('fi');
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#f-nationality'), 'フィリピン');
    await page.click('#check-all');
    await page.waitForFunction(() => document.getElementById('f-passportNumber').getAttribute('aria-invalid') !== 'true');
    // The rules give 国名 and 国籍 no message of their own: attach leaves them undescribed, and so does suggest.js.
    assert.equal(await page.getAttribute('#f-nationality', 'aria-invalid'), null);
    await page.fill('#f-country', '');
    await page.focus('#f-country');
    await page.keyboard.insertText('日本'); // Japan is no travel: the warning goes
    await page.keyboard.press('Tab');
    await page.click('#check-all');
    await page.waitForFunction(() => !document.querySelector('#m-entryDate .hv-issue--warning'));
    await assertAxeClean(page, 'country field after check-all');
    await assertClean(page, log);
    await context.close();
  });
});
