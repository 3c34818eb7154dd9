// Entry point of audit.html: audits a CSV file in a Web Worker (lib/audit.js
// auditFile), shows progress, then the summary, the counts per rule and the
// failing records, and builds the CSV report in the browser.
//
// The encodings offered and the identifying headers named in the hint come
// from the audit module (auditEncodings(), identifierHeaders()).
//
// The header line and the column mapping can be chosen after an audit (the
// form under the column report): they re-run the audit with input.headerLine
// and input.mapping; the mapping is kept in this browser (headers only).
//
// URL parameters (for tests and demos): ?today=YYYY-MM-DD fixes the validation
// day (default: the local date); ?lang=en starts in English; ?keep=N keeps at
// most N failing records in the page (default 100,000; the counts stay exact).
import { applyStaticTexts, japanToday, readCommonParams, showPageErrors } from './dom.js';
import { bindLangSwitch } from './lang-switch.js';
import {
  auditEncodings,
  auditFields,
  auditFile,
  auditRules,
  createAuditor,
  identifierHeaders,
  initAudit,
  noticeItems,
  reportCodes,
} from '../lib/audit.js';
import { createReport } from '../lib/report.js';
// The field catalogue of the audit module already loaded for auditRules(): the
// same module instance as lib/audit.js uses (same URL), so no second download.
import { STRINGS } from './audit-i18n.js';
import { KEEP_LIMIT, createStore } from './audit-store.js';
import { createResults } from './audit-results.js';
import { createOverride } from './audit-override.js';

const $ = (id) => document.getElementById(id);
/** Files these extensions name are never CSV: say so instead of auditing bytes. */
const NOT_CSV = /\.(xlsx|xlsm|xlsb|xls|ods|numbers|pdf|zip|docx?|png|jpe?g)$/i;
const MILESTONES = [25, 50, 75];

function readParams() {
  const params = new URLSearchParams(location.search);
  const keep = Number(params.get('keep'));
  return { ...readCommonParams(params), keep: Number.isInteger(keep) && keep > 0 ? keep : KEEP_LIMIT };
}



async function main() {
  const params = readParams();
  const today = params.today ?? japanToday();
  let lang = params.lang;
  applyStaticTexts(STRINGS[lang], lang);

  try {
    await initAudit();
  } catch (error) {
    $('loading').textContent = STRINGS[lang].loadFailed;
    $('loading').setAttribute('role', 'alert');
    throw error;
  }
  const rules = auditRules();
  const codes = reportCodes();
  const catalogue = auditFields();
  const encodings = auditEncodings();
  const builtInIds = identifierHeaders();
  $('loading').remove();
  const encodingSelect = $('encoding');
  for (const { label } of encodings) encodingSelect.append(new Option('', label));
  const renderPickTexts = () => {
    for (const option of encodingSelect.options) {
      if (option.value) option.textContent = STRINGS[lang].encodingNames[option.value] ?? encodings.find((e) => e.label === option.value).name;
    }
    const separator = lang === 'ja' ? '、' : ', ';
    $('id-columns-hint').textContent = STRINGS[lang].idColumnsHint(builtInIds.slice(0, 2).join(separator));
    $('id-columns-list').textContent = builtInIds.join(separator);
  };

  const results = createResults({ $, rules, fields: catalogue, encodings, items: noticeItems() });
  const fileInput = $('file');
  const live = $('live');
  const pickMessage = $('pick-message');
  /** the audit in progress: { controller, file } */
  let current = null;
  /** the last file audited, for "check again" */
  let lastFile = null;

  const say = (text) => {
    live.textContent = text;
  };
  const showPickMessage = (text) => {
    pickMessage.textContent = text;
    pickMessage.hidden = !text;
  };
  const override = createOverride({
    $,
    fieldKeys: catalogue.map((f) => f.key),
    results,
    lang: () => lang,
    say,
    checkAgain: () => lastFile && start(lastFile),
  });

  // ----------------------------------------------------------- progress
  let progress = { rows: 0, bytes: 0 };
  let frame = 0;
  function renderProgress(job) {
    frame = 0;
    const size = job.file.size;
    const share = size > 0 ? Math.min(1, progress.bytes / size) : 1;
    const percent = Math.floor(share * 100);
    const bar = $('run-progress');
    bar.max = size || 1;
    bar.value = Math.min(progress.bytes, size || 1);
    $('run-text').textContent = STRINGS[lang].runText({ rows: progress.rows, percent, failing: job.store.found });
    // The live region hears the start, every quarter and the end: not every tick.
    while (job.milestone < MILESTONES.length && percent >= MILESTONES[job.milestone]) {
      if (job.milestone === MILESTONES.length - 1 || percent < MILESTONES[job.milestone + 1]) {
        say(STRINGS[lang].milestone(MILESTONES[job.milestone], progress.rows));
      }
      job.milestone += 1;
    }
  }

  // ----------------------------------------------------------- one audit
  async function start(file) {
    if (current) current.controller.abort();
    // Said before the first await, so nobody reads the last file's results as this one's.
    document.documentElement.dataset.audit = 'running';
    cancelAnimationFrame(frame);
    frame = 0;
    showPickMessage('');
    results.clear();
    $('results').hidden = true;
    const encoding = $('encoding').value || undefined;
    // Empty: the built-in list; otherwise exactly the headers named (、 or , between them).
    const idText = $('id-columns').value.trim();
    const idColumns = idText ? idText.split(/[,、，]/).map((h) => h.trim()).filter(Boolean) : undefined;
    let vocabulary;
    try {
      vocabulary = await readVocabulary();
    } catch (error) {
      showPickMessage(STRINGS[lang].vocabularyInvalid(error.message));
      $('vocabulary').focus();
      document.documentElement.dataset.audit = 'refused';
      return;
    }
    const { headerLine, mapping } = override.input();
    const job = { controller: new AbortController(), file, store: createStore(params.keep), milestone: 0, auditLang: lang, encoding, headerLine, mapping };
    current = job;
    lastFile = file;
    progress = { rows: 0, bytes: 0 };
    $('run').hidden = false;
    $('run-file').textContent = STRINGS[lang].runFile(file.name, file.size);
    renderProgress(job);
    say(STRINGS[lang].started(file.name));
    try {
      const summary = await auditFile(
        file,
        { ...(encoding ? { encoding } : {}), ...(idColumns ? { idColumns } : {}), ...(mapping ? { mapping } : {}), ...(headerLine ? { headerLine } : {}) },
        { lang: job.auditLang, today, ...(vocabulary ? { vocabulary } : {}) },
        {
          signal: job.controller.signal,
          onBatch: (batch) => job.store.addBatch(batch),
          onProgress: (p) => {
            if (current !== job) return;
            progress = p;
            frame ||= requestAnimationFrame(() => renderProgress(job));
          },
        },
      );
      if (current !== job) return;
      current = null;
      cancelAnimationFrame(frame);
      frame = 0;
      $('run').hidden = true;
      showResults({ summary, store: job.store, auditLang: job.auditLang, explicitEncoding: Boolean(encoding), fileName: file.name, headerLine: job.headerLine, mapping: job.mapping });
    } catch (error) {
      if (current !== job) return;
      current = null;
      cancelAnimationFrame(frame);
      frame = 0;
      $('run').hidden = true;
      if (error?.code === 'file.header_not_found') {
        // Not a failure to report in passing: the results say why and offer the header line and the mapping.
        showResults({ refusal: { code: error.code }, auditLang: job.auditLang, fileName: file.name, headerLine: job.headerLine, mapping: job.mapping });
        return;
      }
      if (error?.name === 'AbortError') {
        document.documentElement.dataset.audit = 'cancelled';
        showPickMessage(STRINGS[lang].cancelled);
        say('');
      } else {
        document.documentElement.dataset.audit = 'error';
        showPickMessage(STRINGS[lang].failed(error?.message ?? String(error)));
        console.warn(error);
      }
      fileInput.focus();
    }
  }

  function showResults(run) {
    results.show(run);
    override.render();
    $('results').hidden = false;
    document.documentElement.dataset.audit = 'done';
    // Focus moves to the results heading, read with the verdict (its description): no live announcement too.
    say('');
    $('results-title').focus({ preventScroll: true });
    // The verdict and the findings at the top of the screen, not just under its edge.
    $('results').scrollIntoView({ block: 'start' });
  }

  /** The option lists chosen as JSON, checked by the auditor itself; undefined when none. */
  async function readVocabulary() {
    const file = $('vocabulary').files?.[0];
    if (!file) return undefined;
    let vocabulary;
    try {
      vocabulary = JSON.parse(await file.text());
    } catch {
      throw new Error(lang === 'en' ? 'the file is not valid JSON' : 'JSON として読めません');
    }
    createAuditor({}, { vocabulary }).free(); // throws a plain message for a wrong shape
    return vocabulary;
  }

  function take(files) {
    const file = files?.[0];
    if (!file) {
      showPickMessage(STRINGS[lang].noFile);
      return;
    }
    if (NOT_CSV.test(file.name)) {
      showPickMessage(STRINGS[lang].notCsv(file.name));
      return;
    }
    override.newFile();
    start(file).then(() => {
      if (files.length > 1 && document.documentElement.dataset.audit === 'done') showPickMessage(STRINGS[lang].oneFile);
    });
  }

  // ----------------------------------------------------------- file picker and drop zone
  // Reset before the picker opens (click, or Enter/Space which click): picking the
  // same file again then still fires `change`.
  fileInput.addEventListener('click', () => {
    fileInput.value = '';
  });
  fileInput.addEventListener('change', () => {
    if (fileInput.files.length > 0) take(fileInput.files);
  });

  // Drops anywhere on the page are taken (a missed drop never makes the browser
  // open the file instead); the zone shows where to aim.
  const zone = $('dropzone');
  let depth = 0;
  const hasFiles = (event) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  document.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth += 1;
    zone.classList.add('dropzone--active');
  });
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove('dropzone--active');
  });
  document.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    zone.classList.remove('dropzone--active');
    take(event.dataTransfer.files);
  });

  $('cancel').addEventListener('click', () => current?.controller.abort());
  $('rerun').addEventListener('click', () => {
    if (lastFile) start(lastFile);
  });

  // ----------------------------------------------------------- results interactions
  // Every change of the list's criteria is announced politely with the count (never the text searched).
  const criteriaChanged = (change) => {
    results.setCriteria(change);
    $('table-live').textContent = results.announceFilter();
  };
  $('filter').addEventListener('change', () => criteriaChanged({ code: $('filter').value }));
  $('severity-filter').addEventListener('change', () => criteriaChanged({ severity: $('severity-filter').value }));
  $('sort').addEventListener('change', () => criteriaChanged({ sort: $('sort').value }));
  $('page-size').addEventListener('change', () => {
    results.setPageSize(Number($('page-size').value));
  });
  // The search runs as the user types, after a short pause (one pass over 100k rows per pause, not per key).
  let searchTimer = 0;
  const search = $('search');
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => criteriaChanged({ query: search.value }), 200);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    clearTimeout(searchTimer);
    criteriaChanged({ query: search.value });
  });
  $('list-reset').addEventListener('click', () => {
    clearTimeout(searchTimer);
    results.clearCriteria();
    $('table-live').textContent = results.announceFilter();
  });
  $('counts-body').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-filter]');
    if (!button) return;
    // The rule's records, all of them: an earlier search or severity would hide some or all
    // (the caption would say none); the order and page size are the user's and stay.
    clearTimeout(searchTimer);
    results.setCriteria({ code: button.dataset.filter, severity: '', query: '' });
    $('table-live').textContent = '';
    // The table region's name is its caption, which names the rule and the count.
    $('failing-region').focus();
  });
  for (const where of ['first', 'prev', 'next', 'last']) {
    $(`page-${where}`).addEventListener('click', () => {
      results.goTo(where);
      $('failing-region').focus();
    });
  }

  const download = (shape) => {
    const run = results.run;
    if (!run) return;
    // rows: the wide report's columns are only the rules that fired (read once before the header).
    const report = createReport({ columns: run.summary.columns, rules, codes, fields: catalogue, lang: run.auditLang, shape, rows: run.store.all() });
    const parts = [report.header()];
    for (const row of run.store.all()) parts.push(report.lines(row));
    const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = STRINGS[run.auditLang].downloadName(run.fileName.replace(/\.[^.]*$/, '') || 'hersys', shape);
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    // A blob: URL is same-origin and needs no connect-src; free it once the download has it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  // The summary alone on one A4 page (audit.css, @media print under html.print-summary):
  // the file, the verdict, the picture and the counts, not the list of records.
  $('print-summary').addEventListener('click', () => {
    document.documentElement.classList.add('print-summary');
    window.addEventListener('afterprint', () => document.documentElement.classList.remove('print-summary'), { once: true });
    window.print();
  });

  // The long report (one line per issue) is the default; the wide one is beside it.
  $('download').addEventListener('click', () => download('long'));
  $('download-wide').addEventListener('click', () => download('wide'));

  // ----------------------------------------------------------- language
  const setLang = (next) => {
    lang = next;
    applyStaticTexts(STRINGS[lang], lang);
    showPageErrors(params, lang);
    $('today-note').textContent = STRINGS[lang].today(today);
    renderPickTexts();
    results.setLang(lang);
    override.render();
    if (current) {
      $('run-file').textContent = STRINGS[lang].runFile(current.file.name, current.file.size);
      renderProgress(current);
    }
  };
  bindLangSwitch($('lang-switch'), lang, setLang);
  setLang(lang);

  fileInput.disabled = false;
  document.documentElement.dataset.ready = 'true';
}

main().catch((error) => {
  document.documentElement.dataset.ready = 'error';
  console.error(error);
});
