import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationErrorCode, ProgrammeRepository, toWorkbook } from '@pmo/application';
import { overdueFrom } from '@pmo/domain';
import type { ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import type { ProgrammeWorkbook, SheetProblem } from '@pmo/spreadsheets';
import { binary } from './support/binary';
import { TestEngine } from './support/engine';
import { startLocalTemporal } from './support/temporal';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET_SLUGS = ['milestones', 'trajectory-plan', 'trajectory-actuals', 'raid'] as const;

/** Plans in and out of spreadsheets on the real PostgreSQL: round trips, and imports refused whole. */
describe('programme spreadsheets', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let source: ProgrammePlanRecord;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    const sample = await engine.seedOrganisations();
    const created = await engine.client
      .post('/programmes/from-template')
      .send({ templateId: 'dorset-extended-access-procurement', organisation: '11J', leadEmail: 'lead@dorset.nhs.example' })
      .expect(201);
    const id = (created.body as ProgrammeView).id;
    const trajectory = (await plan(id)).trajectories[0].ref;
    await engine.client
      .put(`/programmes/${id}/trajectories/${trajectory}/actuals/2018-10`)
      .send({ actuals: sample.populations.slice(0, 5).map((practice, index) => ({ odsCode: practice.odsCode, value: index === 0 ? 0.5 : 1 })) })
      .expect(204);
    source = await plan(id);
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  async function plan(programmeId: string): Promise<ProgrammePlanRecord> {
    return (await engine.client.get(`/programmes/${programmeId}/plan`).expect(200)).body as ProgrammePlanRecord;
  }

  /** An empty Dorset programme whose own two milestones cannot collide with the imported refs. */
  async function emptyProgramme(): Promise<string> {
    const created = await engine.client
      .post('/programmes')
      .send({
        name: 'Import target',
        leadEmail: 'lead@dorset.nhs.example',
        organisation: '11J',
        milestones: [
          { ref: 'X1', name: 'Placeholder one', baselineDate: '2030-01-31' },
          { ref: 'X2', name: 'Placeholder two', baselineDate: '2030-02-28' },
        ],
      })
      .expect(201);
    return (created.body as ProgrammeView).id;
  }

  /** What the spreadsheets carry of a plan, without the target's own placeholder milestones. */
  function carried(record: ProgrammePlanRecord): ProgrammeWorkbook {
    const workbook = toWorkbook(record);
    return { ...workbook, milestones: workbook.milestones.filter((row) => !['X1', 'X2'].includes(row.ref)) };
  }

  it('round-trips milestones, trajectories and RAID through XLSX', async () => {
    const download = await binary(engine.client.get(`/programmes/${source.id}/workbook`))
      .expect(200)
      .expect('content-type', XLSX);
    const target = await emptyProgramme();
    const summary = await engine.client.post(`/programmes/${target}/workbook`).set('content-type', XLSX).send(download.body).expect(200);
    expect(summary.body).toEqual({ milestones: 8, trajectoryPlanRows: source.trajectories[0].plan.length, trajectoryActuals: 5, raid: source.raid.length });
    expect(carried(await plan(target))).toEqual(carried(source));
    expect(source.raid.length).toBeGreaterThan(0);
  });

  it('imports the example workbook of the README', async () => {
    const target = await emptyProgramme();
    const example = readFileSync(resolve(__dirname, '../docs/examples/dorset-extended-access-procurement.xlsx'));
    const summary = await engine.client.post(`/programmes/${target}/workbook`).set('content-type', XLSX).send(example).expect(200);
    expect(summary.body).toEqual(expect.objectContaining({ milestones: 8, trajectoryActuals: 2 }));
  });

  it('answers 400, not 500, for a file that is not a spreadsheet', async () => {
    const response = await engine.client.post(`/programmes/${source.id}/workbook`).set('content-type', XLSX).send(Buffer.from('not a zip')).expect(400);
    expect(response.body.errors).toEqual([{ field: '(body)', reason: expect.any(String) }]);
  });

  it('round-trips each sheet through CSV', async () => {
    const target = await emptyProgramme();
    for (const sheet of SHEET_SLUGS) {
      const csv = await engine.client.get(`/programmes/${source.id}/sheets/${sheet}`).expect(200).expect('content-type', /text\/csv/);
      await engine.client.post(`/programmes/${target}/sheets/${sheet}`).set('content-type', 'text/csv').send(csv.text).expect(200);
    }
    expect(carried(await plan(target))).toEqual(carried(source));
  });

  it('refuses an import with three bad rows, locating each problem, and writes nothing', async () => {
    const target = await emptyProgramme();
    const before = await plan(target);
    const csv = (await engine.client.get(`/programmes/${source.id}/sheets/milestones`).expect(200)).text;
    const lines = csv.split('\r\n');
    lines[2] = lines[2].replace(/,2017-11-30,/, ',2017-11-31,');
    lines[4] = lines[4].replace(',governance-gate,', ',gateway,').replace(',delivery,', ',gateway,');
    lines[6] = lines[6].replace('lead@dorset.nhs.example', 'not-an-email');
    const response = await engine.client
      .post(`/programmes/${target}/sheets/milestones`)
      .set('content-type', 'text/csv')
      .send(lines.join('\r\n'))
      .expect(422);
    expect(response.body.errors.map(({ sheet, row, column }: { sheet: string; row: number; column: string }) => ({ sheet, row, column }))).toEqual([
      { sheet: 'Milestones', row: 3, column: 'Baseline date' },
      { sheet: 'Milestones', row: 5, column: 'Kind' },
      { sheet: 'Milestones', row: 7, column: 'Owner email' },
    ]);
    expect(await plan(target)).toEqual(before);
  });

  it('keeps every forecast, so the status as at a past instant uses the forecast then in force', async () => {
    const target = await emptyProgramme();
    const before = new Date().toISOString();
    await new Promise((done) => setTimeout(done, 20));
    // The placeholder due 2030-01-31 is forecast three months later, beyond the Red slip tolerance.
    const csv = (await engine.client.get(`/programmes/${target}/sheets/milestones`).expect(200)).text.replace(
      'X1,Placeholder one,delivery,,2030-01-31,2030-01-31,',
      'X1,Placeholder one,delivery,,2030-01-31,2030-04-30,',
    );
    await engine.client.post(`/programmes/${target}/sheets/milestones`).set('content-type', 'text/csv').send(csv).expect(200);
    const now = (await engine.client.get(`/programmes/${target}`).expect(200)).body as ProgrammeView;
    const then = (await engine.client.get(`/programmes/${target}`).query({ asAt: before }).expect(200)).body as ProgrammeView;
    expect(now.milestones[0].status).toBe('Red');
    expect(then.milestones[0].status).toBe('Green');
    expect((await plan(target)).milestones[0].forecasts.map((forecast) => forecast.forecastDate)).toEqual(['2030-01-31', '2030-04-30']);
    await engine.client.get(`/programmes/${target}`).query({ asAt: 'yesterday' }).expect(400);
  });

  it('refuses a moved baseline without a reason and an unknown organisation, against the record, writing nothing', async () => {
    const csv = (await engine.client.get(`/programmes/${source.id}/sheets/milestones`).expect(200)).text;
    const moved = csv.replace(source.milestones[1].baselineDate, '2018-01-15');
    const refused = await engine.client.post(`/programmes/${source.id}/sheets/milestones`).set('content-type', 'text/csv').send(moved).expect(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ sheet: 'Milestones', row: 3, column: 'Baseline date', reason: expect.stringContaining('Rebaseline reason') }),
    ]);
    const actuals = `Trajectory ref,Month,ODS code,Actual value\r\n${source.trajectories[0].ref},2018-11,ZZZ999,1\r\n`;
    const unknown = await engine.client.post(`/programmes/${source.id}/sheets/trajectory-actuals`).set('content-type', 'text/csv').send(actuals).expect(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ sheet: 'Trajectory actuals', row: 2, column: 'ODS code' })]);
    expect(await plan(source.id)).toEqual(source);
  });

  it('swaps two milestones’ names in one import: only the names it leaves behind must differ', async () => {
    const target = await emptyProgramme();
    const csv = (await engine.client.get(`/programmes/${target}/sheets/milestones`).expect(200)).text;
    const swapped = csv.replace('X1,Placeholder one,', 'X1,Placeholder two,').replace('X2,Placeholder two,', 'X2,Placeholder one,');
    await engine.client.post(`/programmes/${target}/sheets/milestones`).set('content-type', 'text/csv').send(swapped).expect(200);
    expect((await plan(target)).milestones.map(({ ref, name }) => [ref, name])).toEqual([
      ['X1', 'Placeholder two'],
      ['X2', 'Placeholder one'],
    ]);
  });

  it('answers 409, writing nothing, when a change that landed after the names were checked took one of them', async () => {
    const target = await emptyProgramme();
    const before = await plan(target);
    // The import's own check passed against the plan it read; meanwhile another change named X1 the same.
    const meanwhile = {
      ref: 'N1',
      name: 'PLACEHOLDER ONE',
      kind: 'delivery' as const,
      phase: null,
      baselineDate: '2030-03-29',
      forecastDate: '2030-03-29',
      actualDate: null,
      dueAt: overdueFrom('2030-03-29').toISOString(),
      completedAt: null,
      ownerEmail: 'lead@dorset.nhs.example',
      predecessors: [],
      acceptedOverlap: false,
      evidence: null,
      rebaseline: null,
    };
    const applied = engine.workerContext.get(ProgrammeRepository).applyChanges(target, { milestones: [meanwhile], trajectories: [], actuals: [], raid: [] }, new Date());
    await expect(applied).rejects.toMatchObject({ code: ApplicationErrorCode.Conflict });
    expect(await plan(target)).toEqual(before);
  });

  it('refuses, at its cell, what the database could not hold, and writes nothing: no server error', async () => {
    const target = await emptyProgramme();
    const before = await plan(target);
    const located = (response: { body: { errors: SheetProblem[] } }) => response.body.errors.map(({ sheet, row, column, reason }) => ({ sheet, row, column, reason }));
    const [header, placeholderOne] = (await engine.client.get(`/programmes/${target}/sheets/milestones`).expect(200)).text.split('\r\n');
    const milestones = [
      header,
      placeholderOne,
      // A name another row gives, and one a milestone outside the sheet keeps, whatever their case.
      placeholderOne.replace('X1,Placeholder one,', 'N1,PLACEHOLDER ONE,'),
      placeholderOne.replace('X1,Placeholder one,', 'N2,placeholder two,'),
      placeholderOne.replace('X1,Placeholder one,', `N3,${'n'.repeat(201)},`),
    ].join('\r\n');
    const named = await engine.client.post(`/programmes/${target}/sheets/milestones`).set('content-type', 'text/csv').send(milestones).expect(422);
    expect(located(named)).toEqual([
      { sheet: 'Milestones', row: 5, column: 'Milestone', reason: 'must be at most 200 characters' },
    ]);
    const withoutLong = milestones.split('\r\n').slice(0, 4).join('\r\n');
    const repeated = await engine.client.post(`/programmes/${target}/sheets/milestones`).set('content-type', 'text/csv').send(withoutLong).expect(422);
    expect(located(repeated)).toEqual([
      { sheet: 'Milestones', row: 3, column: 'Milestone', reason: 'is already the name of row 2' },
      { sheet: 'Milestones', row: 4, column: 'Milestone', reason: 'is already the name of milestone X2, not in this sheet' },
    ]);
    const trajectory = [
      'Trajectory ref,Metric,Trajectory,Unit,Basis,Month,Planned value',
      'T1,Practices live,Practices live,practices,practices-count,2030-01,3',
      'T1,practices-live,Practices live,practices,practices-count,2030-02,1000000000000',
    ].join('\r\n');
    const figures = await engine.client.post(`/programmes/${target}/sheets/trajectory-plan`).set('content-type', 'text/csv').send(trajectory).expect(422);
    expect(located(figures)).toEqual([
      { sheet: 'Trajectory plan', row: 2, column: 'Metric', reason: 'must be a metric key in kebab-case: 3 to 80 small letters, digits and dashes' },
      { sheet: 'Trajectory plan', row: 3, column: 'Planned value', reason: 'must be at most 999999999999' },
    ]);
    expect(await plan(target)).toEqual(before);
  });
});
