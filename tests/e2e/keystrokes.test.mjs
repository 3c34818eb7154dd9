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
// - a country (国名) taken from its suggestions (www/app/suggest.js): the
//   letters typed (romaji, direct input); the Tab that leaves the field takes
//   the highlighted suggestion, as in the choice fields;
// - a chord (Alt+N) as its two keys.
// The page also counts the keydown events it receives: they must agree.
//
// Three ways through the same record: dates as the hints show them (R3.6.12);
// with 「年を省いた日付に年を補う」 on (6.12, completed from 報告年月日: the
// clerk's choice, docs/rules.md §6), as the first record of the day; and as a
// following record of the stack: Alt+N, Enter (the copied record is cleared,
// 報告年月日 kept), then the rest. The options are set once a day, not counted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TODAY, assertClean, openPage, startSuite } from './helpers.mjs';

const PAGE = `index.html?today=${TODAY}`;
// Measured on 2026-12-07 for this record. Before issue 22 (native selects, ArrowDown): 158 with
// dates as 2021-06-12, 134 as R3.6.12. Now, ratchets (no going back):
const MEASURED = {
  hinted: 108, // dates as R3.6.12, the comboboxes, 国名 from its suggestions (116 before)
  completed: 90, // the first record of the day, dates as 6.12 (98 before the suggestions)
  stack: 85, // a following record: Alt+N, Enter, 報告年月日 kept, dates as 6.12 (93 before)
};
// The issue's goal is 90, reached. What is left is 22 Tabs over 23 fields and the dates of the
// record (生年月日 S33.4.12 always in full): going lower would mean guessing years the clerk did
// not choose to leave out, or a record with fewer fields.

// [field key, kind, what is typed, the value the field must hold]; a date with a value can be
// typed without its year when the page completes it.
const RECORD = [
  ['reportDate', 'date', 'R3.6.20'],
  ['caseType', 'choice', 'k', '患者（確定例）'],
  ['sex', 'choice', 'o', '男'],
  ['birthDate', 'date', 'S33.4.12'],
  ['age', 'text', '63'],
  ['occupation', 'ime', 'kaishain', '会社員'],
  ['severity'],
  ['facilityCategory'],
  ['onsetDate', 'date', 'R3.6.12', '2021-06-12'],
  ['firstVisitDate', 'date', 'R3.6.14', '2021-06-14'],
  ['diagnosisDate', 'date', 'R3.6.15', '2021-06-15'],
  ['infectionDate', 'date', 'R3.6.8', '2021-06-08'],
  ['infectionRegion', 'choice', 'g', '国外'],
  ['country', 'suggest', 'fi', 'フィリピン'],
  ['departureDate'],
  ['entryDate', 'date', 'R3.6.10', '2021-06-10'],
  ['nationality'],
  ['passportNumber', 'text', 'TK1234567'],
  ['status', 'choice', 'si', '死亡'],
  ['deathDate', 'date', 'R3.6.25', '2021-06-25'],
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

/** What is typed in `key`: a date with a full value as month.day when the page completes years. */
function typedFor([, kind, typed, value], { completeYears }) {
  if (kind !== 'date' || !completeYears || !value) return typed;
  const [, month, day] = value.split('-').map(Number);
  return `${month}.${day}`;
}

/**
 * Types the record as fast as the browser takes keys, from the field that has focus; returns the
 * count of key presses by kind. `from`: the first field typed (the ones before hold their values).
 */
async function typeRecord(page, { completeYears = false, from = 0, count = { tab: 0, date: 0, choice: 0, ime: 0, text: 0, next: 0 } } = {}) {
  for (const [index, entry] of RECORD.entries()) {
    if (index < from) continue;
    const [key, kind, , value] = entry;
    assert.equal(await page.evaluate(() => document.activeElement.id), `f-${key}`, 'Tab reached the next field');
    if (kind === 'ime') {
      // Romaji keys, Space to convert, Enter to confirm; the IME then hands over the text.
      await page.keyboard.insertText(value);
      count.ime += entry[2].length + 2;
    } else if (kind === 'suggest') {
      await page.keyboard.type(entry[2]);
      count.choice += entry[2].length;
    } else if (kind) {
      const typed = typedFor(entry, { completeYears });
      await page.keyboard.type(typed);
      count[kind] += typed.length;
    }
    // After the last field with a value: one more Tab takes its choice and leaves it.
    if (index < RECORD.length - 1 && RECORD.slice(index).some((r) => r[1])) {
      await page.keyboard.press('Tab');
      count.tab += 1;
    }
  }
  return count;
}

/** The page counts the keys it receives, to check the test's count (IME text comes without keys). */
async function countKeydowns(page) {
  await page.evaluate(() => {
    window.__keydowns = 0;
    if (window.__keydownCounter) return;
    window.__keydownCounter = true;
    document.addEventListener('keydown', () => (window.__keydowns += 1), true);
  });
  return async (count) => {
    const received = await page.evaluate(() => window.__keydowns);
    assert.equal(received + count.ime, total(count), 'the keys the page received, plus the IME keys');
  };
}

/** Every field holds exactly what was meant, and check-all finds no error and no warning. */
async function assertRecord(page) {
  for (const [key, kind, typed, value] of RECORD) {
    if (kind === 'choice') {
      assert.equal(await page.inputValue(`#f-${key}-select`), value, `${key}: the option`);
      assert.equal(await page.inputValue(`#f-${key}`), value, `${key}: the combobox shows it`);
    } else if (kind === 'date') {
      const shown = await page.inputValue(`#f-${key}`);
      assert.ok(shown === typed || shown === value, `${key}: no key lost or added (${shown === '' ? 'empty' : 'other value'})`);
    } else {
      assert.equal(await page.inputValue(`#f-${key}`), kind === 'ime' || kind === 'suggest' ? value : (typed ?? ''), `${key}: no key lost or added`);
    }
  }
  // Verification, not counted: check all, then read the summary.
  await page.click('#check-all');
  assert.match(await page.textContent('#summary-counts'), /^エラー 0件・警告 0件/);
  assert.equal(await page.locator('#summary-list li').count(), 0, 'no error listed');
  assert.equal(await page.locator('form .hv-issue--error, form .hv-issue--warning').count(), 0, 'no error or warning by a field');
}

const total = (count) => Object.values(count).reduce((a, b) => a + b, 0);
const breakdown = (count) => `${total(count)} keys: ${Object.entries(count).map(([k, n]) => `${k} ${n}`).join(', ')}`;

describe('a full paper record, keyboard only (issue 22.6)', () => {
  test(`dates as the hints show them (R3.6.12): at most ${MEASURED.hinted} keys, none lost`, async () => {
    const { page, context, log } = await openPage(suite, suite.url(PAGE));
    const check = await countKeydowns(page);
    await page.focus(`#f-${RECORD[0][0]}`);
    const count = await typeRecord(page);
    await check(count);
    await assertRecord(page);
    for (const [key, kind, typed] of RECORD) if (kind === 'date') assert.equal(await page.inputValue(`#f-${key}`), typed, `${key} as typed`);
    console.log(`hinted: ${breakdown(count)}`);
    assert.ok(total(count) <= MEASURED.hinted, breakdown(count));
    await assertClean(page, log);
    await context.close();
  });

  test(`a stack of records with years completed: the first at most ${MEASURED.completed} keys, the next at most ${MEASURED.stack}`, async () => {
    const { page, context, log } = await openPage(suite, suite.url(PAGE));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.url('/') });
    await page.check('#year-fill'); // once a day
    const check = await countKeydowns(page);
    await page.focus(`#f-${RECORD[0][0]}`);
    const first = await typeRecord(page, { completeYears: true });
    await check(first);
    await assertRecord(page);
    for (const [key, kind, typed, value] of RECORD) {
      if (kind === 'date') assert.equal(await page.inputValue(`#f-${key}`), value ?? typed, `${key} completed`);
    }
    assert.match(await page.textContent('#next-status'), /報告年月日に最も近い年を補いました/);
    console.log(`first of the day: ${breakdown(first)}`);

    // Copied into HER-SYS; then the next record. 「報告年月日を残す」 is a setting of the day (not counted).
    await page.evaluate(() => {
      document.getElementById('keep-report-date').checked = true;
    });
    await page.click('#copy-record');
    await page.waitForFunction(() => document.getElementById('action-status').textContent !== '');
    const next = { tab: 0, date: 0, choice: 0, ime: 0, text: 0, next: 0 };
    const checkNext = await countKeydowns(page);
    await page.keyboard.press('Alt+N');
    await page.waitForSelector('#next-dialog[open]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'next-confirm', 'a copied record: Enter clears it');
    await page.keyboard.press('Enter');
    next.next += 3;
    await page.waitForFunction(() => document.activeElement?.id === 'f-caseType');
    assert.equal(await page.inputValue('#f-reportDate'), RECORD[0][2], '報告年月日 kept');
    await typeRecord(page, { completeYears: true, from: 1, count: next });
    await checkNext(next);
    await assertRecord(page);
    console.log(`next of the stack: ${breakdown(next)}`);
    assert.ok(total(first) <= MEASURED.completed, breakdown(first));
    assert.ok(total(next) <= MEASURED.stack, breakdown(next));
    await assertClean(page, log);
    await context.close();
  });
});
