// A plain webpack 5 app using hersys-validator as a consumer does: the public
// entry points, the stylesheet through css-loader/style-loader, the .wasm as
// an asset webpack emits (`new URL(…, import.meta.url)` in the package), and
// the audit module with its Web Worker split off by a dynamic import.
import { init, validate } from 'hersys-validator';
import { attach } from 'hersys-validator/attach';
import 'hersys-validator/attach.css';

const TODAY = '2021-07-31';
const show = (id, value) => {
  document.getElementById(id).textContent = typeof value === 'string' ? value : JSON.stringify(value);
};

async function main() {
  await init();
  const report = validate({ entryDate: '2021-06-03', diagnosisDate: '令和3年6月10日', status: '入院中', placeCategory: '' }, { today: TODAY });
  show('validate', report.issues.map((i) => i.code));

  const form = document.getElementById('notification');
  const handle = await attach(form, { today: TODAY });
  window.hv = handle;
  let submits = 0;
  form.addEventListener('submit', (event) => {
    event.preventDefault(); // a test page: there is nowhere to send the record
    submits += 1;
    show('submits', String(submits));
  });

  // The audit module: its own .wasm, compiled here and handed to a Web Worker.
  const { auditFile } = await import('hersys-validator/audit');
  const csv = '受付番号,診断年月日,現在のステータス,場所区分\nA-1,2021-06-10,,場所種別不明\nA-2,2021-06-11,入院中,職場\n';
  const summary = await auditFile(new File([csv], 'cases.csv', { type: 'text/csv' }), {}, { today: TODAY }, { jobs: 1 });
  show('audit', { rows: summary.rows, statusRequired: summary.counts['status.required'] ?? 0 });

  document.documentElement.dataset.ready = 'true';
}

main().catch((error) => {
  console.error(error);
  document.documentElement.dataset.ready = 'false';
});
