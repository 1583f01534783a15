import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { loadConfig } from '@pmo/config';
import { createApi } from '../apps/api/src/create-api';
import { CuttableProxy } from './support/cuttable-proxy';
import { waitUntil } from './support/eventually';
import { startLocalTemporal } from './support/temporal';
import { createTestDatabase } from './support/test-database';
import type { TestDatabase } from './support/test-database';

/** The readiness requirement: not ready within 5 s of a service stopping. */
const NOT_READY_WITHIN_MS = 5_000;

/** The API's readiness against the real PostgreSQL, Redis and Temporal, each of the first two behind a proxy the test cuts. */
describe('health and readiness', () => {
  let temporal: TestWorkflowEnvironment;
  let database: TestDatabase;
  const proxies: Record<'postgres' | 'redis', CuttableProxy> = {} as Record<'postgres' | 'redis', CuttableProxy>;
  let api: INestApplication;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    database = await createTestDatabase();
    const redisUrl = loadConfig().redis.url;
    proxies.postgres = await CuttableProxy.start({ host: '127.0.0.1', port: Number(new URL(database.url).port) });
    proxies.redis = await CuttableProxy.start({ host: '127.0.0.1', port: Number(new URL(redisUrl).port) });
    const config = loadConfig({ ...process.env, PMO_DATABASE_URL: proxies.postgres.rewrite(database.url), PMO_REDIS_URL: proxies.redis.rewrite(redisUrl), PMO_TEMPORAL_ADDRESS: temporal.address, PMO_LOG_LEVEL: 'error' });
    api = await createApi(config);
    await api.init();
  });

  afterAll(async () => {
    await api?.close();
    await Promise.all(Object.values(proxies).map((proxy) => proxy.cut()));
    await database?.drop();
    await temporal?.teardown();
  });

  const readiness = () => request(api.getHttpServer()).get('/health/ready');

  it('is live, and ready with PostgreSQL, Redis and Temporal each up', async () => {
    await request(api.getHttpServer()).get('/health').expect(200, { status: 'ok' });
    const ready = await readiness().expect(200);
    expect(ready.body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'up' } });
  });

  it.each(['postgres', 'redis'] as const)('turns not ready within 5 s of %s stopping, and ready again once it returns, without a restart', async (service) => {
    await readiness().expect(200);
    await proxies[service].cut();
    const stoppedAt = Date.now();
    await waitUntil(async () => (await readiness()).status === 503, 15_000, `not ready after ${service} stopped`);
    expect(Date.now() - stoppedAt).toBeLessThan(NOT_READY_WITHIN_MS);

    const notReady = await readiness().expect(503).expect('content-type', /application\/problem\+json/);
    expect(notReady.body).toEqual(expect.objectContaining({ type: 'urn:nhs-pmo:problem:dependency-unavailable', status: 503 }));
    expect(notReady.body.detail).toMatch(new RegExp(`^not ready: ${service}: `));
    expect(notReady.body.detail).not.toMatch(service === 'postgres' ? /redis/ : /postgres/);

    await proxies[service].restore();
    await waitUntil(async () => (await readiness()).status === 200, 15_000, `ready again after ${service} returned`);
  });
});
