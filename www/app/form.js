// Renders the fields of the record, grouped as on the HER-SYS 発生届 screen:
// which fields, their groups and order, and which are required all come from
// the module (fields(), catalogue()), so a new field needs no edit here.
import { el } from './dom.js';
import { phrases, setPhrasedText } from './phrases.js';
import { CONDITIONAL, STRINGS, hintFor } from './i18n.js';
import { createCombobox } from './combobox.js';
import { createSuggest } from './suggest.js';
import { countryNames, countrySpellings } from './country-readings.js';

/** id of the control for a field key */
export const controlId = (key) => `f-${key}`;
/** id of the box the binder renders a field's messages into */
export const messagesId = (key) => `m-${key}`;

/**
 * Builds the fieldsets into `form`: one per group of `catalogue.groups`, with
 * the fields of `fields` in the group's order, `catalogue.required` marked.
 * `passportWindow` (`{ days, counting }`) words the passport hints. Returns
 * `{ setLang(lang) }`, which updates labels, legends, hints and the empty
 * option without touching values or focus.
 */
export function renderForm(form, { fields, catalogue, vocabulary, passportWindow }, lang) {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const required = new Set(catalogue.required);
  const texts = []; // [node, (lang) => text]
  const t = (node, fn) => {
    texts.push([node, fn]);
    return node;
  };

  for (const group of catalogue.groups) {
    const legend = t(el('legend', { class: 'group__legend' }), (l) => group[l]);
    const grid = el('div', { class: 'group__grid' });
    const fieldset = el('fieldset', { class: `group group--${group.id}`, id: `g-${group.id}` }, legend, grid);
    for (const key of group.fields) {
      const field = byKey.get(key);
      if (!field) continue; // fields() without this key: nothing to render
      grid.append(renderField(field, { vocabulary, required: required.has(key), passportWindow }, t));
    }
    form.append(fieldset);
  }
  // A phone keyboard's Enter key says where it goes: on to the next field, "done" in the last one.
  const inputs = [...form.querySelectorAll('input.control')];
  inputs.forEach((input, i) => input.setAttribute('enterkeyhint', i === inputs.length - 1 ? 'done' : 'next'));

  const apply = (l) => {
    for (const [node, fn] of texts) {
      const value = fn(l);
      if (value === undefined) continue;
      if (node.classList.contains('field__hint')) setHint(node, value);
      else if (node.tagName === 'OPTION') node.textContent = value; // an option holds text only
      else setPhrasedText(node, value);
    }
    for (const alt of form.querySelectorAll('.field__alt')) alt.hidden = l === 'ja';
  };
  apply(lang);
  return { setLang: apply };
}

// Examples such as 2021-06-03 or 令和3年6月3日 never break across lines.
const EXAMPLE = /(\d{4}-\d{2}-\d{2}|令和\d+年\d+月\d+日|R\d+\.\d+\.\d+|TK1234567)/u;

function setHint(node, text) {
  const children = [];
  text.split(EXAMPLE).forEach((part, i) => {
    if (i % 2) return children.push(el('span', { class: 'nowrap', text: part }));
    // Between the examples, Japanese breaks only between phrases (www/app/phrases.js).
    phrases(part).forEach((phrase, j) => children.push(...(j ? [document.createElement('wbr'), phrase] : [phrase])));
  });
  node.replaceChildren(...children);
  node.classList.add('phrased');
}

function renderField(field, { vocabulary, required, passportWindow }, t) {
  const { key, kind } = field;
  const id = controlId(key);
  const hint = hintFor(field, 'ja', passportWindow);
  const hintId = hint ? `h-${key}` : undefined;

  const label = el('label', { class: 'field__label', for: id, id: `l-${key}` });
  label.append(t(el('span', { class: 'field__name' }), (l) => field[l]));
  label.append(el('span', { class: 'field__alt', lang: 'ja', hidden: true, text: field.ja }));
  // As the デジタル庁 design system does: every field says whether it is 必須 or 任意; a field that
  // a rule requires in some cases (死亡 → 死亡日付) says so rather than "optional".
  if (required) label.append(t(el('span', { class: 'badge badge--required' }), (l) => STRINGS[l].required));
  else if (CONDITIONAL.has(key)) label.append(t(el('span', { class: 'badge badge--conditional' }), (l) => STRINGS[l].conditional));
  else label.append(t(el('span', { class: 'badge badge--optional' }), (l) => STRINGS[l].optional));

  let control;
  const common = { id, name: key, autocomplete: 'off', 'aria-describedby': hintId, 'aria-required': required ? 'true' : undefined };
  if (kind === 'choice') {
    // The select (name=key) stays what attach() reads and fixes; the user types in the combobox (id=key's id).
    const select = el('select', { ...common, id: `${id}-select`, class: 'control control--select' });
    const empty = t(el('option', { value: '' }), (l) => STRINGS[l].choose);
    select.append(empty);
    const list = vocabulary[field.vocabulary] ?? field.choices ?? [];
    for (const choice of list) select.append(el('option', { value: choice, lang: 'ja', text: choice }));
    const combobox = createCombobox(select, { id, labelId: `l-${key}` });
    t(combobox.input, (l) => void combobox.setLang(l)); // after the empty option's text: the placeholder
    control = combobox.element;
  } else {
    const props = { ...common, type: 'text', class: `control control--${kind}`, spellcheck: 'false' };
    if (kind === 'date') {
      // Not "numeric": on phones that keypad cannot type 令和 or R3.6.3, which the hint invites.
      props.inputmode = 'text';
    } else if (kind === 'number') {
      props.inputmode = 'numeric';
    } else if (kind === 'passport') {
      props.autocapitalize = 'characters';
      props.inputmode = 'text';
    } else {
      props.spellcheck = undefined;
    }
    control = el('input', props);
    // Free text with suggestions: a country's name in a few keys (fi → フィリピン), any spelling kept.
    if (key === 'country' || key === 'nationality') {
      control = createSuggest(control, { ...countryNames(), spell: countrySpellings, labelId: `l-${key}` }).element;
    }
  }

  const wrapper = el('div', { class: `field field--${kind}${key === 'placeName' ? ' field--wide' : ''}`, 'data-field': key }, label);
  if (hint) wrapper.append(t(el('p', { class: 'field__hint', id: hintId }), (l) => hintFor(field, l, passportWindow)));
  wrapper.append(control, el('div', { class: 'field__messages', id: `m-${key}` }));
  return wrapper;
}
