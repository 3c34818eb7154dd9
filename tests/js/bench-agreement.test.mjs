// The JS versions of the rules used by the benchmark (bench/js-rules/:
// valibot, zod 4, ajv) agree with validate() from js/index.js on the codes
// each declares (COVERED_CODES, `covers(code)`): ours is filtered to them,
// so a new code of ours breaks nothing here. A benchmark of rules that
// disagree measures nothing.
//
// Sample: a deterministic generator of 600 varied records (bench/records.js)
// plus hand-picked boundary cases (d = −1, 0, 27, 28, 29; 令和元年4月30日;
// 平成31年4月30日; 29 February in leap and common years; 昭和64年1月7日;
// full-width passports; …), all with today = 2021-07-31.
import test from 'node:test';
import assert from 'node:assert/strict';
import { init, validate, validateField, rules } from '../../js/index.js';
import { buildAjvStandalone } from '../../bench/js-rules/build-ajv.mjs';
import { SEVERITY, FIELDS } from '../../bench/js-rules/common.js';
import { createValidator as valibotRules, COVERED_CODES as VALIBOT_CODES } from '../../bench/js-rules/valibot.js';
import { createValidator as zodRules, COVERED_CODES as ZOD_CODES } from '../../bench/js-rules/zod.js';
import { BOUNDARY, TODAY, generateRecords, REALISTIC, DEFECTIVE } from '../../bench/records.js';

const OPTIONS = { today: TODAY };
const SAMPLE = [...BOUNDARY, ...generateRecords(600).map((record, i) => [`generated #${i}`, record])];

buildAjvStandalone();
const { createValidator: ajvRules, COVERED_CODES: AJV_CODES } = await import('../../bench/js-rules/ajv.js');

const JS = [
  { ...valibotRules(OPTIONS), coveredCodes: VALIBOT_CODES },
  { ...zodRules(OPTIONS), coveredCodes: ZOD_CODES },
];
const AJV = { ...ajvRules(OPTIONS), coveredCodes: AJV_CODES };

const pairs = (issues) => issues.map((i) => `${i.code} @ ${i.field}`).sort();
const withRelated = (issues) => issues.map((i) => `${i.code} @ ${i.field} ← ${[...i.related].join(',')}`).sort();
/** Ours, on the codes `impl` covers. */
const ours = (impl, record) => validate(record, OPTIONS).issues.filter((i) => impl.covers(i.code));
const oursOnField = (impl, key, record) => validateField(key, record, OPTIONS).filter((i) => impl.covers(i.code));

test.before(() => init());

for (const impl of [...JS, AJV]) {
  test(`${impl.name}: the sample is at least 500 records and hits every code it covers`, () => {
    assert.ok(SAMPLE.length >= 500);
    const hit = new Set();
    for (const [, record] of SAMPLE) for (const issue of ours(impl, record)) hit.add(issue.code);
    assert.deepEqual([...hit].sort(), [...impl.coveredCodes].sort());
  });

  test(`${impl.name}: covers(code) is COVERED_CODES`, () => {
    for (const { code } of rules()) assert.equal(impl.covers(code), impl.coveredCodes.includes(code), code);
  });
}

test('SEVERITY: the codes the JS versions cover, each with its severity in rules()', () => {
  const severity = new Map(rules().map((r) => [r.code, r.severity]));
  for (const [code, s] of Object.entries(SEVERITY)) assert.equal(s, severity.get(code), code);
  const covered = new Set([...JS, AJV].flatMap((impl) => impl.coveredCodes));
  assert.deepEqual(Object.keys(SEVERITY).sort(), [...covered].sort());
});

for (const impl of JS) {
  test(`${impl.name}: the same (code, field) as validate() on the codes it covers, on every record`, () => {
    for (const [name, record] of SAMPLE) {
      assert.deepEqual(pairs(impl.validate(record)), pairs(ours(impl, record)), `${name}: ${JSON.stringify(record)}`);
    }
  });

  test(`${impl.name}: the same related fields, and validateField agrees for every key`, () => {
    for (const [name, record] of SAMPLE) {
      assert.deepEqual(withRelated(impl.validate(record)), withRelated(ours(impl, record)), name);
      for (const key of FIELDS) {
        assert.deepEqual(withRelated(impl.validateField(key, record)), withRelated(oursOnField(impl, key, record)), `${name}, ${key}`);
      }
    }
  });
}

test('ajv: the same (code, field) as validate() on the codes JSON Schema covers', () => {
  assert.deepEqual(
    [...AJV_CODES].sort(),
    [
      'age.invalid', 'choice.unknown', 'date.invalid', 'death.body_without_status', 'death.date_required', 'death.place_required',
      'death.place_unknown', 'death.without_status', 'diagnosis.required', 'entry.date_missing', 'facility.category_unknown',
      'passport.format', 'passport.halfwidth', 'passport.normalize', 'passport.unusual', 'place.category_required',
      'place.category_unknown', 'place.name_missing', 'place.name_with_unknown_category', 'status.required', 'status.unknown',
    ],
  );
  // ajv's date.invalid is a text outside the date grammar, which ours splits into date.invalid and
  // date.no_year (a month and day with no year): on ajv's codes, ours' date.no_year reads as date.invalid.
  const oursOnAjv = (record) =>
    validate(record, OPTIONS)
      .issues.map((i) => (i.code === 'date.no_year' ? { ...i, code: 'date.invalid' } : i))
      .filter((i) => AJV.covers(i.code));
  for (const [name, record] of SAMPLE) {
    assert.deepEqual(pairs(AJV.validate(record)), pairs(oursOnAjv(record)), `${name}: ${JSON.stringify(record)}`);
  }
});

test('the boundary cases say what the rules say, in every version', () => {
  const expectations = {
    'd = -1': ['entry.after_diagnosis @ entryDate'],
    'd = 0': ['passport.required @ passportNumber'],
    'd = 27': ['passport.required @ passportNumber'],
    'd = 28': ['passport.boundary_day @ passportNumber'],
    'd = 29': [],
    '令和元年4月30日': ['date.outside_era @ birthDate'],
    '平成31年4月30日': [],
    '昭和64年1月7日': [],
    '昭和64年1月8日': ['date.outside_era @ birthDate'],
    '2020-02-29 (leap)': [],
    '2021-02-29 (not leap)': ['date.impossible @ birthDate'],
    'ＴＫ１２３４５６７': ['passport.halfwidth @ passportNumber'],
    'dates with no year': [
      'date.invalid @ departureDate', 'date.invalid @ entryDate', 'date.no_year @ firstVisitDate',
      'date.no_year @ infectionDate', 'date.no_year @ onsetDate', 'date.no_year @ reportDate',
    ],
  };
  const byName = new Map(BOUNDARY);
  const quiet = (issues) => pairs(issues).filter((p) => !/^(date\.canonical|place\.)/.test(p));
  for (const [name, expected] of Object.entries(expectations)) {
    const record = byName.get(name);
    assert.ok(record, name);
    for (const impl of JS) {
      assert.deepEqual(quiet(ours(impl, record)), expected, `ours on ${impl.name}'s codes: ${name}`);
      assert.deepEqual(quiet(impl.validate(record)), expected, `${impl.name}: ${name}`);
    }
  }
});

test('the benchmark records: the realistic one is clean, the defective one has its three defects', () => {
  for (const impl of [{ name: 'ours', validate: (r) => validate(r, OPTIONS).issues }, ...JS]) {
    assert.deepEqual(pairs(impl.validate(REALISTIC)), [], impl.name);
    assert.deepEqual(
      pairs(impl.validate(DEFECTIVE)),
      ['date.order @ diagnosisDate', 'passport.halfwidth @ passportNumber', 'status.required @ status'],
      impl.name,
    );
  }
});
