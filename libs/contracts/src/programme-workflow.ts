import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ProgrammeAssessment } from '@pmo/domain';

/** Every programme workflow and its activities run on this task queue. */
export const PROGRAMME_TASK_QUEUE = 'programmes';

export const PROGRAMME_WORKFLOW_TYPE = 'programmeWorkflow';

/** One workflow per programme: its id is derived from the programme's, so a start is idempotent. */
export function programmeWorkflowId(programmeId: string): string {
  return `programme-${programmeId}`;
}

export interface ProgrammeWorkflowInput {
  programmeId: string;
  /** Milestones already escalated, carried across continue-as-new. */
  escalatedMilestoneIds?: string[];
}

/** Why the record changed; the workflow re-reads the record whatever the kind. */
export type ProgrammeChange = { kind: 'created' } | { kind: 'milestone-completed'; milestoneId: string };

export const programmeChangedSignal = defineSignal<[ProgrammeChange]>('programmeChanged');

/** The live status, as the workflow last evaluated it; undefined before its first evaluation. */
export const programmeStatusQuery = defineQuery<ProgrammeAssessment | undefined>('programmeStatus');

export interface EvaluateProgrammeInput {
  programmeId: string;
  /** Workflow time, so that the evaluation follows the workflow's clock (and the time-skipping server's). */
  asAt: string;
}

export interface RaiseEscalationInput {
  programmeId: string;
  milestoneId: string;
  rung: number;
}

/** The activities the programme workflow calls; apps/worker implements them. */
export interface ProgrammeActivities {
  evaluateProgramme(input: EvaluateProgrammeInput): Promise<ProgrammeAssessment>;
  raiseEscalation(input: RaiseEscalationInput): Promise<void>;
}
