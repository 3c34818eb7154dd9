// Which field a control belongs to: options.map, the control's name, or the
// text of its label looked up through lookupField().

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
    const key = keyFor(control, map, fieldKeys, lookupField);
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
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** The label, then the label without required-markers, then without any parenthesised part. */
function labelCandidates(text) {
  const marker = /(?:[\s*＊※:：]|[（(](?:必須|任意|required|optional)[）)]|必須|任意)+$/iu;
  const stripped = text.replace(marker, '').trim();
  const noParens = stripped.replace(/[（(][^（()）]*[）)]/gu, '').replace(marker, '').trim();
  return [...new Set([text, stripped, noParens])].filter(Boolean);
}
