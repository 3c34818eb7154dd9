// The failing rows of one audit, kept compactly in the page: at most `limit`
// of them, each issue stored as a small integer into a table of distinct
// (code, field, severity, message) kinds. Messages depend only on the code
// and the fields, so a million-row file has a few hundred kinds, not a
// million copies of the same sentences. The audit's batches already write
// each distinct issue shape once (js/audit/batch.js): a batch's shapes are
// looked up here once each, and its issues, references to them, become kinds
// without an object per issue. The `fix` values (the corrected value
// itself, patient data) are kept only for the rows that have one, for the
// long report; the table never shows them.

/** Failing rows kept in memory by default; the counts stay exact beyond it. */
export const KEEP_LIMIT = 100_000;

/**
 * @param {number} limit how many failing rows to keep
 */
export function createStore(limit = KEEP_LIMIT) {
  /** @type {{ code: string, field?: string, severity: string, message: string }[]} */
  const kinds = [];
  const kindOf = new Map();
  /** @type {{ row: number, index: number, ids: string[], kinds: number[], fixes?: (string | undefined)[] }[]} */
  const rows = [];
  /** failing rows seen, kept or not */
  let found = 0;
  /** failing rows seen per code (rows, not issues), kept or not */
  const rowsPerCode = new Map();

  function kindIndex(issue) {
    const key = `${issue.code}\u0001${issue.field ?? ''}\u0001${issue.severity}\u0001${issue.message}`;
    let k = kindOf.get(key);
    if (k === undefined) {
      k = kinds.length;
      kinds.push({ code: issue.code, field: issue.field, severity: issue.severity, message: issue.message });
      kindOf.set(key, k);
    }
    return k;
  }

  return {
    limit,
    /**
     * Adds a batch of the audit (`onBatch`, js/audit/batch.js): its failing
     * rows, each issue a shape's index, `[index, fix]`, or written whole.
     */
    addBatch(batch) {
      const { shapes } = batch;
      const shapeKinds = new Array(shapes.length); // this batch's shape → kind, looked up once
      const kindOf = (packed) => {
        if (typeof packed === 'object' && !Array.isArray(packed)) return kindIndex(packed); // written whole
        const shape = typeof packed === 'number' ? packed : packed[0];
        return (shapeKinds[shape] ??= kindIndex(shapes[shape]));
      };
      const fixOf = (packed) => (Array.isArray(packed) ? packed[1] : packed?.fix);
      const codes = new Set();
      for (const row of batch.failing) {
        found += 1;
        const rowKinds = row.issues.map(kindOf);
        codes.clear();
        for (const k of rowKinds) codes.add(kinds[k].code);
        for (const code of codes) rowsPerCode.set(code, (rowsPerCode.get(code) ?? 0) + 1);
        if (rows.length >= limit) continue;
        const kept = { row: row.row, index: row.index, ids: row.ids, kinds: rowKinds };
        if (row.issues.some((packed) => fixOf(packed) !== undefined)) kept.fixes = row.issues.map(fixOf);
        rows.push(kept);
      }
    },
    get found() {
      return found;
    },
    get kept() {
      return rows.length;
    },
    get truncated() {
      return found > rows.length;
    },
    /** Failing rows carrying `code` (all of them, kept or not). */
    rowsWith(code) {
      return rowsPerCode.get(code) ?? 0;
    },
    /** The kept row at `i`, with its issues as objects (the shape `createReport().lines` takes). */
    get(i) {
      const r = rows[i];
      const issues = r.kinds.map((k, j) => (r.fixes?.[j] === undefined ? kinds[k] : { ...kinds[k], fix: r.fixes[j] }));
      return { row: r.row, index: r.index, ids: r.ids, issues };
    },
    /** The kept rows as app/audit-list.js reads them: no object per row. */
    listSource() {
      return {
        length: rows.length,
        kinds,
        kindsOf: (i) => rows[i].kinds,
        idsOf: (i) => rows[i].ids,
        lineOf: (i) => rows[i].row,
      };
    },
    /** Every kept row, in file order, as report rows. */
    *all() {
      for (let i = 0; i < rows.length; i++) yield this.get(i);
    },
  };
}
