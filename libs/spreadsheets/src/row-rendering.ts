import { COLUMN_LAYOUT } from './column-layout';
import type { Column } from './column-layout';
import type { ProgrammeWorkbook, SheetName } from './programme-workbook';
import { guardCell } from './table.codec';
import type { SheetCell } from './table.codec';

type SheetValue = string | number | boolean | string[] | null;

const RENDERERS: { readonly [Sheet in SheetName]: (workbook: ProgrammeWorkbook) => SheetCell[][] } = {
  Milestones: (workbook) => renderRows(COLUMN_LAYOUT.Milestones, workbook.milestones),
  'Trajectory plan': (workbook) => renderRows(COLUMN_LAYOUT['Trajectory plan'], workbook.trajectoryPlan),
  'Trajectory actuals': (workbook) => renderRows(COLUMN_LAYOUT['Trajectory actuals'], workbook.trajectoryActuals),
  RAID: (workbook) => renderRows(COLUMN_LAYOUT.RAID, workbook.raid),
};

/** A sheet's data rows (no header), one cell per column of its layout. */
export function renderSheet(sheet: SheetName, workbook: ProgrammeWorkbook): SheetCell[][] {
  return RENDERERS[sheet](workbook);
}

function renderRows<Row extends { [Key in keyof Row]: SheetValue }>(columns: readonly Column<Row>[], rows: readonly Row[]): SheetCell[][] {
  return rows.map((row) => columns.map((column) => renderCell(row[column.key])));
}

function renderCell(value: SheetValue): SheetCell {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return guardCell(Array.isArray(value) ? value.join(', ') : value);
}
