// The audit reports as CSV, UTF-8 with a BOM so that Excel opens them. Two
// shapes, both keeping the original line number, the record number and the
// identifying columns:
// - long (the default): one line per issue, to filter in Excel:
//   行番号, レコード番号, <identifying columns>, 項目, 重要度, コード, メッセージ, 修正候補;
// - wide: one line per record with an error or a warning:
//   行番号, レコード番号, <identifying columns>, 判定, then one column per rule
//   that fired: the codes at least one of the report's records has, so that
//   a file where 8 of 48 rules fired gives 8 columns, not 48.
// 修正候補 (fix) is the corrected value itself (a passport number, a date):
// patient data, like the identifying columns.

/** Excel reads UTF-8 only with this mark. */
export const BOM = '\ufeff';

/** The report shapes; the first is the default. */
export const REPORT_SHAPES = ['long', 'wide'];

const LABELS = {
  ja: {
    row: '行番号', index: 'レコード番号', verdict: '判定', field: '項目', severity: '重要度', code: 'コード',
    message: 'メッセージ', fix: '修正候補', wholeRow: '行全体', error: 'エラー', warning: '警告', info: '参考',
  },
  en: {
    row: 'line', index: 'record', verdict: 'verdict', field: 'field', severity: 'severity', code: 'code',
    message: 'message', fix: 'fix', wholeRow: 'whole row', error: 'error', warning: 'warning', info: 'note',
  },
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
 * The codes of `codes` that at least one of `rows` has, in the order of
 * `codes`: the wide report's columns. `rows` is any iterable of records
 * (`AuditRow`, or objects with `issues: [{ code }]`), read once.
 */
export function firedCodes(codes, rows) {
  const seen = new Set();
  for (const row of rows) for (const issue of row.issues) seen.add(issue.code);
  return codes.filter((code) => seen.has(code));
}

/**
 * Builds a report. `columns` is the audit summary's column list (for the
 * identifying headers), `rules` the output of `rules()`, `codes` those of
 * `reportCodes()` (wide), `fields` those of `fields()` (the long report's
 * field labels), `shape` 'long' (default) or 'wide'. `rows` (wide): the
 * records the report will hold, any iterable read once here; the columns are
 * then only the codes that fired in them (`firedCodes`), so the header can be
 * written first. Without `rows`, one column per code of `codes`.
 * `header()` once (with the BOM), then `lines(row)` per record with issues.
 */
export function createReport({ columns, rules = [], codes: allCodes = [], fields = [], lang = 'ja', shape = 'long', rows }) {
  if (!REPORT_SHAPES.includes(shape)) throw new TypeError(`the report shape must be 'long' or 'wide'`);
  const text = LABELS[lang] ?? LABELS.ja;
  const idHeaders = columns.filter((c) => c.identifying).map((c) => c.header);
  const summaryOf = new Map(rules.map((r) => [r.code, lang === 'en' ? r.en : r.ja]));
  const labelOf = new Map(fields.map((f) => [f.key, lang === 'en' ? f.en : f.ja]));
  const ids = (row) => idHeaders.map((_, i) => row.ids[i] ?? '');
  const codes = shape === 'wide' && rows ? firedCodes(allCodes, rows) : allCodes;

  const long = {
    header: () => BOM + csvLine([text.row, text.index, ...idHeaders, text.field, text.severity, text.code, text.message, text.fix]),
    lines(row) {
      const head = [row.row, row.index, ...ids(row)];
      return row.issues
        .map((issue) =>
          csvLine([
            ...head,
            issue.field ? (labelOf.get(issue.field) ?? issue.field) : text.wholeRow,
            text[issue.severity] ?? issue.severity,
            issue.code,
            issue.message,
            issue.fix ?? '',
          ]),
        )
        .join('');
    },
  };
  const wide = {
    header: () => BOM + csvLine([text.row, text.index, ...idHeaders, text.verdict, ...codes.map((c) => `${c} ${summaryOf.get(c) ?? ''}`)]),
    lines(row) {
      const byCode = new Map();
      for (const issue of row.issues) {
        byCode.set(issue.code, [...(byCode.get(issue.code) ?? []), issue.message]);
      }
      const verdict = row.issues.some((i) => i.severity === 'error') ? text.error : text.warning;
      return csvLine([row.row, row.index, ...ids(row), verdict, ...codes.map((c) => (byCode.get(c) ?? []).join(' / '))]);
    },
  };
  const report = shape === 'wide' ? wide : long;
  return { shape, codes: shape === 'wide' ? codes : undefined, header: report.header, lines: report.lines, line: report.lines };
}

/**
 * The checks of the notice a missing column stopped (`header.missing` in
 * `summary.fileFindings`), each with the fields it lacks, in the notice's
 * order: what a verdict leads with (the CLI's summary line, the audit page).
 */
export function uncheckedClauses(summary) {
  const clauses = new Map();
  for (const finding of summary.fileFindings ?? []) {
    if (finding.code !== 'header.missing' || !finding.field) continue;
    for (const clause of finding.checks ?? []) {
      if (!clauses.has(clause.ja)) clauses.set(clause.ja, { clause, fields: [] });
      clauses.get(clause.ja).fields.push(finding.field);
    }
  }
  return [...clauses.values()];
}
