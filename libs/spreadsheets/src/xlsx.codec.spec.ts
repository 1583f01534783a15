import { ValueType, Workbook } from 'exceljs';
import type { CellValue } from 'exceljs';
import { columnHeadings } from './column-layout';
import { SHEETS } from './programme-workbook';
import type { ParseResult, SheetName } from './programme-workbook';
import { SpreadsheetError } from './spreadsheet.error';
import { fullWorkbook, fullWorkbookParsed } from './testing/full-workbook.fixture';
import { readProgrammeXlsx, writeProgrammeXlsx } from './xlsx.codec';

async function load(data: Buffer): Promise<Workbook> {
  const file = new Workbook();
  await file.xlsx.load(new Uint8Array(data).buffer);
  return file;
}

async function save(file: Workbook): Promise<Buffer> {
  return Buffer.from(await file.xlsx.writeBuffer());
}

/** A workbook as a person might build it by hand: sheet name to rows, the first row the header. */
async function handMade(sheets: Record<string, CellValue[][]>): Promise<Buffer> {
  const file = new Workbook();
  for (const [name, rows] of Object.entries(sheets)) file.addWorksheet(name).addRows(rows);
  return save(file);
}

function problemsOf(result: ParseResult) {
  if (result.ok) throw new Error('expected problems, got a workbook');
  return result.problems;
}

function workbookOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a workbook, got ${JSON.stringify(result.problems)}`);
  return result.workbook;
}

/**
 * Runs with the local-time getters of Date answering as in New York, whatever the machine's zone, where
 * the UTC midnight exceljs gives for a date cell is still the evening before: reading the local day would be a day out.
 */
async function westOfGreenwich<T>(run: () => Promise<T>): Promise<T> {
  const inNewYork = (date: Date) => new Date(date.getTime() - 5 * 3_600_000);
  const getters = [
    jest.spyOn(Date.prototype, 'getFullYear').mockImplementation(function (this: Date) { return inNewYork(this).getUTCFullYear(); }),
    jest.spyOn(Date.prototype, 'getMonth').mockImplementation(function (this: Date) { return inNewYork(this).getUTCMonth(); }),
    jest.spyOn(Date.prototype, 'getDate').mockImplementation(function (this: Date) { return inNewYork(this).getUTCDate(); }),
  ];
  try {
    expect(new Date(Date.UTC(2018, 0, 1)).getFullYear()).toBe(2017);
    return await run();
  } finally {
    getters.forEach((getter) => getter.mockRestore());
  }
}

const milestoneRow = ['M1', 'Advert out', 'delivery', '', '2018-01-15', '', '', 'jane.smith@nhs.net', '', '', '', ''];

describe('writeProgrammeXlsx', () => {
  it('writes one worksheet per sheet, header bold and frozen, in the column layout', async () => {
    const file = await load(await writeProgrammeXlsx(fullWorkbook));
    expect(file.worksheets.map((worksheet) => worksheet.name)).toEqual([...SHEETS]);
    for (const sheet of SHEETS) {
      const worksheet = file.getWorksheet(sheet);
      const header = worksheet?.getRow(1);
      expect((header?.values as CellValue[]).slice(1)).toEqual(columnHeadings(sheet));
      expect(header?.font?.bold).toBe(true);
      expect(worksheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(worksheet?.getColumn(1).width).toBeGreaterThan(8);
    }
  });

  it('writes days as text and numbers as numbers', async () => {
    const file = await load(await writeProgrammeXlsx(fullWorkbook));
    const baseline = file.getWorksheet('Milestones')?.getCell('E2');
    expect(baseline?.type).toBe(ValueType.String);
    expect(baseline?.value).toBe('2018-01-15');
    const planned = file.getWorksheet('Trajectory plan')?.getCell('G4');
    expect(planned?.type).toBe(ValueType.Number);
    expect(planned?.value).toBe(1_500_000_00);
  });

  it('writes text that a spreadsheet would run as a formula with a leading apostrophe, and no formula cells', async () => {
    const file = await load(await writeProgrammeXlsx(fullWorkbook));
    expect(file.getWorksheet('Milestones')?.getCell('B2').value).toBe("'=SUM(A1)");
    expect(file.getWorksheet('RAID')?.getCell('C2').value).toBe("'@risk: estates capacity");
    const types: ValueType[] = [];
    file.eachSheet((worksheet) => worksheet.eachRow((row) => row.eachCell((cell) => void types.push(cell.type))));
    expect(types.length).toBeGreaterThan(50);
    expect(types).not.toContain(ValueType.Formula);
  });
});

describe('readProgrammeXlsx', () => {
  it('reads back exactly what was written', async () => {
    const result = await readProgrammeXlsx(await writeProgrammeXlsx(fullWorkbook));
    expect(workbookOf(result)).toEqual(fullWorkbookParsed);
  });

  it('reports each bad cell with its sheet, row and column, and only those', async () => {
    const file = await load(await writeProgrammeXlsx(fullWorkbook));
    file.getWorksheet('Milestones')!.getCell('E3').value = '2018-02-30';
    file.getWorksheet('RAID')!.getCell('F2').value = 7;
    file.getWorksheet('Trajectory plan')!.getCell('E4').value = 'pounds';

    const problems = problemsOf(await readProgrammeXlsx(await save(file)));
    expect(problems).toEqual([
      { sheet: 'Milestones', row: 3, column: 'Baseline date', reason: 'must be a date as YYYY-MM-DD' },
      {
        sheet: 'Trajectory plan',
        row: 4,
        column: 'Basis',
        reason:
          'must be one of practices-count, practices-percent, registered-population-percent, weighted-population-percent, wte, money-pence',
      },
      { sheet: 'RAID', row: 2, column: 'Likelihood', reason: 'must be a whole number from 1 to 5' },
    ]);
  });

  it('reports a cell whose XML holds an escaped NUL character, which nothing could store', async () => {
    const file = await load(await writeProgrammeXlsx(fullWorkbook));
    file.getWorksheet('Milestones')!.getCell('B2').value = 'Advert_x0000_ out';
    expect(problemsOf(await readProgrammeXlsx(await save(file)))).toEqual([
      { sheet: 'Milestones', row: 2, column: 'Milestone', reason: 'must not hold the NUL character (U+0000)' },
    ]);
  });

  it('reads dates typed into Excel as dates as the day and month typed, and numbers typed as text', async () => {
    const file = new Workbook();
    const milestones = file.addWorksheet('Milestones');
    milestones.addRow(columnHeadings('Milestones'));
    milestones.addRow(['M1', 'Advert out', 'delivery', '', new Date(Date.UTC(2018, 0, 15)), new Date(Date.UTC(2018, 2, 31)), '', 'a@nhs.net']);
    milestones.getColumn(5).numFmt = 'dd/mm/yyyy';
    const plan = file.addWorksheet('Trajectory plan');
    plan.addRow(columnHeadings('Trajectory plan'));
    plan.addRow(['T1', 'coverage', 'Coverage', '%', 'practices-percent', new Date(Date.UTC(2018, 5, 1)), '12.5']);
    plan.getCell('F2').numFmt = 'mmm-yy';
    const data = await save(file);

    const workbook = workbookOf(await westOfGreenwich(() => readProgrammeXlsx(data)));
    expect(workbook.milestones[0]).toMatchObject({ baselineDate: '2018-01-15', forecastDate: '2018-03-31', actualDate: null });
    expect(workbook.trajectoryPlan[0]).toMatchObject({ month: '2018-06', plannedValue: 12.5 });
  });

  it('reads a hand-made workbook: sheet names and headings in any case, emails as links, blank rows skipped', async () => {
    const raidHeader = ['ref', 'TYPE', 'Title', 'Description', 'Owner Email', 'Likelihood', 'Impact', 'Mitigation', 'Review date', 'Status'];
    const data = await handMade({
      milestones: [columnHeadings('Milestones').map((heading) => heading.toUpperCase()), milestoneRow],
      raid: [raidHeader, [], ['R1', 'issue', 'Locum cover', '', { text: 'a@nhs.net', hyperlink: 'mailto:a@nhs.net' }]],
      Notes: [['anything at all']],
    });
    const workbook = workbookOf(await readProgrammeXlsx(data));
    expect(workbook.milestones).toEqual([expect.objectContaining({ ref: 'M1', forecastDate: '2018-01-15', rowNumber: 2 })]);
    expect(workbook.raid).toEqual([expect.objectContaining({ ref: 'R1', ownerEmail: 'a@nhs.net', status: 'open', rowNumber: 3 })]);
  });

  it('reports missing headings and extra columns, and reads no rows of that sheet', async () => {
    const header = columnHeadings('Milestones').filter((heading) => heading !== 'Phase');
    const data = await handMade({ Milestones: [[...header, 'Notes'], ['M1']] });
    expect(problemsOf(await readProgrammeXlsx(data))).toEqual([
      { sheet: 'Milestones', row: 1, column: 'Notes', reason: 'is not a column of this sheet' },
      { sheet: 'Milestones', row: 1, column: 'Phase', reason: 'is missing' },
    ]);
  });

  it('reports a missing Milestones sheet', async () => {
    const data = await handMade({ RAID: [columnHeadings('RAID')] });
    expect(problemsOf(await readProgrammeXlsx(data))).toEqual([{ sheet: 'Milestones', row: 1, column: '(sheet)', reason: 'is missing' }]);
  });

  it('reads missing trajectory and RAID sheets as empty', async () => {
    const data = await handMade({ Milestones: [columnHeadings('Milestones'), milestoneRow] });
    const workbook = workbookOf(await readProgrammeXlsx(data));
    expect(workbook.milestones).toHaveLength(1);
    expect(workbook).toMatchObject({ trajectoryPlan: [], trajectoryActuals: [], raid: [] });
  });

  it('reads a formula by the result Excel saved, and reports a failed one', async () => {
    const file = new Workbook();
    const milestones = file.addWorksheet('Milestones');
    milestones.addRow(columnHeadings('Milestones'));
    milestones.addRow(milestoneRow);
    milestones.getCell('F2').value = { formula: 'E2+7', result: new Date(Date.UTC(2018, 0, 22)) };
    milestones.addRow(['M2', 'Contract award', 'decision', '', '2018-02-01', '', '', 'a@nhs.net']);
    milestones.getCell('E3').value = { formula: 'E99', result: { error: '#REF!' } };

    expect(problemsOf(await readProgrammeXlsx(await save(file)))).toEqual([
      { sheet: 'Milestones', row: 3, column: 'Baseline date', reason: 'holds the spreadsheet error #REF!' },
    ]);
    milestones.spliceRows(3, 1);
    const workbook = workbookOf(await readProgrammeXlsx(await save(file)));
    expect(workbook.milestones[0].forecastDate).toBe('2018-01-22');
  });

  it('reports a formula saved without its result, in an optional cell as in a required one, rather than reading it as blank', async () => {
    const file = new Workbook();
    const milestones = file.addWorksheet('Milestones');
    milestones.addRow(columnHeadings('Milestones'));
    milestones.addRow(milestoneRow);
    // As a program that writes formulas but does not calculate them saves them: no result.
    milestones.getCell('E2').value = { formula: 'DATE(2018,1,15)' } as CellValue;
    milestones.getCell('G2').value = { formula: 'E2+7' } as CellValue;

    expect(problemsOf(await readProgrammeXlsx(await save(file)))).toEqual([
      { sheet: 'Milestones', row: 2, column: 'Baseline date', reason: 'is a formula saved without its result: open and save the file in a spreadsheet program, or type the value in' },
      { sheet: 'Milestones', row: 2, column: 'Actual date', reason: 'is a formula saved without its result: open and save the file in a spreadsheet program, or type the value in' },
    ]);
  });

  it('throws a SpreadsheetError for a file that is not a workbook', async () => {
    await expect(readProgrammeXlsx(Buffer.from('Ref,Milestone\r\n'))).rejects.toBeInstanceOf(SpreadsheetError);
    await expect(readProgrammeXlsx(Buffer.from('Ref,Milestone\r\n'))).rejects.toMatchObject({ code: 'unreadable-file' });
  });

  it.each<SheetName>(['Trajectory plan', 'Trajectory actuals', 'RAID'])('reads a blank %s sheet as empty', async (sheet) => {
    const data = await handMade({ Milestones: [columnHeadings('Milestones'), milestoneRow], [sheet]: [] });
    expect(workbookOf(await readProgrammeXlsx(data)).milestones).toHaveLength(1);
  });
});
