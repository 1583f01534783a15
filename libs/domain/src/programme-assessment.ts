import type { AssessmentSettings } from './assessment-settings';
import { applyOverride, suggestDeliveryConfidence } from './delivery-confidence';
import type { ConfidenceOverride, DeliveryConfidenceAssessment } from './delivery-confidence';
import { addMonths, endOfLondonDay, lastDayOfMonth, londonDay } from './london-time';
import { assessMilestones, milestoneBoundaries } from './milestone-assessment';
import type { MilestoneAssessment, MilestoneRecord } from './milestone-assessment';
import { RagStatus, severity, worstOf } from './rag-status';
import { assessTrajectory, trajectoryBoundaries } from './trajectory-assessment';
import type { TrajectoryAssessment, TrajectoryRecord } from './trajectory-assessment';

export type DirectionOfTravel = 'improving' | 'stable' | 'worsening';

export interface ProgrammeRecordForAssessment {
  milestones: readonly MilestoneRecord[];
  trajectories: readonly TrajectoryRecord[];
  confidenceOverride: ConfidenceOverride | null;
}

export interface ProgrammeAssessment {
  asAt: string;
  status: RagStatus;
  reasons: string[];
  milestones: MilestoneAssessment[];
  trajectories: TrajectoryAssessment[];
  deliveryConfidence: DeliveryConfidenceAssessment;
  /** Against the status as at the end of last month. */
  directionOfTravel: { direction: DirectionOfTravel; lastMonth: RagStatus; lastMonthEnd: string };
  /** The next instant at which a status changes by the passing of time alone; null when none will. */
  nextBoundaryAt: string | null;
}

/**
 * A programme's status as at an instant: its milestones and trajectories judged, rolled up (worst-of
 * by default), its delivery confidence suggested from the breaches, and its direction of travel
 * against the end of last month. A pure function of the record and `asAt` (see docs/rules.md).
 */
export function assessProgramme(record: ProgrammeRecordForAssessment, asAt: Date, settings: AssessmentSettings): ProgrammeAssessment {
  const current = rollUp(record, asAt, settings);
  const lastMonthEnd = lastDayOfMonth(addMonths(londonDay(asAt).slice(0, 7), -1));
  const previous = rollUp(record, endOfLondonDay(lastMonthEnd), settings);
  const direction: DirectionOfTravel =
    severity(current.status) < severity(previous.status) ? 'improving' : severity(current.status) > severity(previous.status) ? 'worsening' : 'stable';
  const boundaries = [
    ...record.milestones.flatMap((milestone) => milestoneBoundaries(milestone, asAt, settings)),
    ...record.trajectories.flatMap((trajectory) => trajectoryBoundaries(trajectory, asAt, settings)),
  ];
  return {
    asAt: asAt.toISOString(),
    ...current,
    deliveryConfidence: applyOverride(suggestDeliveryConfidence(current.parts), record.confidenceOverride, londonDay(asAt)),
    directionOfTravel: { direction, lastMonth: previous.status, lastMonthEnd },
    nextBoundaryAt: boundaries.length === 0 ? null : new Date(Math.min(...boundaries)).toISOString(),
  };
}

function rollUp(record: ProgrammeRecordForAssessment, asAt: Date, settings: AssessmentSettings) {
  const milestones = assessMilestones(record.milestones, asAt, settings);
  const trajectories = record.trajectories.map((trajectory) => assessTrajectory(trajectory, asAt, settings));
  const counted = [
    ...milestones.map((milestone) => ({ status: milestone.status, reasons: milestone.reasons })),
    ...(settings.rollUp === 'worst-of' ? trajectories.flatMap((trajectory) => (trajectory.status === 'Pending' ? [] : [trajectory])) : []),
  ];
  const status = worstOf(counted.map((part) => part.status as RagStatus | 'Complete'));
  const complete = milestones.filter((milestone) => milestone.status === 'Complete').length;
  const reasons =
    status === 'Green'
      ? [`all ${milestones.length} milestones complete or on track (${complete} complete)`]
      : counted.filter((part) => part.status !== 'Complete' && severity(part.status as RagStatus) === severity(status)).flatMap((part) => part.reasons);
  return { status, reasons, milestones, trajectories, parts: [...milestones.map((m) => m.status), ...trajectories.map((t) => t.status)] };
}
