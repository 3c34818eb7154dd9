// Issue 20 (the rules, round 3) through the JS API and the CLI: values as
// offices type them (docs/rules.md §2–§6). Point 1, Japan's today, is in
// japan-today.test.mjs; the Rust side of each point is in tests/rules.rs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as api from '../../js/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'hersys-validator.mjs');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'public-lists', 'values-as-typed.csv');
const TODAY = '2021-07-01';
const options = { today: TODAY };
// A complete record every rule is quiet on.
const base = {
  reportDate: '2021-06-10',
  caseType: '患者（確定例）',
  sex: '女',
  diagnosisDate: '2021-06-08',
  firstVisitDate: '2021-06-07',
  status: '自宅療養中',
  infectionRegion: '国内',
  placeCategory: '飲食店',
  placeName: '駅前の居酒屋',
};

await api.init();

const issuesOf = (changes, opts = options) => api.validate({ ...base, ...changes }, opts).issues;
const find = (changes, code, opts) => issuesOf(changes, opts).find((i) => i.code === code);

test('the base record is clean', () => {
  assert.deepEqual(issuesOf({}), []);
});

test('2. placeholders count as empty in 場所名称, 場所区分 and 国名, and are their own finding in dates', () => {
  for (const word of ['不明', '調査中', '確認中', '非公表', '公表しない', '不詳', 'なし', '該当なし', '－', 'ー', '―', '−', '-', 'N/A', '?', '？', ' 不明　']) {
    const required = find({ placeCategory: word, placeName: '' }, 'place.category_required');
    assert.equal(required?.fix, '場所種別不明', word);
    assert.equal(api.validate({ ...base, placeCategory: word, placeName: '' }, options).normalized.placeCategory, '場所種別不明', word);
    assert.equal(find({ placeCategory: '', placeName: word }, 'place.category_required')?.fix, '場所種別不明', word);
    assert.equal(find({ placeCategory: '場所種別不明', placeName: word }, 'place.name_with_unknown_category'), undefined, word);
    assert.equal(find({ country: word }, 'entry.date_missing'), undefined, word);
    const onset = find({ onsetDate: word }, 'date.placeholder');
    assert.equal(onset?.severity, 'warning', word);
    assert.equal(find({ onsetDate: word }, 'date.invalid'), undefined, word);
    const diagnosis = issuesOf({ diagnosisDate: word }).filter((i) => i.field === 'diagnosisDate');
    assert.deepEqual(diagnosis.map((i) => i.code), ['diagnosis.required'], word);
  }
  assert.ok(find({ status: '死亡', deathPlace: '病院', deathDate: '調査中' }, 'death.date_required'));
  assert.equal(find({ deathDate: '調査中' }, 'date.placeholder')?.field, 'deathDate');
  assert.equal(find({ deathDate: '調査中' }, 'death.without_status'), undefined);
  const parsed = api.parseDate('調査中', { lang: 'en' });
  assert.deepEqual([parsed.ok, parsed.code], [false, 'date.placeholder']);
  assert.doesNotMatch(parsed.message, /調査中/);
  // A message never repeats a placeholder typed in any field.
  for (const word of ['調査中', '確認中', '非公表']) {
    for (const lang of ['ja', 'en']) {
      for (const issue of issuesOf({ onsetDate: word, diagnosisDate: word, placeCategory: word, placeName: word, age: word }, { ...options, lang })) {
        assert.ok(!issue.message.includes(word), `${issue.code}: ${issue.message}`);
      }
    }
  }
});

test('3. dates as found in files: times, offsets, 頃, no year, Excel serials, 明治', () => {
  const cases = [
    ['2021/6/10 0:00', { ok: true, value: '2021-06-10', note: 'date.with_time' }],
    ['2021-06-10 10:30:00', { ok: true, value: '2021-06-10', note: 'date.with_time' }],
    ['2021/03/02, 18:00', { ok: true, value: '2021-03-02', note: 'date.with_time' }],
    ['2021-06-10T10:30:00', { ok: true, value: '2021-06-10', note: 'date.with_time' }],
    ['2020-03-26T15:00:00.000Z', { ok: true, value: '2020-03-27', note: 'date.with_time' }],
    ['2021-06-10T23:30:00-03:00', { ok: true, value: '2021-06-11', note: 'date.with_time' }],
    ['2021-06-10T08:00:00+09:00', { ok: true, value: '2021-06-10', note: 'date.with_time' }],
    ['2021/6/1頃', { ok: true, value: '2021-06-01', warning: 'date.approximate' }],
    ['令和3年6月1日(推定)', { ok: true, value: '2021-06-01', warning: 'date.approximate' }],
    ['2月18日', { ok: false, code: 'date.no_year' }],
    ['6/10', { ok: false, code: 'date.no_year' }],
    ['１月９日', { ok: false, code: 'date.no_year' }],
    ['44357', { ok: false, code: 'date.excel_serial', fix: '2021-06-10' }],
    ['43883', { ok: false, code: 'date.excel_serial', fix: '2020-02-22' }],
    ['明治33年1月1日', { ok: true, value: '1900-01-01' }],
    ['M45.7.29', { ok: true, value: '1912-07-29' }],
    ['明治32年12月31日', { ok: false, code: 'date.too_early' }],
  ];
  for (const [text, expected] of cases) {
    const parsed = api.parseDate(text);
    const got = parsed.ok
      ? { ok: true, value: parsed.value, ...(parsed.note && { note: parsed.note.code }), ...(parsed.warning && { warning: parsed.warning.code }) }
      : { ok: false, code: parsed.code, ...(parsed.fix && { fix: parsed.fix }) };
    assert.deepEqual(got, expected, text);
  }
  // Plain words, not "not a date".
  assert.match(api.parseDate('2月18日').message, /年が書かれていません/);
  assert.match(api.parseDate('6/10', { lang: 'en' }).message, /no year/);
  // In a record: the same codes, the date as fix where there is one, never a guessed year.
  assert.equal(find({ firstVisitDate: '2021/6/7 0:00' }, 'date.with_time')?.fix, '2021-06-07');
  assert.equal(find({ firstVisitDate: '2021/6/7頃' }, 'date.approximate')?.fix, '2021-06-07');
  assert.equal(find({ firstVisitDate: '44354' }, 'date.excel_serial')?.fix, '2021-06-07');
  const noYear = find({ firstVisitDate: '6/7' }, 'date.no_year');
  assert.equal(noYear?.severity, 'error');
  assert.equal(noYear.fix, undefined);
  // Applying the fixes gives a record with none of these findings left.
  const fixed = api.validate({ ...base, firstVisitDate: '2021/6/7 0:00', onsetDate: '2021/6/5頃', infectionDate: '44348' }, options).normalized;
  assert.deepEqual([fixed.firstVisitDate, fixed.onsetDate, fixed.infectionDate], ['2021-06-07', '2021-06-05', '2021-06-01']);
  assert.deepEqual(api.validate(fixed, options).issues, []);
});

test('4. age bands get their own error; months that disagree for a child of 1 or more are a mismatch', () => {
  for (const band of ['40代', '10歳未満', '10代未満', '高齢者', '９０歳以上']) {
    assert.deepEqual(issuesOf({ age: band }).map((i) => i.code), ['age.band'], band);
  }
  const child = { birthDate: '2020-03-01', diagnosisDate: '2021-06-08' }; // 1歳3か月
  assert.deepEqual(issuesOf({ ...child, age: '1歳3か月' }), []);
  assert.equal(find({ ...child, age: '1歳9か月' }, 'age.mismatch')?.fix, '1');
  assert.ok(find({ ...child, age: '3か月' }, 'age.mismatch'));
});

test('5. 国内 with 国名 Japan (any spelling, or a placeholder) shows no travel', () => {
  for (const country of ['日本', '日本国', 'Japan', 'ＪＰＮ', 'にほん', '不明']) {
    assert.deepEqual(issuesOf({ country }), [], country);
  }
  assert.ok(find({ country: '米国' }, 'entry.date_missing'));
  assert.ok(find({ infectionRegion: '国外', country: '日本' }, 'entry.date_missing'));
});

test('6. death before diagnosis for a non-body case type: a warning on 死亡日付', () => {
  const dead = { status: '死亡', deathPlace: '病院', deathDate: '2021-06-07' };
  const warning = find(dead, 'death.before_diagnosis');
  assert.deepEqual([warning.field, warning.severity, warning.related], ['deathDate', 'warning', ['diagnosisDate']]);
  assert.equal(find({ ...dead, caseType: '感染症死亡者の死体' }, 'death.before_diagnosis'), undefined);
  assert.equal(find({ ...dead, deathDate: '2021-06-08' }, 'death.before_diagnosis'), undefined);
});

test('7. fixes and normalized write the option list\'s own spelling', () => {
  for (const [key, typed, entry] of [
    ['status', '入院中\u3000', '入院中'],
    ['severity', '中等症1', '中等症Ⅰ'],
    ['sex', '女性', '女'],
    ['caseType', '患者(確定例)', '患者（確定例）'],
    ['placeCategory', '学校･教育施設', '学校・教育施設'],
  ]) {
    const report = api.validate({ ...base, [key]: typed }, options);
    assert.deepEqual(report.issues.map((i) => [i.code, i.fix]), [['choice.canonical', entry]], typed);
    assert.equal(report.normalized[key], entry, typed);
  }
  const report = api.validate({ ...base, placeCategory: 'ｽﾎﾟｰﾂｸﾗﾌﾞ' }, { ...options, vocabulary: { placeCategory: ['スポーツクラブ'] } });
  assert.equal(report.normalized.placeCategory, 'スポーツクラブ');
});

test('8. passport fixes are only ever A–Z and 0–9', () => {
  const kana = issuesOf({ passportNumber: 'ＴＫ１２３４５６ｱ' });
  assert.deepEqual(kana.map((i) => [i.code, i.fix]), [['passport.halfwidth', undefined], ['passport.format', undefined]]);
  assert.equal(find({ passportNumber: 'TK・123.4567' }, 'passport.normalize')?.fix, 'TK1234567');
  assert.equal(find({ passportNumber: 'ＴＫ１２３。４５６７' }, 'passport.halfwidth')?.fix, 'TK1234567');
  for (const text of ['ｔｋ１２３４５６７', 'tk 123-4567', 'ＴＫ１２３４５６ｱ', 'Ab12345６７、', 'ü1234567']) {
    for (const issue of issuesOf({ passportNumber: text })) {
      if (issue.fix !== undefined) assert.match(issue.fix, /^[A-Z0-9]+$/, text);
    }
  }
});

test('9. 国籍 spellings of Japan, and dual nationality that names Japan accepts either format', () => {
  for (const nationality of ['日本国民', 'にほん', 'ニホン', 'Nippon', 'Nihon', 'Japon']) {
    assert.ok(find({ nationality, passportNumber: 'L898902C3' }, 'passport.format'), nationality);
  }
  for (const nationality of ['二重国籍（日本・米国）', '日本・米国', '日本/アメリカ']) {
    for (const passportNumber of ['TK1234567', 'L898902C3']) {
      assert.deepEqual(issuesOf({ nationality, passportNumber }), [], `${nationality} ${passportNumber}`);
    }
  }
});

test('10. messages in the notice\'s words; rules(options) follows the counting; each case its own message', () => {
  const entrant = { entryDate: '2021-06-03', diagnosisDate: '2021-06-10' };
  assert.match(find(entrant, 'passport.required').message, /入国日から起算して28日以内/);
  assert.match(find(entrant, 'passport.required', { ...options, counting: 'dayAfterEntryIsDayOne' }).message, /入国日の翌日から起算して28日以内/);
  const rule = (opts) => api.rules(opts).find((r) => r.code === 'passport.required');
  assert.match(rule().ja, /入国日から起算して28日以内/);
  assert.match(rule({ counting: 'dayAfterEntryIsDayOne', passportWindowDays: 14 }).ja, /入国日の翌日から起算して14日以内/);
  assert.match(find({ status: '死亡', deathPlace: '病院' }, 'death.date_required').message, /^現在のステータスが「死亡」のため/);
  assert.match(find({ caseType: '感染症死亡者の死体', status: '死亡', deathPlace: '病院' }, 'death.date_required')?.message ?? '', /^現在のステータス/);
  assert.match(find({ caseType: '感染症死亡者の死体', status: '' }, 'death.date_required').message, /^類型が死体のため/);
  const japanese = find({ nationality: '日本', passportNumber: 'AB1234567' }, 'passport.unusual').message;
  const foreign = find({ nationality: '米国', passportNumber: '12345' }, 'passport.unusual').message;
  assert.match(japanese, /MかT/);
  assert.doesNotMatch(japanese, /6〜9/);
  assert.match(foreign, /6〜9文字/);
  assert.doesNotMatch(foreign, /MかT/);
  assert.match(find({ status: '元気' }, 'status.unknown').message, /このツールの既定の選択肢にありません/);
  assert.match(find({ status: '元気' }, 'status.not_in_list', { ...options, vocabulary: { status: ['入院中'] } }).message, /選択肢から選んでください/);
  assert.match(find({ firstVisitDate: '2021-06-09' }, 'date.order').message, /^初診年月日が診断年月日より後の日付/);
  // No message repeats what was typed.
  for (const typed of ['秘密か月', '2021/6/1秘', '秘密国', 'ﾋﾐﾂ']) {
    for (const lang of ['ja', 'en']) {
      for (const issue of issuesOf({ age: typed, onsetDate: typed, country: typed, status: typed, placeName: typed }, { ...options, lang })) {
        assert.doesNotMatch(issue.message, /秘|ﾋﾐﾂ|ヒミツ/);
      }
    }
  }
});

test('the CLI audit of a file with these values agrees with validate() row by row', () => {
  const run = spawnSync(process.execPath, [CLI, 'audit', FIXTURE, '--format', 'json', '--today', TODAY], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  const lines = fs.readFileSync(FIXTURE, 'utf8').replace(/^\uFEFF/, '').split(/\r\n/);
  const header = lines[1].split(',').map((label) => api.lookupField(label) ?? api.lookupField(label.replace(/（.*）$/, '')));
  assert.ok(report.rows.length >= 8);
  const seen = new Set();
  for (const row of report.rows) {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (const c of lines[row.row - 1]) {
      if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell);
    const record = {};
    header.forEach((key, i) => {
      if (key) record[key] = cells[i];
    });
    // The report lists a row's errors and warnings; info findings are counted in the summary.
    const expected = api.validate(record, options).issues.filter((i) => i.severity !== 'info').map(({ code, field, fix }) => ({ code, field, fix }));
    assert.deepEqual(row.issues.map(({ code, field, fix }) => ({ code, field, fix })), expected, `line ${row.row}`);
    for (const issue of row.issues) seen.add(issue.code);
  }
  for (const code of ['date.placeholder', 'date.approximate', 'date.no_year', 'date.excel_serial', 'age.band', 'death.before_diagnosis']) {
    assert.ok(seen.has(code), code);
  }
  for (const code of ['date.with_time', 'choice.canonical']) assert.ok(report.summary.counts[code] > 0, code);
});
