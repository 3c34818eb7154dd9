//# allFunctionsCalledOnLoad
// (A V8 compile hint for the cold start: see js/wire.js.)
// The catalogue a module ships (src/catalogue.rs, `wireCatalogue`), and
// what the wire derives from it once: the fields and lists in their order,
// the caps, and the encoding's constants (src/wire.rs), read from the
// catalogue's `wire` object rather than copied here.

const { keys: ownKeys, create } = Object;

/** The catalogue's JSON text, read from the module once, inside begin() / end(). */
export function readCatalogue(glue, loader) {
  const token = loader.begin();
  let json;
  try {
    json = glue.wireCatalogue();
  } catch (error) {
    loader.abandon();
    throw error;
  }
  loader.end(token);
  return json;
}

/** What the wire's pieces read from a parsed catalogue; built once per module. */
export function layoutOf(catalogue) {
  const { wire, limits } = catalogue;
  const fields = catalogue.fields.map((field) => field.key);
  const lists = ownKeys(catalogue.vocabulary);
  const fieldIndex = create(null);
  const listIndex = create(null);
  fields.forEach((key, index) => (fieldIndex[key] = index));
  lists.forEach((key, index) => (listIndex[key] = index));
  return {
    catalogue,
    /** Field keys in catalogue order, and each key's index. */
    fields,
    fieldIndex,
    fieldCount: fields.length,
    isDateField: catalogue.fields.map((field) => field.kind === 'date'),
    /** A record with no value, copied for each call. */
    emptyValues: fields.map(() => undefined),
    /** Vocabulary list keys in catalogue order, and each key's index. */
    lists,
    listIndex,
    /** Input units before the entry lengths: field lengths, today, list counts. */
    header: fields.length + 1 + lists.length,
    limits,
    /** The encoding's markers and packing (src/wire.rs). */
    absent: wire.absent,
    noFix: wire.noFix,
    wholeRecord: wire.wholeRecord,
    noDay: wire.noDay,
    countBits: wire.countBits,
    detailBits: wire.detailBits,
    /** The values of `lang` and `counting`, each at the number the module reads. */
    langs: wire.langs,
    countings: wire.countings,
  };
}
