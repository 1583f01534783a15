import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Response } from 'supertest';
import request from 'supertest';
import { parse } from 'yaml';
import type { ProgrammePlanRecord, ProgrammeView, StoredReport } from '@pmo/application';
import { addMonths, londonDay } from '@pmo/domain';
import { TemporalMonthEndSchedule } from '@pmo/orchestration';
import { binary } from './support/binary';
import { TestEngine } from './support/engine';
import { eventually } from './support/eventually';
import { startLocalTemporal } from './support/temporal';

type Who = 'viewer' | 'manager' | 'lead' | 'dorsetPmo' | 'pmo' | 'assessor' | 'admin';

/** One operation of the OpenAPI document, with a request that the right role makes succeed. */
interface Walk {
  method: 'get' | 'post' | 'put' | 'delete';
  /** As the OpenAPI document names it. */
  path: string;
  url: () => string;
  /** The least role that may do it, at Dorset CCG (11J) or at every organisation. */
  as: Who;
  send?: () => unknown;
  /** Files uploaded as multipart/form-data: each form field with the path of its file. */
  attach?: [string, string][];
  contentType?: string;
  /** Reference data and rehearsals hold no organisation's records: anyone signed in may use them. */
  shared?: true;
}

const PEOPLE: Record<Exclude<Who, 'admin'>, { email: string; role: string; organisation: string }> = {
  viewer: { email: 'viewer@dorset.nhs.example', role: 'viewer', organisation: '11J' },
  manager: { email: 'manager@dorset.nhs.example', role: 'programme_manager', organisation: '11J' },
  lead: { email: 'lead@dorset.nhs.example', role: 'lead', organisation: '11J' },
  dorsetPmo: { email: 'pmo@dorset.nhs.example', role: 'pmo', organisation: '11J' },
  pmo: { email: 'pmo@icb.nhs.example', role: 'pmo', organisation: '*' },
  assessor: { email: 'assessor@england.nhs.example', role: 'nhse_assessor', organisation: '*' },
};
/** An admin, but of South Norfolk CCG: Dorset's records are not theirs. */
const OUTSIDER = { email: 'admin@norfolk.nhs.example', role: 'admin', organisation: '06Y' };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const example = (name: string) => resolve(__dirname, '../docs/examples/organisations', name);


/**
 * Access control walks every route of the OpenAPI document: without credentials 401; as an admin of
 * another organisation 403 or 404 (reference data aside); as the least role that may, 2xx. On the
 * real API, worker, PostgreSQL, Redis and Temporal.
 */
describe('access control on every route', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  const agents = {} as Record<Who | 'outsider', ReturnType<TestEngine['withApiKey']>>;
  let programme: ProgrammeView;
  let plan: ProgrammePlanRecord;
  const period = addMonths(londonDay(new Date()).slice(0, 7), -1);
  const state: { workbook?: Buffer; sheet?: string; report?: StoredReport; grantId?: string; keyId?: string; importId?: string } = {};

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
    // As a worker does at boot, which this engine's in-process worker does not.
    await new TemporalMonthEndSchedule(temporal.client, engine.config.monthEnd).ensure();
    agents.admin = engine.client;
    for (const [who, person] of [...Object.entries(PEOPLE), ['outsider', OUTSIDER]] as [Who | 'outsider', typeof OUTSIDER][]) {
      await engine.client.post('/access/grants').send(person).expect(201);
      agents[who] = await engine.as(person.email);
    }
    const soon = new Date(Date.now() + 3_000).toISOString();
    const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    programme = (
      await engine.client
        .post('/programmes')
        .send({
          name: 'Extended access, Dorset',
          organisation: '11J',
          leadEmail: PEOPLE.lead.email,
          startDate: `${period}-01`,
          phases: [{ ref: 'P1', name: 'Phase 1', members: ['SJ8001', 'SJ8002'] }],
          milestones: [
            { name: 'Falls due to be acknowledged', dueAt: soon },
            { name: 'Falls due to be snoozed', dueAt: soon },
            { name: 'Confirmed by its owner', baselineDate: later(3) },
            { name: 'Completed early', baselineDate: later(60) },
            { name: 'Rebaselined', baselineDate: later(90), phase: 'P1' },
          ],
          trajectories: [{ ref: 'T01', metric: 'extended-access-population-coverage', name: 'Population covered', unit: 'percent', basis: 'practices-percent', plan: { [period]: 50 } }],
          raid: [{ ref: 'R01', type: 'risk', title: 'Too few clinicians for the evening rota', likelihood: 3, impact: 4 }],
          funding: [{ ref: 'F01', name: 'Extended access', financialYear: '2026/27', budgetPence: 100_000_00, spendPence: 0 }],
        })
        .expect(201)
    ).body as ProgrammeView;
    plan = (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
    // The first two milestones fall overdue and start climbing their ladders.
    await eventually(async () => {
      for (const milestone of programme.milestones.slice(0, 2)) {
        const ladder = await engine.client.get(`/programmes/${programme.id}/milestones/${milestone.id}/escalation`).expect(200);
        expect(ladder.body.state).toBe('climbing');
      }
    }, 60_000);
  }, 180_000);

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  const id = () => programme.id;
  const milestone = (index: number) => programme.milestones[index];
  const WALK: Walk[] = [
    { method: 'get', path: '/templates', url: () => '/templates', as: 'viewer', shared: true },
    { method: 'get', path: '/templates/{templateId}', url: () => '/templates/dorset-extended-access-procurement', as: 'viewer', shared: true },
    { method: 'get', path: '/organisations/{odsCode}', url: () => '/organisations/11J', as: 'viewer', shared: true },
    {
      method: 'post',
      path: '/rehearsals',
      url: () => '/rehearsals',
      as: 'viewer',
      shared: true,
      send: () => parse(readFileSync(resolve(__dirname, 'rehearsals/dorset-pch-phased-rollout.rehearsal.yaml'), 'utf8')),
    },
    {
      method: 'post',
      path: '/programmes',
      url: () => '/programmes',
      as: 'manager',
      send: () => ({ name: 'Online consultation', organisation: '11J', leadEmail: PEOPLE.lead.email, milestones: [{ name: 'One', baselineDate: '2030-01-31' }, { name: 'Two', baselineDate: '2030-02-28' }] }),
    },
    { method: 'post', path: '/programmes/from-template', url: () => '/programmes/from-template', as: 'manager', send: () => ({ templateId: 'dorset-pch-phased-rollout', organisation: '11J', leadEmail: PEOPLE.lead.email, startDate: '2030-01-07' }) },
    // The portfolio answers everyone who may read programmes, with only their own organisations' (below).
    { method: 'get', path: '/programmes', url: () => '/programmes', as: 'viewer', shared: true },
    { method: 'get', path: '/programmes/{programmeId}', url: () => `/programmes/${id()}`, as: 'viewer' },
    { method: 'get', path: '/programmes/{programmeId}/plan', url: () => `/programmes/${id()}/plan`, as: 'viewer' },
    { method: 'get', path: '/programmes/{programmeId}/audit', url: () => `/programmes/${id()}/audit`, as: 'viewer' },
    { method: 'post', path: '/programmes/{programmeId}/milestones/{milestoneId}/confirm', url: () => `/programmes/${id()}/milestones/${milestone(2).id}/confirm`, as: 'lead', send: () => ({}) },
    {
      method: 'put',
      path: '/programmes/{programmeId}/delivery-confidence-override',
      url: () => `/programmes/${id()}/delivery-confidence-override`,
      as: 'dorsetPmo',
      send: () => ({ confidence: 'Amber', reason: 'Providers are few', setBy: PEOPLE.dorsetPmo.email, expiresOn: '2030-01-31' }),
    },
    { method: 'post', path: '/programmes/{programmeId}/close', url: () => `/programmes/${id()}/close`, as: 'manager', send: () => ({ as: 'stopped', reason: 'Walked by the access test' }) },
    { method: 'post', path: '/programmes/{programmeId}/archive', url: () => `/programmes/${id()}/archive`, as: 'dorsetPmo', send: () => ({ reason: 'Walked by the access test' }) },
    { method: 'post', path: '/programmes/{programmeId}/reopen', url: () => `/programmes/${id()}/reopen`, as: 'manager', send: () => ({ reason: 'Walked by the access test' }) },
    { method: 'put', path: '/programmes/{programmeId}/end-date', url: () => `/programmes/${id()}/end-date`, as: 'manager', send: () => ({ endDate: '2031-03-31', reason: 'Phase 2 added' }) },
    { method: 'delete', path: '/programmes/{programmeId}/delivery-confidence-override', url: () => `/programmes/${id()}/delivery-confidence-override`, as: 'dorsetPmo' },
    { method: 'post', path: '/programmes/{programmeId}/phases/{phaseRef}/go-lives', url: () => `/programmes/${id()}/phases/P1/go-lives`, as: 'manager', send: () => ({ odsCode: 'SJ8001' }) },
    {
      method: 'put',
      path: '/programmes/{programmeId}/monthly-updates/{month}',
      url: () => `/programmes/${id()}/monthly-updates/${period}`,
      as: 'manager',
      send: () => ({ commentary: 'On track.', authorEmail: PEOPLE.manager.email }),
    },
    { method: 'put', path: '/programmes/{programmeId}/funding/{fundingRef}/spend', url: () => `/programmes/${id()}/funding/F01/spend`, as: 'manager', send: () => ({ spendPence: 1_000_00 }) },
    {
      method: 'put',
      path: '/programmes/{programmeId}/details',
      url: () => `/programmes/${id()}/details`,
      as: 'manager',
      send: () => ({ leadEmail: PEOPLE.lead.email, managerEmail: PEOPLE.manager.email, sroEmail: null, tolerances: { amberSlipWorkingDays: 5, redSlipWorkingDays: 15, amberBelowPlanPercent: 5, redBelowPlanPercent: 15 }, warningWorkingDays: 5, rollUp: 'worst-of' }),
    },
    { method: 'post', path: '/programmes/{programmeId}/milestones', url: () => `/programmes/${id()}/milestones`, as: 'manager', send: () => ({ name: 'Added by the walk', baselineDate: new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10) }) },
    { method: 'put', path: '/programmes/{programmeId}/milestones/{milestoneRef}', url: () => `/programmes/${id()}/milestones/M05`, as: 'manager', send: () => ({ name: 'Rebaselined', phase: 'P1', evidence: 'Board minute' }) },
    { method: 'post', path: '/programmes/{programmeId}/funding', url: () => `/programmes/${id()}/funding`, as: 'manager', send: () => ({ name: 'Match funding', financialYear: '2026/27', budgetPence: 50_000_00 }) },
    { method: 'post', path: '/programmes/{programmeId}/raid', url: () => `/programmes/${id()}/raid`, as: 'manager', send: () => ({ type: 'issue', title: 'The hub’s lease is late', impact: 3 }) },
    {
      method: 'put',
      path: '/programmes/{programmeId}/raid/{raidRef}',
      url: () => `/programmes/${id()}/raid/R01`,
      as: 'manager',
      send: () => ({ type: 'risk', title: 'Too few clinicians for the evening rota', likelihood: 2, impact: 4, status: 'closed' }),
    },
    {
      method: 'post',
      path: '/programmes/{programmeId}/milestones/{milestoneRef}/rebaseline',
      url: () => `/programmes/${id()}/milestones/${plan.milestones[4].ref}/rebaseline`,
      as: 'manager',
      send: () => ({ baselineDate: '2030-06-30', reason: 'Procurement took longer', approvedBy: PEOPLE.dorsetPmo.email }),
    },
    {
      method: 'post',
      path: '/programmes/{programmeId}/milestones/{milestoneRef}/forecast',
      url: () => `/programmes/${id()}/milestones/${plan.milestones[4].ref}/forecast`,
      as: 'manager',
      send: () => ({ forecastDate: '2030-07-31', reason: 'The estates work starts late' }),
    },
    {
      method: 'put',
      path: '/programmes/{programmeId}/trajectories/{trajectoryRef}/actuals/{month}',
      url: () => `/programmes/${id()}/trajectories/T01/actuals/${period}`,
      as: 'manager',
      send: () => ({ actuals: [{ odsCode: 'SJ8001', value: 1 }] }),
    },
    { method: 'get', path: '/programmes/{programmeId}/trajectories/{trajectoryRef}', url: () => `/programmes/${id()}/trajectories/T01`, as: 'viewer' },
    { method: 'get', path: '/programmes/{programmeId}/workbook', url: () => `/programmes/${id()}/workbook`, as: 'viewer' },
    { method: 'post', path: '/programmes/{programmeId}/workbook', url: () => `/programmes/${id()}/workbook`, as: 'manager', contentType: XLSX, send: () => state.workbook },
    { method: 'get', path: '/programmes/{programmeId}/sheets/{sheet}', url: () => `/programmes/${id()}/sheets/raid`, as: 'viewer' },
    { method: 'post', path: '/programmes/{programmeId}/sheets/{sheet}', url: () => `/programmes/${id()}/sheets/raid`, as: 'manager', contentType: 'text/csv', send: () => state.sheet },
    { method: 'post', path: '/programmes/{programmeId}/milestones/{milestoneId}/complete', url: () => `/programmes/${id()}/milestones/${milestone(3).id}/complete`, as: 'manager', send: () => ({}) },
    { method: 'get', path: '/programmes/{programmeId}/escalation-ladder', url: () => `/programmes/${id()}/escalation-ladder`, as: 'viewer' },
    {
      method: 'put',
      path: '/programmes/{programmeId}/escalation-ladder',
      url: () => `/programmes/${id()}/escalation-ladder`,
      as: 'dorsetPmo',
      send: () => ({ rungs: [{ afterWorkingDays: 0, to: ['owner'] }, { afterWorkingDays: 5, to: ['lead', 'sro'] }], setBy: PEOPLE.dorsetPmo.email }),
    },
    { method: 'get', path: '/programmes/{programmeId}/milestones/{milestoneId}/escalation', url: () => `/programmes/${id()}/milestones/${milestone(0).id}/escalation`, as: 'viewer' },
    {
      method: 'post',
      path: '/programmes/{programmeId}/milestones/{milestoneId}/escalation/acknowledge',
      url: () => `/programmes/${id()}/milestones/${milestone(0).id}/escalation/acknowledge`,
      as: 'lead',
      send: () => ({ by: PEOPLE.lead.email }),
    },
    {
      method: 'post',
      path: '/programmes/{programmeId}/milestones/{milestoneId}/escalation/snooze',
      url: () => `/programmes/${id()}/milestones/${milestone(1).id}/escalation/snooze`,
      as: 'lead',
      send: () => ({ by: PEOPLE.lead.email, reason: 'Waiting for the Governing Body', until: londonDay(new Date(Date.now() + 7 * 86_400_000)) }),
    },
    { method: 'get', path: '/programmes/{programmeId}/highlight-reports/{month}', url: () => `/programmes/${id()}/highlight-reports/${period}`, as: 'viewer' },
    { method: 'get', path: '/programmes/{programmeId}/highlight-reports/{month}/markdown', url: () => `/programmes/${id()}/highlight-reports/${period}/markdown`, as: 'viewer' },
    { method: 'get', path: '/programmes/{programmeId}/highlight-reports/{month}/pdf', url: () => `/programmes/${id()}/highlight-reports/${period}/pdf`, as: 'viewer' },
    { method: 'put', path: '/contacts/{email}/preference', url: () => `/contacts/${PEOPLE.lead.email}/preference`, as: 'pmo', send: () => ({ channel: 'email', dailyDigest: true }) },
    { method: 'get', path: '/contacts/{email}/preference', url: () => `/contacts/${PEOPLE.lead.email}/preference`, as: 'pmo' },
    { method: 'get', path: '/delivery-log', url: () => `/delivery-log?recipient=${PEOPLE.lead.email}`, as: 'pmo' },
    { method: 'post', path: '/month-ends/{period}', url: () => `/month-ends/${period}`, as: 'pmo', send: () => ({}) },
    { method: 'get', path: '/reports', url: () => `/reports?programmeId=${id()}`, as: 'viewer' },
    { method: 'get', path: '/reports/{reportId}', url: () => `/reports/${state.report?.id}`, as: 'viewer' },
    { method: 'get', path: '/reports/{reportId}/pdf', url: () => `/reports/${state.report?.id}/pdf`, as: 'viewer' },
    { method: 'get', path: '/returns/{period}', url: () => `/returns/${period}`, as: 'assessor' },
    { method: 'get', path: '/returns/{period}/versions/{version}/{format}', url: () => `/returns/${period}/versions/1/csv`, as: 'assessor' },
    { method: 'post', path: '/returns/{period}/versions/{version}/sign-off', url: () => `/returns/${period}/versions/1/sign-off`, as: 'pmo', send: () => ({ step: 'review', by: PEOPLE.pmo.email }) },
    { method: 'post', path: '/returns/{period}/corrections', url: () => `/returns/${period}/corrections`, as: 'pmo', send: () => ({ reason: 'A late actual for SJ8002' }) },
    { method: 'get', path: '/month-end-schedule', url: () => '/month-end-schedule', as: 'pmo' },
    { method: 'post', path: '/month-end-schedule/pause', url: () => '/month-end-schedule/pause', as: 'pmo', send: () => ({ note: 'Bank holiday cover' }) },
    { method: 'post', path: '/month-end-schedule/resume', url: () => '/month-end-schedule/resume', as: 'pmo', send: () => ({ note: 'Back' }) },
    { method: 'post', path: '/month-end-schedule/trigger', url: () => '/month-end-schedule/trigger', as: 'pmo', send: () => ({}) },
    { method: 'get', path: '/access/grants', url: () => '/access/grants', as: 'admin' },
    { method: 'post', path: '/access/grants', url: () => '/access/grants', as: 'admin', send: () => ({ email: 'new.viewer@dorset.nhs.example', role: 'viewer', organisation: '11JCE' }) },
    { method: 'delete', path: '/access/grants/{grantId}', url: () => `/access/grants/${state.grantId}`, as: 'admin' },
    { method: 'get', path: '/access/api-keys', url: () => '/access/api-keys', as: 'admin' },
    { method: 'post', path: '/access/api-keys', url: () => '/access/api-keys', as: 'admin', send: () => ({ name: 'Warehouse export', role: 'viewer', organisation: '11J' }) },
    { method: 'delete', path: '/access/api-keys/{keyId}', url: () => `/access/api-keys/${state.keyId}`, as: 'admin' },
    { method: 'post', path: '/organisation-imports', url: () => '/organisation-imports', as: 'admin', attach: [['practices', example('epraccur.csv')], ['commissioners', example('eccg.csv')]] },
    { method: 'get', path: '/organisation-imports/{importId}', url: () => `/organisation-imports/${state.importId}`, as: 'admin' },
    { method: 'post', path: '/organisation-imports/{importId}/confirm', url: () => `/organisation-imports/${state.importId}/confirm`, as: 'admin' },
  ];
  const PUBLIC = ['get /health', 'get /health/ready', 'get /escalations/acknowledge', 'get /reports/assets/nhsuk-frontend.min.css'];

  it('walks every operation of the OpenAPI document, and only those', async () => {
    const document = (await request(engine.http).get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect([...WALK.map((walk) => `${walk.method} ${walk.path}`), ...PUBLIC].sort()).toEqual(operations.sort());
  });

  it('answers the public routes without credentials, and says which need none', async () => {
    await request(engine.http).get('/health').expect(200);
    await request(engine.http).get('/health/ready').expect(200);
    await request(engine.http).get('/reports/assets/nhsuk-frontend.min.css').expect(200);
    // The signed link carries its own credentials; a forged one is refused for what it is, not for want of a sign-in.
    await request(engine.http).get('/escalations/acknowledge?token=forged').expect(422);
  });

  const call = (agent: ReturnType<TestEngine['withApiKey']> | request.Agent, walk: Walk): Promise<Response> => {
    const test = (agent as ReturnType<TestEngine['withApiKey']>)[walk.method](walk.url());
    if (walk.contentType !== undefined) test.set('content-type', walk.contentType);
    for (const [field, path] of walk.attach ?? []) void test.attach(field, path);
    const body = walk.send?.();
    const sent = body === undefined ? test : test.send(body as object);
    return walk.method === 'get' && (walk.path.endsWith('/workbook') || walk.path.endsWith('/pdf')) ? binary(sent) : sent;
  };

  it.each(WALK.map((walk) => [`${walk.method.toUpperCase()} ${walk.path}`, walk] as const))('%s: 401 without credentials, refused to another organisation, 2xx for its role', async (_, walk) => {
    const anonymous = await call(request.agent(engine.http), walk);
    expect([anonymous.status, anonymous.headers['content-type']]).toEqual([401, expect.stringMatching(/application\/problem\+json/)]);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');

    const outsider = await call(agents.outsider, walk);
    if (walk.shared) expect(outsider.status).toBeLessThan(300);
    else expect([403, 404]).toContain(outsider.status);

    const allowed = await call(agents[walk.as], walk);
    // The problem, not just its status, when a role is refused what it should be given.
    expect(allowed.status < 300 ? allowed.status : allowed.body).toBeGreaterThanOrEqual(200);

    if (walk.path === '/programmes/{programmeId}/workbook' && walk.method === 'get') state.workbook = allowed.body as Buffer;
    if (walk.path === '/programmes/{programmeId}/sheets/{sheet}' && walk.method === 'get') state.sheet = allowed.text;
    if (walk.path === '/month-ends/{period}') state.report = ((await engine.client.get(`/reports?programmeId=${id()}&kind=highlight-report`).expect(200)).body as StoredReport[]).find((report) => report.format === 'html');
    if (walk.path === '/access/grants' && walk.method === 'post') state.grantId = allowed.body.id;
    if (walk.path === '/access/api-keys' && walk.method === 'post') state.keyId = allowed.body.id;
    if (walk.path === '/organisation-imports') state.importId = allowed.body.id;
  });

  it('refuses a role what it may not do, even at its own organisation', async () => {
    await agents.viewer.post(`/programmes/${programme.id}/milestones/${milestone(4).id}/complete`).send({}).expect(403);
    await agents.assessor.get(`/programmes/${programme.id}`).expect(403);
    await agents.manager.put(`/programmes/${programme.id}/escalation-ladder`).send({ rungs: null, setBy: PEOPLE.manager.email }).expect(403);
    await agents.dorsetPmo.post(`/month-ends/${period}`).send({}).expect(403);
    const refused = await agents.lead.get('/access/grants').expect(403);
    expect(refused.body).toEqual(expect.objectContaining({ type: 'urn:nhs-pmo:problem:forbidden', detail: `${PEOPLE.lead.email} may not manage access` }));
  });

  it('lists each person the programmes of their own organisations, filtered as asked', async () => {
    const names = async (agent: ReturnType<TestEngine['withApiKey']>, query = '') =>
      ((await agent.get(`/programmes${query}`).expect(200)).body as { id: string; organisation: { odsCode: string } | null }[]).map((entry) => entry.id);
    expect(await names(agents.viewer)).toContain(programme.id);
    expect(await names(agents.outsider)).toEqual([]);
    expect(await names(agents.viewer, '?organisation=11J&gpfvArea=improving-access')).toEqual([]);
    expect(await names(agents.pmo, '?organisation=11J')).toContain(programme.id);
    const refused = await agents.viewer.get('/programmes?status=Purple').expect(400);
    expect(refused.body.errors).toEqual([{ field: 'status', reason: 'must be one of Red, Amber, Green' }]);
    await agents.assessor.get('/programmes').expect(403);
  });

  it('lets people see and set their own channel, and nobody else’s', async () => {
    await agents.viewer.put(`/contacts/${PEOPLE.viewer.email}/preference`).send({ channel: 'email' }).expect(200);
    await agents.viewer.get(`/contacts/${PEOPLE.viewer.email.toUpperCase()}/preference`).expect(200);
    await agents.viewer.get(`/contacts/${PEOPLE.lead.email}/preference`).expect(403);
  });

  it('takes an API key for its role and organisation until it is revoked, and refuses a forged or expired credential', async () => {
    const created = (await engine.client.post('/access/api-keys').send({ name: 'Dorset dashboard', role: 'viewer', organisation: '11J' }).expect(201)).body as { id: string; key: string };
    await engine.client.post('/access/api-keys').send({ name: 'Dorset dashboard', role: 'pmo', organisation: '*' }).expect(409);
    await engine.client.post('/access/grants').send(PEOPLE.viewer).expect(409);
    await engine.client.post('/access/grants').send({ ...PEOPLE.viewer, organisation: 'NOWHERE' }).expect(422);
    expect(JSON.stringify((await engine.client.get('/access/api-keys').expect(200)).body)).not.toContain(created.key.split('_').slice(2).join('_'));
    const automation = engine.withApiKey(created.key);
    await automation.get(`/programmes/${programme.id}`).expect(200);
    await automation.post(`/programmes/${programme.id}/milestones/${milestone(4).id}/complete`).send({}).expect(403);
    await engine.withApiKey(`${created.key.slice(0, -1)}x`).get(`/programmes/${programme.id}`).expect(401);
    await engine.client.delete(`/access/api-keys/${created.id}`).expect(204);
    await automation.get(`/programmes/${programme.id}`).expect(401);

    await request(engine.http).get('/templates').set('authorization', 'Bearer not-a-token').expect(401);
    const stranger = await engine.as('stranger@nowhere.example');
    await stranger.get('/templates').expect(403);
  });
});
