//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// The module's answer (the output words of src/wire.rs) turned into issue
// objects, with each distinct message rendered once by the module and kept.
//
// Issues are object literals and array literals: plain objects whose
// properties are defined, never assigned through the prototype chain.

const { apply } = Reflect;
const { fromCharCode } = String;

// A cached message names at most this many related fields (more: rendered
// each time), packed into its key with `<<`, a 32-bit shift.
// tests/js/wire-limits.test.mjs holds the module's catalogue to it.
export const KEYED_RELATED = 3;

/**
 * `issues(at, lang, fixes)`: the issues of the answer at word `at` of
 * `memory.u32`, in order; each fix is also stored at its field's index of
 * `fixes` unless it is null. Messages depend only on (code, field, related,
 * detail, lang): each is rendered once (`wireMessage`) and kept.
 */
export function createAnswerReader(glue, loader, layout, memory) {
  const { fields: FIELDS, fieldCount: FIELD_COUNT, noFix: NO_FIX, countBits: COUNT_BITS } = layout;
  const CODES = layout.catalogue.codes.map(([code, isError, severity]) => ({ code, isError, severity }));
  const COUNT_MASK = 2 ** COUNT_BITS - 1;
  const DETAILS = 2 ** layout.detailBits;
  const FIELD_BITS = 32 - Math.clz32(FIELD_COUNT - 1);
  const RELATED_KEYS = 2 ** (FIELD_BITS * KEYED_RELATED);
  const messages = new Map();

  // The answer being read: set by issues(), read by issue() (no closure per call).
  let u16 = null;
  let u32 = null;
  let answerAt = 0;
  let cursor = 0;
  let text = 0;
  let lang = 0;
  let fixes = null;

  // `detail`: what a message needs beyond its code and fields (the passport
  // window, its counting, which of the code's two messages), as the module
  // packs it; the module reads the related fields from its answer, word `at`.
  function render(code, field, at, count, detail) {
    try {
      return glue.wireMessage(code, field, at, count, detail, lang);
    } catch (error) {
      loader.abandon();
      throw error;
    }
  }

  function message(code, field, packed, at, count, detail) {
    if (count > KEYED_RELATED) return render(code, field, at, count, detail);
    const key = ((((code * FIELD_COUNT + field) * 2 + lang) * DETAILS + detail) * (KEYED_RELATED + 1) + count) * RELATED_KEYS + packed;
    let found = messages.get(key);
    if (found === undefined) {
      found = render(code, field, at, count, detail);
      if (messages.size >= 4096) messages.clear();
      messages.set(key, found);
    }
    return found;
  }

  function relatedKey() {
    return FIELDS[u32[cursor++]];
  }

  function issue() {
    const code = u32[cursor];
    const field = u32[cursor + 1];
    const fixAt = u32[cursor + 2];
    const fixLength = u32[cursor + 3];
    const count = u32[cursor + 4] & COUNT_MASK;
    const detail = u32[cursor + 4] >>> COUNT_BITS;
    cursor += 5;
    const at = cursor - answerAt;
    let packed = 0;
    for (let r = 0; r < count && r < KEYED_RELATED; r++) packed |= u32[cursor + r] << (FIELD_BITS * r);
    let related;
    switch (count) {
      case 0:
        related = [];
        break;
      case 1:
        related = [relatedKey()];
        break;
      case 2:
        related = [relatedKey(), relatedKey()];
        break;
      default:
        related = Array.from({ length: count }, relatedKey);
    }
    const info = CODES[code];
    const text_ = message(code, field, packed, at, count, detail);
    if (fixAt === NO_FIX) {
      return { code: info.code, field: FIELDS[field], related, severity: info.severity, message: text_ };
    }
    const start = text + fixAt;
    const fix = apply(fromCharCode, null, u16.subarray(start, start + fixLength));
    if (fixes !== null) fixes[field] = fix;
    return { code: info.code, field: FIELDS[field], related, severity: info.severity, message: text_, fix };
  }

  /** Array literals up to 8 issues (see the header comment). */
  function list(n) {
    switch (n) {
      case 0:
        return [];
      case 1:
        return [issue()];
      case 2:
        return [issue(), issue()];
      case 3:
        return [issue(), issue(), issue()];
      case 4:
        return [issue(), issue(), issue(), issue()];
      case 5:
        return [issue(), issue(), issue(), issue(), issue()];
      case 6:
        return [issue(), issue(), issue(), issue(), issue(), issue()];
      case 7:
        return [issue(), issue(), issue(), issue(), issue(), issue(), issue()];
      case 8:
        return [issue(), issue(), issue(), issue(), issue(), issue(), issue(), issue()];
      default:
        return Array.from({ length: n }, issue);
    }
  }

  function issues(at, lang_, fixes_) {
    u16 = memory.u16;
    u32 = memory.u32;
    text = u32[at + 3] >>> 1;
    answerAt = at;
    cursor = at + 5;
    lang = lang_;
    fixes = fixes_;
    const found = list(u32[at + 2]);
    fixes = null;
    return found;
  }

  return issues;
}
