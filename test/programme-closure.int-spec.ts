import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium } from 'playwright-core';
import type { EscalationState } from '@pmo/contracts';
import type { ProgrammePlanRecord, ProgrammeView, StoredReport } from '@pmo/application';
import { addMonths, londonDay } from '@pmo/domain';
import { TEST_ADMIN, TestEngine } from './support/engine';
import { eventually } from './support/eventually';
import { keepLocal, lookAt, signIn } from './support/pages';
import { startLocalTemporal } from './support/temporal';

/**
 * A programme closed, archived and reopened, never deleted: a closed one escalates nothing more, an archived one
 * leaves the portfolio and the month end. On the real API, worker, notifier, PostgreSQL and Temporal.
 */
describe('closing, archiving and reopening a programme', () => {
  const lastMonth = addMonths(londonDay(new Date()).slice(0, 7), -1);
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  async function create(name: string, firstDueAt: string): Promise<ProgrammeView> {
    const created = await engine.client
      .post('/programmes')
      .send({
        name,
        organisation: '11J',
        leadEmail: 'lead@dorset.nhs.example',
        startDate: `${addMonths(lastMonth, -2)}-01`,
        milestones: [
          { name: 'Falls due soon', ownerEmail: `owner.${name.toLowerCase().replace(/[^a-z]+/g, '-')}@dorset.nhs.example`, dueAt: firstDueAt },
          { name: 'Later', baselineDate: `${addMonths(lastMonth, 8)}-15` },
        ],
      })
      .expect(201);
    return created.body as ProgrammeView;
  }

  const plan = async (programme: ProgrammeView) => (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
  const portfolio = async () => ((await engine.client.get('/programmes').expect(200)).body as { id: string }[]).map((entry) => entry.id);

  it('escalates nothing for a programme closed before its milestone fell overdue', async () => {
    const programme = await create('Stopped early', new Date(Date.now() + 3_000).toISOString());
    const closed = (await engine.client.post(`/programmes/${programme.id}/close`).send({ as: 'stopped', reason: 'Replaced by the ICB-wide contract' }).expect(200)).body as ProgrammePlanRecord;
    expect(closed.closure).toEqual({ as: 'stopped', on: londonDay(new Date()), reason: 'Replaced by the ICB-wide contract', archived: false });
    // The ladder, if the workflow started one, finds its cause gone and tells nobody.
    await new Promise((done) => setTimeout(done, 6_000));
    await eventually(async () => {
      const ladder = await engine.client.get(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/escalation`);
      if (ladder.status === 200) expect((ladder.body as EscalationState).state).toBe('cleared');
      else expect(ladder.status).toBe(404);
    }, 20_000);
    expect(engine.inbox.emails.filter((email) => email.to.includes('owner.stopped-early@dorset.nhs.example') && email.headers['x-pmo-escalation-id'] !== undefined)).toEqual([]);
    expect(((await engine.client.get(`/programmes/${programme.id}`).expect(200)).body as ProgrammeView).escalations).toEqual([]);
  });

  it('archives a closed programme out of the portfolio and the month end, and reopens it', async () => {
    const programme = await create('Completed and archived', `${addMonths(lastMonth, 6)}-15T12:00:00Z`);
    await engine.client.post(`/programmes/${programme.id}/archive`).send({ reason: 'Tidy' }).expect(409);
    await engine.client.post(`/programmes/${programme.id}/reopen`).send({ reason: 'Nothing' }).expect(409);
    const future = await engine.client.post(`/programmes/${programme.id}/close`).send({ as: 'completed', reason: 'Delivered', closedOn: '2099-01-01' }).expect(422);
    expect(future.body.errors).toEqual([{ field: 'closedOn', reason: expect.stringMatching(/^is after today/) }]);
    await engine.client.post(`/programmes/${programme.id}/close`).send({ as: 'finished', reason: 'Delivered' }).expect(400);
    await engine.client.post(`/programmes/${programme.id}/close`).send({ as: 'completed', reason: 'Delivered' }).expect(200);
    await engine.client.post(`/programmes/${programme.id}/close`).send({ as: 'completed', reason: 'Again' }).expect(409);
    expect(await portfolio()).toContain(programme.id);

    await engine.client.post(`/programmes/${programme.id}/archive`).send({ reason: 'Reported to the committee; nothing more to track' }).expect(200);
    expect(await portfolio()).not.toContain(programme.id);
    expect((await plan(programme)).closure).toEqual(expect.objectContaining({ as: 'completed', archived: true }));
    await engine.client.post(`/month-ends/${lastMonth}`).expect(200);
    const reports = (await engine.client.get('/reports').query({ period: lastMonth, programmeId: programme.id }).expect(200)).body as StoredReport[];
    expect(reports).toEqual([]);

    await engine.client.post(`/programmes/${programme.id}/reopen`).send({ reason: 'Phase 2 agreed' }).expect(200);
    expect((await plan(programme)).closure).toBeNull();
    expect(await portfolio()).toContain(programme.id);
    const audit = (await engine.client.get(`/programmes/${programme.id}/audit`).expect(200)).body as { action: string }[];
    expect(audit.map((event) => event.action).filter((action) => /close|archive|reopen/.test(action))).toEqual([
      'POST /programmes/:programmeId/close',
      'POST /programmes/:programmeId/archive',
      'POST /programmes/:programmeId/reopen',
    ]);
  });

  it('is closed, archived and reopened in the pages, without JavaScript', async () => {
    const programme = await create('Closed in the pages', `${addMonths(lastMonth, 6)}-15T12:00:00Z`);
    const browser = await chromium.launch({ executablePath: engine.config.pdf.chromiumPath });
    const baseUrl = await engine.listen();
    try {
      const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
      await keepLocal(context, baseUrl);
      const page = await context.newPage();
      await signIn(page, engine.config.auth, TEST_ADMIN);
      await page.goto(`/app/programmes/${programme.id}`);
      await page.getByRole('link', { name: 'Close the programme' }).click();
      await page.getByRole('button', { name: 'Close the programme' }).click();
      await expect(page.getByRole('link', { name: 'Select how the programme ended' }).count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: 'Enter why the programme closes' }).count()).resolves.toBe(1);
      await lookAt(browser, baseUrl, page, '43-close-programme');
      await page.getByLabel('Completed: it delivered what it set out to').check();
      await page.getByLabel('Why does it close?').fill('Every hub is live');
      await page.getByRole('button', { name: 'Close the programme' }).click();
      await expect(page.getByText('Closed in the pages is closed').count()).resolves.toBe(1);
      await page.getByRole('link', { name: 'Reopen or archive the programme' }).click();
      await page.getByLabel('Why is it archived?').fill('Reported to the committee');
      await page.getByRole('button', { name: 'Archive the programme' }).click();
      await expect(page.getByText(/is archived: it has left the portfolio/).count()).resolves.toBe(1);
      await lookAt(browser, baseUrl, page, '44-archived-programme');
      expect(await portfolio()).not.toContain(programme.id);
      await page.getByRole('link', { name: 'Reopen the programme' }).click();
      await page.getByLabel('Why does it reopen?').fill('Phase 2 agreed');
      await page.getByRole('button', { name: 'Reopen the programme' }).click();
      await expect(page.getByText('Closed in the pages runs again').count()).resolves.toBe(1);
      expect((await plan(programme)).closure).toBeNull();
    } finally {
      await browser.close();
    }
  });
});
