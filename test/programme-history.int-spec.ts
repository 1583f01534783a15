import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium } from 'playwright-core';
import { ProgrammeRepository, ProgrammeStatusService } from '@pmo/application';
import type { ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import { addMonths, endOfLondonDay, financialPeriod, lastDayOfMonth, londonDay, overdueFrom, startOfLondonDay } from '@pmo/domain';
import { buildMonthlyReturn } from '@pmo/reporting';
import { TEST_ADMIN, TestEngine } from './support/engine';
import { keepLocal, lookAt, signIn } from './support/pages';
import { startLocalTemporal } from './support/temporal';

const HOUR_MS = 3_600_000;

/**
 * A programme brought in two years into its life, its history entered today with the days each thing was known,
 * against the same programme recorded live at the time: for a month a year ago, its status, highlight report and
 * NHS England return are the same. On the real API, worker, PostgreSQL and Temporal.
 */
describe('a programme brought in with its past', () => {
  const thisMonth = londonDay(new Date()).slice(0, 7);
  const month = (offset: number) => addMonths(thisMonth, offset);
  /** A year ago: the month whose views are compared. */
  const PERIOD = month(-12);
  const periodEnd = endOfLondonDay(lastDayOfMonth(PERIOD));
  const practices = ['SJ8001', 'SJ8002', 'SJ8003', 'SJ8004', 'SJ8005', 'SJ8006'];
  /** What happened, and the day it became known. */
  const HISTORY = {
    firstCompleted: `${month(-22)}-12`,
    reforecastKnown: `${month(-15)}-10`,
    reforecastTo: `${month(-11)}-15`,
    earlierActuals: { month: month(-13), known: `${month(-12)}-03`, practices: practices.slice(0, 2) },
    periodActuals: { month: PERIOD, known: `${PERIOD}-27`, practices: practices.slice(0, 4) },
  };
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let live: ProgrammeView;
  let broughtIn: ProgrammeView;

  const plan = (name: string) => ({
    name,
    organisation: '11JT01',
    leadEmail: 'lead@north-dorset.nhs.example',
    startDate: `${month(-24)}-01`,
    milestones: [
      { ref: 'M01', name: 'Tender documents finalised', baselineDate: `${month(-22)}-15` },
      { ref: 'M02', name: 'Contract awarded', baselineDate: `${month(-14)}-15` },
      { ref: 'M03', name: 'Service live', baselineDate: `${month(6)}-15` },
    ],
    trajectories: [
      { ref: 'T01', metric: 'extended-access-practices', name: 'Practices offering extended access', unit: 'percent', basis: 'practices-percent', plan: { [month(-13)]: 25, [PERIOD]: 50, [month(3)]: 100 } },
    ],
  });

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
    live = (await engine.client.post('/programmes').send(plan('Extended access, North Dorset')).expect(201)).body as ProgrammeView;
    broughtIn = (await engine.client.post('/programmes').send(plan('Extended access, North Dorset (brought in)')).expect(201)).body as ProgrammeView;

    // Both: the first milestone was completed on its day, which a completion has always carried.
    for (const programme of [live, broughtIn]) {
      await engine.client.post(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/complete`).send({ completedAt: endOfLondonDay(HISTORY.firstCompleted).toISOString() }).expect(200);
    }

    // Live at the time: each change written at 10:00 London on the day it was known, as the API would have then.
    const programmes = engine.workerContext.get(ProgrammeRepository);
    const at10 = (day: string) => new Date(startOfLondonDay(day).getTime() + 10 * HOUR_MS);
    const reforecast = { forecastDate: HISTORY.reforecastTo, dueAt: overdueFrom(HISTORY.reforecastTo).toISOString(), reason: 'Fewer bidders than planned' };
    await programmes.reforecast(live.id, 'M02', reforecast, at10(HISTORY.reforecastKnown), at10(HISTORY.reforecastKnown));
    for (const entry of [HISTORY.earlierActuals, HISTORY.periodActuals]) {
      const actuals = entry.practices.map((odsCode) => ({ odsCode, value: 1 }));
      await programmes.recordActuals(live.id, 'T01', entry.month, actuals, at10(entry.known), at10(entry.known));
    }

    // Brought in today, through the API, each entry with the day it was known.
    await engine.client
      .post(`/programmes/${broughtIn.id}/milestones/M02/forecast`)
      .send({ forecastDate: HISTORY.reforecastTo, reason: 'Fewer bidders than planned', recordedOn: HISTORY.reforecastKnown })
      .expect(200);
    for (const entry of [HISTORY.periodActuals, HISTORY.earlierActuals]) {
      await engine.client
        .put(`/programmes/${broughtIn.id}/trajectories/T01/actuals/${entry.month}`)
        .send({ actuals: entry.practices.map((odsCode) => ({ odsCode, value: 1 })), recordedOn: entry.known })
        .expect(204);
    }
  }, 120_000);

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  /** What a view says, without what tells the two programmes apart. */
  const comparable = (value: unknown, programme: ProgrammeView) =>
    JSON.parse(
      JSON.stringify(value)
        .replaceAll(programme.id, '<programme>')
        .replaceAll(' (brought in)', '')
        .replace(new RegExp(programme.milestones.map((milestone) => milestone.id).join('|'), 'g'), '<milestone>'),
    ) as Record<string, unknown>;

  it('has the status as at a month a year ago that it had then', async () => {
    const asAt = async (programme: ProgrammeView) => {
      const view = (await engine.client.get(`/programmes/${programme.id}`).query({ asAt: periodEnd.toISOString() }).expect(200)).body as ProgrammeView;
      return comparable({ status: view.status, reasons: view.reasons, deliveryConfidence: view.deliveryConfidence, milestones: view.milestones, trajectories: view.trajectories }, programme);
    };
    const [then, rebuilt] = [await asAt(live), await asAt(broughtIn)];
    expect(rebuilt).toEqual(then);
    // Not vacuous: the reforecast and both months' actuals are in the view of a year ago.
    const milestones = rebuilt.milestones as { forecastDate: string; status: string }[];
    expect(milestones.map((milestone) => milestone.forecastDate)).toEqual([`${month(-22)}-15`, HISTORY.reforecastTo, `${month(6)}-15`]);
    expect(JSON.stringify(rebuilt.trajectories)).toContain(`${month(-13)}: 25 % of practices against a plan of 25`);
  });

  it('has the highlight report for that month that it had then', async () => {
    const report = async (programme: ProgrammeView) => comparable((await engine.client.get(`/programmes/${programme.id}/highlight-reports/${PERIOD}`).expect(200)).body, programme);
    const [then, rebuilt] = [await report(live), await report(broughtIn)];
    expect(rebuilt).toEqual(then);
    // Two of North Dorset's eight practices live the month before, four by the month's end.
    expect((rebuilt.trajectories as { months: unknown[] }[])[0].months).toEqual([
      { month: month(-13), planned: 25, actual: 25 },
      { month: PERIOD, planned: 50, actual: 50 },
    ]);
  });

  it('has the NHS England return for that month that it had then', async () => {
    const status = engine.workerContext.get(ProgrammeStatusService);
    const returnAsAt = new Date(`${londonDay(new Date(periodEnd.getTime() + 10 * 24 * HOUR_MS))}T00:00:00Z`);
    const rows = async (programme: ProgrammeView) => {
      const record = (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
      const { assessment, trajectories } = await status.assessWithFigures(record, returnAsAt);
      const built = buildMonthlyReturn(financialPeriod(PERIOD), returnAsAt, [{ plan: record, assessment, trajectories, organisationName: 'North Dorset' }]);
      return comparable(built.rows, programme);
    };
    const [then, rebuilt] = [await rows(live), await rows(broughtIn)];
    expect(rebuilt).toEqual(then);
    expect(rebuilt).toEqual([expect.objectContaining({ metric: 'extended-access-practices', plan: 50, actual: 50 })]);
  });

  it('refuses a day after today, and keeps who entered the history and when', async () => {
    const tomorrow = londonDay(new Date(Date.now() + 36 * HOUR_MS));
    const refused = await engine.client.put(`/programmes/${broughtIn.id}/trajectories/T01/actuals/${thisMonth}`).send({ actuals: [{ odsCode: 'SJ8001', value: 1 }], recordedOn: tomorrow }).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'recordedOn', reason: expect.stringMatching(/^is after today/) }]);
    const audit = (await engine.client.get(`/programmes/${broughtIn.id}/audit`).expect(200)).body as { actor: string; at: string; action: string; request: { recordedOn?: string } }[];
    const entered = audit.filter((event) => event.request?.recordedOn !== undefined);
    expect(entered.map((event) => [event.action, event.request.recordedOn])).toEqual([
      ['POST /programmes/:programmeId/milestones/:milestoneRef/forecast', HISTORY.reforecastKnown],
      ['PUT /programmes/:programmeId/trajectories/:trajectoryRef/actuals/:month', HISTORY.periodActuals.known],
      ['PUT /programmes/:programmeId/trajectories/:trajectoryRef/actuals/:month', HISTORY.earlierActuals.known],
    ]);
    expect(entered.every((event) => londonDay(new Date(event.at)) === londonDay(new Date()))).toBe(true);
  });

  it('takes the day a forecast was known in the pages, and refuses one that is not a real day', async () => {
    const browser = await chromium.launch({ executablePath: engine.config.pdf.chromiumPath });
    const baseUrl = await engine.listen();
    try {
      const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
      await keepLocal(context, baseUrl);
      const page = await context.newPage();
      await signIn(page, engine.config.auth, TEST_ADMIN);
      await page.goto(`/app/programmes/${broughtIn.id}/milestones/${broughtIn.milestones[2].id}/forecast`);
      const knownOn = page.getByRole('group', { name: 'When was this known? (optional)' });
      await page.getByLabel('Why does the forecast move?').fill('Mobilisation plan agreed');
      await knownOn.getByLabel('Day').fill('31');
      await knownOn.getByLabel('Month').fill('2');
      await knownOn.getByLabel('Year').fill(month(-2).slice(0, 4));
      await page.getByRole('button', { name: 'Change the forecast' }).click();
      await expect(page.getByRole('link', { name: 'The day it was known must be a real date' }).count()).resolves.toBe(1);
      await lookAt(browser, baseUrl, page, '42-forecast-known-on');
      const forecastGroup = page.getByRole('group', { name: 'When is it now expected?' });
      await forecastGroup.getByLabel('Month').fill('9');
      await knownOn.getByLabel('Day').fill('3');
      await knownOn.getByLabel('Month').fill(String(Number(month(-2).slice(5))));
      await page.getByRole('button', { name: 'Change the forecast' }).click();
      await expect(page.getByText(`Service live is now forecast for ${month(6).slice(0, 4)}-09-15`).count()).resolves.toBe(1);
      const record = (await engine.client.get(`/programmes/${broughtIn.id}/plan`).expect(200)).body as ProgrammePlanRecord;
      expect(record.milestones[2].forecasts.at(-1)?.knownAt).toBe(endOfLondonDay(`${month(-2)}-03`).toISOString());
    } finally {
      await browser.close();
    }
  });
});
