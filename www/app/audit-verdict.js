// The first message of the results on audit.html, and the findings about the
// whole file under it. What could not be checked leads (a missing column stops
// a check of the notice: docs/rules.md §7), then the records; a file with no
// header line found says so and what to do, never "0 records".
import { el } from './dom.js';
import { severityIcon } from './icons.js';
import { uncheckedClauses } from '../lib/report.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

/** The fields the file has no column for and the clauses they stop, in the notice's order. */
function missingChecks(summary) {
  const unchecked = uncheckedClauses(summary);
  return { fields: [...new Set(unchecked.flatMap((u) => u.fields))], clauses: unchecked.map((u) => u.clause) };
}

/**
 * Fills the verdict paragraph; returns its state (ok, warning, error, empty,
 * refused). `run`: { summary?, refusal?, headerLine? (the line the user named) }.
 */
export function renderVerdict(node, run, { t, lang, fieldLabel, okIcon }) {
  const { summary, refusal } = run;
  const sentence = (state, icon, lead, rest) => {
    node.replaceChildren(icon, el('span', { class: 'verdict__text' }, lead ? el('strong', { class: 'verdict__lead', text: lead }) : null, lead && rest ? ' ' : null, rest ? el('span', { text: rest }) : null));
    return state;
  };
  const errorIcon = () => severityIcon('error', 'icon verdict__icon');
  if (refusal) return sentence('refused', errorIcon(), t.verdictNoHeader, t.verdictNoHeaderHow);
  if (run.headerLine && summary.columns.length === 0) return sentence('error', errorIcon(), t.verdictHeaderLineEmpty(run.headerLine), '');
  if (summary.rows === 0) {
    node.replaceChildren(t.verdictEmpty);
    return 'empty';
  }
  const { fields, clauses } = missingChecks(summary);
  const separator = lang === 'ja' ? '、' : ', ';
  const lead = fields.length ? t.verdictMissing(fields.map(fieldLabel).join(separator), clauses.map((c) => c[lang]), fields.length) : '';
  if (summary.rowsWithErrors > 0) return sentence('error', errorIcon(), lead, t.verdictErrors(summary.rowsWithErrors));
  if (summary.rowsWithWarnings > 0) return sentence('warning', severityIcon('warning', 'icon verdict__icon'), lead, t.verdictWarnings(summary.rowsWithWarnings));
  if (lead) return sentence('warning', severityIcon('warning', 'icon verdict__icon'), lead, t.verdictRestOk(summary.rows));
  return sentence('ok', okIcon(), '', t.verdictOk);
}

/**
 * The findings about the whole file, each once, warnings first. A finding
 * that a choice on the page can settle gets a button to that control
 * (`data-focus`: the id the page focuses); `mappable` is the mapping form's
 * columns (index → header). Messages are the audit's, in its
 * language; they name headers and lines, never a cell value.
 */
export function renderFileFindings(list, run, { t, auditLang, mappable, fieldLabel }) {
  const findings = (run.summary?.fileFindings ?? [])
    .map((f, i) => ({ ...f, i }))
    .sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || a.i - b.i);
  list.hidden = findings.length === 0;
  list.replaceChildren(
    ...findings.map((finding) => {
      const target = actionFor(finding, mappable, fieldLabel);
      return el(
        'li',
        { class: `finding finding--${finding.severity}`, 'data-code': finding.code, ...(finding.column !== undefined ? { 'data-column': finding.column } : {}) },
        severityIcon(finding.severity, 'icon finding__icon'),
        el(
          'span',
          { class: 'finding__text' },
          el('span', { class: 'finding__sev', text: `${t.severity[finding.severity]}${t.colon}` }),
          el('span', { class: 'finding__message', lang: auditLang, text: finding.message }),
          target
            ? el('button', { type: 'button', class: 'link-button finding__action', 'data-focus': target.id }, t.findingAction[target.kind], target.context ? el('span', { class: 'visually-hidden', text: t.findingActionFor(target.context) }) : null)
            : null,
        ),
      );
    }),
  );
}

/** The control that settles a finding, if the page has one. */
function actionFor(finding, mappable, fieldLabel) {
  if (finding.code === 'header.skipped') return { id: 'header-line', kind: 'line' };
  if (finding.code === 'header.unrecognised' && mappable.has(finding.column)) {
    return { id: `map-${finding.column}`, kind: 'map', context: mappable.get(finding.column) };
  }
  if (finding.code === 'header.missing' && mappable.size > 0) {
    // The first column that can be mapped: the list starts there.
    return { id: `map-${mappable.keys().next().value}`, kind: 'missing', context: fieldLabel(finding.field) };
  }
  return null;
}
