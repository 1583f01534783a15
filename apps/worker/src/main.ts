import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '@pmo/config';
import { createProgrammeWorker, programmeActivitiesOf } from '@pmo/orchestration';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const logger = new Logger('worker');
  const config = loadConfig();
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config));
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await createProgrammeWorker({
      connection,
      namespace: config.temporal.namespace,
      workflowBundlePath: config.temporal.workflowBundlePath,
      activities: programmeActivitiesOf(context),
    });
    logger.log(`polling ${config.temporal.address} (namespace ${config.temporal.namespace})`);
    // Resolves after SIGINT/SIGTERM, once the tasks in hand are finished.
    await worker.run();
  } finally {
    await connection.close();
    await context.close();
  }
}

main().catch((error: unknown) => {
  new Logger('worker').error(`stopped: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
});
