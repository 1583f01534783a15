import { MilestoneStatus } from './rag-status';

/** What the rule needs to know of a milestone. Instants are UTC ISO 8601 strings. */
export interface MilestoneRecord {
  id: string;
  name: string;
  dueAt: string;
  completedAt: string | null;
}

export interface MilestoneAssessment {
  milestoneId: string;
  status: MilestoneStatus;
  reasons: string[];
}

/**
 * A milestone's status as at an instant.
 * Complete once its completion is recorded at or before `asAt`; Red from its due instant on while
 * not complete; Green before that. A completion recorded after `asAt` is ignored, so the status
 * as at any past instant can be rebuilt from the record.
 */
export function assessMilestone(milestone: MilestoneRecord, asAt: Date): MilestoneAssessment {
  const at = asAt.getTime();
  const due = Date.parse(milestone.dueAt);
  const completed = milestone.completedAt === null ? null : Date.parse(milestone.completedAt);

  if (completed !== null && completed <= at) {
    const late = completed > due ? `, ${describeDuration(completed - due)} after its due time` : '';
    return status(milestone, 'Complete', `milestone '${milestone.name}' completed at ${milestone.completedAt}${late}`);
  }
  if (at >= due) {
    return status(milestone, 'Red', `milestone '${milestone.name}' overdue by ${describeDuration(at - due)} (due ${milestone.dueAt})`);
  }
  return status(milestone, 'Green', `milestone '${milestone.name}' due ${milestone.dueAt}, in ${describeDuration(due - at)}`);
}

function status(milestone: MilestoneRecord, value: MilestoneStatus, reason: string): MilestoneAssessment {
  return { milestoneId: milestone.id, status: value, reasons: [reason] };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A short human duration: "45 seconds", "12 minutes", "3 hours", "90 days". */
export function describeDuration(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms >= DAY) return plural(Math.floor(ms / DAY), 'day');
  if (ms >= HOUR) return plural(Math.floor(ms / HOUR), 'hour');
  if (ms >= MINUTE) return plural(Math.floor(ms / MINUTE), 'minute');
  return plural(Math.floor(ms / 1000), 'second');
}
