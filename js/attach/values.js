// Reading a field's value from its controls and writing a fix back so that
// frameworks see it: through the prototype's native setter (React keeps its
// own tracker on the instance), then the events a user's edit would fire.
//
// Copies: a field may have several text inputs, selects or textareas (a
// responsive layout that renders the form twice and hides one, the same name
// used twice). One of them is the field's *primary* control: the copy the user
// last typed in, chose in or focused while it is visible, else the first
// visible enabled copy. Its value is validated, fixes are written into it, and
// syncCopies() writes it into the other copies, so that what was validated is
// what every copy submits. Radios and checkboxes are one group, as before.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);

export const isCheckable = (c) => c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox');

/** Text typed key by key (validated after a pause), as opposed to a choice (validated at once). */
export function isTextLike(el) {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type));
}

/** The text inputs, selects and textareas of a field (its radios and checkboxes are not copies). */
export function copiesOf(controls) {
  return controls.filter((c) => !isCheckable(c));
}

/** Rendered and not hidden (display: none, [hidden], visibility: hidden, inside a closed <details>…). */
export function isVisible(control) {
  if (!control.isConnected) return false;
  if (typeof control.checkVisibility === 'function') return control.checkVisibility({ visibilityProperty: true });
  return control.getClientRects().length > 0;
}

/**
 * The control that stands for the field: the copy the user last used (`active`)
 * while it is visible, else the first visible enabled copy, else `active`, else
 * the first enabled copy; for radios and checkboxes, the first control.
 */
export function primaryOf(controls, active) {
  const copies = copiesOf(controls);
  if (copies.length === 0) return controls[0];
  if (copies.length === 1) return copies[0];
  const usable = active && copies.includes(active) && active.isConnected ? active : null;
  if (usable && isVisible(usable)) return usable;
  return copies.find((c) => !c.disabled && isVisible(c)) ?? usable ?? copies.find((c) => !c.disabled) ?? copies[0];
}

/**
 * The field's value, or undefined when empty; made safe for validate(): cut to
 * `maxLength` (catalogue().limits.valueLength) and without lone surrogates.
 * Copies are read from `primary` only (primaryOf()).
 */
export function readValue(controls, maxLength, primary = primaryOf(controls)) {
  const onlyPrimary = primary && !isCheckable(primary);
  let value;
  for (const c of controls) {
    if (isCheckable(c)) {
      if (c.checked) value = c.value;
    } else if ((!onlyPrimary || c === primary) && c.value !== '') {
      value = c.value;
    }
    if (value !== undefined) break;
  }
  if (value === undefined || value === '') return undefined;
  // validate() rejects values over the module's limit and lone surrogates (it throws):
  // a paste of garbage must still give a message, not an exception on every keystroke.
  if (value.length > maxLength) value = value.slice(0, maxLength);
  return typeof value.toWellFormed === 'function' ? value.toWellFormed() : value.replace(LONE_SURROGATE, '\uFFFD');
}

/** Whether `value` can be put into the controls (a select or radio group must offer it). */
export function canWrite(controls, value, primary = primaryOf(controls)) {
  const c = primary ?? controls[0];
  if (c instanceof HTMLSelectElement) return [...c.options].some((o) => o.value === value);
  if (isCheckable(c)) return controls.some((r) => r.value === value);
  return true;
}

/**
 * Writes `value` as a user would: the native setter of the element's prototype,
 * then `input` and `change` (a radio or checkbox is clicked, which fires both).
 * Copies get it in `primary` (syncCopies() then copies it to the others).
 * Returns the control that now holds the value, or undefined.
 */
export function writeValue(controls, value, primary = primaryOf(controls)) {
  const c = primary ?? controls[0];
  if (isCheckable(c)) {
    const target = controls.find((r) => r.value === value);
    if (!target) return undefined;
    if (!target.checked) target.click(); // React listens to click for radios; Vue and others to change
    if (!target.checked) {
      // The click was cancelled by a handler: set it the plain way.
      nativeSetter(target, 'checked').call(target, true);
      fire(target);
    }
    return target;
  }
  if (!canWrite(controls, value, c)) return undefined;
  nativeSetter(c, 'value').call(c, value);
  fire(c);
  return c;
}

/**
 * Writes the value of `from` into every other copy of the field that differs
 * (as writeValue() does: native setter, then input and change, so a framework
 * holding a copy's state sees it). A select copy that lacks the option is left
 * as it is. Returns the copies still different afterwards.
 */
export function syncCopies(controls, from) {
  const copies = copiesOf(controls);
  if (copies.length < 2 || !from || !copies.includes(from)) return [];
  const value = from.value;
  const differ = [];
  for (const c of copies) {
    if (c === from || c.value === value) continue;
    if (c instanceof HTMLSelectElement && ![...c.options].some((o) => o.value === value)) {
      differ.push(c);
      continue;
    }
    nativeSetter(c, 'value').call(c, value);
    fire(c);
    if (c.value !== value) differ.push(c); // a handler put something else back
  }
  return differ;
}

function fire(control) {
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The setter defined on the prototype chain, skipping any the instance defines itself. */
function nativeSetter(el, prop) {
  for (let proto = Object.getPrototypeOf(el); proto; proto = Object.getPrototypeOf(proto)) {
    const setter = Object.getOwnPropertyDescriptor(proto, prop)?.set;
    if (setter) return setter;
  }
  throw new TypeError(`attach: ${prop} cannot be set on this control`);
}
