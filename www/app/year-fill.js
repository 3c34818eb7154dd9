// Typing a stack of 発生届 on the page: the dates of one case lie within weeks
// of its 報告年月日, so the clerk may choose (off by default, per session,
// never stored) to type them without a year (6.12, 6/12, 6月12日) and have the
// page write the full date as the field is left. This is not the validator
// guessing a year (docs/rules.md §6: `date.no_year` stays an error in files
// and for every caller): the clerk turned it on, the year comes from a date
// the record states, the completed date is in the field at once to be read,
// and 生年月日, decades away, is never completed (docs/rules.md §6, "typing
// dates on the page").

/** A date without a year as people type it, after NFKC: 6.12, 6/12, 6-12, 6月12日. */
const MONTH_DAY = /^(\d{1,2})\s*[./\-月]\s*(\d{1,2})\s*日?$/u;

const pad = (n) => String(n).padStart(2, '0');
/** Half a year: a case's dates lie within weeks of its report; farther, the clerk must type the year. */
const MAX_DISTANCE_MS = 183 * 86_400_000;

/**
 * The full date for a year-less `typed`, in the year that puts it closest to
 * `reportDate` (YYYY-MM-DD): 12.28 for a report of 2022-01-05 is 2021-12-28,
 * 6.25 for a report of 2021-06-20 is 2021-06-25. `undefined` when `typed` is
 * not a month and a day, or no such day lies within half a year of the report
 * (2.29 for a report of 2021-03-01: a typing error, left for the rules to flag).
 * `exists(iso)` says whether a date exists (the module's parseDate).
 */
export function completeYear(typed, reportDate, exists) {
  const match = MONTH_DAY.exec(String(typed).normalize('NFKC').trim());
  const report = /^(\d{4})-(\d{2})-(\d{2})$/.exec(reportDate ?? '');
  if (!match || !report) return undefined;
  const [month, day] = [Number(match[1]), Number(match[2])];
  const reportTime = Date.UTC(Number(report[1]), Number(report[2]) - 1, Number(report[3]));
  let best;
  for (const year of [Number(report[1]) - 1, Number(report[1]), Number(report[1]) + 1]) {
    const iso = `${year}-${pad(month)}-${pad(day)}`;
    if (!exists(iso)) continue;
    const distance = Math.abs(Date.UTC(year, month - 1, day) - reportTime);
    if (distance <= MAX_DISTANCE_MS && (!best || distance < best.distance)) best = { iso, distance };
  }
  return best?.iso;
}

/**
 * Completes year-less dates in `form` as they are left, while `isOn()`.
 * `dateKeys`: the date fields' names; `reportKey`: the field the year comes
 * from; `never`: fields never completed (生年月日). `parseDate`: the module's.
 * `onFilled(key)` is told after a field was completed (to announce it).
 * Runs in the capture phase of `change`, so the field's own listeners (attach)
 * already see the full date. Returns `{ willComplete, unbind }`:
 * `willComplete(key, value)` says whether `value` in `key` will be completed
 * when the field is left (attach's holdWhile: no date.no_year shown on a pause
 * for a value that is about to be completed).
 */
export function bindYearFill(form, { dateKeys, reportKey, never, parseDate, isOn, onFilled }) {
  const completes = new Set(dateKeys.filter((key) => key !== reportKey && !never.includes(key)));
  const exists = (iso) => parseDate(iso).ok === true;
  /** The full date `value` in `key` becomes when left, or undefined. */
  const completion = (key, value) => {
    if (!isOn() || !completes.has(key) || String(value ?? '').trim() === '') return undefined;
    // Not a date as typed (6/12 is date.no_year, 6.12 date.invalid): completeYear takes a month and a day only.
    if (parseDate(value).ok) return undefined;
    const report = parseDate(form.elements[reportKey]?.value ?? '');
    if (!report.ok) return undefined;
    return completeYear(value, report.value, exists);
  };
  const onChange = (event) => {
    const control = event.target;
    const full = completion(control?.name, control?.value);
    if (full === undefined) return;
    control.value = full;
    onFilled?.(control.name);
  };
  form.addEventListener('change', onChange, true);
  return {
    willComplete: (key, value) => completion(key, value) !== undefined,
    unbind: () => form.removeEventListener('change', onChange, true),
  };
}
