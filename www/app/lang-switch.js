// The language selector of both pages: 日本語 and English, each named in its
// own language, the current one pressed. The choice is kept in this browser's
// local storage (nothing is sent) and carried on the links between the pages.

const STORAGE_KEY = 'hersys-validator.lang';
export const LANGS = ['ja', 'en'];

/** The language to start in: ?lang= in the URL, else the one kept from last time, else Japanese. */
export function startLang(params = new URLSearchParams(location.search)) {
  const asked = params.get('lang');
  if (LANGS.includes(asked)) return asked;
  const kept = readKept();
  return LANGS.includes(kept) ? kept : 'ja';
}

function readKept() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the choice lasts for this page only
  }
}

function keep(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage disabled or full: the URL still carries the choice
  }
}

/** Puts `?lang=` (and the page's `?today=`) on a link to the other page. */
function carry(link, lang, here) {
  let target;
  try {
    target = new URL(link.getAttribute('href'), here);
  } catch {
    return; // a base that takes no relative links (a frame's about:srcdoc): nothing to carry
  }
  target.searchParams.set('lang', lang);
  const today = here.searchParams.get('today');
  if (today !== null) target.searchParams.set('today', today);
  link.setAttribute('href', `${target.pathname.split('/').pop()}${target.search}`);
}

/**
 * Binds the buttons `[data-lang]` inside `root`. `onChange(lang)` re-renders the
 * page. Links marked `data-carry-lang` (to the other page) get `?lang=` and, when
 * the page has one, `?today=`.
 */
export function bindLangSwitch(root, lang, onChange) {
  const buttons = [...root.querySelectorAll('button[data-lang]')];
  const show = (current) => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === current));
    const here = new URL(location.href);
    if (here.searchParams.get('lang') !== current) {
      here.searchParams.set('lang', current);
      try {
        history.replaceState(history.state, '', here); // a reload keeps the choice even without storage
      } catch {
        // some file:// contexts refuse URL changes: local storage still keeps it
      }
    }
    for (const a of document.querySelectorAll('a[data-carry-lang]')) carry(a, current, here);
  };
  for (const b of buttons) {
    b.addEventListener('click', () => {
      const next = b.dataset.lang;
      keep(next);
      show(next);
      onChange(next);
    });
  }
  show(lang);
}
