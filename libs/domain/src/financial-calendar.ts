import { addMonths, lastDayOfMonth } from './london-time';
import type { WorkingCalendar } from './working-calendar';

/**
 * The NHS financial calendar: the year runs April to March ("2018/19"), quarters Q1 (April to June) to
 * Q4, months M1 (April) to M12 (March). A reporting period is a calendar month, `YYYY-MM`.
 */
export interface FinancialPeriod {
  month: string;
  financialYear: string;
  quarter: 'Q1' | 'Q2' | 'Q3' | 'Q4';
  /** M1 is April. */
  monthNumber: number;
  /** "M10 2017/18 (January 2018)". */
  label: string;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function financialPeriod(month: string): FinancialPeriod {
  const [year, calendarMonth] = month.split('-').map(Number);
  const startYear = calendarMonth >= 4 ? year : year - 1;
  const financialYear = `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
  const monthNumber = ((calendarMonth + 8) % 12) + 1;
  const quarter = (['Q1', 'Q2', 'Q3', 'Q4'] as const)[Math.floor((monthNumber - 1) / 3)];
  return { month, financialYear, quarter, monthNumber, label: `M${monthNumber} ${financialYear} (${MONTH_NAMES[calendarMonth - 1]} ${year})` };
}

/** The reporting period a day's month-end run reports on: the month before the one the day falls in. */
export function periodBefore(day: string): string {
  return addMonths(day.slice(0, 7), -1);
}

/** The `n`th working day after a month ends (n ≥ 1): when that month's cycle runs, or its return is due. */
export function nthWorkingDayAfterMonthEnd(month: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number of working days from 1: ${n}`);
  return calendar.addWorkingDays(lastDayOfMonth(month), n);
}
