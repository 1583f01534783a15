import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { temporalCliPath, timeSkippingServerPath } from './tools';

let runtimeInstalled = false;

/** Workflow and worker logs at WARN, so that test output shows failures rather than chatter. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** A Temporal dev server of this test file's own, from the CLI that infra/ built: nothing downloads. */
export function startLocalTemporal(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  return TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: temporalCliPath() } } });
}

/** The Java time-skipping test server, from the jars that infra/ resolved. */
export function startTimeSkippingTemporal(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } } });
}
