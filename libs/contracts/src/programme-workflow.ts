import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EscalationRole, PhaseAssessment, ProgrammeAssessment } from '@pmo/domain';
import type { EscalationActivities } from './escalation-workflow';
import type { MonthEndActivities, MonthEndTickActivities } from './month-end';

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
  /** Phases whose rollout workflow was started, carried across continue-as-new. */
  startedPhaseRefs?: string[];
  /** Milestones whose owner was warned before they fell due, carried across continue-as-new. */
  warnedMilestoneIds?: string[];
}

export const PHASE_ROLLOUT_WORKFLOW_TYPE = 'phaseRolloutWorkflow';

/** One child workflow per phase of a phased rollout, tracking each member's go-live. */
export function phaseRolloutWorkflowId(programmeId: string, phaseRef: string): string {
  return `programme-${programmeId}-phase-${phaseRef}`;
}

export interface PhaseRolloutInput {
  programmeId: string;
  phaseRef: string;
}

/** A member went live, or the phase's plan changed: the child re-reads the record. */
export const phaseChangedSignal = defineSignal('phaseChanged');

export const phaseStatusQuery = defineQuery<PhaseAssessment | undefined>('phaseStatus');

/** Why the record changed; the workflow re-reads the record whatever the kind. */
export type ProgrammeChange = { kind: 'created' } | { kind: 'milestone-completed'; milestoneId: string } | { kind: 'plan-changed'; what: string };

export const programmeChangedSignal = defineSignal<[ProgrammeChange]>('programmeChanged');

/** The live status, as the workflow last evaluated it; undefined before its first evaluation. */
export const programmeStatusQuery = defineQuery<ProgrammeAssessment | undefined>('programmeStatus');

export interface CompleteMilestoneUpdate {
  milestoneId: string;
  /** When the milestone was achieved: a UTC instant, never after the workflow's now. */
  completedAt: string;
}

/**
 * Progress arrives as an Update: its validator refuses a bad one at once, with its reason, before
 * anything is recorded; the handler records it and answers with the programme's new status.
 */
export const completeMilestoneUpdate = defineUpdate<ProgrammeAssessment, [CompleteMilestoneUpdate]>('completeMilestone');

export interface ConfirmMilestoneUpdate {
  milestoneId: string;
}

/** The owner's word that a milestone will land on its forecast, through the same kind of validated update. */
export const confirmMilestoneUpdate = defineUpdate<ProgrammeAssessment, [ConfirmMilestoneUpdate]>('confirmMilestone');

export interface RecordMilestoneConfirmationInput extends ConfirmMilestoneUpdate {
  programmeId: string;
  /** Workflow time, so that a confirmation counts on the workflow's clock (and the time-skipping server's). */
  confirmedAt: string;
}

/** Why an update was refused; the API maps each to its HTTP status. */
export const UPDATE_REFUSALS = { notFound: 'not-found', conflict: 'conflict', unprocessable: 'unprocessable' } as const;

export interface RecordMilestoneCompletionInput extends CompleteMilestoneUpdate {
  programmeId: string;
}

export interface EvaluateProgrammeInput {
  programmeId: string;
  /** Workflow time, so that the evaluation follows the workflow's clock (and the time-skipping server's). */
  asAt: string;
}

export interface RaiseEscalationInput {
  programmeId: string;
  milestoneId: string;
  rung: number;
  /** Whom the rung tells; runs recorded before ladders raised rung 1 to the programme lead alone. */
  to?: EscalationRole[];
}

/** The activities the workflows call; apps/worker implements them. */
export interface ProgrammeActivities extends MonthEndActivities, MonthEndTickActivities, EscalationActivities {
  evaluateProgramme(input: EvaluateProgrammeInput): Promise<ProgrammeAssessment>;
  raiseEscalation(input: RaiseEscalationInput): Promise<void>;
  recordMilestoneCompletion(input: RecordMilestoneCompletionInput): Promise<void>;
  recordMilestoneConfirmation(input: RecordMilestoneConfirmationInput): Promise<void>;
  listPhases(input: { programmeId: string }): Promise<string[]>;
  assessPhase(input: PhaseRolloutInput & { asAt: string }): Promise<PhaseAssessment>;
}
