import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@pmo/config';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.api.port, config.api.host);
  new Logger('api').log(`listening on http://${config.api.host}:${config.api.port}`);
}

main().catch((error: unknown) => {
  new Logger('api').error(`failed to start: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
});
