// Type declarations for hersys-validator/attach.
import type { FieldKey, Issue, Options } from './index.js';

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
}

export interface AttachReport {
  /** No error in the whole record, shown or not. */
  ok: boolean;
  /** Every issue of the record, as validate() returns them. */
  issues: Issue[];
  /** The issues on screen now, in form order. */
  shown: Issue[];
  /** Issues on fields the form does not have. */
  unplaced: Issue[];
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
  /** Changes lang, today, vocabulary, passportWindowDays or counting, and validates again. */
  setOptions(options: Partial<AttachOptions>): AttachReport;
  /** Moves focus to the field's control. */
  focus(key: FieldKey): boolean;
  /**
   * Applies the fix of the field's issue `code`, or its first fix (errors first) as Alt+Enter / Ctrl+.
   * in the field does, and moves focus to the field; false when there is no such fix.
   */
  fix(key: FieldKey, code?: string): boolean;
  /** The field's first control. */
  controlFor(key: FieldKey): Element | undefined;
  /** The field keys found in the form, in form order (re-read after a framework re-render). */
  readonly keys: FieldKey[];
  /** Removes listeners, custom validity, created elements and the aria attributes it set. */
  detach(): void;
}

/** Binds the validator to an existing form; loads the wasm module first. */
export function attach(form: HTMLFormElement, options?: AttachOptions): Promise<AttachHandle>;

/** The label of the fix button for an issue that has a fix, such as 「全角→半角（TK1234567）」: the module's label for its code (`catalogue().fixLabels`), else `catalogue().otherFixLabel`. Needs the module loaded (after `attach()` or `init()` resolved). */
export function fixLabel(issue: Issue, lang?: 'ja' | 'en'): string;

/** A decorative (aria-hidden) severity icon; its shape, not only its colour, tells the severity. */
export function severityIcon(severity: 'error' | 'warning' | 'info', className?: string): SVGSVGElement;
