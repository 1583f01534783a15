export { severity, worstOf } from './rag-status';
export type { MilestoneStatus, RagStatus } from './rag-status';
export { assessMilestone, describeDuration } from './milestone-assessment';
export type { MilestoneAssessment, MilestoneRecord } from './milestone-assessment';
export { assessProgramme } from './programme-assessment';
export type { ProgrammeAssessment } from './programme-assessment';
export { addDays, addMonths, daysBetween, endOfLondonDay, lastDayOfMonth, londonDay, monthsBetween, startOfLondonDay } from './london-time';
export { computeTrajectoryActual } from './trajectory-actual';
export type { OrganisationActual, PracticePopulation, TrajectoryActual, TrajectoryBasis } from './trajectory-actual';
