import { assessMilestone, MilestoneAssessment, MilestoneRecord } from './milestone-assessment';
import { RagStatus, severity, worstOf } from './rag-status';

export interface ProgrammeAssessment {
  asAt: string;
  status: RagStatus;
  reasons: string[];
  milestones: MilestoneAssessment[];
  /** The next instant at which a milestone's status changes by the passing of time alone; null when none will. */
  nextBoundaryAt: string | null;
}

/**
 * A programme's status as at an instant: the worst of its milestones' (Complete counts as Green),
 * explained by the reasons of the milestones that set it.
 */
export function assessProgramme(milestones: readonly MilestoneRecord[], asAt: Date): ProgrammeAssessment {
  const assessments = milestones.map((milestone) => assessMilestone(milestone, asAt));
  const status = worstOf(assessments.map((assessment) => assessment.status));
  const reasons =
    status === 'Green'
      ? [summariseOnTrack(assessments)]
      : assessments.filter((assessment) => severity(assessment.status) === severity(status)).flatMap((assessment) => assessment.reasons);
  return { asAt: asAt.toISOString(), status, reasons, milestones: assessments, nextBoundaryAt: nextBoundary(milestones, asAt) };
}

function summariseOnTrack(assessments: readonly MilestoneAssessment[]): string {
  const complete = assessments.filter((assessment) => assessment.status === 'Complete').length;
  return `all ${assessments.length} milestones complete or on track (${complete} complete)`;
}

function nextBoundary(milestones: readonly MilestoneRecord[], asAt: Date): string | null {
  let next: number | null = null;
  for (const milestone of milestones) {
    const due = Date.parse(milestone.dueAt);
    const completed = milestone.completedAt === null ? null : Date.parse(milestone.completedAt);
    if (completed !== null && completed <= asAt.getTime()) continue;
    // Seen as at a past instant, a later completion is a boundary too.
    for (const instant of [due, completed]) {
      if (instant !== null && instant > asAt.getTime() && (next === null || instant < next)) next = instant;
    }
  }
  return next === null ? null : new Date(next).toISOString();
}
