export { SHEETS } from './programme-workbook';
export type {
  Located,
  MilestoneSheetRow,
  ParsedWorkbook,
  ParseResult,
  ProgrammeWorkbook,
  RaidSheetRow,
  SheetName,
  SheetProblem,
  TrajectoryActualRow,
  TrajectoryPlanRow,
} from './programme-workbook';
export { COLUMN_LAYOUT, SHEET_SECTIONS, columnHeadings } from './column-layout';
export type { CellKind, Column, SheetRow } from './column-layout';
export { readProgrammeXlsx, writeProgrammeXlsx } from './xlsx.codec';
export { readProgrammeCsv, writeProgrammeCsv } from './csv.codec';
export { SpreadsheetError } from './spreadsheet.error';
export { guardCell, writeTableCsv, writeTablesXlsx } from './table.codec';
export type { SheetCell, Table } from './table.codec';
