// The hersys-validator rules written with zod 4, as a careful JS developer
// would: `z.object` with one schema per field for the rules that read one
// field, and `.check()` on the object for the cross-field rules (one check
// per clause of the notice), with the plain-JS helpers of common.js.
//
// Zod 4 notes that shape this file:
// - an issue pushed by `.check()` must say `continue: true`, or the object's
//   own checks are skipped once any field has an issue;
// - an absent optional key never reaches its schema's checks, so the two
//   "required" rules (status, 場所区分) are object-level checks;
// - `params.related` carries the related fields of an issue.
//
// Issues come back as `{ code, field, related }`: the codes of COVERED_CODES,
// with the severities of the Rust rules (common.js SEVERITY); codes of ours
// outside them are not compared (tests/js/bench-agreement.test.mjs filters
// ours, not this file).
import { z } from 'zod';
import * as c from './common.js';

/** The codes this validator reports (the same as the other JS versions': common.js). */
export const COVERED_CODES = c.JS_COVERED_CODES;
const COVERED = new Set(COVERED_CODES);

const NO_RELATED = Object.freeze([]);

/** An issue on the value being checked. */
const fail = (ctx, code) => ctx.issues.push({ code: 'custom', message: code, input: ctx.value, continue: true });

/** An issue on the record's field `key`. */
const failOn = (ctx, key, code, related = NO_RELATED) =>
  ctx.issues.push({ code: 'custom', message: code, input: ctx.value, path: [key], params: { related }, continue: true });

const text = z.string().nullish();

/** A choice field: outside its list when filled in → `code`. */
const choice = (key, code) =>
  z
    .string()
    .nullish()
    .check((ctx) => {
      const s = ctx.value;
      if (s != null && c.trim(s) !== '' && !c.inVocabulary(key, s)) fail(ctx, code);
    });

export function createValidator(options = {}) {
  const today = c.readToday(options.today);
  const windowDays = options.passportWindowDays ?? 28;
  const counting = options.counting ?? 'entryDayIsDayOne';

  const date = z
    .string()
    .nullish()
    .check((ctx) => {
      if (ctx.value == null) return;
      const t = c.trim(ctx.value);
      if (t === '') return;
      const p = c.parseDate(t);
      if (p.error !== undefined) return fail(ctx, p.error);
      if (p.weekdayMismatch) fail(ctx, 'date.weekday_mismatch');
      else if (!p.canonical) fail(ctx, 'date.canonical');
      if (p.day > today.day) fail(ctx, 'date.future');
    });

  const age = z
    .string()
    .nullish()
    .check((ctx) => {
      const s = ctx.value;
      if (s != null && c.trim(s) !== '' && c.parseAge(s) === null) fail(ctx, 'age.invalid');
    });

  const fields = z.object({
    reportDate: date,
    caseType: choice('caseType', 'choice.unknown'),
    sex: choice('sex', 'choice.unknown'),
    birthDate: date,
    age,
    occupation: text,
    onsetDate: date,
    firstVisitDate: date,
    diagnosisDate: date,
    infectionDate: date,
    deathDate: date,
    status: choice('status', 'status.unknown'),
    deathPlace: choice('deathPlace', 'death.place_unknown'),
    infectionRegion: choice('infectionRegion', 'choice.unknown'),
    country: text,
    departureDate: date,
    entryDate: date,
    nationality: text,
    passportNumber: text,
    placeCategory: choice('placeCategory', 'place.category_unknown'),
    placeName: text,
    facilityCategory: choice('facilityCategory', 'facility.category_unknown'),
    severity: choice('severity', 'choice.unknown'),
  });

  const schema = fields
    // パスポート番号 (notice 記1): the inputs of the window, the 28-day window, half-width and format by 国籍.
    .check((ctx) => {
      const rv = c.view(ctx.value);
      if (rv.get('diagnosisDate') === null) failOn(ctx, 'diagnosisDate', 'diagnosis.required');
      if (rv.get('entryDate') === null) {
        const shown = c.travelShown(rv);
        if (shown.length > 0) failOn(ctx, 'entryDate', 'entry.date_missing', shown);
      }
      const number = rv.get('passportNumber');
      if (number === null) {
        const code = c.passportWindow(rv.date('entryDate'), rv.date('diagnosisDate'), windowDays, counting);
        if (code !== null) failOn(ctx, 'passportNumber', code, ['entryDate', 'diagnosisDate']);
        return;
      }
      for (const f of c.passportFindings(number, c.issuer(rv.get('nationality')))) {
        const related = f.code === 'passport.format' || f.code === 'passport.unusual' ? ['nationality'] : NO_RELATED;
        failOn(ctx, 'passportNumber', f.code, related);
      }
    })
    // 現在のステータス and 死亡 (notice 記2①, docs/rules.md §4).
    .check((ctx) => {
      const rv = c.view(ctx.value);
      const status = rv.get('status');
      const death = c.isDeath(status);
      const body = c.isBody(rv.get('caseType'));
      const deathDate = rv.get('deathDate');
      const deathPlace = rv.get('deathPlace');
      if (status === null) failOn(ctx, 'status', 'status.required');
      const bodyWithoutStatus = body && status !== null && !death;
      if (bodyWithoutStatus) failOn(ctx, 'status', 'death.body_without_status', ['caseType']);
      if (deathDate === null && (death || body)) {
        failOn(ctx, 'deathDate', 'death.date_required', [death ? 'status' : 'caseType']);
      }
      if (deathPlace === null && death) failOn(ctx, 'deathPlace', 'death.place_required', ['status']);
      if (status !== null && !death && !bodyWithoutStatus && (deathDate !== null || deathPlace !== null)) {
        const related = [];
        if (deathDate !== null) related.push('deathDate');
        if (deathPlace !== null) related.push('deathPlace');
        failOn(ctx, 'status', 'death.without_status', related);
      }
    })
    // 場所区分 and 場所名称 (notice 記2②).
    .check((ctx) => {
      const rv = c.view(ctx.value);
      const category = rv.get('placeCategory');
      const name = rv.get('placeName');
      if (category === null) return failOn(ctx, 'placeCategory', 'place.category_required');
      if (c.isPlaceUnknown(category)) {
        if (name !== null) failOn(ctx, 'placeCategory', 'place.name_with_unknown_category', ['placeName']);
      } else if (c.inVocabulary('placeCategory', category) && name === null) {
        failOn(ctx, 'placeName', 'place.name_missing', ['placeCategory']);
      }
    })
    // 発生届 dates (docs/rules.md §4) and the age.
    .check((ctx) => {
      const rv = c.view(ctx.value);
      const birth = rv.date('birthDate');
      if (birth !== null) {
        for (const key of c.DATE_FIELDS) {
          if (key === 'birthDate') continue;
          const d = rv.date(key);
          if (d !== null && d.day < birth.day) failOn(ctx, key, 'date.before_birth', ['birthDate']);
        }
      }
      const order = (earlier, later, code) => {
        const a = rv.date(earlier);
        const b = rv.date(later);
        if (a !== null && b !== null && b.day < a.day) failOn(ctx, later, code, [earlier]);
      };
      for (const [earlier, later] of c.ORDER) order(earlier, later, 'date.order');
      if (c.isBody(rv.get('caseType'))) order('deathDate', 'diagnosisDate', 'date.order');
      order('infectionDate', 'onsetDate', 'date.onset_order');
      order('onsetDate', 'diagnosisDate', 'date.onset_order');
      if (rv.date('onsetDate') === null) order('infectionDate', 'diagnosisDate', 'date.onset_order');
      const entry = rv.date('entryDate');
      const diagnosis = rv.date('diagnosisDate');
      if (entry !== null && diagnosis !== null && entry.day > diagnosis.day) {
        failOn(ctx, 'entryDate', 'entry.after_diagnosis', ['diagnosisDate']);
      }
      const ageText = rv.get('age');
      const age = ageText === null ? null : c.parseAge(ageText);
      if (age !== null && birth !== null && diagnosis !== null && c.ageMismatch(age, birth, diagnosis) !== null) {
        failOn(ctx, 'age', 'age.mismatch', ['birthDate', 'diagnosisDate']);
      }
    });

  /** Every issue of the record: `[{ code, field, related }]`. */
  function validate(record) {
    const result = schema.safeParse(record);
    if (result.success) return [];
    return result.error.issues.map((issue) => ({
      code: issue.message,
      field: issue.path[0],
      related: issue.params?.related ?? NO_RELATED,
    }));
  }

  /** The issues a change of `key` can affect (validate, then keep those involving `key`). */
  function validateField(key, record) {
    return validate(record).filter((issue) => c.involves(issue, key));
  }

  return { name: 'zod', schema, validate, validateField, covers: (code) => COVERED.has(code) };
}
