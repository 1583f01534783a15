export { phaseRolloutWorkflow } from './phase-rollout.workflow';
export { programmeWorkflow } from './programme.workflow';
