import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EngineConfig } from '@pmo/config';
import { ApiModule } from './api.module';

/** The API application, configured but not yet listening: main.ts and the tests share it. */
export async function createApi(config: EngineConfig, logLevels?: LogLevel[]): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), logLevels ? { logger: logLevels } : {});
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  return app;
}
