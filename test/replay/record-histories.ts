import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import { escalationWorkflowId, MONTH_END_TICK_WORKFLOW_TYPE, monthEndTickWorkflowId, monthEndWorkflowId, phaseRolloutWorkflowId, phaseStatusQuery, PROGRAMME_TASK_QUEUE, programmeWorkflowId } from '@pmo/contracts';
import { TestEngine } from '../support/engine';
import { waitUntil } from '../support/eventually';
import { startTimeSkippingTemporal } from '../support/temporal';
import { temporalCliPath } from '../support/tools';

/**
 * Records the histories that replay.int-spec.ts replays; not part of the suite. Run it when a workflow
 * type is added, on the stack of infra/test.sh:
 *   npx jest --selectProjects integration --testMatch '<rootDir>/test/replay/record-histories.ts'
 * Recorded histories are kept as they are, since they stand for workflows already running.
 */
describe('recording workflow histories', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startTimeSkippingTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
  });

  function writeHistory(workflowId: string, file: string): void {
    // The CLI writes the history in the JSON form historyFromJSON reads.
    const history = execFileSync(temporalCliPath(), ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', temporal.address]);
    writeFileSync(resolve(__dirname, 'histories', file), history);
  }

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  it('records a programme workflow: created, a milestone completed by update, one overdue, escalated and left open', async () => {
    // Recorded once; a history stands for runs already in production and is never recorded again.
    if (existsSync(resolve(__dirname, 'histories/programme-workflow.v2.json'))) return;
    const now = Date.now();
    const created = await engine.client
      .post('/programmes')
      .send({
        name: 'Recorded programme',
        leadEmail: 'lead@nhs.example',
        milestones: [
          { name: 'Completed in time', ownerEmail: 'a@nhs.example', dueAt: new Date(now + 2 * 86_400_000).toISOString() },
          { name: 'Left to slip', ownerEmail: 'b@nhs.example', dueAt: new Date(now + 20 * 86_400_000).toISOString() },
        ],
      })
      .expect(201);
    const programme = created.body as ProgrammeView;
    await engine.client.post(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/complete`).send({}).expect(200);
    await temporal.sleep(21 * 86_400_000);
    writeHistory(programmeWorkflowId(programme.id), 'programme-workflow.v2.json');
  });

  it('records a month-end cycle over the programmes running in its period', async () => {
    if (existsSync(resolve(__dirname, 'histories/month-end-workflow.v1.json'))) return;
    await engine.client
      .post('/programmes/from-template')
      .send({ templateId: 'dorset-extended-access-procurement', organisation: '11J', leadEmail: 'lead@nhs.example' })
      .expect(201);
    await engine.client.post('/month-ends/2018-01').expect(200);
    writeHistory(monthEndWorkflowId('2018-01'), 'month-end-workflow.v1.json');
  });

  it('records a month-end cycle that also makes the collated papers and the NHS England return', async () => {
    if (existsSync(resolve(__dirname, 'histories/month-end-workflow.v2.json'))) return;
    await engine.client
      .post('/programmes/from-template')
      .send({ templateId: 'clinical-pharmacists', organisation: '11J', leadEmail: 'lead@nhs.example' })
      .expect(201);
    await engine.client.post('/month-ends/2018-06').expect(200);
    writeHistory(monthEndWorkflowId('2018-06'), 'month-end-workflow.v2.json');
  });

  it('records a month-end tick on a run day: the cycle as a child, then the missing updates escalated', async () => {
    if (existsSync(resolve(__dirname, 'histories/month-end-tick-workflow.v1.json'))) return;
    await engine.client
      .post('/programmes/from-template')
      .send({ templateId: 'clinical-pharmacists', organisation: '11J', leadEmail: 'lead@nhs.example', startDate: '2026-06-01' })
      .expect(201);
    // The 5th working day after November 2026 ends, 07:00 London time; a plain client keeps the clock there.
    await temporal.sleep(Math.max(0, Date.parse('2026-12-07T07:00:00Z') - (await temporal.currentTimeMs())));
    const client = new Client({ connection: temporal.connection, namespace: temporal.namespace });
    await client.workflow.execute(MONTH_END_TICK_WORKFLOW_TYPE, { workflowId: monthEndTickWorkflowId('2026-12-07'), taskQueue: PROGRAMME_TASK_QUEUE, args: [] });
    writeHistory(monthEndTickWorkflowId('2026-12-07'), 'month-end-tick-workflow.v1.json');
  });

  it('records a month-end tick that also escalates programmes Red two months running', async () => {
    if (existsSync(resolve(__dirname, 'histories/month-end-tick-workflow.v2.json'))) return;
    await engine.client
      .post('/programmes/from-template')
      .send({ templateId: 'dorset-extended-access-procurement', organisation: '11J', leadEmail: 'lead@nhs.example', startDate: '2025-10-01' })
      .expect(201);
    // The 5th working day after December 2026 ends (1 January is a bank holiday), 07:00 London time.
    await temporal.sleep(Math.max(0, Date.parse('2027-01-08T07:00:00Z') - (await temporal.currentTimeMs())));
    const client = new Client({ connection: temporal.connection, namespace: temporal.namespace });
    await client.workflow.execute(MONTH_END_TICK_WORKFLOW_TYPE, { workflowId: monthEndTickWorkflowId('2027-01-08'), taskQueue: PROGRAMME_TASK_QUEUE, args: [] });
    writeHistory(monthEndTickWorkflowId('2027-01-08'), 'month-end-tick-workflow.v2.json');
  });

  it('records a month-end cycle and a run-day tick whose activities heartbeat', async () => {
    if (existsSync(resolve(__dirname, 'histories/month-end-tick-workflow.v3.json'))) return;
    await engine.client
      .post('/programmes/from-template')
      .send({ templateId: 'clinical-pharmacists', organisation: '11J', leadEmail: 'lead@nhs.example', startDate: '2026-10-01' })
      .expect(201);
    // The 5th working day after January 2027 ends, 07:00 London time.
    await temporal.sleep(Math.max(0, Date.parse('2027-02-05T07:00:00Z') - (await temporal.currentTimeMs())));
    const client = new Client({ connection: temporal.connection, namespace: temporal.namespace });
    await client.workflow.execute(MONTH_END_TICK_WORKFLOW_TYPE, { workflowId: monthEndTickWorkflowId('2027-02-05'), taskQueue: PROGRAMME_TASK_QUEUE, args: [] });
    writeHistory(monthEndWorkflowId('2027-01'), 'month-end-workflow.v3.json');
    writeHistory(monthEndTickWorkflowId('2027-02-05'), 'month-end-tick-workflow.v3.json');
  });

  it('records an escalation ladder: the programme starting it, two rungs climbed, acknowledged, the milestone completed', async () => {
    if (existsSync(resolve(__dirname, 'histories/escalation-workflow.v1.json'))) return;
    const now = await temporal.currentTimeMs();
    const created = await engine.client
      .post('/programmes')
      .send({
        name: 'Recorded ladder',
        leadEmail: 'lead@nhs.example',
        sroEmail: 'sro@nhs.example',
        milestones: [
          { name: 'Falls overdue', ownerEmail: 'owner@nhs.example', dueAt: new Date(now + 86_400_000).toISOString() },
          { name: 'Later', ownerEmail: 'owner@nhs.example', dueAt: new Date(now + 300 * 86_400_000).toISOString() },
        ],
      })
      .expect(201);
    const programme = created.body as ProgrammeView;
    const milestoneId = programme.milestones[0].id;
    await temporal.sleep(2 * 86_400_000);
    const state = (await engine.client.get(`/programmes/${programme.id}/milestones/${milestoneId}/escalation`).expect(200)).body as { rungs: { at: string }[] };
    await temporal.sleep(Date.parse(state.rungs[1].at) + 60_000 - (await temporal.currentTimeMs()));
    await engine.client.post(`/programmes/${programme.id}/milestones/${milestoneId}/escalation/acknowledge`).send({ by: 'lead@nhs.example' }).expect(200);
    await engine.client.post(`/programmes/${programme.id}/milestones/${milestoneId}/complete`).send({}).expect(200);
    await temporal.client.workflow.getHandle(escalationWorkflowId(programme.id, milestoneId)).result();
    writeHistory(escalationWorkflowId(programme.id, milestoneId), 'escalation-workflow.v1.json');
    writeHistory(programmeWorkflowId(programme.id), 'programme-workflow.v4.json');
  });

  it('records a late ladder: a programme brought in with a milestone long overdue tells only the rung reached', async () => {
    if (existsSync(resolve(__dirname, 'histories/escalation-workflow.v2.json'))) return;
    const now = await temporal.currentTimeMs();
    const created = await engine.client
      .post('/programmes')
      .send({
        name: 'Recorded late ladder',
        leadEmail: 'lead@nhs.example',
        sroEmail: 'sro@nhs.example',
        milestones: [
          { name: 'Long overdue', ownerEmail: 'owner@nhs.example', dueAt: new Date(now - 30 * 86_400_000).toISOString() },
          { name: 'Later', ownerEmail: 'owner@nhs.example', dueAt: new Date(now + 300 * 86_400_000).toISOString() },
        ],
      })
      .expect(201);
    const programme = created.body as ProgrammeView;
    const milestoneId = programme.milestones[0].id;
    await temporal.sleep(86_400_000);
    await temporal.client.workflow.getHandle(escalationWorkflowId(programme.id, milestoneId)).result();
    writeHistory(escalationWorkflowId(programme.id, milestoneId), 'escalation-workflow.v2.json');
  });

  it('records a programme warning its owners before their milestones fall due', async () => {
    if (existsSync(resolve(__dirname, 'histories/programme-workflow.v5.json'))) return;
    const now = await temporal.currentTimeMs();
    const created = await engine.client
      .post('/programmes')
      .send({
        name: 'Recorded warnings',
        leadEmail: 'lead@nhs.example',
        milestones: [
          { name: 'Due in two days', ownerEmail: 'owner@nhs.example', dueAt: new Date(now + 2 * 86_400_000).toISOString() },
          { name: 'Due in a month', ownerEmail: 'other@nhs.example', dueAt: new Date(now + 30 * 86_400_000).toISOString() },
        ],
      })
      .expect(201);
    const programme = created.body as ProgrammeView;
    await engine.client.post(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/complete`).send({}).expect(200);
    await temporal.sleep(30 * 86_400_000);
    writeHistory(programmeWorkflowId(programme.id), 'programme-workflow.v5.json');
  });

  it('records a phased rollout: the programme starting its phase children, one phase going live member by member', async () => {
    if (existsSync(resolve(__dirname, 'histories/phase-rollout-workflow.v1.json'))) return;
    const today = new Date(await temporal.currentTimeMs()).toISOString().slice(0, 10);
    const created = await engine.client
      .post('/programmes/from-template')
      .send({ templateId: 'dorset-pch-phased-rollout', organisation: '11J', leadEmail: 'lead@nhs.example', startDate: today })
      .expect(201);
    const programme = created.body as ProgrammeView;
    const plan = (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
    const phase = plan.phases[0];
    const child = temporal.client.workflow.getHandle(phaseRolloutWorkflowId(programme.id, phase.ref));
    await waitUntil(async () => (await child.query(phaseStatusQuery).catch(() => undefined)) !== undefined, 15_000, 'the phase rollout to start');
    for (const odsCode of phase.members) {
      await engine.client.post(`/programmes/${programme.id}/phases/${phase.ref}/go-lives`).send({ odsCode }).expect(204);
    }
    await child.result();
    writeHistory(phaseRolloutWorkflowId(programme.id, phase.ref), 'phase-rollout-workflow.v1.json');
    writeHistory(programmeWorkflowId(programme.id), 'programme-workflow.v3.json');
  });
});
