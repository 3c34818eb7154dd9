// Entry point of index.html: loads the validator, renders the form, binds it.
//
// URL parameters (for tests and demos): ?today=YYYY-MM-DD fixes the validation
// day (default: the local date); ?lang=en starts in English.
import { applyStaticTexts, localToday, readCommonParams } from './dom.js';
import { init, fields, defaultVocabulary } from '../lib/index.js';
import { attach } from '../lib/attach.js';
import { STRINGS } from './i18n.js';
import { renderForm, messagesId } from './form.js';
import { createSummary } from './summary.js';

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

  const catalogue = fields();
  const labels = new Map(catalogue.map((f) => [f.key, f]));
  const view = renderForm(form, catalogue, defaultVocabulary(), lang);
  loading.remove();

  let handle = null;
  const summary = createSummary({
    root: $('summary'),
    counts: $('summary-counts'),
    note: $('summary-note'),
    list: $('summary-list'),
    live: $('summary-live'),
    labelOf: (key, l) => labels.get(key)?.[l] ?? key,
    focusField: (key) => handle?.focus(key),
  });

  const timing = $('footer-timing');
  const showTiming = (ms, l) => {
    timing.textContent = STRINGS[l].timing(ms < 0.1 ? '< 0.1' : ms.toFixed(1));
  };

  handle = await attach(form, {
    lang,
    announce: false, // the summary has its own live region
    today: params.today,
    messageFor: (key) => $(messagesId(key)),
    onReport: (report) => {
      summary.render(report);
      showTiming(report.ms, lang);
    },
  });

  const setLang = (next) => {
    lang = next;
    applyStaticTexts(STRINGS[lang], lang);
    view.setLang(lang);
    summary.setLang(lang);
    $('lang-toggle').setAttribute('aria-pressed', String(lang === 'en'));
    $('footer-today').textContent = STRINGS[lang].today(params.today ?? localToday());
    handle.setOptions({ lang });
  };

  $('lang-toggle').addEventListener('click', () => setLang(lang === 'en' ? 'ja' : 'en'));

  // "Check all" shows every field's issues (required fields left empty too) and moves
  // focus to the summary. It is a plain button, not a submit button: Enter in a field
  // (often pressed to confirm a value) does not throw the focus to the summary.
  $('check-all').addEventListener('click', () => {
    const report = handle.validate();
    summary.render(report, { silent: true });
    summary.focus();
  });
  // Nothing is ever submitted (the CSP also has form-action 'none').
  form.addEventListener('submit', (event) => event.preventDefault());

  setLang(lang);
  document.documentElement.dataset.ready = 'true';
}


main().catch((error) => {
  document.documentElement.dataset.ready = 'error';
  console.error(error);
});
