// A choice field as an editable combobox with list autocomplete and automatic
// selection (WAI-ARIA APG "Editable Combobox With List Autocomplete"): the
// clerk types a few letters (kana, kanji, romaji, initials), the first match is
// highlighted, Enter or Tab takes it. Editable rather than select-only because
// only a text input lets an IME compose kana (ばしょ) and shows what is typed;
// the list is closed: the value is always one of the options, or empty.
//
// The native <select name=…> stays the source of truth, visually hidden, out of
// the Tab order and of the accessibility tree: attach() (js/attach.js) finds
// it by name, reads it, writes fixes into it with input/change events (the
// combobox follows), and sets aria-invalid / aria-describedby on it (copied
// onto the combobox). The text input has no name and no form owner (its `form`
// attribute names no form), so attach never takes it for a second copy of the
// field. Focus given to the select (handle.focus(), after a fix) goes on to
// the combobox; Alt+Enter / Ctrl+. in the combobox is handed to the select,
// where attach listens for it. The popup list is listbox.js's, shared with the
// country suggestions (suggest.js).
import { createListbox, isImeKey } from './listbox.js';
import { READINGS, romaji, spellings, toHiragana } from './readings.js';

const TEXT = {
  ja: {
    none: '（未選択）',
    count: (n) => (n ? `選択肢 ${n} 件` : '一致する選択肢はありません'),
  },
  en: {
    none: '(none)',
    count: (n) => (n === 0 ? 'No matching option' : n === 1 ? '1 option' : `${n} options`),
  },
};

/** Full-width/half-width, katakana/hiragana and case folded; spaces dropped. */
export function normalize(text) {
  return toHiragana(String(text).normalize('NFKC').toLowerCase()).replace(/\s+/gu, '');
}

const ROMAJI_ABLE = /^[\p{Script=Hiragana}ー\-a-z0-9']+$/u;
const KANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;

/** What an option is matched by: its text, and its words' romaji spellings. */
export function entryFor(value, text, readings = READINGS) {
  const norm = normalize(text);
  const words = readings[value] ?? (KANA_ONLY.test(norm) ? [norm] : []);
  // Kana as typed too: an IME shows ばし before ばしょ, which no romaji spelling of ばしょ starts with.
  return { value, text, norm, words: words.map((w) => spellings(toHiragana(w))), kana: words.map((w) => [toHiragana(w)]) };
}

/** Does `q` run through consecutive words from `start`, taking a non-empty prefix of each? */
function throughWords(q, words, start) {
  if (q === '') return true;
  if (start >= words.length) return false;
  for (const spelling of words[start]) {
    let common = 0;
    while (common < spelling.length && common < q.length && spelling[common] === q[common]) common += 1;
    for (let k = common; k >= 1; k--) if (throughWords(q.slice(k), words, start + 1)) return true;
  }
  return false;
}

/**
 * How well `entry` matches the typed `query` (lower is better), or Infinity.
 * 0: its text or its first word starts with the query; 1: initials or prefixes
 * of several words from the first (bsf, bashosh); 2: a later word starts with
 * it, or the text holds it (ふめい, 不明); 3: several words from a later one.
 */
export function score(entry, query) {
  const q = normalize(query);
  if (q === '') return 0;
  let best = entry.norm.startsWith(q) ? 0 : entry.norm.includes(q) ? 2 : Infinity;
  if (ROMAJI_ABLE.test(q) && entry.words.length) {
    best = Math.min(best, wordScore(romaji(q), entry.words));
    if (KANA_ONLY.test(q)) best = Math.min(best, wordScore(q, entry.kana));
  }
  return best;
}

function wordScore(q, words) {
  let best = Infinity;
  for (let start = 0; start < words.length && best > 0; start++) {
    const single = words[start].some((s) => s.startsWith(q));
    const s = single ? 0 : throughWords(q, words, start) ? 1 : Infinity;
    best = Math.min(best, s + (start > 0 ? 2 : 0));
  }
  return best;
}

/**
 * The word of `entry` (its kana) that the typed `query` is a prefix of, the
 * first such word; undefined when no single word starts with it.
 */
function matchedWord(entry, query) {
  const q = normalize(query);
  if (!ROMAJI_ABLE.test(q)) return undefined;
  const r = romaji(q);
  const at = entry.words.findIndex((spellings) => spellings.some((s) => s.startsWith(r)));
  if (at >= 0) return entry.kana[at][0];
  return KANA_ONLY.test(q) ? entry.kana.find(([k]) => k.startsWith(q))?.[0] : undefined;
}

/**
 * The entries matching `query`, best first. Among equals, the one whose
 * matched word fewer of the matches share comes first: a word shared by
 * several options (ふくし in 高齢者福祉施設, 障害者福祉施設, 児童福祉施設) cannot
 * pick one of them, a word only one option has (ふめい in 場所種別不明) can, so
 * 「fu」 picks 場所種別不明. Then list order.
 */
export function rank(entries, query) {
  const matches = entries
    .map((entry, index) => ({ entry, index, s: score(entry, query), word: matchedWord(entry, query) }))
    .filter((x) => x.s !== Infinity);
  const shared = new Map();
  for (const { word } of matches) if (word !== undefined) shared.set(word, (shared.get(word) ?? 0) + 1);
  const share = (x) => (x.word === undefined ? 1 : shared.get(x.word));
  return matches.sort((a, b) => a.s - b.s || share(a) - share(b) || a.index - b.index).map((x) => x.entry);
}

const isFixKey = (e) => (e.altKey && !e.ctrlKey && e.key === 'Enter') || (e.ctrlKey && !e.altKey && e.key === '.');

/**
 * Turns `select` (already holding its options, the first one empty) into a
 * combobox. `id` goes to the text input (the label's `for`), `labelId` names
 * the list. Returns `{ element, input, setLang(lang) }`; `element` holds the
 * input, the list, a polite status and the select.
 */
export function createCombobox(select, { id, labelId, lang = 'ja', readings = READINGS }) {
  const input = document.createElement('input');
  Object.assign(input, { id, type: 'text', className: 'control control--select combobox__input', autocomplete: 'off', spellcheck: false });
  const listbox = createListbox(input, { labelId, pick: (entry) => commit(entry.value) });
  input.setAttribute('lang', 'ja');
  // No form owner: attach() reads form.elements and must see only the select.
  input.setAttribute('form', `${id}-no-form`);
  const { element, list, status } = listbox;
  status.classList.add('combobox__status');
  select.classList.add('combobox__native');
  select.tabIndex = -1;
  select.setAttribute('aria-hidden', 'true');
  element.append(select);

  const entries = [...select.options].map((option, i) => {
    const entry = entryFor(option.value, option.text, readings);
    const li = listbox.option(i);
    if (option.value === '') li.classList.add('combobox__option--empty');
    else {
      li.lang = 'ja';
      li.textContent = option.text;
    }
    return { ...entry, li };
  });
  const empty = entries.find((e) => e.value === '');

  let dirty = false; // the input holds typed text, not the chosen option
  let committing = false;
  let announced = null; // the count last announced while the list is open

  const textOf = (value) => (value === '' ? '' : entries.find((e) => e.value === value)?.text ?? value);
  const { isOpen } = listbox;

  function show() {
    input.value = textOf(select.value);
    dirty = false;
  }

  /** Opens the list filtered by `query` (null: every option, the chosen one highlighted). */
  function open(query) {
    const q = query === null ? '' : normalize(query);
    const shown = q === '' ? entries : rank(entries.filter((e) => e !== empty), query);
    let active;
    if (q === '') active = query === null ? entries.findIndex((e) => e.value === select.value) : entries.indexOf(empty);
    else active = shown.length ? 0 : -1;
    listbox.show(shown);
    for (const e of entries) e.li.classList.toggle('combobox__option--current', e.value === select.value && e !== empty);
    announceCount(shown.filter((e) => e !== empty).length);
    if (isOpen()) place();
    listbox.highlight(active);
  }

  /** The number of options, politely, once typing pauses and only when it changed. The empty option is not counted. */
  function announceCount(n) {
    listbox.announce(() => {
      if (n === announced) return undefined;
      announced = n;
      return TEXT[lang].count(n);
    });
  }

  function close() {
    listbox.close();
    announced = null;
  }

  /** The list below the field, or above when there is more room there: it always fits on screen. */
  function place() {
    const viewport = window.visualViewport?.height ?? window.innerHeight;
    const box = input.getBoundingClientRect();
    const below = viewport - box.bottom - 8;
    const above = box.top - 8;
    const wanted = Math.min(list.scrollHeight, 16 * 16);
    const up = below < wanted && above > below;
    element.classList.toggle('combobox--above', up);
    list.style.maxHeight = `${Math.max(Math.min(up ? above : below, 16 * 16), 5 * 16)}px`;
  }

  /** Puts `value` into the select as a user's choice would (input, then change: attach validates at once). */
  function commit(value) {
    close();
    if (select.value !== value) {
      select.value = value;
      committing = true;
      try {
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
      } finally {
        committing = false;
      }
    }
    show();
    if (document.activeElement === input) input.select(); // typing on replaces the choice, as after Tab
  }

  /** Leaving or Enter: the highlighted option when the list was in use, else back to the chosen one. */
  function settle() {
    if (!isOpen() && !dirty) return false;
    const entry = listbox.items[listbox.active];
    if (entry && (dirty || isOpen())) commit(entry.value);
    else {
      close();
      show();
    }
    return true;
  }

  input.addEventListener('keydown', (event) => {
    if (isImeKey(event)) return;
    if (isFixKey(event)) {
      // attach() listens on the select for the fix shortcut.
      close();
      show();
      const forwarded = new KeyboardEvent('keydown', { key: event.key, altKey: event.altKey, ctrlKey: event.ctrlKey, bubbles: true, cancelable: true });
      if (!select.dispatchEvent(forwarded)) event.preventDefault();
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
      case 'Down':
        event.preventDefault();
        if (!isOpen()) open(dirty ? input.value : null);
        else if (!event.altKey) listbox.step(1);
        break;
      case 'ArrowUp':
      case 'Up':
        event.preventDefault();
        if (event.altKey) {
          if (isOpen()) settle();
        } else if (!isOpen()) {
          open(dirty ? input.value : null);
          if (listbox.active < 0) listbox.highlight(listbox.items.length - 1);
        } else {
          listbox.step(-1);
        }
        break;
      case 'Enter':
        listbox.pickActive(event);
        break;
      case 'Escape':
      case 'Esc':
        if (isOpen() || dirty) {
          event.preventDefault();
          close();
          show();
          input.select();
        }
        break;
      default:
        break;
    }
  });

  input.addEventListener('input', () => {
    dirty = true;
    open(input.value); // also during composition: the kana typed so far filter already
  });
  input.addEventListener('compositionend', () => {
    dirty = true;
    open(input.value);
  });
  // Listeners on the form (attach's, the page's) learn that the field was entered and left, as the
  // select would tell them: focusin / focusout bubble from the select too.
  const tell = (type, relatedTarget) => select.dispatchEvent(new FocusEvent(type, { bubbles: true, relatedTarget }));
  input.addEventListener('focus', (event) => {
    if (!dirty) {
      show(); // a value written while elsewhere (a reset) without events
      input.select(); // typing replaces the shown choice
    }
    tell('focusin', event.relatedTarget);
  });
  // Tab, Shift+Tab or a click elsewhere: the highlighted option is kept, as a native select keeps its typed choice.
  input.addEventListener('blur', (event) => {
    settle();
    tell('focusout', event.relatedTarget);
  });
  input.addEventListener('click', () => {
    if (isOpen() && !dirty) close();
    else if (!isOpen()) open(dirty ? input.value : null);
  });

  // The select is written from outside: a fix, a test, a reset.
  const follow = () => {
    if (committing) return;
    close();
    show();
  };
  select.addEventListener('input', follow);
  select.addEventListener('change', follow);
  select.addEventListener('focus', () => input.focus());
  // After connection: the form only exists then; reset events come before the values are reset.
  queueMicrotask(() => select.form?.addEventListener('reset', () => setTimeout(follow, 0)));

  // What attach() says on the select (invalid, described by its messages) is said on the combobox.
  const mirror = () => {
    for (const name of ['aria-invalid', 'aria-describedby', 'aria-required']) {
      const value = select.getAttribute(name);
      if (value === input.getAttribute(name)) continue;
      if (value === null) input.removeAttribute(name);
      else input.setAttribute(name, value);
    }
  };
  new MutationObserver(mirror).observe(select, { attributes: true, attributeFilter: ['aria-invalid', 'aria-describedby', 'aria-required'] });
  mirror();

  function setLang(next) {
    lang = TEXT[next] ? next : 'ja';
    if (empty) {
      empty.li.textContent = TEXT[lang].none;
      empty.li.lang = lang;
      input.placeholder = select.options[0]?.text ?? '';
    }
    if (isOpen()) status.textContent = TEXT[lang].count(listbox.items.filter((e) => e !== empty).length);
  }
  setLang(lang);
  show();
  return { element, input, setLang };
}
