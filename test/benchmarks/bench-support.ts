import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import { tsToMs } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client } from 'pg';
import { newProgramme } from '@pmo/application';
import type { ProgrammeRecord, ProgrammeRepository } from '@pmo/application';
import { nationalProgrammePlan } from '@pmo/reference-data';
import type { TestEngine } from '../support/engine';

export const MINUTES = 60_000;
/** Each app as production runs it (node's arguments), and the line it logs once it is ready. */
const APPS = {
  worker: { args: [resolve(__dirname, '../../dist/apps/worker/src/main.js')], ready: 'polling' },
  api: { args: [resolve(__dirname, '../../dist/apps/api/src/main.js')], ready: 'listening on' },
  notifier: { args: [resolve(__dirname, '../../dist/apps/notifier/src/main.js')], ready: 'sending email through' },
  /**
   * Not one of the engine's: a plain Node HTTP server with no framework, on PORT, for the machine's floor. What a
   * request costs it at a steady rate, beside flat out, is what this machine charges any process for being woken for
   * each request alone.
   */
  'plain-node': {
    args: ['-e', `require('node:http').createServer((request, response) => response.end('{"status":"ok"}')).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on', process.env.PORT));`],
    ready: 'listening on',
  },
} as const;

export interface WorkerMemory {
  rssKiB: number;
  peakKiB: number;
}

/** One of the engine's apps as production runs it (or the plain server), in a child process whose /proc entry we can read. */
export class AppProcess {
  private readonly output: string[] = [];
  /** Kept whole, apart from the output's last lines: a busy app's info lines would push them out. */
  private readonly warnings: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      const lines = chunk
        .toString()
        .split('\n')
        .filter((line) => line.trim() !== '');
      this.output.push(...lines);
      if (this.output.length > 500) this.output.splice(0, this.output.length - 500);
      // The SDK's own lines say WARN or ERROR; the apps' pino lines carry the level as a number (40 warn, 50 error, 60 fatal).
      this.warnings.push(...lines.filter((line) => /\b(WARN|ERROR)\b|"level":(40|50|60)\b/.test(line)));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** With PMO_BENCH_CPU_PROFILE=<directory>, the app writes a V8 CPU profile there when it stops (open it in Chrome's DevTools). */
  static async start(environment: NodeJS.ProcessEnv, app: keyof typeof APPS = 'worker'): Promise<AppProcess> {
    const profile = process.env.PMO_BENCH_CPU_PROFILE;
    const flags = profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${resolve(profile)}`];
    const child = spawn(process.execPath, [...flags, ...APPS[app].args], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = new AppProcess(child);
    await new Promise<void>((ready, failed) => {
      const timer = setTimeout(() => failed(new Error(`the ${app} was not ready within 60 s:\n${started.tail()}`)), 60_000);
      const watch = (chunk: Buffer) => {
        if (!chunk.toString().includes(APPS[app].ready)) return;
        clearTimeout(timer);
        child.stdout?.off('data', watch);
        ready();
      };
      child.stdout?.on('data', watch);
      child.once('exit', (code) => {
        clearTimeout(timer);
        failed(new Error(`the ${app} exited with ${code} before it was ready:\n${started.tail()}`));
      });
    });
    return started;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  memory(): WorkerMemory {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1]);
    return { rssKiB: kib('VmRSS'), peakKiB: kib('VmHWM') };
  }

  /** CPU time the app has used, all its threads, user and system. */
  cpuMs(): number {
    return cpuMsOf(this.pid);
  }

  /** Sets the peak back to the present RSS (Linux clear_refs), so each run's peak is its own. */
  resetPeak(): boolean {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }

  /** Lines the app logged at WARN or ERROR: failed or retried activities show here. */
  complaints(): string[] {
    return [...this.warnings];
  }

  tail(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }

  /** SIGKILL, as a crash: nothing in hand is finished or handed back. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Linux counts a process's CPU time in clock ticks of 1/100 s (USER_HZ). */
const MS_PER_TICK = 10;

/** CPU time a process has used: user and system, all its threads (fields 14 and 15 of /proc/<pid>/stat). */
function cpuMsOf(pid: number | string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The name in brackets may hold spaces: count the fields from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** CPU time used by every process named `postgres` now running: the server and its backends, the pool's connections among them. */
export function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMsOf(pid);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/** Runs `work` for 0..count-1 with at most `lanes` at once. */
export async function inLanes(count: number, lanes: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Per activity type, from a workflow's history: first scheduled to last completed, and the mean run of one. */
export function activityFigures(events: NonNullable<History['events']>): { activitySeconds: Record<string, number>; activityMeanMs: Record<string, number> } {
  const scheduled = new Map<string, { type: string; at: number }>();
  const startedAt = new Map<string, number>();
  const spans = new Map<string, { first: number; last: number; count: number; runMs: number }>();
  for (const event of events) {
    const at = tsToMs(event.eventTime);
    const id = String(event.eventId);
    if (event.activityTaskScheduledEventAttributes) scheduled.set(id, { type: event.activityTaskScheduledEventAttributes.activityType?.name ?? '?', at });
    if (event.activityTaskStartedEventAttributes) startedAt.set(String(event.activityTaskStartedEventAttributes.scheduledEventId), at);
    const completed = event.activityTaskCompletedEventAttributes;
    if (completed) {
      const origin = scheduled.get(String(completed.scheduledEventId)) as { type: string; at: number };
      const span = spans.get(origin.type) ?? { first: origin.at, last: at, count: 0, runMs: 0 };
      spans.set(origin.type, {
        first: Math.min(span.first, origin.at),
        last: Math.max(span.last, at),
        count: span.count + 1,
        runMs: span.runMs + at - (startedAt.get(String(completed.scheduledEventId)) ?? origin.at),
      });
    }
  }
  const activitySeconds = Object.fromEntries([...spans].map(([type, span]) => [type, (span.last - span.first) / 1000]));
  const activityMeanMs = Object.fromEntries([...spans].map(([type, span]) => [type, span.runMs / span.count]));
  return { activitySeconds, activityMeanMs };
}

/** National programme `index` of its ICB, recorded as the API records a new one, on its start date. */
export async function createNationalProgramme(
  programmes: ProgrammeRepository,
  index: number,
  icb: string,
  period: string,
): Promise<{ record: ProgrammeRecord; plan: ReturnType<typeof nationalProgrammePlan> }> {
  const plan = nationalProgrammePlan(index, icb, period);
  const createdAt = new Date(`${plan.startDate}T09:00:00Z`);
  const record = await programmes.create(newProgramme(plan, { leadEmail: `lead.${index + 1}@${icb.toLowerCase()}.nhs.example`, organisation: icb }, createdAt), createdAt);
  return { record, plan };
}

/**
 * PostgreSQL's statistics after a bulk seed, as autovacuum would soon have them on a settled database:
 * without them the planner scans whole tables for lookups an index answers. As the schema owner, since
 * only a table's owner may analyse it.
 */
export async function analyse(engine: TestEngine): Promise<void> {
  const owner = new Client({ connectionString: engine.database.migrationUrl });
  await owner.connect();
  try {
    await owner.query('ANALYZE');
  } finally {
    await owner.end();
  }
}

/** Stops what a benchmark started, its app first, each whatever became of the one before. */
export async function stopBenchmark(app: AppProcess | undefined, engine: TestEngine | undefined, temporal: TestWorkflowEnvironment | undefined): Promise<void> {
  try {
    await app?.stop();
  } finally {
    try {
      await engine?.stop();
    } finally {
      await temporal?.teardown();
    }
  }
}
