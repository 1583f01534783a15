import { cpus } from 'node:os';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { newProgramme, OrganisationRepository, ProgrammeRepository, ReportRepository, shiftPlan } from '@pmo/application';
import type { ProgrammeTemplate } from '@pmo/application';
import { MONTH_END_WORKFLOW_TYPE, monthEndWorkflowId, PROGRAMME_TASK_QUEUE } from '@pmo/contracts';
import type { MonthEndInput, MonthEndSummary } from '@pmo/contracts';
import { addMonths } from '@pmo/domain';
import { YamlProgrammeTemplates } from '@pmo/reference-data';
import type { OrganisationSample } from '@pmo/reference-data';
import { TestEngine } from '../support/engine';
import { startLocalTemporal } from '../support/temporal';
import { activityFigures, AppProcess, inLanes, MINUTES, stopBenchmark } from './bench-support';
import type { WorkerMemory } from './bench-support';

/**
 * The month-end cycle for many synthetic programmes on the real stack, with the worker app in a child
 * process of its own so that its memory can be read. Not part of the suite; run it with
 *   npm run bench:month-end            (PMO_BENCH_PROGRAMMES=500 for a shorter run)
 * Machines are noisy, so figures are given as ratios against a baseline cycle of 100 programmes run
 * a moment earlier on the same worker, after an unmeasured warm-up cycle.
 */
const PROGRAMMES = Number(process.env.PMO_BENCH_PROGRAMMES ?? 2000);
const BASELINE_PROGRAMMES = Math.min(100, PROGRAMMES);
const MAIN_PERIOD = '2026-11';
/** Five years earlier: the baseline's programmes stand where the main run's do relative to their period, but end before it. */
const BASELINE_PERIOD = '2021-11';
/** A small cycle first, so that neither measured run pays for the worker's first workflow and cold code. */
const WARM_UP_PERIOD = '2016-11';
const WARM_UP_PROGRAMMES = 20;
/** The worker app's own pool is ten connections; seeding writes through the test's pool, also ten. */
const SEEDING_LANES = 10;
/** Practices given actuals per trajectory: enough for real figures, few enough to keep seeding quick. */
const PRACTICES_WITH_ACTUALS = 8;

/** The CCG and its twelve transformation areas, so that the papers and the return have one section each. */
const ORGANISATIONS = ['11J', ...Array.from({ length: 12 }, (_, index) => `11JT${String(index + 1).padStart(2, '0')}`)];

if (!Number.isInteger(PROGRAMMES) || PROGRAMMES < 1) throw new Error(`PMO_BENCH_PROGRAMMES must be a positive whole number, not ${process.env.PMO_BENCH_PROGRAMMES}`);

/** Every practice under an organisation, by ODS code. */
function practicesUnder(sample: OrganisationSample, odsCode: string): string[] {
  const children = new Map<string, string[]>();
  for (const organisation of sample.organisations) {
    if (organisation.parentOdsCode === null) continue;
    children.set(organisation.parentOdsCode, [...(children.get(organisation.parentOdsCode) ?? []), organisation.odsCode]);
  }
  const practices = new Set(sample.organisations.filter((organisation) => organisation.kind === 'practice').map((organisation) => organisation.odsCode));
  const found: string[] = [];
  const visit = (code: string) => {
    if (practices.has(code)) found.push(code);
    (children.get(code) ?? []).forEach(visit);
  };
  visit(odsCode);
  return found.sort();
}

interface RunFigures {
  period: string;
  programmes: number;
  wallSeconds: number;
  programmesPerSecond: number;
  /** First scheduled to last completed, per activity type, from the workflow's history. */
  activitySeconds: Record<string, number>;
  /** Mean time from an activity's start to its completion, per type. */
  activityMeanMs: Record<string, number>;
  historyEvents: number;
  peakKiB: number;
  returnRows: number;
  keptHighlightReports: number;
}

describe('month-end benchmark', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let worker: AppProcess | undefined;
  let idle: WorkerMemory;
  let peakResets = true;
  let seeding: { programmes: number; seconds: number };

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withoutWorker: true });
    const sample = await engine.seedOrganisations();
    seeding = await seedProgrammes(sample);
    worker = await AppProcess.start(engine.appEnvironment());
    // Let start-up garbage settle before the idle reading.
    await new Promise((done) => setTimeout(done, 5_000));
    idle = worker.memory();
  }, 10 * MINUTES);

  afterAll(() => stopBenchmark(worker, engine, temporal), 2 * MINUTES);

  /** The synthetic programmes: the templates round-robin, each shifted to start 0 to 11 months before its period. */
  async function seedProgrammes(sample: OrganisationSample): Promise<{ programmes: number; seconds: number }> {
    const programmes = engine.workerContext.get(ProgrammeRepository);
    const organisations = engine.workerContext.get(OrganisationRepository);
    const catalogue = new YamlProgrammeTemplates();
    const templates = catalogue.list().map((summary) => catalogue.get(summary.id) as ProgrammeTemplate);
    const practices = new Map(ORGANISATIONS.map((odsCode) => [odsCode, practicesUnder(sample, odsCode).slice(0, PRACTICES_WITH_ACTUALS)]));
    // As the template use case does: phase members outside the programme's organisation are left out.
    const outsiders = new Map<string, Promise<Set<string>>>();
    const outside = (template: ProgrammeTemplate, odsCode: string) => {
      const key = `${template.id} ${odsCode}`;
      if (!outsiders.has(key)) {
        const members = template.plan.phases.flatMap((phase) => phase.members);
        outsiders.set(key, Promise.all([organisations.unknown(members), organisations.outside(odsCode, members)]).then((lists) => new Set(lists.flat())));
      }
      return outsiders.get(key) as Promise<Set<string>>;
    };

    const seedOne = async (index: number, period: string) => {
      const template = templates[index % templates.length];
      const organisation = ORGANISATIONS[index % ORGANISATIONS.length];
      const startDate = `${addMonths(period, -(index % 12))}-01`;
      const createdAt = new Date(`${startDate}T09:00:00Z`);
      const updatedAt = new Date(`${period}-20T12:00:00Z`);
      const shifted = shiftPlan(template.plan, startDate);
      const left = await outside(template, organisation);
      const plan = {
        ...shifted,
        name: `${shifted.name} (${organisation}, ${period} #${index + 1})`,
        phases: shifted.phases.map((phase) => ({ ...phase, members: phase.members.filter((member) => !left.has(member)) })),
      };
      const people = { leadEmail: `lead.${index + 1}@dorset.nhs.example`, organisation };
      const record = await programmes.create(newProgramme(plan, people, createdAt, { id: template.id, version: template.version }), createdAt);
      if (index % 2 === 0) {
        const actuals = (practices.get(organisation) as string[]).map((odsCode) => ({ odsCode, value: 1 }));
        for (const trajectory of plan.trajectories) await programmes.recordActuals(record.id, trajectory.ref, period, actuals, updatedAt, updatedAt);
      }
      if (index % 3 === 0) {
        await programmes.saveMonthlyUpdate(
          record.id,
          {
            month: period,
            commentary: `Synthetic update ${index + 1}: mobilisation on track in ${organisation}.`,
            achievements: 'Practices signed up; hub rota agreed.',
            nextPeriodPlans: 'Go-live in the next tranche of practices.',
            authorEmail: `pm.${index + 1}@dorset.nhs.example`,
          },
          updatedAt,
        );
      }
    };

    const started = performance.now();
    await inLanes(WARM_UP_PROGRAMMES, SEEDING_LANES, (index) => seedOne(index, WARM_UP_PERIOD));
    await inLanes(BASELINE_PROGRAMMES, SEEDING_LANES, (index) => seedOne(index, BASELINE_PERIOD));
    await inLanes(PROGRAMMES, SEEDING_LANES, (index) => seedOne(index, MAIN_PERIOD));
    return { programmes: WARM_UP_PROGRAMMES + BASELINE_PROGRAMMES + PROGRAMMES, seconds: (performance.now() - started) / 1000 };
  }

  async function runMonthEnd(period: string, expected: number): Promise<RunFigures> {
    const active = worker as AppProcess;
    peakResets = active.resetPeak() && peakResets;
    const started = performance.now();
    const handle = await temporal.client.workflow.start<(input: MonthEndInput) => Promise<MonthEndSummary>>(MONTH_END_WORKFLOW_TYPE, {
      workflowId: monthEndWorkflowId(period),
      taskQueue: PROGRAMME_TASK_QUEUE,
      args: [{ period }],
    });
    const summary = await handle.result();
    const wallSeconds = (performance.now() - started) / 1000;
    const { peakKiB } = active.memory();

    const events = (await handle.fetchHistory()).events ?? [];
    const { activitySeconds, activityMeanMs } = activityFigures(events);

    const kept = await engine.workerContext.get(ReportRepository).list({ period, kind: 'highlight-report' });
    const figures: RunFigures = {
      period,
      programmes: summary.highlightReports.programmes,
      wallSeconds,
      programmesPerSecond: summary.highlightReports.programmes / wallSeconds,
      activitySeconds,
      activityMeanMs,
      historyEvents: events.length,
      peakKiB,
      returnRows: summary.monthlyReturn?.rowCount ?? 0,
      keptHighlightReports: kept.length,
    };
    const problems = [
      summary.highlightReports.programmes === expected ? null : `the cycle reported on ${summary.highlightReports.programmes} programmes, not ${expected}`,
      kept.length === 2 * expected ? null : `${kept.length} highlight reports kept, not ${2 * expected}`,
      figures.returnRows > 0 ? null : 'the return has no rows',
      summary.collated.length >= 2 ? null : `only ${summary.collated.length} collated papers`,
    ].filter((problem) => problem !== null);
    if (problems.length > 0) throw new Error(`month-end ${period} is wrong: ${problems.join('; ')}\nworker output:\n${active.tail()}`);
    return figures;
  }

  it(
    'builds the month-end for every programme and reports throughput and worker memory against a baseline',
    async () => {
      await runMonthEnd(WARM_UP_PERIOD, WARM_UP_PROGRAMMES);
      const baseline = await runMonthEnd(BASELINE_PERIOD, BASELINE_PROGRAMMES);
      const main = await runMonthEnd(MAIN_PERIOD, PROGRAMMES);
      printFigures({ seeding, idle, baseline, main, peakResets, complaints: (worker as AppProcess).complaints() });
    },
    30 * MINUTES,
  );
});

function printFigures(figures: {
  seeding: { programmes: number; seconds: number };
  idle: WorkerMemory;
  baseline: RunFigures;
  main: RunFigures;
  peakResets: boolean;
  complaints: string[];
}): void {
  const { seeding, idle, baseline, main } = figures;
  const mib = (kib: number) => (kib / 1024).toFixed(0);
  const fixed = (value: number, digits = 1) => value.toFixed(digits);
  const row = (label: string, base: string, run: string, ratio = '') => `${label.padEnd(34)}${base.padStart(14)}${run.padStart(14)}${ratio.padStart(16)}`;
  const activity = (label: string, type: string) =>
    row(
      `  ${label} (s)`,
      fixed(baseline.activitySeconds[type] ?? 0),
      fixed(main.activitySeconds[type] ?? 0),
      baseline.activitySeconds[type] ? fixed((main.activitySeconds[type] ?? 0) / baseline.activitySeconds[type], 2) : '',
    );
  const mean = (label: string, type: string) =>
    row(`  ${label} (ms each)`, fixed(baseline.activityMeanMs[type] ?? 0, 0), fixed(main.activityMeanMs[type] ?? 0, 0), baseline.activityMeanMs[type] ? fixed((main.activityMeanMs[type] ?? 0) / baseline.activityMeanMs[type], 2) : '');
  const lines = [
    '',
    `month-end benchmark: ${cpus().length} CPUs, node ${process.version}`,
    `seeding: ${seeding.programmes} programmes in ${fixed(seeding.seconds)} s (${fixed(seeding.programmes / seeding.seconds)} programmes/s)`,
    `worker idle RSS ${mib(idle.rssKiB)} MiB (start-up peak ${mib(idle.peakKiB)} MiB)`,
    '',
    row('', `baseline ${baseline.period}`, `main ${main.period}`, 'main/baseline'),
    row('programmes', String(baseline.programmes), String(main.programmes), fixed(main.programmes / baseline.programmes, 0)),
    row('wall seconds', fixed(baseline.wallSeconds), fixed(main.wallSeconds), fixed(main.wallSeconds / baseline.wallSeconds, 2)),
    row('programmes per second', fixed(baseline.programmesPerSecond), fixed(main.programmesPerSecond), fixed(main.programmesPerSecond / baseline.programmesPerSecond, 2)),
    activity('highlight reports', 'makeHighlightReport'),
    mean('highlight report', 'makeHighlightReport'),
    activity('collated papers', 'makeCollatedReports'),
    activity('NHS England return', 'makeMonthlyReturn'),
    row('worker peak RSS, VmHWM (MiB)', mib(baseline.peakKiB), mib(main.peakKiB), fixed(main.peakKiB / baseline.peakKiB, 2)),
    row('worker peak / idle RSS', fixed(baseline.peakKiB / idle.rssKiB, 2), fixed(main.peakKiB / idle.rssKiB, 2)),
    row('return rows', String(baseline.returnRows), String(main.returnRows)),
    row('highlight reports kept', String(baseline.keptHighlightReports), String(main.keptHighlightReports)),
    row('workflow history events', String(baseline.historyEvents), String(main.historyEvents)),
    '',
    figures.peakResets ? 'each run\'s peak is its own (clear_refs reset before it)' : 'clear_refs refused: the main run\'s peak includes the baseline\'s',
    `worker WARN/ERROR lines: ${figures.complaints.length}${figures.complaints.length > 0 ? `\n  ${figures.complaints.slice(0, 10).join('\n  ')}` : ''}`,
    `figures: ${JSON.stringify({ seeding, idleRssKiB: idle.rssKiB, baseline, main })}`,
    '',
  ];
  // Straight to stdout: jest would wrap console.log in a stack trace per call.
  process.stdout.write(`${lines.join('\n')}\n`);
}
