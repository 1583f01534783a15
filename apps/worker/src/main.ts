import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { Logger as PinoLogger } from 'nestjs-pino';
import { loadConfig } from '@pmo/config';
import type { EngineConfig } from '@pmo/config';
import { connectTemporalClient, connectTemporalWorker, createProgrammeWorker, programmeActivitiesOf, TemporalMonthEndSchedule } from '@pmo/orchestration';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const logger = new Logger('worker');
  const config = loadConfig();
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  context.useLogger(context.get(PinoLogger));
  const connection = await connectTemporalWorker(config.temporal);
  try {
    const worker = await createProgrammeWorker({
      connection,
      namespace: config.temporal.namespace,
      workflowBundlePath: config.temporal.workflowBundlePath,
      activities: programmeActivitiesOf(context),
      maxCachedWorkflows: config.temporal.maxCachedWorkflows,
    });
    await ensureMonthEndSchedule(config);
    logger.log(`month-end schedule: every day at ${config.monthEnd.runTime} Europe/London, cycle on working day ${config.monthEnd.runWorkingDay} after month end`);
    logger.log(`polling ${config.temporal.address} (namespace ${config.temporal.namespace})`);
    // Resolves after SIGINT/SIGTERM, once the tasks in hand are finished.
    await worker.run();
  } finally {
    await connection.close();
    await context.close();
  }
}

/** Every worker makes sure the schedule exists and runs at the configured time, so a fresh stack needs no setup step. */
async function ensureMonthEndSchedule(config: EngineConfig): Promise<void> {
  const connection = await connectTemporalClient(config.temporal);
  try {
    await new TemporalMonthEndSchedule(new Client({ connection, namespace: config.temporal.namespace }), config.monthEnd).ensure();
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  new Logger('worker').error(`stopped: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
});
