/**
 * A programme's plan as spreadsheets carry it: one sheet (or one CSV file) per section, one row per
 * record, in the column layout documented in the README. Days are YYYY-MM-DD, months YYYY-MM.
 */

export const SHEETS = ['Milestones', 'Trajectory plan', 'Trajectory actuals', 'RAID'] as const;
export type SheetName = (typeof SHEETS)[number];

export interface MilestoneSheetRow {
  ref: string;
  name: string;
  kind: 'delivery' | 'governance-gate' | 'decision';
  phase: string | null;
  baselineDate: string;
  forecastDate: string;
  actualDate: string | null;
  ownerEmail: string;
  /** Refs of the milestones that must finish first; one cell, separated by commas. */
  predecessors: string[];
  /** `yes` when it may be baselined to finish before a predecessor; null where a workbook has no such column. */
  acceptedOverlap: boolean | null;
  evidence: string | null;
  /** Both set when a row moves the baseline: rebaselining needs a reason and an approver. */
  rebaselineReason: string | null;
  rebaselineApprover: string | null;
}

export interface TrajectoryPlanRow {
  trajectoryRef: string;
  metric: string;
  name: string;
  unit: string;
  basis: 'practices-count' | 'practices-percent' | 'registered-population-percent' | 'weighted-population-percent' | 'wte' | 'money-pence';
  month: string;
  plannedValue: number;
}

export interface TrajectoryActualRow {
  trajectoryRef: string;
  month: string;
  /** The organisation the actual is for: a practice for population and practice bases. */
  odsCode: string;
  value: number;
}

export interface RaidSheetRow {
  ref: string;
  type: 'risk' | 'issue' | 'assumption' | 'decision';
  title: string;
  description: string | null;
  ownerEmail: string | null;
  likelihood: number | null;
  impact: number | null;
  mitigation: string | null;
  reviewDate: string | null;
  status: 'open' | 'closed';
}

export interface ProgrammeWorkbook {
  milestones: MilestoneSheetRow[];
  trajectoryPlan: TrajectoryPlanRow[];
  trajectoryActuals: TrajectoryActualRow[];
  raid: RaidSheetRow[];
}

/** Where a problem is: the sheet (or CSV file), the spreadsheet row (1 is the header) and the column heading. */
export interface SheetProblem {
  sheet: SheetName;
  row: number;
  column: string;
  reason: string;
}

/** A parsed row remembers the spreadsheet row it came from, so later checks can point at it. */
export type Located<Row> = Row & { rowNumber: number };

export interface ParsedWorkbook {
  milestones: Located<MilestoneSheetRow>[];
  trajectoryPlan: Located<TrajectoryPlanRow>[];
  trajectoryActuals: Located<TrajectoryActualRow>[];
  raid: Located<RaidSheetRow>[];
}

export type ParseResult = { ok: true; workbook: ParsedWorkbook } | { ok: false; problems: SheetProblem[] };
