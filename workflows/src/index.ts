export { escalationWorkflow } from './escalation.workflow';
export { monthEndTickWorkflow, monthEndWorkflow } from './month-end.workflow';
export { phaseRolloutWorkflow } from './phase-rollout.workflow';
export { programmeWorkflow } from './programme.workflow';
