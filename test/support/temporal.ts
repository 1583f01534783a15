import { TestWorkflowEnvironment } from '@temporalio/testing';
import { IllegalStateError } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { temporalCliPath, timeSkippingServerPath } from './tools';

/**
 * Workflow and worker logs at WARN, so that test output shows failures rather than chatter. A runtime
 * left by an earlier test file in the same jest worker is kept: there is one per process.
 */
export function installQuietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch (error) {
    if (!(error instanceof IllegalStateError)) throw error;
  }
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
