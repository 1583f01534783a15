import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { loadConfig } from '@pmo/config';
import { NotifierModule } from './notifier.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const context = await NestFactory.createApplicationContext(NotifierModule.forRoot(config), { bufferLogs: true });
  context.useLogger(context.get(PinoLogger));
  context.enableShutdownHooks();
  await context.init();
  new Logger('notifier').log(`sending email through ${config.smtp.host}:${config.smtp.port}`);
}

main().catch((error: unknown) => {
  new Logger('notifier').error(`failed to start: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
});
