// embed.html: the clinic's own form, checked by lib/attach.js with a name map and label lookup.
//
// The form was written without the validator in mind: its inputs are named
// pp_no, dx_date, arrival, state… Four are mapped explicitly (options.map);
// 年齢 is named like the field key (age); the rest are found by their label
// text (「パスポート番号（旅券番号）」「死亡日（死亡時）」「場所区分 ※」…), and the radios
// for 性別 by their <legend>. 患者氏名 and 備考 map to no field and are left alone.
// Styles for the messages: lib/attach.css (hersys-validator/attach.css).
import { catalogue, init, validate } from '../lib/index.js';
import { attach } from '../lib/attach.js';
import { checkToday, readCommonParams, readWindowParams, showPageErrors } from './dom.js';

const form = document.getElementById('clinic-form');
const result = document.getElementById('result');
const params = readCommonParams();

const SENDABLE = '送信できる状態です（デモ：送信はしません）';

async function main() {
  await init();
  // A ?today= the module cannot use is refused visibly, and the local date is used instead.
  checkToday(params, validate);
  // ?window= and ?counting= set the passport window, as on index.html.
  const passportWindow = readWindowParams(params, validate, catalogue());
  showPageErrors(params, 'ja');
  const handle = await attach(form, {
    today: params.today,
    ...passportWindow.options,
    map: { dx_date: 'diagnosisDate', arrival: 'entryDate', state: 'status', dob: 'birthDate' },
  });

  // Only reached when the browser's constraint validation passed: attach() has put
  // every error of the fields this form holds into setCustomValidity, so an invalid
  // form never gets here. report.ok follows the same fields (missingFields 'ignore',
  // the default); this form holds all three that every record needs, so report.all.ok
  // agrees with it here.
  let submits = 0;
  form.addEventListener('submit', (event) => {
    event.preventDefault(); // demo: never navigate (the CSP has form-action 'none' anyway)
    submits += 1;
    form.dataset.submits = String(submits);
    const report = handle.validate();
    const errors = report.shown.filter((i) => i.severity === 'error');
    result.textContent = report.ok ? SENDABLE : `送信できません：${errors.map((i) => i.message).join(' ')}`;
  });
  form.addEventListener('input', () => {
    result.textContent = '';
  });

  form.dataset.mappedKeys = handle.keys.join(' ');
  document.documentElement.dataset.ready = 'true';
}


main().catch((error) => {
  document.documentElement.dataset.ready = 'error';
  console.error(error);
});
