// Suggestions for a free-text field (国名, 国籍): an editable combobox with list
// autocomplete (WAI-ARIA APG), whose value is whatever the clerk types unless a
// suggestion is taken. The input keeps its name, so attach() (js/attach.js)
// reads, validates and marks it (aria-invalid, aria-describedby) as any field.
// Matching is combobox.js's (kana, romaji, initials, readings of kanji names),
// the list listbox.js's.
//
// When is what the clerk typed replaced? Never by surprise:
// - The first suggestion is highlighted only when its name or a word of its
//   reading starts with what is typed (ふぃ, fi, ちゅうごく); a looser match
//   (initials, the middle of a name) lists suggestions, highlights none.
// - Enter takes the highlighted suggestion (not while an IME composes: that
//   Enter confirms the kana), as does a click on one.
// - Tab takes it only if the clerk moved to it with the arrow keys, or if what
//   is typed is romaji (latin letters): a search, as in the choice fields, not
//   a country's name in Japanese. Kana or kanji typed and left with Tab stay as
//   typed (ドミニカ is not turned into ドミニカ共和国), as does anything left
//   with a click elsewhere.
// - Escape closes the list and keeps the text.
import { entryFor, normalize, score } from './combobox.js';
import { createListbox, isImeKey } from './listbox.js';

const TEXT = {
  ja: (n) => (n ? `候補 ${n} 件` : '一致する候補はありません'),
  en: (n) => (n === 0 ? 'No matching suggestion' : n === 1 ? '1 suggestion' : `${n} suggestions`),
};
const ROMAJI_QUERY = /^[a-z'-]+$/u;

/**
 * Gives `input` (a text input with its name) suggestions from `names`; `readings` (name → words)
 * and `spell` (word → romaji spellings) say how they are found. `labelId` names the list.
 * Returns `{ element, input }`: `element` holds the input, the list and a polite status.
 */
export function createSuggest(input, { names, readings = {}, spell, labelId }) {
  const listbox = createListbox(input, { labelId, pick: take });
  input.classList.add('suggest__input');
  const { element, list } = listbox;
  list.classList.add('suggest__list');
  element.classList.add('suggest');

  const entries = names.map((name, i) => {
    const entry = entryFor(name, name, readings);
    if (spell && readings[name]) entry.words = readings[name].map((w) => spell(w));
    const li = Object.assign(listbox.option(i), { lang: 'ja', textContent: name });
    return { ...entry, li };
  });

  let moved = false; // the clerk went to the highlighted suggestion with an arrow key
  let romajiQuery = false;
  let committing = false;

  const { isOpen, close } = listbox;

  function open(query) {
    const q = normalize(query);
    const shown =
      q === ''
        ? entries.map((entry) => ({ entry, s: 0 }))
        : entries
            .map((entry, index) => ({ entry, index, s: score(entry, query) }))
            .filter((x) => x.s !== Infinity)
            .sort((a, b) => a.s - b.s || a.index - b.index); // list order (frequent first) among equals
    const count = shown.length;
    romajiQuery = ROMAJI_QUERY.test(q);
    moved = false;
    listbox.show(shown.map((x) => x.entry));
    listbox.highlight(q !== '' && shown[0]?.s === 0 ? 0 : -1);
    listbox.announce(() => TEXT[document.documentElement.lang === 'en' ? 'en' : 'ja'](count));
  }

  /** The suggestion becomes the value, as typing it would: input, then change (attach validates). */
  function take(entry) {
    close();
    if (input.value === entry.text) return;
    input.value = entry.text;
    committing = true;
    try {
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    } finally {
      committing = false;
    }
  }

  input.addEventListener('keydown', (event) => {
    if (isImeKey(event)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return; // Alt+Enter: attach's fix
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!isOpen()) {
          open(input.value);
          if (!listbox.items.length) return;
        }
        listbox.step(event.key === 'ArrowDown' ? 1 : -1);
        moved = true;
        break;
      case 'Enter':
        listbox.pickActive(event);
        break;
      case 'Tab':
        if (isOpen() && listbox.active >= 0 && (moved || romajiQuery)) take(listbox.items[listbox.active]); // focus moves on
        else close();
        break;
      case 'Escape':
        if (isOpen()) {
          event.preventDefault();
          close();
        }
        break;
      default:
        break;
    }
  });

  // Typed text (trusted events; also during composition: the kana so far filter already). A value
  // written by a script (attach's fix, a reset) opens nothing.
  input.addEventListener('input', (event) => {
    if (committing || !event.isTrusted) return;
    if (document.activeElement !== input) return;
    if (normalize(input.value) === '') close();
    else open(input.value);
  });
  input.addEventListener('compositionend', () => open(input.value));
  input.addEventListener('blur', close);
  return { element, input };
}
