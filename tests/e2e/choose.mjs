// Chooses an option of a choice field on www/index.html through its combobox,
// as a user types it (the select behind it is hidden): the option's text, then
// Enter; '' empties the field (Backspace on the selected text, then Enter).
import assert from 'node:assert/strict';

export async function choose(page, key, value) {
  await page.focus(`#f-${key}`);
  if (value === '') await page.keyboard.press('Backspace');
  else await page.keyboard.insertText(value);
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue(`#f-${key}-select`), value, `${key}: ${value} chosen through the combobox`);
}
