import type { ProgrammePlanRecord } from '@pmo/application';
import type { FinancialPeriod, ProgrammeAssessment, RagStatus } from '@pmo/domain';
import type { Table } from '@pmo/spreadsheets';
import { guardCell } from '@pmo/spreadsheets';
import type { TrajectoryFigures } from './highlight-report';

/** One organisation's figure for one GPFV metric in the month, judged against its plan. */
export interface MonthlyReturnRow {
  odsCode: string;
  organisationName: string;
  metric: string;
  /** The trajectory's name, which says what is counted. */
  description: string;
  /** What a percentage is a percentage of, or the unit: `registered-population-percent`, `wte`… */
  basis: string;
  plan: number | null;
  actual: number | null;
  /** Actual less plan, in the basis's unit; null when either is missing. */
  variance: number | null;
  status: RagStatus | 'Pending';
  programmeId: string;
}

/** The NHS England monthly return for a period, as at an instant: one row per organisation and metric. */
export interface MonthlyReturn {
  period: FinancialPeriod;
  asAt: string;
  rows: MonthlyReturnRow[];
}

/** What the return needs of each programme: its plan, its status and trajectory figures as at the return's instant. */
export interface ReturnSource {
  plan: ProgrammePlanRecord;
  organisationName: string;
  assessment: ProgrammeAssessment;
  trajectories: readonly TrajectoryFigures[];
}

/** Figures to two decimals, so a return's bytes do not depend on floating-point noise. */
const twoDecimals = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

/**
 * The rows of the return. A programme with no organisation reports to nobody and is left out. When two
 * programmes of one organisation report the same metric, the one whose plan has a figure for the month
 * wins, then the earlier programme by id, so the same records always make the same return.
 */
export function buildMonthlyReturn(period: FinancialPeriod, asAt: Date, sources: readonly ReturnSource[]): MonthlyReturn {
  const rows = new Map<string, MonthlyReturnRow>();
  for (const source of [...sources].sort((a, b) => a.plan.id.localeCompare(b.plan.id))) {
    const { plan, assessment } = source;
    if (plan.organisationOdsCode === null) continue;
    plan.trajectories.forEach((trajectory, index) => {
      const figures = source.trajectories.find((candidate) => candidate.ref === trajectory.ref)?.months.find((month) => month.month === period.month);
      const planned = twoDecimals(figures?.planned ?? null);
      const actual = twoDecimals(figures?.actual ?? null);
      const key = `${plan.organisationOdsCode}\u0000${trajectory.metric}`;
      const existing = rows.get(key);
      if (existing !== undefined && (existing.plan !== null || planned === null)) return;
      rows.set(key, {
        odsCode: plan.organisationOdsCode as string,
        organisationName: source.organisationName,
        metric: trajectory.metric,
        description: trajectory.name,
        basis: trajectory.basis,
        plan: planned,
        actual,
        variance: planned === null || actual === null ? null : twoDecimals(actual - planned),
        status: assessment.trajectories[index].months.find((month) => month.month === period.month)?.status ?? 'Pending',
        programmeId: plan.id,
      });
    });
  }
  const ordered = [...rows.values()].sort((a, b) => a.odsCode.localeCompare(b.odsCode) || a.metric.localeCompare(b.metric));
  return { period, asAt: asAt.toISOString(), rows: ordered };
}

/** The return's documented layout (docs/monthly-return.md): the same columns in the CSV and the workbook. */
export const RETURN_COLUMNS = [
  { heading: 'Period', width: 9 },
  { heading: 'Financial year', width: 14 },
  { heading: 'Month number', width: 13 },
  { heading: 'ODS code', width: 10 },
  { heading: 'Organisation', width: 40 },
  { heading: 'Metric', width: 42 },
  { heading: 'Description', width: 48 },
  { heading: 'Basis', width: 30 },
  { heading: 'Plan', width: 10 },
  { heading: 'Actual', width: 10 },
  { heading: 'Variance', width: 10 },
  { heading: 'RAG', width: 9 },
  { heading: 'Programme ID', width: 38 },
] as const;

export function monthlyReturnTable(monthlyReturn: MonthlyReturn): Table {
  const { period } = monthlyReturn;
  return {
    name: `NHSE return ${period.month}`,
    columns: RETURN_COLUMNS,
    rows: monthlyReturn.rows.map((row) =>
      [
        period.month,
        period.financialYear,
        `M${period.monthNumber}`,
        row.odsCode,
        row.organisationName,
        row.metric,
        row.description,
        row.basis,
        row.plan,
        row.actual,
        row.variance,
        row.status,
        row.programmeId,
      ].map(guardCell),
    ),
  };
}
