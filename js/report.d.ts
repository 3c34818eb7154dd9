// Type declarations for hersys-validator/report.
import type { AuditColumn, AuditRow, AuditSummary } from './audit.js';
import type { Code, FieldInfo, FieldKey, RuleInfo } from './index.js';

/** The byte-order mark Excel needs to read UTF-8. */
export const BOM: string;
/** The report shapes; `'long'` (one line per issue) is the default. */
export const REPORT_SHAPES: ['long', 'wide'];
export type ReportShape = 'long' | 'wide';
/** One CSV field, quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvCell(value: unknown): string;
/** One CSV line with CR LF. */
export function csvLine(cells: unknown[]): string;
/** The codes of `codes` that at least one of `rows` has, in the order of `codes`: the wide report's columns. */
export function firedCodes(codes: Code[], rows: Iterable<{ issues: { code: Code }[] }>): Code[];
/**
 * An audit report, UTF-8 CSV with a BOM: `header()` once, then `lines(row)` per record with an
 * error or a warning.
 * - `long` (default): one line per issue: 行番号, レコード番号, the identifying columns, 項目, 重要度,
 *   コード, メッセージ, 修正候補 (the fix: the corrected value itself, patient data);
 * - `wide`: one line per record: 行番号, レコード番号, the identifying columns, 判定, one column per code
 *   of `codes`; with `rows`, only those that fired: the codes at least one of the records has, in the
 *   order of `codes` (the CLI and the audit page pass their records, so a file where 8 rules fired
 *   gets 8 columns, not one per rule).
 */
export function createReport(options: {
  columns: AuditColumn[];
  /** `rules()`: the wide report's column titles. */
  rules?: RuleInfo[];
  /** `reportCodes()`: the wide report's columns (those that fired, when `rows` is given). */
  codes?: Code[];
  /** Wide: the records the report will hold (any iterable, read once, here), so that the columns are only the codes that fired. */
  rows?: Iterable<Pick<AuditRow, 'issues'>>;
  /** `fields()`: the long report's field labels. */
  fields?: FieldInfo[];
  lang?: 'ja' | 'en';
  shape?: ReportShape;
}): {
  shape: ReportShape;
  /** Wide: the codes that are its columns, in order; undefined for `long`. */
  codes: Code[] | undefined;
  header(): string;
  lines(row: AuditRow): string;
  /** The same as `lines` (the name of earlier versions). */
  line(row: AuditRow): string;
};

/** The checks of the notice a missing column stopped (`header.missing`), each with the fields it lacks, in the notice's order. */
export function uncheckedClauses(summary: Pick<AuditSummary, 'fileFindings'>): { clause: { ja: string; en: string }; fields: FieldKey[] }[];
