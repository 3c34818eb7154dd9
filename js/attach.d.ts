// Type declarations for hersys-validator/attach.
import type { FieldKey, Issue, Options, Report } from './index.js';

export interface AttachOptions extends Options {
  /** `{ inputName: fieldKey }`; an input's id also works as the name. */
  map?: Record<string, FieldKey>;
  /** Where to render a field's messages; return nothing to get a `<div class="hv-messages">` after the control. */
  messageFor?: (key: FieldKey, control: Element) => Element | null | undefined;
  /** Called after every validation. */
  onReport?: (report: AttachReport) => void;
  /** Pause in typing, in ms, after which a field's own issues appear (default 700). */
  idleMs?: number;
  /** Render fix buttons (default true). */
  fixes?: boolean;
  /** Announce the number of errors shown in a polite live region after the form (default true). */
  announce?: boolean;
  /**
   * Issues on fields the form does not hold (a form without 現在のステータス or 場所区分, which every
   * record needs):
   * - `'ignore'` (default): not shown, not announced, and not counted in `report.ok`; they are in
   *   `report.unplaced`, and `report.all` is the whole record's report. Only the fields the form holds
   *   decide `ok` and block a submit.
   * - `'report'`: shown once revealed (a submit attempt, `handle.validate()`, or a cross-field issue of a
   *   field the user edited) in a box of their own, each named by its field, and counted in the live
   *   region; they still do not block.
   * - `'block'`: as `'report'`, and their errors make `report.ok` false; a submit while one remains is
   *   stopped (no submit event reaches the page's handlers, as for an invalid control) and focus goes to
   *   the box, unless the form has `novalidate` or the submitter `formnovalidate` (then the page's handler
   *   decides from `report.ok`, as it does for the fields it holds). `form.checkValidity()` follows only the
   *   fields the form holds.
   */
  missingFields?: 'ignore' | 'report' | 'block';
  /**
   * Where the box for issues on missing fields goes (`missingFields` `'report'` or `'block'`):
   * `<div class="hv-messages hv-missing" role="group" tabindex="-1">`, appended here; default: before the
   * form's first submit button, or at the end of the form.
   */
  missingFieldsHost?: Element;
  /**
   * Findings on fields the user has not reached yet wait (default false: cross-field issues show at once).
   * A field is reached once focus has been in it or in a later field of the form (document order). Its issues
   * then appear as focus arrives; a submit attempt or `handle.validate()` shows them all. Choosing 死亡 as
   * 現在のステータス then puts no error on 死亡日付 / 死亡場所 before the user gets there. Cleared by a form reset
   * (the field focus is in counts as reached).
   */
  holdUnreached?: boolean;
  /**
   * While focus is in a field and this returns true for its value (as read from the form), the field's own
   * issues wait, pause in typing or not; they show once the field is left. For a page that rewrites such a
   * value on `change` (index.html completes a date typed without a year, 6.12, as the field is left): the
   * error on the half value never flashes. Not applied to a field focus is not in.
   */
  holdWhile?: (key: string, value: string) => boolean;
  /**
   * Render "we read it as…" notes (info-level issues that carry a fix, see `isQuietNote`, such as a date typed
   * 令和3年6月3日, read as 2021-06-03) as one discreet line at the field: `class="hv-issue hv-issue--info
   * hv-issue--quiet"`, no fix button, its text still in the control's aria-describedby. Alt+Enter,
   * `handle.fix()` and `handle.fixAll()` still apply them (default false).
   */
  quietNotes?: boolean;
}

export interface AttachReport {
  /**
   * No error, shown or not, on a field the form holds (with `missingFields: 'block'`: no error in the
   * whole record). Use this to allow a submit; `all.ok` says whether the whole record is complete.
   */
  ok: boolean;
  /** Every issue of the record, as validate() returns them (fields the form does not hold included). */
  issues: Issue[];
  /** The issues on screen now: by the fields in form order, then those in the missing-fields box. */
  shown: Issue[];
  /** Issues on fields the form does not have. */
  unplaced: Issue[];
  /** validate()'s own report of the whole record: `all.ok` is false while a field the form lacks has an error. */
  all: Report;
  /** The values read from the form. */
  record: Partial<Record<FieldKey, string>>;
  /** The record with every fix applied. */
  normalized: Partial<Record<FieldKey, string>>;
  /** True after a submit attempt or handle.validate(). */
  allRevealed: boolean;
  /** How long validate() took, in milliseconds. */
  ms: number;
}

export interface AttachHandle {
  /** Validates now; by default also shows every field's issues, as a submit attempt does. */
  validate(options?: { reveal?: boolean }): AttachReport;
  /** The latest report. */
  report(): AttachReport;
  /** Changes lang, today, vocabulary, passportWindowDays, counting or missingFields, and validates again. */
  setOptions(options: Partial<AttachOptions>): AttachReport;
  /**
   * Moves focus to the field's control (of copies, the one that stands for the field); for a field the
   * form does not hold, to the missing-fields box while it shows an issue of that field. False otherwise.
   */
  focus(key: FieldKey): boolean;
  /**
   * Applies the fix of the field's issue `code`, or its first fix (errors first) as Alt+Enter / Ctrl+.
   * in the field does, and moves focus to the field (unless `focus: false`); false when there is no such fix.
   */
  fix(key: FieldKey, code?: string, options?: { focus?: boolean }): boolean;
  /**
   * Applies the fix of every shown issue that `which` accepts (default: `isQuietNote`, the "we read it as…"
   * notes), one per field, without moving focus. Returns how many fixes were applied.
   */
  fixAll(which?: (issue: Issue) => boolean): number;
  /**
   * The control that stands for the field: its first control, or of several copies (a text input,
   * select or textarea used twice, such as a responsive layout's hidden copy) the one the user last
   * typed in or focused while it is visible, else the first visible enabled one. That copy is
   * validated, carries the custom validity and gets the fixes; its value is written into the other
   * copies as the user types and again at submit.
   */
  controlFor(key: FieldKey): Element | undefined;
  /** The field keys found in the form, in form order (re-read after a framework re-render). */
  readonly keys: FieldKey[];
  /** Removes listeners, custom validity, created elements and the aria attributes it set. */
  detach(): void;
}

/**
 * Binds the validator to an existing form; loads the wasm module first. Controls map to fields by
 * `options.map`, by a name that is a field key, or by their label text; label text is only looked up
 * (text longer than any field label, 200 characters, is skipped and lone surrogates never throw), so no
 * label on the page stops the binding, now or when controls are added later.
 */
export function attach(form: HTMLFormElement, options?: AttachOptions): Promise<AttachHandle>;

/** The label of the fix button for an issue that has a fix, such as 「全角→半角（TK1234567）」: the module's label for its code (`catalogue().fixLabels`), else `catalogue().otherFixLabel`. Needs the module loaded (after `attach()` or `init()` resolved). */
export function fixLabel(issue: Issue, lang?: 'ja' | 'en'): string;

/** A decorative (aria-hidden) severity icon; its shape, not only its colour, tells the severity. */
export function severityIcon(severity: 'error' | 'warning' | 'info', className?: string): SVGSVGElement;

/** An info-level issue that carries a fix: a "we read it as…" note (`date.canonical`, `choice.canonical`, `date.with_time`). */
export function isQuietNote(issue: Issue): boolean;
