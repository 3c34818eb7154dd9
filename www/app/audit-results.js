// The results of one audit on audit.html: the verdict and the findings about
// the whole file, the counts per rule, the paginated table of failing records
// (filtered, searched and sorted by app/audit-list.js), and the column report
// with the mapping choices.
// Everything is rebuilt from the run so the language can switch. A file with
// no header line found gets the verdict and the choices only.
import { el } from './dom.js';
import { STRINGS } from './audit-i18n.js';
import { severityIcon } from './icons.js';
import { renderFileFindings, renderVerdict } from './audit-verdict.js';
import { mappableColumns, renderColumnReport, renderMappingRows } from './audit-columns.js';
import { PAGE_SIZES, SORTS, createListIndex } from './audit-list.js';
import { pictureSeries, renderPicture } from './audit-picture.js';

/** Records per page until the user chooses another size. */
export const PAGE_SIZE = 100;
const SEVERITIES = ['error', 'warning', 'info'];
const NO_CRITERIA = { code: '', severity: '', query: '', sort: 'line' };

/**
 * `encodings` is auditEncodings(), which names them; `items` is noticeItems(),
 * the notice's three items and their codes, for the picture.
 * @param {{ $: (id: string) => HTMLElement, rules: object[], fields: object[], encodings: object[], items: object[] }} deps
 */
export function createResults({ $, rules, fields, encodings, items }) {
  const ruleOf = new Map(rules.map((r) => [r.code, r]));
  const fieldOf = new Map(fields.map((f) => [f.key, f]));
  let lang = 'ja';
  /**
   * { summary, store, auditLang, explicitEncoding, fileName, headerLine?, mapping? },
   * or { refusal, auditLang, fileName, headerLine?, mapping? } for a file with no header line found
   */
  let run = null;
  /** what the list shows: rule code, severity, search text, order (app/audit-list.js) */
  let criteria = { ...NO_CRITERIA };
  let pageSize = PAGE_SIZE;
  /** the run's rows indexed for the list, built once per run */
  let index = null;
  /** positions into the store, in the order shown */
  let selection = null;
  let page = 0;
  /** index → header of the columns the form offers to map */
  let mappable = new Map();

  const s = () => STRINGS[lang];
  const ruleText = (code) => ruleOf.get(code)?.[lang] ?? code;
  const fieldLabel = (key) => (key ? (fieldOf.get(key)?.[lang] ?? key) : s().rowLevel);

  // ------------------------------------------------------------- summary
  function renderSummary() {
    const t = s();
    const { summary, store, fileName, explicitEncoding } = run;
    $('results-file').textContent = t.resultsFile(fileName);
    const state = renderVerdict($('verdict'), run, { t, lang, fieldLabel, okIcon });
    $('verdict').dataset.state = state === 'refused' ? 'error' : state;
    $('results').dataset.state = state;
    renderFileFindings($('file-findings'), run, { t, auditLang: run.auditLang, mappable, fieldLabel });
    // A refused file has no records to count or report: no "0 records".
    const audited = Boolean(summary);
    for (const id of ['stats', 'actions', 'counts-panel', 'failing-panel']) $(id).hidden = !audited;
    if (!audited) {
      $('truncated').hidden = true;
      return;
    }

    const encoding = summary.encoding
      ? `${encodings.find((e) => e.label === summary.encoding)?.name ?? summary.encoding}${t.encodingHow(explicitEncoding)}`
      : t.noEncoding;
    const stat = (id, label, value, mod) =>
      el('div', { class: `stat${mod ? ` stat--${mod}` : ''}`, 'data-stat': id }, el('dt', { text: label }), el('dd', { text: value }));
    $('stats').replaceChildren(
      stat('rows', t.statRows, t.count(summary.rows)),
      stat('errors', t.statErrors, t.count(summary.rowsWithErrors), summary.rowsWithErrors ? 'error' : undefined),
      stat('warnings', t.statWarnings, t.count(summary.rowsWithWarnings), summary.rowsWithWarnings ? 'warning' : undefined),
      stat('header', t.statHeader, summary.headerLine ? t.headerLineValue(summary.headerLine, Boolean(run.headerLine)) : t.headerLineNone),
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

  // ------------------------------------------------------------- columns and the override form
  function renderColumns() {
    const t = s();
    renderColumnReport($('columns'), run, { t, lang, fields, fieldLabel });
    renderMappingRows($('mapping-rows'), run, { t, lang, fields, mappable });
    const line = run.summary?.headerLine;
    // "This time, line N" only when it was found, not named.
    $('header-line-hint').textContent = t.headerLineHint(run.refusal || run.headerLine ? null : line);
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
    if (!listed.some((r) => r.code === criteria.code)) criteria.code = '';
    select.value = criteria.code;
    const empty = summary.rows === 0 || store.found === 0;
    // Severities the kept rows have (notes are never listed); counts of the kept rows.
    const severities = SEVERITIES.map((severity) => [severity, index.countSeverity(severity)]).filter(([, n]) => n > 0);
    if (!severities.some(([severity]) => severity === criteria.severity)) criteria.severity = '';
    $('severity-filter').replaceChildren(
      el('option', { value: '', text: t.severityAll }),
      ...severities.map(([severity, n]) => el('option', { value: severity, text: t.severityOption(severity, n) })),
    );
    $('severity-filter').value = criteria.severity;
    $('sort').replaceChildren(...SORTS.map((sort) => el('option', { value: sort, text: t.sortOptions[sort] })));
    $('sort').value = criteria.sort;
    $('page-size').replaceChildren(...PAGE_SIZES.map((n) => el('option', { value: n, text: t.pageSizeOption(n) })));
    $('page-size').value = String(pageSize);
    const idHeaders = run.summary.columns.filter((c) => c.identifying).map((c) => c.header);
    $('search-hint').textContent = t.searchHint(idHeaders.join(lang === 'ja' ? '、' : ', '));
    $('search').value = criteria.query;
    for (const id of ['filter', 'severity-filter', 'sort', 'page-size', 'list-reset']) $(id).disabled = empty;
    $('search').disabled = empty || idHeaders.length === 0;
  }

  function renderHead() {
    const t = s();
    const ids = run.summary.columns.filter((c) => c.identifying).map((c) => c.header);
    // The order is chosen in the 並べ替え select (a control every layout shows,
    // the cards of a phone too); the header of the column it sorts on says so.
    const { sort } = criteria;
    $('failing-head').replaceChildren(
      el(
        'tr',
        { role: 'row' },
        el('th', { scope: 'col', role: 'columnheader', class: 'num', 'aria-sort': sort === 'line' ? 'ascending' : sort === 'line-desc' ? 'descending' : undefined, text: t.thRow }),
        el('th', { scope: 'col', role: 'columnheader', class: 'num', text: t.thIndex }),
        ...ids.map((h) => el('th', { scope: 'col', role: 'columnheader', text: h })),
        // Severity, most severe first: descending.
        el('th', { scope: 'col', role: 'columnheader', 'aria-sort': sort === 'severity' ? 'descending' : undefined, text: t.thIssues }),
      ),
    );
  }

  function renderPage() {
    const t = s();
    const { store, auditLang } = run;
    const total = selection.length;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    page = Math.min(Math.max(0, page), pages - 1);
    const from = page * pageSize;
    const to = Math.min(total, from + pageSize);
    $('failing-caption').textContent = `${t.caption(from + 1, to, total, listLabel())}${t.sortedNote[criteria.sort]}`;
    const filter = criteria.code;
    const idHeaders = run.summary.columns.filter((c) => c.identifying).map((c) => c.header);
    const idCount = idHeaders.length;
    const body = $('failing-body');
    const trs = [];
    for (let i = from; i < to; i++) {
      const row = store.get(selection[i]);
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
      trs.push(el('tr', { role: 'row' }, el('td', { role: 'cell', colspan: 3 + idCount, text: store.found > 0 ? t.noMatch : t.noCounts })));
    }
    body.replaceChildren(...trs);
    $('failing-head').hidden = total === 0;
    $('page-status').textContent = t.pageStatus(page + 1, pages);
    $('page-prev').textContent = t.pagePrevN(pageSize);
    $('page-next').textContent = t.pageNextN(pageSize);
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

  /** The criteria in words (rule, severity, "matching the search": never the text searched). */
  function listLabel() {
    return s().listLabel({ rule: criteria.code ? ruleText(criteria.code) : '', severity: criteria.severity, searched: Boolean(criteria.query.trim()) });
  }

  function reselect() {
    selection = index.select(criteria);
  }

  function renderAll() {
    mappable = mappableColumns(run.summary?.columns ?? [], run.mapping);
    renderSummary();
    renderColumns();
    if (!run.summary) {
      $('picture-panel').hidden = true;
      return;
    }
    renderPicture($, pictureSeries(run.summary, { rules, items }), { t: s(), lang });
    renderCounts();
    index ??= createListIndex(run.store.listSource());
    renderFilterOptions();
    renderHead();
    reselect();
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
      criteria = { ...NO_CRITERIA };
      index = null;
      page = 0;
      $('mapping-rows').replaceChildren(); // choices not applied belong to the last run
      renderAll();
    },
    clear() {
      run = null;
      index = null;
      selection = null;
    },
    /** Puts every mapping choice back to 「対応づけない」 (the saved mapping was forgotten). */
    clearChoices() {
      for (const select of $('mapping-rows').querySelectorAll('select')) select.value = '';
    },
    setLang(next) {
      lang = next;
      if (run) renderAll();
    },
    /** Filters the table by a rule code ('' for all); returns the number of records shown. */
    setFilter(code) {
      return this.setCriteria({ code });
    },
    /**
     * Changes what the list shows (any of code, severity, query, sort) and
     * goes back to its first page; returns the number of records shown.
     */
    setCriteria(change) {
      criteria = { ...criteria, ...change };
      page = 0;
      $('filter').value = criteria.code;
      $('severity-filter').value = criteria.severity;
      $('sort').value = criteria.sort;
      if ($('search').value !== criteria.query) $('search').value = criteria.query;
      reselect();
      if ('sort' in change) renderHead();
      renderPage();
      return selection.length;
    },
    clearCriteria() {
      return this.setCriteria({ ...NO_CRITERIA });
    },
    setPageSize(size) {
      // The first record on screen stays on the page shown.
      const first = page * pageSize;
      pageSize = PAGE_SIZES.includes(size) ? size : PAGE_SIZE;
      page = Math.floor(first / pageSize);
      renderPage();
    },
    announceFilter() {
      return s().tableAnnounce(selection.length, listLabel());
    },
    goTo(where) {
      const pages = Math.max(1, Math.ceil(selection.length / pageSize));
      page = where === 'first' ? 0 : where === 'last' ? pages - 1 : where === 'next' ? page + 1 : page - 1;
      renderPage();
    },
    get run() {
      return run;
    },
  };
}
