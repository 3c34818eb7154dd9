// Which field a control belongs to: options.map, the control's name, or the
// text of its label looked up through lookupField().
//
// Host pages are not ours: a label may hold anything (a whole paragraph of help,
// 100,000 characters, lone surrogates from a bad paste or a broken template).
// Label text only ever serves to look a field up, so text no field label comes
// near in length is skipped, lone surrogates are made U+FFFD before the lookup
// (lookupField() throws on both), and a control whose label cannot be read is
// simply left unmapped: it never stops the binding of the other controls.

/**
 * Longest label text (whitespace folded) that is looked up. The longest field
 * label or alias is under 30 characters; required-markers and notes such as
 * 「（死亡時）」 add a few: anything longer is prose, not a field's label.
 */
export const LABEL_MAX = 200;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const SKIPPED_TYPES = new Set(['submit', 'button', 'reset', 'image', 'file', 'hidden']);

/** A form element the binder reads: inputs (but buttons, files and hidden ones), selects, textareas. */
export function isControl(el) {
  if (el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && !SKIPPED_TYPES.has(el.type);
}

/** Throws when `map` is not an object of `{ name: fieldKey }`. */
export function checkMap(map, fieldKeys) {
  if (map === null || typeof map !== 'object') throw new TypeError('attach: options.map must be an object');
  for (const [name, key] of Object.entries(map)) {
    if (!fieldKeys.has(key)) {
      throw new Error(`attach: options.map.${name} is not a field key; fields() lists the keys, such as 'passportNumber'`);
    }
  }
}

/**
 * The controls of `form` grouped by field key, in form order:
 * Map key -> { key, controls: Element[] }.
 */
export function mapControls(form, map, fieldKeys, lookupField) {
  const groups = new Map();
  for (const control of form.elements) {
    if (!isControl(control)) continue;
    let key;
    try {
      key = keyFor(control, map, fieldKeys, lookupField);
    } catch {
      key = undefined; // a control whose label cannot be read maps to no field
    }
    if (!key) continue;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(control);
  }
  return groups;
}

function keyFor(control, map, fieldKeys, lookupField) {
  const byMap = (control.name && Object.hasOwn(map, control.name) && map[control.name])
    || (control.id && Object.hasOwn(map, control.id) && map[control.id]);
  if (byMap) return byMap;
  if (control.name && fieldKeys.has(control.name)) return control.name;
  for (const text of labelTexts(control)) {
    for (const candidate of labelCandidates(text)) {
      const key = lookupField(candidate);
      if (key) return key;
    }
  }
  return undefined;
}

/** Whitespace folded; undefined when empty or too long to be a field's label; lone surrogates made U+FFFD. */
export function labelText(text) {
  const folded = String(text ?? '').replace(/\s+/g, ' ').trim();
  if (!folded || folded.length > LABEL_MAX) return undefined;
  return typeof folded.toWellFormed === 'function' ? folded.toWellFormed() : folded.replace(LONE_SURROGATE, '\uFFFD');
}

export function splitIds(value) {
  return (value ?? '').split(/\s+/).filter(Boolean);
}

/** Visible text of an element without the text of controls nested in it. */
function textWithoutControls(el) {
  const clone = el.cloneNode(true);
  for (const inner of clone.querySelectorAll('input, select, textarea, button, .hv-messages')) inner.remove();
  return clone.textContent ?? '';
}

function labelTexts(control) {
  const texts = [];
  const byIds = splitIds(control.getAttribute('aria-labelledby'))
    .map((id) => control.ownerDocument.getElementById(id))
    .filter(Boolean)
    .map(textWithoutControls)
    .join(' ');
  if (byIds) texts.push(byIds);
  for (const label of control.labels ?? []) texts.push(textWithoutControls(label));
  const aria = control.getAttribute('aria-label');
  if (aria) texts.push(aria);
  if (control.type === 'radio' || control.type === 'checkbox') {
    const legend = control.closest('fieldset')?.querySelector(':scope > legend');
    if (legend) texts.push(textWithoutControls(legend));
  }
  if (control.title) texts.push(control.title);
  return texts.map(labelText).filter(Boolean);
}

/** The label, then the label without required-markers, then without any parenthesised part. */
function labelCandidates(text) {
  const marker = /(?:[\s*＊※:：]|[（(](?:必須|任意|required|optional)[）)]|必須|任意)+$/iu;
  const stripped = text.replace(marker, '').trim();
  const noParens = stripped.replace(/[（(][^（()）]*[）)]/gu, '').replace(marker, '').trim();
  return [...new Set([text, stripped, noParens])].filter(Boolean);
}
