// The audit report as CSV: UTF-8 with a BOM so that Excel opens it, one line
// per record with an error or a warning, keeping the original row number and
// the identifying columns, and one column per rule.

/** Excel reads UTF-8 only with this mark. */
export const BOM = '\ufeff';

const LABELS = {
  ja: { row: '行番号', index: 'レコード番号', verdict: '判定', error: 'エラー', warning: '警告' },
  en: { row: 'line', index: 'record', verdict: 'verdict', error: 'error', warning: 'warning' },
};

/** One CSV field, quoted when needed; a leading = + - @ is defused so that a spreadsheet never runs it as a formula. */
export function csvCell(value) {
  let text = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells) {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * Builds report lines. `columns` is the audit summary's column list (for the
 * identifying headers), `rules` the output of `rules()`, `codes` those of
 * `reportCodes()`.
 */
export function createReport({ columns, rules, codes, lang = 'ja' }) {
  const text = LABELS[lang] ?? LABELS.ja;
  const idHeaders = columns.filter((c) => c.identifying).map((c) => c.header);
  const summaryOf = new Map(rules.map((r) => [r.code, lang === 'en' ? r.en : r.ja]));
  return {
    header() {
      return BOM + csvLine([text.row, text.index, ...idHeaders, text.verdict, ...codes.map((c) => `${c} ${summaryOf.get(c) ?? ''}`)]);
    },
    line(row) {
      const byCode = new Map();
      for (const issue of row.issues) {
        byCode.set(issue.code, [...(byCode.get(issue.code) ?? []), issue.message]);
      }
      const verdict = row.issues.some((i) => i.severity === 'error') ? text.error : text.warning;
      const ids = idHeaders.map((_, i) => row.ids[i] ?? '');
      return csvLine([row.row, row.index, ...ids, verdict, ...codes.map((c) => (byCode.get(c) ?? []).join(' / '))]);
    },
  };
}
