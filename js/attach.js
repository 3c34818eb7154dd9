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
// The parts live beside it in attach/: labels.js (which control is which
// field), values.js (reading values, writing fixes the way frameworks see),
// timing.js (when issues are shown), render.js (markup and ARIA), live.js
// (the screen-reader announcement), rerender.js (surviving framework re-renders).
//
// What it does to the form (and undoes on detach()):
// - listens to input/change/keydown/focusin/focusout/invalid/reset/submit/composition events on the form;
// - setCustomValidity(message) on the control that stands for each field with
//   an error (warnings and info do not block), '' when fixed: `form.checkValidity()`
//   and the browser's own submit blocking then follow the rules;
// - aria-invalid="true" on a field's controls while an error is shown for it;
// - adds the ids of the shown messages to aria-describedby (keeping the ids
//   that were there);
// - renders the messages into `options.messageFor(key, control)` when that
//   returns an element, or else into a <div class="hv-messages"> it inserts
//   right after the control (after its <label> when the label wraps it);
// - watches the form for re-renders (React, Vue…) and puts back messages and
//   attributes a re-render dropped, and binds controls a re-render replaced.
//
// A form holding some fields: only the fields the form holds are checked for
// the user. Issues on the other fields (a required 現在のステータス the page
// does not ask for) are not shown and do not make `report.ok` false by default;
// they are in `report.unplaced`, and `report.all` is validate()'s own report of
// the whole record. `missingFields: 'report'` lists them in a box of their own
// (before the submit button, or in `missingFieldsHost`) and in the live region;
// 'block' also lets their errors make `report.ok` false and stop the submit.
//
// Hostile host pages: label text is only used to look fields up (labels.js
// skips what cannot be a label), so no label stops the binding. A field with
// several copies (the same name twice, a responsive layout with a hidden copy):
// the copy the user last typed in or focused is validated and gets the fixes,
// its value is written into the other copies as the user types, and again at
// submit, so every copy submits the value that was validated (values.js).
//
// Keyboard: Tab always goes to the next field; fix buttons are not Tab stops.
// Alt+Enter (or Ctrl+.) in a field applies its first fix; handle.fix(key)
// applies it from a page's own summary; a click applies it by pointer.
//
// Timing ("don't shout"): every input and change event validates the whole
// record at once (validate() takes well under a millisecond). What is *shown*
// follows the user:
// - a field's own new issues appear when the field is settled: on blur (after
//   the value changed), 700 ms after the last keystroke (`idleMs`), at once for
//   selects, radios and checkboxes, and for every field on a submit attempt or
//   handle.validate();
// - an issue that the typing has removed disappears at once;
// - an issue that is already shown stays while it still applies;
// - cross-field issues on other fields (those whose `related` keys include a
//   field the user has edited) appear and disappear at once;
// - during IME composition (Japanese input) the unconverted text is not
//   validated and nothing is settled: validation and the idle timer wait for
//   compositionend;
// - a field left by pressing the pointer elsewhere (a click on 送信 right after
//   typing) shows its new issues once the pointer is released and the click has
//   happened: a message appearing at mousedown would move the button from under
//   the pointer, and the click (the submit) would be lost;
// - with `holdUnreached: true`, the issues of a field the user has not reached
//   yet (focus has been neither in it nor in a later field of the form) wait
//   until the user reaches it (they appear as focus arrives), or until a submit
//   attempt or handle.validate(): choosing 死亡 does not put errors on 死亡日付
//   and 死亡場所 before the user gets there;
// - `holdWhile(key, value)`: while focus is in a field and it returns true for
//   the field's value, the field's own issues wait (a page that rewrites such a
//   value as the field is left: 6.12 completed to 2021-06-12 on change).
//
// Quiet notes (`quietNotes: true`): an info-level issue that carries a fix is a
// "we read it as…" note (a date typed as 令和3年6月3日, read as 2021-06-03). It is
// rendered as one discreet line at the field (class hv-issue--quiet, no fix
// button, its text still in the control's aria-describedby); Alt+Enter,
// handle.fix() and handle.fixAll() still apply it. isQuietNote(issue) tells them apart.
//
// Markup it creates (style it with hersys-validator/attach.css or your own
// rules; no styles are injected, so a strict Content-Security-Policy without
// 'unsafe-inline' works):
//   <div class="hv-messages">
//     <p class="hv-issue hv-issue--error|--warning|--info" data-code="…">
//       <svg class="hv-icon" aria-hidden="true">…</svg>
//       <span class="hv-text" id="…"><span class="hv-severity">エラー：</span>message</span>
//       <button type="button" class="hv-fix" tabindex="-1" aria-keyshortcuts="Alt+Enter Control+.">全角→半角（TK1234567）</button>
//       <span class="hv-key">（Alt+Enter）</span>
//     </p>
//   </div>

import { init, validate, fields, catalogue, lookupField } from './validator.js';
import { severityIcon } from './icons.js';
import { checkMap, isControl, mapControls } from './attach/labels.js';
import { canWrite, copiesOf, isCheckable, isTextLike, primaryOf, readValue, syncCopies, writeValue } from './attach/values.js';
import { DEFAULT_IDLE_MS, Reveal, issueId } from './attach/timing.js';
import {
  applyAria, ariaState, clearAria, createMessageBox, createMissingBox, fixLabel, isFixShortcut, placeBox, renderIssues, renderMissing,
} from './attach/render.js';
import { createAnnouncer } from './attach/live.js';
import { watchRerenders } from './attach/rerender.js';

export { severityIcon, fixLabel };

/** An info-level issue that carries a fix: a "we read it as…" note (date.canonical, choice.canonical, date.with_time). */
export function isQuietNote(issue) {
  return issue?.severity === 'info' && issue.fix !== undefined && issue.fix !== null;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
const OPTION_KEYS = ['lang', 'today', 'vocabulary', 'passportWindowDays', 'counting'];
const MISSING_MODES = ['ignore', 'report', 'block'];
/** The key under which the shown ids of the missing-fields box are kept. */
const MISSING = '';

function checkMissingMode(mode) {
  if (!MISSING_MODES.includes(mode)) throw new Error("attach: options.missingFields must be 'ignore', 'report' or 'block'");
  return mode;
}

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
 * @property {'ignore'|'report'|'block'} [missingFields] issues on fields the form does not hold:
 *   'ignore' (default) neither shows them nor counts them in `report.ok`; 'report' shows them in a box of
 *   their own and in the live region once revealed; 'block' also counts their errors in `report.ok` and stops
 *   the submit while one remains (unless the form or the submitter has novalidate / formnovalidate)
 * @property {Element} [missingFieldsHost] where the box for missing fields goes (default: before the form's
 *   first submit button, or at the end of the form)
 * @property {boolean} [holdUnreached] issues on a field the user has not reached yet (focus has been neither in
 *   it nor in a later field) wait until it is reached, a submit attempt or handle.validate() (default false)
 * @property {(key: string, value: string) => boolean} [holdWhile] while focus is in a field and this returns true
 *   for its value, the field's own issues wait (the page rewrites such a value as the field is left)
 * @property {boolean} [quietNotes] render info-level notes that carry a fix (isQuietNote) as one discreet line,
 *   without a fix button (default false)
 */

/**
 * @typedef {object} AttachReport
 * @property {boolean} ok no error, shown or not, on a field the form holds (with missingFields 'block':
 *   in the whole record)
 * @property {object[]} issues every issue of the record, as validate() returns them
 * @property {object[]} shown the issues on screen now, in form order (then those in the missing-fields box)
 * @property {object[]} unplaced issues on fields the form does not have
 * @property {{ ok: boolean, issues: object[], normalized: Record<string, string> }} all validate()'s report
 *   of the whole record, fields the form does not hold included
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
 *   changes lang, today, vocabulary, passportWindowDays, counting or missingFields, and validates again
 * @property {(key: string) => boolean} focus moves focus to the field's control (a field the form does not
 *   hold: to the missing-fields box, when it shows an issue of that field)
 * @property {(key: string, code?: string, opts?: { focus?: boolean }) => boolean} fix applies the fix of the
 *   field's issue `code`, or its first fix (as Alt+Enter in the field does), and moves focus to the field
 *   (unless `focus: false`); false when there is none
 * @property {(which?: (issue: object) => boolean) => number} fixAll applies the fix of every shown issue that
 *   `which` accepts (default: isQuietNote), without moving focus; returns how many were applied
 * @property {(key: string) => (Element|undefined)} controlFor the control that stands for the field (its
 *   first control; of copies, the one the user last used, else the first visible one)
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
 * required-markers such as 「※」「*」「（必須）」 removed; a label longer than any
 * field's label (200 characters) is not looked up. Unmapped controls are
 * left alone. Controls a framework adds or replaces later are mapped the same
 * way when they appear.
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
    this.fieldKeys = new Set(fields().map((f) => f.key));
    this.maxLength = catalogue().limits.valueLength;
    const idleMs = Number.isFinite(options.idleMs) && options.idleMs >= 0 ? options.idleMs : DEFAULT_IDLE_MS;
    this.showFixes = options.fixes !== false;
    this.messageFor = typeof options.messageFor === 'function' ? options.messageFor : null;
    this.onReport = typeof options.onReport === 'function' ? options.onReport : null;
    this.validateOptions = {};
    this.setValidateOptions(options);
    this.map = options.map ?? {};
    checkMap(this.map, this.fieldKeys);
    this.missingFields = checkMissingMode(options.missingFields ?? 'ignore');
    this.missingHost = options.missingFieldsHost instanceof Element ? options.missingFieldsHost : null;
    this.fieldInfo = new Map(fields().map((f) => [f.key, f]));
    this.missingBox = null; // the box for issues on fields the form does not hold
    this.missingRendered = '';
    this.missingVisible = [];

    // key -> { key, controls, aria: Map(control -> state), box, hosted, anchor, rendered, visible, ids, active, primary }
    this.groups = new Map();
    this.boxes = new WeakSet(); // the message boxes this binder created
    this.unmapped = new WeakSet(); // controls found to map to no field
    this.remap();
    this.reveal = new Reveal(idleMs, (key) => this.onIdle(key));
    this.composing = null; // control in IME composition
    this.shownIds = new Map(); // key -> Set of issue ids on screen
    this.suppress = false; // true while a fix dispatches its own events
    this.lastReport = null;
    this.invalidQueued = false;
    this.pointerDown = false; // a pointer is pressed (focus may be leaving a field for a button)
    this.held = new Set(); // fields left while it was pressed: settled after the click
    this.heldTimer = 0;
    this.live = options.announce === false ? null : createAnnouncer(form);
    this.quietNotes = options.quietNotes === true;
    this.reached = new Set(); // fields focus has been in (holdUnreached)
    if (options.holdUnreached === true) this.reveal.isReached = (key) => this.isReached(key);
    this.holdWhile = typeof options.holdWhile === 'function' ? options.holdWhile : null;

    this.listeners = [
      ['input', (e) => this.onInput(e)],
      ['change', (e) => this.onChange(e)],
      ['keydown', (e) => this.onKeyDown(e)],
      ['focusin', (e) => this.onFocusIn(e)],
      ['focusout', (e) => this.onFocusOut(e)],
      ['submit', (e) => this.onSubmit(e), true],
      ['invalid', (e) => this.onInvalid(e), true],
      ['reset', () => this.onReset()],
      ['compositionstart', (e) => this.onCompositionStart(e)],
      ['compositionend', (e) => this.onCompositionEnd(e)],
    ];
    for (const [type, fn, capture] of this.listeners) form.addEventListener(type, fn, !!capture);
    // On the document: the press that takes focus out of a field may be anywhere on the page.
    this.docListeners = [
      ['pointerdown', () => (this.pointerDown = true)],
      ['pointerup', () => this.releasePointer()],
      ['pointercancel', () => this.releasePointer()],
    ];
    for (const [type, fn] of this.docListeners) form.ownerDocument.addEventListener(type, fn, true);

    for (const [key, group] of this.groups) if (readValue(group.controls, this.maxLength) !== undefined) this.reveal.revealFilled(key);
    this.run();
    this.watcher = watchRerenders(form, {
      isOurs: (node) => this.boxes.has(node),
      onControlsChanged: () => {
        this.unmapped = new WeakSet(); // a renamed or relabelled control may map now
        if (this.remap()) this.run();
      },
      onRerender: () => this.repaint(),
    });

    const self = this;
    this.handle = Object.freeze({
      validate: ({ reveal = true } = {}) => {
        if (reveal) this.reveal.revealAll(this.groups.keys());
        return this.run();
      },
      report: () => this.lastReport,
      setOptions: (partial) => {
        this.setValidateOptions({ ...this.validateOptions, ...partial });
        if (partial?.missingFields !== undefined) this.missingFields = checkMissingMode(partial.missingFields);
        return this.run();
      },
      focus: (key) => this.focus(key),
      fix: (key, code, { focus = true } = {}) => this.fixField(key, code, focus),
      fixAll: (which = isQuietNote) => {
        if (typeof which !== 'function') throw new TypeError('attach: fixAll(which) takes a function of the issue');
        return this.fixAll(which);
      },
      controlFor: (key) => {
        const group = this.groups?.get(key);
        return group ? primaryOf(group.controls, group.active) : undefined;
      },
      get keys() {
        return self.groups ? [...self.groups.keys()] : [];
      },
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

  /**
   * (Re)maps the form's controls to fields, keeping what is known of controls
   * that stay. Returns true when the controls changed.
   */
  remap() {
    const found = mapControls(this.form, this.map, this.fieldKeys, lookupField);
    let changed = found.size !== this.groups.size;
    const groups = new Map();
    for (const [key, controls] of found) {
      const old = this.groups.get(key);
      if (!old || old.controls.length !== controls.length || old.controls.some((c, i) => c !== controls[i])) changed = true;
      const aria = new Map(controls.map((c) => [c, old?.aria.get(c) ?? ariaState(c)]));
      groups.set(key, {
        key,
        controls,
        aria,
        box: old?.box ?? null,
        hosted: old?.hosted ?? false,
        anchor: old?.anchor ?? null,
        rendered: old?.rendered ?? '',
        visible: old?.visible ?? [],
        ids: old?.ids ?? [],
        active: old?.active && controls.includes(old.active) ? old.active : null,
        primary: null,
      });
    }
    for (const [key, old] of this.groups) {
      if (found.has(key)) continue;
      old.box?.remove();
      for (const c of old.controls) if (c.isConnected) this.release(c, old);
    }
    this.groups = groups;
    return changed;
  }

  groupOf(target) {
    if (!target || !this.groups) return undefined;
    for (const group of this.groups.values()) if (group.controls.includes(target)) return group;
    // A control the framework has just put in, before the re-render was observed
    // (a control that maps to no field is looked up once, not on every keystroke).
    if (isControl(target) && target.form === this.form && !this.unmapped.has(target)) {
      this.remap();
      for (const group of this.groups.values()) if (group.controls.includes(target)) return group;
      this.unmapped.add(target);
    }
    return undefined;
  }

  // --- events ----------------------------------------------------------------

  onInput(event) {
    if (this.suppress) return;
    const group = this.groupOf(event.target);
    if (!group) return;
    this.reveal.dirty.add(group.key);
    this.use(group, event.target);
    if (isTextLike(event.target)) {
      this.reveal.typing(group.key);
      // Unconverted IME text (れいわ…) is not a value yet: validate at compositionend.
      if (event.isComposing) return;
    } else {
      this.reveal.settle(group.key);
    }
    this.syncFrom(group, event.target);
    this.run();
  }

  onChange(event) {
    if (this.suppress) return;
    const group = this.groupOf(event.target);
    if (!group) return;
    this.reveal.dirty.add(group.key);
    // A text field's change comes as it loses focus: during a press, after the click.
    if (isTextLike(event.target) && this.pointerDown) this.hold(group.key);
    else this.reveal.settle(group.key);
    this.use(group, event.target);
    this.syncFrom(group, event.target);
    this.run();
  }

  onFocusIn(event) {
    const group = this.groupOf(event.target);
    if (!group) return;
    if (this.reveal.isReached && !this.reached.has(group.key)) {
      // Reaching a field shows what waited for it (and for the fields before it) at once.
      this.reached.add(group.key);
      this.use(group, event.target);
      this.run();
    }
    if (copiesOf(group.controls).length < 2) return;
    const before = primaryOf(group.controls, group.active);
    this.use(group, event.target);
    // The messages and the custom validity move to the copy the user is in.
    if (primaryOf(group.controls, group.active) !== before) this.run();
  }

  /** Submit (capture, before the page's handlers): every copy gets its field's validated value. */
  onSubmit(event) {
    if (!this.groups) return;
    for (const group of this.groups.values()) this.syncFrom(group, primaryOf(group.controls, group.active));
    if (this.missingFields !== 'block' || this.form.noValidate || event.submitter?.formNoValidate) return;
    // As the browser does for an invalid control: no submit event for the page, the issues shown.
    this.reveal.revealAll(this.groups.keys());
    const report = this.run();
    if (report.unplaced.some((i) => i.severity === 'error')) {
      event.preventDefault();
      event.stopImmediatePropagation();
      this.missingBox?.focus({ preventScroll: true });
      this.missingBox?.scrollIntoView?.({ block: 'center' });
    }
  }

  /** The user is in `control`: of copies, it stands for the field now. */
  use(group, control) {
    if (!isCheckable(control) && group.controls.includes(control)) group.active = control;
  }

  /** Writes the value of `from` into the field's other copies (their events are not ours to handle). */
  syncFrom(group, from) {
    if (!from || isCheckable(from) || copiesOf(group.controls).length < 2 || this.composing === from) return;
    this.suppress = true;
    try {
      syncCopies(group.controls, from);
    } finally {
      this.suppress = false;
    }
  }

  onKeyDown(event) {
    if (!isFixShortcut(event)) return;
    const group = this.groupOf(event.target);
    // Without a fix the keys are left to the page (it may have its own use for them).
    if (group && this.fixField(group.key)) event.preventDefault();
  }

  onFocusOut(event) {
    const group = this.groupOf(event.target);
    if (!group) return;
    if (this.composing === event.target) this.composing = null;
    if (this.reveal.dirty.has(group.key) || this.reveal.isTyping(group.key)) {
      if (this.pointerDown) {
        this.hold(group.key);
        return;
      }
      this.reveal.settle(group.key);
      this.run();
    }
  }

  /** Settles `key` after the pointer is released and its click has run (at the latest in a second). */
  hold(key) {
    this.held.add(key);
    clearTimeout(this.heldTimer);
    this.heldTimer = setTimeout(() => this.settleHeld(), 1000);
  }

  releasePointer() {
    this.pointerDown = false;
    if (this.held.size === 0) return;
    clearTimeout(this.heldTimer);
    // A task later: the click that follows pointerup (and the submit it starts) has run by then.
    this.heldTimer = setTimeout(() => this.settleHeld(), 0);
  }

  settleHeld() {
    clearTimeout(this.heldTimer);
    if (!this.groups || this.held.size === 0) return;
    for (const key of this.held) if (this.groups.has(key)) this.reveal.settle(key);
    this.held.clear();
    this.run();
  }

  onInvalid() {
    // Fired for each invalid control when a submit is blocked (or on checkValidity()).
    if (this.invalidQueued) return;
    this.invalidQueued = true;
    queueMicrotask(() => {
      this.invalidQueued = false;
      if (!this.groups) return; // detached meanwhile
      this.reveal.revealAll(this.groups.keys());
      this.run();
    });
  }

  onReset() {
    // The reset event comes before the values are reset.
    setTimeout(() => {
      if (!this.groups) return; // detached meanwhile
      this.reveal.reset();
      // Only the field focus is in counts as reached in the emptied form.
      this.reached.clear();
      const focused = this.groupOf(this.form.ownerDocument.activeElement);
      if (focused) this.reached.add(focused.key);
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
    if (this.reveal.isTyping(group.key)) this.reveal.typing(group.key);
    this.syncFrom(group, event.target);
    this.run();
  }

  onIdle(key) {
    const group = this.groups?.get(key);
    if (!group) return;
    if (this.composing && group.controls.includes(this.composing)) {
      this.reveal.typing(key); // wait for the IME to finish
      return;
    }
    this.reveal.settle(key);
    this.run();
  }

  /** Whether focus has been in `key` or in a later field of the form (a field the form lacks: always). */
  isReached(key) {
    if (this.reached.has(key)) return true;
    const keys = [...this.groups.keys()];
    const at = keys.indexOf(key);
    if (at < 0) return true;
    for (let i = at + 1; i < keys.length; i++) if (this.reached.has(keys[i])) return true;
    return false;
  }

  // --- validating and rendering ---------------------------------------------

  readRecord() {
    const record = {};
    for (const [key, group] of this.groups) {
      const value = readValue(group.controls, this.maxLength, group.primary);
      if (value !== undefined) record[key] = value;
    }
    return record;
  }

  run() {
    if (!this.groups) throw new Error('attach: this handle was detached');
    // Controls a re-render replaced since the last pass are bound again first.
    for (const group of this.groups.values()) {
      if (group.controls.some((c) => !c.isConnected || c.form !== this.form)) {
        this.remap();
        break;
      }
    }
    for (const group of this.groups.values()) group.primary = primaryOf(group.controls, group.active);
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
    const focused = this.form.ownerDocument.activeElement;
    for (const [key, group] of this.groups) {
      const all = (byField.get(key) ?? []).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      const before = this.shownIds.get(key) ?? new Set();
      // A value the page will rewrite as the field is left (holdWhile): nothing to show for it yet.
      const held = this.holdWhile !== null && group.controls.includes(focused) && this.holdWhile(key, record[key] ?? '') === true;
      const visible = held ? [] : all.filter((issue) => this.reveal.isShown(issue, before));
      this.shownIds.set(key, new Set(visible.map(issueId)));
      shown.push(...visible);
      group.all = all;

      // On the control that stands for the field (a hidden copy with a custom validity would make the
      // browser's blocked submit point at a control it cannot focus).
      const validity = all.filter((i) => i.severity === 'error').map((i) => i.message).join(' ');
      for (const c of group.controls) c.setCustomValidity?.(c === group.primary ? validity : '');

      group.visible = visible;
      this.paint(group);
    }

    let outside = [];
    if (this.missingFields !== 'ignore') {
      const before = this.shownIds.get(MISSING) ?? new Set();
      outside = unplaced
        .filter((issue) => this.reveal.isShown(issue, before))
        .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      this.shownIds.set(MISSING, new Set(outside.map(issueId)));
    }
    this.paintMissing(outside);
    shown.push(...outside);

    const errors = (list) => list.filter((i) => i.severity === 'error').length;
    const ok = this.missingFields === 'block' ? result.ok : errors(result.issues) === errors(unplaced);
    this.live?.say(errors(shown), this.lang, errors(outside));
    this.lastReport = {
      ok,
      issues: result.issues,
      shown,
      unplaced,
      all: result,
      record,
      normalized: result.normalized,
      allRevealed: this.reveal.all,
      ms,
    };
    this.onReport?.(this.lastReport);
    return this.lastReport;
  }

  fixable(group, issue) {
    return this.showFixes && issue.fix !== undefined && canWrite(group.controls, issue.fix, group.primary);
  }

  /** Renders the group's visible issues when they changed or a re-render dropped them; re-applies ARIA. */
  paint(group) {
    const fixable = (issue) => this.fixable(group, issue);
    const signature = JSON.stringify([this.lang, group.visible.map((i) => [i.code, i.severity, i.message, fixable(i) ? i.fix : null])]);
    // Copies: the messages sit by the copy that stands for the field (the visible one, the one in use).
    const anchor = copiesOf(group.controls).length > 1 && group.primary ? group.primary : group.controls[group.controls.length - 1];
    if (!group.box?.isConnected) {
      const host = this.messageFor?.(group.key, group.primary ?? group.controls[0]);
      group.hosted = host instanceof Element;
      group.box = createMessageBox(group.key, group.controls, host, anchor);
      this.boxes.add(group.box);
      group.rendered = '';
    } else if (!group.hosted && group.anchor !== anchor) {
      placeBox(group.box, anchor);
    }
    group.anchor = anchor;
    if (signature !== group.rendered) {
      group.rendered = signature;
      group.ids = renderIssues(group.box, group.visible, {
        lang: this.lang,
        idPrefix: `${this.prefix}${group.key}-`,
        fixable,
        quiet: this.quietNotes ? isQuietNote : () => false,
        onFix: (issue) => this.applyFix(group.key, issue.fix),
      });
    }
    const hasError = group.visible.some((i) => i.severity === 'error');
    for (const control of group.controls) applyAria(control, group.aria.get(control), this.prefix, group.ids, hasError);
  }

  /** The box for issues on fields the form does not hold: made when first needed, rendered when they change. */
  paintMissing(visible) {
    this.missingVisible = visible;
    if (visible.length === 0 && !this.missingBox) return;
    if (!this.missingBox?.isConnected) {
      this.missingBox = createMissingBox(this.form, this.missingHost, this.prefix);
      this.boxes.add(this.missingBox);
      this.missingRendered = '';
    }
    const signature = JSON.stringify([this.lang, visible.map((i) => [i.code, i.field, i.severity, i.message])]);
    if (signature === this.missingRendered) return;
    this.missingRendered = signature;
    const lang = this.lang;
    renderMissing(this.missingBox, visible, {
      lang,
      idPrefix: this.prefix,
      fieldLabel: (issue) => this.fieldInfo.get(issue.field)?.[lang] ?? issue.field,
    });
  }

  /** After a framework re-render: put back boxes and attributes it dropped (writes only what differs). */
  repaint() {
    if (!this.groups) return;
    for (const group of this.groups.values()) this.paint(group);
    if (this.missingBox && !this.missingBox.isConnected) this.paintMissing(this.missingVisible);
  }

  /**
   * Applies the fix of the field's issue `code`, or its first fix (errors first);
   * settles the field first so that its issues are current.
   */
  fixField(key, code, focus = true) {
    const group = this.groups?.get(key);
    if (!group) return false;
    this.reveal.settle(key);
    this.run();
    const issue = (group.all ?? []).find((i) => this.fixable(group, i) && (code === undefined || i.code === code));
    if (!issue) return false;
    return this.applyFix(key, issue.fix, focus);
  }

  /** Applies the fix of every shown issue `which` accepts (one per field), focus left where it is. */
  fixAll(which) {
    if (!this.groups) return 0;
    let applied = 0;
    for (const group of this.groups.values()) {
      const issue = group.visible.find((i) => this.fixable(group, i) && which(i));
      if (issue && this.applyFix(group.key, issue.fix, false)) applied += 1;
    }
    return applied;
  }

  applyFix(key, value, focus = true) {
    const group = this.groups?.get(key);
    if (!group) return false;
    const primary = primaryOf(group.controls, group.active);
    this.suppress = true;
    let target;
    try {
      target = writeValue(group.controls, value, primary);
    } finally {
      this.suppress = false;
    }
    if (!target) return false;
    this.use(group, target);
    this.syncFrom(group, target);
    this.reveal.dirty.add(key);
    this.reveal.settle(key);
    this.run();
    // The button has gone with its issue: keep focus on the field that was fixed.
    if (focus) target.focus();
    return true;
  }

  focus(key) {
    const group = this.groups?.get(key);
    if (!group) {
      // A field the form does not hold: its issue is in the missing-fields box, when shown.
      if (!this.groups || !this.missingBox?.isConnected || !this.missingVisible.some((i) => i.field === key)) return false;
      this.missingBox.focus({ preventScroll: true });
      this.missingBox.scrollIntoView?.({ block: 'center' });
      return document.activeElement === this.missingBox;
    }
    const control = group.controls.find((c) => isCheckable(c) && c.checked) ?? primaryOf(group.controls, group.active);
    control.focus({ preventScroll: true });
    const label = control.labels?.[0];
    (label ?? control).scrollIntoView?.({ block: 'center' });
    return document.activeElement === control;
  }

  release(control, group) {
    control.setCustomValidity?.('');
    clearAria(control, group.aria.get(control), this.prefix);
  }

  detach() {
    if (!this.groups) return;
    this.watcher.disconnect();
    this.live?.remove();
    this.missingBox?.remove();
    for (const [type, fn, capture] of this.listeners) this.form.removeEventListener(type, fn, !!capture);
    for (const [type, fn] of this.docListeners) this.form.ownerDocument.removeEventListener(type, fn, true);
    clearTimeout(this.heldTimer);
    this.held.clear();
    this.reveal.stop();
    for (const group of this.groups.values()) {
      group.box?.remove();
      for (const control of group.controls) this.release(control, group);
    }
    this.groups = null;
  }
}
