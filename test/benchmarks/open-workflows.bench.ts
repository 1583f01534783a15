import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { OrganisationRepository, ProgrammeRepository } from '@pmo/application';
import { loadConfig } from '@pmo/config';
import { PROGRAMME_WORKFLOW_TYPE } from '@pmo/contracts';
import { lastDayOfMonth } from '@pmo/domain';
import { TemporalProgrammeScheduler } from '@pmo/orchestration';
import { nationalIcbs, nationalOrganisationSample } from '@pmo/reference-data';
import { TestEngine } from '../support/engine';
import { startLocalTemporal } from '../support/temporal';
import { AppProcess, createNationalProgramme, inLanes, MINUTES, stopBenchmark } from './bench-support';
import type { WorkerMemory } from './bench-support';

/**
 * The worker app's resident memory with many programme workflows open, each waiting on its milestone
 * timers: 10,000 (the figure) beside 1,000 started first in the same script, and the idle
 * worker before either. Not part of the suite; run it with
 *   npm run bench:workflows            (PMO_BENCH_WORKFLOWS=3000 for a shorter run)
 */
const WORKFLOWS = Number(process.env.PMO_BENCH_WORKFLOWS ?? 10_000);
const BASELINE = Math.min(1_000, WORKFLOWS);
/**
 * Plans placed two years ahead, so that every milestone is still to come: each workflow sleeps on its
 * timers, as a programme on track does, rather than escalating a past that the generator never completed.
 */
const PERIOD = '2028-11';
/** The practices' list sizes are as at a month already past. */
const LIST_SIZES_MONTH = '2026-11';
const LANES = 20;
/** The worker has settled when it used less than this share of one CPU over a whole window. */
const SETTLED_CPU = 0.05;
const SETTLE_WINDOW_MS = 5_000;
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds the process has used, from /proc (user and system). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

describe('open workflows benchmark', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let worker: AppProcess | undefined;
  let icbs: string[];

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withoutWorker: true });
    const sample = nationalOrganisationSample(lastDayOfMonth(LIST_SIZES_MONTH));
    await engine.workerContext.get(OrganisationRepository).upsert(sample);
    icbs = nationalIcbs(sample);
    worker = await AppProcess.start(engine.appEnvironment());
  }, 10 * MINUTES);

  afterAll(() => stopBenchmark(worker, engine, temporal), 2 * MINUTES);

  /** Creates programmes from..to-1 and starts each one's workflow, as the API does; then waits for the worker to go quiet. */
  async function open(from: number, to: number): Promise<{ seconds: number; memory: WorkerMemory }> {
    const programmes = engine.workerContext.get(ProgrammeRepository);
    const scheduler = new TemporalProgrammeScheduler(temporal.client);
    const started = performance.now();
    await inLanes(to - from, LANES, async (offset) => {
      const index = from + offset;
      const { record } = await createNationalProgramme(programmes, index, icbs[index % icbs.length], PERIOD);
      await scheduler.programmeChanged(record.id, { kind: 'created' });
    });
    const active = worker as AppProcess;
    for (;;) {
      const before = cpuSeconds(active.pid);
      await new Promise((done) => setTimeout(done, SETTLE_WINDOW_MS));
      if (cpuSeconds(active.pid) - before < (SETTLED_CPU * SETTLE_WINDOW_MS) / 1000) break;
    }
    return { seconds: (performance.now() - started) / 1000, memory: active.memory() };
  }

  it(
    'keeps the worker’s memory with every workflow open, against a tenth as many',
    async () => {
      const active = worker as AppProcess;
      const idle = active.memory();
      const baseline = await open(0, BASELINE);
      const main = await open(BASELINE, WORKFLOWS);
      const running = await temporal.client.workflow.count(`WorkflowType = '${PROGRAMME_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`);
      expect(running.count).toBe(WORKFLOWS);
      const mib = (kib: number) => (kib / 1024).toFixed(0);
      const lines = [
        '',
        `open workflows benchmark: ${cpus().length} CPUs, node ${process.version}, programmes of 25 milestones each, ` +
          `workflow cache ${loadConfig(engine.appEnvironment()).temporal.maxCachedWorkflows} (PMO_WORKER_MAX_CACHED_WORKFLOWS)`,
        `idle worker: RSS ${mib(idle.rssKiB)} MiB`,
        `${BASELINE} open: RSS ${mib(baseline.memory.rssKiB)} MiB, peak ${mib(baseline.memory.peakKiB)} MiB (started and settled in ${baseline.seconds.toFixed(0)} s)`,
        `${WORKFLOWS} open: RSS ${mib(main.memory.rssKiB)} MiB, peak ${mib(main.memory.peakKiB)} MiB (the rest started and settled in ${main.seconds.toFixed(0)} s)`,
        `RSS ${WORKFLOWS} / ${BASELINE}: ${(main.memory.rssKiB / baseline.memory.rssKiB).toFixed(2)}; per open workflow above idle: ${((main.memory.rssKiB - idle.rssKiB) / WORKFLOWS).toFixed(1)} KiB (target: under 1.5 GiB in all)`,
        `running workflows counted by the server: ${running.count}`,
        `figures: ${JSON.stringify({ idle, baseline, main, running: running.count })}`,
        '',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    },
    60 * MINUTES,
  );
});
