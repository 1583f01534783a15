import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { EscalationState } from '@pmo/contracts';
import type { ProgrammePlanRecord, ProgrammeView, StoredReport } from '@pmo/application';
import { addMonths, londonDay } from '@pmo/domain';
import { mintLocalToken } from '@pmo/identity';
import { TestEngine } from './support/engine';
import { keepLocal, lookAt } from './support/pages';
import { eventually } from './support/eventually';
import { startLocalTemporal } from './support/temporal';


const MANAGER = 'manager@dorset.nhs.example';
const LEAD = 'lead@dorset.nhs.example';
const VIEWER = 'viewer@dorset.nhs.example';
const REVIEWER = 'reviewer@icb.nhs.example';
const APPROVER = 'approver@icb.nhs.example';

/**
 * The web pages in Debian's Chromium through playwright-core, on the real API, worker, PostgreSQL and
 * Temporal: people sign in with a token, work through the forms with JavaScript turned off (the NHS
 * service manual's progressive enhancement), and every page they open is checked with axe-core.
 */
describe('web pages', () => {
  const period = addMonths(londonDay(new Date()).slice(0, 7), -1);
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let baseUrl: string;
  let browser: Browser;
  let programme: ProgrammeView;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
    await engine.granted(MANAGER, 'programme_manager', '11J');
    await engine.granted(LEAD, 'lead', '11J');
    await engine.granted(VIEWER, 'viewer', '11J');
    await engine.granted(REVIEWER, 'pmo', '*');
    await engine.granted(APPROVER, 'pmo', '*');
    const later = (days: number) => londonDay(new Date(Date.now() + days * 86_400_000));
    programme = (
      await engine.client
        .post('/programmes')
        .send({
          name: 'Extended access, Dorset',
          organisation: '11J',
          gpfvArea: 'improving-access',
          leadEmail: LEAD,
          managerEmail: MANAGER,
          startDate: `${period}-01`,
          milestones: [
            { ref: 'M01', name: 'Falls overdue', dueAt: new Date(Date.now() + 2_000).toISOString() },
            { ref: 'M02', name: 'Contract awarded', baselineDate: later(20) },
            { ref: 'M03', name: 'Service live', baselineDate: later(60) },
          ],
          trajectories: [{ ref: 'T01', metric: 'extended-access-population-coverage', name: 'Practices offering extended access', unit: 'percent', basis: 'practices-percent', plan: { [period]: 50 } }],
          raid: [{ ref: 'R01', type: 'risk', title: 'Too few providers bid', likelihood: 3, impact: 4, ownerEmail: LEAD }],
        })
        .expect(201)
    ).body as ProgrammeView;
    // The first milestone falls overdue and starts to climb its ladder, for the acknowledgement page.
    await eventually(async () => {
      const state = (await engine.client.get(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/escalation`).expect(200)).body as EscalationState;
      expect(state.state).toBe('climbing');
    }, 60_000);
    await engine.client.post(`/month-ends/${period}`).send({}).expect(200);
    baseUrl = await engine.listen();
    browser = await chromium.launch({ executablePath: engine.config.pdf.chromiumPath });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
    await temporal?.teardown();
  });

  /** A person's own browser, signed in through the sign-in page; without JavaScript unless asked. */
  async function signedIn(email: string, options: { javaScript?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: options.javaScript ?? false });
    await keepLocal(context, baseUrl);
    const page = await context.newPage();
    await page.goto('/app/programmes');
    expect(new URL(page.url()).pathname).toBe('/app/sign-in');
    await page.getByLabel('Sign-in token').fill(await mintLocalToken(engine.config.auth, email));
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { context, page };
  }

  const look = (page: Page, name: string) => lookAt(browser, baseUrl, page, name);

  const plan = async () => (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;

  it('signs a programme manager in, shows the portfolio and the programme, and completes a milestone without JavaScript', async () => {
    const { context, page } = await signedIn(MANAGER);
    try {
      expect(new URL(page.url()).pathname).toBe('/app/programmes');
      await expect(page.getByRole('link', { name: 'Extended access, Dorset' }).count()).resolves.toBe(1);
      await look(page, '01-portfolio');

      await page.getByLabel('Status').selectOption('Green');
      await page.getByRole('button', { name: 'Filter programmes' }).click();
      expect(new URL(page.url()).searchParams.get('status')).toBe('Green');
      await expect(page.getByText('No programme matches these filters.').count()).resolves.toBe(1);
      await page.goto('/app/programmes');

      await page.getByRole('link', { name: 'Extended access, Dorset' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Extended access, Dorset');
      await expect(page.getByRole('heading', { name: /^Why the status is (Red|Amber|Green)$/ }).count()).resolves.toBe(1);
      await look(page, '02-programme');
      // Due today and not done: overdue, which a variance of 0 on its baseline would not say.
      await expect(page.getByRole('row', { name: /^Falls overdue/ }).getByText('Overdue today').count()).resolves.toBe(1);

      // As it stood on the first of the period, before the milestone fell due.
      await page.getByText('See it as it stood on another day').click();
      const day = `${period}-01`;
      await page.getByLabel('Day').fill(String(Number(day.slice(8, 10))));
      await page.getByLabel('Month').fill(String(Number(day.slice(5, 7))));
      await page.getByLabel('Year').fill(day.slice(0, 4));
      await page.getByRole('button', { name: 'Show it as at that day' }).click();
      await expect(page.getByText('As it stood at the end of 1 ').count()).resolves.toBe(1);
      await expect(page.getByRole('row', { name: /^Falls overdue/ }).getByText('Overdue today').count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: /^Complete / }).count()).resolves.toBe(0);
      await look(page, '02-programme-as-at');
      await page.goto(`/app/programmes/${programme.id}?asAt=${day}`);
      await expect(page.getByText('As it stood at the end of 1 ').count()).resolves.toBe(1);
      expect((await page.goto(`/app/programmes/${programme.id}?asAt=yesterday`))?.status()).toBe(400);
      await page.goto(`/app/programmes/${programme.id}`);

      await page.getByRole('link', { name: 'Complete Contract awarded' }).click();
      await look(page, '03-complete-milestone');
      await page.getByRole('button', { name: 'Complete milestone' }).click();
      expect(new URL(page.url()).pathname).toBe(`/app/programmes/${programme.id}`);
      await expect(page.getByText('Contract awarded is complete').count()).resolves.toBe(1);
      const completed = (await plan()).milestones.find((milestone) => milestone.ref === 'M02');
      expect(completed?.completedAt).not.toBeNull();
    } finally {
      await context.close();
    }
  });

  it('shows the error summary for actuals with one invalid field and saves none of them, then saves them corrected', async () => {
    const { context, page } = await signedIn(MANAGER);
    try {
      await page.goto(`/app/programmes/${programme.id}/trajectories/T01/actuals?month=${period}`);
      await look(page, '04-actuals');
      await page.getByLabel('SJ8001').fill('100');
      await page.getByLabel('SJ8002').fill('all of it');
      await page.getByLabel('SJ8003').fill('50');
      const refused = page.waitForResponse((response) => response.request().method() === 'POST');
      await page.getByRole('button', { name: 'Save actuals' }).click();
      expect((await refused).status()).toBe(400);
      await expect(page.title()).resolves.toMatch(/^Error: /);
      const summary = page.locator('.nhsuk-error-summary');
      await expect(summary.getByRole('link').allInnerTexts()).resolves.toEqual(['Covered, % for Synthetic Practice 002 (North Dorset) (SJ8002) must be a number from 0 to 100']);
      await expect(summary.getByRole('link').getAttribute('href')).resolves.toBe('#actual-SJ8002');
      // What was typed is kept, and nothing of it is saved.
      await expect(page.getByLabel('SJ8001').inputValue()).resolves.toBe('100');
      expect((await plan()).trajectories[0].actuals).toEqual([]);
      await look(page, '05-actuals-with-error');

      await page.getByLabel('SJ8002').fill('25');
      await page.getByRole('button', { name: 'Save actuals' }).click();
      await expect(page.getByText(/Actuals for Practices offering extended access, .* are saved for 3 practices/).count()).resolves.toBe(1);
      const saved = (await plan()).trajectories[0].actuals.map(({ odsCode, value }) => ({ odsCode, value }));
      expect(saved.sort((a, b) => a.odsCode.localeCompare(b.odsCode))).toEqual([
        { odsCode: 'SJ8001', value: 1 },
        { odsCode: 'SJ8002', value: 0.25 },
        { odsCode: 'SJ8003', value: 0.5 },
      ]);
    } finally {
      await context.close();
    }
  });

  it('changes a forecast and writes the monthly update, refusing a date that is not real', async () => {
    const { context, page } = await signedIn(MANAGER);
    try {
      await page.goto(`/app/programmes/${programme.id}`);
      await page.getByRole('link', { name: 'Change forecast of Service live' }).click();
      await look(page, '06-change-forecast');
      const forecast = page.getByRole('group', { name: 'When is it now expected?' });
      await forecast.getByLabel('Day').fill('31');
      await forecast.getByLabel('Month').fill('2');
      await forecast.getByLabel('Year').fill('2031');
      await page.getByRole('button', { name: 'Change the forecast' }).click();
      await expect(page.locator('.nhsuk-error-summary').getByRole('link').allInnerTexts()).resolves.toEqual(['The new forecast date must be a real date', 'Enter why the forecast moves']);
      await look(page, '07-change-forecast-with-errors');
      await forecast.getByLabel('Day').fill('28');
      await page.getByLabel('Why does the forecast move?').fill('The estates work starts a month late');
      await page.getByRole('button', { name: 'Change the forecast' }).click();
      await expect(page.getByText('Service live is now forecast for 2031-02-28').count()).resolves.toBe(1);
      expect((await plan()).milestones.find((milestone) => milestone.ref === 'M03')?.forecastDate).toBe('2031-02-28');

      await page.goto(`/app/programmes/${programme.id}/monthly-update`);
      await look(page, '08-monthly-update');
      await page.getByLabel('Summary of the month').fill('The procurement closed; two providers bid.');
      await page.getByRole('button', { name: 'Save the update' }).click();
      const update = (await plan()).monthlyUpdates.at(-1);
      expect(update).toEqual(expect.objectContaining({ commentary: 'The procurement closed; two providers bid.', authorEmail: MANAGER }));
    } finally {
      await context.close();
    }
  });

  it('lets the lead acknowledge an escalation, which then climbs no higher', async () => {
    const { context, page } = await signedIn(LEAD);
    try {
      await page.goto(`/app/programmes/${programme.id}`);
      await page.getByRole('link', { name: 'Acknowledge the escalation of Falls overdue' }).click();
      await look(page, '09-acknowledge-escalation');
      await page.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(page.getByText('The escalation of Falls overdue is acknowledged: it goes no higher').count()).resolves.toBe(1);
      const state = (await engine.client.get(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/escalation`).expect(200)).body as EscalationState;
      expect(state).toEqual(expect.objectContaining({ state: 'acknowledged', acknowledgement: expect.objectContaining({ by: LEAD }) }));
      // The programme page now says so, and the history names who did what through the pages.
      await expect(page.getByText(`Acknowledged by ${LEAD}`).count()).resolves.toBe(1);
      await expect(page.getByText('Acknowledged an escalation (on these pages)').count()).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });

  it('lists the reports and downloads them as kept, with JavaScript on', async () => {
    const { context, page } = await signedIn(MANAGER, { javaScript: true });
    try {
      await page.goto('/app/reports');
      await look(page, '10-reports');
      const kept = (await engine.client.get(`/reports?programmeId=${programme.id}&kind=highlight-report`).expect(200)).body as StoredReport[];
      const markdown = kept.find((report) => report.format === 'markdown') as StoredReport;
      // Each link names its report to screen readers, in text hidden from sight.
      const link = (format: string) => page.getByRole('link', { name: new RegExp(`^${format}\\W+Highlight report, Extended access, Dorset$`) });

      const [download] = await Promise.all([page.waitForEvent('download'), link('Markdown').click()]);
      expect(download.suggestedFilename()).toBe(`highlight-report-${period}-${programme.id}.md`);
      const content = readFileSync(await download.path());
      expect(createHash('sha256').update(content).digest('hex')).toBe(markdown.sha256);

      const [pdf] = await Promise.all([page.waitForEvent('download'), link('PDF').click()]);
      expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');

      await link('Web page').click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Extended access, Dorset');
      await look(page, '11-highlight-report');
    } finally {
      await context.close();
    }
  });

  it('takes a return through review and approval by two people of the programme office', async () => {
    const reviewer = await signedIn(REVIEWER);
    const approver = await signedIn(APPROVER);
    try {
      await reviewer.page.goto(`/app/returns/${period}`);
      await look(reviewer.page, '12-return');
      await reviewer.page.getByLabel('Reviewed: the figures are right').check();
      await reviewer.page.getByRole('button', { name: 'Record this step' }).click();
      await expect(reviewer.page.getByText(`Version 1 of the ${period} return: review recorded against your name`).count()).resolves.toBe(1);

      // The four-eyes rule, shown on the form: the reviewer may not approve what they reviewed.
      await reviewer.page.getByLabel('Approved: it may be submitted').check();
      await reviewer.page.getByRole('button', { name: 'Record this step' }).click();
      await expect(reviewer.page.locator('.nhsuk-error-summary').count()).resolves.toBe(1);
      await look(reviewer.page, '13-return-with-error');

      await approver.page.goto(`/app/returns/${period}`);
      await approver.page.getByLabel('Approved: it may be submitted').check();
      await approver.page.getByRole('button', { name: 'Record this step' }).click();
      const versions = (await engine.client.get(`/returns/${period}`).expect(200)).body.versions as { status: string; reviewedBy: string; approvedBy: string }[];
      expect(versions[0]).toEqual(expect.objectContaining({ status: 'approved', reviewedBy: REVIEWER, approvedBy: APPROVER }));
    } finally {
      await reviewer.context.close();
      await approver.context.close();
    }
  });

  it('refuses a form posted without its session’s CSRF token, and shows pages for what is not there and what a role may not do', async () => {
    const { context, page } = await signedIn(MANAGER);
    try {
      const forged = await page.request.post(`/app/programmes/${programme.id}/monthly-update`, { form: { month: period, commentary: 'Forged' } });
      expect(forged.status()).toBe(403);
      expect((await plan()).monthlyUpdates.map((update) => update.commentary)).not.toContain('Forged');
      await page.goto('/app/programmes/00000000-0000-4000-8000-000000000000');
      await look(page, '14-not-found');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
      // Text the database cannot hold is refused with a page, not the API's problem+json.
      const nul = await page.request.get('/app/programmes?organisation=%00');
      expect([nul.status(), nul.headers()['content-type']]).toEqual([400, expect.stringMatching(/^text\/html/)]);
      await page.goto('/app/sign-in');
      await look(page, '15-sign-in');
    } finally {
      await context.close();
    }
    const viewer = await signedIn(VIEWER);
    try {
      // A viewer may read the programme but not write its update: the page says so, and offers no form.
      const refused = await viewer.page.goto(`/app/programmes/${programme.id}/monthly-update`);
      expect(refused?.status()).toBe(403);
      await look(viewer.page, '16-forbidden');
      await viewer.page.goto(`/app/programmes/${programme.id}`);
      await expect(viewer.page.getByRole('link', { name: /^Complete/ }).count()).resolves.toBe(0);
    } finally {
      await viewer.context.close();
    }
  });
});
