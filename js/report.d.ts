// Type declarations for hersys-validator/report.
import type { AuditColumn, AuditRow } from './audit.js';
import type { Code, RuleInfo } from './index.js';

/** The byte-order mark Excel needs to read UTF-8. */
export const BOM: string;
/** One CSV field, quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvCell(value: unknown): string;
/** One CSV line with CR LF. */
export function csvLine(cells: unknown[]): string;
/** The audit report: `header()` (with the BOM) once, then `line(row)` per record with an error or a warning. */
export function createReport(options: {
  columns: AuditColumn[];
  rules: RuleInfo[];
  codes: Code[];
  lang?: 'ja' | 'en';
}): { header(): string; line(row: AuditRow): string };
