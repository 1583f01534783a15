import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TestEngine } from './support/engine';
import { waitUntil } from './support/eventually';
import { freePort } from './support/free-port';
import { startLocalTemporal } from './support/temporal';

const API_MAIN = resolve(__dirname, '../dist/apps/api/src/main.js');

/** The API app as it runs, in a process of its own: one JSON line per event, with the request's id and no email address. */
describe('structured logs', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let api: ChildProcess;
  let base: string;
  const lines: string[] = [];

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withoutWorker: true, withoutNotifier: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [API_MAIN], { env: { ...engine.appEnvironment(), PMO_API_PORT: String(port), PMO_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let partial = '';
    api.stdout?.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      lines.push(...complete.filter((line) => line.trim() !== ''));
    });
    await waitUntil(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true, 30_000, 'the API app answering');
  });

  afterAll(async () => {
    api?.kill('SIGTERM');
    await engine?.stop();
    await temporal?.teardown();
  });

  it('logs each request as JSON with its id, given or made, and masks email addresses', async () => {
    const asAdmin = { authorization: engine.adminBearer };
    const given = await fetch(`${base}/contacts/Someone.Else@dorset.nhs.example/preference?cc=other@icb.nhs.example`, { headers: { ...asAdmin, 'x-request-id': 'pmo-test-0001' } });
    expect([given.status, given.headers.get('x-request-id')]).toEqual([404, 'pmo-test-0001']);
    const made = await fetch(`${base}/templates`, { headers: asAdmin });
    const madeId = made.headers.get('x-request-id');
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);

    await waitUntil(() => lines.some((line) => line.includes(madeId ?? 'none')), 10_000, 'the log line of the second request');
    const events = lines.map((line) => JSON.parse(line) as { name: string; time: string; req?: { id: string; method: string; url: string }; res?: { statusCode: number } });
    expect(events.every((event) => event.name === 'api' && !Number.isNaN(Date.parse(event.time)))).toBe(true);
    const requests = events.filter((event) => event.req !== undefined && event.res !== undefined);
    expect(requests.map((event) => [event.req?.id, event.req?.method, event.req?.url, event.res?.statusCode])).toEqual(
      expect.arrayContaining([
        ['pmo-test-0001', 'GET', '/contacts/<email>/preference?cc=<email>', 404],
        [madeId, 'GET', '/templates', 200],
      ]),
    );
    expect(lines.join('\n')).not.toMatch(/@dorset\.nhs\.example|@icb\.nhs\.example|Bearer /);
  });
});
