// Small DOM helpers shared by the pages.

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

/** The page's URL parameters that tests and links use: `?today=YYYY-MM-DD` and `?lang=en`. */
export function readCommonParams(params = new URLSearchParams(location.search)) {
  const today = params.get('today');
  return {
    today: today && /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : undefined,
    lang: params.get('lang') === 'en' ? 'en' : 'ja',
  };
}

/** The local calendar date as YYYY-MM-DD. */
export function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
