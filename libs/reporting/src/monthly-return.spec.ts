import { resolve } from 'node:path';
import { Workbook } from 'exceljs';
import type { ProgrammePlanRecord } from '@pmo/application';
import { assessProgramme, DEFAULT_RULE_SETTINGS, financialPeriod, WorkingCalendar } from '@pmo/domain';
import type { TrajectoryBasis } from '@pmo/domain';
import { writeTableCsv, writeTablesXlsx } from '@pmo/spreadsheets';
import { golden } from '../../../test/support/golden';
import { buildMonthlyReturn, monthlyReturnTable, RETURN_COLUMNS } from './monthly-return';
import type { ReturnSource } from './monthly-return';

const calendar = new WorkingCalendar(['2018-01-01', '2018-03-30', '2018-04-02']);
const asAt = new Date('2018-02-07T00:00:00.000Z');
const tolerances = { amberSlipWorkingDays: 5, redSlipWorkingDays: 15, amberBelowPlanPercent: 5, redBelowPlanPercent: 15 };

type Figure = { metric: string; name: string; basis: TrajectoryBasis; planned: number | null; actual: number | null };

/** A programme of an organisation reporting January 2018 figures for some metrics. */
function source(id: string, odsCode: string | null, organisationName: string, figures: Figure[]): ReturnSource {
  const trajectories = figures.map((figure, index) => ({ ref: `T0${index + 1}`, name: figure.name, unit: figure.basis, months: [{ month: '2018-01', planned: figure.planned, actual: figure.actual }] }));
  const plan = {
    id,
    organisationOdsCode: odsCode,
    trajectories: figures.map((figure, index) => ({ ref: `T0${index + 1}`, metric: figure.metric, name: figure.name, basis: figure.basis, unit: 'percent', plan: [], actuals: [] })),
  } as unknown as ProgrammePlanRecord;
  const assessment = assessProgramme({ milestones: [], trajectories, confidenceOverride: null }, asAt, { ...DEFAULT_RULE_SETTINGS, calendar, tolerances });
  return { plan, organisationName, assessment, trajectories };
}

const sources = [
  source('00000000-0000-4000-8000-000000000002', '11J', 'NHS Dorset CCG', [
    { metric: 'online-consultation-practices-live', name: 'Practices offering online consultation', basis: 'practices-percent', planned: 40, actual: 31.25 },
    { metric: 'clinical-pharmacist-wte', name: 'Clinical pharmacists in post', basis: 'wte', planned: 6, actual: 6.5 },
  ]),
  source('00000000-0000-4000-8000-000000000001', '11J', 'NHS Dorset CCG', [
    { metric: 'extended-access-population-coverage', name: 'Registered population with extended access', basis: 'registered-population-percent', planned: 50, actual: 49 },
  ]),
  // A second programme reporting a metric the first already reports, with no plan for the month: it loses.
  source('00000000-0000-4000-8000-000000000003', '11J', 'NHS Dorset CCG', [
    { metric: 'clinical-pharmacist-wte', name: 'Clinical pharmacists (second scheme)', basis: 'wte', planned: null, actual: 1 },
  ]),
  source('00000000-0000-4000-8000-000000000004', '99X', 'NHS Example CCG, "North"', [
    { metric: 'extended-access-population-coverage', name: '=Population covered, typed as a formula', basis: 'registered-population-percent', planned: 100, actual: null },
  ]),
  source('00000000-0000-4000-8000-000000000005', null, 'nobody', [{ metric: 'pch-practices-live', name: 'PCH practices', basis: 'practices-count', planned: 3, actual: 3 }]),
];

describe('NHS England monthly return', () => {
  const monthlyReturn = buildMonthlyReturn(financialPeriod('2018-01'), asAt, sources);

  it('has one row per organisation and metric, judged against plan by the programme’s tolerances', () => {
    expect(monthlyReturn.rows.map((row) => [row.odsCode, row.metric, row.plan, row.actual, row.variance, row.status])).toEqual([
      ['11J', 'clinical-pharmacist-wte', 6, 6.5, 0.5, 'Green'],
      ['11J', 'extended-access-population-coverage', 50, 49, -1, 'Green'],
      ['11J', 'online-consultation-practices-live', 40, 31.25, -8.75, 'Red'],
      // Data for January is not due until the 5th working day of February.
      ['99X', 'extended-access-population-coverage', 100, null, null, 'Pending'],
    ]);
  });

  it('is the golden CSV, in the documented layout, with formula-like text kept as text', () => {
    const csv = writeTableCsv(monthlyReturnTable(monthlyReturn));
    expect(csv).toBe(golden(resolve(__dirname, 'golden/monthly-return.csv'), csv));
    expect(csv.split('\r\n')[0]).toBe(RETURN_COLUMNS.map((column) => column.heading).join(','));
    expect(csv).toContain(`"NHS Example CCG, ""North""",extended-access-population-coverage,"'=Population covered`);
  });

  it('reads back from its XLSX with the same cells as its CSV', async () => {
    const table = monthlyReturnTable(monthlyReturn);
    const file = new Workbook();
    await file.xlsx.load(new Uint8Array(await writeTablesXlsx([table])).buffer);
    const sheet = file.getWorksheet('NHSE return 2018-01');
    const values: unknown[][] = [];
    sheet?.eachRow((row) => values.push(RETURN_COLUMNS.map((_, index) => row.getCell(index + 1).value ?? null)));
    expect(values).toEqual([RETURN_COLUMNS.map((column) => column.heading), ...table.rows]);
    expect(typeof values[1][8]).toBe('number');
  });

  it('is the same return whatever order the programmes come in', () => {
    expect(buildMonthlyReturn(financialPeriod('2018-01'), asAt, [...sources].reverse())).toEqual(monthlyReturn);
  });
});
