// Small DOM helpers shared by the pages.
import { setPhrasedText } from './phrases.js';
import { startLang } from './lang-switch.js';
import { japanToday } from '../lib/japan-date.js';

// Today in Japan as YYYY-MM-DD: the day the rules take when the URL gives none.
export { japanToday };

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
  for (const node of document.querySelectorAll('[data-i18n]')) {
    // Japanese breaks only between phrases, in every engine (www/app/phrases.js); an option holds text only.
    if (node.tagName === 'OPTION') node.textContent = strings[node.dataset.i18n];
    else setPhrasedText(node, strings[node.dataset.i18n]);
  }
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

/**
 * The passport window the URL asks for: `?window=14` (days) and
 * `?counting=dayAfterEntryIsDayOne`. The module has the last word on each
 * (`validate` refuses what it cannot use): a refused one is dropped, the
 * module's default used, and showPageErrors() says so. `catalogue` is the
 * module's catalogue() (defaults and limits). Returns `{ days, counting,
 * options }`, `options` holding only what the URL set (for validate() and
 * attach()).
 */
export function readWindowParams(params, validate, catalogue, search = new URLSearchParams(location.search)) {
  const { defaults, limits } = catalogue;
  const options = {};
  const days = search.get('window');
  if (days !== null) {
    const value = /^[0-9]+$/.test(days) ? Number(days) : Number.NaN;
    if (accepts(validate, { passportWindowDays: value })) options.passportWindowDays = value;
    else params.windowRefused = { range: limits.passportWindowDays, days: defaults.passportWindowDays };
  }
  const counting = search.get('counting');
  if (counting !== null) {
    if (accepts(validate, { counting })) options.counting = counting;
    else params.countingRefused = true;
  }
  return { days: options.passportWindowDays ?? defaults.passportWindowDays, counting: options.counting ?? defaults.counting, options };
}

function accepts(validate, options) {
  try {
    validate({}, { today: '2021-06-03', ...options });
    return true;
  } catch {
    return false;
  }
}

// Parts in [text, nowrap] pairs: a date or a format never breaks across lines.
const PAGE_ERRORS = {
  ja: {
    today: (d) => [['URL の「today」が実在する日付（'], ['YYYY-MM-DD', true], ['）ではないため使いません。今日の日付（'], [d, true], ['）を基準日にして確認しています。']],
    window: ({ range: [min, max], days }) => [[`URL の「window」（パスポート番号が必要な日数）は ${min}〜${max} の整数でないため使いません。既定の ${days} 日で確認しています。`]],
    counting: () => [['URL の「counting」（日数の数え方）が使えない値のため、既定の数え方で確認しています。']],
  },
  en: {
    today: (d) => [['The URL’s “today” is not a real date ('], ['YYYY-MM-DD', true], ['), so it is not used: checks use today’s date ('], [d, true], [').']],
    window: ({ range: [min, max], days }) => [
      [`The URL’s “window” (the days within which a passport number is needed) is not a whole number from ${min} to ${max}, so it is not used: checks use the default of ${days} days.`],
    ],
    counting: () => [['The URL’s “counting” (how the days are counted) is not one the checker knows, so the default counting is used.']],
  },
};

/**
 * Shows, at the top of <main>, why a URL option was refused (or removes the
 * notice): a page never silently runs on other options than the ones asked for.
 */
export function showPageErrors(params, lang) {
  let box = document.getElementById('page-error');
  const texts = PAGE_ERRORS[lang === 'en' ? 'en' : 'ja'];
  const sentences = [
    params.todayRefused && texts.today(japanToday()),
    params.windowRefused && texts.window(params.windowRefused),
    params.countingRefused && texts.counting(),
  ].filter(Boolean);
  if (sentences.length === 0) {
    box?.remove();
    return;
  }
  if (!box) {
    box = el('p', { id: 'page-error', class: 'page-error', role: 'alert' });
    (document.querySelector('main') ?? document.body).prepend(box);
  }
  const node = ([text, nowrap]) => (nowrap ? el('span', { class: 'nowrap', text }) : text);
  box.replaceChildren(...sentences.flatMap((parts, i) => [...(i > 0 ? [' '] : []), ...parts.map(node)]));
}

