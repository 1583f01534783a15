import { patched } from '@temporalio/workflow';
import type { ProgrammeAssessment } from '@pmo/domain';

/**
 * The milestones an evaluation calls to escalate: those overdue and not yet escalated. Runs recorded
 * before the rules gained Amber and Red-by-tolerance escalated every Red milestone, and replay keeps that.
 */
export function milestonesToEscalate(assessment: ProgrammeAssessment, escalated: ReadonlySet<string>): string[] {
  const overdueOnly = patched('escalate-overdue-milestones-only');
  return assessment.milestones
    .filter((milestone) => (overdueOnly ? milestone.overdue : milestone.status === 'Red') && !escalated.has(milestone.milestoneId))
    .map((milestone) => milestone.milestoneId);
}
