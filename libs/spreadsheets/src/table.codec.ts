import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import { escapeFormula } from './formula-guard';

/** A cell as both codecs write it: text (never a formula), a number, or nothing. */
export type SheetCell = string | number | null;

/** A worksheet: its name, its columns with their widths in characters, and its data rows. */
export interface Table {
  name: string;
  columns: readonly { heading: string; width: number }[];
  rows: readonly SheetCell[][];
}

/** Text that a spreadsheet would take for a formula is kept as text; numbers stay numbers. */
export function guardCell(value: string | number | null): SheetCell {
  return typeof value === 'string' ? escapeFormula(value) : value;
}

/** A table as an RFC 4180 CSV file: header row, CRLF line ends, no BOM. */
export function writeTableCsv(table: Table): string {
  // CRLF as the record delimiter stops csv-stringify quoting a lone LF or CR unless told to.
  return stringify([table.columns.map((column) => column.heading), ...table.rows], { record_delimiter: 'windows', quote_record_delimiter: true });
}

/**
 * Tables as an .xlsx workbook, one worksheet each with a bold, frozen header row. Days and months are
 * written as text, so no locale's date format can turn them into another day.
 */
export async function writeTablesXlsx(tables: readonly Table[]): Promise<Buffer> {
  const file = new Workbook();
  for (const table of tables) {
    const worksheet = file.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = table.columns.map((column) => ({ header: column.heading, width: column.width }));
    worksheet.getRow(1).font = { bold: true };
    worksheet.addRows(table.rows as SheetCell[][]);
  }
  return Buffer.from(await file.xlsx.writeBuffer());
}
