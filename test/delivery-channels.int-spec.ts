import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Queue } from 'bullmq';
import { DeliveryLog, DigestService, NotificationQueue, NotificationRepository } from '@pmo/application';
import type { DeliveryAttempt } from '@pmo/application';
import { DEAD_LETTER_QUEUE, DIGEST_QUEUE } from '@pmo/contracts';
import { createRedisConnection, webhookSignature } from '@pmo/notifications';
import { TestEngine } from './support/engine';
import { waitUntil } from './support/eventually';
import { startLocalTemporal } from './support/temporal';

const SECRET = 'a-webhook-signing-secret-for-the-tests-only';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A local HTTP receiver: /flaky fails twice then accepts, /teams and /hook accept, /gone answers 404. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((incoming, outgoing) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
    incoming.on('end', () => {
      received.push({ path: incoming.url ?? '', headers: incoming.headers, body });
      const flakyTries = received.filter((entry) => entry.path === '/flaky').length;
      outgoing.statusCode = incoming.url === '/gone' ? 404 : incoming.url === '/flaky' && flakyTries <= 2 ? 500 : 200;
      outgoing.end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** Delivery by email, Teams and signed webhooks through the real notifier, Redis, SMTP receiver and an HTTP receiver. */
describe('delivery channels', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    receiver = await startReceiver();
    engine = await TestEngine.start({ temporal, withApi: true, environment: { PMO_WEBHOOK_SIGNING_SECRET: SECRET, PMO_ALERT_EMAILS: 'pmo.alerts@icb.nhs.example' } });
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
    if (receiver !== undefined) await new Promise((closed) => receiver.server.close(closed));
  });

  /** A month-end notification to a person, recorded and queued as the cycle's duties do. */
  async function notify(recipient: string, key: string): Promise<string> {
    const notifications = engine.workerContext.get(NotificationRepository);
    const { id } = await notifications.recordOnce(
      { dedupeKey: key, kind: 'update-reminder', period: '2026-10', programmeId: null, recipient, subject: `Monthly update due (${key})`, body: 'Please record it.\n\nThank you.' },
      new Date(),
    );
    await engine.workerContext.get(NotificationQueue).enqueueEmail(key, id);
    return id;
  }

  /** The person's delivery log once `settled` holds and no try is under way. */
  async function log(recipient: string, settled: (attempts: DeliveryAttempt[]) => boolean): Promise<DeliveryAttempt[]> {
    for (let waited = 0; ; waited += 250) {
      const attempts = (await engine.client.get('/delivery-log').query({ recipient }).expect(200)).body as DeliveryAttempt[];
      if ((settled(attempts) && attempts.every((attempt) => attempt.outcome !== 'sending')) || waited > 30_000) return attempts;
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  it('keeps each person’s channel, refusing one it cannot use', async () => {
    const missing = await engine.client.put('/contacts/lead@dorset.nhs.example/preference').send({ channel: 'teams' }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'address', reason: 'a teams channel needs its webhook URL' }]);
    await engine.client.put('/contacts/lead@dorset.nhs.example/preference').send({ channel: 'webhook', address: 'ftp://example' }).expect(400);
    await engine.client.get('/contacts/Nobody@dorset.nhs.example/preference').expect(404);
    const saved = await engine.client.put('/contacts/Lead@Dorset.nhs.example/preference').send({ channel: 'teams', address: `${receiver.url}/teams` }).expect(200);
    expect(saved.body).toEqual(expect.objectContaining({ email: 'lead@dorset.nhs.example', channel: 'teams', address: `${receiver.url}/teams` }));
  });

  it('posts an Adaptive Card to a Teams channel', async () => {
    await notify('lead@dorset.nhs.example', 'teams-1');
    const attempts = await log('lead@dorset.nhs.example', (found) => found.length > 0);
    expect(attempts.map((attempt) => [attempt.channel, attempt.outcome])).toEqual([['teams', 'sent']]);
    const card = JSON.parse(receiver.received.find((entry) => entry.path === '/teams')?.body ?? '{}');
    expect(card.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0].content.body[0]).toEqual(expect.objectContaining({ type: 'TextBlock', text: 'Monthly update due (teams-1)' }));
  });

  it('delivers a signed webhook on the third try when it answers 500 twice, and logs every try', async () => {
    await engine.client.put('/contacts/flaky@dorset.nhs.example/preference').send({ channel: 'webhook', address: `${receiver.url}/flaky` }).expect(200);
    await notify('flaky@dorset.nhs.example', 'flaky-1');
    const attempts = await log('flaky@dorset.nhs.example', (found) => found.some((attempt) => attempt.outcome === 'sent'));
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'failed', 'sent']);
    const tries = receiver.received.filter((entry) => entry.path === '/flaky');
    expect(tries).toHaveLength(3);
    const last = tries[2];
    expect(last.headers['x-pmo-signature']).toBe(`sha256=${webhookSignature(SECRET, String(last.headers['x-pmo-timestamp']), last.body)}`);
    expect(JSON.parse(last.body)).toEqual(expect.objectContaining({ deliveryKey: 'notification.flaky-1', to: 'flaky@dorset.nhs.example', subject: 'Monthly update due (flaky-1)' }));

    // Raised again, it is not sent again.
    await notify('flaky@dorset.nhs.example', 'flaky-1');
    await new Promise((done) => setTimeout(done, 2_000));
    expect(receiver.received.filter((entry) => entry.path === '/flaky')).toHaveLength(3);
  });

  /** What a notifier killed in the middle of a try leaves in the log: the try begun, as the message left. */
  async function tryBegun(recipient: string, key: string): Promise<string> {
    return engine.workerContext
      .get(DeliveryLog)
      .beginTry({ deliveryKey: `notification.${key}`, recipient, channel: 'email', address: recipient, subject: `Monthly update due (${key})`, attemptedAt: new Date().toISOString() });
  }

  it('sends again, once, a message whose earlier try stopped before its outcome was recorded, the log holding that try as interrupted', async () => {
    await tryBegun('cut@dorset.nhs.example', 'cut-1');
    await notify('cut@dorset.nhs.example', 'cut-1');
    const attempts = await log('cut@dorset.nhs.example', (found) => found.some((attempt) => attempt.outcome === 'sent'));
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['interrupted', 'sent']);
    expect(attempts[0].detail).toBe('the try stopped before its outcome was recorded: the message may have arrived');
    expect(attempts[1].detail).toBe('<notification.cut-1@pmo-engine>');
    await engine.inbox.waitFor((email) => email.to.includes('cut@dorset.nhs.example'), 10_000);
    expect(engine.inbox.emails.filter((email) => email.to.includes('cut@dorset.nhs.example'))).toHaveLength(1);
  });

  it('does not send again a message an earlier try sent and logged, though its notification was not yet marked sent', async () => {
    const deliveryLog = engine.workerContext.get(DeliveryLog);
    await deliveryLog.settle(await tryBegun('logged@dorset.nhs.example', 'logged-1'), 'sent', '<notification.logged-1@pmo-engine>');
    const id = await notify('logged@dorset.nhs.example', 'logged-1');
    const notifications = engine.workerContext.get(NotificationRepository);
    await waitUntil(async () => (await notifications.findForDelivery(id))?.status === 'sent', 30_000, 'the notification marked sent');
    expect(engine.inbox.emails.filter((email) => email.to.includes('logged@dorset.nhs.example'))).toHaveLength(0);
    expect((await deliveryLog.attempts({ deliveryKey: 'notification.logged-1' })).map((attempt) => [attempt.outcome, attempt.detail])).toEqual([['sent', '<notification.logged-1@pmo-engine>']]);
  });

  it('keeps the outcome of a try taken for interrupted while it still ran, and logs a second try that also sent as sent-again', async () => {
    const deliveryLog = engine.workerContext.get(DeliveryLog);
    const first = await tryBegun('twice@dorset.nhs.example', 'twice-1');
    // A job taken again while its first try still runs: the second try finds the first under way.
    expect(await deliveryLog.earlierTries('notification.twice-1')).toEqual({ sentReference: null, interrupted: 1 });
    const second = await tryBegun('twice@dorset.nhs.example', 'twice-1');
    await deliveryLog.settle(first, 'sent', '<notification.twice-1@pmo-engine>');
    await deliveryLog.settle(second, 'sent', '<notification.twice-1@pmo-engine>');
    const attempts = await deliveryLog.attempts({ deliveryKey: 'notification.twice-1' });
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['sent', 'sent-again']);
    expect(await deliveryLog.earlierTries('notification.twice-1')).toEqual({ sentReference: '<notification.twice-1@pmo-engine>', interrupted: 0 });
  });

  it('puts a permanent failure (HTTP 404, SMTP 550) in the dead-letter queue and tells the PMO, without retrying', async () => {
    await engine.client.put('/contacts/gone@dorset.nhs.example/preference').send({ channel: 'webhook', address: `${receiver.url}/gone` }).expect(200);
    engine.inbox.refused.add('left@dorset.nhs.example');
    await notify('gone@dorset.nhs.example', 'gone-1');
    await notify('left@dorset.nhs.example', 'left-1');
    const alerts = await Promise.all(
      ['notification.gone-1', 'notification.left-1'].map((key) => engine.inbox.waitFor((mail) => mail.headers['x-pmo-failed-delivery-key'] === key && mail.headers['x-pmo-alert'] === 'delivery-failed', 30_000)),
    );
    expect(alerts.map((alert) => alert.to)).toEqual([['pmo.alerts@icb.nhs.example'], ['pmo.alerts@icb.nhs.example']]);
    expect(alerts[0].text).toContain(`webhook ${receiver.url}/gone`);
    expect(alerts[1].text).toContain('550');
    expect((await log('gone@dorset.nhs.example', () => true)).map((attempt) => attempt.outcome)).toEqual(['failed-permanently']);
    expect((await log('left@dorset.nhs.example', () => true)).map((attempt) => attempt.outcome)).toEqual(['failed-permanently']);
    expect(receiver.received.filter((entry) => entry.path === '/gone')).toHaveLength(1);

    const connection = createRedisConnection(engine.config.redis);
    const deadLetters = new Queue(DEAD_LETTER_QUEUE, { connection, prefix: engine.config.redis.queuePrefix });
    try {
      const jobs = await deadLetters.getJobs(['waiting']);
      expect(jobs.map((job) => job.data.deliveryKey).sort()).toEqual(['notification.gone-1', 'notification.left-1']);
    } finally {
      await deadLetters.close();
      connection.disconnect();
    }
  });

  it('gathers the messages held for someone who takes a daily digest into one, sent once, on the schedule', async () => {
    await engine.client.put('/contacts/digest@dorset.nhs.example/preference').send({ channel: 'email', dailyDigest: true }).expect(200);
    // One at a time: the notifier works several jobs at once, and the digest lists messages in the order they were held.
    for (const [index, key] of ['digest-1', 'digest-2', 'digest-3'].entries()) {
      await notify('digest@dorset.nhs.example', key);
      await log('digest@dorset.nhs.example', (found) => found.length > index);
    }
    const held = await log('digest@dorset.nhs.example', (found) => found.length >= 3);
    expect(held.map((attempt) => attempt.outcome)).toEqual(['held-for-digest', 'held-for-digest', 'held-for-digest']);
    expect(engine.inbox.emails.filter((email) => email.to.includes('digest@dorset.nhs.example'))).toHaveLength(0);

    const digests = engine.notifier?.get(DigestService) as DigestService;
    expect(await digests.sendDigests()).toBe(1);
    expect(await digests.sendDigests()).toBe(0);
    const digest = await engine.inbox.waitFor((email) => email.to.includes('digest@dorset.nhs.example'), 10_000);
    expect(digest.subject).toMatch(/^PMO digest, \d{4}-\d{2}-\d{2}: 3 message\(s\)$/);
    expect(digest.text).toContain('1. Monthly update due (digest-1)');
    expect(digest.text).toContain('2. Monthly update due (digest-2)');
    expect(digest.text).toContain('3. Monthly update due (digest-3)');
    expect(engine.inbox.emails.filter((email) => email.to.includes('digest@dorset.nhs.example'))).toHaveLength(1);

    const connection = createRedisConnection(engine.config.redis);
    const queue = new Queue(DIGEST_QUEUE, { connection, prefix: engine.config.redis.queuePrefix });
    try {
      expect((await queue.getJobSchedulers()).map((scheduler) => [scheduler.key, scheduler.pattern, scheduler.tz])).toEqual([['daily-digest', '30 7 * * *', 'Europe/London']]);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
