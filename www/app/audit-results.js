// The results of one audit on audit.html: the summary, the columns, the
// counts per rule and the paginated table of failing records, filterable by
// rule. Everything is rebuilt from (summary, store) so the language can switch.
import { el } from './dom.js';
import { STRINGS } from './audit-i18n.js';
import { severityIcon } from './icons.js';

export const PAGE_SIZE = 100;
const SEVERITIES = ['error', 'warning', 'info'];


/**
 * `required` is the module's catalogue().required: the fields every record must
 * fill, so a file without their columns cannot pass. `encodings` is
 * auditEncodings(), which names them.
 * @param {{ $: (id: string) => HTMLElement, rules: object[], fields: object[], required: string[], encodings: object[] }} deps
 */
export function createResults({ $, rules, fields, required, encodings }) {
  const ruleOf = new Map(rules.map((r) => [r.code, r]));
  const fieldOf = new Map(fields.map((f) => [f.key, f]));
  let lang = 'ja';
  /** { summary, store, auditLang, explicitEncoding, fileName } of the run shown */
  let run = null;
  let filter = '';
  let selection = null;
  let page = 0;

  const s = () => STRINGS[lang];
  const ruleText = (code) => ruleOf.get(code)?.[lang] ?? code;
  const fieldLabel = (key) => (key ? (fieldOf.get(key)?.[lang] ?? key) : s().rowLevel);

  // ------------------------------------------------------------- summary
  function renderSummary() {
    const t = s();
    const { summary, store, fileName, explicitEncoding } = run;
    $('results-file').textContent = t.resultsFile(fileName);
    const verdict = $('verdict');
    let state;
    if (summary.rows === 0) {
      state = 'empty';
      verdict.replaceChildren(t.verdictEmpty);
    } else if (summary.rowsWithErrors > 0) {
      state = 'error';
      verdict.replaceChildren(severityIcon('error', 'icon verdict__icon'), el('span', { text: t.verdictErrors(summary.rowsWithErrors) }));
    } else if (summary.rowsWithWarnings > 0) {
      state = 'warning';
      verdict.replaceChildren(severityIcon('warning', 'icon verdict__icon'), el('span', { text: t.verdictWarnings(summary.rowsWithWarnings) }));
    } else {
      state = 'ok';
      verdict.replaceChildren(okIcon(), el('span', { text: t.verdictOk }));
    }
    verdict.dataset.state = state;
    $('results').dataset.state = state;

    const encoding = summary.encoding
      ? `${encodings.find((e) => e.label === summary.encoding)?.name ?? summary.encoding}${t.encodingHow(explicitEncoding)}`
      : t.noEncoding;
    const stat = (id, label, value, mod) =>
      el('div', { class: `stat${mod ? ` stat--${mod}` : ''}`, 'data-stat': id }, el('dt', { text: label }), el('dd', { text: value }));
    $('stats').replaceChildren(
      stat('rows', t.statRows, t.count(summary.rows)),
      stat('errors', t.statErrors, t.count(summary.rowsWithErrors), summary.rowsWithErrors ? 'error' : undefined),
      stat('warnings', t.statWarnings, t.count(summary.rowsWithWarnings), summary.rowsWithWarnings ? 'warning' : undefined),
      stat('encoding', t.statEncoding, encoding),
      stat('size', t.statSize, t.size(summary.bytes)),
      ...(summary.blankRows ? [stat('blank', t.statBlank, t.count(summary.blankRows))] : []),
    );

    const truncated = $('truncated');
    truncated.hidden = !store.truncated;
    truncated.textContent = store.truncated ? t.truncated(store.kept, store.found) : '';
  }

  function okIcon() {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'icon verdict__icon');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const circle = document.createElementNS(svg.namespaceURI, 'circle');
    for (const [k, v] of Object.entries({ cx: 12, cy: 12, r: 10, fill: 'currentColor' })) circle.setAttribute(k, v);
    const tick = document.createElementNS(svg.namespaceURI, 'path');
    for (const [k, v] of Object.entries({ d: 'M7 12.5l3.2 3.2L17 9', fill: 'none', stroke: '#fff', 'stroke-width': 2.4, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })) tick.setAttribute(k, v);
    svg.append(circle, tick);
    return svg;
  }

  // ------------------------------------------------------------- columns
  function renderColumns() {
    const t = s();
    const { columns } = run.summary;
    const list = (items) =>
      items.length === 0 ? el('dd', { text: t.none }) : el('dd', {}, el('ul', { class: 'chips' }, ...items.map((x) => el('li', { class: 'chip', text: x }))));
    const ids = columns.filter((c) => c.identifying).map((c) => c.header);
    const unmapped = columns.filter((c) => !c.field && !c.identifying).map((c) => c.header || `(${c.index + 1})`);
    const mapped = new Set(columns.filter((c) => c.field).map((c) => c.field));
    const missing = fields.filter((f) => !mapped.has(f.key));
    const dl = $('columns');
    dl.replaceChildren(
      el('div', { class: 'columns__item', 'data-columns': 'ids' }, el('dt', { text: t.idColumns }), list(ids)),
      el('div', { class: 'columns__item', 'data-columns': 'unmapped' }, el('dt', { text: t.unmappedColumns }), list(unmapped)),
      el('div', { class: 'columns__item', 'data-columns': 'missing' }, el('dt', { text: t.missingFields }), list(missing.map((f) => f[lang]))),
    );
    const note = columns.length ? el('p', { class: 'columns__note', text: t.mappedColumns(mapped.size, columns.length) }) : null;
    // Without the columns the notice requires, every record fails: say so at the top.
    const keyMissing = columns.length ? required.filter((k) => !mapped.has(k)) : [];
    const callout = $('key-missing');
    callout.hidden = keyMissing.length === 0;
    callout.replaceChildren(...(keyMissing.length ? [severityIcon('warning', 'icon'), el('span', { text: t.keyMissing(keyMissing.map(fieldLabel).join(lang === 'ja' ? '、' : ', ')) })] : []));
    dl.parentElement.querySelectorAll('.columns__note').forEach((n) => n.remove());
    if (note) dl.before(note);
  }

  // ------------------------------------------------------------- counts
  function renderCounts() {
    const t = s();
    const { summary, store } = run;
    const body = $('counts-body');
    // Errors, then warnings, then notes (which the list leaves out); rules order within each.
    const rows = SEVERITIES.flatMap((severity) => rules.filter((r) => r.severity === severity && summary.counts[r.code] > 0));
    if (rows.length === 0) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: 4, text: t.noCounts })));
      return;
    }
    body.replaceChildren(
      ...rows.map((rule) => {
        const listed = rule.severity !== 'info' && store.rowsWith(rule.code) > 0;
        const action = listed
          ? el('button', { type: 'button', class: 'link-button', 'data-filter': rule.code }, t.show, el('span', { class: 'visually-hidden', text: t.showFor(ruleText(rule.code)) }))
          : el('span', { class: 'muted', text: t.notListed });
        return el(
          'tr',
          { 'data-code': rule.code, class: `counts__row counts__row--${rule.severity}` },
          el('td', {}, el('span', { class: `sev sev--${rule.severity}` }, severityIcon(rule.severity, 'icon sev__icon'), t.severity[rule.severity])),
          el('th', { scope: 'row', class: 'counts__rule' }, el('span', { class: 'counts__text', text: ruleText(rule.code) }), ' ', el('code', { class: 'counts__code', text: rule.code })),
          el('td', { class: 'num', 'data-count': summary.counts[rule.code], text: t.number(summary.counts[rule.code]) }),
          el('td', {}, action),
        );
      }),
    );
  }

  // ------------------------------------------------------------- failing rows
  function renderFilterOptions() {
    const t = s();
    const { summary, store } = run;
    const select = $('filter');
    const listed = SEVERITIES.flatMap((severity) => rules.filter((r) => r.severity === severity && severity !== 'info' && store.rowsWith(r.code) > 0));
    select.replaceChildren(
      el('option', { value: '', text: t.filterAll(store.found) }),
      ...listed.map((r) => el('option', { value: r.code, text: t.filterOption(r.code, ruleText(r.code), store.rowsWith(r.code)) })),
    );
    if (!listed.some((r) => r.code === filter)) filter = '';
    select.value = filter;
    select.disabled = summary.rows === 0 || store.found === 0;
  }

  function renderHead() {
    const t = s();
    const ids = run.summary.columns.filter((c) => c.identifying).map((c) => c.header);
    $('failing-head').replaceChildren(
      el(
        'tr',
        { role: 'row' },
        el('th', { scope: 'col', role: 'columnheader', class: 'num', text: t.thRow }),
        el('th', { scope: 'col', role: 'columnheader', class: 'num', text: t.thIndex }),
        ...ids.map((h) => el('th', { scope: 'col', role: 'columnheader', text: h })),
        el('th', { scope: 'col', role: 'columnheader', text: t.thIssues }),
      ),
    );
  }

  function renderPage() {
    const t = s();
    const { store, auditLang } = run;
    const total = selection.length;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    page = Math.min(Math.max(0, page), pages - 1);
    const from = page * PAGE_SIZE;
    const to = Math.min(total, from + PAGE_SIZE);
    const label = filter ? ruleText(filter) : '';
    $('failing-caption').textContent = t.caption(from + 1, to, total, label);
    const idHeaders = run.summary.columns.filter((c) => c.identifying).map((c) => c.header);
    const idCount = idHeaders.length;
    const body = $('failing-body');
    const trs = [];
    for (let i = from; i < to; i++) {
      const row = store.get(selection.at(i));
      const issues = row.issues
        .filter((issue) => !filter || issue.code === filter)
        .concat(filter ? row.issues.filter((issue) => issue.code !== filter) : []);
      // Explicit roles and data-label: narrow screens lay each row out as a card
      // (audit.css), and the roles keep it a table for screen readers.
      trs.push(
        el(
          'tr',
          { 'data-row': row.row, role: 'row' },
          el('th', { scope: 'row', role: 'rowheader', class: 'num', 'data-label': t.thRow, text: String(row.row) }),
          el('td', { role: 'cell', class: 'num', 'data-label': t.thIndex, text: String(row.index) }),
          ...Array.from({ length: idCount }, (_, k) => el('td', { role: 'cell', class: 'id', 'data-label': idHeaders[k], text: row.ids[k] ?? '' })),
          el('td', { role: 'cell', class: 'issues' }, el('ul', { class: 'issue-list' }, ...issues.map((issue) => issueItem(issue, auditLang, t)))),
        ),
      );
    }
    if (total === 0) {
      trs.push(el('tr', { role: 'row' }, el('td', { role: 'cell', colspan: 3 + idCount, text: t.noCounts })));
    }
    body.replaceChildren(...trs);
    $('failing-head').hidden = total === 0;
    $('page-status').textContent = t.pageStatus(page + 1, pages);
    $('page-first').disabled = page === 0;
    $('page-prev').disabled = page === 0;
    $('page-next').disabled = page >= pages - 1;
    $('page-last').disabled = page >= pages - 1;
    $('pager').hidden = pages <= 1;
  }

  function issueItem(issue, auditLang, t) {
    return el(
      'li',
      { class: `audit-issue audit-issue--${issue.severity}`, 'data-code': issue.code },
      severityIcon(issue.severity, 'icon audit-issue__icon'),
      el(
        'span',
        { class: 'audit-issue__text' },
        el('span', { class: 'audit-issue__head' }, el('span', { class: 'audit-issue__sev', text: `${t.severity[issue.severity]}${t.colon}` }), el('span', { class: 'audit-issue__field', text: fieldLabel(issue.field) })),
        el('span', { class: 'audit-issue__message', lang: auditLang, text: issue.message }),
        el('code', { class: 'audit-issue__code', text: issue.code }),
      ),
    );
  }

  function renderAll() {
    renderSummary();
    renderColumns();
    renderCounts();
    renderFilterOptions();
    renderHead();
    selection = run.store.select(filter);
    renderPage();
    const note = $('messages-note');
    if (note) {
      note.hidden = lang === run.auditLang;
      note.textContent = STRINGS[lang].messagesIn;
    }
  }

  return {
    /** Shows a finished audit. */
    show(next) {
      run = next;
      filter = '';
      page = 0;
      renderAll();
    },
    clear() {
      run = null;
      selection = null;
    },
    setLang(next) {
      lang = next;
      if (run) renderAll();
    },
    /** Filters the table by a rule code ('' for all); returns the number of records shown. */
    setFilter(code) {
      filter = code;
      page = 0;
      $('filter').value = code;
      selection = run.store.select(code);
      renderPage();
      return selection.length;
    },
    announceFilter() {
      return s().tableAnnounce(selection.length, filter ? ruleText(filter) : '');
    },
    goTo(where) {
      const pages = Math.max(1, Math.ceil(selection.length / PAGE_SIZE));
      page = where === 'first' ? 0 : where === 'last' ? pages - 1 : where === 'next' ? page + 1 : page - 1;
      renderPage();
    },
    get run() {
      return run;
    },
  };
}
