import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import type { ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import { TestEngine } from './support/engine';
import { keepLocal, lookAt, signIn } from './support/pages';
import { startLocalTemporal } from './support/temporal';

const MANAGER = 'manager@dorset.nhs.example';

/** A programme's end: by default as late as its plan holds anything, and moved later with a reason, in the API and the pages. */
describe('a programme’s end date', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let programme: ProgrammeView;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
    await engine.granted(MANAGER, 'programme_manager', '11J');
    programme = (
      await engine.client
        .post('/programmes')
        .send({
          name: 'Extended access, maintained coverage',
          organisation: '11J',
          leadEmail: 'lead@dorset.nhs.example',
          milestones: [
            { ref: 'M01', name: 'Contract awarded', baselineDate: '2030-01-31' },
            { ref: 'M02', name: 'Service live', baselineDate: '2030-03-29' },
          ],
          // Coverage is to be kept up for months after the last milestone.
          trajectories: [{ ref: 'T01', metric: 'extended-access-population-coverage', name: 'Covered', unit: 'percent', basis: 'registered-population-percent', plan: { '2030-03': 50, '2030-09': 100 } }],
        })
        .expect(201)
    ).body as ProgrammeView;
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  const plan = async () => (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;

  it('ends by default with the later of its last milestone and its last trajectory month', async () => {
    expect((await plan()).endDate).toBe('2030-09-30');
  });

  it('moves later with a reason, never before what the plan holds, and keeps the move in its history', async () => {
    const early = await engine.client.put(`/programmes/${programme.id}/end-date`).send({ endDate: '2030-06-30', reason: 'Shorter' }).expect(422);
    expect(early.body.errors).toEqual([{ field: 'endDate', reason: 'is before the last day its milestones and trajectories hold (2030-09-30): move those first' }]);
    const noReason = await engine.client.put(`/programmes/${programme.id}/end-date`).send({ endDate: '2031-03-31', reason: ' ' }).expect(400);
    expect(noReason.body.errors).toEqual([{ field: 'reason', reason: 'must say why the end date moves' }]);
    const moved = (await engine.client.put(`/programmes/${programme.id}/end-date`).send({ endDate: '2031-03-31', reason: 'Coverage kept to the year end' }).expect(200)).body as ProgrammePlanRecord;
    expect([moved.endDate, (await plan()).endDate]).toEqual(['2031-03-31', '2031-03-31']);
    const audit = (await engine.client.get(`/programmes/${programme.id}/audit`).expect(200)).body as { action: string; request: unknown }[];
    expect(audit.at(-1)).toEqual(expect.objectContaining({ action: 'PUT /programmes/:programmeId/end-date', request: { endDate: '2031-03-31', reason: 'Coverage kept to the year end' } }));
  });

  it('is changed by a programme manager in the pages, without JavaScript', async () => {
    const browser: Browser = await chromium.launch({ executablePath: engine.config.pdf.chromiumPath });
    const baseUrl = await engine.listen();
    try {
      const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
      await keepLocal(context, baseUrl);
      const page = await context.newPage();
      await signIn(page, engine.config.auth, MANAGER);
      await page.goto(`/app/programmes/${programme.id}`);
      await page.getByRole('link', { name: 'Change the end date' }).click();
      await page.getByLabel('Year').fill('2030');
      await page.getByLabel('Month').fill('7');
      await page.getByRole('button', { name: 'Change the end date' }).click();
      await expect(page.getByRole('link', { name: 'Enter why the end date moves' }).count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: /^The end date is before the last day/ }).count()).resolves.toBe(0);
      await lookAt(browser, baseUrl, page, '40-end-date-problems');
      await page.getByLabel('Day').fill('30');
      await page.getByLabel('Month').fill('6');
      await page.getByLabel('Year').fill('2031');
      await page.getByLabel('Why does the end date move?').fill('Phase 2 of the rollout');
      await page.getByRole('button', { name: 'Change the end date' }).click();
      await expect(page.getByText('Extended access, maintained coverage now ends on 2031-06-30').count()).resolves.toBe(1);
      await expect(page.getByText('Changed the end date').count()).resolves.toBeGreaterThan(0);
      await lookAt(browser, baseUrl, page, '41-end-date-changed');
      expect((await plan()).endDate).toBe('2031-06-30');
    } finally {
      await browser.close();
    }
  });
});
