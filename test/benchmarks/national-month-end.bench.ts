import { cpus } from 'node:os';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { OrganisationRepository, ProgrammeRepository, ReportRepository } from '@pmo/application';
import { MONTH_END_WORKFLOW_TYPE, monthEndWorkflowId, PROGRAMME_TASK_QUEUE } from '@pmo/contracts';
import type { MonthEndInput, MonthEndSummary } from '@pmo/contracts';
import { lastDayOfMonth } from '@pmo/domain';
import { nationalIcbs, nationalOrganisationSample } from '@pmo/reference-data';
import type { OrganisationSample } from '@pmo/reference-data';
import { TestEngine } from '../support/engine';
import { startLocalTemporal } from '../support/temporal';
import { activityFigures, analyse, AppProcess, createNationalProgramme, inLanes, MINUTES, stopBenchmark } from './bench-support';

/**
 * The month-end cycle over a synthetic England: 42 ICBs, 1,250 PCNs, 6,300 practices and 2,000
 * programmes of 25 milestones with a monthly trajectory, on the real stack with the worker app in its
 * own process. Beside it, in the same script and on the same dev server, the server's own throughput
 * on trivial workflows: the ratio of the two is what the engine's orchestration costs. Not part of the
 * suite; run it with
 *   npm run bench:national             (PMO_BENCH_PROGRAMMES=500 for a shorter run)
 */
const PROGRAMMES = Number(process.env.PMO_BENCH_PROGRAMMES ?? 2000);
const PERIOD = '2026-11';
const TRIVIAL_WORKFLOWS = 2000;
const TRIVIAL_QUEUE = 'bench-trivial-workflows';
/** Clients starting trivial workflows at once: enough to keep the server busy, as the month-end's fan-out does. */
const TRIVIAL_LANES = 50;
const SEEDING_LANES = 10;
/** Practices of its ICB that a programme with actuals reports as live: half of an average ICB's. */
const PRACTICES_LIVE = 75;

if (!Number.isInteger(PROGRAMMES) || PROGRAMMES < 1) throw new Error(`PMO_BENCH_PROGRAMMES must be a positive whole number, not ${process.env.PMO_BENCH_PROGRAMMES}`);

/** Practices by ICB, in the sample's order. */
function practicesByIcb(sample: OrganisationSample): Map<string, string[]> {
  const parentOf = new Map(sample.organisations.map((organisation) => [organisation.odsCode, organisation.parentOdsCode]));
  const byIcb = new Map<string, string[]>();
  for (const practice of sample.organisations.filter((organisation) => organisation.kind === 'practice')) {
    const icb = parentOf.get(parentOf.get(practice.odsCode) as string) as string;
    byIcb.set(icb, [...(byIcb.get(icb) ?? []), practice.odsCode]);
  }
  return byIcb;
}

describe('national month-end benchmark', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let worker: AppProcess | undefined;
  let seeding: { organisations: number; programmes: number; actuals: number; seconds: number };

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withoutWorker: true });
    seeding = await seed();
    worker = await AppProcess.start(engine.appEnvironment());
  }, 20 * MINUTES);

  afterAll(() => stopBenchmark(worker, engine, temporal), 2 * MINUTES);

  async function seed(): Promise<typeof seeding> {
    const started = performance.now();
    const sample = nationalOrganisationSample(lastDayOfMonth(PERIOD));
    await engine.workerContext.get(OrganisationRepository).upsert(sample);
    const programmes = engine.workerContext.get(ProgrammeRepository);
    const icbs = nationalIcbs(sample);
    const practices = practicesByIcb(sample);
    let actuals = 0;
    await inLanes(PROGRAMMES, SEEDING_LANES, async (index) => {
      const icb = icbs[index % icbs.length];
      const { record } = await createNationalProgramme(programmes, index, icb, PERIOD);
      // Every other programme has its practices' actuals in, as a month-end finds them: some late, some not.
      if (index % 2 === 0) {
        const live = (practices.get(icb) as string[]).slice(0, PRACTICES_LIVE).map((odsCode) => ({ odsCode, value: 1 }));
        const recordedAt = new Date(`${PERIOD}-25T12:00:00Z`);
        await programmes.recordActuals(record.id, 'T01', PERIOD, live, recordedAt, recordedAt);
        actuals += live.length;
      }
    });
    await analyse(engine);
    return { organisations: sample.organisations.length, programmes: PROGRAMMES, actuals, seconds: (performance.now() - started) / 1000 };
  }

  /** The dev server's throughput on workflows that do nothing, from a worker in this process. */
  async function trivialThroughput(): Promise<{ workflows: number; seconds: number }> {
    const trivial = await Worker.create({
      connection: temporal.nativeConnection,
      taskQueue: TRIVIAL_QUEUE,
      workflowsPath: require.resolve('./workflows/trivial.workflow'),
    });
    const running = trivial.run();
    try {
      const started = performance.now();
      await inLanes(TRIVIAL_WORKFLOWS, TRIVIAL_LANES, async (index) => {
        await temporal.client.workflow.execute('trivialWorkflow', { taskQueue: TRIVIAL_QUEUE, workflowId: `bench-trivial-${index}`, args: [index] });
      });
      return { workflows: TRIVIAL_WORKFLOWS, seconds: (performance.now() - started) / 1000 };
    } finally {
      trivial.shutdown();
      await running;
    }
  }

  it(
    'builds the national month-end, and compares its throughput with the dev server’s on trivial workflows',
    async () => {
      const baseline = await trivialThroughput();
      const active = worker as AppProcess;
      const idle = active.memory();
      active.resetPeak();
      const started = performance.now();
      const handle = await temporal.client.workflow.start<(input: MonthEndInput) => Promise<MonthEndSummary>>(MONTH_END_WORKFLOW_TYPE, {
        workflowId: monthEndWorkflowId(PERIOD),
        taskQueue: PROGRAMME_TASK_QUEUE,
        args: [{ period: PERIOD }],
      });
      const summary = await handle.result();
      const seconds = (performance.now() - started) / 1000;
      const { peakKiB } = active.memory();
      const { activitySeconds, activityMeanMs } = activityFigures((await handle.fetchHistory()).events ?? []);
      const kept = await engine.workerContext.get(ReportRepository).list({ period: PERIOD, kind: 'highlight-report' });
      expect([summary.highlightReports.programmes, kept.length]).toEqual([PROGRAMMES, 2 * PROGRAMMES]);
      expect(summary.monthlyReturn?.rowCount ?? 0).toBeGreaterThan(0);

      const trivialPerSecond = baseline.workflows / baseline.seconds;
      const programmesPerSecond = PROGRAMMES / seconds;
      const fixed = (value: number, digits = 1) => value.toFixed(digits);
      const lines = [
        '',
        `national month-end benchmark: ${cpus().length} CPUs, node ${process.version}`,
        `seeding: ${seeding.organisations} organisations, ${seeding.programmes} programmes, ${seeding.actuals} practice actuals in ${fixed(seeding.seconds)} s`,
        `baseline: ${baseline.workflows} trivial workflows in ${fixed(baseline.seconds)} s = ${fixed(trivialPerSecond)} workflows/s`,
        `month-end ${PERIOD}: ${PROGRAMMES} programmes in ${fixed(seconds)} s = ${fixed(programmesPerSecond)} programmes/s (target: under 120 s)`,
        `orchestration overhead: a programme's month-end costs ${fixed(trivialPerSecond / programmesPerSecond, 2)} trivial workflows' time`,
        `  highlight reports ${fixed(activitySeconds.makeHighlightReport ?? 0)} s (${fixed(activityMeanMs.makeHighlightReport ?? 0, 0)} ms each), papers ${fixed(activitySeconds.makeCollatedReports ?? 0)} s, return ${fixed(activitySeconds.makeMonthlyReturn ?? 0)} s`,
        `worker RSS: idle ${fixed(idle.rssKiB / 1024, 0)} MiB, peak ${fixed(peakKiB / 1024, 0)} MiB`,
        `figures: ${JSON.stringify({ seeding, baseline, seconds, programmesPerSecond, activitySeconds, activityMeanMs, idleRssKiB: idle.rssKiB, peakKiB })}`,
        '',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    },
    30 * MINUTES,
  );
});
