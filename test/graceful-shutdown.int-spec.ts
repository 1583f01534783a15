import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parse } from 'yaml';
import { NotificationQueue, NotificationRepository } from '@pmo/application';
import type { DeliveryAttempt } from '@pmo/application';
import { TestEngine } from './support/engine';
import { waitUntil } from './support/eventually';
import { freePort } from './support/free-port';
import { startLocalTemporal } from './support/temporal';

const API_MAIN = resolve(__dirname, '../dist/apps/api/src/main.js');
const NOTIFIER_MAIN = resolve(__dirname, '../dist/apps/notifier/src/main.js');
const SLOW_MS = 2_000;

const exited = (child: ChildProcess) => new Promise<{ code: number | null; signal: string | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));

/** SIGTERM to the API and the notifier, as a platform stops them: what is in flight finishes first, then they stop. */
describe('graceful shutdown', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let receiver: Server;
  const received: string[] = [];

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true, withoutNotifier: true, environment: { PMO_WEBHOOK_SIGNING_SECRET: 'a-webhook-secret-for-the-shutdown-test-only' } });
    await engine.seedOrganisations();
    // A webhook that takes its time to answer: the delivery is in flight while the notifier is told to stop.
    receiver = createServer((incoming, outgoing) => {
      received.push(incoming.url ?? '');
      setTimeout(() => outgoing.end(), SLOW_MS);
    });
    await new Promise<void>((listening) => receiver.listen(0, '127.0.0.1', listening));
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
    if (receiver !== undefined) await new Promise((closed) => receiver.close(closed));
  });

  it('lets the API finish a request in flight, refusing new connections meanwhile, then exits 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = spawn(process.execPath, [API_MAIN], { env: { ...engine.appEnvironment(), PMO_API_PORT: String(port), PMO_LOG_LEVEL: 'warn' }, stdio: 'ignore' });
    const apiExit = exited(api);
    await waitUntil(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true, 30_000, 'the API app answering');

    // A rehearsal runs a plan on a time-skipping server of its own: seconds of work in one request.
    const script = parse(readFileSync(resolve(__dirname, 'rehearsals/dorset-pch-phased-rollout.rehearsal.yaml'), 'utf8'));
    const inFlight = fetch(`${base}/rehearsals`, { method: 'POST', headers: { authorization: engine.adminBearer, 'content-type': 'application/json' }, body: JSON.stringify(script) });
    await new Promise((done) => setTimeout(done, 1_000));
    api.kill('SIGTERM');
    await waitUntil(async () => (await fetch(`${base}/health`).then(() => 'answered', (error: Error & { cause?: { code?: string } }) => error.cause?.code)) === 'ECONNREFUSED', 5_000, 'new connections refused');

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { months: unknown[] }).months.length).toBeGreaterThan(0);
    expect(await apiExit).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('lets the notifier finish the delivery in flight, then stops: sent once, not retried', async () => {
    const recipient = 'slow.webhook@dorset.nhs.example';
    const address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slow`;
    await engine.client.put(`/contacts/${recipient}/preference`).send({ channel: 'webhook', address }).expect(200);
    const notifier = spawn(process.execPath, [NOTIFIER_MAIN], { env: { ...engine.appEnvironment(), PMO_WEBHOOK_SIGNING_SECRET: 'a-webhook-secret-for-the-shutdown-test-only', PMO_LOG_LEVEL: 'warn' }, stdio: 'ignore' });
    const notifierExit = exited(notifier);

    const { id } = await engine.workerContext.get(NotificationRepository).recordOnce(
      { dedupeKey: 'shutdown-1', kind: 'update-reminder', period: '2026-10', programmeId: null, recipient, subject: 'Monthly update due', body: 'Please record it.' },
      new Date(),
    );
    await engine.workerContext.get(NotificationQueue).enqueueEmail('shutdown-1', id);
    await waitUntil(() => received.length > 0, 30_000, 'the delivery reaching the webhook');
    notifier.kill('SIGTERM');

    // Nest ends the process with the signal it was sent, once its shutdown hooks are done.
    expect(await notifierExit).toEqual({ code: null, signal: 'SIGTERM' });
    const attempts = (await engine.client.get('/delivery-log').query({ recipient }).expect(200)).body as DeliveryAttempt[];
    expect(attempts.map((attempt) => [attempt.channel, attempt.outcome])).toEqual([['webhook', 'sent']]);
    expect(received).toEqual(['/slow']);
  }, 120_000);
});
