import { ApplicationFailure } from '@temporalio/workflow';
import { UPDATE_REFUSALS } from '@pmo/contracts';
import type { CompleteMilestoneUpdate, ConfirmMilestoneUpdate } from '@pmo/contracts';
import type { ProgrammeAssessment } from '@pmo/domain';

/** Clocks of the API and its callers differ by a little; a completion this far ahead is still "now". */
const CLOCK_SKEW_MS = 60_000;

/** Refuses the update; a refusal about one field names it, as the API's field problems do. */
function refuse(type: string, message: string, field?: { field: string; reason: string }): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: field ? [field] : [] });
}

/**
 * The validator of a completion: refuses it at once, before anything is recorded, when it is in the
 * future, names a milestone the programme does not have, or one already complete. Before the first
 * evaluation the workflow knows no milestones, and the recording activity checks against the record.
 */
export function validateCompletion(update: CompleteMilestoneUpdate, assessment: ProgrammeAssessment | undefined): void {
  if (Number.isNaN(Date.parse(update.completedAt))) {
    refuse(UPDATE_REFUSALS.unprocessable, 'completedAt is not an instant', { field: 'completedAt', reason: 'is not an instant' });
  }
  if (Date.parse(update.completedAt) > Date.now() + CLOCK_SKEW_MS) {
    const reason = `is after now (${new Date().toISOString()})`;
    refuse(UPDATE_REFUSALS.unprocessable, `a milestone cannot be completed in the future: completedAt ${reason}`, { field: 'completedAt', reason });
  }
  validateOpenMilestone(update, assessment);
}

/** A confirmation, like a completion, must name an open milestone of this programme. */
export function validateOpenMilestone(update: ConfirmMilestoneUpdate, assessment: ProgrammeAssessment | undefined): void {
  if (assessment === undefined) return;
  const milestone = assessment.milestones.find((candidate) => candidate.milestoneId === update.milestoneId);
  if (milestone === undefined) refuse(UPDATE_REFUSALS.notFound, `no milestone ${update.milestoneId} in this programme`);
  if (milestone.status === 'Complete') refuse(UPDATE_REFUSALS.conflict, `milestone ${update.milestoneId} is already complete`);
}
