import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import { addMonths, londonDay } from '@pmo/domain';
import { binary } from './support/binary';
import { TestEngine } from './support/engine';
import { startLocalTemporal } from './support/temporal';

const MANAGER = 'manager@north-dorset.nhs.example';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Bad data refused alike however it arrives, with the field the person got wrong named: on the real API and
 * PostgreSQL. Each case was accepted, or named the wrong field, before its fix.
 */
describe('bad data, refused everywhere alike', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let programme: ProgrammeView;
  const thisMonth = londonDay(new Date()).slice(0, 7);
  const lastMonth = addMonths(thisMonth, -1);

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
    await engine.granted(MANAGER, 'programme_manager', '11JT01');
    programme = (
      await engine.client
        .post('/programmes')
        .send({
          name: 'Online consultation, North Dorset',
          organisation: '11JT01',
          leadEmail: 'lead@north-dorset.nhs.example',
          milestones: [
            { ref: 'M01', name: 'Supplier chosen', baselineDate: '2030-01-31' },
            { ref: 'M02', name: 'Live in every practice', baselineDate: '2030-06-30' },
          ],
          trajectories: [{ ref: 'T01', metric: 'online-consultation-practices', name: 'Practices live', unit: 'percent', basis: 'practices-percent', plan: { [lastMonth]: 50 } }],
        })
        .expect(201)
    ).body as ProgrammeView;
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  const actuals = (body: object, month = lastMonth) => engine.client.put(`/programmes/${programme.id}/trajectories/T01/actuals/${month}`).send(body);

  it('refuses a planned percentage over 100 and a share over 1, naming the field, rather than capping them', async () => {
    const plan = await engine.client
      .post('/programmes')
      .send({
        name: 'Typed 150 for a percentage',
        leadEmail: 'lead@north-dorset.nhs.example',
        milestones: [
          { name: 'One', baselineDate: '2030-01-31' },
          { name: 'Two', baselineDate: '2030-02-28' },
        ],
        trajectories: [{ ref: 'T01', metric: 'coverage', name: 'Covered', unit: 'percent', basis: 'registered-population-percent', plan: { '2030-01': 150 } }],
      })
      .expect(400);
    expect(plan.body.errors).toEqual([{ field: 'trajectories.0.plan.2030-01', reason: 'must be at most 100: a percentage, for the basis registered-population-percent' }]);

    const share = await actuals({ actuals: [{ odsCode: 'SJ8001', value: 1 }, { odsCode: 'SJ8002', value: 50 }] }).expect(422);
    expect(share.body.errors).toEqual([{ field: 'actuals.1.value', reason: expect.stringMatching(/^must be at most 1: the share of the practice covered/) }]);

    const sheet = await engine.client
      .post(`/programmes/${programme.id}/sheets/trajectory-plan`)
      .set('content-type', 'text/csv')
      .send(`Trajectory ref,Metric,Trajectory,Unit,Basis,Month,Planned value\r\nT01,online-consultation-practices,Practices live,percent,practices-percent,${thisMonth},150\r\n`)
      .expect(422);
    expect(sheet.body.errors).toEqual([expect.objectContaining({ sheet: 'Trajectory plan', row: 2, column: 'Planned value', reason: 'must be at most 100: a percentage, for the basis practices-percent' })]);
    const recorded = (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect(recorded.trajectories[0].actuals).toEqual([]);
  });

  it('refuses an actual for a practice outside the programme’s organisation, as the workbook does, and a workbook exported imports back', async () => {
    // SJ8009 is a Purbeck practice; the programme is North Dorset's.
    const outside = await actuals({ actuals: [{ odsCode: 'SJ8009', value: 1 }] }).expect(422);
    expect(outside.body.errors).toEqual([{ field: 'actuals.0.odsCode', reason: "is not part of the programme's organisation 11JT01" }]);
    await actuals({ actuals: [{ odsCode: 'SJ8001', value: 1 }, { odsCode: 'SJ8002', value: 0.5 }] }).expect(204);

    const exported = (await binary(engine.client.get(`/programmes/${programme.id}/workbook`)).expect(200)).body as Buffer;
    const imported = await engine.client.post(`/programmes/${programme.id}/workbook`).set('content-type', XLSX).send(exported).expect(200);
    expect(imported.body).toEqual(expect.objectContaining({ milestones: 2, trajectoryActuals: 2, trajectoryPlanRows: 1 }));
    const after = (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect(after.trajectories[0].actuals.map((actual) => [actual.odsCode, actual.value])).toEqual([['SJ8001', 1], ['SJ8002', 0.5]]);
  });

  it('refuses predecessors that form a cycle in a sheet, as the JSON plan refuses them', async () => {
    const sheet = [
      'Ref,Milestone,Kind,Phase,Baseline date,Forecast date,Actual date,Owner email,Predecessors,Evidence,Rebaseline reason,Rebaseline approver',
      'M01,Supplier chosen,delivery,,2030-01-31,,,lead@north-dorset.nhs.example,M02,,,',
      'M02,Live in every practice,delivery,,2030-06-30,,,lead@north-dorset.nhs.example,M01,,,',
    ].join('\r\n');
    const refused = await engine.client.post(`/programmes/${programme.id}/sheets/milestones`).set('content-type', 'text/csv').send(sheet).expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ sheet: 'Milestones', row: 2, column: 'Predecessors', reason: 'the predecessors form a cycle: M01 -> M02 -> M01' })]);
    const plan = (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect(plan.milestones.map((milestone) => milestone.predecessors)).toEqual([[], []]);
  });

  it('refuses a successor baselined before its predecessor finishes, unless its overlap is accepted, in JSON and in a sheet', async () => {
    const overlapping = (acceptedOverlap: boolean) => ({
      name: `Overlapping ${acceptedOverlap ? 'accepted' : 'refused'}`,
      leadEmail: 'lead@north-dorset.nhs.example',
      milestones: [
        { ref: 'M01', name: 'Contract awarded', baselineDate: '2030-03-31' },
        { ref: 'M02', name: 'Mobilisation starts', baselineDate: '2030-03-01', predecessors: ['M01'], acceptedOverlap },
      ],
    });
    const refused = await engine.client.post('/programmes').send(overlapping(false)).expect(400);
    expect(refused.body.errors).toEqual([{ field: 'milestones.1.baselineDate', reason: 'is baselined for 2030-03-01, before its predecessor M01 (2030-03-31) finishes: baseline it later, or mark the overlap accepted' }]);
    await engine.client.post('/programmes').send(overlapping(true)).expect(201);

    const header = 'Ref,Milestone,Kind,Phase,Baseline date,Forecast date,Actual date,Owner email,Predecessors,Accepted overlap,Evidence,Rebaseline reason,Rebaseline approver';
    const sheet = (accepted: string) =>
      [header, `M03,Hubs open at weekends,delivery,,2030-01-15,,,lead@north-dorset.nhs.example,M01,${accepted},,,`].join('\r\n');
    const inSheet = await engine.client.post(`/programmes/${programme.id}/sheets/milestones`).set('content-type', 'text/csv').send(sheet('')).expect(422);
    expect(inSheet.body.errors).toEqual([expect.objectContaining({ sheet: 'Milestones', row: 2, column: 'Baseline date', reason: expect.stringMatching(/^M03 is baselined for 2030-01-15, before its predecessor M01 \(2030-01-31\)/) })]);
    await engine.client.post(`/programmes/${programme.id}/sheets/milestones`).set('content-type', 'text/csv').send(sheet('yes')).expect(200);
    const recorded = (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect(recorded.milestones.find((milestone) => milestone.ref === 'M03')?.acceptedOverlap).toBe(true);
  });

  it('refuses a month end for a month that has not ended, naming the period', async () => {
    for (const period of [thisMonth, addMonths(thisMonth, 1)]) {
      const refused = await engine.client.post(`/month-ends/${period}`).expect(422);
      expect(refused.body.errors).toEqual([{ field: 'period', reason: expect.stringMatching(/^has not ended/) }]);
    }
  });

  it('names the path or query parameter that is wrong, not the body', async () => {
    expect((await engine.client.get(`/programmes/${programme.id}?asAt=yesterday`).expect(400)).body.errors).toEqual([{ field: 'asAt', reason: expect.any(String) }]);
    expect((await actuals({ actuals: [{ odsCode: 'SJ8001', value: 1 }] }, '2030-13').expect(400)).body.errors).toEqual([{ field: 'month', reason: 'must be a month as YYYY-MM' }]);
    expect((await engine.client.post('/month-ends/2030-13').expect(400)).body.errors).toEqual([{ field: 'period', reason: 'must be a month as YYYY-MM' }]);
    expect((await engine.client.get('/reports?kind=minutes').expect(400)).body.errors).toEqual([{ field: 'kind', reason: expect.any(String) }]);
  });

  it('gives a programme manager the answer an admin gets for an unknown organisation or a body that is no JSON', async () => {
    const manager = await engine.as(MANAGER);
    const body = { name: 'Somewhere else', organisation: 'ZZZ99', leadEmail: 'lead@nhs.example', milestones: [{ name: 'One', baselineDate: '2030-01-31' }, { name: 'Two', baselineDate: '2030-02-28' }] };
    const asAdmin = await engine.client.post('/programmes').send(body);
    const asManager = await manager.post('/programmes').send(body);
    expect([asManager.status, asManager.body.errors]).toEqual([422, asAdmin.body.errors]);
    expect(asAdmin.status).toBe(422);

    const text = (agent: typeof manager) => agent.post('/programmes').set('content-type', 'text/plain').send('name=Somewhere');
    const [admin, programmeManager] = [await text(engine.client), await text(manager)];
    expect(programmeManager.status).toBe(admin.status);
    expect(admin.status).toBeGreaterThanOrEqual(400);
    expect(admin.status).not.toBe(403);
    // Still refused where the manager has no grant: a real organisation outside theirs, however the body is sent.
    await manager.post('/programmes').send({ ...body, organisation: '11JT02' }).expect(403);
    const form = 'templateId=online-consultation-rollout&organisation=11JT02&leadEmail=lead%40nhs.example';
    await manager.post('/programmes/from-template').set('content-type', 'application/x-www-form-urlencoded').send(form).expect(403);
  });
});
