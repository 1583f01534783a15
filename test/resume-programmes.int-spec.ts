import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ProgrammeView } from '@pmo/application';
import { programmeWorkflowId } from '@pmo/contracts';
import { TestEngine } from './support/engine';
import { waitUntil } from './support/eventually';
import { startLocalTemporal } from './support/temporal';

const CLI_MAIN = resolve(__dirname, '../dist/apps/cli/src/main.js');

/**
 * After a move to another Temporal, the programmes' workflows stayed behind: `resume-programmes` starts each
 * one on the configured Temporal, and leaves a running one as it is when run again.
 */
describe('resume-programmes', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  const resume = async () => (await promisify(execFile)(process.execPath, [CLI_MAIN, 'resume-programmes'], { env: engine.appEnvironment() })).stdout;
  const describeRun = (programmeId: string) => temporal.client.workflow.getHandle(programmeWorkflowId(programmeId)).describe();

  it('starts every programme workflow that is missing, and only those', async () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const programmes: ProgrammeView[] = [];
    for (const name of ['Extended access procurement', 'Online consultation rollout']) {
      const milestones = [
        { name: 'Contract award', ownerEmail: 'owner@nhs.example', dueAt: inDays(30) },
        { name: 'Service live', ownerEmail: 'owner@nhs.example', dueAt: inDays(90) },
      ];
      const created = await engine.client.post('/programmes').send({ name, leadEmail: 'lead@nhs.example', milestones }).expect(201);
      programmes.push(created.body as ProgrammeView);
    }
    const [moved, stayed] = programmes;
    await waitUntil(async () => (await describeRun(moved.id)).status.name === 'RUNNING' && (await describeRun(stayed.id)).status.name === 'RUNNING', 20_000, 'both programme workflows running');
    // As if on a new Temporal: the first programme's workflow is gone.
    await temporal.client.workflow.getHandle(programmeWorkflowId(moved.id)).terminate('the installation moved to another Temporal');
    const stayedRun = (await describeRun(stayed.id)).runId;
    const terminatedRun = (await describeRun(moved.id)).runId;

    expect(await resume()).toMatch(/signalled 2 programme workflows/);
    const resumed = await describeRun(moved.id);
    expect([resumed.status.name, resumed.runId === terminatedRun]).toEqual(['RUNNING', false]);
    expect((await describeRun(stayed.id)).runId).toBe(stayedRun);

    // Again: nothing new is started, and the programme still reads as before.
    await resume();
    expect([(await describeRun(moved.id)).runId, (await describeRun(stayed.id)).runId]).toEqual([resumed.runId, stayedRun]);
    const read = await engine.client.get(`/programmes/${moved.id}`).expect(200);
    expect((read.body as ProgrammeView).milestones.map((milestone) => milestone.name)).toEqual(['Contract award', 'Service live']);
  }, 120_000);
});
