import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { DeliveryLog, NotificationQueue, NotificationRepository } from '@pmo/application';
import { messageIdOf } from '@pmo/notifications';
import { TestEngine } from './support/engine';
import { waitUntil } from './support/eventually';
import { OwnRedis } from './support/own-redis';
import { startLocalTemporal } from './support/temporal';

const NOTIFIER_MAIN = resolve(__dirname, '../dist/apps/notifier/src/main.js');
const BATCH = 500;
const RECIPIENTS = 25;

/**
 * Never lost, never twice, under faults: the notifier app killed with SIGKILL in the middle of a batch of
 * 500 messages and started again; Redis restarted in the middle of another. Counted at the SMTP receiver by
 * Message-ID, which is the delivery's own, so a message sent again after a crash is recognisably the same one.
 */
describe('delivery under faults', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let redis: OwnRedis;
  let notifier: ChildProcess | undefined;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withoutNotifier: true, environment: { PMO_REDIS_URL: redis.url } });
  });

  afterAll(async () => {
    notifier?.kill('SIGKILL');
    await engine?.stop();
    await temporal?.teardown();
    await redis?.down();
  });

  function startNotifier(): ChildProcess {
    const child = spawn(process.execPath, [NOTIFIER_MAIN], { env: { ...engine.appEnvironment(), PMO_REDIS_URL: redis.url }, stdio: 'ignore' });
    notifier = child;
    return child;
  }

  async function killNotifier(child: ChildProcess): Promise<void> {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  /** A batch of month-end notifications, recorded and queued as the cycle's duties do. */
  async function raise(batch: string): Promise<string[]> {
    const notifications = engine.workerContext.get(NotificationRepository);
    const queue = engine.workerContext.get(NotificationQueue);
    const keys = Array.from({ length: BATCH }, (_, index) => `${batch}-${index}`);
    for (let start = 0; start < keys.length; start += 50) {
      await Promise.all(
        keys.slice(start, start + 50).map(async (key, offset) => {
          const recipient = `person${(start + offset) % RECIPIENTS}@dorset.nhs.example`;
          const { id } = await notifications.recordOnce({ dedupeKey: key, kind: 'update-reminder', period: '2026-10', programmeId: null, recipient, subject: `Reminder ${key}`, body: 'Please.' }, new Date());
          await queue.enqueueEmail(key, id);
        }),
      );
    }
    return keys;
  }

  const caught = (batch: string) => engine.inbox.emails.filter((email) => email.subject.startsWith(`Reminder ${batch}-`));

  /** Every message reached its recipient: one distinct Message-ID per delivery, and the log holds one `sent` each. */
  async function expectEachOnce(batch: string, keys: string[]): Promise<{ received: number; distinct: number }> {
    const emails = caught(batch);
    const distinct = new Map(emails.map((email) => [email.headers['message-id'], email]));
    expect(distinct.size).toBe(keys.length);
    for (const key of keys) {
      const email = distinct.get(messageIdOf(`notification.${key}`));
      expect(email?.to).toEqual([`person${Number(key.split('-').pop()) % RECIPIENTS}@dorset.nhs.example`]);
    }
    const dataSource = await new DataSource({ type: 'postgres', url: engine.config.database.url }).initialize();
    try {
      const [{ sent, pending }] = (await dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status <> 'sent')::int AS pending FROM notifications WHERE dedupe_key LIKE $1`,
        [`${batch}-%`],
      )) as { sent: number; pending: number }[];
      expect({ sent, pending }).toEqual({ sent: keys.length, pending: 0 });
      const [{ logged }] = (await dataSource.query(`SELECT count(*)::int AS logged FROM delivery_attempts WHERE outcome = 'sent' AND delivery_key LIKE $1`, [`notification.${batch}-%`])) as {
        logged: number;
      }[];
      expect(logged).toBe(keys.length);
    } finally {
      await dataSource.destroy();
    }
    return { received: emails.length, distinct: distinct.size };
  }

  /** The Message-IDs of the batch's deliveries with a try logged as interrupted. */
  async function interruptedTries(batch: string): Promise<string[]> {
    const tries = await engine.workerContext.get(DeliveryLog).attempts({});
    return tries.filter((attempt) => attempt.outcome === 'interrupted' && attempt.deliveryKey.startsWith(`notification.${batch}-`)).map((attempt) => messageIdOf(attempt.deliveryKey));
  }

  it('delivers every message of a batch once when the notifier is killed -9 in the middle and started again', async () => {
    const keys = await raise('kill');
    const first = startNotifier();
    await waitUntil(() => caught('kill').length >= 150, 60_000, 'the first 150 messages');
    await killNotifier(first);
    const atKill = caught('kill').length;
    expect(atKill).toBeLessThan(BATCH);
    startNotifier();
    // Jobs the killed notifier held are taken again once their locks lapse (BullMQ's stalled-job check).
    await waitUntil(() => new Set(caught('kill').map((email) => email.headers['message-id'])).size >= BATCH, 150_000, 'every message after the restart');
    const { received, distinct } = await expectEachOnce('kill', keys);
    // A repeat can only be a message whose try the kill cut short (ten at once), sent again under its own Message-ID,
    // and the log says so: the try `interrupted`, the next one sent again.
    const counts = new Map<string, number>();
    for (const email of caught('kill')) counts.set(email.headers['message-id'] as string, (counts.get(email.headers['message-id'] as string) ?? 0) + 1);
    const repeated = [...counts].filter(([, count]) => count > 1).map(([messageId]) => messageId);
    const interrupted = await interruptedTries('kill');
    expect(interrupted.length).toBeLessThanOrEqual(10);
    expect(repeated.filter((messageId) => !interrupted.includes(messageId))).toEqual([]);
    console.log(`kill -9 at ${atKill} of ${BATCH}: ${distinct} distinct messages received, ${received - distinct} repeated by Message-ID, ${interrupted.length} tries logged as interrupted`);
  }, 240_000);

  it('delivers every message of a batch once when Redis restarts in the middle', async () => {
    const keys = await raise('redis');
    await waitUntil(() => caught('redis').length >= 100, 60_000, 'the first 100 messages');
    await redis.down();
    const atRestart = caught('redis').length;
    await redis.up();
    await waitUntil(() => new Set(caught('redis').map((email) => email.headers['message-id'])).size >= BATCH, 150_000, 'every message after Redis restarted');
    const { received, distinct } = await expectEachOnce('redis', keys);
    expect(received - distinct).toBeLessThanOrEqual(10);
    console.log(`Redis restarted at ${atRestart} of ${BATCH}: ${distinct} distinct messages received, ${received - distinct} repeated by Message-ID`);
  }, 240_000);
});
