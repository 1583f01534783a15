export {
  completeMilestoneUpdate,
  confirmMilestoneUpdate,
  PHASE_ROLLOUT_WORKFLOW_TYPE,
  phaseChangedSignal,
  phaseRolloutWorkflowId,
  phaseStatusQuery,
  PROGRAMME_TASK_QUEUE,
  PROGRAMME_WORKFLOW_TYPE,
  programmeChangedSignal,
  programmeStatusQuery,
  programmeWorkflowId,
  UPDATE_REFUSALS,
} from './programme-workflow';
export type {
  CompleteMilestoneUpdate,
  ConfirmMilestoneUpdate,
  EvaluateProgrammeInput,
  PhaseRolloutInput,
  ProgrammeActivities,
  ProgrammeChange,
  ProgrammeWorkflowInput,
  RaiseEscalationInput,
  RecordMilestoneCompletionInput,
  RecordMilestoneConfirmationInput,
} from './programme-workflow';
export { DEAD_LETTER_JOB, DEAD_LETTER_QUEUE, DIGEST_JOB, DIGEST_QUEUE, ESCALATION_EMAIL_JOB, ESCALATION_QUEUE, escalationEmailJobId, NOTIFICATION_EMAIL_JOB, NOTIFICATION_QUEUE, notificationEmailJobId } from './escalation-jobs';
export type { EscalationCause, EscalationEmailJob, NotificationEmailJob } from './escalation-jobs';
export { MONTH_END_SCHEDULE_ID, MONTH_END_TICK_WORKFLOW_TYPE, MONTH_END_WORKFLOW_TYPE, monthEndTickWorkflowId, monthEndWorkflowId } from './month-end';
export type { KeptReport, KeptReturn, MonthEndActivities, MonthEndInput, MonthEndSummary, MonthEndTickActivities, MonthEndTickResult } from './month-end';
export {
  acknowledgeEscalationSignal,
  ESCALATION_WORKFLOW_TYPE,
  escalationCauseClearedSignal,
  escalationStateQuery,
  escalationWorkflowId,
  snoozeEscalationSignal,
} from './escalation-workflow';
export type { Acknowledgement, EscalationActivities, EscalationInput, EscalationState, Snooze } from './escalation-workflow';
export { REQUEST_ID_HEADER } from './request-id';
