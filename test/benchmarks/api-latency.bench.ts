import { cpus } from 'node:os';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import autocannon from 'autocannon';
import type { Result } from 'autocannon';
import { newProgramme, OrganisationRepository, ProgrammeRepository } from '@pmo/application';
import { lastDayOfMonth } from '@pmo/domain';
import { nationalIcbs, nationalOrganisationSample, nationalProgrammePlan } from '@pmo/reference-data';
import { TestEngine } from '../support/engine';
import { freePort } from '../support/free-port';
import { startLocalTemporal } from '../support/temporal';
import { AppProcess, inLanes, MINUTES, stopBenchmark } from './bench-support';

/**
 * The API under load, with autocannon, on the real PostgreSQL and the national dataset: p50, p99 and
 * throughput of status reads (a programme's RAG worked out from its record at read time) and of
 * updates (a monthly update, written and audited), each beside a bare route of the same app (the
 * liveness probe) measured in the same script. The API app runs in a process of its own, as in
 * production, so that autocannon's work here is not counted as the API's. Not part of the suite; run it with
 *   npm run bench:api                  (PMO_BENCH_SECONDS=10 for a shorter run)
 */
const PROGRAMMES = 200;
const PERIOD = '2026-11';
const SECONDS = Number(process.env.PMO_BENCH_SECONDS ?? 20);
/** The rate the issue sets for status reads, and a tenth of it for writes, which programme managers make far less often. */
const READ_RATE = 200;
const WRITE_RATE = 20;
const CONNECTIONS = 20;

interface Figures {
  label: string;
  rate: string;
  p50: number;
  p99: number;
  perSecond: number;
  non2xx: number;
  errors: number;
}

describe('API latency benchmark', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let api: AppProcess | undefined;
  let url: string;
  const programmeIds: string[] = [];

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withoutWorker: true, withoutNotifier: true });
    const sample = nationalOrganisationSample(lastDayOfMonth(PERIOD));
    await engine.workerContext.get(OrganisationRepository).upsert(sample.organisations, sample.populations);
    const programmes = engine.workerContext.get(ProgrammeRepository);
    const icbs = nationalIcbs(sample);
    await inLanes(PROGRAMMES, 10, async (index) => {
      const icb = icbs[index % icbs.length];
      const plan = nationalProgrammePlan(index, icb, PERIOD);
      const createdAt = new Date(`${plan.startDate}T09:00:00Z`);
      programmeIds.push((await programmes.create(newProgramme(plan, { leadEmail: `lead.${index + 1}@nhs.example`, organisation: icb }, createdAt), createdAt)).id);
    });
    const port = await freePort();
    // Logging at info, as production does; the rate limit is the production default's concern, not this load's.
    api = await AppProcess.start({ ...engine.appEnvironment(), PMO_API_PORT: String(port), PMO_LOG_LEVEL: 'info', PMO_RATE_LIMIT_PER_MINUTE: '1000000' }, 'api');
    url = `http://127.0.0.1:${port}`;
  }, 10 * MINUTES);

  afterAll(() => stopBenchmark(api, engine, temporal), 2 * MINUTES);

  /** One autocannon run; each request names the next programme in turn, so that no one programme's rows stay hot. */
  async function load(label: string, options: { path: (programmeId: string) => string; method?: 'GET' | 'PUT'; body?: string; rate?: number; signedIn: boolean }): Promise<Figures> {
    let next = 0;
    const result: Result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      ...(options.rate === undefined ? {} : { overallRate: options.rate }),
      headers: { ...(options.signedIn ? { authorization: engine.adminBearer } : {}), ...(options.body ? { 'content-type': 'application/json' } : {}) },
      requests: [
        {
          method: options.method ?? 'GET',
          ...(options.body ? { body: options.body } : {}),
          setupRequest: (request) => ({ ...request, path: options.path(programmeIds[next++ % programmeIds.length]) }),
        },
      ],
    });
    return {
      label,
      rate: options.rate === undefined ? 'as fast as it goes' : `${options.rate}/s`,
      p50: result.latency.p50,
      p99: result.latency.p99,
      perSecond: result.requests.average,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  }

  it(
    'measures status reads and updates beside a bare route',
    async () => {
      const update = JSON.stringify({ commentary: 'Load test update.', authorEmail: 'pm@nhs.example' });
      // Warm the app, its pool and PostgreSQL's caches before anything is measured.
      await load('warm-up', { path: (id) => `/programmes/${id}`, signedIn: true, rate: 50 });
      const runs = [
        await load('bare route (GET /health)', { path: () => '/health', signedIn: false, rate: READ_RATE }),
        await load('status read (GET /programmes/:id)', { path: (id) => `/programmes/${id}`, signedIn: true, rate: READ_RATE }),
        await load('update (PUT …/monthly-updates/:month)', { path: (id) => `/programmes/${id}/monthly-updates/${PERIOD}`, method: 'PUT', body: update, signedIn: true, rate: WRITE_RATE }),
        await load('bare route (GET /health)', { path: () => '/health', signedIn: false }),
        await load('status read (GET /programmes/:id)', { path: (id) => `/programmes/${id}`, signedIn: true }),
        await load('update (PUT …/monthly-updates/:month)', { path: (id) => `/programmes/${id}/monthly-updates/${PERIOD}`, method: 'PUT', body: update, signedIn: true }),
      ];
      for (const run of runs) expect([run.label, run.non2xx, run.errors]).toEqual([run.label, 0, 0]);
      const [bareAtRate, readsAtRate, writesAtRate, bare, reads, writes] = runs;
      const row = (figures: Figures, baseline: Figures) =>
        `${figures.label.padEnd(40)}${figures.rate.padStart(20)}${figures.p50.toFixed(0).padStart(8)}${figures.p99.toFixed(0).padStart(8)}${figures.perSecond.toFixed(0).padStart(10)}` +
        `${(figures.p99 / Math.max(1, baseline.p99)).toFixed(1).padStart(12)}${(figures.perSecond / baseline.perSecond).toFixed(2).padStart(12)}`;
      const lines = [
        '',
        `API latency benchmark: ${cpus().length} CPUs, node ${process.version}, ${PROGRAMMES} national programmes of 25 milestones, ${CONNECTIONS} connections, ${SECONDS} s a run`,
        `${'run'.padEnd(40)}${'rate'.padStart(20)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'req/s'.padStart(10)}${'p99/bare'.padStart(12)}${'req/s/bare'.padStart(12)}`,
        row(bareAtRate, bareAtRate),
        row(readsAtRate, bareAtRate),
        row(writesAtRate, bareAtRate),
        row(bare, bare),
        row(reads, bare),
        row(writes, bare),
        `status reads at ${READ_RATE}/s: p99 ${readsAtRate.p99} ms (target: under 50 ms)`,
        `figures: ${JSON.stringify(runs)}`,
        '',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    },
    10 * MINUTES,
  );
});
