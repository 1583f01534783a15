import type { CycleDuties } from '@pmo/domain';

export const MONTH_END_WORKFLOW_TYPE = 'monthEndWorkflow';

/** One month-end cycle per period: a second start for the same period finds the first. */
export function monthEndWorkflowId(period: string): string {
  return `month-end-${period}`;
}

export interface MonthEndInput {
  /** The month reported on, `YYYY-MM`. */
  period: string;
}

/** A report as the cycle kept it, with the checksum to show it was not changed since. */
export interface KeptReport {
  reportId: string;
  kind: 'highlight-report' | 'portfolio-summary' | 'monthly-update-paper';
  format: 'markdown' | 'html';
  sha256: string;
}

/** The first version of the period's NHS England return, as kept. */
export interface KeptReturn {
  version: number;
  status: string;
  rowCount: number;
  sha256: string;
}

export interface MonthEndSummary {
  period: string;
  /**
   * How many programmes were reported on and how many highlight reports kept for them (one per format);
   * counts rather than ids, so a cycle's result stays small at national scale: GET /reports lists them.
   */
  highlightReports: { programmes: number; reports: number };
  /** The portfolio summary and each organisation's monthly update paper. */
  collated: KeptReport[];
  /** Null for cycles run before the engine made returns. */
  monthlyReturn: KeptReturn | null;
}

export interface MonthEndActivities {
  listProgrammesForPeriod(input: MonthEndInput): Promise<string[]>;
  makeHighlightReport(input: MonthEndInput & { programmeId: string }): Promise<KeptReport[]>;
  makeCollatedReports(input: MonthEndInput): Promise<KeptReport[]>;
  makeMonthlyReturn(input: MonthEndInput): Promise<KeptReturn>;
}

export const MONTH_END_TICK_WORKFLOW_TYPE = 'monthEndTickWorkflow';

/** The Temporal Schedule that starts the tick every day at the configured London time. */
export const MONTH_END_SCHEDULE_ID = 'month-end-cycle';

/** A tick started by hand for a London day (the schedule names its own runs). */
export function monthEndTickWorkflowId(day: string): string {
  return `month-end-tick-${day}`;
}

/** What a day's tick did: each duty's period, and how many notifications it raised for the first time. */
export interface MonthEndTickResult {
  day: string;
  /** The instant the tick stands for: the schedule's nominal time, even when it runs late to catch up. */
  scheduledAt: string;
  cycle: { period: string; highlightReports: number; collated: number; monthlyReturn: KeptReturn | null } | null;
  updateReminders: { period: string; raised: number } | null;
  updateEscalations: { period: string; raised: number } | null;
  returnReminder: { period: string; raised: number } | null;
  returnEscalation: { period: string; raised: number } | null;
  /** Absent from ticks recorded before programmes Red two months running were escalated. */
  redProgrammes?: { period: string; raised: number };
}

export interface MonthEndTickActivities {
  /** The duties of a London day under the configured cycle rule and the bank holidays. */
  dutiesOn(input: { day: string }): Promise<CycleDuties>;
  /** Emails each programme lead whose monthly update for the period is still missing; once per lead and period. */
  remindMissingUpdates(input: MonthEndInput): Promise<number>;
  /** At cycle time, tells each SRO (or lead) whose programme's update is missing; once per programme and period. */
  escalateMissingUpdates(input: MonthEndInput): Promise<number>;
  /** Chases sign-off of the period's return while no version is submitted; once per person and period. */
  remindReturnSignOff(input: MonthEndInput): Promise<number>;
  /** Tells the escalation contacts that the return missed its deadline, if it did; once per person and period. */
  escalateReturnSignOff(input: MonthEndInput): Promise<number>;
  /** Tells the SRO and PMO of each programme Red at this month end and the last; once per person, programme and period. */
  escalateRedProgrammes(input: MonthEndInput): Promise<number>;
}
