import type { WorkingCalendar } from '@pmo/domain';
import type { MilestoneView } from '../programme-view';

export interface MilestoneSlip {
  /** Working days the actual, else the forecast, lies beyond the baseline: positive is a slip. */
  varianceWorkingDays: number;
  /** While overdue, the working days since the day it fell due (0 on that day); null when it is not overdue. */
  overdueWorkingDays: number | null;
}

/**
 * How far a milestone has slipped, as at a London day, in working days: its variance against the baseline, and
 * for one overdue the days it has been overdue, which a variance of 0 would hide (due on its baseline, not done).
 */
export function milestoneSlip(milestone: MilestoneView, calendar: WorkingCalendar, day: string): MilestoneSlip {
  return {
    varianceWorkingDays: calendar.workingDaysBetween(milestone.baselineDate, milestone.actualDate ?? milestone.forecastDate),
    overdueWorkingDays: milestone.overdue ? Math.max(0, calendar.workingDaysBetween(milestone.forecastDate, day)) : null,
  };
}
