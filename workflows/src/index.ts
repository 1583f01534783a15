export { programmeWorkflow } from './programme.workflow';
