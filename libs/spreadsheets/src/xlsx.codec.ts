import { Workbook } from 'exceljs';
import type { CellValue, Row, Worksheet } from 'exceljs';
import { COLUMN_LAYOUT, findColumn } from './column-layout';
import type { CellKind } from './column-layout';
import { SHEETS } from './programme-workbook';
import type { ParseResult, ProgrammeWorkbook, SheetName } from './programme-workbook';
import { renderSheet } from './row-rendering';
import { parseSheets } from './row-validation';
import type { RawSheet } from './row-validation';
import { SpreadsheetError } from './spreadsheet.error';
import { writeTablesXlsx } from './table.codec';

/** The plan as an .xlsx workbook, one worksheet per sheet. */
export function writeProgrammeXlsx(workbook: ProgrammeWorkbook): Promise<Buffer> {
  return writeTablesXlsx(SHEETS.map((sheet) => ({ name: sheet, columns: COLUMN_LAYOUT[sheet], rows: renderSheet(sheet, workbook) })));
}

/**
 * The plan from an .xlsx workbook, as written above or as edited by hand: sheet names and headings in
 * any case, dates as text or as Excel dates, numbers as numbers or as text. Other worksheets are ignored.
 * Throws a SpreadsheetError when the file is not an .xlsx workbook at all.
 */
export async function readProgrammeXlsx(data: Buffer): Promise<ParseResult> {
  const file = new Workbook();
  try {
    // exceljs takes an ArrayBuffer; a Node Buffer may be a view into a shared pool, so it gets its own copy.
    await file.xlsx.load(new Uint8Array(data).buffer);
  } catch (error) {
    throw SpreadsheetError.unreadable('the .xlsx workbook', error);
  }
  const found: Partial<Record<SheetName, RawSheet>> = {};
  for (const sheet of SHEETS) {
    const worksheet = file.worksheets.find((candidate) => candidate.name.trim().toLowerCase() === sheet.toLowerCase());
    if (worksheet !== undefined) found[sheet] = readWorksheet(sheet, worksheet);
  }
  return parseSheets(SHEETS, found);
}

function readWorksheet(sheet: SheetName, worksheet: Worksheet): RawSheet {
  const header = rowValues(worksheet.getRow(1)).map((value) => cellText(value, 'text'));
  const columns: readonly { heading: string; kind: CellKind }[] = COLUMN_LAYOUT[sheet];
  const kinds = header.map((heading) => findColumn(columns, heading)?.kind ?? 'text');
  const rows: RawSheet['rows'] = [];
  worksheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = rowValues(row);
    const formulasWithoutResult = values.flatMap((value, index) => (isFormulaWithoutResult(value) ? [index] : []));
    rows.push({ rowNumber, cells: values.map((value, index) => cellText(value, kinds[index] ?? 'text')), formulasWithoutResult });
  });
  return { header, rows };
}

function rowValues(row: Row): CellValue[] {
  const values: CellValue[] = [];
  row.eachCell((cell, columnNumber) => {
    values[columnNumber - 1] = cell.value;
  });
  return Array.from(values, (value) => value ?? null);
}

/** A formula whose file kept no result for it (written by a program that does not calculate): its text would be blank. */
function isFormulaWithoutResult(value: CellValue): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value) && value.result === undefined;
}

/** A cell as the text a person sees in it, with dates in ISO form; exceljs gives date cells as UTC midnight. */
function cellText(value: CellValue, kind: CellKind): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return kind === 'month' ? value.toISOString().slice(0, 7) : value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('error' in value) return value.error;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return value.text;
  // A formula's value is the result Excel saved with it; one saved without (isFormulaWithoutResult) is refused.
  return value.result === undefined ? '' : cellText(value.result, kind);
}
