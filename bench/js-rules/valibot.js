// The hersys-validator rules written with valibot (v1), as a careful JS
// developer would: one schema per field for the rules that read one field,
// and `forward(check(...))` / `forward(rawCheck(...))` actions on the object
// for the cross-field rules, with the plain-JS helpers of common.js.
//
// Issues come back as `{ code, field, related }`; `message` carries the code
// (and the related fields, `code|a,b`) since valibot issues have no free-form
// data. It reports the codes of COVERED_CODES, with the severities of the
// Rust rules (common.js SEVERITY); codes of ours outside them are not
// compared (tests/js/bench-agreement.test.mjs filters ours, not this file).
import * as v from 'valibot';
import * as c from './common.js';

/** The codes this validator reports (the same as the other JS versions': common.js). */
export const COVERED_CODES = c.JS_COVERED_CODES;
const COVERED = new Set(COVERED_CODES);

const text = v.nullish(v.string());
const blank = (s) => s == null || c.trim(s) === '';

/** A choice field: outside its list when filled in → `code`. */
const choice = (key, code) =>
  v.nullish(v.pipe(v.string(), v.check((s) => blank(s) || c.inVocabulary(key, s), code)));

/** A required choice field (status, 場所区分). */
const requiredChoice = (key, requiredCode, unknownCode) =>
  v.pipe(
    v.nullish(v.string(), ''),
    v.check((s) => !blank(s), requiredCode),
    v.check((s) => blank(s) || c.inVocabulary(key, s), unknownCode),
  );

/** An issue on the record's `key`, from a check on the whole record. */
const on = (key, requirement, msg) => v.forward(v.check(requirement, msg), [key]);

export function createValidator(options = {}) {
  const today = c.readToday(options.today);
  const windowDays = options.passportWindowDays ?? 28;
  const counting = options.counting ?? 'entryDayIsDayOne';

  const date = v.nullish(
    v.pipe(
      v.string(),
      v.rawCheck(({ dataset, addIssue }) => {
        const t = c.trim(dataset.value);
        if (t === '') return;
        const p = c.parseDate(t);
        if (p.error !== undefined) {
          addIssue({ message: p.error });
          return;
        }
        if (p.weekdayMismatch) addIssue({ message: 'date.weekday_mismatch' });
        else if (!p.canonical) addIssue({ message: 'date.canonical' });
        if (p.day > today.day) addIssue({ message: 'date.future' });
      }),
    ),
  );

  const age = v.nullish(v.pipe(v.string(), v.check((s) => blank(s) || c.parseAge(s) !== null, 'age.invalid')));

  const fields = v.object({
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
    status: requiredChoice('status', 'status.required', 'status.unknown'),
    deathPlace: choice('deathPlace', 'death.place_unknown'),
    infectionRegion: choice('infectionRegion', 'choice.unknown'),
    country: text,
    departureDate: date,
    entryDate: date,
    nationality: text,
    passportNumber: text,
    placeCategory: requiredChoice('placeCategory', 'place.category_required', 'place.category_unknown'),
    placeName: text,
    facilityCategory: choice('facilityCategory', 'facility.category_unknown'),
    severity: choice('severity', 'choice.unknown'),
  });

  const x = c.view;
  const missingPassport = (r) => {
    const rv = x(r);
    return rv.get('passportNumber') === null
      ? c.passportWindow(rv.date('entryDate'), rv.date('diagnosisDate'), windowDays, counting)
      : null;
  };
  /** later must not be before earlier (both valid dates). */
  const inOrder = (earlier, later) => (r) => {
    const a = x(r).date(earlier);
    const b = x(r).date(later);
    return a === null || b === null || b.day >= a.day;
  };
  const isBody = (r) => c.isBody(x(r).get('caseType'));
  /** A 死体 case type with a status other than 死亡 (death.body_without_status). */
  const bodyWithoutStatus = (r) => {
    const status = x(r).get('status');
    return isBody(r) && status !== null && !c.isDeath(status);
  };

  const crossField = [
    // The inputs of the window (docs/rules.md §2): 診断年月日, and 入国日 when travel is shown.
    on('diagnosisDate', (r) => x(r).get('diagnosisDate') !== null, 'diagnosis.required'),
    on(
      'entryDate',
      (r) => x(r).get('entryDate') !== null || c.travelShown(x(r)).length === 0,
      (issue) => c.message('entry.date_missing', c.travelShown(x(issue.input))),
    ),
    // パスポート番号: the 28-day window (notice 記1(2)①②).
    on('passportNumber', (r) => missingPassport(r) !== 'passport.required', 'passport.required|entryDate,diagnosisDate'),
    on('passportNumber', (r) => missingPassport(r) !== 'passport.boundary_day', 'passport.boundary_day|entryDate,diagnosisDate'),
    // パスポート番号: half-width and format, by 国籍.
    v.forward(
      v.rawCheck(({ dataset, addIssue }) => {
        const rv = x(dataset.value);
        const number = rv.get('passportNumber');
        if (number === null) return;
        for (const f of c.passportFindings(number, c.issuer(rv.get('nationality')))) {
          const related = f.code === 'passport.format' || f.code === 'passport.unusual' ? ['nationality'] : null;
          addIssue({ message: c.message(f.code, related) });
        }
      }),
      ['passportNumber'],
    ),
    // 死亡: a body needs 死亡, then date and place of death (notice 記2①, docs/rules.md §4).
    on('status', (r) => !bodyWithoutStatus(r), 'death.body_without_status|caseType'),
    on(
      'deathDate',
      (r) => x(r).get('deathDate') !== null || !(c.isDeath(x(r).get('status')) || isBody(r)),
      (issue) => c.message('death.date_required', [c.isDeath(x(issue.input).get('status')) ? 'status' : 'caseType']),
    ),
    on('deathPlace', (r) => x(r).get('deathPlace') !== null || !c.isDeath(x(r).get('status')), 'death.place_required|status'),
    on(
      'status',
      (r) => {
        const rv = x(r);
        const status = rv.get('status');
        return (
          status === null || c.isDeath(status) || bodyWithoutStatus(r) ||
          (rv.get('deathDate') === null && rv.get('deathPlace') === null)
        );
      },
      (issue) => {
        const rv = x(issue.input);
        const related = ['deathDate', 'deathPlace'].filter((k) => rv.get(k) !== null);
        return c.message('death.without_status', related);
      },
    ),
    // 場所区分 and 場所名称 (notice 記2②).
    on(
      'placeCategory',
      (r) => !c.isPlaceUnknown(x(r).get('placeCategory')) || x(r).get('placeName') === null,
      'place.name_with_unknown_category|placeName',
    ),
    on(
      'placeName',
      (r) => {
        const category = x(r).get('placeCategory');
        return (
          category === null || c.isPlaceUnknown(category) || !c.inVocabulary('placeCategory', category) ||
          x(r).get('placeName') !== null
        );
      },
      'place.name_missing|placeCategory',
    ),
    // 発生届 dates (docs/rules.md §4).
    ...c.DATE_FIELDS.filter((k) => k !== 'birthDate').map((k) =>
      on(k, (r) => inOrder('birthDate', k)(r), 'date.before_birth|birthDate'),
    ),
    ...c.ORDER.map(([earlier, later]) => on(later, inOrder(earlier, later), `date.order|${earlier}`)),
    on('diagnosisDate', (r) => !isBody(r) || inOrder('deathDate', 'diagnosisDate')(r), 'date.order|deathDate'),
    on('onsetDate', inOrder('infectionDate', 'onsetDate'), 'date.onset_order|infectionDate'),
    on('diagnosisDate', inOrder('onsetDate', 'diagnosisDate'), 'date.onset_order|onsetDate'),
    on(
      'diagnosisDate',
      (r) => x(r).date('onsetDate') !== null || inOrder('infectionDate', 'diagnosisDate')(r),
      'date.onset_order|infectionDate',
    ),
    on('entryDate', (r) => inOrder('entryDate', 'diagnosisDate')(r), 'entry.after_diagnosis|diagnosisDate'),
    // 年齢 against 生年月日 at 診断年月日.
    on(
      'age',
      (r) => {
        const rv = x(r);
        const text = rv.get('age');
        const age = text === null ? null : c.parseAge(text);
        const birth = rv.date('birthDate');
        const diagnosis = rv.date('diagnosisDate');
        if (age === null || birth === null || diagnosis === null) return true;
        return c.ageMismatch(age, birth, diagnosis) === null;
      },
      'age.mismatch|birthDate,diagnosisDate',
    ),
  ];

  const schema = v.pipe(fields, ...crossField);

  /** Every issue of the record: `[{ code, field, related }]`. */
  function validate(record) {
    const result = v.safeParse(schema, record);
    if (result.success) return [];
    return result.issues.map((issue) => c.issueFrom(issue.message, issue.path[0].key));
  }

  /** The issues a change of `key` can affect (validate, then keep those involving `key`). */
  function validateField(key, record) {
    return validate(record).filter((issue) => c.involves(issue, key));
  }

  return { name: 'valibot', schema, validate, validateField, covers: (code) => COVERED.has(code) };
}
