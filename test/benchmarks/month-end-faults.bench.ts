import { cpus } from 'node:os';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client } from 'pg';
import { MonthEndSettings, OrganisationRepository, ProgrammeRepository, ProgrammeStatusService } from '@pmo/application';
import { MONTH_END_SCHEDULE_ID, monthEndWorkflowId } from '@pmo/contracts';
import type { MonthEndTickResult } from '@pmo/contracts';
import { addDays, addMonths, cycleDays, endOfLondonDay, lastDayOfMonth, startOfLondonDay } from '@pmo/domain';
import { messageIdOf } from '@pmo/notifications';
import { nationalIcbs, nationalOrganisationSample } from '@pmo/reference-data';
import { TestEngine } from '../support/engine';
import { waitUntil } from '../support/eventually';
import { OwnPostgres } from '../support/own-postgres';
import { OwnRedis } from '../support/own-redis';
import { PersistentDevServer } from '../support/temporal';
import { AppProcess, createNationalProgramme, inLanes, MINUTES } from './bench-support';

/**
 * Fault runs: the month-end cycle of a period, as the Schedule starts it on its run day, with one fault
 * injected part-way through: the worker app killed -9 and started again, the same for the notifier app,
 * then the Temporal dev server, Redis and PostgreSQL each stopped and started again 5 s later; first, the
 * same cycle undisturbed, the baseline for their times. Each run has a database and a period
 * of its own, so its counts stand alone; afterwards every report must exist once and every message must
 * have reached the SMTP receiver once (counted there by Message-ID), with the delivery log agreeing.
 * The services are the script's own (a PostgreSQL cluster made by infra/postgres.sh under another name,
 * a Redis, a dev server on a SQLite file), so that restarting them disturbs nothing else. Not part of the
 * suite; run it with
 *   npm run bench:faults               (PMO_BENCH_PROGRAMMES=100, PMO_BENCH_FAULTS=none,worker for a shorter run)
 */
const PROGRAMMES = Number(process.env.PMO_BENCH_PROGRAMMES ?? 300);
/** `none` first: the same cycle undisturbed, the baseline the others' times compare with. */
const FAULTS = ['none', 'worker', 'notifier', 'temporal', 'redis', 'postgres'] as const;
type Fault = (typeof FAULTS)[number];
const CHOSEN = (process.env.PMO_BENCH_FAULTS?.split(',') ?? FAULTS) as Fault[];
/** A period per fault, so that no run's workflows, reports or messages are another's. */
const PERIOD_OF: Record<Fault, string> = { none: '2026-04', worker: '2026-05', notifier: '2026-06', temporal: '2026-07', redis: '2026-08', postgres: '2026-09' };
/**
 * Where in the cycle each fault lands: among the highlight reports (the worker's activities on PostgreSQL and
 * Temporal), or among the messages (the duties enqueueing, the notifier sending and recording).
 */
const INJECT_DURING: Record<Fault, 'reports' | 'messages'> = { none: 'reports', worker: 'reports', notifier: 'messages', temporal: 'reports', redis: 'messages', postgres: 'messages' };
/** The fault lands once this share of that work is done. */
const INJECT_AT = 1 / 3;
/** How long a restarted service stays down: long enough that its clients find it gone, not just blinking. */
const OUTAGE_MS = 5_000;
const SEEDING_LANES = 10;
/** A small England (42 ICBs), so that seeding is quick; the programmes are the national benchmark's. */
const SAMPLE_SIZE = { pcns: 84, practices: 420 };
/** Long enough for a cycle held up by a fault to finish, short enough to call one that has not stuck. */
const CYCLE_LIMIT_MS = 6 * MINUTES;
/** temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED (the proto package is not ours to import). */
const PENDING_ACTIVITY_STARTED = 2;
/** Jobs the notifier works at once (EmailJobProcessor's default): what a kill -9 can catch between sending and recording. */
const NOTIFIER_CONCURRENCY = 10;
/** After the last expected message, time for a repeat to arrive. */
const REPEAT_GRACE_MS = 3_000;

if (!Number.isInteger(PROGRAMMES) || PROGRAMMES < 30) throw new Error(`PMO_BENCH_PROGRAMMES must be a whole number from 30, not ${process.env.PMO_BENCH_PROGRAMMES}`);
const unknown = CHOSEN.filter((fault) => !FAULTS.includes(fault));
if (unknown.length > 0) throw new Error(`PMO_BENCH_FAULTS names no fault ${unknown.join(', ')}: choose from ${FAULTS.join(', ')}`);

/** What the seeded period owes: its programmes' reports, and its messages by kind. */
interface Expected {
  programmes: number;
  messages: Record<string, number>;
}

interface Counted {
  expected: number;
  actual: number;
  duplicates: number;
}

interface RunFigures {
  fault: Fault;
  period: string;
  /** What was done when the fault landed, of what there was to do. */
  injectedAt: { done: number; of: number; what: 'reports' | 'messages' };
  /** Fault injected to the service (or app) answering again. */
  recoverySeconds: number;
  /** Fault injected to the first report made or message received after the recovery. */
  resumedSeconds: number | null;
  cycleSeconds: number;
  highlightReports: Counted;
  papers: Counted;
  returns: Counted;
  /** Duplicates are messages received again under a Message-ID already received: a crash between sending and recording. */
  messages: Counted;
  /** Tries the log holds as interrupted: cut short between the message leaving and its outcome recorded, so sent again. */
  interruptedTries: number;
  /** Activities the cycle ran more than once, by type, with why the last attempt before failed. */
  retried: Record<string, { count: number; causes: string[] }>;
  deliveryLogSent: number;
  notificationsSent: number;
  /** The notifier's tries again to record a message it had sent, while the database was away. */
  recordRetries: number;
  problems: string[];
}

describe('month-end fault runs', () => {
  let postgres: OwnPostgres;
  let redis: OwnRedis;
  let server: PersistentDevServer;
  let temporal: TestWorkflowEnvironment;
  const figures: RunFigures[] = [];

  beforeAll(async () => {
    [postgres, redis, server] = await Promise.all([OwnPostgres.start(), OwnRedis.start(), PersistentDevServer.start()]);
    temporal = await server.environment();
  }, 5 * MINUTES);

  afterAll(async () => {
    try {
      await temporal?.teardown();
    } finally {
      await Promise.allSettled([server?.down(), redis?.down(), postgres?.drop()]);
    }
  }, 2 * MINUTES);

  /** The period's programmes, a third with their monthly update in; answers what the cycle owes. */
  async function seed(engine: TestEngine, period: string): Promise<Expected> {
    const sample = nationalOrganisationSample(lastDayOfMonth(period), SAMPLE_SIZE);
    await engine.workerContext.get(OrganisationRepository).upsert(sample);
    const programmes = engine.workerContext.get(ProgrammeRepository);
    const status = engine.workerContext.get(ProgrammeStatusService);
    const icbs = nationalIcbs(sample);
    let missingUpdates = 0;
    let redTwice = 0;
    await inLanes(PROGRAMMES, SEEDING_LANES, async (index) => {
      const icb = icbs[index % icbs.length];
      const { record } = await createNationalProgramme(programmes, index, icb, period);
      if (index % 3 === 0) {
        await programmes.saveMonthlyUpdate(
          record.id,
          { month: period, commentary: `Update ${index + 1}: on track.`, achievements: 'Practices signed up.', nextPeriodPlans: 'Next tranche.', authorEmail: `pm.${index + 1}@nhs.example` },
          new Date(`${period}-20T12:00:00Z`),
        );
      } else {
        missingUpdates += 1;
      }
      // Red at this month end and the last is escalated; these programmes name a lead only, so to one person each.
      const loaded = await programmes.loadPlan(record.id);
      const [now, before] = await Promise.all([period, addMonths(period, -1)].map((month) => status.assess(loaded as NonNullable<typeof loaded>, endOfLondonDay(lastDayOfMonth(month)))));
      if (now.status === 'Red' && before.status === 'Red') redTwice += 1;
    });
    return { programmes: PROGRAMMES, messages: { 'update-escalation': missingUpdates, 'programme-red': redTwice } };
  }

  /** Counts in the run's database, each on a connection of its own, so that one lost to a restart costs one reading. */
  async function query<Row>(engine: TestEngine, sql: string, parameters: unknown[]): Promise<Row[]> {
    const client = new Client({ connectionString: engine.config.database.migrationUrl });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /** Programmes with their highlight report made; null while the database cannot answer. */
  async function reportsMade(engine: TestEngine, period: string): Promise<number | null> {
    try {
      const [{ made }] = await query<{ made: number }>(engine, `SELECT count(DISTINCT programme_id)::int AS made FROM reports WHERE period = $1 AND kind = 'highlight-report'`, [period]);
      return made;
    } catch {
      return null;
    }
  }

  /** The period's month-end messages the SMTP receiver has, by Message-ID. */
  function received(engine: TestEngine, period: string) {
    const emails = engine.inbox.emails.filter((email) => email.headers['x-pmo-period'] === period && email.headers['x-pmo-notification-kind'] !== undefined);
    return { emails, byMessageId: new Map(emails.map((email) => [email.headers['message-id'], email])) };
  }

  /** Starts the period's run-day tick as the Schedule would have (a backfill of that London day); answers its workflow id. */
  async function startRunDay(engine: TestEngine, period: string): Promise<string> {
    const { runDay } = cycleDays(period, engine.workerContext.get(MonthEndSettings).rule, engine.workerContext.get(ProgrammeStatusService).workingCalendar());
    const [start, end] = [startOfLondonDay(runDay), startOfLondonDay(addDays(runDay, 1))];
    const schedule = temporal.client.schedule.getHandle(MONTH_END_SCHEDULE_ID);
    await schedule.backfill({ start, end: new Date(end.getTime() - 1) });
    let workflowId: string | undefined;
    await waitUntil(
      async () => {
        const { info } = await schedule.describe();
        workflowId = info.recentActions.find((action) => action.scheduledAt >= start && action.scheduledAt < end)?.action.workflow.workflowId;
        return workflowId !== undefined;
      },
      60_000,
      `the tick of ${runDay}`,
    );
    return workflowId as string;
  }

  /** Whether the workflow has an activity that a worker has taken and not finished. */
  async function activityRunning(workflowId: string): Promise<boolean> {
    const { raw } = await temporal.client.workflow.getHandle(workflowId).describe();
    return (raw.pendingActivities ?? []).some((activity) => activity.state === PENDING_ACTIVITY_STARTED);
  }

  /** Whether the tick has finished; false too while the server cannot answer (it is being restarted). */
  async function tickClosed(workflowId: string): Promise<boolean> {
    try {
      return (await temporal.client.workflow.getHandle(workflowId).describe()).status.name !== 'RUNNING';
    } catch {
      return false;
    }
  }

  /** Activity attempts after the first in the workflows' histories: what the fault cost the cycle. */
  async function retriedActivities(workflowIds: string[]): Promise<RunFigures['retried']> {
    const retried: RunFigures['retried'] = {};
    for (const workflowId of workflowIds) {
      const events = (await temporal.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
      const typeOf = new Map(events.map((event) => [String(event.eventId), event.activityTaskScheduledEventAttributes?.activityType?.name ?? '']));
      for (const event of events) {
        const started = event.activityTaskStartedEventAttributes;
        if (!started || (started.attempt ?? 1) <= 1) continue;
        const type = typeOf.get(String(started.scheduledEventId)) ?? '?';
        const entry = (retried[type] ??= { count: 0, causes: [] });
        entry.count += 1;
        const cause = started.lastFailure?.message ?? '?';
        if (!entry.causes.includes(cause)) entry.causes.push(cause);
      }
    }
    return retried;
  }

  async function inject(fault: Fault, engine: TestEngine, apps: { worker: AppProcess; notifier: AppProcess }): Promise<void> {
    switch (fault) {
      case 'none':
        return;
      case 'worker':
        await apps.worker.kill();
        apps.worker = await AppProcess.start(engine.appEnvironment(), 'worker');
        return;
      case 'notifier':
        await apps.notifier.kill();
        apps.notifier = await AppProcess.start(engine.appEnvironment(), 'notifier');
        return;
      default: {
        const service = { temporal: server, redis, postgres }[fault];
        await service.down();
        await new Promise((outage) => setTimeout(outage, OUTAGE_MS));
        await service.up();
      }
    }
  }

  async function faultRun(fault: Fault): Promise<RunFigures> {
    const period = PERIOD_OF[fault];
    const problems: string[] = [];
    const engine = await TestEngine.start({ temporal, withoutWorker: true, withoutNotifier: true, environment: { ...postgres.environment(), PMO_REDIS_URL: redis.url } });
    const apps: { worker?: AppProcess; notifier?: AppProcess } = {};
    try {
      const expected = await seed(engine, period);
      const messagesExpected = Object.values(expected.messages).reduce((sum, count) => sum + count, 0);
      apps.worker = await AppProcess.start(engine.appEnvironment(), 'worker');
      apps.notifier = await AppProcess.start(engine.appEnvironment(), 'notifier');

      const started = performance.now();
      const tickId = await startRunDay(engine, period);
      const onMessages = INJECT_DURING[fault] === 'messages';
      const done = async () => (onMessages ? received(engine, period).byMessageId.size : ((await reportsMade(engine, period)) ?? 0));
      const of = onMessages ? messagesExpected : expected.programmes;
      // In the middle of the reports is while the cycle has an activity running: a fault between two batches would miss it.
      await waitUntil(
        async () => (await done()) >= of * INJECT_AT && (onMessages || (await activityRunning(monthEndWorkflowId(period)))),
        2 * MINUTES,
        `a third of the ${onMessages ? 'messages' : 'reports'} before the fault`,
      );
      const injectedAt = { done: await done(), of, what: onMessages ? ('messages' as const) : ('reports' as const) };

      const faultAt = performance.now();
      await inject(fault, engine, apps as { worker: AppProcess; notifier: AppProcess });
      const recoverySeconds = (performance.now() - faultAt) / 1000;
      // Counted from the recovery: what was committed before the fault but seen after it is no progress.
      const doneAtRecovery = await done();
      let resumedSeconds: number | null = null;
      const progressed = async () => {
        if (resumedSeconds === null && (await done()) > doneAtRecovery) resumedSeconds = (performance.now() - faultAt) / 1000;
      };

      try {
        await waitUntil(
          async () => {
            await progressed();
            return tickClosed(tickId);
          },
          CYCLE_LIMIT_MS,
          'the run day’s tick to finish',
        );
      } catch (error) {
        problems.push((error as Error).message);
      }
      const cycleSeconds = (performance.now() - started) / 1000;
      const tickHandle = temporal.client.workflow.getHandle(tickId);
      const closedAs = problems.length === 0 ? (await tickHandle.describe()).status.name : 'RUNNING';
      if (problems.length === 0 && closedAs !== 'COMPLETED') problems.push(`the tick closed ${closedAs}`);
      const tick = closedAs === 'COMPLETED' ? ((await tickHandle.result()) as MonthEndTickResult) : null;

      // Every message in, each recorded as sent, then a moment for any repeat.
      const sentInLog = async () => {
        const [{ sent }] = await query<{ sent: number }>(engine, `SELECT count(*)::int AS sent FROM delivery_attempts WHERE outcome = 'sent' AND delivery_key LIKE 'notification.%'`, []);
        return sent;
      };
      try {
        await waitUntil(
          async () => {
            await progressed();
            return received(engine, period).byMessageId.size >= messagesExpected && (await sentInLog()) >= messagesExpected;
          },
          2 * MINUTES,
          `all ${messagesExpected} messages delivered`,
        );
      } catch (error) {
        problems.push((error as Error).message);
      }
      await new Promise((grace) => setTimeout(grace, REPEAT_GRACE_MS));

      const reportRows = await query<{ kind: string; subject: string; format: string; copies: number }>(
        engine,
        `SELECT kind, coalesce(programme_id::text, organisation_ods_code, '') AS subject, format, count(*)::int AS copies FROM reports WHERE period = $1 GROUP BY 1, 2, 3`,
        [period],
      );
      const counted = (rows: typeof reportRows, expectedCount: number): Counted => ({
        expected: expectedCount,
        actual: rows.length,
        duplicates: rows.reduce((sum, row) => sum + row.copies - 1, 0),
      });
      const highlightReports = counted(
        reportRows.filter((row) => row.kind === 'highlight-report'),
        2 * expected.programmes,
      );
      // The papers the cycle says it made; the table must hold each once and no other.
      const papers = counted(
        reportRows.filter((row) => row.kind !== 'highlight-report'),
        tick?.cycle?.collated ?? Number.NaN,
      );
      const returnRows = await query<{ version: number; copies: number }>(engine, `SELECT version, count(*)::int AS copies FROM monthly_returns WHERE period = $1 GROUP BY version`, [period]);
      const returns: Counted = { expected: 1, actual: returnRows.length, duplicates: returnRows.reduce((sum, row) => sum + row.copies - 1, 0) };

      const retried = await retriedActivities([tickId, monthEndWorkflowId(period)]);
      const { emails, byMessageId } = received(engine, period);
      const byKind = (kind: string) => [...byMessageId.values()].filter((email) => email.headers['x-pmo-notification-kind'] === kind).length;
      const messages: Counted = { expected: messagesExpected, actual: byMessageId.size, duplicates: emails.length - byMessageId.size };
      // A second notification of the same thing would come under a Message-ID of its own: count what they say, too.
      const sameContent = byMessageId.size - new Set([...byMessageId.values()].map((email) => `${email.to.join(',')} ${email.subject}`)).size;
      const [{ recorded, sent }] = await query<{ recorded: number; sent: number }>(
        engine,
        `SELECT count(*)::int AS recorded, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM notifications WHERE period = $1`,
        [period],
      );
      const deliveryLogSent = await sentInLog();
      const interrupted = new Set(
        (await query<{ delivery_key: string }>(engine, `SELECT delivery_key FROM delivery_attempts WHERE outcome = 'interrupted' AND delivery_key LIKE 'notification.%'`, [])).map(
          (row) => messageIdOf(row.delivery_key),
        ),
      );
      const repeated = new Set(emails.map((email) => email.headers['message-id'] as string).filter((messageId, index, all) => all.indexOf(messageId) !== index));

      if (highlightReports.actual !== highlightReports.expected || highlightReports.duplicates > 0) problems.push(`highlight reports: ${JSON.stringify(highlightReports)}`);
      if (papers.actual !== papers.expected || papers.duplicates > 0) problems.push(`papers: ${JSON.stringify(papers)}`);
      if (returns.actual !== 1 || returns.duplicates > 0 || returnRows[0]?.version !== 1) problems.push(`return versions: ${JSON.stringify(returnRows)}`);
      for (const [kind, count] of Object.entries(expected.messages)) if (byKind(kind) !== count) problems.push(`${kind}: ${byKind(kind)} received, ${count} expected`);
      if (messages.actual !== messages.expected) problems.push(`messages: ${messages.actual} distinct received, ${messages.expected} expected`);
      if (sameContent > 0) problems.push(`${sameContent} messages received twice under different Message-IDs`);
      if (recorded !== messagesExpected || sent !== messagesExpected) problems.push(`notifications: ${recorded} recorded, ${sent} sent, ${messagesExpected} expected`);
      if (deliveryLogSent !== messagesExpected) problems.push(`delivery log: ${deliveryLogSent} sent, ${messagesExpected} expected`);
      // Only a try the killed notifier had in hand can be cut short; it is sent again under its own Message-ID, and the log says so.
      const interruptionsPossible = fault === 'notifier' ? NOTIFIER_CONCURRENCY : 0;
      if (interrupted.size > interruptionsPossible) problems.push(`${interrupted.size} tries interrupted, at most ${interruptionsPossible} expected`);
      const unexplained = [...repeated].filter((messageId) => !interrupted.has(messageId));
      if (unexplained.length > 0) problems.push(`received twice with no interrupted try logged: ${unexplained.join(', ')}`);
      if (problems.length > 0) problems.push(`worker:\n${apps.worker?.tail(20)}\nnotifier:\n${apps.notifier?.tail(20)}`);

      return {
        fault,
        period,
        injectedAt,
        recoverySeconds,
        resumedSeconds,
        cycleSeconds,
        highlightReports,
        papers,
        returns,
        messages,
        interruptedTries: interrupted.size,
        retried,
        deliveryLogSent,
        notificationsSent: sent,
        recordRetries: apps.notifier?.complaints().filter((line) => line.includes('not yet recorded')).length ?? 0,
        problems,
      };
    } finally {
      await Promise.allSettled([apps.worker?.stop(), apps.notifier?.stop()]);
      await engine.stop();
    }
  }

  it(
    'completes the cycle after each fault with every report made once and every message sent once',
    async () => {
      for (const fault of CHOSEN) {
        const run = await faultRun(fault);
        figures.push(run);
        process.stdout.write(`${fault}: ${JSON.stringify({ ...run, problems: run.problems.length })}\n`);
      }
      printFigures(figures);
      expect(figures.flatMap((run) => run.problems.map((problem) => `${run.fault}: ${problem}`))).toEqual([]);
    },
    12 * CHOSEN.length * MINUTES,
  );
});

const FAULT_NAMES: Record<Fault, string> = {
  none: 'none (baseline)',
  worker: 'worker killed -9, started again',
  notifier: 'notifier killed -9, started again',
  temporal: 'Temporal dev server stopped, started 5 s later',
  redis: 'Redis stopped, started 5 s later',
  postgres: 'PostgreSQL stopped (fast), started 5 s later',
};

function printFigures(runs: RunFigures[]): void {
  const fixed = (value: number | null) => (value === null ? '–' : value.toFixed(1));
  const triple = (counted: Counted) => `${counted.expected}/${counted.actual}/${counted.duplicates}`;
  const header = ['fault', 'injected at', 'recovery s', 'resumed s', 'cycle s', 'activities retried', 'highlight reports exp/act/dup', 'papers', 'return', 'messages exp/recv/dup', 'tries interrupted', 'log sent'];
  const rows = runs.map((run) => [
    FAULT_NAMES[run.fault],
    `${run.injectedAt.done}/${run.injectedAt.of} ${run.injectedAt.what}`,
    fixed(run.recoverySeconds),
    fixed(run.resumedSeconds),
    fixed(run.cycleSeconds),
    String(Object.values(run.retried).reduce((sum, entry) => sum + entry.count, 0)),
    triple(run.highlightReports),
    triple(run.papers),
    triple(run.returns),
    triple(run.messages),
    String(run.interruptedTries),
    String(run.deliveryLogSent),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  const lines = [
    '',
    `month-end fault runs: ${PROGRAMMES} programmes a run, ${cpus().length} CPUs, node ${process.version}`,
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    ...runs.filter((run) => run.problems.length > 0).map((run) => `${run.fault} problems:\n  ${run.problems.join('\n  ')}`),
    `figures: ${JSON.stringify(runs.map(({ problems, ...run }) => ({ ...run, problems: problems.length })))}`,
    '',
  ];
  // Straight to stdout: jest would wrap console.log in a stack trace per call.
  process.stdout.write(`${lines.join('\n')}\n`);
}
