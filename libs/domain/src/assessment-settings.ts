import type { WorkingCalendar } from './working-calendar';

export interface Tolerances {
  /** Forecast later than baseline by more than this many working days: Amber. */
  amberSlipWorkingDays: number;
  /** ... by more than this many: Red. */
  redSlipWorkingDays: number;
  /** Actual below plan by more than this percentage of the plan: Amber. */
  amberBelowPlanPercent: number;
  /** ... by more than this: Red. */
  redBelowPlanPercent: number;
}

/** How parts roll up into the programme's RAG: every part, or milestones alone (trajectories shown, not counted). */
export type RollUp = 'worst-of' | 'milestones-only';

/** Everything the rules are judged by, besides the record and the instant. */
export interface AssessmentSettings {
  calendar: WorkingCalendar;
  tolerances: Tolerances;
  /** Working days before its forecast day in which a milestone needs its owner's confirmation. */
  warningWorkingDays: number;
  /** A month's actual is due by this working day after the month ends; missing after it, Amber "no data". */
  dataDeadlineWorkingDays: number;
  /** ... and missing after this working day, Red. */
  noDataRedWorkingDays: number;
  rollUp: RollUp;
}

export const DEFAULT_RULE_SETTINGS = {
  warningWorkingDays: 5,
  dataDeadlineWorkingDays: 5,
  noDataRedWorkingDays: 10,
  rollUp: 'worst-of' as RollUp,
};
