// Issue 22 point 6: a full paper 発生届 typed keyboard-only on www/index.html,
// every key press counted, typed fast (no delay), and nothing lost.
//
// The record: an entrant diagnosed within 28 days of entry who died in
// hospital, with every field the paper 発生届 (厚生労働省の届出様式) has filled
// in, plus the notice's three items (passport, 現在のステータス with 死亡日付 and
// 死亡場所, 場所区分). Left empty, as on paper: 重症度 and 施設等区分 (HER-SYS
// only), 出国日, 国籍, 場所名称 (the place is not known).
//
// What is counted (one key = one press, a Shift-ed capital included):
// - Tab from each field to the next, empty ones included (focus starts in the
//   first field: the page's "next record" puts it there);
// - each character typed into dates, the age and the passport number;
// - choices: the letters typed into the combobox (romaji, direct input); the
//   Tab that leaves the field also takes the highlighted option;
// - Japanese free text, which needs an IME: its romaji keys, 1 Space to
//   convert, 1 Enter to confirm (the text itself is put in with insertText);
// The page also counts the keydown events it receives: they must agree.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TODAY, assertClean, openPage, startSuite } from './helpers.mjs';

const PAGE = `index.html?today=${TODAY}`;
const BUDGET = 90;
// Measured on 2026-12-07 for this record: main's page (native selects, ArrowDown) 134 with dates
// as R3.6.12, 158 with dates as 2021-06-12; with the comboboxes 116. A ratchet: no going back.
const MEASURED = 116;

// [field key, kind, what is typed, the value the field must hold]
const RECORD = [
  ['reportDate', 'date', 'R3.6.20'],
  ['caseType', 'choice', 'k', '患者（確定例）'],
  ['sex', 'choice', 'o', '男'],
  ['birthDate', 'date', 'S33.4.12'],
  ['age', 'text', '63'],
  ['occupation', 'ime', 'kaishain', '会社員'],
  ['severity'],
  ['facilityCategory'],
  ['onsetDate', 'date', 'R3.6.12'],
  ['firstVisitDate', 'date', 'R3.6.14'],
  ['diagnosisDate', 'date', 'R3.6.15'],
  ['infectionDate', 'date', 'R3.6.8'],
  ['infectionRegion', 'choice', 'g', '国外'],
  ['country', 'ime', 'firipinn', 'フィリピン'],
  ['departureDate'],
  ['entryDate', 'date', 'R3.6.10'],
  ['nationality'],
  ['passportNumber', 'text', 'TK1234567'],
  ['status', 'choice', 'si', '死亡'],
  ['deathDate', 'date', 'R3.6.25'],
  ['deathPlace', 'choice', 'b', '病院'],
  ['placeCategory', 'choice', 'b', '場所種別不明'],
  ['placeName'],
];

let suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

/** Types the record as fast as the browser takes keys; returns the count of key presses by kind. */
async function typeRecord(page) {
  const count = { tab: 0, date: 0, choice: 0, ime: 0, text: 0 };
  // The page counts the keys it receives, to check the count below (IME text comes without keys).
  await page.evaluate(() => {
    window.__keydowns = 0;
    document.addEventListener('keydown', () => (window.__keydowns += 1), true);
  });
  await page.focus(`#f-${RECORD[0][0]}`);
  assert.equal(await page.evaluate(() => document.activeElement.id), `f-${RECORD[0][0]}`);
  for (const [index, [key, kind, typed, value]] of RECORD.entries()) {
    assert.equal(await page.evaluate(() => document.activeElement.id), `f-${key}`, 'Tab reached the next field');
    if (kind === 'ime') {
      // Romaji keys, Space to convert, Enter to confirm; the IME then hands over the text.
      await page.keyboard.insertText(value);
      count.ime += typed.length + 2;
    } else if (kind) {
      await page.keyboard.type(typed);
      count[kind] += typed.length;
    }
    // After the last field with a value: one more Tab takes its choice and leaves it.
    if (index < RECORD.length - 1 && RECORD.slice(index).some((r) => r[1])) {
      await page.keyboard.press('Tab');
      count.tab += 1;
    }
  }
  const received = await page.evaluate(() => window.__keydowns);
  assert.equal(received + count.ime, Object.values(count).reduce((a, b) => a + b, 0), 'the keys the page received, plus the IME keys');
  return count;
}

describe('a full paper record, keyboard only (issue 22.6)', () => {
  let count;

  test('typed fast: every field holds exactly what was meant, the summary has no error and no warning', async () => {
    const { page, context, log } = await openPage(suite, suite.url(PAGE));
    count = await typeRecord(page);
    for (const [key, kind, typed, value] of RECORD) {
      if (kind === 'choice') {
        assert.equal(await page.inputValue(`#f-${key}-select`), value, `${key}: the option`);
        assert.equal(await page.inputValue(`#f-${key}`), value, `${key}: the combobox shows it`);
      } else {
        assert.equal(await page.inputValue(`#f-${key}`), kind === 'ime' ? value : (typed ?? ''), `${key}: no key lost or added`);
      }
    }
    // Verification, not counted: check all, then read the summary.
    await page.click('#check-all');
    assert.match(await page.textContent('#summary-counts'), /^エラー 0件・警告 0件/);
    assert.equal(await page.locator('#summary-list li').count(), 0, 'no error listed');
    assert.equal(await page.locator('form .hv-issue--error, form .hv-issue--warning').count(), 0, 'no error or warning by a field');
    await assertClean(page, log);
    await context.close();
  });

  const total = () => Object.values(count).reduce((a, b) => a + b, 0);
  const breakdown = () => `${total()} keys: ${Object.entries(count).map(([k, n]) => `${k} ${n}`).join(', ')}`;

  test(`no more key presses than measured with the comboboxes (${MEASURED})`, () => {
    assert.ok(count, 'the record was typed');
    console.log(breakdown());
    assert.ok(total() <= MEASURED, breakdown());
  });

  // The issue's goal. Not reached by this record: 22 Tabs and 56 keys of dates are most of it, and the
  // validator does not guess a year (R3.6.12 is the shortest date it reads). Runs and reports; a TODO
  // until the dates or the Tabs get cheaper.
  test(`at most ${BUDGET} key presses (issue 22.6 goal)`, { todo: 'not reached yet: see the breakdown' }, () => {
    assert.ok(count, 'the record was typed');
    assert.ok(total() <= BUDGET, `over the budget of ${BUDGET}: ${breakdown()}`);
  });
});
