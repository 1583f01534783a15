import { londonDay, startOfLondonDay } from './london-time';
import { MilestoneStatus, severity } from './rag-status';
import type { AssessmentSettings } from './assessment-settings';

/** What the rules need to know of a milestone. Days are `YYYY-MM-DD` in London; instants UTC ISO strings. */
export interface MilestoneRecord {
  id: string;
  name: string;
  baselineDate: string;
  forecastDate: string;
  /** The instant it is overdue from: the start of the day after its forecast day, unless the plan gave an exact time. */
  dueAt: string;
  completedAt: string | null;
  /** When the owner last confirmed it will land on its forecast. */
  confirmedAt: string | null;
  predecessorIds: string[];
}

export interface MilestoneAssessment {
  milestoneId: string;
  status: MilestoneStatus;
  /** Past its due instant and not complete: the cause the escalation ladder acts on. */
  overdue: boolean;
  /** Inside its warning window, not yet due, and its owner has not confirmed it: the owner is warned. */
  awaitingConfirmation: boolean;
  reasons: string[];
}

/**
 * Every milestone's status as at an instant, predecessors before successors (see docs/rules.md):
 * Complete once completed at or before `asAt`; Red when overdue, when its forecast is beyond the Red
 * slip tolerance or when a predecessor is Red; Amber when its forecast is beyond the Amber tolerance,
 * or inside the warning window without the owner's confirmation; Green otherwise.
 * Anything recorded after `asAt` is ignored, so a past status can be rebuilt.
 */
export function assessMilestones(milestones: readonly MilestoneRecord[], asAt: Date, settings: AssessmentSettings): MilestoneAssessment[] {
  const byId = new Map(milestones.map((milestone) => [milestone.id, milestone]));
  const results = new Map<string, MilestoneAssessment>();
  const visiting = new Set<string>();
  const assess = (milestone: MilestoneRecord): MilestoneAssessment => {
    const done = results.get(milestone.id);
    if (done) return done;
    // A cycle cannot be recorded (the plan is checked), but a rule must never loop on bad data.
    if (visiting.has(milestone.id)) return { milestoneId: milestone.id, status: 'Green', overdue: false, awaitingConfirmation: false, reasons: [] };
    visiting.add(milestone.id);
    const redPredecessors = milestone.predecessorIds
      .map((id) => byId.get(id))
      .filter((predecessor): predecessor is MilestoneRecord => predecessor !== undefined && assess(predecessor).status === 'Red');
    const result = assessOne(milestone, asAt, settings, redPredecessors);
    results.set(milestone.id, result);
    visiting.delete(milestone.id);
    return result;
  };
  return milestones.map(assess);
}

function assessOne(milestone: MilestoneRecord, asAt: Date, settings: AssessmentSettings, redPredecessors: MilestoneRecord[]): MilestoneAssessment {
  const { calendar, tolerances } = settings;
  const name = `milestone '${milestone.name}'`;
  const completed = milestone.completedAt === null ? null : Date.parse(milestone.completedAt);
  if (completed !== null && completed <= asAt.getTime()) {
    const lateBy = calendar.workingDaysBetween(milestone.baselineDate, londonDay(new Date(completed)));
    const late = lateBy > 0 ? `, ${plural(lateBy, 'working day')} after its baseline` : '';
    return { milestoneId: milestone.id, status: 'Complete', overdue: false, awaitingConfirmation: false, reasons: [`${name} completed on ${londonDay(new Date(completed))}${late}`] };
  }

  const today = londonDay(asAt);
  const findings: { status: MilestoneStatus; reason: string }[] = [];
  const overdue = asAt.getTime() >= Date.parse(milestone.dueAt);
  if (overdue) {
    const days = calendar.workingDaysBetween(milestone.forecastDate, today);
    const by = days > 0 ? `${plural(days, 'working day')} overdue` : `overdue since ${milestone.dueAt}`;
    findings.push({ status: 'Red', reason: `${name} ${by} (due ${milestone.forecastDate})` });
  }
  const slip = calendar.workingDaysBetween(milestone.baselineDate, milestone.forecastDate);
  if (slip > tolerances.redSlipWorkingDays) {
    findings.push({
      status: 'Red',
      reason: `${name} forecast ${milestone.forecastDate} is ${plural(slip, 'working day')} after its baseline ${milestone.baselineDate}, beyond the Red tolerance of ${tolerances.redSlipWorkingDays}`,
    });
  } else if (slip > tolerances.amberSlipWorkingDays) {
    findings.push({
      status: 'Amber',
      reason: `${name} forecast ${milestone.forecastDate} is ${plural(slip, 'working day')} after its baseline ${milestone.baselineDate}, within the Red tolerance of ${tolerances.redSlipWorkingDays}`,
    });
  }
  for (const predecessor of redPredecessors) {
    findings.push({ status: 'Red', reason: `${name} depends on milestone '${predecessor.name}', which is Red` });
  }
  let awaitingConfirmation = false;
  if (!overdue) {
    const warningFrom = calendar.addWorkingDays(milestone.forecastDate, -settings.warningWorkingDays);
    const confirmed = milestone.confirmedAt !== null && Date.parse(milestone.confirmedAt) >= startOfLondonDay(warningFrom).getTime() && Date.parse(milestone.confirmedAt) <= asAt.getTime();
    if (today >= warningFrom && !confirmed) {
      awaitingConfirmation = true;
      const left = calendar.workingDaysBetween(today, milestone.forecastDate);
      findings.push({ status: 'Amber', reason: `${name} is due in ${plural(left, 'working day')} (${milestone.forecastDate}) without its owner's confirmation` });
    }
  }
  if (findings.length === 0) {
    const left = calendar.workingDaysBetween(today, milestone.forecastDate);
    return { milestoneId: milestone.id, status: 'Green', overdue, awaitingConfirmation, reasons: [`${name} on track, due ${milestone.forecastDate} in ${plural(left, 'working day')}`] };
  }
  const worst = findings.reduce((a, b) => (severity(b.status) > severity(a.status) ? b : a)).status;
  return {
    milestoneId: milestone.id,
    status: worst,
    overdue,
    awaitingConfirmation,
    reasons: findings.filter((finding) => finding.status === worst).map((finding) => finding.reason),
  };
}

/** The instants after `asAt` at which the milestone's status can change by time passing alone. */
export function milestoneBoundaries(milestone: MilestoneRecord, asAt: Date, settings: AssessmentSettings): number[] {
  if (milestone.completedAt !== null && Date.parse(milestone.completedAt) <= asAt.getTime()) return [];
  const warningFrom = settings.calendar.addWorkingDays(milestone.forecastDate, -settings.warningWorkingDays);
  const instants = [Date.parse(milestone.dueAt), startOfLondonDay(warningFrom).getTime()];
  // Seen as at a past instant, a later completion or confirmation is a boundary too.
  if (milestone.completedAt !== null) instants.push(Date.parse(milestone.completedAt));
  if (milestone.confirmedAt !== null) instants.push(Date.parse(milestone.confirmedAt));
  return instants.filter((instant) => instant > asAt.getTime());
}

export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
