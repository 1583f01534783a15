import { Client } from 'pg';
import type { MonthEndScheduleView, ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import { addDays, londonDay } from '@pmo/domain';
import { TemporalMonthEndSchedule } from '@pmo/orchestration';
import { TEST_ADMIN } from './support/engine';
import { BrowserStack } from './support/pages';

const PMO = 'pmo@icb.nhs.example';
const MANAGER = 'manager@dorset.nhs.example';

/** The programme office's and the admin's pages: the month-end schedule paused and resumed, grants and API keys given and revoked. */
describe('the office pages', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await BrowserStack.start([
      [PMO, 'pmo', '*'],
      [MANAGER, 'programme_manager', '11J'],
    ]);
  }, 120_000);

  afterAll(() => stack?.stop());

  it('pauses and resumes the month-end schedule with a note, which it needs', async () => {
    await new TemporalMonthEndSchedule(stack.temporal.client, stack.engine.config.monthEnd).ensure();
    const page = await stack.signedIn(PMO);
    await page.goto('/app/month-end');
    await stack.look(page, '63-month-end-schedule');
    await page.getByRole('button', { name: 'Pause the schedule' }).click();
    await expect(page.getByRole('link', { name: 'Enter why, for whoever reads the schedule next' }).count()).resolves.toBe(1);
    await page.getByLabel('Why pause it?').fill('Bank holiday week: the return deadline moves');
    await page.getByRole('button', { name: 'Pause the schedule' }).click();
    await expect(page.getByText('The schedule is paused: it starts nothing until it is resumed').count()).resolves.toBe(1);
    const paused = (await stack.engine.client.get('/month-end-schedule').expect(200)).body as MonthEndScheduleView;
    expect(paused).toEqual(expect.objectContaining({ paused: true, note: 'Bank holiday week: the return deadline moves' }));

    await page.getByLabel('Why resume it?').fill('Deadline confirmed');
    await page.getByRole('button', { name: 'Resume the schedule' }).click();
    await expect(page.getByText('The schedule is running again').count()).resolves.toBe(1);
    expect(((await stack.engine.client.get('/month-end-schedule').expect(200)).body as MonthEndScheduleView).paused).toBe(false);

    // A month that has not ended cannot run: the use case's refusal, against the field.
    const answer = await page.request.post('/app/month-end/run', { form: { _csrf: await page.locator('input[name="_csrf"]').first().inputValue(), period: '2999-01' } });
    expect(answer.status()).toBe(400);
    expect(await answer.text()).toContain('has not ended');
  });

  it('overrides a programme’s delivery confidence with a reason until a day, against the signed-in person, and clears it', async () => {
    const programme = (
      await stack.engine.client
        .post('/programmes')
        .send({ name: 'Clinical pharmacists, Dorset', organisation: '11J', leadEmail: 'lead@dorset.nhs.example', milestones: [{ name: 'Recruited', baselineDate: '2030-03-31' }, { name: 'In post', baselineDate: '2030-06-30' }] })
        .expect(201)
    ).body as ProgrammeView;
    const page = await stack.signedIn(PMO);
    await page.goto(`/app/programmes/${programme.id}`);
    await page.getByRole('link', { name: /^Override\W+the delivery confidence$/ }).click();
    await page.getByRole('button', { name: 'Set the delivery confidence' }).click();
    await expect(page.getByRole('link', { name: 'Select the delivery confidence' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Enter why the suggestion is overridden' }).count()).resolves.toBe(1);
    await page.getByLabel('Amber/Red').check();
    await page.getByLabel('Why does it differ from the suggestion?').fill('Two of five practices have not released pharmacist time');
    const until = addDays(londonDay(new Date()), 30);
    await page.getByLabel('Day').fill(String(Number(until.slice(8, 10))));
    await page.getByLabel('Month').fill(String(Number(until.slice(5, 7))));
    await page.getByLabel('Year').fill(until.slice(0, 4));
    await stack.look(page, '70-delivery-confidence');
    await page.getByRole('button', { name: 'Set the delivery confidence' }).click();
    await expect(page.getByText(`The delivery confidence is Amber/Red until ${until}`).count()).resolves.toBe(1);
    await expect(page.getByText('set by the programme office (suggested Green)').count()).resolves.toBe(1);
    const plan = (await stack.engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect(plan.confidenceOverride).toEqual({ confidence: 'Amber/Red', reason: 'Two of five practices have not released pharmacist time', setBy: PMO, expiresOn: until });

    await page.getByRole('link', { name: /^Override\W+the delivery confidence$/ }).click();
    await page.getByRole('button', { name: 'Clear the override' }).click();
    await expect(page.getByText('The override is cleared: the delivery confidence is the suggested Green').count()).resolves.toBe(1);
    const manager = await stack.signedIn(MANAGER);
    expect((await manager.goto(`/app/programmes/${programme.id}/delivery-confidence`))?.status()).toBe(403);
  });

  it('is the programme office’s and the admin’s alone', async () => {
    const manager = await stack.signedIn(MANAGER);
    expect((await manager.goto('/app/month-end'))?.status()).toBe(403);
    expect((await manager.goto('/app/access'))?.status()).toBe(403);
    await expect(manager.getByRole('link', { name: 'Month end' }).count()).resolves.toBe(0);
    const pmo = await stack.signedIn(PMO);
    expect((await pmo.goto('/app/access'))?.status()).toBe(403);
  });

  it('grants and revokes a role, and shows a new API key once, which then works until revoked', async () => {
    const admin = await stack.signedIn(TEST_ADMIN);
    await admin.goto('/app/access');
    await admin.getByRole('button', { name: 'Grant the role' }).click();
    await expect(admin.getByRole('link', { name: 'Enter the person’s email address' }).count()).resolves.toBe(1);
    await expect(admin.getByRole('link', { name: 'Select a role' }).count()).resolves.toBe(1);

    await admin.getByLabel('Email address').fill('Viewer@Dorset.nhs.example');
    await admin.getByLabel('Viewer: read programmes, reports and the return').first().check();
    await admin.getByLabel('Organisation’s ODS code').first().fill('zz9');
    await admin.getByRole('button', { name: 'Grant the role' }).click();
    await expect(admin.getByRole('link', { name: /^The organisation/ }).count()).resolves.toBe(1);
    await stack.look(admin, '64-access-problems');
    await admin.getByLabel('Organisation’s ODS code').first().fill('11j');
    await admin.getByRole('button', { name: 'Grant the role' }).click();
    await expect(admin.getByText('viewer@dorset.nhs.example is granted viewer at 11J').count()).resolves.toBe(1);
    await (await stack.engine.as('viewer@dorset.nhs.example')).get('/programmes').expect(200);

    await admin.getByRole('button', { name: 'Revoke viewer at 11J from viewer@dorset.nhs.example' }).click();
    await expect(admin.getByText('The grant is revoked').count()).resolves.toBe(1);
    await (await stack.engine.as('viewer@dorset.nhs.example')).get('/programmes').expect(403);

    await admin.getByLabel('What is it for?').fill('Finance spend feed');
    await admin.getByLabel('Programme manager: create and keep programmes').last().check();
    await admin.getByLabel('Organisation’s ODS code').last().fill('11J');
    await admin.getByRole('button', { name: 'Create the key' }).click();
    await stack.look(admin, '65-api-key-created');
    const key = await admin.getByLabel('The key').inputValue();
    expect(key.length).toBeGreaterThan(20);
    const client = new Client({ connectionString: stack.engine.config.database.migrationUrl });
    await client.connect();
    try {
      const kept = (await client.query(`SELECT request::text || coalesce(after::text, '') AS kept FROM audit_events WHERE action = 'POST /app/access/api-keys'`)).rows as { kept: string }[];
      expect(kept).toHaveLength(1);
      expect(kept[0].kept).not.toContain(key.split('_').slice(2).join('_'));
    } finally {
      await client.end();
    }
    await stack.engine.withApiKey(key).get('/programmes').expect(200);

    await admin.goto('/app/access');
    await expect(admin.getByText(key).count()).resolves.toBe(0);
    await admin.getByRole('button', { name: 'Revoke the key Finance spend feed' }).click();
    await expect(admin.getByText('The API key is revoked: it is refused from now on').count()).resolves.toBe(1);
    await stack.engine.withApiKey(key).get('/programmes').expect(401);
  });
});
