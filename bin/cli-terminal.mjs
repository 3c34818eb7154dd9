// What the command line prints when its stdout is a terminal and no
// --format or --report asked for the machine report: a summary a person
// reads (the file, its encoding, records and verdict, the counts per rule,
// the first findings, and the command that writes the full report), instead
// of raw CSV. It keeps counters and the first findings only, so its memory
// does not grow with the file. Like the reports it never shows a cell's
// value: messages never hold one, and the ID cells (受付番号, …) are those
// the CSV report already copies. Also the progress line of stderr.
import { visible } from './cli-writers.mjs';

/** How many findings the summary lists before pointing to the full report. */
export const FIRST_FINDINGS = 20;

// East Asian Wide and Fullwidth ranges (UAX #11), the ones a HER-SYS file or
// a message can hold: they take two columns of a terminal.
const WIDE = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4], [0x17000, 0x18cff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f2ff], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb], [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];
// Combining marks, zero-width characters and variation selectors: no column.
const ZERO = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u20d0-\u20ff\u3099\u309a\ufe00-\ufe0f\ufe20-\ufe2f\u{e0100}-\u{e01ef}]/u;

function isWide(cp) {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE[mid][0]) hi = mid - 1;
    else if (cp > WIDE[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The columns `text` takes in a terminal: 2 for each East Asian Wide or Fullwidth character, 0 for a combining one. */
export function displayWidth(text) {
  let width = 0;
  for (const char of text) {
    if (ZERO.test(char)) continue;
    width += isWide(char.codePointAt(0)) ? 2 : 1;
  }
  return width;
}

/** `text` cut to at most `max` columns, with … when cut. */
export function fit(text, max) {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const char of text) {
    const w = displayWidth(char);
    if (width + w > max - 1) break;
    out += char;
    width += w;
  }
  return `${out}…`;
}

/** `text` padded with spaces to `width` columns (on the left when `right`). */
function pad(text, width, right = false) {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/**
 * Rows of cells as aligned lines: each column as wide as its widest cell, two
 * spaces between; the last column is not padded (it may wrap in the terminal).
 * `paint(cell, row, column)` may wrap a cell in colour after it is padded.
 */
export function table(rows, { right = [], paint = (text) => text } = {}) {
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row, r) =>
    row
      .map((cell, i) => paint(i === row.length - 1 && !right.includes(i) ? cell : pad(cell, widths[i], right.includes(i)), r, i))
      .join('  ')
      .trimEnd(),
  );
}

/** Whether `out` shows colour: a terminal that has colours, and NO_COLOR unset or empty (https://no-color.org). */
export function wantsColour(out, env = process.env) {
  if (env.NO_COLOR) return false;
  return Boolean(out.isTTY && out.hasColors?.());
}

const SGR = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], cyan: [36, 39], green: [32, 39] };

const TEXTS = {
  ja: {
    file: 'ファイル', encoding: '文字コード', records: 'レコード', verdict: '判定', none: '空',
    count: (n) => `${n.toLocaleString('en-US')} 件`,
    clean: '問題なし（エラー・警告のあるレコードはありません）',
    unchecked: '確認できなかった項目あり（エラー・警告のあるレコードはありません）',
    issues: (e, w) => `要確認：エラーあり ${e.toLocaleString('en-US')} 件、警告あり ${w.toLocaleString('en-US')} 件`,
    notes: '注意：',
    perRule: 'ルールごとの件数',
    ruleHead: ['コード', '重要度', 'レコード', '件数', 'ルール'],
    first: (shown, total) => (shown < total ? `最初の ${shown} 件の指摘（全 ${total.toLocaleString('en-US')} 件）` : `指摘（${total.toLocaleString('en-US')} 件）`),
    findingHead: ['行', '項目', '重要度', 'メッセージ'],
    wholeRow: '行全体',
    severity: { error: 'エラー', warning: '警告', info: '参考' },
    full: '全件のレポート（CSV）：',
  },
  en: {
    file: 'file', encoding: 'encoding', records: 'records', verdict: 'verdict', none: 'empty',
    count: (n) => n.toLocaleString('en-US'),
    clean: 'clean: no record has an error or a warning',
    unchecked: 'not all checked: no record has an error or a warning, but some checks of the notice could not run',
    issues: (e, w) => `issues: ${e.toLocaleString('en-US')} records with errors, ${w.toLocaleString('en-US')} with warnings`,
    notes: 'note: ',
    perRule: 'Counts per rule',
    ruleHead: ['code', 'severity', 'records', 'issues', 'rule'],
    first: (shown, total) => (shown < total ? `First ${shown} of ${total.toLocaleString('en-US')} findings` : `Findings (${total.toLocaleString('en-US')})`),
    findingHead: ['line', 'field', 'severity', 'message'],
    wholeRow: 'whole row',
    severity: { error: 'error', warning: 'warning', info: 'note' },
    full: 'The full report (CSV):',
  },
};

/** One argument as the shell reads it back: quoted unless it is plain. */
export function shellWord(arg) {
  const text = visible(arg);
  return /^[\w./:=,@%+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * The summary writer: the same `{ rows(batch, columns), end(summary), close() }`
 * as `createWriter`, printing at `end` only.
 * @param out a Writable (process.stdout)
 * @param options `{ lang, rules, fields, file, command, notes(summary) → { lines, lead }, colour, limit }`:
 *   `command` the words that rerun this audit (shell-quoted), `notes` the lines
 *   stderr would have said before the counts (skipped header lines, aliases,
 *   lookalike columns) and the lead of the verdict (the checks of the notice
 *   a missing column stopped), `colour` whether to use SGR colours.
 */
export function createSummaryWriter(out, { lang, rules, fields, file, command, notes, colour, limit = FIRST_FINDINGS }) {
  const text = TEXTS[lang] ?? TEXTS.ja;
  const en = lang === 'en';
  const ruleOf = new Map(rules.map((r) => [r.code, r]));
  const labelOf = new Map(fields.map((f) => [f.key, en ? f.en : f.ja]));
  const first = [];
  let idHeaders = null;
  let issues = 0;
  let closed = false;

  const paint = (style, textIn) => {
    if (!colour || !textIn) return textIn;
    const [on, off] = SGR[style];
    return `\x1b[${on}m${textIn}\x1b[${off}m`;
  };
  const severityStyle = { error: 'red', warning: 'yellow', info: 'cyan' };

  const rows = (batch, columns) => {
    idHeaders ??= columns.filter((c) => c.identifying).map((c) => visible(c.header));
    for (const row of batch) {
      for (const issue of row.issues) {
        issues++;
        if (first.length < limit) {
          first.push({ row: row.row, ids: row.ids.map((id) => fit(visible(id ?? ''), 24)), field: issue.field, severity: issue.severity, message: visible(issue.message) });
        }
      }
    }
    return Promise.resolve();
  };

  const render = (summary) => {
    const lines = [];
    const heading = (title) => lines.push('', paint('bold', title));
    const { lines: noteLines, lead } = notes(summary);
    const failing = summary.rowsWithErrors > 0 || summary.rowsWithWarnings > 0;
    // A file that lacks a column the notice's checks need is never "clean" (the notes say which).
    const verdict = failing ? text.issues(summary.rowsWithErrors, summary.rowsWithWarnings) : lead ? text.unchecked : text.clean;
    const verdictStyle = summary.rowsWithErrors > 0 ? 'red' : failing || lead ? 'yellow' : 'green';
    const facts = table([
      [text.file, visible(file)],
      [text.encoding, summary.encoding ?? text.none],
      [text.records, text.count(summary.rows)],
      [text.verdict, verdict],
    ]).map((line, i) => `  ${i === 3 ? line.replace(verdict, paint(verdictStyle, verdict)) : line}`);
    lines.push(paint('bold', 'hersys-validator'), ...facts);
    for (const note of [...(lead ? [lead] : []), ...noteLines]) lines.push(`  ${paint('yellow', text.notes)}${visible(note)}`);

    // Every code counted, but the file's own findings (already notes above), in the rules' order.
    const counted = rules.filter((r) => (summary.counts?.[r.code] ?? 0) > 0 && !/^(header|file)\./.test(r.code));
    if (counted.length > 0) {
      heading(text.perRule);
      const body = counted.map((r) => [
        r.code,
        text.severity[r.severity] ?? r.severity,
        // Records per code from the summary: exact for notes too (records with notes only are not reported).
        (summary.affected?.[r.code] ?? 0).toLocaleString('en-US'),
        summary.counts[r.code].toLocaleString('en-US'),
        en ? r.en : r.ja,
      ]);
      const styled = table([text.ruleHead, ...body], {
        right: [2, 3],
        paint: (cell, r, c) => (r === 0 ? paint('dim', cell) : c === 1 ? paint(severityStyle[counted[r - 1].severity], cell) : cell),
      });
      lines.push(...styled.map((line) => `  ${line}`));
    }

    if (first.length > 0) {
      heading(text.first(first.length, issues));
      const [lineHead, ...rest] = text.findingHead;
      const head = [lineHead, ...(idHeaders ?? []), ...rest];
      const body = first.map((f) => [
        String(f.row),
        ...(idHeaders ?? []).map((_, i) => f.ids[i] ?? ''),
        f.field ? (labelOf.get(f.field) ?? f.field) : text.wholeRow,
        text.severity[f.severity] ?? f.severity,
        f.message,
      ]);
      const severityColumn = head.length - 2;
      const styled = table([head, ...body], {
        right: [0],
        paint: (cell, r, c) => (r === 0 ? paint('dim', cell) : c === severityColumn ? paint(severityStyle[first[r - 1].severity], cell) : cell),
      });
      lines.push(...styled.map((line) => `  ${line}`));
      lines.push('', `${text.full} ${paint('bold', `${command} --format csv > report.csv`)}`);
    }
    return `${lines.join('\n')}\n`;
  };

  return {
    rows,
    end: async (summary) => {
      if (closed) return;
      const textOut = render(summary);
      if (!out.write(textOut)) await new Promise((resolve) => out.once('drain', resolve));
    },
    close() {
      closed = true;
    },
  };
}

/** Files smaller than this get no progress line: they are read in a moment. */
export const PROGRESS_MIN_BYTES = 1 << 20;

/**
 * The progress line on stderr (a terminal): bytes read of the total, the share
 * and the records, redrawn in place with \r at most 10 times a second, for a
 * file of at least PROGRESS_MIN_BYTES (or a pipe, whose size is unknown), and
 * only once the audit has run for `after` ms, so a small file never flashes
 * it. `done()` clears it (when it was drawn).
 */
export function createProgress(err, total, { lang = 'ja', after = 500, now = Date.now } = {}) {
  const started = now();
  let last = 0;
  let drawn = false;
  // The threads report out of order: show the furthest point reached.
  let most = { rows: 0, bytes: 0 };
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  const rowsWord = lang === 'en' ? 'records' : '件';
  return {
    update(progress) {
      most = { rows: Math.max(most.rows, progress.rows), bytes: Math.max(most.bytes, progress.bytes) };
      const { rows, bytes } = most;
      const t = now();
      if ((total && total < PROGRESS_MIN_BYTES) || t - started < after || t - last < 100) return;
      last = t;
      drawn = true;
      const count = rows.toLocaleString('en-US');
      if (!total) {
        err.write(`\r\x1b[K${mb(bytes)} MB  ${count} ${rowsWord}`); // a pipe: its size is unknown
        return;
      }
      const share = Math.min(1, bytes / total);
      const filled = Math.round(share * 20);
      err.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${mb(bytes)} / ${mb(total)} MB  ${count} ${rowsWord}`);
    },
    done() {
      if (drawn) err.write('\r\x1b[K');
      drawn = false;
    },
  };
}
