import type { DeliveryConfidenceAssessment, DirectionOfTravel, MilestoneStatus, ProgrammeAssessment, RagStatus } from '@pmo/domain';
import type { EscalationRow, MilestoneRow, PlanTrajectory, ProgrammeHead, ProgrammeRecord } from './ports/programme.repository';

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

/** The parts of a view that change only with the programme's revision or at its status's boundaries: kept between reads. */
export interface ViewParts {
  milestones: MilestoneView[];
  trajectories: TrajectoryView[];
}

export function toProgrammeView(record: ProgrammeRecord, trajectories: readonly ViewedTrajectory[], assessment: ProgrammeAssessment): ProgrammeView {
  return assembleView(record, assessment, viewParts(record.milestones, trajectories, assessment));
}

export function viewParts(milestones: readonly MilestoneRow[], trajectories: readonly ViewedTrajectory[], assessment: ProgrammeAssessment): ViewParts {
  return {
    milestones: milestones.map((milestone, index) => ({
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
  };
}

/** The view from the record's head, the assessment and the parts worked out from them, fresh or kept. */
export function assembleView(head: ProgrammeHead, assessment: ProgrammeAssessment, parts: ViewParts): ProgrammeView {
  return {
    id: head.id,
    name: head.name,
    leadEmail: head.leadEmail,
    createdAt: head.createdAt,
    asAt: assessment.asAt,
    status: assessment.status,
    reasons: assessment.reasons,
    deliveryConfidence: assessment.deliveryConfidence,
    directionOfTravel: assessment.directionOfTravel,
    milestones: parts.milestones,
    trajectories: parts.trajectories,
    // Seen as at a past instant, only the escalations raised by then.
    escalations: head.escalations.filter((escalation) => Date.parse(escalation.queuedAt) <= Date.parse(assessment.asAt)),
  };
}
