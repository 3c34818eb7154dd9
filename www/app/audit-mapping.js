// The column mapping the user chose on audit.html ({ header: fieldKey }),
// kept in this browser's local storage so that the next file with the same
// headers maps the same way. Headers and field keys only: never a cell value.
// Storage may be off (file://, private windows): the mapping then lasts for
// this page only.

const STORAGE_KEY = 'hersys-validator.audit-mapping';
/** Bounds what a stale or edited entry can make the page read. */
const MAX_ENTRIES = 500;
const MAX_HEADER = 200;

/** `fieldKeys`: the module's field keys; an entry naming another key is dropped, not sent to the audit. */
export function createMappingStore(fieldKeys) {
  const known = new Set(fieldKeys);
  // Trimmed headers: the audit matches a mapping by the header exactly or trimmed.
  const entries = new Map();
  const usable = (header, field) =>
    typeof header === 'string' && header.trim() !== '' && header.length <= MAX_HEADER && known.has(field);

  try {
    const kept = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    if (Array.isArray(kept)) {
      for (const pair of kept.slice(0, MAX_ENTRIES)) {
        if (Array.isArray(pair) && usable(pair[0], pair[1])) entries.set(pair[0].trim(), pair[1]);
      }
    }
  } catch {
    // storage disabled or unreadable: start empty
  }

  const write = () => {
    try {
      if (entries.size === 0) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, JSON.stringify([...entries]));
    } catch {
      // storage disabled or full: kept for this page only
    }
  };

  return {
    get size() {
      return entries.size;
    },
    /** The field chosen for `header`, or undefined. */
    fieldOf(header) {
      return entries.get(header.trim());
    },
    /** The mapping as `input.mapping` takes it; undefined when empty. */
    input() {
      return entries.size ? Object.fromEntries(entries) : undefined;
    },
    /** `choices`: [header, fieldKey or ''] pairs; '' forgets the header. */
    apply(choices) {
      for (const [header, field] of choices) {
        if (!field) entries.delete(header.trim());
        else if (usable(header, field) && (entries.has(header.trim()) || entries.size < MAX_ENTRIES)) entries.set(header.trim(), field);
      }
      write();
    },
    clear() {
      entries.clear();
      write();
    },
  };
}
