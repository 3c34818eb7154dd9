// The picture of the file on audit.html: for the notice's three items
// (passport where required, 現在のステータス, 場所区分) and for every other rule
// that fired, how many records have the finding, and per week of 診断年月日
// the share of records with it, the notice's date (2021-06-03) marked.
//
// Hand-built SVG through the DOM, no charting library, for three reasons:
// - bytes: dist/hersys-check.html inlines every module of the page; a general
//   charting library (tens of KB minified, before its CSS) would outweigh the
//   whole audit page for a few lines and axes;
// - CSP: the page allows `style-src 'self'` only: most libraries write style
//   attributes (forbidden here) or build code at run time (no eval here);
//   this draws with attributes of geometry and classes styled in audit.css;
// - accessibility: one small chart per item (one series each, so nothing is
//   told by colour), each an `img` named by its item with its numbers in words
//   beside it, and a table with the same numbers; a library's defaults would
//   have to be fought for each of these.
import { el } from './dom.js';

/** The notice of 令和3年6月3日 (MHLW 事務連絡). */
export const NOTICE_DATE = '2021-06-03';
/** The columns without which an item was not checked at all (header.missing names them). */
const ITEM_FIELDS = { passport: ['diagnosisDate', 'entryDate', 'passportNumber'], status: ['status'], place: ['placeCategory'] };
/** The clause of the notice each item is (docs/rules.md §7): a missing column citing it leaves the item partly checked. */
const ITEM_CLAUSE = { passport: '記1', status: '記2①', place: '記2②' };
const SEVERITIES = ['error', 'warning', 'info'];
const DAY = 86_400_000;
/** No COVID-19 diagnosis is dated before 2020 (the first case in Japan: 2020-01-15): an earlier week is a mistyped date. */
const EARLIEST_WEEK = '2019-12-30';
/** The share of dated records the chart's weeks must hold; the rest (mistyped years, most often) are told apart. */
const BULK = 0.99;
const SVG = 'http://www.w3.org/2000/svg';

const time = (date) => Date.parse(`${date}T00:00:00Z`);
/** The Monday of the week holding `date` (weeks start on Monday, as summary.weeks). */
export function mondayOf(date) {
  const t = time(date);
  const day = new Date(t).getUTCDay();
  return new Date(t - ((day + 6) % 7) * DAY).toISOString().slice(0, 10);
}

/**
 * The series to draw from an audit summary (null when it has no weeks: an
 * audit module without them, or a refused file). `rules`: auditRules();
 * `items`: noticeItems(). Notice items first, then the other rules that
 * fired (summary.affected > 0), errors, warnings, notes, each in rules order.
 */
export function pictureSeries(summary, { rules, items }) {
  if (!summary || !Array.isArray(summary.weeks)) return null;
  const missingFindings = (summary.fileFindings ?? []).filter((f) => f.code === 'header.missing');
  const missing = new Set(missingFindings.map((f) => f.field));
  const cited = new Set(missingFindings.flatMap((f) => (f.checks ?? []).map((c) => c.ja)));
  // An item counts its records with an error or a warning (summary.notice); its notes
  // (place.name_missing: advice, not an omission, docs/rules.md §7) get a chart of their own.
  const severityOf = new Map(rules.map((rule) => [rule.code, rule.severity]));
  const noticeCodes = new Set(items.flatMap((item) => item.codes).filter((code) => severityOf.get(code) !== 'info'));
  const { from, to, first, last } = chartSpan(summary.weeks);
  const inChart = (w, i) => i >= from && i < to;
  const outsideOf = (counts) => counts.reduce((sum, n, i) => (i >= from && i < to ? sum : sum + n), 0);
  const weeks = summary.weeks.filter(inChart).map((w) => ({ week: w.week, rows: w.rows }));
  const series = items.map((item) => ({
    key: `notice.${item.item}`,
    kind: 'notice',
    item: item.item,
    label: { ja: item.ja, en: item.en },
    checked: !(ITEM_FIELDS[item.item] ?? []).some((field) => missing.has(field)),
    // e.g. 現在のステータス read, but no 死亡日付 column: its death checks did not run.
    partial: cited.has(ITEM_CLAUSE[item.item]),
    affected: summary.notice?.[item.item] ?? 0,
    weekly: summary.weeks.map((w) => w.notice?.[item.item] ?? 0),
  }));
  for (const severity of SEVERITIES) {
    for (const rule of rules) {
      const affected = summary.affected?.[rule.code] ?? 0;
      if (rule.severity !== severity || noticeCodes.has(rule.code) || affected === 0) continue;
      series.push({
        key: rule.code,
        kind: 'rule',
        code: rule.code,
        severity,
        label: { ja: rule.ja, en: rule.en },
        checked: true,
        affected,
        weekly: summary.weeks.map((w) => w.affected?.[rule.code] ?? 0),
      });
    }
  }
  // The weeks outside the chart stay in the counts and get a row of the table of their own.
  for (const entry of series) {
    entry.outside = outsideOf(entry.weekly);
    entry.weekly = entry.weekly.filter((n, i) => i >= from && i < to);
  }
  const outsideWeeks = summary.weeks.filter((w, i) => !inChart(w, i));
  const outside = { rows: outsideOf(summary.weeks.map((w) => w.rows)), weeks: outsideWeeks.length };
  return { rows: summary.rows, undated: summary.undated ?? 0, weeks, axis: weeks.length ? { first, last } : null, outside, series };
}

/**
 * The weeks the chart spans, [from, to) into `weeks` (sorted, weeks without
 * records absent): one mistyped 診断年月日 (2001 for 2021) would otherwise
 * stretch the axis over twenty years and leave the real data a sliver. So
 * weeks before 2020 are out, and of the rest the shortest run of weeks
 * holding at least 99 % of the dated records (up to 1 in 100 records may be
 * told apart; in a file of fewer than 100 none is), joined by the weeks near
 * it (real data thinning out), and widened to the notice's week when that is
 * within a year of it, so before and after stay visible.
 * Nothing is dropped: the records outside are counted apart (pictureSeries).
 */
export function chartSpan(weeks) {
  let first = weeks.findIndex((w) => w.week >= EARLIEST_WEEK);
  if (first < 0) first = weeks.length;
  const total = weeks.slice(first).reduce((sum, w) => sum + w.rows, 0);
  if (total === 0) return { from: first, to: first };
  const need = total - Math.floor(total * (1 - BULK) + 1e-9);
  let best = null;
  let sum = 0;
  // Two pointers: for each first week, the fewest weeks after it that hold `need` records.
  for (let i = first, j = first; i < weeks.length; i++) {
    while (j < weeks.length && sum < need) sum += weeks[j++].rows;
    if (sum < need) break;
    const span = time(weeks[j - 1].week) - time(weeks[i].week);
    if (!best || span < best.span) best = { span, from: i, to: j };
    sum -= weeks[i].rows;
  }
  let { from, to } = best;
  // The 1 % left out may be the real data's thin ends (a last week with two records): a week
  // near the run joins it. Near: within 8 weeks or a quarter of the run; a mistyped year is farther.
  const gap = Math.max(8 * 7 * DAY, (time(weeks[to - 1].week) - time(weeks[from].week)) / 4);
  while (from > first && time(weeks[from].week) - time(weeks[from - 1].week) <= gap) from--;
  while (to < weeks.length && time(weeks[to].week) - time(weeks[to - 1].week) <= gap) to++;
  let axis = { first: weeks[from].week, last: weeks[to - 1].week };
  const noticeWeek = mondayOf(NOTICE_DATE);
  const near = (a, b) => Math.abs(time(a) - time(b)) <= 366 * DAY;
  if (noticeWeek < axis.first && near(noticeWeek, axis.first)) {
    while (from > first && weeks[from - 1].week >= noticeWeek) from--;
    axis = { ...axis, first: noticeWeek };
  } else if (noticeWeek > axis.last && near(noticeWeek, axis.last)) {
    while (to < weeks.length && weeks[to].week <= noticeWeek) to++;
    axis = { ...axis, last: noticeWeek };
  }
  return { from, to, ...axis };
}

/**
 * The share of records with the finding before the notice's week and from it
 * on (the weeks hold 診断年月日 by week; the notice came on a Thursday, so
 * its week is counted after). A side with no record is null.
 */
export function beforeAfter(weeks, weekly, date = NOTICE_DATE) {
  const noticeWeek = mondayOf(date);
  const sides = { before: { rows: 0, count: 0 }, after: { rows: 0, count: 0 } };
  weeks.forEach((w, i) => {
    const side = w.week < noticeWeek ? sides.before : sides.after;
    side.rows += w.rows;
    side.count += weekly[i];
  });
  const share = (s) => (s.rows > 0 ? s.count / s.rows : null);
  return { before: share(sides.before), after: share(sides.after), beforeRows: sides.before.rows, afterRows: sides.after.rows };
}

/** The top of the share axis: the first of these at or above the largest share. */
export function axisMax(largest) {
  return [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1].find((m) => m >= largest - 1e-12) ?? 1;
}

// ----------------------------------------------------------------- drawing

const W = 360;
const H = 150;
const PLOT = { left: 44, right: 352, top: 22, bottom: 116 };

function svgNode(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One item's weekly share as a line (broken over weeks without records), the notice's date as a dashed line. */
function chart(picture, entry, { t, id }) {
  const { weeks, axis } = picture;
  const shares = weeks.map((w, i) => (w.rows > 0 ? entry.weekly[i] / w.rows : 0));
  const top = axisMax(Math.max(0, ...shares));
  const t0 = time(axis.first);
  const t1 = time(axis.last) + 7 * DAY;
  const x = (ms) => PLOT.left + ((ms - t0) / (t1 - t0)) * (PLOT.right - PLOT.left);
  const y = (share) => PLOT.bottom - (share / top) * (PLOT.bottom - PLOT.top);
  const svg = svgNode('svg', { class: 'picture__chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${id}-name`, 'aria-describedby': `${id}-desc`, focusable: 'false' });

  for (const share of [0, top / 2, top]) {
    svg.append(
      svgNode('line', { class: share === 0 ? 'picture__axis' : 'picture__grid', x1: PLOT.left, x2: PLOT.right, y1: y(share), y2: y(share) }),
      svgNode('text', { class: 'picture__tick', x: PLOT.left - 5, y: y(share) + 4, 'text-anchor': 'end' }, t.percentTick(share)),
    );
  }
  svg.append(
    svgNode('text', { class: 'picture__tick', x: PLOT.left, y: H - 18, 'text-anchor': 'start' }, axis.first),
    svgNode('text', { class: 'picture__tick', x: PLOT.right, y: H - 18, 'text-anchor': 'end' }, axis.last),
  );

  // The weeks as runs of consecutive weeks; a week without a record breaks the line.
  const runs = [];
  weeks.forEach((w, i) => {
    const point = [x(time(w.week) + 3.5 * DAY), y(shares[i])];
    const previous = i > 0 ? time(weeks[i - 1].week) : null;
    if (previous === null || time(w.week) - previous > 7 * DAY) runs.push([]);
    runs.at(-1).push(point);
  });
  const fmt = (n) => n.toFixed(1);
  for (const run of runs) {
    const line = run.map(([px, py], i) => `${i ? 'L' : 'M'}${fmt(px)} ${fmt(py)}`).join('');
    const area = `${line}L${fmt(run.at(-1)[0])} ${PLOT.bottom}L${fmt(run[0][0])} ${PLOT.bottom}Z`;
    svg.append(svgNode('path', { class: 'picture__area', d: area }), svgNode('path', { class: 'picture__line', d: run.length > 1 ? line : `${line}h0.01` }));
  }
  // Dots on each week while they stay apart; beyond that the line alone reads better.
  if (weeks.length <= 60) {
    for (const run of runs) for (const [px, py] of run) svg.append(svgNode('circle', { class: 'picture__dot', cx: fmt(px), cy: fmt(py), r: 2.4 }));
  }

  const notice = time(NOTICE_DATE) + DAY / 2;
  if (notice >= t0 && notice <= t1) {
    const nx = x(notice);
    const anchor = nx > (PLOT.left + PLOT.right) / 2 ? 'end' : 'start';
    svg.append(
      svgNode('line', { class: 'picture__notice', x1: nx, x2: nx, y1: PLOT.top - 8, y2: PLOT.bottom }),
      svgNode('text', { class: 'picture__notice-label', x: nx + (anchor === 'end' ? -4 : 4), y: PLOT.top - 10, 'text-anchor': anchor }, t.noticeMark),
    );
  }
  return { svg, top, noticeShown: notice >= t0 && notice <= t1, after: notice < t0 };
}

/**
 * Fills the picture panel (`$`: the page's getElementById) from
 * pictureSeries(); hides it when there is nothing to draw.
 */
export function renderPicture($, picture, { t, lang }) {
  const panel = $('picture-panel');
  panel.hidden = !picture || picture.rows === 0;
  if (panel.hidden) return;
  const { weeks, series, rows } = picture;
  const dated = weeks.length > 0;
  $('picture-panels').replaceChildren(
    ...series.map((entry, n) => {
      const id = `picture-${n}`;
      const tag = entry.kind === 'notice' ? t.noticeTag : t.severity[entry.severity];
      const head = el(
        'h4',
        { class: 'picture__name', id: `${id}-name` },
        el('span', { class: `picture__tag picture__tag--${entry.kind === 'notice' ? 'notice' : entry.severity}`, text: tag }),
        ' ',
        el('span', { text: entry.label[lang] }),
        entry.code ? el('code', { class: 'picture__code', text: entry.code }) : null,
      );
      if (!entry.checked) {
        return el('li', { class: 'picture__item picture__item--unchecked', 'data-series': entry.key }, head, el('p', { class: 'picture__figures', text: t.pictureUnchecked }));
      }
      const ba = beforeAfter(weeks, entry.weekly);
      const words = [t.pictureAffected(entry.affected, rows), dated ? t.pictureBeforeAfter(ba) : '', entry.partial ? t.picturePartial : ''].filter(Boolean);
      const item = el('li', { class: 'picture__item', 'data-series': entry.key, 'data-affected': entry.affected }, head);
      // A rule whose records all lack a readable 診断年月日 (a row with shifted columns is read
      // as no record at all) would draw a flat 0 %: say why there is no line instead.
      // Likewise a rule whose dated records all fall in weeks outside the chart.
      const noWeek = entry.affected > 0 && entry.weekly.every((n) => n === 0);
      if (dated && noWeek) words.splice(1, 1, entry.outside > 0 ? t.pictureAllOutside : t.pictureNoWeek);
      if (!dated || noWeek) {
        item.append(el('p', { class: 'picture__figures', id: `${id}-desc`, text: words.join(t.sentenceGap) }));
        return item;
      }
      const drawn = chart(picture, entry, { t, id });
      // The axes in words for screen readers (the chart's description); on screen the axes say it.
      const axes = t.pictureAxes(picture.axis.first, picture.axis.last, drawn.top, drawn.noticeShown ? null : drawn.after ? 'after' : 'before');
      item.append(el('p', { class: 'picture__figures', id: `${id}-desc` }, words.join(t.sentenceGap), t.sentenceGap, el('span', { class: 'visually-hidden', text: axes })), drawn.svg);
      return item;
    }),
  );
  const undated = $('picture-undated');
  const notes = [
    dated ? '' : t.pictureNoDates,
    picture.outside.rows ? t.pictureOutside(picture.outside.rows, picture.outside.weeks, picture.axis) : '',
    dated && picture.undated ? t.pictureUndated(picture.undated) : '',
  ];
  undated.textContent = notes.filter(Boolean).join(t.sentenceGap);
  undated.hidden = !undated.textContent;
  renderTable($, picture, { t, lang });
}

/** The same numbers as a table: a week per row, an item per column (count and share). */
function renderTable($, picture, { t, lang }) {
  const { weeks, series, rows } = picture;
  const checked = series.filter((s) => s.checked);
  $('picture-data').hidden = weeks.length === 0;
  $('picture-caption').textContent = t.pictureTableCaption;
  $('picture-head').replaceChildren(
    el(
      'tr',
      {},
      el('th', { scope: 'col', text: t.pictureWeek }),
      el('th', { scope: 'col', class: 'num', text: t.pictureRecords }),
      ...checked.map((s) => el('th', { scope: 'col', class: 'num', 'data-series': s.key }, s.kind === 'notice' ? s.label[lang] : el('code', { text: s.code }))),
    ),
  );
  const cell = (count, of) => el('td', { class: 'num', 'data-count': count, text: t.pictureCell(count, of) });
  const sums = checked.map((s) => s.weekly.reduce((a, b) => a + b, s.outside));
  $('picture-body').replaceChildren(
    ...weeks.map((w, i) => el('tr', { 'data-week': w.week }, el('th', { scope: 'row', text: w.week }), el('td', { class: 'num', text: t.number(w.rows) }), ...checked.map((s) => cell(s.weekly[i], w.rows)))),
    ...(picture.outside.rows
      ? [el('tr', { 'data-week': 'outside' }, el('th', { scope: 'row', text: t.pictureOutsideRow }), el('td', { class: 'num', text: t.number(picture.outside.rows) }), ...checked.map((s) => cell(s.outside, picture.outside.rows)))]
      : []),
    ...(picture.undated
      ? [el('tr', { 'data-week': 'undated' }, el('th', { scope: 'row', text: t.pictureUndatedRow }), el('td', { class: 'num', text: t.number(picture.undated) }), ...checked.map((s, k) => cell(s.affected - sums[k], picture.undated)))]
      : []),
    el('tr', { class: 'picture__total', 'data-week': 'all' }, el('th', { scope: 'row', text: t.pictureTotalRow }), el('td', { class: 'num', text: t.number(rows) }), ...checked.map((s) => cell(s.affected, rows))),
  );
}
