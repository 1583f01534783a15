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
  highlightReports: { programmeId: string; reports: KeptReport[] }[];
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
