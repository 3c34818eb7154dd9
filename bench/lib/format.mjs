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

export function textTable(head, rows) {
  const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => String(r[c] ?? '').length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
