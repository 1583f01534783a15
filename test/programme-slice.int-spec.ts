import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { ProgrammeRepository } from '@pmo/application';
import type { ProgrammePlanRecord, ProgrammeRecord, ProgrammeView } from '@pmo/application';
import { PLAN_FIELDS } from '@pmo/domain';
import { TestEngine } from './support/engine';
import { eventually } from './support/eventually';
import { startLocalTemporal } from './support/temporal';

/**
 * The whole slice on the real services: the API writes PostgreSQL and signals-with-start the
 * programme's workflow on the Temporal dev server; the workflow's activity queues the escalation
 * on Redis; the notifier sends it over SMTP to a real receiver.
 */
describe('a programme, end to end on the real stack', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  const rowCounts = async () => {
    const counts: number[] = [];
    for (const table of ['programmes', 'milestones', 'escalations', 'programme_events']) counts.push(await engine.database.count(table));
    return counts;
  };

  it('keeps a milestone completed in time Green, turns an overdue one Red and emails its owner once, the first rung of its ladder', async () => {
    const created = await engine.client
      .post('/programmes')
      .send({
        name: 'Extended access procurement, Dorset',
        leadEmail: 'lead@dorset.nhs.example',
        milestones: [
          { name: 'Tender documents finalised', ownerEmail: 'procurement@dorset.nhs.example', dueAt: inSeconds(3) },
          { name: 'Governing Body approval', ownerEmail: 'governance@dorset.nhs.example', dueAt: inSeconds(6) },
          { name: 'Advert out', ownerEmail: 'procurement@dorset.nhs.example', dueAt: inSeconds(60 * 86_400) },
        ],
      })
      .expect(201);
    const programme = created.body as ProgrammeView;
    expect(created.headers.location).toBe(`/programmes/${programme.id}`);
    // Both first milestones are due within the warning window and nobody has confirmed them.
    expect(programme.status).toBe('Amber');
    expect(programme.reasons).toEqual([expect.stringContaining("without its owner's confirmation"), expect.stringContaining("without its owner's confirmation")]);
    const [tender, approval] = programme.milestones;

    const completed = await engine.client.post(`/programmes/${programme.id}/milestones/${tender.id}/complete`).send({}).expect(200);
    expect((completed.body as ProgrammeView).milestones[0].status).toBe('Complete');

    const email = await engine.inbox.waitFor((mail) => mail.subject.startsWith('RED:') && mail.subject.includes('Governing Body approval'), 30_000);
    expect(email.to).toEqual(['governance@dorset.nhs.example']);
    expect(email.subject).toBe("RED: milestone 'Governing Body approval' is overdue (Extended access procurement, Dorset)");
    expect(email.text).toContain('Milestone owner: governance@dorset.nhs.example');
    expect(email.html).toContain('<strong>Governing Body approval</strong>');

    // The tender milestone's due time has passed too, but it was complete: it stays Green and is never escalated.
    await eventually(async () => {
      const view = (await engine.client.get(`/programmes/${programme.id}`).expect(200)).body as ProgrammeView;
      expect(view.status).toBe('Red');
      expect(view.reasons[0]).toMatch(/^milestone 'Governing Body approval' overdue since/);
      expect(view.milestones.map((m) => m.status)).toEqual(['Complete', 'Red', 'Green']);
      expect(view.escalations).toEqual([
        expect.objectContaining({ milestoneId: approval.id, rung: 1, channel: 'email', recipient: 'governance@dorset.nhs.example', status: 'sent', attempts: 1 }),
      ]);
    });
    // The reads above took the record's head, the escalations' delivery with it, beside the kept milestones.
    const programmes = engine.workerContext.get(ProgrammeRepository);
    const { milestones, ...head } = (await programmes.findById(programme.id)) as ProgrammeRecord;
    expect(await programmes.findHeads([programme.id, randomUUID()])).toEqual([head]);
    expect(milestones.map((milestone) => milestone.id)).toEqual(programme.milestones.map((milestone) => milestone.id));
    const status = await temporal.client.workflow.getHandle(`programme-${programme.id}`).query('programmeStatus');
    expect(status).toEqual(expect.objectContaining({ status: 'Red' }));
    expect(engine.inbox.emails.filter((mail) => mail.headers['x-pmo-escalation-id'] !== undefined)).toHaveLength(1);
    // The approval's owner was warned once while it was due soon and unconfirmed (the tender, completed at once,
    // may have been done before the workflow first looked); nobody was warned twice.
    const warned = engine.inbox.emails.filter((mail) => mail.headers['x-pmo-notification-kind'] === 'milestone-warning').map((mail) => mail.to[0]);
    expect(warned.filter((to) => to === 'governance@dorset.nhs.example')).toHaveLength(1);
    expect(new Set(warned).size).toBe(warned.length);
  });

  /** Online consultation rollout, through the API: two milestones, due tomorrow and the day after. */
  async function onlineConsultationRollout(): Promise<ProgrammeView> {
    const created = await engine.client
      .post('/programmes')
      .send({
        name: 'Online consultation rollout',
        leadEmail: 'lead@nhs.example',
        milestones: [
          { name: 'Supplier chosen', ownerEmail: 'a@nhs.example', dueAt: inSeconds(86_400) },
          { name: 'First practices live', ownerEmail: 'b@nhs.example', dueAt: inSeconds(2 * 86_400) },
        ],
      })
      .expect(201);
    return created.body as ProgrammeView;
  }

  it('changes the revision when a write commits after one with a larger event id', async () => {
    const programmeId = (await onlineConsultationRollout()).id;
    const programmes = engine.workerContext.get(ProgrammeRepository);
    const dataSource = engine.workerContext.get(DataSource);
    const [earlier, later] = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
    const event = `INSERT INTO programme_events (programme_id, type, payload, recorded_at) VALUES ($1, 'test-write', '{}', now())`;
    try {
      await earlier.startTransaction();
      await earlier.query(event, [programmeId]);
      await later.startTransaction();
      await later.query(event, [programmeId]);
      await later.commitTransaction();
      const seen = (await programmes.findHeads([programmeId]))[0].revision;
      await earlier.commitTransaction();
      expect((await programmes.findHeads([programmeId]))[0].revision).not.toBe(seen);
    } finally {
      await Promise.all([earlier.release(), later.release()]);
    }
  });

  it('refuses a malformed programme with 400 naming each field and its reason, and writes nothing', async () => {
    const before = await rowCounts();
    const response = await engine.client
      .post('/programmes')
      .send({
        name: '',
        leadEmail: 'not-an-email',
        milestones: [
          { name: 'Advert out', ownerEmail: 'a@nhs.example', dueAt: 'next Tuesday' },
          { name: 'advert out', ownerEmail: 'a@nhs.example', dueAt: inSeconds(60) },
        ],
        colour: 'red',
      })
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toEqual(
      expect.objectContaining({ type: 'urn:nhs-pmo:problem:validation-failed', status: 400, instance: '/programmes' }),
    );
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', reason: 'must not be empty' },
        { field: 'leadEmail', reason: 'must be an email address' },
        { field: 'milestones.0.dueAt', reason: expect.stringContaining('ISO 8601') },
        { field: '(body)', reason: expect.stringContaining('colour') },
      ]),
    );
    await engine.client
      .post('/programmes')
      .send({ name: 'One milestone only', leadEmail: 'lead@nhs.example', milestones: [{ name: 'a', ownerEmail: 'a@nhs.example', dueAt: inSeconds(60) }] })
      .expect(400)
      .expect((res) => expect(res.body.errors).toEqual([{ field: 'milestones', reason: 'a programme needs at least two milestones' }]));
    await engine.client
      .post('/programmes')
      .set('content-type', 'application/json')
      .send('{"name": ')
      .expect(400)
      .expect((res) => expect(res.body.errors).toEqual([{ field: '(body)', reason: 'is not valid JSON' }]));
    // Figures past what the database's columns hold are the sender's mistake, not a server error.
    const milestones = ['Advert out', 'Contract awarded'].map((name) => ({ name, ownerEmail: 'a@nhs.example', dueAt: inSeconds(60) }));
    await engine.client
      .post('/programmes')
      .send({
        name: 'Out of range',
        leadEmail: 'lead@nhs.example',
        milestones,
        // numeric(5, 2) would round both to 15.00, and red would no longer exceed amber.
        tolerances: { amberSlipWorkingDays: 5, redSlipWorkingDays: 2 ** 31, amberBelowPlanPercent: 14.999, redBelowPlanPercent: 15.001 },
        trajectories: [{ ref: 'T1', metric: 'practices-live', name: 'Practices live', unit: 'practices', basis: 'practices-count', plan: { '2030-01': 1e12 } }],
      })
      .expect(400)
      .expect((res) =>
        expect(res.body.errors).toEqual([
          { field: 'tolerances.redSlipWorkingDays', reason: 'must be at most 260 working days' },
          { field: 'tolerances.amberBelowPlanPercent', reason: 'must have at most two decimal places' },
          { field: 'tolerances.redBelowPlanPercent', reason: 'must have at most two decimal places' },
          { field: 'trajectories.0.plan.2030-01', reason: 'must be at most 999999999999' },
        ]),
      );
    expect(await rowCounts()).toEqual(before);
  });

  it('takes a plan at every bound its fields have: the database holds what the door lets in', async () => {
    const at = (most: number) => 'x'.repeat(most);
    const milestones = ['a', 'b'].map((name) => ({ name: name + at(PLAN_FIELDS.nameLength - 1), ownerEmail: 'a@nhs.example', dueAt: inSeconds(60), evidence: at(PLAN_FIELDS.evidenceLength) }));
    const created = await engine.client
      .post('/programmes')
      .send({
        name: at(PLAN_FIELDS.nameLength),
        leadEmail: 'lead@nhs.example',
        milestones,
        tolerances: { amberSlipWorkingDays: PLAN_FIELDS.mostSlipWorkingDays - 1, redSlipWorkingDays: PLAN_FIELDS.mostSlipWorkingDays, amberBelowPlanPercent: 99.98, redBelowPlanPercent: 99.99 },
        trajectories: [
          { ref: 'T1', metric: 'm'.repeat(80), name: at(PLAN_FIELDS.nameLength), unit: at(PLAN_FIELDS.unitLength), basis: 'wte', plan: { '2030-01': PLAN_FIELDS.mostTrajectoryValue } },
        ],
        raid: [{ ref: 'R1', type: 'issue', title: at(PLAN_FIELDS.raidTitleLength), description: at(PLAN_FIELDS.raidTextLength), mitigation: at(PLAN_FIELDS.raidTextLength) }],
        funding: [{ ref: 'F1', name: at(PLAN_FIELDS.nameLength), financialYear: '2030/31', budgetPence: Number.MAX_SAFE_INTEGER }],
      })
      .expect(201);
    const stored = (await engine.client.get(`/programmes/${(created.body as ProgrammeView).id}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect(stored.trajectories[0].plan).toEqual([{ month: '2030-01', plannedValue: PLAN_FIELDS.mostTrajectoryValue }]);
    expect(stored.tolerances).toEqual(expect.objectContaining({ redSlipWorkingDays: PLAN_FIELDS.mostSlipWorkingDays, redBelowPlanPercent: 99.99 }));
  });

  it('answers 404 for an unknown programme or milestone, 409 for a second completion and 422 for a future one, writing nothing', async () => {
    const programme = await onlineConsultationRollout();
    const milestone = programme.milestones[0];
    await engine.client.post(`/programmes/${programme.id}/milestones/${milestone.id}/complete`).send({}).expect(200);
    const before = await rowCounts();

    await engine.client.get('/programmes/3f1c2a56-2d7e-4c1b-9a57-0c7f6d1b2e90').expect(404).expect('content-type', /problem\+json/);
    await engine.client.get('/programmes/not-a-uuid').expect(404);
    await engine.client.post(`/programmes/${programme.id}/milestones/3f1c2a56-2d7e-4c1b-9a57-0c7f6d1b2e90/complete`).send({}).expect(404);
    await engine.client.post(`/programmes/3f1c2a56-2d7e-4c1b-9a57-0c7f6d1b2e90/milestones/${milestone.id}/complete`).send({}).expect(404);
    const again = await engine.client.post(`/programmes/${programme.id}/milestones/${milestone.id}/complete`).send({}).expect(409);
    await engine.client.post(`/programmes/${programme.id}/milestones/${milestone.id}/confirm`).send({}).expect(409);
    expect(again.body.detail).toMatch(/already complete/);
    const future = await engine.client
      .post(`/programmes/${programme.id}/milestones/${programme.milestones[1].id}/complete`)
      .send({ completedAt: inSeconds(3600) })
      .expect(422);
    expect(future.body.errors).toEqual([{ field: 'completedAt', reason: expect.stringMatching(/^is after now/) }]);
    await engine.client.get('/no-such-route').expect(404).expect('content-type', /problem\+json/);
    expect(await rowCounts()).toEqual(before);
    // The workflow's validator refused the bad completions before they were accepted: its history holds only the good one.
    const history = await temporal.client.workflow.getHandle(`programme-${programme.id}`).fetchHistory();
    const accepted = (history.events ?? []).filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(1);
    // A good confirmation goes through the same kind of update and turns the warning-window Amber Green.
    const confirmed = await engine.client.post(`/programmes/${programme.id}/milestones/${programme.milestones[1].id}/confirm`).send({}).expect(200);
    expect((confirmed.body as ProgrammeView).milestones[1].status).toBe('Green');
  });
});
