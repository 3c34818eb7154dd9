// hersys-validator/attach: binds the validator to an existing HTML form.
//
//   import { attach } from 'hersys-validator/attach';
//   const handle = await attach(document.querySelector('form'), {
//     map: { pp_no: 'passportNumber', dx_date: 'diagnosisDate' },
//   });
//
// attach() loads the WebAssembly module itself (it awaits init(), which is
// idempotent), so it returns a Promise of the handle. Nothing leaves the page:
// the record is validated in the browser by the wasm module.
//
// What it does to the form (and undoes on detach()):
// - listens to input/change/keydown/focusout/invalid/reset/composition events on the form;
// - setCustomValidity(message) on the first control of each field with an
//   error (warnings and info do not block), '' when fixed: `form.checkValidity()`
//   and the browser's own submit blocking then follow the rules;
// - aria-invalid="true" on a field's controls while an error is shown for it;
// - adds the ids of the shown messages to aria-describedby (keeping the ids
//   that were there);
// - renders the messages into `options.messageFor(key, control)` when that
//   returns an element, or else into a <div class="hv-messages"> it inserts
//   right after the control (after its <label> when the label wraps it).
//
// Timing ("don't shout"): every input and change event validates the whole
// record at once (validate() takes well under a millisecond). What is *shown*
// follows the user:
// - a field's own new issues appear when the field is settled: on blur (after
//   the value changed), 700 ms after the last keystroke (`idleMs`), at once for
//   selects, radios and checkboxes, and for every field on a submit attempt or
//   handle.validate() (a Tab out of the field settles it on keydown, so that its fix
//   button is the next Tab stop);
// - an issue that the typing has removed disappears at once;
// - an issue that is already shown stays while it still applies;
// - cross-field issues on other fields (those whose `related` keys include a
//   field the user has edited) appear and disappear at once;
// - during IME composition (Japanese input) the unconverted text is not
//   validated and nothing is settled: validation and the idle timer wait for
//   compositionend.
//
// Markup it creates (style it with these classes; no styles are injected, so
// a strict Content-Security-Policy without 'unsafe-inline' works):
//   <div class="hv-messages">
//     <p class="hv-issue hv-issue--error|--warning|--info" data-code="…">
//       <svg class="hv-icon" aria-hidden="true">…</svg>
//       <span class="hv-text" id="…"><span class="hv-severity">エラー：</span>message</span>
//       <button type="button" class="hv-fix">全角→半角（TK1234567）</button>
//     </p>
//   </div>

import { init, validate, fields, lookupField } from './index.js';
import { severityIcon } from './icons.js';

export { severityIcon };

const SVG_NS = 'http://www.w3.org/2000/svg';
const DEFAULT_IDLE_MS = 700;
const MAX_VALUE_LENGTH = 10_000;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);
const SKIPPED_TYPES = new Set(['submit', 'button', 'reset', 'image', 'file', 'hidden']);
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
const OPTION_KEYS = ['lang', 'today', 'vocabulary', 'passportWindowDays', 'counting'];

const UI = {
  ja: {
    severity: { error: 'エラー：', warning: '警告：', info: '参考：' },
    fix: {
      'passport.halfwidth': (v) => `全角→半角（${v}）`,
      'passport.normalize': (v) => `半角大文字に統一（${v}）`,
      'place.category_required': () => '「場所種別不明」を選択',
      'date.canonical': (v) => `${v} に統一`,
      'age.mismatch': (v) => `年齢を ${v} にする`,
    },
    fixOther: (v) => `「${v}」にする`,
  },
  en: {
    severity: { error: 'Error: ', warning: 'Warning: ', info: 'Note: ' },
    fix: {
      'passport.halfwidth': (v) => `Convert to half-width (${v})`,
      'passport.normalize': (v) => `Use upper case, no spaces (${v})`,
      'place.category_required': () => 'Choose 場所種別不明 (unknown)',
      'date.canonical': (v) => `Change to ${v}`,
      'age.mismatch': (v) => `Set the age to ${v}`,
    },
    fixOther: (v) => `Change to “${v}”`,
  },
};


let instances = 0;

/**
 * @typedef {object} AttachOptions
 * @property {'ja'|'en'} [lang] language of the messages and fix buttons (default 'ja')
 * @property {string} [today] 'YYYY-MM-DD': the validation day (default: the local date)
 * @property {Record<string, string[]>} [vocabulary] option lists replacing the defaults (see defaultVocabulary())
 * @property {number} [passportWindowDays] passed to validate()
 * @property {'entryDayIsDayOne'|'dayAfterEntryIsDayOne'} [counting] passed to validate()
 * @property {Record<string, string>} [map] `{ inputName: fieldKey }`; an input's id also works as the name
 * @property {(key: string, control: Element) => (Element|null|undefined)} [messageFor]
 *   where to render a field's messages; return nothing to get a <div class="hv-messages"> after the control
 * @property {(report: AttachReport) => void} [onReport] called after every validation
 * @property {number} [idleMs] pause in typing after which a field's own issues appear (default 700)
 * @property {boolean} [fixes] render fix buttons (default true)
 * @property {boolean} [announce] announce the number of errors shown in a polite live region after the
 *   form (default true; turn it off when the page has its own live summary)
 */

/**
 * @typedef {object} AttachReport
 * @property {boolean} ok no error in the whole record (shown or not)
 * @property {object[]} issues every issue of the record, as validate() returns them
 * @property {object[]} shown the issues on screen now, in form order
 * @property {object[]} unplaced issues on fields the form does not have
 * @property {Record<string, string>} record the values read from the form
 * @property {Record<string, string>} normalized the record with every fix applied
 * @property {boolean} allRevealed true after a submit attempt or handle.validate()
 * @property {number} ms how long validate() took, in milliseconds
 */

/**
 * @typedef {object} AttachHandle
 * @property {(opts?: { reveal?: boolean }) => AttachReport} validate
 *   validates now; by default also shows every field's issues (as a submit attempt does)
 * @property {() => AttachReport} report the latest report
 * @property {(options: Partial<AttachOptions>) => AttachReport} setOptions
 *   changes lang, today, vocabulary, passportWindowDays or counting, and validates again
 * @property {(key: string) => boolean} focus moves focus to the field's control
 * @property {(key: string) => (Element|undefined)} controlFor the field's first control
 * @property {string[]} keys the field keys found in the form, in form order
 * @property {() => void} detach removes listeners, custom validity, created elements and the aria attributes it set
 */

/**
 * Binds the HER-SYS validator to `form`. Loads the wasm module first (no
 * separate init() call needed), so it returns a Promise.
 *
 * Controls map to field keys in this order: `options.map[name]` (or by id),
 * the name itself when it is a field key (such as `passportNumber`), then the
 * text of the control's label (<label>, aria-labelledby, aria-label, or the
 * <legend> for radios and checkboxes) through lookupField(), also with
 * required-markers such as 「※」「*」「（必須）」 removed. Unmapped controls are
 * left alone. Controls added to the form after attach() are not seen: detach
 * and attach again.
 *
 * @param {HTMLFormElement} form
 * @param {AttachOptions} [options]
 * @returns {Promise<AttachHandle>}
 */
export async function attach(form, options = {}) {
  if (typeof HTMLFormElement === 'undefined' || !(form instanceof HTMLFormElement)) {
    throw new TypeError('attach: the first argument must be a <form> element');
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError('attach: options must be an object');
  }
  await init();
  const binder = new Binder(form, options);
  return binder.handle;
}

class Binder {
  constructor(form, options) {
    this.form = form;
    this.prefix = `hv${++instances}-`;
    this.catalogue = fields();
    this.fieldKeys = new Set(this.catalogue.map((f) => f.key));
    this.idleMs = Number.isFinite(options.idleMs) && options.idleMs >= 0 ? options.idleMs : DEFAULT_IDLE_MS;
    this.showFixes = options.fixes !== false;
    this.messageFor = typeof options.messageFor === 'function' ? options.messageFor : null;
    this.onReport = typeof options.onReport === 'function' ? options.onReport : null;
    this.validateOptions = {};
    this.setValidateOptions(options);

    this.groups = this.collect(options.map ?? {}); // Map key -> group, in form order
    this.revealed = new Set(); // fields settled at least once
    this.allRevealed = false;
    this.dirty = new Set(); // fields whose value the user changed
    this.timers = new Map(); // key -> idle timeout while typing
    this.composing = null; // control in IME composition
    this.shownIds = new Map(); // key -> Set of issue ids on screen
    this.suppress = false; // true while a fix dispatches its own events
    this.lastReport = null;
    this.invalidQueued = false;
    this.live = options.announce === false ? null : createLiveRegion(form);
    this.announced = 0; // errors on screen when the live region last spoke

    this.listeners = [
      ['input', (e) => this.onInput(e)],
      ['change', (e) => this.onChange(e)],
      ['keydown', (e) => this.onKeyDown(e)],
      ['focusout', (e) => this.onFocusOut(e)],
      ['invalid', (e) => this.onInvalid(e), true],
      ['reset', () => this.onReset()],
      ['compositionstart', (e) => this.onCompositionStart(e)],
      ['compositionend', (e) => this.onCompositionEnd(e)],
    ];
    for (const [type, fn, capture] of this.listeners) form.addEventListener(type, fn, !!capture);

    // Values already in the form (server-filled, restored) are not half-typed: show their issues.
    for (const [key, group] of this.groups) if (readGroup(group) !== undefined) this.revealed.add(key);
    this.run();

    this.handle = Object.freeze({
      validate: ({ reveal = true } = {}) => {
        if (reveal) this.revealAll();
        return this.run();
      },
      report: () => this.lastReport,
      setOptions: (partial) => {
        this.setValidateOptions({ ...this.validateOptions, ...partial });
        return this.run();
      },
      focus: (key) => this.focus(key),
      controlFor: (key) => this.groups?.get(key)?.controls[0],
      keys: [...this.groups.keys()],
      detach: () => this.detach(),
    });
  }

  setValidateOptions(options) {
    const next = {};
    for (const k of OPTION_KEYS) if (options[k] !== undefined && options[k] !== null) next[k] = options[k];
    if (next.lang !== undefined && next.lang !== 'ja' && next.lang !== 'en') {
      throw new Error("attach: options.lang must be 'ja' or 'en'");
    }
    validate({}, next); // throws on bad options now rather than on the first keystroke
    this.validateOptions = next;
  }

  get lang() {
    return this.validateOptions.lang === 'en' ? 'en' : 'ja';
  }

  // --- mapping ---------------------------------------------------------------

  collect(map) {
    if (map === null || typeof map !== 'object') throw new TypeError('attach: options.map must be an object');
    for (const [name, key] of Object.entries(map)) {
      if (!this.fieldKeys.has(key)) {
        throw new Error(`attach: options.map.${name} is not a field key; fields() lists the keys, such as 'passportNumber'`);
      }
    }
    const groups = new Map();
    for (const control of this.form.elements) {
      if (!isControl(control)) continue;
      const key = this.keyFor(control, map);
      if (!key) continue;
      let group = groups.get(key);
      if (!group) {
        group = { key, controls: [], original: new Map(), box: null, rendered: '' };
        groups.set(key, group);
      }
      group.controls.push(control);
      group.original.set(control, {
        describedby: control.getAttribute('aria-describedby'),
        invalid: control.getAttribute('aria-invalid'),
      });
    }
    return groups;
  }

  keyFor(control, map) {
    const byMap = (control.name && Object.hasOwn(map, control.name) && map[control.name])
      || (control.id && Object.hasOwn(map, control.id) && map[control.id]);
    if (byMap) return byMap;
    if (control.name && this.fieldKeys.has(control.name)) return control.name;
    for (const text of labelTexts(control)) {
      for (const candidate of labelCandidates(text)) {
        const key = lookupField(candidate);
        if (key) return key;
      }
    }
    return undefined;
  }

  groupOf(target) {
    if (!target) return undefined;
    for (const group of this.groups.values()) if (group.controls.includes(target)) return group;
    return undefined;
  }

  // --- events ----------------------------------------------------------------

  onInput(event) {
    if (this.suppress) return;
    const group = this.groupOf(event.target);
    if (!group) return;
    this.dirty.add(group.key);
    if (isTextLike(event.target)) {
      this.startTyping(group.key);
      // Unconverted IME text (れいわ…) is not a value yet: validate at compositionend.
      if (event.isComposing) return;
    } else {
      this.settle(group.key);
    }
    this.run();
  }

  onChange(event) {
    if (this.suppress) return;
    const group = this.groupOf(event.target);
    if (!group) return;
    this.dirty.add(group.key);
    this.settle(group.key);
    this.run();
  }

  onKeyDown(event) {
    // Tab leaves the field: settle it *before* the browser picks the next focus target,
    // so that a fix button rendered for this field is the next stop (on focusout it is too late).
    if (event.key !== 'Tab' || event.shiftKey || event.isComposing) return;
    const group = this.groupOf(event.target);
    if (group && this.timers.has(group.key)) {
      this.settle(group.key);
      this.run();
    }
  }

  onFocusOut(event) {
    const group = this.groupOf(event.target);
    if (!group) return;
    if (this.composing === event.target) this.composing = null;
    if (this.dirty.has(group.key) || this.timers.has(group.key)) {
      this.settle(group.key);
      this.run();
    }
  }

  onInvalid() {
    // Fired for each invalid control when a submit is blocked (or on checkValidity()).
    if (this.invalidQueued) return;
    this.invalidQueued = true;
    queueMicrotask(() => {
      this.invalidQueued = false;
      if (!this.groups) return; // detached meanwhile
      this.revealAll();
      this.run();
    });
  }

  onReset() {
    // The reset event comes before the values are reset.
    setTimeout(() => {
      if (!this.groups) return; // detached meanwhile
      for (const t of this.timers.values()) clearTimeout(t);
      this.timers.clear();
      this.revealed.clear();
      this.dirty.clear();
      this.allRevealed = false;
      this.run();
    }, 0);
  }

  onCompositionStart(event) {
    if (this.groupOf(event.target)) this.composing = event.target;
  }

  onCompositionEnd(event) {
    const group = this.groupOf(event.target);
    if (this.composing === event.target) this.composing = null;
    if (!group) return;
    if (this.timers.has(group.key)) this.startTyping(group.key);
    this.run();
  }

  startTyping(key) {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        const group = this.groups?.get(key);
        if (!group) return;
        if (this.composing && group.controls.includes(this.composing)) {
          this.startTyping(key); // wait for the IME to finish
          return;
        }
        this.settle(key);
        this.run();
      }, this.idleMs),
    );
  }

  settle(key) {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.revealed.add(key);
  }

  revealAll() {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.allRevealed = true;
    for (const key of this.groups.keys()) this.revealed.add(key);
  }

  // --- validating and rendering ---------------------------------------------

  readRecord() {
    const record = {};
    for (const [key, group] of this.groups) {
      const value = readGroup(group);
      if (value !== undefined) record[key] = value;
    }
    return record;
  }

  isShown(issue, shownBefore) {
    const key = issue.field;
    if (this.timers.has(key)) {
      // The user is typing in this field: keep what is already on screen, hold back the new.
      return shownBefore.has(issueId(issue));
    }
    if (this.allRevealed || this.revealed.has(key)) return true;
    // A cross-field issue on another field, caused by a field the user has edited.
    return issue.related.some((r) => this.revealed.has(r) || this.timers.has(r));
  }

  run() {
    if (!this.groups) throw new Error('attach: this handle was detached');
    const record = this.readRecord();
    const t0 = performance.now();
    const result = validate(record, this.validateOptions);
    const ms = performance.now() - t0;

    const byField = new Map();
    const unplaced = [];
    for (const issue of result.issues) {
      if (!this.groups.has(issue.field)) {
        unplaced.push(issue);
        continue;
      }
      if (!byField.has(issue.field)) byField.set(issue.field, []);
      byField.get(issue.field).push(issue);
    }

    const shown = [];
    for (const [key, group] of this.groups) {
      const all = (byField.get(key) ?? []).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      const before = this.shownIds.get(key) ?? new Set();
      const visible = all.filter((issue) => this.isShown(issue, before));
      this.shownIds.set(key, new Set(visible.map(issueId)));
      shown.push(...visible);

      const firstError = all.find((i) => i.severity === 'error');
      const validity = firstError ? all.filter((i) => i.severity === 'error').map((i) => i.message).join(' ') : '';
      group.controls[0].setCustomValidity?.(validity);
      for (const c of group.controls.slice(1)) c.setCustomValidity?.('');

      this.render(group, visible);
    }

    this.announce(shown.filter((i) => i.severity === 'error').length);
    this.lastReport = {
      ok: result.ok,
      issues: result.issues,
      shown,
      unplaced,
      record,
      normalized: result.normalized,
      allRevealed: this.allRevealed,
      ms,
    };
    this.onReport?.(this.lastReport);
    return this.lastReport;
  }

  messageBox(group) {
    if (group.box?.isConnected) return group.box;
    const control = group.controls[0];
    const host = this.messageFor?.(group.key, control);
    const box = document.createElement('div');
    box.className = 'hv-messages';
    box.dataset.field = group.key;
    if (host instanceof Element) {
      host.append(box);
    } else {
      const last = group.controls[group.controls.length - 1];
      (last.closest('label') ?? last).after(box);
    }
    group.box = box;
    return box;
  }

  render(group, visible) {
    const fixable = this.showFixes ? (issue) => issue.fix !== undefined && canApply(group, issue.fix) : () => false;
    const signature = JSON.stringify([this.lang, visible.map((i) => [i.code, i.severity, i.message, fixable(i) ? i.fix : null])]);
    if (signature === group.rendered) return;
    group.rendered = signature;

    const box = this.messageBox(group);
    const ui = UI[this.lang];
    const textIds = [];
    const nodes = visible.map((issue, index) => {
      const p = document.createElement('p');
      p.className = `hv-issue hv-issue--${issue.severity}`;
      p.dataset.code = issue.code;
      p.append(severityIcon(issue.severity));
      const text = document.createElement('span');
      text.className = 'hv-text';
      text.id = `${this.prefix}${group.key}-${index}`;
      textIds.push(text.id);
      const sev = document.createElement('span');
      sev.className = 'hv-severity';
      sev.textContent = ui.severity[issue.severity];
      text.append(sev, issue.message);
      p.append(text);
      if (fixable(issue)) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'hv-fix';
        button.dataset.fix = issue.code;
        button.textContent = (ui.fix[issue.code] ?? ui.fixOther)(issue.fix);
        button.addEventListener('click', () => this.applyFix(group.key, issue.fix));
        p.append(button);
      }
      return p;
    });
    box.replaceChildren(...nodes);
    box.hidden = nodes.length === 0;

    const hasError = visible.some((i) => i.severity === 'error');
    for (const control of group.controls) {
      const original = group.original.get(control);
      if (hasError) control.setAttribute('aria-invalid', 'true');
      else restoreAttribute(control, 'aria-invalid', original.invalid === 'true' ? null : original.invalid);
      const ids = [...splitIds(original.describedby), ...textIds];
      if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
      else control.removeAttribute('aria-describedby');
    }
  }

  applyFix(key, value) {
    const group = this.groups?.get(key);
    if (!group) return;
    const target = writeGroup(group, value);
    if (!target) return;
    this.suppress = true;
    try {
      target.dispatchEvent(new Event('input', { bubbles: true }));
      target.dispatchEvent(new Event('change', { bubbles: true }));
    } finally {
      this.suppress = false;
    }
    this.dirty.add(key);
    this.settle(key);
    this.run();
    // The button has gone with its issue: keep focus on the field that was fixed.
    target.focus();
  }

  focus(key) {
    const group = this.groups?.get(key);
    if (!group) return false;
    const control = group.controls.find((c) => c.checked) ?? group.controls[0];
    control.focus({ preventScroll: true });
    const label = control.labels?.[0];
    (label ?? control).scrollIntoView?.({ block: 'center' });
    return document.activeElement === control;
  }

  /**
   * Tells screen-reader users how many errors are on screen when that number
   * changes and typing has paused (WCAG 4.1.3): the messages themselves sit
   * by fields the user may already have left.
   */
  announce(errors) {
    if (!this.live) return;
    clearTimeout(this.timers.get(LIVE_TIMER));
    this.timers.set(LIVE_TIMER, setTimeout(() => {
      if (errors === this.announced) return;
      this.announced = errors;
      const en = this.lang === 'en';
      this.live.textContent =
        errors === 0 ? (en ? 'No errors shown.' : '表示中のエラーはありません。') : en ? `${errors} error${errors === 1 ? '' : 's'} shown.` : `エラーが ${errors} 件あります。`;
    }, LIVE_DELAY_MS));
  }

  detach() {
    if (!this.groups) return;
    this.live?.remove();
    for (const [type, fn, capture] of this.listeners) this.form.removeEventListener(type, fn, !!capture);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const group of this.groups.values()) {
      group.box?.remove();
      for (const control of group.controls) {
        control.setCustomValidity?.('');
        const original = group.original.get(control);
        restoreAttribute(control, 'aria-invalid', original.invalid);
        restoreAttribute(control, 'aria-describedby', original.describedby);
      }
    }
    this.groups = null;
  }
}

// --- helpers -------------------------------------------------------------------

const LIVE_TIMER = Symbol('live region');
const LIVE_DELAY_MS = 1000;

/** A polite status region after the form, visually hidden (styled through the CSSOM, which a CSP without 'unsafe-inline' allows). */
function createLiveRegion(form) {
  const live = document.createElement('div');
  live.setAttribute('role', 'status');
  live.className = 'hv-live';
  Object.assign(live.style, {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: '0',
  });
  form.after(live);
  return live;
}

function isControl(el) {
  if (el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && !SKIPPED_TYPES.has(el.type);
}

function isTextLike(el) {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type));
}

function readGroup(group) {
  let value;
  for (const c of group.controls) {
    if (c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox')) {
      if (c.checked) value = c.value;
    } else if (c.value !== '') {
      value = c.value;
    }
    if (value !== undefined) break;
  }
  if (value === undefined || value === '') return undefined;
  // validate() rejects values over 10,000 UTF-16 units and lone surrogates (it throws):
  // a paste of garbage must still give a message, not an exception on every keystroke.
  if (value.length > MAX_VALUE_LENGTH) value = value.slice(0, MAX_VALUE_LENGTH);
  return typeof value.toWellFormed === 'function' ? value.toWellFormed() : value.replace(LONE_SURROGATE, '\uFFFD');
}

function canApply(group, value) {
  const c = group.controls[0];
  if (c instanceof HTMLSelectElement) return [...c.options].some((o) => o.value === value);
  if (c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox')) {
    return group.controls.some((r) => r.value === value);
  }
  return true;
}

/** Writes `value` into the group; returns the control that now holds it. */
function writeGroup(group, value) {
  const c = group.controls[0];
  if (c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox')) {
    const target = group.controls.find((r) => r.value === value);
    if (target) target.checked = true;
    return target;
  }
  if (c instanceof HTMLSelectElement && ![...c.options].some((o) => o.value === value)) return undefined;
  c.value = value;
  return c;
}

function issueId(issue) {
  return `${issue.code}|${issue.field}|${issue.related.join(',')}`;
}

function splitIds(value) {
  return (value ?? '').split(/\s+/).filter(Boolean);
}

function restoreAttribute(el, name, value) {
  if (value === null || value === undefined) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/** Visible text of an element without the text of controls nested in it. */
function textWithoutControls(el) {
  const clone = el.cloneNode(true);
  for (const inner of clone.querySelectorAll('input, select, textarea, button, .hv-messages')) inner.remove();
  return clone.textContent ?? '';
}

function labelTexts(control) {
  const texts = [];
  const byIds = splitIds(control.getAttribute('aria-labelledby'))
    .map((id) => control.ownerDocument.getElementById(id))
    .filter(Boolean)
    .map(textWithoutControls)
    .join(' ');
  if (byIds) texts.push(byIds);
  for (const label of control.labels ?? []) texts.push(textWithoutControls(label));
  const aria = control.getAttribute('aria-label');
  if (aria) texts.push(aria);
  if (control.type === 'radio' || control.type === 'checkbox') {
    const legend = control.closest('fieldset')?.querySelector(':scope > legend');
    if (legend) texts.push(textWithoutControls(legend));
  }
  if (control.title) texts.push(control.title);
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** The label, then the label without required-markers, then without any parenthesised part. */
function labelCandidates(text) {
  const marker = /(?:[\s*＊※:：]|[（(](?:必須|任意|required|optional)[）)]|必須|任意)+$/iu;
  const stripped = text.replace(marker, '').trim();
  const noParens = stripped.replace(/[（(][^（()）]*[）)]/gu, '').replace(marker, '').trim();
  return [...new Set([text, stripped, noParens])].filter(Boolean);
}
