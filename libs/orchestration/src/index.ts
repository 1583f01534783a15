export { createProgrammeActivities } from './programme.activities';
export type { ProgrammeActivityDependencies } from './programme.activities';
export { ACTIVITY_PROVIDERS, createProgrammeWorker, programmeActivitiesOf } from './programme-worker';
export type { ProgrammeWorkerOptions } from './programme-worker';
export { TemporalProgrammeScheduler } from './temporal-programme.scheduler';
export { rehearse } from './rehearsal/rehearse';
export type { RehearsalMonth, RehearsalOptions, RehearsalResult } from './rehearsal/rehearse';
export { readRehearsalScript, rehearsalScriptSchema } from './rehearsal/rehearsal-script';
export type { RehearsalScript } from './rehearsal/rehearsal-script';
