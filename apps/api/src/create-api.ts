import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { requestIdMiddleware } from '@pmo/logging';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EngineConfig } from '@pmo/config';
import { ApiModule } from './api.module';
import { serveOpenApi } from './openapi';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './programme-workbooks.controller';

/** The API application, configured but not yet listening: main.ts and the tests share it. */
export async function createApi(config: EngineConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // First of all, so that every log line and every workflow or job the request leads to carries its id.
  app.use(requestIdMiddleware);
  app.use(helmet());
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '1mb' });
  // Spreadsheet imports arrive as the files themselves.
  app.useBodyParser('raw', { type: XLSX_MEDIA_TYPE, limit: '10mb' });
  app.useBodyParser('text', { type: CSV_MEDIA_TYPE, limit: '10mb' });
  serveOpenApi(app);
  return app;
}
