// Number cells and plain-text tables for the printed report.
const MiB = 1024 * 1024;

export const us = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const ms = (x) => x.toFixed(1);
export const kb = (n) => `${(n / 1024).toFixed(1)}`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
/** The ratio cells ours/valibot, ours/zod, ours/ajv of a row. */
export const ratios = (get) => ['valibot', 'zod', 'ajv'].map((other) => ratio(get('ours'), get(other)));
export const fmtRate = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0));
export const fmtMiB = (n) => (n / MiB).toFixed(1);
export const sizeName = (rows) => (rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`);

/**
 * Columns padded to their widest cell: those of `left` (default: the first)
 * aligned left, the others right. A row of one cell under a wider head is a
 * heading, printed as "— text" and left out of the widths.
 */
export function textTable(head, rows, { left = [0] } = {}) {
  const isHeading = (r) => r.length === 1 && head.length > 1;
  const cells = [head, ...rows.filter((r) => !isHeading(r))];
  const widths = head.map((_, c) => Math.max(...cells.map((r) => String(r[c] ?? '').length)));
  const line = (r) => r.map((cell, c) => (left.includes(c) ? String(cell ?? '').padEnd(widths[c]) : String(cell ?? '').padStart(widths[c]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => (isHeading(r) ? `— ${r[0]}` : line(r)))].join('\n');
}
