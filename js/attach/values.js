// Reading a field's value from its controls and writing a fix back so that
// frameworks see it: through the prototype's native setter (React keeps its
// own tracker on the instance), then the events a user's edit would fire.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);

const isCheckable = (c) => c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox');

/** Text typed key by key (validated after a pause), as opposed to a choice (validated at once). */
export function isTextLike(el) {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type));
}

/**
 * The field's value, or undefined when empty; made safe for validate(): cut to
 * `maxLength` (catalogue().limits.valueLength) and without lone surrogates.
 */
export function readValue(controls, maxLength) {
  let value;
  for (const c of controls) {
    if (isCheckable(c)) {
      if (c.checked) value = c.value;
    } else if (c.value !== '') {
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
export function canWrite(controls, value) {
  const c = controls[0];
  if (c instanceof HTMLSelectElement) return [...c.options].some((o) => o.value === value);
  if (isCheckable(c)) return controls.some((r) => r.value === value);
  return true;
}

/**
 * Writes `value` as a user would: the native setter of the element's prototype,
 * then `input` and `change` (a radio or checkbox is clicked, which fires both).
 * Returns the control that now holds the value, or undefined.
 */
export function writeValue(controls, value) {
  const c = controls[0];
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
  if (!canWrite(controls, value)) return undefined;
  nativeSetter(c, 'value').call(c, value);
  fire(c);
  return c;
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
