import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parse } from 'yaml';
import type { ProgrammePlanRecord, ProgrammeTemplateSummary, ProgrammeView, StoredReport, TrajectoryProgress } from '@pmo/application';
import type { MonthEndSummary } from '@pmo/contracts';
import type { OrganisationSample } from '@pmo/reference-data';
import { TestEngine } from './support/engine';
import { startLocalTemporal } from './support/temporal';

/** The programme model on the real PostgreSQL: templates, baselines and computed trajectories. */
describe('programme model', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let sample: OrganisationSample;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    sample = await engine.seedOrganisations();
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  async function instantiate(body: Record<string, unknown>): Promise<ProgrammePlanRecord> {
    const created = await engine.client.post('/programmes/from-template').send(body).expect(201);
    return (await engine.client.get(`/programmes/${(created.body as ProgrammeView).id}/plan`).expect(200)).body as ProgrammePlanRecord;
  }

  it('documents every route as OpenAPI at /docs, with the request bodies the API validates', async () => {
    const document = (await engine.client.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/programmes', '/programmes/{programmeId}', '/programmes/{programmeId}/plan', '/programmes/{programmeId}/workbook', '/templates']),
    );
    expect(document.paths['/programmes'].post.requestBody?.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['name', 'leadEmail', 'milestones']),
    );
    await engine.client.get('/docs').expect(200).expect('content-type', /html/);
  });

  it('rehearses a plan through the API, giving the same months as the rehearsal command', async () => {
    const script = parse(readFileSync(resolve(__dirname, 'rehearsals/dorset-pch-phased-rollout.rehearsal.yaml'), 'utf8'));
    const golden = JSON.parse(readFileSync(resolve(__dirname, 'rehearsals/dorset-pch-phased-rollout.golden.json'), 'utf8'));
    const response = await engine.client.post('/rehearsals').send(script).expect(200);
    expect(response.body).toEqual(golden);
    const refused = await engine.client.post('/rehearsals').send({ ...script, startDate: '2017-01-01' }).expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'startDate' })]);
  });

  it('instantiates every shipped template for its organisation', async () => {
    const templates = (await engine.client.get('/templates').expect(200)).body as ProgrammeTemplateSummary[];
    expect(templates).toHaveLength(7);
    for (const template of templates) {
      const plan = await instantiate({ templateId: template.id, organisation: template.organisation, leadEmail: 'lead@nhs.example' });
      expect(plan.template).toEqual({ id: template.id, version: template.version });
      expect(plan.milestones).toHaveLength(template.milestones);
    }
  });

  it('shows Dorset extended access procurement at its historical dates: eight milestones and the coverage trajectory', async () => {
    const plan = await instantiate({
      templateId: 'dorset-extended-access-procurement',
      organisation: '11J',
      leadEmail: 'extended-access.lead@dorset.nhs.example',
      managerEmail: 'extended-access.manager@dorset.nhs.example',
      sroEmail: 'director.primary-care@dorset.nhs.example',
    });
    expect([plan.leadEmail, plan.managerEmail, plan.sroEmail]).toEqual(['extended-access.lead@dorset.nhs.example', 'extended-access.manager@dorset.nhs.example', 'director.primary-care@dorset.nhs.example']);
    expect(plan.milestones).toHaveLength(8);
    expect(plan.milestones[0].baselineDate.slice(0, 7)).toBe('2017-10');
    expect(plan.milestones[7].baselineDate).toBe('2019-03-31');
    expect(plan.milestones.every((milestone) => milestone.ownerEmail === 'extended-access.lead@dorset.nhs.example')).toBe(true);
    const coverage = plan.trajectories.find((trajectory) => trajectory.metric === 'extended-access-population-coverage');
    expect(coverage?.basis).toBe('registered-population-percent');
    expect(coverage?.plan.find((row) => row.month === '2019-01')?.plannedValue).toBeGreaterThan(50);
    expect(coverage?.plan.find((row) => row.month === '2019-03')?.plannedValue).toBe(100);
  });

  it('moves a whole template to a new start date, keeping its intervals and its phases', async () => {
    const historical = await instantiate({ templateId: 'dorset-pch-phased-rollout', organisation: '11J', leadEmail: 'pch@nhs.example' });
    const shifted = await instantiate({ templateId: 'dorset-pch-phased-rollout', organisation: '11J', leadEmail: 'pch@nhs.example', startDate: '2027-01-04' });
    expect(shifted.startDate).toBe('2027-01-04');
    const gap = (plan: ProgrammePlanRecord) => Date.parse(plan.milestones[plan.milestones.length - 1].baselineDate) - Date.parse(plan.milestones[0].baselineDate);
    expect(gap(shifted)).toBe(gap(historical));
    expect(shifted.phases.map((phase) => phase.members.length)).toEqual([3, 5, 4]);
    expect(shifted.trajectories[0].plan[0].month >= '2027-01').toBe(true);
  });

  it('keeps every earlier baseline when a milestone is rebaselined, and insists on a reason and an approver', async () => {
    const plan = await instantiate({ templateId: 'dorset-extended-access-procurement', organisation: '11J', leadEmail: 'lead@nhs.example' });
    const milestone = plan.milestones[2];
    const refused = await engine.client
      .post(`/programmes/${plan.id}/milestones/${milestone.ref}/rebaseline`)
      .send({ baselineDate: '2018-02-28' })
      .expect(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['reason', 'approvedBy']);

    await engine.client
      .post(`/programmes/${plan.id}/milestones/${milestone.ref}/rebaseline`)
      .send({ baselineDate: '2018-02-28', reason: 'Governing Body approval moved to December', approvedBy: 'sro@dorset.nhs.example' })
      .expect(200);
    const after = (
      await engine.client
        .post(`/programmes/${plan.id}/milestones/${milestone.ref}/rebaseline`)
        .send({ baselineDate: '2018-03-15', reason: 'Market engagement extended', approvedBy: 'sro@dorset.nhs.example' })
        .expect(200)
    ).body as ProgrammePlanRecord;
    const rebaselined = after.milestones.find((candidate) => candidate.ref === milestone.ref);
    expect(rebaselined?.baselineDate).toBe('2018-03-15');
    expect(rebaselined?.baselines.map(({ version, baselineDate, reason, approvedBy }) => ({ version, baselineDate, reason, approvedBy }))).toEqual([
      { version: 1, baselineDate: milestone.baselineDate, reason: null, approvedBy: null },
      { version: 2, baselineDate: '2018-02-28', reason: 'Governing Body approval moved to December', approvedBy: 'sro@dorset.nhs.example' },
      { version: 3, baselineDate: '2018-03-15', reason: 'Market engagement extended', approvedBy: 'sro@dorset.nhs.example' },
    ]);
    await engine.client
      .post(`/programmes/${plan.id}/milestones/${milestone.ref}/rebaseline`)
      .send({ baselineDate: '2018-03-15', reason: 'again', approvedBy: 'sro@dorset.nhs.example' })
      .expect(409);
  });

  it('makes the highlight report of a past month as at its end, as data and as Markdown', async () => {
    const plan = await instantiate({ templateId: 'dorset-extended-access-procurement', organisation: '11J', leadEmail: 'lead@nhs.example', sroEmail: 'sro@nhs.example' });
    await engine.client
      .put(`/programmes/${plan.id}/monthly-updates/2017-11`)
      .send({ commentary: 'Governing Body approved the procurement.', authorEmail: 'pm@nhs.example' })
      .expect(204);
    const report = (await engine.client.get(`/programmes/${plan.id}/highlight-reports/2017-11`).expect(200)).body;
    expect(report.period).toEqual({ month: '2017-11', financialYear: '2017/18', quarter: 'Q3', monthNumber: 8, label: 'M8 2017/18 (November 2017)' });
    expect(report.asAt).toBe('2017-11-30T23:59:59.999Z');
    // As at the end of November 2017 the first milestone (October) is overdue: nothing was recorded complete.
    expect(report.milestones[0]).toEqual(expect.objectContaining({ ref: 'M01', status: 'Red' }));
    const markdown = await engine.client.get(`/programmes/${plan.id}/highlight-reports/2017-11/markdown`).expect(200).expect('content-type', /text\/markdown/);
    expect(markdown.text).toContain('_Highlight report · M8 2017/18 (November 2017)_');
    expect(markdown.text).toContain('Governing Body approved the procurement.');
    await engine.client.get(`/programmes/${plan.id}/highlight-reports/2017-13`).expect(400);
  });

  it('runs a month-end cycle that keeps each programme’s report once, with its checksum, however often it runs', async () => {
    await instantiate({ templateId: 'dorset-extended-access-procurement', organisation: '11J', leadEmail: 'lead@nhs.example' });
    const first = (await engine.client.post('/month-ends/2018-01').expect(200)).body as MonthEndSummary;
    const again = (await engine.client.post('/month-ends/2018-01').expect(200)).body;
    expect(first.highlightReports.programmes).toBeGreaterThan(0);
    expect(again).toEqual(first);
    const listed = (await engine.client.get('/reports').query({ period: '2018-01' }).expect(200)).body as StoredReport[];
    expect(listed.filter((report) => report.kind === 'highlight-report')).toHaveLength(first.highlightReports.reports);
    expect(listed.filter((report) => report.kind !== 'highlight-report').map((report) => report.id).sort()).toEqual(first.collated.map((report) => report.reportId).sort());
    const markdown = listed.find((report) => report.kind === 'highlight-report' && report.format === 'markdown') as StoredReport;
    const download = await engine.client.get(`/reports/${markdown.id}`).expect(200).expect('content-type', /text\/markdown/);
    expect(download.headers['x-checksum-sha256']).toBe(markdown.sha256);
    expect(createHash('sha256').update(download.text).digest('hex')).toBe(markdown.sha256);
    expect(download.text).toContain('_Highlight report · M10 2017/18 (January 2018)_');
    await engine.client.post('/month-ends/2018-13').expect(400);
  });

  it('keeps one monthly update per month and spend against budget in pence', async () => {
    const plan = await instantiate({ templateId: 'dorset-extended-access-procurement', organisation: '11J', leadEmail: 'lead@nhs.example' });
    const update = { commentary: 'Tender documents with legal.', achievements: 'Specification agreed.', nextPeriodPlans: 'Governing Body paper.', authorEmail: 'pm@nhs.example' };
    await engine.client.put(`/programmes/${plan.id}/monthly-updates/2017-10`).send(update).expect(204);
    await engine.client.put(`/programmes/${plan.id}/monthly-updates/2017-10`).send({ ...update, commentary: 'Tender documents signed off.' }).expect(204);
    await engine.client.put(`/programmes/${plan.id}/monthly-updates/2017-13`).send(update).expect(400);
    await engine.client.put(`/programmes/${plan.id}/funding/${plan.funding[0].ref}/spend`).send({ spendPence: 1_250_000 }).expect(204);
    await engine.client.put(`/programmes/${plan.id}/funding/${plan.funding[0].ref}/spend`).send({ spendPence: 12.5 }).expect(400);
    await engine.client.put(`/programmes/${plan.id}/funding/NOPE/spend`).send({ spendPence: 1 }).expect(404);
    const after = (await engine.client.get(`/programmes/${plan.id}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect(after.monthlyUpdates).toEqual([expect.objectContaining({ month: '2017-10', commentary: 'Tender documents signed off.', authorEmail: 'pm@nhs.example' })]);
    expect(after.funding[0]).toEqual(expect.objectContaining({ budgetPence: plan.funding[0].budgetPence, spendPence: 1_250_000 }));
  });

  it('computes a population-weighted percentage from practice-level actuals', async () => {
    const plan = await instantiate({ templateId: 'dorset-extended-access-procurement', organisation: '11J', leadEmail: 'lead@nhs.example' });
    const practices = sample.populations;
    const live = practices.slice(0, 40);
    await engine.client
      .put(`/programmes/${plan.id}/trajectories/${plan.trajectories[0].ref}/actuals/2019-01`)
      .send({ actuals: live.map((practice) => ({ odsCode: practice.odsCode, value: 1 })) })
      .expect(204);

    const progress = (await engine.client.get(`/programmes/${plan.id}/trajectories/${plan.trajectories[0].ref}`).expect(200))
      .body as TrajectoryProgress;
    const january = progress.months.find((month) => month.month === '2019-01');
    const total = practices.reduce((sum, practice) => sum + (practice.registeredListSize ?? 0), 0);
    const covered = live.reduce((sum, practice) => sum + (practice.registeredListSize ?? 0), 0);
    expect(january?.actual).toEqual({
      basis: 'registered-population-percent',
      value: Math.round((covered / total) * 10_000) / 100,
      numerator: covered,
      denominator: total,
      description: `% of registered population (${total.toLocaleString('en-GB')} people)`,
    });
    // Weighted by list size, not a head count of practices.
    expect(january?.actual?.value).not.toBeCloseTo((40 / 86) * 100, 1);
    expect(january?.variance).toBeCloseTo((january?.actual?.value ?? 0) - (january?.planned ?? 0), 2);

    const unknown = await engine.client
      .put(`/programmes/${plan.id}/trajectories/${plan.trajectories[0].ref}/actuals/2019-01`)
      .send({ actuals: [{ odsCode: 'ZZZ999', value: 1 }] })
      .expect(422);
    expect(unknown.body.errors).toEqual([{ field: 'actuals.0.odsCode', reason: 'names no known organisation: ZZZ999' }]);
  });
});
