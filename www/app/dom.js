// Small DOM helpers shared by the pages.
import { startLang } from './lang-switch.js';

/** An element with attributes (`class`, `text` for its text) and children; null children are skipped. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** Puts the texts of `strings` into the page: <html lang>, the title, [data-i18n] and [data-i18n-aria-label]. */
export function applyStaticTexts(strings, lang) {
  document.documentElement.lang = lang;
  document.title = strings.documentTitle;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = strings[node.dataset.i18n];
  for (const node of document.querySelectorAll('[data-i18n-aria-label]')) {
    node.setAttribute('aria-label', strings[node.dataset.i18nAriaLabel]);
  }
}

/**
 * The page's URL parameters that tests and links use: `?today=YYYY-MM-DD` and
 * `?lang=en` (else the language kept from last time). A `today` that is not a
 * real calendar date is dropped and reported in `todayRefused` (the raw text is
 * not kept: showPageErrors() names the parameter only).
 */
export function readCommonParams(params = new URLSearchParams(location.search)) {
  const today = params.get('today');
  const ok = today === null || isCalendarDate(today);
  return { today: today !== null && ok ? today : undefined, todayRefused: !ok, lang: startLang(params) };
}

/** YYYY-MM-DD naming a day that exists (2021-02-30 does not). */
export function isCalendarDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Lets the module have the last word on ?today=: a day `validate` refuses is dropped and reported too. */
export function checkToday(params, validate) {
  if (params.today === undefined) return;
  try {
    validate({}, { today: params.today });
  } catch {
    params.today = undefined;
    params.todayRefused = true;
  }
}

// Parts in [text, nowrap] pairs: a date or a format never breaks across lines.
const PAGE_ERRORS = {
  ja: (d) => [['URL の「today」が実在する日付（'], ['YYYY-MM-DD', true], ['）ではないため使いません。今日の日付（'], [d, true], ['）を基準日にして確認しています。']],
  en: (d) => [['The URL’s “today” is not a real date ('], ['YYYY-MM-DD', true], ['), so it is not used: checks use today’s date ('], [d, true], [').']],
};

/**
 * Shows, at the top of <main>, why a URL option was refused (or removes the
 * notice): a page never silently runs on other options than the ones asked for.
 */
export function showPageErrors(params, lang) {
  let box = document.getElementById('page-error');
  if (!params.todayRefused) {
    box?.remove();
    return;
  }
  if (!box) {
    box = el('p', { id: 'page-error', class: 'page-error', role: 'alert' });
    (document.querySelector('main') ?? document.body).prepend(box);
  }
  const parts = PAGE_ERRORS[lang === 'en' ? 'en' : 'ja'](localToday());
  box.replaceChildren(...parts.map(([text, nowrap]) => (nowrap ? el('span', { class: 'nowrap', text }) : text)));
}

/** The local calendar date as YYYY-MM-DD. */
export function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
