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
  /** The first working day after the deadline: a return still unsubmitted is escalated. */
  returnEscalationDay: string;
}

/** What the cycle has to do on a London day; each is the period it is done for, or null. */
export interface CycleDuties {
  day: string;
  remindMissingUpdates: string | null;
  runCycle: string | null;
  remindReturnSignOff: string | null;
  escalateReturnSignOff: string | null;
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
    returnEscalationDay: calendar.addWorkingDays(returnDeadline, 1),
  };
}

/**
 * The duties that fall on a day. Each falls on a day fixed by its period's month end: at most a month or so
 * after it, or, for an update reminder set to come up to 20 working days before a run on the 1st or 2nd working
 * day, before the period has begun. So the periods of the day's month, the two before and the one after are all
 * that can have one.
 */
export function dutiesOn(day: string, rule: CycleRule, calendar: WorkingCalendar): CycleDuties {
  const month = day.slice(0, 7);
  const candidates = [-1, -2, 0, 1].map((months) => cycleDays(addMonths(month, months), rule, calendar));
  const find = (pick: (days: CycleDays) => string) => candidates.find((days) => pick(days) === day)?.period ?? null;
  return {
    day,
    remindMissingUpdates: rule.updateReminderWorkingDays === 0 ? null : find((days) => days.updateReminderDay),
    runCycle: find((days) => days.runDay),
    remindReturnSignOff: rule.returnReminderWorkingDays === 0 ? null : find((days) => days.returnReminderDay),
    escalateReturnSignOff: find((days) => days.returnEscalationDay),
  };
}
