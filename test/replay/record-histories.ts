import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import type { ProgrammeView } from '@pmo/application';
import { programmeWorkflowId } from '@pmo/contracts';
import { TestEngine } from '../support/engine';
import { startTimeSkippingTemporal } from '../support/temporal';
import { temporalCliPath } from '../support/tools';

/**
 * Records the histories that replay.int-spec.ts replays; not part of the suite. Run it when a workflow
 * type is added, on the stack of infra/test.sh:
 *   npx jest --selectProjects integration --testMatch '<rootDir>/test/replay/record-histories.ts'
 * Recorded histories are kept as they are, since they stand for workflows already running.
 */
describe('recording workflow histories', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startTimeSkippingTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  it('records a programme workflow: created, a milestone completed by update, one overdue, escalated and left open', async () => {
    const now = Date.now();
    const created = await request(engine.http)
      .post('/programmes')
      .send({
        name: 'Recorded programme',
        leadEmail: 'lead@nhs.example',
        milestones: [
          { name: 'Completed in time', ownerEmail: 'a@nhs.example', dueAt: new Date(now + 2 * 86_400_000).toISOString() },
          { name: 'Left to slip', ownerEmail: 'b@nhs.example', dueAt: new Date(now + 20 * 86_400_000).toISOString() },
        ],
      })
      .expect(201);
    const programme = created.body as ProgrammeView;
    await request(engine.http).post(`/programmes/${programme.id}/milestones/${programme.milestones[0].id}/complete`).send({}).expect(200);
    const workflowId = programmeWorkflowId(programme.id);
    await temporal.sleep(21 * 86_400_000);
    // The CLI writes the history in the JSON form historyFromJSON reads.
    const history = execFileSync(temporalCliPath(), ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', temporal.address]);
    writeFileSync(resolve(__dirname, 'histories/programme-workflow.v2.json'), history);
  });
});
