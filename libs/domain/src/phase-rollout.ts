import { londonDay, overdueFrom, startOfLondonDay } from './london-time';
import { plural } from './milestone-assessment';
import type { WorkingCalendar } from './working-calendar';

export interface PhaseRecord {
  ref: string;
  name: string;
  /** The day the phase is planned to be live everywhere: the latest forecast of its milestones. */
  plannedGoLive: string;
  members: { odsCode: string; name: string; wentLiveOn: string | null }[];
}

export type PhaseStatus = 'Live' | 'Green' | 'Red';

export interface PhaseAssessment {
  ref: string;
  status: PhaseStatus;
  live: number;
  total: number;
  /** Members past the planned go-live and not yet live. */
  overdueMembers: string[];
  reasons: string[];
  /** When the phase falls overdue, if it is not live by then; null once live or overdue. */
  nextBoundaryAt: string | null;
}

/**
 * A phase of a phased rollout as at an instant: Live once every member has gone live on or before
 * `asAt`; Red once its planned go-live day has passed with members not live; Green before that.
 */
export function assessPhaseRollout(phase: PhaseRecord, asAt: Date, calendar: WorkingCalendar): PhaseAssessment {
  const isLive = (member: PhaseRecord['members'][number]) => member.wentLiveOn !== null && startOfLondonDay(member.wentLiveOn).getTime() <= asAt.getTime();
  const waiting = phase.members.filter((member) => !isLive(member));
  const total = phase.members.length;
  const live = total - waiting.length;
  const name = `phase '${phase.name}'`;
  const base = { ref: phase.ref, live, total };
  if (waiting.length === 0) {
    return { ...base, status: 'Live', overdueMembers: [], reasons: [`${name} live in all ${total} members`], nextBoundaryAt: null };
  }
  const dueFrom = overdueFrom(phase.plannedGoLive);
  if (asAt.getTime() >= dueFrom.getTime()) {
    const late = calendar.workingDaysBetween(phase.plannedGoLive, londonDay(asAt));
    return {
      ...base,
      status: 'Red',
      overdueMembers: waiting.map((member) => member.odsCode),
      reasons: [`${name} ${plural(late, 'working day')} past its planned go-live ${phase.plannedGoLive}: not live in ${waiting.map((member) => member.name).join(', ')}`],
      nextBoundaryAt: null,
    };
  }
  return {
    ...base,
    status: 'Green',
    overdueMembers: [],
    reasons: [`${name} live in ${live} of ${total} members, planned go-live ${phase.plannedGoLive}`],
    nextBoundaryAt: dueFrom.toISOString(),
  };
}
