import type { DeliveryConfidenceAssessment, DirectionOfTravel, MilestoneStatus, ProgrammeAssessment, RagStatus } from '@pmo/domain';
import type { EscalationRow, MilestoneRow, PlanTrajectory, ProgrammeRecord } from './ports/programme.repository';

export interface MilestoneView extends MilestoneRow {
  status: MilestoneStatus;
  overdue: boolean;
  reasons: string[];
}

export interface TrajectoryView {
  ref: string;
  name: string;
  basis: string;
  /** The latest month that could be judged; Pending when none could yet. */
  status: RagStatus | 'Pending';
  reasons: string[];
}

/** A programme with every status worked out as at `asAt`, and its escalations with their delivery status. */
export interface ProgrammeView {
  id: string;
  name: string;
  leadEmail: string;
  createdAt: string;
  asAt: string;
  status: RagStatus;
  reasons: string[];
  deliveryConfidence: DeliveryConfidenceAssessment;
  directionOfTravel: { direction: DirectionOfTravel; lastMonth: RagStatus; lastMonthEnd: string };
  milestones: MilestoneView[];
  trajectories: TrajectoryView[];
  escalations: EscalationRow[];
}

/** What of the plan the view names beside the assessment: its trajectories. */
export type ViewedTrajectory = Pick<PlanTrajectory, 'ref' | 'name' | 'basis'>;

export function toProgrammeView(record: ProgrammeRecord, trajectories: readonly ViewedTrajectory[], assessment: ProgrammeAssessment): ProgrammeView {
  return {
    id: record.id,
    name: record.name,
    leadEmail: record.leadEmail,
    createdAt: record.createdAt,
    asAt: assessment.asAt,
    status: assessment.status,
    reasons: assessment.reasons,
    deliveryConfidence: assessment.deliveryConfidence,
    directionOfTravel: assessment.directionOfTravel,
    milestones: record.milestones.map((milestone, index) => ({
      ...milestone,
      status: assessment.milestones[index].status,
      overdue: assessment.milestones[index].overdue,
      reasons: assessment.milestones[index].reasons,
    })),
    trajectories: trajectories.map((trajectory, index) => ({
      ref: trajectory.ref,
      name: trajectory.name,
      basis: trajectory.basis,
      status: assessment.trajectories[index].status,
      reasons: assessment.trajectories[index].reasons,
    })),
    // Seen as at a past instant, only the escalations raised by then.
    escalations: record.escalations.filter((escalation) => Date.parse(escalation.queuedAt) <= Date.parse(assessment.asAt)),
  };
}
