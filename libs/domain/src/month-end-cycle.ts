import { nthWorkingDayAfterMonthEnd } from './financial-calendar';
import { addMonths, startOfLondonDay } from './london-time';
import type { WorkingCalendar } from './working-calendar';

/** When a period's month-end cycle and the deadlines around it fall, in working days after the month ends. */
export interface CycleRule {
  /** The cycle runs on this working day after month end (5: the 5th working day). */
  runWorkingDay: number;
  /** The NHS England return is due by the end of this working day after month end. */
  returnDeadlineWorkingDay: number;
  /** Sign-off is chased this many working days before its deadline. */
  returnReminderWorkingDays: number;
  /** A programme manager whose monthly update is missing is reminded this many working days before the run. */
  updateReminderWorkingDays: number;
}

export const DEFAULT_CYCLE_RULE: CycleRule = { runWorkingDay: 5, returnDeadlineWorkingDay: 10, returnReminderWorkingDays: 2, updateReminderWorkingDays: 2 };

/** The London days of one period's cycle. */
export interface CycleDays {
  period: string;
  updateReminderDay: string;
  runDay: string;
  /** The return's figures are as at the start of the run day: what was recorded before the cycle ran. */
  returnAsAt: string;
  returnReminderDay: string;
  returnDeadline: string;
}

export function checkCycleRule(rule: CycleRule): string[] {
  const problems: string[] = [];
  const whole = (value: number, name: keyof CycleRule, min: number) => {
    if (!Number.isInteger(value) || value < min || value > 20) problems.push(`${name} must be a whole number of working days from ${min} to 20`);
  };
  whole(rule.runWorkingDay, 'runWorkingDay', 1);
  whole(rule.returnDeadlineWorkingDay, 'returnDeadlineWorkingDay', 1);
  whole(rule.returnReminderWorkingDays, 'returnReminderWorkingDays', 0);
  whole(rule.updateReminderWorkingDays, 'updateReminderWorkingDays', 0);
  if (problems.length === 0 && rule.returnDeadlineWorkingDay < rule.runWorkingDay) problems.push('returnDeadlineWorkingDay must not come before runWorkingDay');
  return problems;
}

export function cycleDays(period: string, rule: CycleRule, calendar: WorkingCalendar): CycleDays {
  const runDay = nthWorkingDayAfterMonthEnd(period, rule.runWorkingDay, calendar);
  const returnDeadline = nthWorkingDayAfterMonthEnd(period, rule.returnDeadlineWorkingDay, calendar);
  return {
    period,
    updateReminderDay: calendar.addWorkingDays(runDay, -rule.updateReminderWorkingDays),
    runDay,
    returnAsAt: startOfLondonDay(runDay).toISOString(),
    returnReminderDay: calendar.addWorkingDays(returnDeadline, -rule.returnReminderWorkingDays),
    returnDeadline,
  };
}

/**
 * The period whose cycle runs on a London day, or null: the run day of a month's cycle falls in the
 * next month or, with a late rule and a long Christmas, the month after, so both are tried.
 */
export function periodRunningOn(day: string, rule: CycleRule, calendar: WorkingCalendar): string | null {
  const month = day.slice(0, 7);
  for (const period of [addMonths(month, -1), addMonths(month, -2)]) {
    if (nthWorkingDayAfterMonthEnd(period, rule.runWorkingDay, calendar) === day) return period;
  }
  return null;
}
