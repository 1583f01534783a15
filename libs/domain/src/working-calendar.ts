const DAY_MS = 86_400_000;
/** 1970-01-01, day 0 of the count, was a Thursday. */
const EPOCH_WEEKDAY = 4;
/** Weekdays among the first n days of a week that starts on a Thursday: Thu, Fri, Sat, Sun, Mon, Tue, Wed. */
const WEEKDAYS_IN_FIRST = [0, 1, 2, 2, 2, 3, 4, 5];

/** A day as a whole number of days since 1970-01-01, for arithmetic without dates or strings. */
const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayOfNumber = (number: number): string => new Date(number * DAY_MS).toISOString().slice(0, 10);
/** 0 is Sunday and 6 Saturday, as Date's getUTCDay. */
const weekdayOf = (number: number): number => (((number + EPOCH_WEEKDAY) % 7) + 7) % 7;

/** Monday-to-Friday days numbered below n (from any fixed origin: only differences are used). */
function weekdaysBelow(n: number): number {
  const weeks = Math.floor(n / 7);
  return 5 * weeks + WEEKDAYS_IN_FIRST[n - 7 * weeks];
}

/** How many of the sorted numbers are below n. */
function countBelow(sorted: readonly number[], n: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < n) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Working days in England: Monday to Friday, less the England and Wales bank holidays the caller
 * supplies (the domain reads no data of its own). Days are `YYYY-MM-DD`. Counting is arithmetic on
 * day numbers (whole weeks, then the bank holidays by binary search), never a walk from day to day:
 * the month-end assesses every milestone of every programme against this calendar.
 */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<number>;
  /** The bank holidays that fall on a weekday, sorted: the only ones a count of weekdays must take off. */
  private readonly weekdayHolidays: readonly number[];

  constructor(bankHolidays: Iterable<string>) {
    const numbers = [...new Set([...bankHolidays].map(dayNumber))];
    this.holidays = new Set(numbers);
    this.weekdayHolidays = numbers.filter((number) => weekdayOf(number) !== 0 && weekdayOf(number) !== 6).sort((a, b) => a - b);
  }

  isWorkingDay(day: string): boolean {
    return this.isWorkingDayNumber(dayNumber(day));
  }

  /** The day `count` working days after `day` (before it when negative); `day` itself need not be a working day. */
  addWorkingDays(day: string, count: number): string {
    const step = count < 0 ? -1 : 1;
    let remaining = Math.abs(count);
    let current = dayNumber(day);
    while (remaining > 0) {
      current += step;
      if (this.isWorkingDayNumber(current)) remaining -= 1;
    }
    return dayOfNumber(current);
  }

  /**
   * Working days after `from` up to and including `to`; when `to` is earlier, minus the working days
   * from `to` up to but not including `from`. So `workingDaysBetween(d, addWorkingDays(d, n))` is `n`.
   */
  workingDaysBetween(from: string, to: string): number {
    const [first, last] = [dayNumber(from), dayNumber(to)];
    return last >= first ? this.workingDaysIn(first + 1, last + 1) : -this.workingDaysIn(last, first);
  }

  /** Working days numbered from `start` up to but not including `end`. */
  private workingDaysIn(start: number, end: number): number {
    return weekdaysBelow(end) - weekdaysBelow(start) - (countBelow(this.weekdayHolidays, end) - countBelow(this.weekdayHolidays, start));
  }

  private isWorkingDayNumber(number: number): boolean {
    const weekday = weekdayOf(number);
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(number);
  }
}
