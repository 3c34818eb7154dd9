// Which kept failing records the list on audit.html shows, and in what order:
// by rule AND by severity AND by a search of the identifying columns (受付番号,
// HER-SYS ID…), sorted by line or by severity. Pure (no DOM), so Node tests it
// (tests/js/audit-list.test.mjs) on 100,000 rows as the page keeps them.
//
// Built once per audit from the store's compact rows: one byte per row for
// its severities, so a change of filter or sort is one pass over typed arrays
// (no objects per row); the search text of a row is normalised once, on the
// first search.

export const SEVERITIES = ['error', 'warning', 'info'];
const RANK = { error: 0, warning: 1, info: 2 };
/** The orders the list offers; 'severity' is errors first, then warnings, each by line. */
export const SORTS = ['line', 'line-desc', 'severity'];
export const PAGE_SIZES = [50, 100, 500, 1000];

/**
 * What a search compares: NFKC (full-width ＡＢ１ and half-width ｶﾅ fold to
 * their usual forms), lower case, no spaces, and every dash of any width as
 * one "-", so 「ａｂ－００１」 finds AB-001 but 2021-00001 does not find
 * 2021-0000101 (deleting hyphens would join the ID's parts). ー (the katakana
 * prolonged sound mark) is a letter and stays one, except after a letter or
 * digit of an ID (「2021ー00001」, the IME's "-" in kana mode).
 */
export function searchKey(text) {
  return String(text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s/gu, '')
    .replace(/[‐‑‒–—―−﹣]|(?<=[0-9a-z])ー/gu, '-');
}

/**
 * `source`: the store's rows, read through
 * `{ length, kinds: { code, severity }[], kindsOf(i): number[], idsOf(i): string[], lineOf(i): number }`.
 */
export function createListIndex(source) {
  const n = source.length;
  const { kinds } = source;
  /** bit 1 << RANK of each severity the row has */
  const mask = new Uint8Array(n);
  /** RANK of the row's worst severity */
  const worst = new Uint8Array(n);
  let inLineOrder = true;
  for (let i = 0; i < n; i++) {
    let m = 0;
    let w = 2;
    for (const k of source.kindsOf(i)) {
      const r = RANK[kinds[k].severity] ?? 2;
      m |= 1 << r;
      if (r < w) w = r;
    }
    mask[i] = m;
    worst[i] = w;
    if (i > 0 && source.lineOf(i) < source.lineOf(i - 1)) inLineOrder = false;
  }
  // Positions in ascending line order (the store keeps file order; checked, not assumed).
  let byLine = null;
  const lineOrder = () => {
    if (byLine) return byLine;
    byLine = Int32Array.from({ length: n }, (_, i) => i);
    if (!inLineOrder) byLine.sort((a, b) => source.lineOf(a) - source.lineOf(b));
    return byLine;
  };
  let haystacks = null;
  const haystack = (i) => {
    haystacks ??= new Array(n);
    return (haystacks[i] ??= source.idsOf(i).map(searchKey).join('\u0000'));
  };

  return {
    length: n,
    /** How many kept rows have at least one issue of `severity`. */
    countSeverity(severity) {
      const bit = 1 << RANK[severity];
      let count = 0;
      for (let i = 0; i < n; i++) if (mask[i] & bit) count++;
      return count;
    },
    /**
     * The positions (into the store) of the rows that pass every criterion,
     * in the order asked. `code`: a rule code ('' any); `severity`: 'error',
     * 'warning' or 'info' ('' any), the row has at least one issue of it;
     * `query`: text one identifying column contains (after searchKey);
     * `sort`: one of SORTS.
     */
    select({ code = '', severity = '', query = '', sort = 'line' } = {}) {
      let wanted = null;
      if (code) {
        wanted = new Uint8Array(kinds.length);
        kinds.forEach((kind, k) => {
          if (kind.code === code) wanted[k] = 1;
        });
      }
      const bit = severity ? 1 << (RANK[severity] ?? 7) : 0;
      const needle = searchKey(query);
      const order = lineOrder();
      const picked = new Int32Array(n);
      let count = 0;
      const descending = sort === 'line-desc';
      for (let j = 0; j < n; j++) {
        const i = order[descending ? n - 1 - j : j];
        if (bit && !(mask[i] & bit)) continue;
        if (wanted && !source.kindsOf(i).some((k) => wanted[k] === 1)) continue;
        if (needle && !haystack(i).includes(needle)) continue;
        picked[count++] = i;
      }
      const result = picked.subarray(0, count);
      if (sort !== 'severity') return result;
      // Errors first, then warnings, then notes; line order kept within each (a stable bucket pass).
      const sorted = new Int32Array(count);
      let at = 0;
      for (let r = 0; r <= 2; r++) {
        for (let j = 0; j < count; j++) if (worst[result[j]] === r) sorted[at++] = result[j];
      }
      return sorted;
    },
  };
}
