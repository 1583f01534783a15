import { addDays, londonDay, startOfLondonDay } from './london-time';
import type { WorkingCalendar } from './working-calendar';

/** Whom a rung tells, by the part they play; each programme names its people. */
export type EscalationRole = 'owner' | 'manager' | 'lead' | 'sro' | 'pmo';

export const ESCALATION_ROLES: readonly EscalationRole[] = ['owner', 'manager', 'lead', 'sro', 'pmo'];

/** A rung of the ladder: this many working days after the milestone fell overdue, tell these people. */
export interface LadderRung {
  afterWorkingDays: number;
  to: EscalationRole[];
}

/**
 * The default ladder for an overdue milestone: its owner at once; the programme lead three working days
 * later; the SRO (with the PMO) after ten. A programme may set its own (PUT .../escalation-policy).
 */
export const DEFAULT_OVERDUE_LADDER: readonly LadderRung[] = [
  { afterWorkingDays: 0, to: ['owner'] },
  { afterWorkingDays: 3, to: ['lead'] },
  { afterWorkingDays: 10, to: ['sro', 'pmo'] },
];

/** Why a ladder cannot be used, in words; empty when it can. */
export function ladderProblems(ladder: readonly LadderRung[]): string[] {
  const problems: string[] = [];
  if (ladder.length === 0 || ladder.length > 6) problems.push('a ladder has one to six rungs');
  ladder.forEach((rung, index) => {
    if (!Number.isInteger(rung.afterWorkingDays) || rung.afterWorkingDays < 0 || rung.afterWorkingDays > 60) problems.push(`rung ${index + 1}: afterWorkingDays must be a whole number from 0 to 60`);
    if (index > 0 && rung.afterWorkingDays <= ladder[index - 1].afterWorkingDays) problems.push(`rung ${index + 1}: must come later than rung ${index}`);
    if (rung.to.length === 0) problems.push(`rung ${index + 1}: must tell someone`);
  });
  return problems;
}

/**
 * When each rung fires: `afterWorkingDays` working days after the London day the milestone fell overdue,
 * at the same time of day; rung 0 days fires at the overdue instant itself.
 */
export function rungInstants(overdueAt: Date, ladder: readonly LadderRung[], calendar: WorkingCalendar): string[] {
  const day = londonDay(overdueAt);
  const sinceMidnight = overdueAt.getTime() - startOfLondonDay(day).getTime();
  return ladder.map((rung) => {
    if (rung.afterWorkingDays === 0) return overdueAt.toISOString();
    const fireDay = calendar.addWorkingDays(day, rung.afterWorkingDays);
    return new Date(startOfLondonDay(fireDay).getTime() + sinceMidnight).toISOString();
  });
}

/** The first instant after a snooze that ends with a London day: the start of the next day. */
export function snoozeEndsAt(untilDay: string): string {
  return startOfLondonDay(addDays(untilDay, 1)).toISOString();
}
