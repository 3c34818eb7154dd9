// Entry point of index.html: loads the validator, renders the form, binds it.
//
// URL parameters (for tests and demos): ?today=YYYY-MM-DD fixes the validation
// day (default: the local date; a date that does not exist is refused, visibly);
// ?lang=en starts in English (else the language chosen last time);
// ?window=14 and ?counting=dayAfterEntryIsDayOne set the passport window
// (default: the module's), which the checks and the hints then follow.
import { applyStaticTexts, checkToday, el, japanToday, readCommonParams, readWindowParams, showPageErrors } from './dom.js';
import { init, catalogue, fields, defaultVocabulary, validate } from '../lib/index.js';
import { attach, fixLabel } from '../lib/attach.js';
import { STRINGS } from './i18n.js';
import { renderForm, messagesId } from './form.js';
import { createSummary } from './summary.js';
import { bindLangSwitch } from './lang-switch.js';
import { copyText, recordText } from './record-text.js';

const $ = (id) => document.getElementById(id);

async function main() {
  const params = readCommonParams();
  let lang = params.lang;
  const form = $('record-form');
  const loading = $('loading');

  try {
    await init();
  } catch (error) {
    loading.textContent = STRINGS[lang].loadFailed;
    loading.setAttribute('role', 'alert');
    throw error;
  }
  // The module has the last word on ?today= (a day it cannot use is refused, visibly).
  checkToday(params, validate);
  const facts = catalogue();
  const passportWindow = readWindowParams(params, validate, facts);

  const fieldList = fields();
  const labels = new Map(fieldList.map((f) => [f.key, f]));
  const view = renderForm(form, { fields: fieldList, catalogue: facts, vocabulary: defaultVocabulary(), passportWindow }, lang);
  loading.remove();
  // Check-all where the thumb is: after the last field (shown on narrow screens only, by CSS).
  const checkAllEnd = el('button', { type: 'button', class: 'button button--primary record__check', id: 'check-all-end', 'data-i18n': 'checkAll' });
  form.append(el('div', { class: 'record__end' }, checkAllEnd));

  let handle = null;
  const summary = createSummary({
    root: $('summary'),
    results: $('summary-results'),
    counts: $('summary-counts'),
    note: $('summary-note'),
    list: $('summary-list'),
    others: $('summary-others'),
    othersBox: $('summary-others-box'),
    live: $('summary-live'),
    labelOf: (key, l) => labels.get(key)?.[l] ?? key,
    fixLabel,
    focusField: (key) => handle?.focus(key),
    fixField: (key, code) => handle?.fix(key, code),
  });

  const timing = $('footer-timing');
  const showTiming = (ms, l) => {
    timing.textContent = STRINGS[l].timing(ms < 0.1 ? '< 0.1' : ms.toFixed(1));
  };

  handle = await attach(form, {
    lang,
    announce: false, // the summary has its own live region
    today: params.today,
    ...passportWindow.options,
    messageFor: (key) => $(messagesId(key)),
    onReport: (report) => {
      summary.render(report);
      showTiming(report.ms, lang);
    },
  });

  const setLang = (next) => {
    lang = next;
    applyStaticTexts(STRINGS[lang], lang);
    showPageErrors(params, lang);
    view.setLang(lang);
    summary.setLang(lang);
    $('footer-today').textContent = STRINGS[lang].today(params.today ?? japanToday());
    $('copy-status').textContent = '';
    handle.setOptions({ lang });
  };
  bindLangSwitch($('lang-switch'), lang, setLang);

  // "Check all" shows every field's issues (required fields left empty too) and moves
  // focus to the summary. It is a plain button, not a submit button: Enter in a field
  // (often pressed to confirm a value) does not throw the focus to the summary.
  const checkAll = () => {
    const report = handle.validate();
    summary.render(report, { silent: true });
    summary.focus();
  };
  $('check-all').addEventListener('click', checkAll);
  checkAllEnd.addEventListener('click', checkAll);

  $('copy-record').addEventListener('click', async () => {
    const report = handle.validate({ reveal: false });
    const labelOf = (key) => labels.get(key)?.[lang] ?? key;
    // The errors left once the fixes are applied: validate the corrected record itself.
    const remaining = validate(report.normalized, { lang, ...passportWindow.options, ...(params.today ? { today: params.today } : {}) }).issues;
    const text = recordText({
      keys: handle.keys,
      normalized: report.normalized,
      remaining,
      labelOf,
      strings: STRINGS[lang],
      today: params.today ?? japanToday(),
    });
    const filled = handle.keys.filter((k) => report.normalized[k]).length;
    $('copy-status').textContent = (await copyText(text)) ? STRINGS[lang].copied(filled) : STRINGS[lang].copyFailed;
  });
  $('print-record').addEventListener('click', () => window.print());

  // Nothing is ever submitted (the CSP also has form-action 'none').
  form.addEventListener('submit', (event) => event.preventDefault());

  setLang(lang);
  document.documentElement.dataset.ready = 'true';
}


main().catch((error) => {
  document.documentElement.dataset.ready = 'error';
  console.error(error);
});
