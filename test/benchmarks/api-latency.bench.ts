import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import autocannon from 'autocannon';
import type { Result } from 'autocannon';
import { OrganisationRepository, ProgrammeRepository } from '@pmo/application';
import { addMonths, lastDayOfMonth } from '@pmo/domain';
import { nationalIcbs, nationalOrganisationSample } from '@pmo/reference-data';
import { TestEngine } from '../support/engine';
import { freePort } from '../support/free-port';
import { startLocalTemporal } from '../support/temporal';
import { analyse, AppProcess, createNationalProgramme, inLanes, MINUTES, postgresCpuMs, stopBenchmark } from './bench-support';
import type { SteadyLoad, SteadyOutcome } from './steady-load';

/**
 * The API under load on the real PostgreSQL and the national dataset: p50, p99 and throughput of status
 * reads (a programme's RAG worked out from its record at read time, with a month of actuals on each
 * trajectory), of updates (a monthly update, written and audited) and of the portfolio (every programme with
 * its status now), each beside a bare route of the same app (the liveness probe) measured in the same script.
 * The API app runs in a process of its own, as in production, so that the load's own work here is not
 * counted as the API's.
 *
 * Latency at a rate comes from a steady open-loop load (`steady-load.ts`, in a process of its own): request i is
 * due at start + i/rate and its latency counts from then, so a stall is charged to every request it holds up. autocannon's own rate mode is not
 * used for it: each connection sends its second's quota back to back and then waits, and its correction for
 * coordinated omission takes the expected interval as ceil(1/rate) = 1 ms, so one slow response of N ms is
 * recorded as N samples. autocannon measures throughput, flat out. Not part of the suite; run it with
 *   npm run bench:api                  (PMO_BENCH_SECONDS=10 for a shorter run)
 */
const PROGRAMMES = 200;
const PERIOD = '2026-11';
const SECONDS = Number(process.env.PMO_BENCH_SECONDS ?? 20);
/** The rate the issue sets for status reads, and a tenth of it for writes, which programme managers make far less often. */
const READ_RATE = 200;
const WRITE_RATE = 20;
/** Portfolios (every programme, each with its status now) a second: a PMO's page, opened now and then. */
const PORTFOLIO_RATE = 2;
const CONNECTIONS = 20;
/** Months of trajectory actuals each programme has, up to the period: a read sizes each month's practices. */
const MONTHS_OF_ACTUALS = 3;
/** Practices each month's actuals name as live: about a tenth of an ICB's. */
const PRACTICES_LIVE = 15;
/**
 * The API's Node options: by default V8's helper threads one fewer than the CPUs, as docs/scaling.md says to run
 * it (V8's own 4 oversubscribe a 2-vCPU machine during full collections). PMO_BENCH_API_NODE_OPTIONS measures
 * the API with others: `--v8-pool-size=4` as Node runs it unless told, `--max-semi-space-size=64`, ….
 */
const API_NODE_OPTIONS = process.env.PMO_BENCH_API_NODE_OPTIONS ?? `--v8-pool-size=${Math.max(1, cpus().length - 1)}`;

/** Where a load is sent, and the process that answers it, whose CPU time is counted. */
interface Server {
  url: string;
  app: AppProcess;
}

interface Figures {
  label: string;
  rate: string;
  p50: number;
  p99: number;
  perSecond: number;
  non2xx: number;
  errors: number;
  /** CPU time per answered request: the server's (the API's), PostgreSQL's (all its processes) and this load's own, which share the machine. */
  cpuMsPerRequest: { api: number; postgres: number; load: number };
}

describe('API latency benchmark', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let api: AppProcess | undefined;
  let apiServer: Server;
  let plain: AppProcess | undefined;
  let plainServer: Server;
  /** `steady-load.ts` as plain JavaScript (swc, as jest uses), for a process of its own to run. */
  const loadDirectory = mkdtempSync(join(tmpdir(), 'pmo-steady-load-'));
  const loadScript = join(loadDirectory, 'steady-load.js');
  const programmeIds: string[] = [];

  beforeAll(async () => {
    const compiled = transformFileSync(join(__dirname, 'steady-load.ts'), { module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'typescript' } } });
    writeFileSync(loadScript, compiled.code);
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withoutWorker: true, withoutNotifier: true });
    const firstMonth = addMonths(PERIOD, 1 - MONTHS_OF_ACTUALS);
    // List sizes as at before the first month of actuals, so that every month's percentages have their practices.
    const sample = nationalOrganisationSample(lastDayOfMonth(addMonths(firstMonth, -1)));
    await engine.workerContext.get(OrganisationRepository).upsert(sample);
    const programmes = engine.workerContext.get(ProgrammeRepository);
    const icbs = nationalIcbs(sample);
    await inLanes(PROGRAMMES, 10, async (index) => {
      const icb = icbs[index % icbs.length];
      const { record, plan } = await createNationalProgramme(programmes, index, icb, PERIOD);
      const { id } = record;
      const practices = (await engine.workerContext.get(OrganisationRepository).practicesUnder(icb, lastDayOfMonth(firstMonth))).slice(0, PRACTICES_LIVE);
      for (let month = firstMonth; month <= PERIOD; month = addMonths(month, 1)) {
        for (const trajectory of plan.trajectories) {
          const recordedAt = new Date(`${lastDayOfMonth(month)}T10:00:00Z`);
          await programmes.recordActuals(id, trajectory.ref, month, practices.map((practice) => ({ odsCode: practice.odsCode, value: 1 })), recordedAt, recordedAt);
        }
      }
      programmeIds.push(id);
    });
    await analyse(engine);
    const port = await freePort();
    // Logging at info, as production does; the rate limit is the production default's concern, not this load's.
    // V8's helper threads sized to the machine, as docs/scaling.md says to run the API.
    api = await AppProcess.start(
      { ...engine.appEnvironment(), PMO_API_PORT: String(port), PMO_LOG_LEVEL: 'info', PMO_RATE_LIMIT_PER_MINUTE: '1000000', NODE_OPTIONS: API_NODE_OPTIONS },
      'api',
    );
    apiServer = { url: `http://127.0.0.1:${port}`, app: api };
    const plainPort = await freePort();
    plain = await AppProcess.start({ ...process.env, PORT: String(plainPort), NODE_OPTIONS: API_NODE_OPTIONS }, 'plain-node');
    plainServer = { url: `http://127.0.0.1:${plainPort}`, app: plain };
  }, 10 * MINUTES);

  afterAll(async () => {
    rmSync(loadDirectory, { recursive: true, force: true });
    try {
      await plain?.stop();
    } finally {
      await stopBenchmark(api, engine, temporal);
    }
  }, 2 * MINUTES);

  type Load = { path: (programmeId: string) => string; method?: 'GET' | 'PUT'; body?: string; signedIn: boolean };
  const headersOf = (options: Load) => ({
    ...(options.signedIn ? { authorization: engine.adminBearer } : {}),
    ...(options.body ? { 'content-type': 'application/json' } : {}),
  });
  /** Each request names the next programme in turn, so that no one programme's rows stay hot. */
  const nextProgramme = (() => {
    let next = 0;
    return () => programmeIds[next++ % programmeIds.length];
  })();

  /** Starts counting CPU time; `perRequest` shares what was used since among the requests answered, the load's as given or this process's. */
  function cpuMeter(server: Server): { perRequest: (requests: number, loadMs?: number) => Figures['cpuMsPerRequest'] } {
    const server0 = server.app.cpuMs();
    const postgres0 = postgresCpuMs();
    const load0 = process.cpuUsage();
    return {
      perRequest: (requests, loadMs) => {
        const own = process.cpuUsage(load0);
        return {
          api: (server.app.cpuMs() - server0) / requests,
          postgres: (postgresCpuMs() - postgres0) / requests,
          load: (loadMs ?? (own.user + own.system) / 1000) / requests,
        };
      },
    };
  }

  /** autocannon flat out: as many requests as CONNECTIONS connections get answered. */
  async function flatOut(label: string, options: Load, server = apiServer): Promise<Figures> {
    const cpu = cpuMeter(server);
    const result: Result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: headersOf(options),
      requests: [
        {
          method: options.method ?? 'GET',
          ...(options.body ? { body: options.body } : {}),
          setupRequest: (next) => ({ ...next, path: options.path(nextProgramme()) }),
        },
      ],
    });
    const cpuMsPerRequest = cpu.perRequest(result.requests.total);
    return { label, rate: 'flat out', p50: result.latency.p50, p99: result.latency.p99, perSecond: result.requests.average, non2xx: result.non2xx, errors: result.errors, cpuMsPerRequest };
  }

  /**
   * A steady open-loop load, sent from a process of its own (`steady-load.ts`) with a heap of a few MB. Sent from
   * this one, whose heap jest and the engine fill to 110 to 160 MB, each full collection here held up the requests
   * due meanwhile and took the CPU the API and PostgreSQL were on: the tail it measured was partly its own.
   */
  async function steady(label: string, rate: number, options: Load, server = apiServer): Promise<Figures> {
    const load: SteadyLoad = {
      url: server.url,
      rate,
      seconds: SECONDS,
      method: options.method ?? 'GET',
      paths: [...new Set(programmeIds.map(options.path))],
      headers: headersOf(options),
      ...(options.body ? { body: options.body } : {}),
    };
    const cpu = cpuMeter(server);
    const outcome = await runInOwnProcess(load);
    const cpuMsPerRequest = cpu.perRequest(outcome.latencies.length, outcome.cpuMs);
    const latencies = [...outcome.latencies].sort((a, b) => a - b);
    const percentile = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? NaN;
    const { non2xx, errors } = outcome;
    return { label, rate: `${rate}/s steady`, p50: percentile(0.5), p99: percentile(0.99), perSecond: latencies.length / outcome.elapsedSeconds, non2xx, errors, cpuMsPerRequest };
  }

  async function runInOwnProcess(load: SteadyLoad): Promise<SteadyOutcome> {
    // The API's own Node options: as few of V8's helper threads.
    const child = spawn(process.execPath, [loadScript], { env: { ...process.env, NODE_OPTIONS: API_NODE_OPTIONS }, stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(JSON.stringify(load));
    // 'close', not 'exit': the outcome may still be in the pipe when the process exits.
    const [code] = (await once(child, 'close')) as [number | null];
    if (code !== 0) throw new Error(`the steady load exited with ${code}`);
    return JSON.parse(output) as SteadyOutcome;
  }

  it(
    'measures status reads and updates beside a bare route',
    async () => {
      const update = JSON.stringify({ commentary: 'Load test update.', authorEmail: 'pm@nhs.example' });
      const statusReads: Load = { path: (id) => `/programmes/${id}`, signedIn: true };
      const bareRoute: Load = { path: () => '/health', signedIn: false };
      const updates: Load = { path: (id) => `/programmes/${id}/monthly-updates/${PERIOD}`, method: 'PUT', body: update, signedIn: true };
      const portfolios: Load = { path: () => '/programmes', signedIn: true };
      // Warm the app, its pool and PostgreSQL's caches before anything is measured.
      await steady('warm-up', READ_RATE / 4, statusReads);
      const runs = [
        await steady('plain Node server (no framework)', READ_RATE, bareRoute, plainServer),
        await steady('bare route (GET /health)', READ_RATE, bareRoute),
        await steady('status read (GET /programmes/:id)', READ_RATE, statusReads),
        await steady('update (PUT …/monthly-updates/:month)', WRITE_RATE, updates),
        await steady(`portfolio of ${PROGRAMMES} (GET /programmes)`, PORTFOLIO_RATE, portfolios),
        await flatOut('plain Node server (no framework)', bareRoute, plainServer),
        await flatOut('bare route (GET /health)', bareRoute),
        await flatOut('status read (GET /programmes/:id)', statusReads),
        await flatOut('update (PUT …/monthly-updates/:month)', updates),
      ];
      for (const run of runs) expect([run.label, run.non2xx, run.errors]).toEqual([run.label, 0, 0]);
      const [plainAtRate, bareAtRate, readsAtRate, writesAtRate, portfoliosAtRate, plainFlatOut, bare, reads, writes] = runs;
      const row = (figures: Figures, baseline: Figures) =>
        `${figures.label.padEnd(40)}${figures.rate.padStart(16)}${figures.p50.toFixed(0).padStart(8)}${figures.p99.toFixed(0).padStart(8)}${figures.perSecond.toFixed(0).padStart(10)}` +
        `${(figures.p99 / Math.max(1, baseline.p99)).toFixed(1).padStart(12)}${(figures.perSecond / baseline.perSecond).toFixed(2).padStart(12)}` +
        `${figures.cpuMsPerRequest.api.toFixed(2).padStart(9)}${figures.cpuMsPerRequest.postgres.toFixed(2).padStart(9)}${figures.cpuMsPerRequest.load.toFixed(2).padStart(9)}`;
      const lines = [
        '',
        `API latency benchmark: ${cpus().length} CPUs, node ${process.version} (API with NODE_OPTIONS=${API_NODE_OPTIONS}), ${PROGRAMMES} national programmes of 25 milestones, ${MONTHS_OF_ACTUALS} months of actuals a trajectory, ${SECONDS} s a run, flat out on ${CONNECTIONS} connections`,
        `${'run'.padEnd(40)}${'rate'.padStart(16)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'req/s'.padStart(10)}${'p99/bare'.padStart(12)}${'req/s/bare'.padStart(12)}${'API cpu'.padStart(9)}${'PG cpu'.padStart(9)}${'load cpu'.padStart(9)}`,
        row(plainAtRate, bareAtRate),
        row(bareAtRate, bareAtRate),
        row(readsAtRate, bareAtRate),
        row(writesAtRate, bareAtRate),
        row(portfoliosAtRate, bareAtRate),
        row(plainFlatOut, bare),
        row(bare, bare),
        row(reads, bare),
        row(writes, bare),
        'API cpu, PG cpu, load cpu: CPU ms per answered request used by the API (the plain server, in its rows), by PostgreSQL (all its processes) and by this load generator, which share the machine',
        `the machine's floor: a plain Node server's request costs ${plainAtRate.cpuMsPerRequest.api.toFixed(3)} ms of CPU at ${READ_RATE}/s, ${(plainAtRate.cpuMsPerRequest.api / plainFlatOut.cpuMsPerRequest.api).toFixed(1)} times its ${plainFlatOut.cpuMsPerRequest.api.toFixed(3)} ms flat out`,
        `status reads at a steady ${READ_RATE}/s: p99 ${readsAtRate.p99.toFixed(1)} ms (target: under 50 ms)`,
        `figures: ${JSON.stringify(runs)}`,
        '',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    },
    10 * MINUTES,
  );
});
