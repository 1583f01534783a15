import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import type { ReplayResult } from '@temporalio/worker';
import { bundleWorkflows } from '../../apps/worker/src/build-workflow-bundle';
import { installQuietRuntime } from '../support/temporal';
import { workflowBundlePath } from '../support/tools';

const ROOT = resolve(__dirname, '../..');
const HISTORIES = resolve(__dirname, 'histories');

function recordedHistories() {
  return readdirSync(HISTORIES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(resolve(HISTORIES, file), 'utf8'))) }));
}

async function replay(codePath: string): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath } }, recordedHistories())) results.push(result);
  return results;
}

/** Every recorded history of every workflow type replays on today's workflow code, as running workflows must. */
describe('recorded workflow histories', () => {
  beforeAll(() => installQuietRuntime());

  it('cover every workflow type', () => {
    const types = recordedHistories().map(({ history }) => history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name);
    expect(new Set(types)).toEqual(new Set(['programmeWorkflow', 'phaseRolloutWorkflow', 'monthEndWorkflow', 'monthEndTickWorkflow', 'escalationWorkflow']));
  });

  it('replay clean on the workflow bundle the worker runs', async () => {
    const results = await replay(workflowBundlePath());
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((result) => ({ workflowId: result.workflowId, error: result.error?.message }))).toEqual(
      results.map((result) => ({ workflowId: result.workflowId, error: undefined })),
    );
  });

  it('fail to replay when a workflow changes its behaviour without patched()', async () => {
    const code = await bundleWorkflows(ROOT, { './escalation-policy': resolve(__dirname, 'unpatched-escalation-policy.ts') });
    const path = resolve(mkdtempSync(resolve(tmpdir(), 'pmo-unpatched-')), 'workflow-bundle.js');
    writeFileSync(path, code);
    const results = await replay(path);
    // Every recorded run that escalated now issues different commands on replay.
    const escalating = results.filter((result) => ['programme-workflow.v1.json', 'programme-workflow.v2.json'].includes(result.workflowId));
    expect(escalating).toHaveLength(2);
    expect(escalating.map((result) => result.error?.name)).toEqual(['DeterminismViolationError', 'DeterminismViolationError']);
  });
});
