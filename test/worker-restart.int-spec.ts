import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ProgrammeView } from '@pmo/application';
import { TestEngine } from './support/engine';
import { waitUntil } from './support/eventually';
import { startLocalTemporal } from './support/temporal';

const WORKER_MAIN = resolve(__dirname, '../dist/apps/worker/src/main.js');

/**
 * Durable timers on the dev server: the worker app is killed with SIGKILL while milestone timers are
 * pending and started again after they are due; every timer's effect (one escalation, one email per
 * overdue milestone) happens exactly once.
 */
describe('a worker killed while timers are pending', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true, withoutWorker: true });
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      // Killed, not stopped: a cleanup after a failure must not wait on a graceful shutdown.
      worker.kill('SIGKILL');
      await new Promise((done) => worker?.once('exit', done));
    }
    await engine?.stop();
    await temporal?.teardown();
  });

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, [WORKER_MAIN], { env: engine.appEnvironment(), stdio: 'ignore' });
    return child;
  }

  it('fires each timer once after the restart', async () => {
    worker = startWorker();
    const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    const programmes: ProgrammeView[] = [];
    for (const name of ['Extended access mobilisation', 'Online consultation go-live', 'Care navigation training']) {
      const created = await engine.client
        .post('/programmes')
        .send({
          name,
          leadEmail: 'lead@nhs.example',
          milestones: [
            { name: 'First', ownerEmail: 'a@nhs.example', dueAt: inSeconds(6) },
            { name: 'Second', ownerEmail: 'b@nhs.example', dueAt: inSeconds(8) },
          ],
        })
        .expect(201);
      programmes.push(created.body as ProgrammeView);
    }
    // Let the workflows start and set their timers, then kill the worker outright.
    const timerStarted = async (programme: ProgrammeView) => {
      const history = await temporal.client.workflow.getHandle(`programme-${programme.id}`).fetchHistory();
      return (history.events ?? []).some((event) => event.timerStartedEventAttributes);
    };
    await waitUntil(async () => (await Promise.all(programmes.map(timerStarted))).every(Boolean), 10_000, 'every programme to set its timer');
    worker.kill('SIGKILL');
    await new Promise((done) => worker?.once('exit', done));

    // Past every due instant, with no worker running: no escalation can go (owners' warnings may have).
    const escalations = () => engine.inbox.emails.filter((email) => email.headers['x-pmo-escalation-id'] !== undefined);
    await new Promise((done) => setTimeout(done, 10_000));
    expect(escalations()).toHaveLength(0);

    worker = startWorker();
    await waitUntil(() => escalations().length >= 6, 60_000, 'six escalations after the restart');
    // Time for any duplicate to arrive.
    await new Promise((done) => setTimeout(done, 3_000));

    const milestoneIds = programmes.flatMap((programme) => programme.milestones.map((milestone) => milestone.id));
    const emailed = escalations()
      .map((email) => email.headers['x-pmo-milestone-id'])
      .sort();
    expect(emailed).toEqual([...milestoneIds].sort());
    for (const programme of programmes) {
      const view = (await engine.client.get(`/programmes/${programme.id}`).expect(200)).body as ProgrammeView;
      expect(view.escalations.map((escalation) => [escalation.rung, escalation.status, escalation.attempts])).toEqual([
        [1, 'sent', 1],
        [1, 'sent', 1],
      ]);
    }
  });
});
