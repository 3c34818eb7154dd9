// Suggestions for a free-text field (国名, 国籍): an editable combobox with list
// autocomplete (WAI-ARIA APG), whose value is whatever the clerk types unless a
// suggestion is taken. The input keeps its name, so attach() (js/attach.js)
// reads, validates and marks it (aria-invalid, aria-describedby) as any field.
// Matching is combobox.js's (kana, romaji, initials, readings of kanji names).
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

const TEXT = {
  ja: (n) => (n ? `候補 ${n} 件` : '一致する候補はありません'),
  en: (n) => (n === 0 ? 'No matching suggestion' : n === 1 ? '1 suggestion' : `${n} suggestions`),
};
const ROMAJI_QUERY = /^[a-z'-]+$/u;
const ANNOUNCE_DELAY = 500; // ms: the count is read once typing pauses, not after every key

/**
 * Gives `input` (a text input with its name) suggestions from `names`; `readings` (name → words)
 * and `spell` (word → romaji spellings) say how they are found. `labelId` names the list.
 * Returns `{ element, input }`: `element` holds the input, the list and a polite status.
 */
export function createSuggest(input, { names, readings = {}, spell, labelId }) {
  const listId = `${input.id}-list`;
  for (const [name, value] of Object.entries({
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    autocapitalize: 'off',
  })) input.setAttribute(name, value);
  input.classList.add('suggest__input');
  const list = document.createElement('ul');
  Object.assign(list, { id: listId, className: 'combobox__list suggest__list', hidden: true });
  list.setAttribute('role', 'listbox');
  if (labelId) list.setAttribute('aria-labelledby', labelId);
  const status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  const element = document.createElement('div');
  element.className = 'combobox suggest';
  element.append(input, list, status);

  const entries = names.map((name, i) => {
    const entry = entryFor(name, name, readings);
    if (spell && readings[name]) entry.words = readings[name].map((w) => spell(w));
    const li = document.createElement('li');
    Object.assign(li, { id: `${input.id}-opt-${i}`, className: 'combobox__option', lang: 'ja', textContent: name });
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    return { ...entry, li };
  });
  const byLi = new Map(entries.map((e) => [e.li, e]));

  let shown = [];
  let active = -1;
  let moved = false; // the clerk went to the highlighted suggestion with an arrow key
  let romajiQuery = false;
  let committing = false;
  let announce;

  const isOpen = () => !list.hidden;

  function open(query) {
    const q = normalize(query);
    if (q === '') shown = entries.map((entry) => ({ entry, s: 0 }));
    else {
      shown = entries
        .map((entry, index) => ({ entry, index, s: score(entry, query) }))
        .filter((x) => x.s !== Infinity)
        .sort((a, b) => a.s - b.s || a.index - b.index); // list order (frequent first) among equals
    }
    const count = shown.length;
    romajiQuery = ROMAJI_QUERY.test(q);
    moved = false;
    list.replaceChildren(...shown.map((x) => x.entry.li));
    list.hidden = shown.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    highlight(q !== '' && shown[0]?.s === 0 ? 0 : -1);
    clearTimeout(announce);
    announce = setTimeout(() => {
      const lang = document.documentElement.lang === 'en' ? 'en' : 'ja';
      status.textContent = TEXT[lang](count);
    }, ANNOUNCE_DELAY);
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    highlight(-1);
    clearTimeout(announce);
    status.textContent = '';
  }

  function highlight(index) {
    for (const x of shown) x.entry.li.setAttribute('aria-selected', 'false');
    active = index;
    const entry = shown[index]?.entry;
    if (!entry || list.hidden) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    entry.li.setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', entry.li.id);
    entry.li.scrollIntoView?.({ block: 'nearest' });
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
    if (event.isComposing || event.keyCode === 229) return; // the IME's own keys
    if (event.altKey || event.ctrlKey || event.metaKey) return; // Alt+Enter: attach's fix
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!isOpen()) {
          open(input.value);
          if (!shown.length) return;
        }
        const n = shown.length;
        const down = event.key === 'ArrowDown';
        highlight(active < 0 ? (down ? 0 : n - 1) : (active + (down ? 1 : n - 1)) % n);
        moved = true;
        break;
      }
      case 'Enter':
        if (isOpen() && active >= 0) {
          event.preventDefault();
          take(shown[active].entry);
        }
        break;
      case 'Tab':
        if (isOpen() && active >= 0 && (moved || romajiQuery)) take(shown[active].entry); // focus moves on
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
  list.addEventListener('mousedown', (event) => event.preventDefault()); // the focus stays in the input
  list.addEventListener('click', (event) => {
    const entry = byLi.get(event.target.closest('[role="option"]'));
    if (entry) take(entry);
  });
  return { element, input };
}
