import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import type { ProgrammeView } from '@pmo/application';
import { TestEngine } from '../support/engine';
import { startLocalTemporal } from '../support/temporal';

/**
 * Latency from a milestone's due instant (the programme workflow's timer firing) to the SMTP receiver
 * accepting the first rung's email, for many milestones falling due at the same instant, on the real
 * stack: Temporal dev server, PostgreSQL, Redis, notifier and SMTP receiver. Not part of the suite; run
 *   npm run bench:escalations          (PMO_BENCH_ESCALATIONS=200 for a shorter run)
 * Figures are given against a baseline of 10 simultaneous escalations run first in the same script.
 */
const ESCALATIONS = Number(process.env.PMO_BENCH_ESCALATIONS ?? 1000);
const BASELINE = 10;
const LANES = 10;
const MINUTES = 60_000;

interface Run {
  escalations: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  drainSeconds: number;
  /** The two halves: Temporal (timer, workflows, activities) up to the rung's record; then Redis, notifier and SMTP. */
  p50RaisedMs: number;
  p50DeliveredAfterRaisedMs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('escalation latency benchmark', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
  }, 5 * MINUTES);

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  }, 2 * MINUTES);

  /** `count` programmes whose first milestone falls due at one instant; the owners are told at rung 1. */
  async function escalateAtOnce(label: string, count: number): Promise<Run> {
    const created: ProgrammeView[] = [];
    // Far enough ahead for every programme to be created first, whatever the machine.
    const dueAt = Date.now() + 30_000 + count * 200;
    let next = 0;
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (next < count) {
          const index = next++;
          const response = await engine.client
            .post('/programmes')
            .send({
              name: `${label} ${index}`,
              leadEmail: `lead.${label}.${index}@bench.nhs.example`,
              milestones: [
                { name: 'Falls due together', ownerEmail: `owner.${label}.${index}@bench.nhs.example`, dueAt: new Date(dueAt).toISOString() },
                { name: 'Later', ownerEmail: `owner.${label}.${index}@bench.nhs.example`, dueAt: new Date(dueAt + 200 * 86_400_000).toISOString() },
              ],
            })
            .expect(201);
          created.push(response.body as ProgrammeView);
        }
      }),
    );
    if (Date.now() >= dueAt) throw new Error(`creating ${count} programmes took past their due instant: raise the lead time`);
    // Owners are also warned before the due instant; only the rung's escalation counts here.
    const mine = () => engine.inbox.emails.filter((email) => email.to[0]?.startsWith(`owner.${label}.`) && email.headers['x-pmo-escalation-id'] !== undefined);
    for (let waited = 0; mine().length < count; waited += 250) {
      if (waited > 10 * MINUTES) throw new Error(`${mine().length} of ${count} escalations arrived`);
      await new Promise((done) => setTimeout(done, 250));
    }
    const sorted = (values: number[]) => values.sort((a, b) => a - b);
    const latencies = sorted(mine().map((email) => email.receivedAt.getTime() - dueAt));
    const raisedAt = await queuedAt(mine().map((email) => email.headers['x-pmo-escalation-id']));
    const raised = sorted(mine().map((email) => raisedAt.get(email.headers['x-pmo-escalation-id']) ?? Number.NaN).map((at) => at - dueAt));
    const afterRaised = sorted(mine().map((email) => email.receivedAt.getTime() - (raisedAt.get(email.headers['x-pmo-escalation-id']) ?? Number.NaN)));
    return {
      escalations: count,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1],
      drainSeconds: latencies[latencies.length - 1] / 1000,
      p50RaisedMs: percentile(raised, 50),
      p50DeliveredAfterRaisedMs: percentile(afterRaised, 50),
    };
  }

  /** When each escalation was recorded and queued, by its id. */
  async function queuedAt(escalationIds: string[]): Promise<Map<string, number>> {
    const dataSource = engine.workerContext.get(DataSource);
    const rows = (await dataSource.query(`SELECT id, queued_at FROM escalations WHERE id = ANY($1::uuid[])`, [escalationIds])) as { id: string; queued_at: Date }[];
    return new Map(rows.map((row) => [row.id, row.queued_at.getTime()]));
  }

  it('prints p50 and p99 from the due instant to the SMTP receiver for simultaneous escalations, against a baseline', async () => {
    const baseline = await escalateAtOnce('baseline', BASELINE);
    const main = await escalateAtOnce('main', ESCALATIONS);
    const row = (name: string, pick: (run: Run) => number, digits = 0) =>
      `${name.padEnd(34)}${pick(baseline).toFixed(digits).padStart(12)}${pick(main).toFixed(digits).padStart(12)}${(pick(main) / pick(baseline)).toFixed(2).padStart(14)}`;
    console.log(
      [
        `escalation latency benchmark: from the due instant to the SMTP receiver accepting rung 1`,
        `${''.padEnd(34)}${'baseline'.padStart(12)}${'main'.padStart(12)}${'main/baseline'.padStart(14)}`,
        row('simultaneous escalations', (run) => run.escalations),
        row('p50 latency (ms)', (run) => run.p50Ms),
        row('p99 latency (ms)', (run) => run.p99Ms),
        row('last one arrived after (s)', (run) => run.drainSeconds, 1),
        row('p50 due to rung recorded (ms)', (run) => run.p50RaisedMs),
        row('p50 recorded to SMTP accepted (ms)', (run) => run.p50DeliveredAfterRaisedMs),
        `figures: ${JSON.stringify({ baseline, main })}`,
      ].join('\n'),
    );
    expect(main.escalations).toBe(ESCALATIONS);
  }, 30 * MINUTES);
});
