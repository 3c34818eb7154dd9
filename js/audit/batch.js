// The audit's one batch format, from the auditor to every consumer.
//
// The module writes each batch once (`pushBatch` / `finishBatch` in
// src/binding/audit.rs): JSON text of the failing rows in which each distinct
// issue *shape* (code, field, related fields, severity, message: all but the
// fix) is written once, after the rows, and an issue is the index of its
// shape, or `[index, fix]` (a repeat, whose message names its earlier row, is
// written whole). Beside the text travels the count of rows read, failing or
// not: `{ rows, json }`, the *wire batch*. Workers post it as is (one string
// to clone); `readBatch` parses it once, wherever it arrives, into the
// *batch*, `{ rows, failing, shapes, refused? }`, which the pools shift in
// place and which `onBatch` consumers keep as it is (the audit page stores the
// shapes, not a copy per issue). `expandRows` turns it into what `onRows`
// and `push()` give: each issue its own object.

/** The wire batch `{ rows, json }` parsed: `{ rows, failing, shapes, refused? }`. */
export function readBatch(wire) {
  const batch = JSON.parse(wire.json);
  return { rows: wire.rows, failing: batch.failing, shapes: batch.shapes, ...(batch.refused ? { refused: batch.refused } : {}) };
}

/** An issue of a batch (a shape's index, `[index, fix]`, or written whole) as its own object. */
function issueOf(packed, shapes) {
  if (typeof packed === 'object' && !Array.isArray(packed)) return { ...packed, related: packed.related.slice() };
  const shape = shapes[typeof packed === 'number' ? packed : packed[0]];
  const issue = { ...shape, related: shape.related.slice() };
  if (Array.isArray(packed)) issue.fix = packed[1];
  return issue;
}

/**
 * The failing rows of a batch as `onRows` gets them: `{ row, index, ids,
 * issues }`, each issue its own object with the keys in the order of an
 * issue of `validate()` (then `fix`). The batch is left as it was.
 */
export function expandRows(batch) {
  const { shapes } = batch;
  return batch.failing.map((row) => ({ row: row.row, index: row.index, ids: row.ids, issues: row.issues.map((packed) => issueOf(packed, shapes)) }));
}

/**
 * Hands a batch with failing rows to the hooks: `onBatch(batch)` as it is,
 * `onRows(rows)` expanded. Returns a promise when either returned one (the
 * audit waits for it: back-pressure), else undefined.
 */
export function deliverBatch(batch, { onBatch, onRows }) {
  if (batch.failing.length === 0) return undefined;
  const pending = [onBatch?.(batch), onRows?.(expandRows(batch))].filter((result) => typeof result?.then === 'function');
  if (pending.length === 0) return undefined;
  return pending.length === 1 ? pending[0] : Promise.all(pending);
}
