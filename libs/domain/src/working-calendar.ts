import { addDays } from './london-time';

/**
 * Working days in England: Monday to Friday, less the England and Wales bank holidays the caller
 * supplies (the domain reads no data of its own). Days are `YYYY-MM-DD`.
 */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;

  constructor(bankHolidays: Iterable<string>) {
    this.holidays = new Set(bankHolidays);
  }

  isWorkingDay(day: string): boolean {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(day);
  }

  /** The day `count` working days after `day` (before it when negative); `day` itself need not be a working day. */
  addWorkingDays(day: string, count: number): string {
    const step = count < 0 ? -1 : 1;
    let remaining = Math.abs(count);
    let current = day;
    while (remaining > 0) {
      current = addDays(current, step);
      if (this.isWorkingDay(current)) remaining -= 1;
    }
    return current;
  }

  /**
   * Working days after `from` up to and including `to`; when `to` is earlier, minus the working days
   * from `to` up to but not including `from`. So `workingDaysBetween(d, addWorkingDays(d, n))` is `n`.
   */
  workingDaysBetween(from: string, to: string): number {
    const [first, last, sign] = to < from ? [addDays(to, -1), addDays(from, -1), -1] : [from, to, 1];
    let count = 0;
    for (let current = addDays(first, 1); current <= last; current = addDays(current, 1)) {
      if (this.isWorkingDay(current)) count += 1;
    }
    return sign * count;
  }
}
