// The summary at the top: counts, a note, and a list of the issues on screen,
// each a link that moves focus to its field. Screen readers hear the counts
// through a polite live region, only when they change and the user has paused
// (not on every keystroke).
import { STRINGS } from './i18n.js';
import { severityIcon } from './icons.js';
import { controlId } from './form.js';

const ANNOUNCE_DELAY_MS = 1000;

/**
 * @param {{ root: HTMLElement, counts: HTMLElement, note: HTMLElement, list: HTMLElement, live: HTMLElement,
 *           labelOf: (key: string, lang: string) => string, focusField: (key: string) => void }} parts
 */
export function createSummary({ root, counts, note, list, live, labelOf, focusField }) {
  let lang = 'ja';
  let listSignature = '';
  let announced = null; // the text last put in (or deliberately kept out of) the live region
  let pending = null;
  let timer = 0;
  let last = null;

  list.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-field]');
    if (!link) return;
    event.preventDefault();
    focusField(link.dataset.field);
  });

  function tally(report) {
    const c = { error: 0, warning: 0, info: 0 };
    for (const issue of report.shown) c[issue.severity] += 1;
    return c;
  }

  function render(report, { silent = false } = {}) {
    last = report;
    const s = STRINGS[lang];
    const c = tally(report);
    const total = c.error + c.warning + c.info;
    const pristine = Object.keys(report.record).length === 0 && !report.allRevealed;

    counts.textContent = pristine ? '' : s.counts(c);
    counts.hidden = pristine;
    root.dataset.state = c.error ? 'error' : c.warning ? 'warning' : total ? 'info' : pristine ? 'pristine' : 'ok';
    if (pristine) note.textContent = s.notePristine;
    else if (report.allRevealed) note.textContent = c.error ? s.noteAllErrors : s.noteAllOk;
    else note.textContent = total ? s.notePartial : s.noteClean;

    const signature = JSON.stringify([lang, report.shown.map((i) => [i.field, i.code, i.message])]);
    if (signature !== listSignature) {
      listSignature = signature;
      list.replaceChildren(...report.shown.map((issue) => item(issue, s)));
      list.hidden = report.shown.length === 0;
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
    const li = document.createElement('li');
    li.className = `summary__item summary__item--${issue.severity}`;
    li.dataset.code = issue.code;
    const a = document.createElement('a');
    a.href = `#${controlId(issue.field)}`;
    a.dataset.field = issue.field;
    const sev = document.createElement('span');
    sev.className = 'summary__severity';
    sev.textContent = `${s.severity[issue.severity]}${s.colon}`;
    const field = document.createElement('span');
    field.className = 'summary__field';
    field.textContent = labelOf(issue.field, lang);
    a.append(sev, field, document.createElement('br'), issue.message);
    li.append(severityIcon(issue.severity, 'icon summary__icon'), a);
    return li;
  }

  return {
    render,
    setLang(next) {
      lang = next;
      if (last) render(last, { silent: true });
    },
    /** Moves focus to the summary (after "check all"). */
    focus() {
      root.focus();
    },
  };
}
