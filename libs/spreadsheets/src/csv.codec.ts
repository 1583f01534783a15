import { parse } from 'csv-parse/sync';
import { COLUMN_LAYOUT } from './column-layout';
import type { ParseResult, ProgrammeWorkbook, SheetName } from './programme-workbook';
import { renderSheet } from './row-rendering';
import { parseSheets } from './row-validation';
import { SpreadsheetError } from './spreadsheet.error';
import { writeTableCsv } from './table.codec';

/** One sheet as an RFC 4180 CSV file: header row, CRLF line ends, no BOM. */
export function writeProgrammeCsv(sheet: SheetName, workbook: ProgrammeWorkbook): string {
  return writeTableCsv({ name: sheet, columns: COLUMN_LAYOUT[sheet], rows: renderSheet(sheet, workbook) });
}

/**
 * One sheet from a CSV file; the result holds that sheet's rows and no others. Excel's BOM is accepted.
 * Throws a SpreadsheetError when the text is not CSV at all, such as a quote never closed.
 */
export function readProgrammeCsv(sheet: SheetName, text: string): ParseResult {
  const [header = [], ...records] = parseCsv(sheet, text);
  // Blank lines stay in as records, so each record's index is its row number in Excel.
  const rows = records.map((cells, index) => ({ rowNumber: index + 2, cells }));
  return parseSheets([sheet], { [sheet]: { header, rows } });
}

function parseCsv(sheet: SheetName, text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true });
  } catch (error) {
    throw SpreadsheetError.unreadable(`the ${sheet} CSV file`, error);
  }
}
