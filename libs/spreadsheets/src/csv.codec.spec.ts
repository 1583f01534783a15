import { SHEET_SECTIONS, columnHeadings } from './column-layout';
import { readProgrammeCsv, writeProgrammeCsv } from './csv.codec';
import { SHEETS } from './programme-workbook';
import type { ParsedWorkbook, ParseResult } from './programme-workbook';
import { SpreadsheetError } from './spreadsheet.error';
import { fullWorkbook, fullWorkbookParsed } from './testing/full-workbook.fixture';

const noRows: ParsedWorkbook = { milestones: [], trajectoryPlan: [], trajectoryActuals: [], raid: [] };

function problemsOf(result: ParseResult) {
  if (result.ok) throw new Error('expected problems, got a workbook');
  return result.problems;
}

function workbookOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a workbook, got ${JSON.stringify(result.problems)}`);
  return result.workbook;
}

const header = columnHeadings('Milestones').join(',');

describe('writeProgrammeCsv', () => {
  const csv = writeProgrammeCsv('Milestones', fullWorkbook);

  it('writes a header row and CRLF line ends, without a BOM', () => {
    expect(csv.startsWith(`${header}\r\n`)).toBe(true);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes fields holding a comma, a quote or a line break (RFC 4180)', () => {
    expect(csv).toContain(',"Board minutes, item 4",');
    expect(csv).toContain(',"Bidder clarification ""round two""",');
    expect(csv).toContain(',"Go live\nacross all hubs",');
    expect(csv).toContain(',"M1, M3.b",');
  });

  it('writes text that a spreadsheet would run as a formula with a leading apostrophe', () => {
    expect(csv).toContain("\r\nM1,'=SUM(A1),governance-gate,");
    expect(csv).toContain(",'-5 practices still to sign,");
    expect(writeProgrammeCsv('RAID', fullWorkbook)).toContain("\r\nR1,risk,'@risk: estates capacity,");
  });
});

describe('readProgrammeCsv', () => {
  it.each(SHEETS)('reads back exactly what was written for %s, and only that sheet', (sheet) => {
    const result = readProgrammeCsv(sheet, writeProgrammeCsv(sheet, fullWorkbook));
    expect(workbookOf(result)).toEqual({ ...noRows, [SHEET_SECTIONS[sheet]]: fullWorkbookParsed[SHEET_SECTIONS[sheet]] });
  });

  it('accepts a BOM, LF line ends and blank lines, keeping Excel row numbers', () => {
    const text = `\ufeff${header}\n\nM1,Advert out,delivery,,2018-01-15,,,a@nhs.net,,,,\n`;
    expect(workbookOf(readProgrammeCsv('Milestones', text)).milestones).toEqual([expect.objectContaining({ ref: 'M1', rowNumber: 3 })]);
  });

  it('reports every bad cell with its row and column', () => {
    const text = [
      'Trajectory ref,Month,ODS code,Actual value',
      'T1,2018-01,J81001,3',
      'T1,2018-13,j81001,3',
      'T1,2018-01,J81001,-2',
      '',
    ].join('\r\n');
    expect(problemsOf(readProgrammeCsv('Trajectory actuals', text))).toEqual([
      { sheet: 'Trajectory actuals', row: 3, column: 'Month', reason: 'must be a month as YYYY-MM' },
      { sheet: 'Trajectory actuals', row: 3, column: 'ODS code', reason: 'must be an ODS code: 3 to 10 capital letters or digits' },
      { sheet: 'Trajectory actuals', row: 4, column: 'Trajectory ref', reason: 'repeats the Trajectory ref, Month and ODS code of row 2' },
      { sheet: 'Trajectory actuals', row: 4, column: 'Actual value', reason: 'must be 0 or more' },
    ]);
  });

  it('reports missing headings and extra columns', () => {
    const text = 'Trajectory ref,Month,Value,ODS code,Comment\r\nT1,2018-01,3,J81001,late\r\n';
    expect(problemsOf(readProgrammeCsv('Trajectory actuals', text))).toEqual([
      { sheet: 'Trajectory actuals', row: 1, column: 'Value', reason: 'is not a column of this sheet' },
      { sheet: 'Trajectory actuals', row: 1, column: 'Comment', reason: 'is not a column of this sheet' },
      { sheet: 'Trajectory actuals', row: 1, column: 'Actual value', reason: 'is missing' },
    ]);
  });

  it('reads an empty RAID file as no rows, and reports an empty Milestones file', () => {
    expect(workbookOf(readProgrammeCsv('RAID', ''))).toEqual(noRows);
    expect(problemsOf(readProgrammeCsv('Milestones', '\ufeff'))).toEqual([{ sheet: 'Milestones', row: 1, column: '(sheet)', reason: 'is empty' }]);
  });

  it('throws a SpreadsheetError for text that is not CSV', () => {
    expect(() => readProgrammeCsv('RAID', 'Ref,"Type\r\n')).toThrow(SpreadsheetError);
    expect(() => readProgrammeCsv('RAID', 'Ref,"Type\r\n')).toThrow(/^the RAID CSV file cannot be read: Quote Not Closed/);
  });
});
