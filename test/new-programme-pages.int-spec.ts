import type { ProgrammePlanRecord } from '@pmo/application';
import { BrowserStack } from './support/pages';

const MANAGER = 'manager@dorset.nhs.example';
const LOCALITY_MANAGER = 'manager@north-dorset.nhs.example';

/** A programme manager starts a programme from a template in the pages: chosen, previewed at its new start, created. */
describe('a new programme from a template, in the pages', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await BrowserStack.start([
      [MANAGER, 'programme_manager', '11J'],
      [LOCALITY_MANAGER, 'programme_manager', '11JT01'],
    ]);
  }, 120_000);

  afterAll(() => stack?.stop());

  it('shows every problem, previews the plan moved to its start without saving it, then creates it', async () => {
    const page = await stack.signedIn(MANAGER);
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
    await stack.look(page, '45-new-programme-problems');

    await page.getByLabel("Programme lead's email").fill('workforce.lead@dorset.nhs.example');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await expect(page.getByText('Not saved yet').count()).resolves.toBe(1);
    await stack.look(page, '46-new-programme-preview');
    await expect(page.getByText('1 April 2030 to').count()).resolves.toBe(1);
    expect(((await stack.engine.client.get('/programmes').expect(200)).body as unknown[]).length).toBe(0);

    await page.getByRole('button', { name: 'Create the programme' }).click();
    await expect(page.getByText('Clinical pharmacists in general practice (Dorset) is created').count()).resolves.toBe(1);
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const plan = (await stack.engine.client.get(`/programmes/${id}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect(plan).toEqual(expect.objectContaining({ organisationOdsCode: '11J', leadEmail: 'workforce.lead@dorset.nhs.example', startDate: '2030-04-01', template: expect.objectContaining({ id: 'clinical-pharmacists' }) }));
  });

  it('starts a blank programme with its first two milestones, every problem shown first, then adds its others', async () => {
    const page = await stack.signedIn(MANAGER);
    await page.goto('/app/programmes');
    await page.getByRole('link', { name: 'Or start a blank programme' }).click();
    await page.getByLabel('Programme name').fill('Care navigation training, Dorset');
    await page.getByRole('button', { name: 'Create the programme' }).click();
    for (const text of ['Enter the organisation’s ODS code', 'Enter the programme lead’s email address', 'Enter the first milestone’s name', 'Enter the second milestone’s baseline']) {
      await expect(page.getByRole('link', { name: text }).count()).resolves.toBe(1);
    }
    await page.getByLabel('Organisation’s ODS code').fill('11j');
    await page.getByLabel('Programme lead’s email').fill('training.lead@dorset.nhs.example');
    await page.locator('#milestone0Name').fill('Training provider commissioned');
    await page.locator('#milestone1Name').fill('Training provider commissioned');
    for (const [index, day] of [[0, '2030-05-31'], [1, '2030-09-30']] as const) {
      await page.locator(`#milestone${index}-day`).fill(String(Number(day.slice(8, 10))));
      await page.locator(`#milestone${index}-month`).fill(String(Number(day.slice(5, 7))));
      await page.locator(`#milestone${index}-year`).fill(day.slice(0, 4));
    }
    await page.getByRole('button', { name: 'Create the programme' }).click();
    await expect(page.getByRole('link', { name: 'The second milestone’s name repeats the name of milestones.0' }).count()).resolves.toBe(1);
    await stack.look(page, '47-blank-programme-problems');
    await page.locator('#milestone1Name').fill('Reception staff trained in care navigation');
    await page.getByRole('button', { name: 'Create the programme' }).click();
    await expect(page.getByText('Care navigation training, Dorset is created with its first two milestones: add its others').count()).resolves.toBe(1);
    expect(new URL(page.url()).pathname).toMatch(/\/new-milestone$/);
    await stack.look(page, '48-blank-programme-created');
  });

  it('refuses a manager an organisation that is not theirs, as the API does', async () => {
    const page = await stack.signedIn(LOCALITY_MANAGER);
    await page.goto('/app/new-programme');
    await page.getByLabel('Clinical pharmacists in general practice').check();
    await page.getByLabel("Organisation's ODS code").fill('11J');
    await page.getByLabel("Programme lead's email").fill('lead@north-dorset.nhs.example');
    const answer = await Promise.all([page.waitForResponse((response) => response.url().endsWith('/app/new-programme/preview')), page.getByRole('button', { name: 'Preview the plan' }).click()]);
    expect(answer[0].status()).toBe(403);
  });
});
