import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { requestIdMiddleware } from '@pmo/logging';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EngineConfig } from '@pmo/config';
import { ApiModule } from './api.module';
import { serveOpenApi } from './openapi';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './workbook-downloads';
import { publishedFilesUpload, workbookUpload } from './file-uploads';
import { ASSET_PATH, NHSUK_FRONTEND_DIST, WEB_ASSETS_DIR } from './web/web-views';

/** A fresh nonce per response for the one inline script of the NHS.UK page template. */
function cspNonce(_request: Request, response: Response, next: NextFunction): void {
  response.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

/** The API application, configured but not yet listening: main.ts and the tests share it. */
export async function createApi(config: EngineConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // First of all, so that every log line and every workflow or job the request leads to carries its id.
  app.use(requestIdMiddleware);
  app.use(cspNonce);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { scriptSrc: ["'self'", (_request, response) => `'nonce-${(response as Response).locals.cspNonce as string}'`] },
      },
    }),
  );
  app.disable('x-powered-by');
  // Behind load balancers, the client's address is the one they forwarded: rate limits count per client, not per balancer.
  if (config.api.trustProxyHops > 0) app.set('trust proxy', config.api.trustProxyHops);
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '1mb' });
  // The web pages' forms, posted without JavaScript.
  app.useBodyParser('urlencoded', { extended: false, limit: '256kb' });
  // Spreadsheet imports arrive as the files themselves.
  app.useBodyParser('raw', { type: XLSX_MEDIA_TYPE, limit: '10mb' });
  app.useBodyParser('text', { type: CSV_MEDIA_TYPE, limit: '10mb' });
  // Published NHS files arrive as a multipart upload, in the API and from the page's form alike.
  app.use(['/organisation-imports', '/app/organisations/imports'], publishedFilesUpload);
  // The page's form sends a workbook the same way; the API takes it as the file itself.
  app.use('/app/programmes/:programmeId/spreadsheets', workbookUpload);
  // nhsuk-frontend's styles, scripts and icons, and the pages' own; nothing else is served from disk.
  app.useStaticAssets(join(NHSUK_FRONTEND_DIST, 'nhsuk', 'assets'), { prefix: ASSET_PATH, index: false });
  app.useStaticAssets(join(NHSUK_FRONTEND_DIST, 'nhsuk'), { prefix: `${ASSET_PATH}/nhsuk`, index: false });
  app.useStaticAssets(WEB_ASSETS_DIR, { prefix: `${ASSET_PATH}/web`, index: false });
  serveOpenApi(app);
  return app;
}
