import type { ProgrammeWorkbook, SheetName } from './programme-workbook';

/** Which section of the workbook each sheet carries. */
export const SHEET_SECTIONS = {
  Milestones: 'milestones',
  'Trajectory plan': 'trajectoryPlan',
  'Trajectory actuals': 'trajectoryActuals',
  RAID: 'raid',
} as const satisfies Record<SheetName, keyof ProgrammeWorkbook>;

/** The record one row of a sheet holds. */
export type SheetRow<Sheet extends SheetName> = ProgrammeWorkbook[(typeof SHEET_SECTIONS)[Sheet]][number];

/**
 * What a column holds. Readers need it for cells Excel turned into dates: a `day` cell reads as
 * YYYY-MM-DD, a `month` cell as YYYY-MM; a `list` is one cell of values separated by commas.
 */
export type CellKind = 'text' | 'list' | 'day' | 'month' | 'number';

export interface Column<Row> {
  heading: string;
  key: keyof Row & string;
  kind: CellKind;
  /** In characters, as Excel measures column widths. */
  width: number;
  /** A column added after workbooks were kept: one without it still imports, each of its cells blank. */
  optional?: true;
}

/** The columns of each sheet, in order: the one place headings are spelt. */
export const COLUMN_LAYOUT: { readonly [Sheet in SheetName]: readonly Column<SheetRow<Sheet>>[] } = {
  Milestones: [
    { heading: 'Ref', key: 'ref', kind: 'text', width: 12 },
    { heading: 'Milestone', key: 'name', kind: 'text', width: 40 },
    { heading: 'Kind', key: 'kind', kind: 'text', width: 16 },
    { heading: 'Phase', key: 'phase', kind: 'text', width: 18 },
    { heading: 'Baseline date', key: 'baselineDate', kind: 'day', width: 14 },
    { heading: 'Forecast date', key: 'forecastDate', kind: 'day', width: 14 },
    { heading: 'Actual date', key: 'actualDate', kind: 'day', width: 14 },
    { heading: 'Owner email', key: 'ownerEmail', kind: 'text', width: 32 },
    { heading: 'Predecessors', key: 'predecessors', kind: 'list', width: 20 },
    { heading: 'Accepted overlap', key: 'acceptedOverlap', kind: 'text', width: 16, optional: true },
    { heading: 'Evidence', key: 'evidence', kind: 'text', width: 40 },
    { heading: 'Rebaseline reason', key: 'rebaselineReason', kind: 'text', width: 36 },
    { heading: 'Rebaseline approver', key: 'rebaselineApprover', kind: 'text', width: 28 },
  ],
  'Trajectory plan': [
    { heading: 'Trajectory ref', key: 'trajectoryRef', kind: 'text', width: 16 },
    { heading: 'Metric', key: 'metric', kind: 'text', width: 24 },
    { heading: 'Trajectory', key: 'name', kind: 'text', width: 36 },
    { heading: 'Unit', key: 'unit', kind: 'text', width: 14 },
    { heading: 'Basis', key: 'basis', kind: 'text', width: 30 },
    { heading: 'Month', key: 'month', kind: 'month', width: 10 },
    { heading: 'Planned value', key: 'plannedValue', kind: 'number', width: 14 },
  ],
  'Trajectory actuals': [
    { heading: 'Trajectory ref', key: 'trajectoryRef', kind: 'text', width: 16 },
    { heading: 'Month', key: 'month', kind: 'month', width: 10 },
    { heading: 'ODS code', key: 'odsCode', kind: 'text', width: 12 },
    { heading: 'Actual value', key: 'value', kind: 'number', width: 14 },
  ],
  RAID: [
    { heading: 'Ref', key: 'ref', kind: 'text', width: 12 },
    { heading: 'Type', key: 'type', kind: 'text', width: 12 },
    { heading: 'Title', key: 'title', kind: 'text', width: 40 },
    { heading: 'Description', key: 'description', kind: 'text', width: 60 },
    { heading: 'Owner email', key: 'ownerEmail', kind: 'text', width: 32 },
    { heading: 'Likelihood', key: 'likelihood', kind: 'number', width: 11 },
    { heading: 'Impact', key: 'impact', kind: 'number', width: 9 },
    { heading: 'Mitigation', key: 'mitigation', kind: 'text', width: 50 },
    { heading: 'Review date', key: 'reviewDate', kind: 'day', width: 14 },
    { heading: 'Status', key: 'status', kind: 'text', width: 10 },
  ],
};

export function columnHeadings(sheet: SheetName): string[] {
  return COLUMN_LAYOUT[sheet].map((column) => column.heading);
}

/** The column a typed heading names; case and surrounding spaces do not matter, as people type them. */
export function findColumn<Named extends { heading: string }>(columns: readonly Named[], heading: string): Named | undefined {
  const wanted = heading.trim().toLowerCase();
  return columns.find((column) => column.heading.toLowerCase() === wanted);
}
