// Type declarations for hersys-validator.

// types:begin (generated from src/wire_catalogue.json by scripts/gen-types.mjs: run `npm run gen`)
/** The stable key of a 発生届 field. */
export type FieldKey =
  | 'reportDate'
  | 'caseType'
  | 'sex'
  | 'birthDate'
  | 'age'
  | 'occupation'
  | 'onsetDate'
  | 'firstVisitDate'
  | 'diagnosisDate'
  | 'infectionDate'
  | 'deathDate'
  | 'status'
  | 'deathPlace'
  | 'infectionRegion'
  | 'country'
  | 'departureDate'
  | 'entryDate'
  | 'nationality'
  | 'passportNumber'
  | 'placeCategory'
  | 'placeName'
  | 'facilityCategory'
  | 'severity';

/** The fields that take their value from an option list. */
export type VocabularyKey =
  | 'caseType'
  | 'sex'
  | 'status'
  | 'deathPlace'
  | 'infectionRegion'
  | 'placeCategory'
  | 'facilityCategory'
  | 'severity';

/** Every stable rule code. */
export type Code =
  | 'passport.required'
  | 'passport.boundary_day'
  | 'passport.halfwidth'
  | 'passport.normalize'
  | 'passport.format'
  | 'passport.unusual'
  | 'diagnosis.required'
  | 'entry.date_missing'
  | 'status.required'
  | 'status.unknown'
  | 'status.not_in_list'
  | 'death.date_required'
  | 'death.place_required'
  | 'death.place_unknown'
  | 'death.place_not_in_list'
  | 'death.without_status'
  | 'death.body_without_status'
  | 'death.before_diagnosis'
  | 'place.category_required'
  | 'place.category_unknown'
  | 'place.category_not_in_list'
  | 'place.name_with_unknown_category'
  | 'place.name_missing'
  | 'facility.category_unknown'
  | 'facility.category_not_in_list'
  | 'choice.unknown'
  | 'choice.not_in_list'
  | 'choice.canonical'
  | 'date.invalid'
  | 'date.impossible'
  | 'date.outside_era'
  | 'date.too_early'
  | 'date.weekday_mismatch'
  | 'date.placeholder'
  | 'date.no_year'
  | 'date.excel_serial'
  | 'date.approximate'
  | 'date.with_time'
  | 'date.canonical'
  | 'date.future'
  | 'date.before_birth'
  | 'date.order'
  | 'date.onset_order'
  | 'entry.after_diagnosis'
  | 'age.invalid'
  | 'age.band'
  | 'age.mismatch'
  | 'header.unmapped'
  | 'header.skipped'
  | 'header.missing'
  | 'header.unrecognised'
  | 'row.columns'
  | 'row.quoting'
  | 'row.too_long'
  | 'row.encoding'
  | 'row.duplicate'
  | 'file.binary'
  | 'file.header_unterminated'
  | 'file.header_not_found';

// types:end

export type Severity = 'error' | 'warning' | 'info';

/**
 * A field's value as forms give it: a string as typed, a number or bigint as
 * its decimal text, a Date (date fields only) as its calendar date in Japan
 * (Asia/Tokyo), whatever the host's time zone;
 * null, undefined and NaN are empty.
 */
export type FieldValue = string | number | bigint | Date | null | undefined;

/**
 * A 発生届 record. Only own enumerable properties are read; keys that are
 * not fields are ignored (unless `options.strict`).
 */
export type CaseRecord = Partial<Record<FieldKey, FieldValue>> & { readonly [key: string]: unknown };

/** Replacement option lists; a list given here replaces the built-in one. */
export type Vocabulary = Partial<Record<VocabularyKey, string[]>>;

export interface Options {
  /** Language of `message`: Japanese (default) or English. */
  lang?: 'ja' | 'en';
  /** The validation day as YYYY-MM-DD (other accepted date forms work too); defaults to today in Japan (Asia/Tokyo), whatever the host's time zone. */
  today?: string;
  /**
   * Option lists to use instead of the built-in ones, per call. A value
   * outside a built-in list is a warning (`*.unknown`: the built-in lists are
   * unconfirmed defaults); outside a list given here it is an error
   * (`*.not_in_list`). 死亡, 場所種別不明 and 自宅 are always accepted.
   */
  vocabulary?: Vocabulary;
  /** The passport window of the notice, in days (default 28). */
  passportWindowDays?: number;
  /**
   * How the window is counted: the entry day is day 1 (default; legal
   * drafting), or the day after entry is day 1 (quarantine practice).
   */
  counting?: 'entryDayIsDayOne' | 'dayAfterEntryIsDayOne';
  /** Throw on keys of the record that are not fields (default: ignore them). */
  strict?: boolean;
}

export interface Issue {
  code: Code;
  /** The field the user should change. */
  field: FieldKey;
  /** The other fields the finding depends on. */
  related: FieldKey[];
  severity: Severity;
  /** In the language of `options.lang`; never repeats the typed value. */
  message: string;
  /** The exact replacement value for `field`, when it is known. */
  fix?: string;
}

export interface Report {
  /** True when no issue has severity `error`. */
  ok: boolean;
  issues: Issue[];
  /** The record with every available fix applied. */
  normalized: Partial<Record<FieldKey, string>>;
}

export interface FieldInfo {
  key: FieldKey;
  ja: string;
  en: string;
  kind: 'date' | 'choice' | 'text' | 'passport' | 'number';
  /** Other Japanese labels seen in forms and exports. */
  aliases: string[];
  /** The option list of a choice field. */
  vocabulary?: VocabularyKey;
  /** The built-in options of a choice field. */
  choices?: string[];
}

/** A label in Japanese and English. */
export interface Texts {
  ja: string;
  en: string;
}

/** What forms need beside `fields()`; every page and `attach()` reads it instead of keeping copies. */
export interface Catalogue {
  /** The field groups of the HER-SYS 発生届 screen, in screen order, each with its fields in order; every field is in one group. */
  groups: Array<Texts & { id: string; fields: FieldKey[] }>;
  /** The fields every record must fill (an error when empty), in catalogue order: derived from the rules. */
  required: FieldKey[];
  /** The label of the button applying a code's fix; `{fix}` stands for the fix value. */
  fixLabels: Partial<Record<Code, Texts>>;
  /** The label for a fix whose code has none in `fixLabels`. */
  otherFixLabel: Texts;
  limits: {
    /** Longest value `validate()` accepts, in UTF-16 code units (longer ones throw). */
    valueLength: number;
    /** Most entries in one list of `options.vocabulary`. */
    vocabularyEntries: number;
    /** The smallest and largest `options.passportWindowDays`. */
    passportWindowDays: [number, number];
  };
  /** The options' values when a call gives none. */
  defaults: {
    passportWindowDays: number;
    counting: 'entryDayIsDayOne' | 'dayAfterEntryIsDayOne';
  };
}

export interface RuleInfo {
  code: Code;
  severity: Severity;
  /** What the rule checks, for the passport window of the options given to `rules()`. */
  ja: string;
  en: string;
  /** The clause of the notice (記1, 記2①…) and/or the section of docs/rules.md (shipped in this package). */
  source: string;
}

/** How a date field's text is read (docs/rules.md §6); messages name no typed value. */
export type ParsedDate =
  | {
      ok: true;
      /** The date as YYYY-MM-DD (with a UTC offset, the date in Japan). */
      value: string;
      /** Present for a date with a time of day, such as 2021/6/10 0:00. */
      note?: { code: 'date.with_time'; message: string };
      /** Present for a date marked 頃 or 推定, or a weekday, such as （金）, that is not the date's. */
      warning?: { code: 'date.approximate' | 'date.weekday_mismatch'; message: string };
    }
  | {
      ok: false;
      code:
        | 'date.invalid'
        | 'date.impossible'
        | 'date.outside_era'
        | 'date.too_early'
        | 'date.no_year'
        | 'date.placeholder';
      message: string;
    }
  | {
      ok: false;
      /** A five-digit number: an Excel date serial. */
      code: 'date.excel_serial';
      message: string;
      /** The date the serial stands for, as YYYY-MM-DD. */
      fix: string;
    };

/** Where the WebAssembly comes from: a URL, a fetch Response, the bytes, or a compiled module. */
export type InitSource = string | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module; idempotent. Browsers fetch the `.wasm` beside
 * the module unless `source` is given; Node reads it from disk.
 */
export function init(source?: InitSource | Promise<Response>): Promise<void>;
export function validate(record: CaseRecord, options?: Options): Report;
export function validateField(key: FieldKey, record: CaseRecord, options?: Options): Issue[];
export function fields(): FieldInfo[];
export function defaultVocabulary(): Required<Vocabulary>;
/** Field groups, required fields, fix labels, limits and option defaults. */
export function catalogue(): Catalogue;
/** The rules table; texts follow `options.passportWindowDays` (28 by default) and `options.counting`. */
export function rules(options?: Pick<Options, 'passportWindowDays' | 'counting'>): RuleInfo[];
export function parseDate(text: string, options?: Pick<Options, 'lang'>): ParsedDate;
export function normalizePassport(text: string): string;
/** The ICAO 9303 check digit (weights 7, 3, 1) of an MRZ field, or undefined for other characters. */
export function icaoCheckDigit(field: string): number | undefined;
/** The field key for a label or header such as 「パスポート番号（旅券番号）」. */
export function lookupField(name: string): FieldKey | undefined;

export { createSchema, type HersysSchema, type SchemaFieldValue, type SchemaInput, type SchemaOutput } from './schema.js';
