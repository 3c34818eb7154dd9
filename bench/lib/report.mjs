// The text bench/run.mjs prints, as a function of the results alone: the
// same run prints the same text from bench/results.json (the README's
// Performance section is made of it, lib/readme.mjs). Rendering only: no
// browser, no build, no file.
import { SECTIONS } from '../sections/index.mjs';
import { textTable } from './format.mjs';
import { IMPLS, LABEL } from './implementations.mjs';
import { formatValue, targets, verdict } from './targets.mjs';

/** The machine, its load, the versions and, when recorded, the command. */
function header(results) {
  const m = results.machine;
  if (!m) return 'hersys-validator benchmark (no machine recorded)';
  const pc = results.perChange;
  return [
    `hersys-validator benchmark — ${m.date}`,
    `${m.cpu} (${m.cores} cores, load ${m.loadAverage1m.before.toFixed(2)} → ${m.loadAverage1m.after.toFixed(2)}), ${m.platform}; Node ${m.node}; Chromium ${m.chromium}; valibot ${m.valibot}, zod ${m.zod}, ajv ${m.ajv}`,
    ...(results.run ? [`${results.run.command}${results.run.full ? '' : ' (a partial run)'}`] : []),
    ...(pc ? [`crossOriginIsolated: ${pc.crossOriginIsolated}, timer resolution ${pc.timerResolutionUs.toFixed(1)} µs`] : []),
  ].join('\n');
}

/** The table of the sections with one column per implementation (load, perChange), with its footnotes. */
function implementationsTable(results) {
  const rows = Object.entries(SECTIONS).flatMap(([name, section]) => (results[name] && section.rows ? section.rows(results[name]) : []));
  if (rows.length === 0) return '';
  const head = ['', ...IMPLS.map((i) => LABEL[i]), 'ours/valibot', 'ours/zod', 'ours/ajv'];
  return [
    `\n${textTable(head, rows)}`,
    '\n* ajv: only the codes JSON Schema can express (21 of 39: no calendar, no date arithmetic, no 28-day window, no caller lists); see bench/js-rules/ajv-schema.js.',
    '  ours returns more per call: messages (ja), fixes and the normalized record; the JS versions return { code, field, related }.',
  ].join('\n');
}

/** Every target with its value(s) and PASS, MISS or — (not measured, and why). */
export function targetsTable(rows) {
  const cells = rows.map((t) =>
    t.pass === null
      ? [t.id, `${t.target} — not measured: ${t.notMeasured}`, '—', '—', verdict(t)]
      : [t.id, t.target, formatValue(t.unit, t.value), t.p99 === undefined ? '—' : t.judgeP99 ? formatValue(t.unit, t.p99) : `(${formatValue(t.unit, t.p99)})`, verdict(t)],
  );
  return [
    'TARGETS (issue 13, and issue 6 for reference; value: the median of the run, for the batch the ratio of the median times, for sizes as built; a p99 in parentheses is shown, not judged)',
    textTable(['', 'target', 'value', 'p99', 'PASS/MISS'], cells, { left: [0, 1] }),
  ].join('\n');
}

/** The whole printed report of one run. */
export function report(results) {
  const sections = Object.entries(SECTIONS).map(([name, section]) => (results[name] && section.report ? section.report(results[name]) : ''));
  return [header(results), implementationsTable(results), ...sections.filter(Boolean), `\n${targetsTable(targets(results))}`].filter(Boolean).join('\n');
}
