import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { IllegalStateError } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { freePort } from './free-port';
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

/**
 * A Temporal dev server of the test's own on a fixed port, its state in a SQLite file, so that it can be
 * stopped and started again under the apps and find every workflow where it left it (as infra/temporal.sh
 * runs the local stack's). `environment()` connects to it as to any existing server.
 */
export class PersistentDevServer {
  private process?: ChildProcess;
  private readonly directory = mkdtempSync(join(tmpdir(), 'pmo-temporal-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<PersistentDevServer> {
    const server = new PersistentDevServer(await freePort());
    await server.up();
    return server;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  environment(): Promise<TestWorkflowEnvironment> {
    installQuietRuntime();
    return TestWorkflowEnvironment.createFromExistingServer({ address: this.address });
  }

  async up(): Promise<void> {
    const started = spawn(
      temporalCliPath(),
      ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(this.port), '--headless', '--db-filename', join(this.directory, 'temporal.sqlite'), '--log-level', 'warn'],
      { stdio: 'ignore' },
    );
    this.process = started;
    for (let tries = 0; ; tries += 1) {
      if (started.exitCode !== null) throw new Error(`the Temporal dev server exited with ${started.exitCode} on ${this.address}`);
      const serving = await new Promise<boolean>((done) => {
        let answer = '';
        const health = spawn(temporalCliPath(), ['operator', 'cluster', 'health', '--address', this.address], { stdio: ['ignore', 'pipe', 'ignore'] });
        health.stdout.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        health.on('exit', () => done(answer.includes('SERVING')));
      });
      if (serving) return;
      if (tries > 120) throw new Error(`the Temporal dev server was not serving on ${this.address} within a minute`);
      await new Promise((wait) => setTimeout(wait, 500));
    }
  }

  /** SIGTERM: the server stops in order, its state kept in the SQLite file for the next `up()`. */
  async down(): Promise<void> {
    const running = this.process;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((done) => running.once('exit', done));
    running.kill('SIGTERM');
    await exited;
  }
}
