import { resolve } from 'node:path';
import { loadConfig } from '@pmo/config';
import { readRehearsalScript, rehearse } from '@pmo/orchestration';
import { golden } from '../support/golden';
import { installQuietRuntime } from '../support/temporal';
import { timeSkippingServerPath, workflowBundlePath } from '../support/tools';

/**
 * Plan rehearsals on the time-skipping server against golden files: each month's RAG, delivery
 * confidence, direction of travel, every milestone's and trajectory's status and the escalations
 * raised by then. To accept a deliberate change of rules, run with PMO_UPDATE_GOLDEN=1 and review the diff.
 */
describe.each(['dorset-extended-access-procurement', 'dorset-pch-phased-rollout'])('rehearsal of %s', (name) => {
  it('gives the month-by-month status of its golden file, in under a minute', async () => {
    installQuietRuntime();
    const started = Date.now();
    const result = await rehearse(readRehearsalScript(resolve(__dirname, `${name}.rehearsal.yaml`)), {
      database: loadConfig().database,
      workflowBundlePath: workflowBundlePath(),
      timeSkippingServerPath: timeSkippingServerPath(),
    });
    const seconds = (Date.now() - started) / 1000;
    expect(result).toEqual(JSON.parse(golden(resolve(__dirname, `${name}.golden.json`), `${JSON.stringify(result, null, 2)}\n`)));
    expect(result.months).toHaveLength(18);
    expect(seconds).toBeLessThan(60);
  });
});
