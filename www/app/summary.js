// The summary: counts, then the errors in form order, then warnings and notes
// in a second, quieter list. Each item links to its field; an item whose issue
// has a fix offers it as a button (the fix buttons by the fields are not Tab
// stops, so this is where a keyboard user finds them besides Alt+Enter).
// Screen readers hear the counts through a polite live region, only when they
// change and the user has paused (not on every keystroke).
// "We read it as…" date notes (quiet notes, shown as a discreet mark at the
// field) are not listed one by one: one 「日付をそろえる」 button applies them all.
// On a phone, a sticky bar after the form repeats the counts (see main.js).
import { STRINGS } from './i18n.js';
import { severityIcon } from './icons.js';
import { controlId } from './form.js';
import { el } from './dom.js';

const ANNOUNCE_DELAY_MS = 1000;

/**
 * @param {{ root: HTMLElement, results: HTMLElement, counts: HTMLElement, note: HTMLElement, list: HTMLElement, others: HTMLElement,
 *           othersBox: HTMLElement, live: HTMLElement, labelOf: (key: string, lang: string) => string,
 *           fixLabel: (issue: object, lang: string) => string,
 *           focusField: (key: string) => void, fixField: (key: string, code: string) => void,
 *           isQuiet: (issue: object) => boolean, normalizeBox: HTMLElement, normalizeButton: HTMLElement,
 *           bar: HTMLElement }} parts
 */
export function createSummary({
  root, results, counts, note, list, others, othersBox, live, labelOf, fixLabel, focusField, fixField, isQuiet, normalizeBox, normalizeButton, bar,
}) {
  let lang = 'ja';
  let listSignature = '';
  let announced = null; // the text last put in (or deliberately kept out of) the live region
  let pending = null;
  let timer = 0;
  let last = null;

  root.addEventListener('click', (event) => {
    const fix = event.target.closest('button[data-fix-field]');
    if (fix) {
      fixField(fix.dataset.fixField, fix.dataset.code);
      return;
    }
    const link = event.target.closest('a[data-field]');
    if (!link) return;
    event.preventDefault();
    focusField(link.dataset.field);
  });

  function tally(report) {
    const c = { error: 0, warning: 0, info: 0, quiet: 0 };
    for (const issue of report.shown) {
      if (isQuiet(issue)) c.quiet += 1;
      else c[issue.severity] += 1;
    }
    return c;
  }

  function render(report, { silent = false } = {}) {
    last = report;
    const s = STRINGS[lang];
    const c = tally(report);
    const total = c.error + c.warning + c.info;
    const pristine = Object.keys(report.record).length === 0 && !report.allRevealed;

    document.title = c.error ? `${s.errorTitle}${s.documentTitle}` : s.documentTitle;
    counts.textContent = pristine ? '' : s.counts(c);
    counts.hidden = pristine;
    bar.textContent = pristine ? s.barPristine : s.barCounts(c);
    normalizeBox.hidden = c.quiet === 0;
    normalizeButton.textContent = s.normalizeDates(c.quiet);
    root.dataset.state = c.error ? 'error' : c.warning ? 'warning' : total ? 'info' : pristine ? 'pristine' : 'ok';
    if (pristine) note.textContent = s.notePristine;
    else if (report.allRevealed) note.textContent = c.error ? s.noteAllErrors : s.noteAllOk;
    else note.textContent = total ? s.notePartial : s.noteClean;

    const listed = report.shown.filter((i) => !isQuiet(i));
    const signature = JSON.stringify([lang, listed.map((i) => [i.field, i.code, i.message, i.fix])]);
    if (signature !== listSignature) {
      listSignature = signature;
      // report.shown is in form order: errors keep it, and lead.
      const errors = listed.filter((i) => i.severity === 'error');
      const rest = listed.filter((i) => i.severity !== 'error');
      list.replaceChildren(...errors.map((issue) => item(issue, s)));
      list.hidden = errors.length === 0;
      others.replaceChildren(...rest.map((issue) => item(issue, s)));
      othersBox.hidden = rest.length === 0;
    }

    const text = pristine ? null : s.announce(c);
    if (silent || announced === null) {
      // First render, or focus is moving to the summary (which is then read anyway).
      clearTimeout(timer);
      pending = null;
      announced = text;
      return;
    }
    if (text === announced) {
      clearTimeout(timer);
      pending = null;
      return;
    }
    pending = text;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (pending === null) return;
      announced = pending;
      live.textContent = pending;
      pending = null;
    }, ANNOUNCE_DELAY_MS);
  }

  function item(issue, s) {
    const link = el(
      'a',
      { href: `#${controlId(issue.field)}`, 'data-field': issue.field },
      el('span', { class: 'summary__severity', text: `${s.severity[issue.severity]}${s.colon}` }),
      el('span', { class: 'summary__field', text: labelOf(issue.field, lang) }),
      el('br'),
      issue.message,
    );
    const fix = issue.fix === undefined
      ? null
      : el('button', { type: 'button', class: 'summary__fix', 'data-fix-field': issue.field, 'data-code': issue.code, text: fixLabel(issue, lang) });
    return el(
      'li',
      { class: `summary__item summary__item--${issue.severity}`, 'data-code': issue.code },
      severityIcon(issue.severity, 'icon summary__icon'),
      el('div', { class: 'summary__body' }, link, fix),
    );
  }

  return {
    render,
    setLang(next) {
      lang = next;
      if (last) render(last, { silent: true });
    },
    /** Moves focus to the results (after "check all"): the next Tab is the first error's link. */
    focus() {
      results.focus({ preventScroll: true });
      root.scrollIntoView?.({ block: 'start' });
    },
  };
}
