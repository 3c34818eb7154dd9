// The markup for a field's issues, and the ARIA attributes that tie them to
// its controls. Fix buttons are not Tab stops (tabindex -1): Tab always goes
// to the next field. A fix is applied by pointer, by the field's shortcut
// (Alt+Enter or Ctrl+.), or from a page's own summary (handle.fix()).
import { severityIcon } from '../icons.js';
import { splitIds } from './labels.js';
import { catalogue } from '../validator.js';

/** The shortcut, in aria-keyshortcuts syntax and as shown. */
export const FIX_SHORTCUT = { aria: 'Alt+Enter Control+.', shown: 'Alt+Enter' };

/** Alt+Enter or Ctrl+. (no other modifier). */
export function isFixShortcut(event) {
  if (event.isComposing || event.shiftKey || event.metaKey) return false;
  return (event.altKey && !event.ctrlKey && event.key === 'Enter') || (event.ctrlKey && !event.altKey && event.key === '.');
}

export const UI = {
  ja: {
    severity: { error: 'エラー：', warning: '警告：', info: '参考：' },
    key: (k) => `（${k}）`,
    field: (label) => `【${label}】`,
    missingTitle: 'このフォームにない項目',
  },
  en: {
    severity: { error: 'Error: ', warning: 'Warning: ', info: 'Note: ' },
    key: (k) => `(${k})`,
    field: (label) => `${label}: `,
    missingTitle: 'Fields this form does not have',
  },
};

let fixTexts = null;

/** The label of the fix button for `issue`, in `lang`: the module's label for its code (catalogue().fixLabels). */
export function fixLabel(issue, lang) {
  fixTexts ??= catalogue();
  const texts = fixTexts.fixLabels[issue.code] ?? fixTexts.otherFixLabel;
  const value = String(issue.fix ?? '');
  // A function, so that `$&` or `$1` in a value is put in as it is.
  return texts[lang === 'en' ? 'en' : 'ja'].replace('{fix}', () => value);
}

/**
 * Renders `issues` into `box` (replacing what was there).
 * Returns the ids to add to the controls' aria-describedby.
 * @param {{ lang: 'ja'|'en', idPrefix: string, fixable: (issue) => boolean, onFix: (issue) => void,
 *   fieldLabel?: (issue) => string, quiet?: (issue) => boolean }} how `fieldLabel` names the field before each
 *   message; a `quiet` issue is one discreet line (class hv-issue--quiet) without a fix button
 */
export function renderIssues(box, issues, { lang, idPrefix, fixable, onFix, fieldLabel, quiet = () => false }) {
  const ui = UI[lang];
  const ids = [];
  let keyShown = false;
  const nodes = issues.map((issue, index) => {
    const p = document.createElement('p');
    const isQuiet = quiet(issue);
    p.className = `hv-issue hv-issue--${issue.severity}${isQuiet ? ' hv-issue--quiet' : ''}`;
    p.dataset.code = issue.code;
    p.append(severityIcon(issue.severity));
    const text = document.createElement('span');
    text.className = 'hv-text';
    text.id = `${idPrefix}${index}`;
    ids.push(text.id);
    const sev = document.createElement('span');
    sev.className = 'hv-severity';
    sev.textContent = ui.severity[issue.severity];
    text.append(sev);
    if (fieldLabel) {
      const field = document.createElement('span');
      field.className = 'hv-field';
      field.textContent = ui.field(fieldLabel(issue));
      text.append(field);
    }
    text.append(issue.message);
    p.append(text);
    if (!isQuiet && fixable(issue)) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'hv-fix';
      button.tabIndex = -1; // not a Tab stop between two fields
      button.id = `${idPrefix}${index}-fix`;
      button.dataset.fix = issue.code;
      button.textContent = fixLabel(issue, lang);
      button.addEventListener('click', () => onFix(issue));
      p.append(button);
      ids.push(button.id);
      if (!keyShown) {
        // The shortcut applies the first fix (errors come first).
        keyShown = true;
        button.setAttribute('aria-keyshortcuts', FIX_SHORTCUT.aria);
        const key = document.createElement('span');
        key.className = 'hv-key';
        key.id = `${idPrefix}${index}-key`;
        key.textContent = ui.key(FIX_SHORTCUT.shown);
        p.append(key);
        ids.push(key.id);
      }
    }
    return p;
  });
  box.replaceChildren(...nodes);
  box.hidden = nodes.length === 0;
  return ids;
}

/**
 * A `<div class="hv-messages">` in `host`, or after `anchor` (after its label
 * when the label wraps it); `anchor` defaults to the field's last control.
 */
export function createMessageBox(key, controls, host, anchor = controls[controls.length - 1]) {
  const box = document.createElement('div');
  box.className = 'hv-messages';
  box.dataset.field = key;
  if (host instanceof Element) host.append(box);
  else placeBox(box, anchor);
  return box;
}

/** Puts `box` right after `control` (after its <label> when the label wraps it). */
export function placeBox(box, control) {
  const after = control.closest('label') ?? control;
  if (after.nextSibling !== box) after.after(box);
}

/**
 * The box for issues on fields the form does not hold (missingFields 'report'
 * or 'block'): in `host`, or before the form's first submit button, or at the
 * end of the form. A focusable (tabindex -1) group named by its title.
 */
export function createMissingBox(form, host, idPrefix) {
  const box = document.createElement('div');
  box.className = 'hv-messages hv-missing';
  box.dataset.field = '';
  box.tabIndex = -1;
  box.setAttribute('role', 'group');
  box.setAttribute('aria-labelledby', `${idPrefix}missing-title`);
  box.hidden = true;
  if (host instanceof Element) {
    host.append(box);
  } else {
    const submit = [...form.elements].find((el) =>
      (el instanceof HTMLButtonElement && el.type === 'submit') || (el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'image')));
    if (submit && form.contains(submit)) submit.before(box);
    else form.append(box);
  }
  return box;
}

/** Renders the issues on missing fields into the box made by createMissingBox(), under its title. */
export function renderMissing(box, issues, { lang, idPrefix, fieldLabel }) {
  renderIssues(box, issues, { lang, idPrefix: `${idPrefix}missing-`, fixable: () => false, onFix: () => {}, fieldLabel });
  if (issues.length === 0) return;
  const title = document.createElement('p');
  title.className = 'hv-missing-title';
  title.id = `${idPrefix}missing-title`;
  title.textContent = UI[lang].missingTitle;
  box.prepend(title);
}

/** What the binder knows of a control's aria-invalid: the page's own value and what was last left there. */
export function ariaState(control) {
  const original = control.getAttribute('aria-invalid');
  // A page's own "true" is stale once the binder validates: the binder owns it then.
  return { original, invalid: original === 'true' ? null : original, written: original };
}

/**
 * Puts our ids after the control's own aria-describedby ids (ours start with
 * `prefix`: stale ones go, the page's or framework's stay) and sets
 * aria-invalid. Writes only what differs, so that re-applying after a
 * re-render is cheap and quiet. When the page or its framework changes
 * aria-invalid, that becomes its own value.
 */
export function applyAria(control, state, prefix, ids, hasError) {
  const current = control.getAttribute('aria-describedby');
  const own = splitIds(current).filter((id) => !id.startsWith(prefix));
  const next = [...own, ...ids].join(' ');
  if ((current ?? '') !== next) {
    if (next) control.setAttribute('aria-describedby', next);
    else control.removeAttribute('aria-describedby');
  }
  const invalid = control.getAttribute('aria-invalid');
  if (invalid !== state.written) state.invalid = invalid;
  const wanted = hasError ? 'true' : state.invalid;
  if (invalid !== wanted) {
    if (wanted === null) control.removeAttribute('aria-invalid');
    else control.setAttribute('aria-invalid', wanted);
  }
  state.written = wanted;
}

/** Takes our ids off the control and gives aria-invalid back to the page. */
export function clearAria(control, state, prefix) {
  applyAria(control, state, prefix, [], false);
  const untouched = state.invalid === (state.original === 'true' ? null : state.original);
  if (untouched && state.original === 'true') control.setAttribute('aria-invalid', 'true');
}
