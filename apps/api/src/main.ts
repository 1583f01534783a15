import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Runtime } from '@temporalio/worker';
import { loadConfig } from '@pmo/config';
import { createApi } from './create-api';

async function main(): Promise<void> {
  // The API drains itself on a signal; Temporal's runtime would otherwise stop a rehearsal's worker under its request.
  Runtime.install({ shutdownSignals: [] });
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.api.port, config.api.host);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void drainThenClose(app, signal));
  new Logger('api').log(`listening on http://${config.api.host}:${config.api.port}`);
}

/**
 * Stops taking connections and lets the requests in flight finish before closing the app: Nest's own
 * shutdown hooks close the database and Temporal connections first, under the requests still using them.
 */
async function drainThenClose(app: INestApplication, signal: string): Promise<void> {
  const logger = new Logger('api');
  logger.log(`${signal}: draining the requests in flight`);
  await new Promise((drained) => app.getHttpServer().close(drained));
  await app.close();
  logger.log('stopped');
  process.exit(0);
}

main().catch((error: unknown) => {
  new Logger('api').error(`failed to start: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
});
