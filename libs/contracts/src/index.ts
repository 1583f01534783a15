export {
  PROGRAMME_TASK_QUEUE,
  PROGRAMME_WORKFLOW_TYPE,
  programmeChangedSignal,
  programmeStatusQuery,
  programmeWorkflowId,
} from './programme-workflow';
export type {
  EvaluateProgrammeInput,
  ProgrammeActivities,
  ProgrammeChange,
  ProgrammeWorkflowInput,
  RaiseEscalationInput,
} from './programme-workflow';
export { ESCALATION_EMAIL_JOB, ESCALATION_QUEUE, escalationEmailJobId } from './escalation-jobs';
export type { EscalationCause, EscalationEmailJob } from './escalation-jobs';
