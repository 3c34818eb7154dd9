// The column report of audit.html and the mapping choices under it. Every
// column mapped by another name (診断日 → 診断年月日) or by the user's choice
// is shown as "header → field", so nothing is mapped silently; an unmapped
// column that looks like a date, status, passport or place is flagged.
import { el } from './dom.js';

/**
 * The columns the user can map: unmapped and not identifying, or mapped by
 * the user's own choice (to change or undo it). Headers that are empty or
 * appear twice are left out: a mapping names a header, so it would take
 * every column of that name.
 */
export function mappableColumns(columns, chosen) {
  const seen = new Map();
  for (const c of columns) seen.set(c.header.trim(), (seen.get(c.header.trim()) ?? 0) + 1);
  const out = new Map();
  for (const c of columns) {
    const header = c.header.trim();
    if (!header || seen.get(header) > 1) continue;
    if ((!c.field && !c.identifying) || byChoice(c, chosen)) out.set(c.index, c.header);
  }
  return out;
}

/** Mapped by the user's choice (`chosen`: the mapping the audit ran with): applied before any name, so it is the reason. */
const byChoice = (c, chosen) => Boolean(c.field) && chosen?.[c.header.trim()] === c.field;

/** The column report: header line, columns by another name, by choice, naming the record, unmapped, fields absent. */
export function renderColumnReport(dl, run, { t, lang, fields, fieldLabel }) {
  const { summary } = run;
  const columns = summary?.columns ?? [];
  const chips = (items) =>
    items.length === 0 ? el('dd', { text: t.none }) : el('dd', {}, el('ul', { class: 'chips' }, ...items));
  const chip = (text, props = {}) => el('li', { class: 'chip', ...props }, ...(Array.isArray(text) ? text : [text]));
  const arrow = (c) => [el('span', { class: 'chip__header', text: c.header }), el('span', { class: 'chip__arrow', text: ' → ' }), el('span', { class: 'chip__field', text: fieldLabel(c.field) })];
  const chosen = (c) => byChoice(c, run.mapping);
  const item = (key, label, dd) => el('div', { class: 'columns__item', 'data-columns': key }, el('dt', { text: label }), dd);

  const headerLine = summary?.headerLine;
  const items = [
    item('header', t.colHeaderLine, el('dd', { text: headerLine ? t.headerLineValue(headerLine, Boolean(run.headerLine)) : t.headerLineNone })),
  ];
  if (columns.length > 0) {
    const mapped = new Set(columns.filter((c) => c.field).map((c) => c.field));
    items.push(
      item('aliases', t.aliasColumns, chips(columns.filter((c) => c.field && c.alias && !chosen(c)).map((c) => chip(arrow(c), { 'data-header': c.header, 'data-field': c.field })))),
      ...(columns.some(chosen) ? [item('chosen', t.chosenColumns, chips(columns.filter(chosen).map((c) => chip(arrow(c), { 'data-header': c.header, 'data-field': c.field }))))] : []),
      item('ids', t.idColumns, chips(columns.filter((c) => c.identifying).map((c) => chip(c.header, { 'data-header': c.header })))),
      item(
        'unmapped',
        t.unmappedColumns,
        chips(
          columns
            .filter((c) => !c.field && !c.identifying)
            .map((c) =>
              c.looksLike
                ? chip([el('span', { class: 'chip__header', text: c.header || `(${c.index + 1})` }), el('span', { class: 'chip__note', text: t.looksLike[c.looksLike] })], { class: 'chip chip--flag', 'data-header': c.header, 'data-looks-like': c.looksLike })
                : chip(el('span', { class: 'chip__header', text: c.header || `(${c.index + 1})` }), { 'data-header': c.header }),
            ),
        ),
      ),
      item('missing', t.missingFields, chips(fields.filter((f) => !mapped.has(f.key)).map((f) => chip(f[lang])))),
    );
  }
  dl.replaceChildren(...items);
  dl.parentElement.querySelectorAll('.columns__note').forEach((n) => n.remove());
  if (columns.length) {
    const count = columns.filter((c) => c.field).length;
    dl.before(el('p', { class: 'columns__note', text: t.mappedColumns(count, columns.length) }));
  }
}

/**
 * One labelled <select> per mappable column: 「対応づけない」 and every field.
 * Choices not yet applied survive a re-render (a language switch).
 */
export function renderMappingRows(container, run, { t, lang, fields, mappable }) {
  const pending = new Map([...container.querySelectorAll('select[data-header]')].map((s) => [s.dataset.header, s.value]));
  const columns = run.summary?.columns ?? [];
  const taken = new Map(columns.filter((c) => c.field).map((c) => [c.field, c.index]));
  if (mappable.size === 0) {
    container.replaceChildren(el('p', { class: 'field__hint mapping__empty', text: columns.length ? t.mappingNothing : t.mappingAfterLine }));
    return;
  }
  container.replaceChildren(
    ...columns
      .filter((c) => mappable.has(c.index))
      .map((c) => {
        const id = `map-${c.index}`;
        const chosen = pending.get(c.header) ?? (byChoice(c, run.mapping) ? c.field : '');
        const select = el(
          'select',
          { class: 'control control--select mapping__select', id, 'data-header': c.header, ...(c.looksLike ? { 'aria-describedby': `${id}-hint` } : {}) },
          el('option', { value: '', text: t.mappingNone }),
          ...fields.map((f) => el('option', { value: f.key, text: taken.has(f.key) && taken.get(f.key) !== c.index ? t.mappingTaken(f[lang]) : f[lang] })),
        );
        select.value = chosen;
        return el(
          'div',
          { class: 'mapping__row', 'data-column': c.index },
          el('label', { class: 'mapping__label', for: id }, el('span', { class: 'mapping__header', text: c.header })),
          select,
          // Under the select, so that the selects of a row line up.
          c.looksLike ? el('p', { class: 'field__hint mapping__hint', id: `${id}-hint`, text: t.looksLikeHint[c.looksLike] }) : null,
        );
      }),
  );
}

/** The choices in the form: [header, fieldKey or ''] pairs. */
export function mappingChoices(container) {
  return [...container.querySelectorAll('select[data-header]')].map((s) => [s.dataset.header, s.value]);
}
