// Entry point of index.html: loads the validator, renders the form, binds it.
//
// URL parameters (for tests and demos): ?today=YYYY-MM-DD fixes the validation
// day (default: the local date; a date that does not exist is refused, visibly);
// ?lang=en starts in English (else the language chosen last time);
// ?window=14 and ?counting=dayAfterEntryIsDayOne set the passport window
// (default: the module's), which the checks and the hints then follow.
import { applyStaticTexts, checkToday, el, japanToday, readCommonParams, readWindowParams, showPageErrors } from './dom.js';
import { init, catalogue, fields, defaultVocabulary, parseDate, validate } from '../lib/index.js';
import { attach, fixLabel, isQuietNote } from '../lib/attach.js';
import { STRINGS } from './i18n.js';
import { renderForm, messagesId, controlId } from './form.js';
import { createSummary } from './summary.js';
import { bindLangSwitch } from './lang-switch.js';
import { copyText, recordText } from './record-text.js';
import { createNextRecord } from './next-record.js';
import { bindYearFill } from './year-fill.js';

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
  // Check-all where the thumb is: after the last field, in a bar that sticks to the bottom of a
  // phone's screen with the counts (a link to the summary, which comes after the form there).
  // Shown on narrow screens only, by CSS.
  const checkAllEnd = el('button', { type: 'button', class: 'button button--primary record__check', id: 'check-all-end', 'data-i18n': 'checkAll' });
  const barCounts = el('a', { class: 'record__counts', id: 'bar-counts', href: '#summary' });
  form.append(el('div', { class: 'record__end' }, checkAllEnd, barCounts));
  const dateKeys = new Set(fieldList.filter((f) => f.kind === 'date').map((f) => f.key));

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
    // "We read it as…" notes on dates: a mark at the field, one 「日付をそろえる」 for all.
    isQuiet: (issue) => isQuietNote(issue) && dateKeys.has(issue.field),
    normalizeBox: $('normalize-box'),
    normalizeButton: $('normalize-dates'),
    bar: barCounts,
  });
  // On a wide screen the summary sticks beside the form and scrolls on its own when taller than the
  // window: then it is a Tab stop (named by its heading), so that the arrow keys reach its end (the tip
  // at the bottom has no control to take focus there). Not a Tab stop when all of it is in view.
  const summaryRoot = $('summary');
  const syncScroller = () => {
    summaryRoot.tabIndex = summaryRoot.scrollHeight > summaryRoot.clientHeight + 1 ? 0 : -1;
  };
  const scrollerWatch = new ResizeObserver(syncScroller);
  for (const part of [summaryRoot, $('summary-results')]) scrollerWatch.observe(part);
  window.addEventListener('resize', syncScroller);

  const nextRecord = createNextRecord({
    form,
    dialog: $('next-dialog'),
    confirm: $('next-confirm'),
    cancel: $('next-cancel'),
    keep: $('keep-report-date'),
    copiedNote: $('next-dialog-copied'),
    status: $('next-status'),
    keepKey: 'reportDate',
    getHandle: () => handle,
    onCleared: () => {
      $('action-status').textContent = '';
    },
    text: () => STRINGS[lang],
  });

  const timing = $('footer-timing');
  const showTiming = (ms, l) => {
    timing.textContent = STRINGS[l].timing(ms < 0.1 ? '< 0.1' : ms.toFixed(1));
  };

  // Before attach's own listeners see the change (capture phase): the completed date is what they check.
  const yearFill = bindYearFill(form, {
    dateKeys: [...dateKeys],
    reportKey: 'reportDate',
    never: ['birthDate'],
    parseDate,
    isOn: () => $('year-fill').checked,
    onFilled: (key) => {
      $('next-status').textContent = STRINGS[lang].yearFilled(labels.get(key)?.[lang] ?? key);
    },
  });

  handle = await attach(form, {
    lang,
    announce: false, // the summary has its own live region
    today: params.today,
    ...passportWindow.options,
    messageFor: (key) => $(messagesId(key)),
    // Findings on fields the clerk has not reached wait (死亡 → 死亡日付); date notes are a quiet mark.
    holdUnreached: true,
    quietNotes: true,
    // 6.12 with 「年を補う」 on is completed as the field is left: no error for it on a pause.
    holdWhile: (key, value) => yearFill.willComplete(key, value),
    onReport: (report) => {
      summary.render(report);
      showTiming(report.ms, lang);
      nextRecord.syncUnload();
    },
  });

  nextRecord.syncUnload(); // values the browser restored into the form count too

  const setLang = (next) => {
    lang = next;
    applyStaticTexts(STRINGS[lang], lang);
    showPageErrors(params, lang);
    view.setLang(lang);
    summary.setLang(lang);
    $('footer-today').textContent = STRINGS[lang].today(params.today ?? japanToday());
    $('action-status').textContent = '';
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
    const ok = await copyText(text);
    if (ok) nextRecord.markCopied();
    $('action-status').textContent = ok ? STRINGS[lang].copied(filled) : STRINGS[lang].copyFailed;
  });
  $('next-record').addEventListener('click', () => nextRecord.start());

  // One action for every date note: each date written as YYYY-MM-DD (focus stays on the summary).
  $('normalize-dates').addEventListener('click', () => {
    const count = handle.fixAll((issue) => isQuietNote(issue) && dateKeys.has(issue.field));
    $('action-status').textContent = STRINGS[lang].normalized(count);
    $('summary-results').focus({ preventScroll: true });
  });

  // A phone keyboard's Enter key is labelled "next" (enterkeyhint): it moves on, and "done" in the
  // last field goes to check-all. Only for touch: on a desktop, Enter often confirms a value, and a
  // clerk pressing Enter then Tab must not skip a field.
  const touch = window.matchMedia('(pointer: coarse)');
  form.addEventListener('keydown', (event) => {
    if (!touch.matches || event.key !== 'Enter' || event.defaultPrevented || event.isComposing) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const hint = event.target.getAttribute?.('enterkeyhint');
    if (!hint) return;
    // The controls the clerk types in (a choice's combobox, not the select behind it).
    const controls = handle.keys.map((key) => $(controlId(key)));
    const target = hint === 'done' ? checkAllEnd : controls[controls.indexOf(event.target) + 1];
    if (!target) return;
    event.preventDefault();
    target.focus();
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
