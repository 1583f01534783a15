import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AuditEvent, ProgrammeView } from '@pmo/application';
import type { EscalationState } from '@pmo/contracts';
import { addDays, londonDay } from '@pmo/domain';
import { TestEngine } from './support/engine';
import { startTimeSkippingTemporal } from './support/temporal';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Escalation ladders on the Java time-skipping server, with the real PostgreSQL, Redis, notifier and
 * SMTP receiver: the ladder climbs owner, lead, SRO on working-day timers; an acknowledgement by its
 * signed link stops it; a completion closes it; a snooze holds it.
 */
describe('escalation ladders with time skipping', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startTimeSkippingTemporal();
    engine = await TestEngine.start({ temporal, withApi: true, environment: { PMO_LINK_SIGNING_SECRET: 'a-link-signing-secret-for-the-tests-only' } });
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  /** A programme whose one open milestone falls overdue a day from the server's now; names are unique per test. */
  async function overdueTomorrow(name: string): Promise<{ programme: ProgrammeView; milestoneId: string }> {
    const now = await temporal.currentTimeMs();
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
    const created = await engine.client
      .post('/programmes')
      .send({
        name,
        leadEmail: `lead.${slug}@dorset.nhs.example`,
        sroEmail: `sro.${slug}@dorset.nhs.example`,
        milestones: [
          { name: 'Contract signed', ownerEmail: `owner.${slug}@dorset.nhs.example`, dueAt: new Date(now + DAY_MS).toISOString() },
          { name: 'Service live', ownerEmail: `owner.${slug}@dorset.nhs.example`, dueAt: new Date(now + 200 * DAY_MS).toISOString() },
        ],
      })
      .expect(201);
    const programme = created.body as ProgrammeView;
    return { programme, milestoneId: programme.milestones[0].id };
  }

  const ladder = async (programmeId: string, milestoneId: string) =>
    (await engine.client.get(`/programmes/${programmeId}/milestones/${milestoneId}/escalation`).expect(200)).body as EscalationState;

  /** Moves the server's clock to just after an instant. */
  async function passing(instant: string): Promise<void> {
    await temporal.sleep(Math.max(0, Date.parse(instant) + 60_000 - (await temporal.currentTimeMs())));
  }

  /** Escalations only: owners are also warned before their milestones fall due. */
  const isEscalationTo = (address: string) => (email: { to: string[]; headers: Record<string, string> }) => email.to.includes(address) && email.headers['x-pmo-escalation-id'] !== undefined;
  const emailsTo = (address: string) => engine.inbox.emails.filter(isEscalationTo(address));

  it('climbs from the owner to the lead on working-day timers and stops when the lead acknowledges by the signed link', async () => {
    const { programme, milestoneId } = await overdueTomorrow('Ladder acknowledged');
    await temporal.sleep(DAY_MS + HOUR_MS);
    const owner = await engine.inbox.waitFor(isEscalationTo('owner.ladder-acknowledged@dorset.nhs.example'), 20_000);
    expect(owner.subject).toContain("milestone 'Contract signed' is overdue");

    const climbing = await ladder(programme.id, milestoneId);
    expect(climbing.rungs.map((rung) => [rung.rung, rung.to, rung.raised])).toEqual([
      [1, ['owner'], true],
      [2, ['lead'], false],
      [3, ['sro', 'pmo'], false],
    ]);
    // Rung 2 falls three working days after the day the milestone fell overdue, at the same London time.
    expect(londonDay(new Date(climbing.rungs[1].at)) > addDays(londonDay(new Date(climbing.rungs[0].at)), 2)).toBe(true);
    expect(emailsTo('lead.ladder-acknowledged@dorset.nhs.example')).toHaveLength(0);

    await passing(climbing.rungs[1].at);
    const lead = await engine.inbox.waitFor(isEscalationTo('lead.ladder-acknowledged@dorset.nhs.example'), 20_000);
    const link = /https?:\/\/[^\s]+(\/escalations\/acknowledge\?token=[\w.-]+)/.exec(lead.text)?.[1];
    expect(link).toBeDefined();
    await engine.client.get('/escalations/acknowledge').query({ token: 'forged.token' }).expect(422);
    const acknowledged = (await engine.client.get(link as string).expect(200)).body as EscalationState;
    expect(acknowledged.acknowledgement).toEqual(expect.objectContaining({ by: 'lead.ladder-acknowledged@dorset.nhs.example', via: 'link' }));
    await engine.client.get(link as string).expect(409);
    // The link is the lead's credential: the audit trail has the acknowledgement as theirs.
    const audited = ((await engine.client.get(`/programmes/${programme.id}/audit`).expect(200)).body as AuditEvent[]).filter((event) => event.via === 'signed-link');
    expect(audited).toEqual([expect.objectContaining({ actor: 'lead.ladder-acknowledged@dorset.nhs.example', action: 'GET /escalations/acknowledge', before: expect.objectContaining({ state: 'climbing' }), after: expect.objectContaining({ acknowledgement: expect.objectContaining({ via: 'link' }) }) })]);

    await passing(climbing.rungs[2].at);
    await temporal.sleep(DAY_MS);
    const closed = await ladder(programme.id, milestoneId);
    expect(closed.state).toBe('acknowledged');
    expect(closed.rungs.map((rung) => rung.raised)).toEqual([true, true, false]);
    await new Promise((done) => setTimeout(done, 1_000));
    expect(emailsTo('sro.ladder-acknowledged@dorset.nhs.example')).toHaveLength(0);
    expect(emailsTo('owner.ladder-acknowledged@dorset.nhs.example')).toHaveLength(1);
    expect(emailsTo('lead.ladder-acknowledged@dorset.nhs.example')).toHaveLength(1);
  });

  it('follows a programme’s own ladder and closes it when the milestone is completed', async () => {
    const { programme, milestoneId } = await overdueTomorrow('Own ladder');
    const backwards = await engine.client
      .put(`/programmes/${programme.id}/escalation-ladder`)
      .send({ rungs: [{ afterWorkingDays: 2, to: ['sro'] }, { afterWorkingDays: 1, to: ['lead'] }], setBy: 'pmo@dorset.nhs.example' })
      .expect(400);
    expect(backwards.body.errors).toEqual([{ field: 'rungs', reason: 'rung 2: must come later than rung 1' }]);
    const unknown = await engine.client
      .put(`/programmes/${programme.id}/escalation-ladder`)
      .send({ rungs: [{ afterWorkingDays: 0, to: ['director'] }], setBy: 'pmo@dorset.nhs.example' })
      .expect(400);
    expect(unknown.body.errors.map((error: { field: string }) => error.field)).toEqual(['rungs.0.to.0']);
    await engine.client
      .put(`/programmes/${programme.id}/escalation-ladder`)
      .send({ rungs: [{ afterWorkingDays: 0, to: ['lead'] }, { afterWorkingDays: 1, to: ['sro'] }], setBy: 'pmo@dorset.nhs.example' })
      .expect(200);
    await temporal.sleep(DAY_MS + HOUR_MS);
    await engine.inbox.waitFor(isEscalationTo('lead.own-ladder@dorset.nhs.example'), 20_000);

    await engine.client.post(`/programmes/${programme.id}/milestones/${milestoneId}/complete`).send({}).expect(200);
    let cleared = await ladder(programme.id, milestoneId);
    for (let tries = 0; cleared.state !== 'cleared' && tries < 50; tries += 1) {
      await new Promise((done) => setTimeout(done, 100));
      cleared = await ladder(programme.id, milestoneId);
    }
    expect(cleared.state).toBe('cleared');
    await passing(cleared.rungs[1].at);
    await new Promise((done) => setTimeout(done, 1_000));
    expect(emailsTo('sro.own-ladder@dorset.nhs.example')).toHaveLength(0);
    expect((await ladder(programme.id, milestoneId)).rungs.map((rung) => rung.raised)).toEqual([true, false]);
  });

  it('holds every rung until the day after a snooze ends, and wants a reason and a day for it', async () => {
    const { programme, milestoneId } = await overdueTomorrow('Snoozed');
    await temporal.sleep(DAY_MS + HOUR_MS);
    await engine.inbox.waitFor(isEscalationTo('owner.snoozed@dorset.nhs.example'), 20_000);
    const before = await ladder(programme.id, milestoneId);
    const snoozePath = `/programmes/${programme.id}/milestones/${milestoneId}/escalation/snooze`;
    const refused = await engine.client.post(snoozePath).send({ by: 'lead.snoozed@dorset.nhs.example', until: 'soon' }).expect(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['reason', 'until']);
    // Held until a week after rung 2 was due; the server's day is the one the clock has been moved to.
    const until = addDays(londonDay(new Date(before.rungs[1].at)), 7);
    const snoozed = (
      await engine.client.post(snoozePath).send({ by: 'lead.snoozed@dorset.nhs.example', reason: 'Contract with legal until the 20th', until }).expect(200)
    ).body as EscalationState;
    expect(snoozed.snooze).toEqual({ by: 'lead.snoozed@dorset.nhs.example', reason: 'Contract with legal until the 20th', until });

    await passing(before.rungs[1].at);
    await new Promise((done) => setTimeout(done, 1_000));
    expect(emailsTo('lead.snoozed@dorset.nhs.example')).toHaveLength(0);
    await temporal.sleep(8 * DAY_MS);
    await engine.inbox.waitFor(isEscalationTo('lead.snoozed@dorset.nhs.example'), 20_000);
    expect((await ladder(programme.id, milestoneId)).rungs.map((rung) => rung.raised)).toEqual([true, true, false]);
  });

  it('tells only the rung a milestone’s age has reached when a programme arrives with it long overdue', async () => {
    const now = await temporal.currentTimeMs();
    const created = await engine.client
      .post('/programmes')
      .send({
        name: 'Brought in mid-life',
        leadEmail: 'lead.brought-in@dorset.nhs.example',
        sroEmail: 'sro.brought-in@dorset.nhs.example',
        milestones: [
          { name: 'Contract signed', ownerEmail: 'owner.brought-in@dorset.nhs.example', dueAt: new Date(now - 30 * DAY_MS).toISOString() },
          { name: 'Service live', ownerEmail: 'owner.brought-in@dorset.nhs.example', dueAt: new Date(now + 200 * DAY_MS).toISOString() },
        ],
      })
      .expect(201);
    const programme = created.body as ProgrammeView;
    await engine.inbox.waitFor(isEscalationTo('sro.brought-in@dorset.nhs.example'), 20_000);
    await temporal.sleep(HOUR_MS);
    await new Promise((done) => setTimeout(done, 1_000));
    const arrived = await ladder(programme.id, programme.milestones[0].id);
    expect(arrived.rungs.map((rung) => [rung.rung, rung.raised])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect([emailsTo('owner.brought-in@dorset.nhs.example'), emailsTo('lead.brought-in@dorset.nhs.example'), emailsTo('sro.brought-in@dorset.nhs.example')].map((emails) => emails.length)).toEqual([0, 0, 1]);
  });
});
