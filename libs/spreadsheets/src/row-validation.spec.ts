import { PLAN_FIELDS } from '@pmo/domain';
import { columnHeadings } from './column-layout';
import type { ParseResult, SheetName, SheetProblem } from './programme-workbook';
import { parseSheets } from './row-validation';
import type { RawSheet } from './row-validation';

type Cells = Record<string, string>;

/** A sheet in the column layout, a row per cells object keyed by heading; rows start at spreadsheet row 2. */
function sheetOf(sheet: SheetName, rows: Cells[]): RawSheet {
  const header = columnHeadings(sheet);
  return { header, rows: rows.map((cells, index) => ({ rowNumber: index + 2, cells: header.map((heading) => cells[heading] ?? '') })) };
}

function parse(sheet: SheetName, raw: RawSheet): ParseResult {
  return parseSheets([sheet], { [sheet]: raw });
}

function workbookOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a workbook, got ${JSON.stringify(result.problems)}`);
  return result.workbook;
}

/** Each problem as "row column: reason", to compare many at a glance. */
function problemsOf(result: ParseResult): string[] {
  if (result.ok) throw new Error('expected problems, got a workbook');
  return result.problems.map((problem: SheetProblem) => `${problem.row} ${problem.column}: ${problem.reason}`);
}

const milestone = (cells: Cells = {}): Cells => ({
  Ref: 'M1',
  Milestone: 'Advert out',
  Kind: 'delivery',
  'Baseline date': '2018-01-15',
  'Owner email': 'jane.smith@nhs.net',
  ...cells,
});
const planRow = (cells: Cells = {}): Cells => ({
  'Trajectory ref': 'T1',
  Metric: 'coverage',
  Trajectory: 'Extended access coverage',
  Unit: '%',
  Basis: 'registered-population-percent',
  Month: '2018-01',
  'Planned value': '10',
  ...cells,
});
const actualRow = (cells: Cells = {}): Cells => ({ 'Trajectory ref': 'T1', Month: '2018-01', 'ODS code': 'J81001', 'Actual value': '3', ...cells });
const raidRow = (cells: Cells = {}): Cells => ({ Ref: 'R1', Type: 'issue', Title: 'Locum cover', ...cells });

const milestones = (...rows: Cells[]) => parse('Milestones', sheetOf('Milestones', rows));
const plan = (...rows: Cells[]) => parse('Trajectory plan', sheetOf('Trajectory plan', rows));
const actuals = (...rows: Cells[]) => parse('Trajectory actuals', sheetOf('Trajectory actuals', rows));
const raid = (...rows: Cells[]) => parse('RAID', sheetOf('RAID', rows));

describe('Milestones rows', () => {
  it('take their defaults from blank cells and lose stray spaces', () => {
    expect(workbookOf(milestones(milestone({ Ref: ' M1 ', Milestone: ' Advert out  ' }))).milestones).toEqual([
      {
        ref: 'M1',
        name: 'Advert out',
        kind: 'delivery',
        phase: null,
        baselineDate: '2018-01-15',
        forecastDate: '2018-01-15',
        actualDate: null,
        ownerEmail: 'jane.smith@nhs.net',
        predecessors: [],
        acceptedOverlap: null,
        evidence: null,
        rebaselineReason: null,
        rebaselineApprover: null,
        rowNumber: 2,
      },
    ]);
  });

  it('split predecessors on commas, trimmed, skipping empty entries', () => {
    const [row] = workbookOf(milestones(milestone({ Predecessors: ' M0 ,M0.1,, ' }))).milestones;
    expect(row.predecessors).toEqual(['M0', 'M0.1']);
    expect(problemsOf(milestones(milestone({ Predecessors: 'M0; M0.1' })))).toEqual(['2 Predecessors: must be refs separated by commas']);
  });

  it.each(['2018-02-30', '2017-02-29', '15/01/2018', '2018-1-15', '2018-01-15T09:00:00Z'])('refuse %j as a date', (date) => {
    expect(problemsOf(milestones(milestone({ 'Actual date': date })))).toEqual(['2 Actual date: must be a date as YYYY-MM-DD']);
  });

  it('take 29 February in a leap year', () => {
    expect(workbookOf(milestones(milestone({ 'Baseline date': '2016-02-29' }))).milestones[0].baselineDate).toBe('2016-02-29');
  });

  it.each(['-M1', 'M 1', 'M1!', 'x'.repeat(41)])('refuse %j as a ref', (ref) => {
    expect(problemsOf(milestones(milestone({ Ref: ref })))).toEqual([
      '2 Ref: must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit',
    ]);
  });

  it('report every problem of a row, in column order', () => {
    const row = milestone({ Ref: 'M 1', Kind: 'milestone', 'Baseline date': '', 'Owner email': 'jane at nhs', 'Rebaseline reason': 'slip' });
    expect(problemsOf(milestones(row))).toEqual([
      '2 Ref: must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit',
      '2 Kind: must be one of delivery, governance-gate, decision',
      '2 Baseline date: is required',
      '2 Owner email: must be an email address',
      '2 Rebaseline approver: rebaselining needs both a reason and an approver',
    ]);
  });

  it('need a rebaseline reason and approver together', () => {
    expect(problemsOf(milestones(milestone({ Ref: 'M1', 'Rebaseline approver': 'Dr A Patel' }), milestone({ Ref: 'M2', 'Rebaseline reason': 'slip' })))).toEqual([
      '2 Rebaseline reason: rebaselining needs both a reason and an approver',
      '3 Rebaseline approver: rebaselining needs both a reason and an approver',
    ]);
  });

  it('may not repeat a ref; the later row is reported', () => {
    expect(problemsOf(milestones(milestone({ Ref: 'M1' }), milestone({ Ref: 'M2' }), milestone({ Ref: 'M1' })))).toEqual([
      '4 Ref: repeats the Ref of row 2',
    ]);
  });

  it('skip blank rows and keep the spreadsheet row numbers', () => {
    const rows = workbookOf(milestones(milestone({ Ref: 'M1' }), { Ref: '  ', Milestone: '' }, milestone({ Ref: 'M2' }))).milestones;
    expect(rows.map((row) => [row.ref, row.rowNumber])).toEqual([
      ['M1', 2],
      ['M2', 4],
    ]);
  });

  it('take the formula guard off text, and only the guard', () => {
    const [row] = workbookOf(milestones(milestone({ Milestone: "'=SUM(A1)", Evidence: "'signed off" }))).milestones;
    expect(row.name).toBe('=SUM(A1)');
    expect(row.evidence).toBe("'signed off");
  });

  it('report a cell showing a spreadsheet error once', () => {
    expect(problemsOf(milestones(milestone({ 'Baseline date': '#REF!', Milestone: '#N/A' })))).toEqual([
      '2 Milestone: holds the spreadsheet error #N/A',
      '2 Baseline date: holds the spreadsheet error #REF!',
    ]);
  });
});

describe('Trajectory plan rows', () => {
  it('read a money-pence row', () => {
    expect(workbookOf(plan(planRow({ Basis: 'money-pence', 'Planned value': '150000000' }))).trajectoryPlan[0]).toMatchObject({
      basis: 'money-pence',
      plannedValue: 150_000_000,
    });
  });

  it('need whole pence for money-pence, but not for other bases', () => {
    expect(problemsOf(plan(planRow({ Basis: 'money-pence', 'Planned value': '12.5' })))).toEqual([
      '2 Planned value: must be a whole number of pence when the basis is money-pence',
    ]);
    expect(workbookOf(plan(planRow({ 'Planned value': '12.5' }))).trajectoryPlan[0].plannedValue).toBe(12.5);
  });

  it.each([
    ['abc', 'must be a number'],
    ['1,000', 'must be a number'],
    ['1e999', 'must be a number'],
    ['-1', 'must be 0 or more'],
    ['', 'is required'],
  ])('refuse %j as a planned value: %s', (value, reason) => {
    expect(problemsOf(plan(planRow({ 'Planned value': value })))).toEqual([`2 Planned value: ${reason}`]);
  });

  it('refuse an unknown basis and a month that is not YYYY-MM', () => {
    expect(problemsOf(plan(planRow({ Basis: 'pounds', Month: '2018-13' })))).toEqual([
      '2 Basis: must be one of practices-count, practices-percent, registered-population-percent, weighted-population-percent, wte, money-pence',
      '2 Month: must be a month as YYYY-MM',
    ]);
  });

  it('may not repeat a trajectory ref and month', () => {
    expect(problemsOf(plan(planRow(), planRow({ Month: '2018-02' }), planRow({ 'Trajectory ref': 'T2' }), planRow()))).toEqual([
      '5 Trajectory ref: repeats the Trajectory ref and Month of row 2',
    ]);
  });
});

describe('Trajectory actuals rows', () => {
  it('read fractions whatever the basis, which the row does not carry', () => {
    expect(workbookOf(actuals(actualRow({ 'Actual value': '0.5' }))).trajectoryActuals).toEqual([
      { trajectoryRef: 'T1', month: '2018-01', odsCode: 'J81001', value: 0.5, rowNumber: 2 },
    ]);
  });

  it.each(['j81001', 'J8', 'J81001-X', 'ABCDEFGHIJK'])('refuse %j as an ODS code', (odsCode) => {
    expect(problemsOf(actuals(actualRow({ 'ODS code': odsCode })))).toEqual(['2 ODS code: must be an ODS code: 3 to 10 capital letters or digits']);
  });

  it('may repeat a trajectory and month for another practice, but not for the same one', () => {
    expect(problemsOf(actuals(actualRow(), actualRow({ 'ODS code': 'J81002' }), actualRow()))).toEqual([
      '4 Trajectory ref: repeats the Trajectory ref, Month and ODS code of row 2',
    ]);
  });
});

describe('RAID rows', () => {
  it('default the status to open', () => {
    expect(workbookOf(raid(raidRow())).raid[0]).toEqual({
      ref: 'R1',
      type: 'issue',
      title: 'Locum cover',
      description: null,
      ownerEmail: null,
      likelihood: null,
      impact: null,
      mitigation: null,
      reviewDate: null,
      status: 'open',
      rowNumber: 2,
    });
    expect(problemsOf(raid(raidRow({ Status: 'pending' })))).toEqual(['2 Status: must be one of open, closed']);
  });

  it('need a likelihood and an impact for a risk', () => {
    expect(problemsOf(raid(raidRow({ Type: 'risk' })))).toEqual(['2 Likelihood: is required for a risk', '2 Impact: is required for a risk']);
    expect(workbookOf(raid(raidRow({ Type: 'risk', Likelihood: '2', Impact: '5' }))).raid[0]).toMatchObject({ likelihood: 2, impact: 5 });
  });

  it('give a likelihood to risks only, while any type may have an impact', () => {
    expect(problemsOf(raid(raidRow({ Type: 'issue', Likelihood: '3' })))).toEqual(['2 Likelihood: must be blank unless the type is risk']);
    expect(workbookOf(raid(raidRow({ Type: 'issue', Impact: '3' }))).raid[0].impact).toBe(3);
  });

  it.each(['0', '6', '2.5', 'high'])('refuse %j as a likelihood', (likelihood) => {
    expect(problemsOf(raid(raidRow({ Type: 'risk', Likelihood: likelihood, Impact: '1' })))).toEqual([
      '2 Likelihood: must be a whole number from 1 to 5',
    ]);
  });

  it('refuse an unknown type without also judging its likelihood', () => {
    expect(problemsOf(raid(raidRow({ Type: 'action', Likelihood: '3' })))).toEqual(['2 Type: must be one of risk, issue, assumption, decision']);
  });

  it('may not repeat a ref', () => {
    expect(problemsOf(raid(raidRow(), raidRow()))).toEqual(['3 Ref: repeats the Ref of row 2']);
  });
});

describe('free text and figures', () => {
  // What a plan sent as JSON may hold, and no more: the database's columns hold that much.
  const bounds: [string, (cells: Cells) => ParseResult, string, number][] = [
    ['Milestones', (cells) => milestones(milestone(cells)), 'Milestone', PLAN_FIELDS.nameLength],
    ['Milestones', (cells) => milestones(milestone(cells)), 'Evidence', PLAN_FIELDS.evidenceLength],
    ['Milestones', (cells) => milestones(milestone({ 'Rebaseline approver': 'Dr A Patel', ...cells })), 'Rebaseline reason', PLAN_FIELDS.evidenceLength],
    ['Milestones', (cells) => milestones(milestone({ 'Rebaseline reason': 'Slipped', ...cells })), 'Rebaseline approver', PLAN_FIELDS.approverLength],
    ['Trajectory plan', (cells) => plan(planRow(cells)), 'Trajectory', PLAN_FIELDS.nameLength],
    ['Trajectory plan', (cells) => plan(planRow(cells)), 'Unit', PLAN_FIELDS.unitLength],
    ['RAID', (cells) => raid(raidRow(cells)), 'Title', PLAN_FIELDS.raidTitleLength],
    ['RAID', (cells) => raid(raidRow(cells)), 'Description', PLAN_FIELDS.raidTextLength],
    ['RAID', (cells) => raid(raidRow(cells)), 'Mitigation', PLAN_FIELDS.raidTextLength],
  ];

  it.each(bounds)('%s: take a %s of its most characters, and refuse one more', (_sheet, read, column, most) => {
    expect(read({ [column]: 'x'.repeat(most) }).ok).toBe(true);
    expect(problemsOf(read({ [column]: 'x'.repeat(most + 1) }))).toEqual([`2 ${column}: must be at most ${most} characters`]);
  });

  it('take figures up to what a trajectory holds, and refuse a greater one', () => {
    const most = String(PLAN_FIELDS.mostTrajectoryValue);
    expect(workbookOf(plan(planRow({ Basis: 'wte', 'Planned value': most }))).trajectoryPlan[0].plannedValue).toBe(PLAN_FIELDS.mostTrajectoryValue);
    expect(workbookOf(actuals(actualRow({ 'Actual value': most }))).trajectoryActuals[0].value).toBe(PLAN_FIELDS.mostTrajectoryValue);
    expect(problemsOf(actuals(actualRow({ 'Actual value': '1e12' })))).toEqual([`2 Actual value: must be at most ${most}`]);
  });

  it('take a planned percentage up to 100, as a plan sent as JSON does', () => {
    expect(workbookOf(plan(planRow({ 'Planned value': '100' }))).trajectoryPlan[0].plannedValue).toBe(100);
    expect(problemsOf(plan(planRow({ 'Planned value': '150' })))).toEqual(['2 Planned value: must be at most 100: a percentage, for the basis registered-population-percent']);
    expect(workbookOf(plan(planRow({ Basis: 'practices-count', 'Planned value': '150' }))).trajectoryPlan[0].plannedValue).toBe(150);
  });

  it('take only a metric key the return can sum by', () => {
    expect(problemsOf(plan(planRow({ Metric: 'Extended access' })))).toEqual([
      '2 Metric: must be a metric key in kebab-case: 3 to 80 small letters, digits and dashes',
    ]);
  });
});

describe('the header row', () => {
  it('may not name a column twice; the rows are then not read', () => {
    const header = [...columnHeadings('RAID'), 'status'];
    expect(problemsOf(parse('RAID', { header, rows: [{ rowNumber: 2, cells: ['R1', 'nonsense'] }] }))).toEqual(['1 Status: appears more than once']);
  });

  it('reports values under no heading', () => {
    const header = [...columnHeadings('Trajectory actuals'), '', 'Notes'];
    const rows = [{ rowNumber: 2, cells: ['T1', '2018-01', 'J81001', '3', 'late return', ''] }];
    expect(problemsOf(parse('Trajectory actuals', { header, rows }))).toEqual([
      '1 Notes: is not a column of this sheet',
      '1 column E: has values but no heading',
    ]);
  });
});

describe('parseSheets', () => {
  it('reports an expected Milestones sheet that is missing, and reads the other sheets as empty when missing', () => {
    expect(problemsOf(parseSheets(['Milestones', 'RAID'], {}))).toEqual(['1 (sheet): is missing']);
    expect(workbookOf(parseSheets(['Milestones', 'RAID'], { Milestones: sheetOf('Milestones', [milestone()]) })).raid).toEqual([]);
  });

  it('collects problems from every sheet, sheet by sheet', () => {
    const result = parseSheets(['Milestones', 'RAID'], {
      Milestones: sheetOf('Milestones', [milestone({ Kind: '' })]),
      RAID: sheetOf('RAID', [raidRow({ Title: '' })]),
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { sheet: 'Milestones', row: 2, column: 'Kind', reason: 'is required' },
        { sheet: 'RAID', row: 2, column: 'Title', reason: 'is required' },
      ],
    });
  });
});
