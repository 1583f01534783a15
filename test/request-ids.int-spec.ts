import { defaultPayloadConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Queue } from 'bullmq';
import type { ProgrammeView } from '@pmo/application';
import { ESCALATION_QUEUE, escalationWorkflowId, programmeWorkflowId, REQUEST_ID_HEADER } from '@pmo/contracts';
import { createRedisConnection } from '@pmo/notifications';
import { TestEngine } from './support/engine';
import { startLocalTemporal } from './support/temporal';

const REQUEST_ID = 'trace-the-escalation-1';
const OWNER = 'owner.traced@dorset.nhs.example';

interface HistoryEvent {
  workflowExecutionStartedEventAttributes?: { header?: { fields?: Record<string, unknown> } | null } | null;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null; header?: { fields?: Record<string, unknown> } | null } | null;
}

const requestIdIn = (fields: Record<string, unknown> | undefined) =>
  fields?.[REQUEST_ID_HEADER] === undefined ? undefined : defaultPayloadConverter.fromPayload<string>(fields[REQUEST_ID_HEADER] as never);

/** A request's id travels from the API into the workflows it starts, their activities and children, and the jobs they enqueue. */
describe('request ids across the engine', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let programme: ProgrammeView;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    programme = (
      await engine.client
        .post('/programmes')
        .set('x-request-id', REQUEST_ID)
        .send({
          name: 'Traced programme',
          leadEmail: 'lead.traced@dorset.nhs.example',
          milestones: [
            { name: 'Falls due', ownerEmail: OWNER, dueAt: new Date(Date.now() + 3_000).toISOString() },
            { name: 'Later', ownerEmail: OWNER, baselineDate: '2030-01-31' },
          ],
        })
        .expect(201)
    ).body as ProgrammeView;
    await engine.inbox.waitFor((email) => email.to.includes(OWNER) && email.headers['x-pmo-escalation-id'] !== undefined, 60_000);
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  const historyOf = async (workflowId: string) => ((await temporal.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []) as HistoryEvent[];

  it('starts the programme workflow, its activities and its escalation ladder with the request’s id', async () => {
    const programmeHistory = await historyOf(programmeWorkflowId(programme.id));
    expect(requestIdIn(programmeHistory[0].workflowExecutionStartedEventAttributes?.header?.fields)).toBe(REQUEST_ID);
    const activities = programmeHistory.flatMap((event) => (event.activityTaskScheduledEventAttributes ? [event.activityTaskScheduledEventAttributes] : []));
    expect(activities.length).toBeGreaterThan(0);
    expect(activities.map((activity) => requestIdIn(activity.header?.fields))).toEqual(activities.map(() => REQUEST_ID));

    const ladder = await historyOf(escalationWorkflowId(programme.id, programme.milestones[0].id));
    expect(requestIdIn(ladder[0].workflowExecutionStartedEventAttributes?.header?.fields)).toBe(REQUEST_ID);
    const raised = ladder.find((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'raiseEscalation');
    expect(requestIdIn(raised?.activityTaskScheduledEventAttributes?.header?.fields)).toBe(REQUEST_ID);
  });

  it('puts the request’s id on the escalation email’s job', async () => {
    const connection = createRedisConnection(engine.config.redis);
    const queue = new Queue(ESCALATION_QUEUE, { connection, prefix: engine.config.redis.queuePrefix });
    try {
      const jobs = await queue.getJobs(['completed']);
      expect(jobs.length).toBeGreaterThan(0);
      expect(jobs.map((job) => job.data.requestId)).toEqual(jobs.map(() => REQUEST_ID));
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
