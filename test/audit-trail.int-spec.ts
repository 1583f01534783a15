import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client } from 'pg';
import type { AuditEvent, ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import { TestEngine } from './support/engine';
import { startLocalTemporal } from './support/temporal';

const MANAGER = 'manager@dorset.nhs.example';

/** The audit trail on the real API and PostgreSQL: what it keeps of each change, and that nobody can change it. */
describe('audit trail', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let programme: ProgrammeView;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
    await engine.client.post('/access/grants').send({ email: MANAGER, role: 'programme_manager', organisation: '11J' }).expect(201);
    const manager = await engine.as(MANAGER);
    programme = (
      await manager
        .post('/programmes')
        .send({ name: 'Online consultation rollout', organisation: '11J', leadEmail: 'lead@dorset.nhs.example', milestones: [{ name: 'Supplier chosen', baselineDate: '2030-01-31' }, { name: 'Live in every practice', baselineDate: '2030-06-30' }] })
        .expect(201)
    ).body as ProgrammeView;
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  const trail = async () => (await engine.client.get(`/programmes/${programme.id}/audit`).expect(200)).body as AuditEvent[];

  it('keeps who changed what, when, with the request id, what was asked and the plan before and after', async () => {
    const manager = await engine.as(MANAGER);
    const completed = await manager
      .post(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/complete`)
      .set('x-request-id', 'req-complete-1')
      .send({ completedAt: '2026-01-15T10:00:00Z' })
      .expect(200);
    expect(completed.headers['x-request-id']).toBe('req-complete-1');
    await manager.put(`/programmes/${programme.id}/monthly-updates/2026-01`).send({ commentary: 'Supplier chosen.', authorEmail: MANAGER }).expect(204);
    // Refused changes change nothing and leave nothing.
    await (await engine.as('stranger@elsewhere.example')).put(`/programmes/${programme.id}/monthly-updates/2026-02`).send({ commentary: 'x', authorEmail: MANAGER }).expect(403);
    await manager.put(`/programmes/${programme.id}/monthly-updates/2026-02`).send({ commentary: '' }).expect(400);

    const events = await trail();
    expect(events.map((event) => [event.actor, event.via, event.action])).toEqual([
      [MANAGER, 'token', 'POST /programmes'],
      [MANAGER, 'token', 'POST /programmes/:programmeId/milestones/:milestoneId/complete'],
      [MANAGER, 'token', 'PUT /programmes/:programmeId/monthly-updates/:month'],
    ]);
    const [created, completion, update] = events;
    expect([created.before, (created.after as ProgrammePlanRecord).name]).toEqual([null, 'Online consultation rollout']);
    expect(completion).toEqual(expect.objectContaining({ requestId: 'req-complete-1', target: `/programmes/${programme.id}/milestones/${programme.milestones[0].id}/complete`, request: { completedAt: '2026-01-15T10:00:00Z' } }));
    expect((completion.before as ProgrammePlanRecord).milestones[0].completedAt).toBeNull();
    expect((completion.after as ProgrammePlanRecord).milestones[0].completedAt).toBe('2026-01-15T10:00:00.000Z');
    expect((update.before as ProgrammePlanRecord).monthlyUpdates).toEqual([]);
    expect((update.after as ProgrammePlanRecord).monthlyUpdates).toEqual([expect.objectContaining({ month: '2026-01', commentary: 'Supplier chosen.' })]);
    expect(Date.parse(update.at)).toBeGreaterThanOrEqual(Date.parse(completion.at));
    expect(update.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps an API key’s making without its secret', async () => {
    const created = (await engine.client.post('/access/api-keys').send({ name: 'Audit probe', role: 'viewer', organisation: '11J' }).expect(201)).body as { key: string };
    const client = new Client({ connectionString: engine.config.database.migrationUrl });
    await client.connect();
    try {
      const rows = (await client.query(`SELECT request, after::text AS after FROM audit_events WHERE action = 'POST /access/api-keys'`)).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0].request).toEqual({ name: 'Audit probe', role: 'viewer', organisation: '11J' });
      // The secret is all after the key id, and may itself hold underscores.
      expect(rows[0].after).not.toContain(created.key.split('_').slice(2).join('_'));
      expect(rows[0].after).toContain('"name": "Audit probe"');
    } finally {
      await client.end();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows from the application’s role, and from the owner’s too', async () => {
    const asApplication = new Client({ connectionString: engine.config.database.url });
    const asOwner = new Client({ connectionString: engine.config.database.migrationUrl });
    await Promise.all([asApplication.connect(), asOwner.connect()]);
    try {
      const failure = (sql: string, client: Client) => client.query(sql).then(() => null, (error: { code: string; message: string }) => ({ code: error.code, message: error.message }));
      for (const sql of [`UPDATE audit_events SET actor = 'someone.else@nhs.example'`, `DELETE FROM audit_events`, `TRUNCATE audit_events`]) {
        expect(await failure(sql, asApplication)).toEqual({ code: '42501', message: 'permission denied for table audit_events' });
        expect(await failure(sql, asOwner)).toEqual({ code: '42501', message: expect.stringMatching(/^audit_events is append-only: (UPDATE|DELETE|TRUNCATE) refused$/) });
      }
      // The application's role appends and reads, as the API does.
      expect((await asApplication.query(`SELECT count(*)::int AS events FROM audit_events`)).rows[0].events).toBeGreaterThan(0);
      expect((await trail()).length).toBe(3);
    } finally {
      await Promise.all([asApplication.end(), asOwner.end()]);
    }
  });
});
