import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TestEngine } from './support/engine';
import { startLocalTemporal } from './support/temporal';

const LIMIT = 5;

/** The API's defences, on the real app: security headers, body limits, rate limits, one error shape. */
describe('a hardened API', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true, withoutWorker: true, withoutNotifier: true, environment: { PMO_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  it('sends the security headers and does not name its framework', async () => {
    const response = await engine.client.get('/health').expect(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses a body over its limit as problem+json, without a stack trace', async () => {
    const response = await engine.client
      .post('/programmes')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1_100_000) }))
      .expect(413)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toEqual(expect.objectContaining({ type: 'urn:nhs-pmo:problem:payload-too-large', status: 413 }));
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses the NUL character in a path, a query or a body as the caller’s mistake, naming the field, before the access guard looks it up', async () => {
    const refused = (response: { body: { errors?: { field: string; reason: string }[] } }) => response.body.errors?.map(({ field }) => field);
    const query = await engine.client.get('/delivery-log').query({ deliveryKey: 'escalation.\u0000' }).expect(400).expect('content-type', /application\/problem\+json/);
    expect(query.body).toEqual(expect.objectContaining({ type: 'urn:nhs-pmo:problem:validation-failed', status: 400 }));
    expect(query.body.errors).toEqual([{ field: 'deliveryKey', reason: expect.stringContaining('NUL character (U+0000)') }]);
    const body = await engine.client.post('/programmes').send({ name: 'Extended access\u0000', organisation: 'QVV\u0000', milestones: [{ name: 'Go live\u0000' }] }).expect(400);
    // The organisation is the access guard's to look up: refused first, it never reaches the database.
    expect(refused(body)).toEqual(['name', 'organisation', 'milestones.0.name']);
    expect(refused(await engine.client.post(`/programmes/${randomUUID()}/sheets/milestones`).set('content-type', 'text/csv').send('ref,name\nM1,Go\u0000live').expect(400))).toEqual(['(body)']);
    expect(refused(await engine.client.get('/organisations/QVV%00').expect(400))).toEqual(['odsCode']);
    expect(await engine.database.count('programmes')).toBe(0);
  });

  it('limits each client to its requests a minute, with problem+json and when to try again, and never limits the health probes', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= LIMIT; attempt += 1) statuses.push((await engine.client.get('/templates')).status);
    // The earlier tests' requests were to the health probe, or refused by the body parser or for a NUL before the rate limit: none counted.
    expect(statuses).toEqual([...Array.from({ length: LIMIT }, () => 200), 429]);
    const refused = await engine.client.get('/templates').expect(429).expect('content-type', /application\/problem\+json/);
    expect(refused.body).toEqual(expect.objectContaining({ type: 'urn:nhs-pmo:problem:too-many-requests', status: 429 }));
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Trusting no proxy, a forged X-Forwarded-For does not make a new client.
    await engine.client.get('/templates').set('x-forwarded-for', '203.0.113.9').expect(429);
    for (let probe = 0; probe < 2 * LIMIT; probe += 1) await engine.client.get('/health').expect(200);
  });
});

describe('an API behind a load balancer', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    const environment = { PMO_RATE_LIMIT_PER_MINUTE: String(LIMIT), PMO_TRUST_PROXY_HOPS: '1' };
    engine = await TestEngine.start({ temporal, withApi: true, withoutWorker: true, withoutNotifier: true, environment });
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  it('limits each client the balancer forwards, not the balancer', async () => {
    const from = (address: string) => engine.client.get('/templates').set('x-forwarded-for', address);
    const statuses = async (address: string) => {
      const seen: number[] = [];
      for (let attempt = 0; attempt <= LIMIT; attempt += 1) seen.push((await from(address)).status);
      return seen;
    };
    const limited = [...Array.from({ length: LIMIT }, () => 200), 429];
    expect(await statuses('198.51.100.7')).toEqual(limited);
    expect(await statuses('198.51.100.8')).toEqual(limited);
  });
});
