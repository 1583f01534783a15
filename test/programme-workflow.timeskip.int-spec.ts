import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Queue } from 'bullmq';
import type { ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import { ESCALATION_QUEUE, phaseRolloutWorkflowId, phaseStatusQuery } from '@pmo/contracts';
import type { ProgrammeActivities } from '@pmo/contracts';
import { createRedisConnection } from '@pmo/notifications';
import { TestEngine } from './support/engine';
import { eventually, waitUntil } from './support/eventually';
import { startTimeSkippingTemporal } from './support/temporal';

const DAY_MS = 86_400_000;

/**
 * The programme workflow on the Java time-skipping server: months pass in seconds of wall time,
 * while PostgreSQL, Redis, the notifier and the SMTP receiver stay real.
 */
describe('programme workflow with time skipping', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  /** Milestones whose first escalation attempt fails just after it enqueued the email. */
  const faultAfterEnqueue = new Set<string>();
  const escalationAttempts: { milestoneId: string; attempt: number }[] = [];

  const withFaultAfterEnqueue = (real: ProgrammeActivities): ProgrammeActivities => ({
    ...real,
    raiseEscalation: async (input) => {
      const { attempt } = Context.current().info;
      escalationAttempts.push({ milestoneId: input.milestoneId, attempt });
      await real.raiseEscalation(input);
      if (faultAfterEnqueue.has(input.milestoneId) && attempt === 1) throw new Error('injected fault: the worker lost the activity after enqueueing');
    },
  });

  beforeAll(async () => {
    temporal = await startTimeSkippingTemporal();
    engine = await TestEngine.start({ temporal, withApi: true, activities: withFaultAfterEnqueue });
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  /**
   * A programme whose first milestone is due `dueInMs` ahead and whose second is already complete.
   * Dates count from the server's clock, which earlier tests in this file have moved ahead.
   */
  async function createProgramme(name: string, dueInMs: number): Promise<ProgrammeView> {
    const now = Math.max(Date.now(), await temporal.currentTimeMs());
    const created = await engine.client
      .post('/programmes')
      .send({
        name,
        leadEmail: 'lead@dorset.nhs.example',
        milestones: [
          { name: 'Mobilisation start', ownerEmail: 'owner@dorset.nhs.example', dueAt: new Date(now + dueInMs).toISOString() },
          { name: 'Provider interviews', ownerEmail: 'owner@dorset.nhs.example', dueAt: new Date(now + 2 * DAY_MS).toISOString() },
        ],
      })
      .expect(201);
    const programme = created.body as ProgrammeView;
    await engine.client.post(`/programmes/${programme.id}/milestones/${programme.milestones[1].id}/complete`).send({}).expect(200);
    return programme;
  }

  it('turns a milestone due 90 days ahead Red and escalates it within seconds of wall time', async () => {
    const started = Date.now();
    const programme = await createProgramme('Extended access mobilisation', 90 * DAY_MS);
    const milestone = programme.milestones[0];

    // The server skips the 90 days: the workflow's timer fires as soon as nothing else is running.
    await temporal.sleep(91 * DAY_MS);
    const email = await engine.inbox.waitFor((mail) => mail.headers['x-pmo-milestone-id'] === milestone.id, 20_000);
    const wallSeconds = (Date.now() - started) / 1000;

    expect(email.subject).toBe("RED: milestone 'Mobilisation start' is overdue (Extended access mobilisation)");
    expect(wallSeconds).toBeLessThan(20);
    // The notifier records the send just after the receiver has the message.
    await eventually(async () => {
      const view = (await engine.client.get(`/programmes/${programme.id}`).expect(200)).body as ProgrammeView;
      expect(view.escalations).toEqual([expect.objectContaining({ milestoneId: milestone.id, rung: 1, status: 'sent', attempts: 1 })]);
    });
  });

  it('sends exactly one email when the escalation activity is retried after it enqueued', async () => {
    const programme = await createProgramme('Online consultation rollout', 10 * DAY_MS);
    const milestone = programme.milestones[0];
    faultAfterEnqueue.add(milestone.id);

    await temporal.sleep(11 * DAY_MS);
    await engine.inbox.waitFor((mail) => mail.headers['x-pmo-milestone-id'] === milestone.id, 20_000);
    // Give a duplicate, had one been queued, time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    expect(escalationAttempts.filter((entry) => entry.milestoneId === milestone.id).map((entry) => entry.attempt)).toEqual([1, 2]);
    expect(engine.inbox.emails.filter((mail) => mail.headers['x-pmo-milestone-id'] === milestone.id)).toHaveLength(1);
    let escalations: ProgrammeView['escalations'] = [];
    await eventually(async () => {
      escalations = ((await engine.client.get(`/programmes/${programme.id}`).expect(200)).body as ProgrammeView).escalations;
      expect(escalations).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    });
    const connection = createRedisConnection(engine.config.redis);
    const queue = new Queue(ESCALATION_QUEUE, { connection, prefix: engine.config.redis.queuePrefix });
    try {
      const jobs = await queue.getJobs(['completed', 'active', 'waiting', 'delayed', 'failed']);
      expect(jobs.filter((job) => job.data.escalationId === escalations[0].id)).toHaveLength(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});

describe('phased rollout with time skipping', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startTimeSkippingTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  it('tracks each member of a PCH phase to go-live in a child workflow, Red once the phase is overdue', async () => {
    const today = new Date(await temporal.currentTimeMs()).toISOString().slice(0, 10);
    const created = await engine.client
      .post('/programmes/from-template')
      .send({ templateId: 'dorset-pch-phased-rollout', organisation: '11J', leadEmail: 'pch.lead@dorset.nhs.example', startDate: today })
      .expect(201);
    const programme = created.body as ProgrammeView;
    const plan = (await engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;
    const phaseOne = plan.phases[0];
    const child = temporal.client.workflow.getHandle(phaseRolloutWorkflowId(programme.id, phaseOne.ref));
    // The programme's workflow starts the child after its first evaluation.
    await waitUntil(async () => (await child.query(phaseStatusQuery).catch(() => undefined)) !== undefined, 15_000, 'the phase rollout to start');

    // Two of three members go live; the phase's planned go-live passes with one still to go.
    for (const odsCode of phaseOne.members.slice(0, 2)) {
      await engine.client.post(`/programmes/${programme.id}/phases/${phaseOne.ref}/go-lives`).send({ odsCode, wentLiveOn: today }).expect(204);
    }
    await temporal.sleep(240 * DAY_MS);
    const overdue = await child.query(phaseStatusQuery);
    expect(overdue).toEqual(expect.objectContaining({ status: 'Red', live: 2, total: 3, overdueMembers: [phaseOne.members[2]] }));

    // Recorded late (the API's clock is not the test server's), the last member completes the phase.
    await engine.client.post(`/programmes/${programme.id}/phases/${phaseOne.ref}/go-lives`).send({ odsCode: phaseOne.members[2] }).expect(204);
    expect(await child.result()).toEqual(expect.objectContaining({ status: 'Live', live: 3, total: 3 }));

    await engine.client.post(`/programmes/${programme.id}/phases/${phaseOne.ref}/go-lives`).send({ odsCode: 'ZZZ999' }).expect(404);
  });
});
