// Japan's calendar date, whatever the host's time zone (docs/rules.md §4:
// the default validation day is today in Japan, and a Date in a date field
// is read as its date in Japan). Japan keeps UTC+9 all year (no daylight
// saving since 1951), so this is plain arithmetic on the instant, with no
// Date methods a page could have replaced.

const { floor } = Math;
const dateNow = Date.now;
const JAPAN_OFFSET_MS = 9 * 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Japan's calendar date at `ms` since the epoch: [year, month, day] (days to civil date, after H. Hinnant). */
export function japanDateParts(ms) {
  const z = floor((ms + JAPAN_OFFSET_MS) / MS_PER_DAY) + 719_468;
  const era = floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = floor((dayOfEra - floor(dayOfEra / 1460) + floor(dayOfEra / 36_524) - floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + floor(yearOfEra / 4) - floor(yearOfEra / 100));
  const shifted = floor((5 * dayOfYear + 2) / 153); // months from March
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - floor((153 * shifted + 2) / 5) + 1];
}

/** Japan's calendar date at `ms` since the epoch, as YYYY-MM-DD ('Invalid Date' for NaN, read as date.invalid). */
export function japanDate(ms) {
  if (ms !== ms) return 'Invalid Date';
  const [year, month, day] = japanDateParts(ms);
  const pad = (n) => (n < 10 ? `0${n}` : `${n}`);
  const y = year >= 0 && year <= 9999 ? `000${year}`.slice(-4) : `${year}`;
  return `${y}-${pad(month)}-${pad(day)}`;
}

/** Today in Japan (Asia/Tokyo) as YYYY-MM-DD: the default validation day. */
export function japanToday() {
  return japanDate(dateNow());
}
