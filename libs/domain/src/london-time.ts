/**
 * Days in Europe/London as `YYYY-MM-DD`, and the UTC instants where they start and end, across the
 * clock changes. Pure: only the time-zone rules that Intl carries.
 */

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function londonParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const parts = Object.fromEntries(LONDON_PARTS.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const HOUR_MS = 3_600_000;
/** Enough for years of hours and days; cleared when full, since a lookup costs less than the Intl call it saves. */
const CACHE_LIMIT = 100_000;
const dayByHour = new Map<number, string>();
const startByDay = new Map<string, number>();

function remembered<K, V>(cache: Map<K, V>, key: K, work: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = work();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The day in London that an instant falls on. London's offset only ever changes on the hour (UTC), so
 * every instant of a UTC hour has the same London day: it is worked out once per hour, because
 * Intl's formatToParts is what the month-end spent most of its time in.
 */
export function londonDay(instant: Date): string {
  return remembered(dayByHour, Math.floor(instant.getTime() / HOUR_MS), () => {
    const { year, month, day } = londonParts(instant);
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });
}

/** The instant a London day starts: midnight GMT in winter, 23:00 UTC the day before in summer. */
export function startOfLondonDay(day: string): Date {
  return new Date(
    remembered(startByDay, day, () => {
      const utcMidnight = Date.parse(`${day}T00:00:00Z`);
      if (Number.isNaN(utcMidnight)) throw new RangeError(`not a day: ${day}`);
      // London is UTC or UTC+1, so its midnight is at UTC midnight or an hour before it.
      const parts = londonParts(new Date(utcMidnight));
      const offsetMs = parts.hour === 0 ? 0 : 3_600_000;
      return utcMidnight - offsetMs;
    }),
  );
}

/** The last millisecond of a London day: a milestone due that day is overdue after it. */
export function endOfLondonDay(day: string): Date {
  return new Date(startOfLondonDay(addDays(day, 1)).getTime() - 1);
}

export function addDays(day: string, days: number): string {
  const date = new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** Whole calendar days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addMonths(month: string, months: number): string {
  const [year, monthNumber] = month.split('-').map(Number);
  const index = year * 12 + (monthNumber - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from one `YYYY-MM` to another. */
export function monthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}

/** The last day of a `YYYY-MM` month. */
export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/** The instant a milestone forecast for a day falls overdue: the start of the next London day. */
export function overdueFrom(day: string): Date {
  return startOfLondonDay(addDays(day, 1));
}
