import type { EscalationState } from '@pmo/contracts';
import type { ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import { addDays, londonDay } from '@pmo/domain';
import { eventually } from './support/eventually';
import { BrowserStack } from './support/pages';

const MANAGER = 'manager@dorset.nhs.example';
const LEAD = 'lead@dorset.nhs.example';
const PMO = 'pmo@icb.nhs.example';

/** A milestone's own page: its baselines and forecasts, a rebaseline with reason and approver, the owner's confirmation, a snooze. */
describe('a milestone’s page', () => {
  let stack: BrowserStack;
  let programme: ProgrammeView;
  const later = (days: number) => addDays(londonDay(new Date()), days);

  beforeAll(async () => {
    stack = await BrowserStack.start([
      [MANAGER, 'programme_manager', '11J'],
      [LEAD, 'lead', '11J'],
      [PMO, 'pmo', '*'],
    ]);
    programme = (
      await stack.engine.client
        .post('/programmes')
        .send({
          name: 'Online consultation, Dorset',
          organisation: '11J',
          leadEmail: LEAD,
          milestones: [
            { ref: 'M01', name: 'Supplier chosen', dueAt: new Date(Date.now() + 2_000).toISOString() },
            { ref: 'M02', name: 'Practices trained', baselineDate: later(40), predecessors: ['M01'] },
          ],
        })
        .expect(201)
    ).body as ProgrammeView;
    await eventually(async () => {
      const state = (await stack.engine.client.get(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/escalation`).expect(200)).body as EscalationState;
      expect(state.state).toBe('climbing');
    }, 60_000);
  }, 180_000);

  afterAll(() => stack?.stop());

  const plan = async () => (await stack.engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;

  it('rebaselines a milestone with a reason and an approver, every problem shown first, and lists every baseline', async () => {
    const page = await stack.signedIn(MANAGER);
    await page.goto(`/app/programmes/${programme.id}`);
    await page.getByRole('link', { name: 'Practices trained', exact: true }).click();
    await stack.look(page, '67-milestone');
    await page.getByRole('link', { name: 'Rebaseline it' }).click();
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByRole('button', { name: 'Rebaseline the milestone' }).click();
    await expect(page.getByRole('link', { name: 'The new baseline must be a real date' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Enter why the baseline moves' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Enter the email address of whoever approved it' }).count()).resolves.toBe(1);
    await stack.look(page, '68-rebaseline-problems');

    const moved = later(70);
    await page.getByLabel('Day').fill(String(Number(moved.slice(8, 10))));
    await page.getByLabel('Month').fill(String(Number(moved.slice(5, 7))));
    await page.getByLabel('Year').fill(moved.slice(0, 4));
    await page.getByLabel('Why does the baseline move?').fill('Training moved after the practices’ flu season, agreed at the digital board');
    await page.getByLabel('Who approved it?').fill('sro@dorset.nhs.example');
    await page.getByRole('button', { name: 'Rebaseline the milestone' }).click();
    await expect(page.getByText(`Practices trained is rebaselined to ${moved}`).count()).resolves.toBe(1);
    await expect(page.getByRole('cell', { name: 'Training moved after the practices’ flu season, agreed at the digital board' }).count()).resolves.toBe(1);
    await expect(page.getByRole('cell', { name: 'The original plan' }).count()).resolves.toBe(1);
    const baselines = (await plan()).milestones.find((milestone) => milestone.ref === 'M02')?.baselines ?? [];
    expect(baselines.map((baseline) => [baseline.baselineDate, baseline.approvedBy])).toEqual([
      [later(40), null],
      [moved, 'sro@dorset.nhs.example'],
    ]);
  });

  it('takes the owner’s confirmation and snooze, recorded against the signed-in lead', async () => {
    const page = await stack.signedIn(LEAD);
    await page.goto(`/app/programmes/${programme.id}/milestones/${programme.milestones[1].id}`);
    await page.getByRole('button', { name: 'Confirm the forecast' }).click();
    await expect(page.getByText('Practices trained is confirmed for').count()).resolves.toBe(1);
    await eventually(async () => expect((await plan()).milestones.find((milestone) => milestone.ref === 'M02')?.confirmedAt).not.toBeNull(), 30_000);

    await page.goto(`/app/programmes/${programme.id}/milestones/${programme.milestones[0].id}`);
    await page.getByRole('link', { name: 'Snooze its escalation' }).click();
    await page.getByRole('button', { name: 'Snooze the escalation' }).click();
    await expect(page.getByRole('link', { name: 'Enter the day it waits until' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Enter why the escalation should wait' }).count()).resolves.toBe(1);
    const until = later(5);
    await page.getByLabel('Day').fill(String(Number(until.slice(8, 10))));
    await page.getByLabel('Month').fill(String(Number(until.slice(5, 7))));
    await page.getByLabel('Year').fill(until.slice(0, 4));
    await page.getByLabel('Why should it wait?').fill('Supplier framework published next week');
    await stack.look(page, '69-snooze');
    await page.getByRole('button', { name: 'Snooze the escalation' }).click();
    await expect(page.getByText(`The escalation of Supplier chosen waits until ${until}`).count()).resolves.toBe(1);
    const state = (await stack.engine.client.get(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/escalation`).expect(200)).body as EscalationState;
    expect(state.snooze).toEqual(expect.objectContaining({ by: LEAD, reason: 'Supplier framework published next week' }));
  });

  it('adds milestones one after another by the Milestones sheet’s rules, and changes one’s owner and order', async () => {
    const page = await stack.signedIn(MANAGER);
    await page.goto(`/app/programmes/${programme.id}`);
    await page.getByRole('link', { name: 'Add a milestone' }).click();
    await page.getByLabel('Name', { exact: true }).fill('supplier CHOSEN');
    await page.getByRole('button', { name: 'Add the milestone' }).click();
    await expect(page.getByRole('link', { name: 'Enter the baseline' }).count()).resolves.toBe(1);
    const planned = later(60);
    const fillBaseline = async (day: string) => {
      await page.getByLabel('Day').fill(String(Number(day.slice(8, 10))));
      await page.getByLabel('Month').fill(String(Number(day.slice(5, 7))));
      await page.getByLabel('Year').fill(day.slice(0, 4));
    };
    await fillBaseline(planned);
    await page.getByRole('button', { name: 'Add the milestone' }).click();
    // The sheet's rule: no two milestones share a name, whatever its case.
    await expect(page.getByRole('link', { name: 'The name is already the name of milestone M01, not in this sheet' }).count()).resolves.toBe(1);
    await stack.look(page, '71-milestone-problems');

    await page.getByLabel('Name', { exact: true }).fill('Go-live communications sent');
    await page.getByLabel('M02 Practices trained').check();
    await page.getByRole('button', { name: 'Add the milestone' }).click();
    // Its baseline falls before its predecessor's: the finish-to-start rule, unless the overlap is accepted.
    await expect(page.getByRole('link', { name: /^The dates M03 / }).count()).resolves.toBe(1);
    await page.getByLabel('It may be baselined to finish before a predecessor does: the programme accepts the overlap').check();
    await page.getByRole('button', { name: 'Add the milestone' }).click();
    await expect(page.getByText(`M03 Go-live communications sent is added, baselined for ${planned}`).count()).resolves.toBe(1);
    await stack.look(page, '72-milestone-added');

    const added = (await plan()).milestones.find((milestone) => milestone.ref === 'M03');
    expect(added).toEqual(expect.objectContaining({ ownerEmail: LEAD, predecessors: ['M02'], acceptedOverlap: true, forecastDate: planned }));
    await page.goto(`/app/programmes/${programme.id}/milestones/${added?.id ?? ''}`);
    await page.getByRole('link', { name: 'Change its name, kind, owner, phase or predecessors' }).click();
    await page.getByLabel('Owner’s email (optional)').fill('comms@dorset.nhs.example');
    await page.getByLabel('M02 Practices trained').uncheck();
    await page.getByLabel('M01 Supplier chosen').check();
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await expect(page.getByText('Go-live communications sent is saved').count()).resolves.toBe(1);
    expect((await plan()).milestones.find((milestone) => milestone.ref === 'M03')).toEqual(expect.objectContaining({ ownerEmail: 'comms@dorset.nhs.example', predecessors: ['M01'], baselineDate: planned }));
  });

  it('shows the programme office the escalation sent to the lead in the delivery log, and nobody else', async () => {
    const page = await stack.signedIn(PMO);
    await page.goto('/app/programmes');
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await eventually(async () => {
      await page.reload();
      await expect(page.getByRole('row', { name: /lead@dorset\.nhs\.example/ }).filter({ hasText: 'Supplier chosen' }).filter({ hasText: 'Sent' }).count()).resolves.toBeGreaterThan(0);
    }, 30_000);
    await page.getByLabel('Only those to').fill('nobody@dorset.nhs.example');
    await page.getByRole('button', { name: 'Show their messages' }).click();
    await expect(page.getByText('Nothing has been sent to nobody@dorset.nhs.example.').count()).resolves.toBe(1);
    await page.goto('/app/delivery-log');
    await stack.look(page, '73-delivery-log');
    const manager = await stack.signedIn(MANAGER);
    expect((await manager.goto('/app/delivery-log'))?.status()).toBe(403);
  });

  it('does not offer a lead the rebaseline, and refuses it to them', async () => {
    const lead = await stack.signedIn(LEAD);
    await lead.goto(`/app/programmes/${programme.id}/milestones/${programme.milestones[1].id}`);
    await expect(lead.getByRole('button', { name: 'Confirm the forecast' }).count()).resolves.toBe(1);
    await expect(lead.getByRole('link', { name: 'Rebaseline it' }).count()).resolves.toBe(0);
    expect((await lead.goto(`/app/programmes/${programme.id}/milestones/${programme.milestones[1].id}/rebaseline`))?.status()).toBe(403);
  });
});
