import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { ProgrammePlanRecord } from '@pmo/application';
import { TestEngine } from './support/engine';
import { lookAt, signIn } from './support/pages';
import { startLocalTemporal } from './support/temporal';

const MANAGER = 'manager@dorset.nhs.example';
const LOCALITY_MANAGER = 'manager@north-dorset.nhs.example';

/** A programme manager starts a programme from a template in the pages: chosen, previewed at its new start, created. */
describe('a new programme from a template, in the pages', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
    await engine.granted(MANAGER, 'programme_manager', '11J');
    await engine.granted(LOCALITY_MANAGER, 'programme_manager', '11JT01');
    baseUrl = await engine.listen();
    browser = await chromium.launch({ executablePath: engine.config.pdf.chromiumPath });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
    await temporal?.teardown();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false })).newPage();
    await signIn(page, engine.config.auth, email);
    return page;
  }

  it('shows every problem, previews the plan moved to its start without saving it, then creates it', async () => {
    const page = await signedIn(MANAGER);
    await page.goto('/app/programmes');
    await page.getByRole('link', { name: 'Start a programme from a template' }).click();
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await expect(page.getByRole('link', { name: 'Select a template' }).count()).resolves.toBe(1);

    await page.getByLabel('Clinical pharmacists in general practice').check();
    await page.getByLabel("Organisation's ODS code").fill('11j');
    await page.getByLabel("Programme lead's email").fill('not an email');
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('4');
    await page.getByLabel('Year').fill('2030');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await expect(page.getByRole('link', { name: /^The programme lead must be an email address/ }).count()).resolves.toBe(1);
    await lookAt(browser, baseUrl, page, '45-new-programme-problems');

    await page.getByLabel("Programme lead's email").fill('workforce.lead@dorset.nhs.example');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await expect(page.getByText('Not saved yet').count()).resolves.toBe(1);
    await lookAt(browser, baseUrl, page, '46-new-programme-preview');
    await expect(page.getByText('1 April 2030 to').count()).resolves.toBe(1);
    expect(((await engine.client.get('/programmes').expect(200)).body as unknown[]).length).toBe(0);

    await page.getByRole('button', { name: 'Create the programme' }).click();
    await expect(page.getByText('Clinical pharmacists in general practice (Dorset) is created').count()).resolves.toBe(1);
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const plan = (await engine.client.get(`/programmes/${id}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect(plan).toEqual(expect.objectContaining({ organisationOdsCode: '11J', leadEmail: 'workforce.lead@dorset.nhs.example', startDate: '2030-04-01', template: expect.objectContaining({ id: 'clinical-pharmacists' }) }));
  });

  it('refuses a manager an organisation that is not theirs, as the API does', async () => {
    const page = await signedIn(LOCALITY_MANAGER);
    await page.goto('/app/new-programme');
    await page.getByLabel('Clinical pharmacists in general practice').check();
    await page.getByLabel("Organisation's ODS code").fill('11J');
    await page.getByLabel("Programme lead's email").fill('lead@north-dorset.nhs.example');
    const answer = await Promise.all([page.waitForResponse((response) => response.url().endsWith('/app/new-programme/preview')), page.getByRole('button', { name: 'Preview the plan' }).click()]);
    expect(answer[0].status()).toBe(403);
  });
});
