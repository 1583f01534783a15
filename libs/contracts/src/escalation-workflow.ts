import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { EscalationRole } from '@pmo/domain';

export const ESCALATION_WORKFLOW_TYPE = 'escalationWorkflow';

/** One ladder per overdue milestone: the id is the cause's, so a cause climbs its ladder once. */
export function escalationWorkflowId(programmeId: string, milestoneId: string): string {
  return `escalation-${programmeId}-${milestoneId}`;
}

export interface EscalationInput {
  programmeId: string;
  milestoneId: string;
}

export interface Acknowledgement {
  by: string;
  /** How it came: the API, or the signed link in a message. */
  via: 'api' | 'link';
}

export interface Snooze {
  by: string;
  reason: string;
  /** The last London day of the snooze; the ladder climbs again from the start of the day after. */
  until: string;
}

export const acknowledgeEscalationSignal = defineSignal<[Acknowledgement]>('acknowledgeEscalation');
export const snoozeEscalationSignal = defineSignal<[Snooze]>('snoozeEscalation');
/** The milestone was completed: the ladder stops where it is. */
export const escalationCauseClearedSignal = defineSignal('escalationCauseCleared');

export interface EscalationState {
  programmeId: string;
  milestoneId: string;
  /** Each rung's instant and whom it tells, and whether it was raised. */
  rungs: { rung: number; at: string; to: EscalationRole[]; raised: boolean }[];
  acknowledgement: (Acknowledgement & { at: string }) | null;
  snooze: Snooze | null;
  /** climbing: rungs still to come; acknowledged, cleared: stopped; complete: every rung raised. */
  state: 'climbing' | 'acknowledged' | 'cleared' | 'complete';
}

export const escalationStateQuery = defineQuery<EscalationState | null>('escalationState');

export interface EscalationActivities {
  /** The programme's ladder for the milestone with each rung's instant, from when it fell overdue. */
  planEscalationLadder(input: EscalationInput): Promise<{ rung: number; at: string; to: EscalationRole[] }[]>;
  /** Whether the milestone is still open: a completed one needs no more rungs. */
  escalationCauseOpen(input: EscalationInput): Promise<boolean>;
  /** Warns the owner of a milestone in its warning window, unconfirmed; once per forecast day. */
  warnMilestoneOwner(input: EscalationInput): Promise<void>;
}
