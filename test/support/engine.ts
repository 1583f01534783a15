import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { loadConfig } from '@pmo/config';
import type { EngineConfig } from '@pmo/config';
import type { ProgrammeActivities } from '@pmo/contracts';
import { openMigratedDataSource, TypeormOrganisationRepository } from '@pmo/persistence';
import { readOrganisationSample } from '@pmo/reference-data';
import { mintLocalToken } from '@pmo/identity';
import request from 'supertest';
import type { OrganisationSample } from '@pmo/reference-data';
import { createApi } from '../../apps/api/src/create-api';
import { MailCatcher } from '../../apps/cli/src/mail-catcher';
import { NotifierModule } from '../../apps/notifier/src/notifier.module';
import { createProgrammeWorker, programmeActivitiesOf } from '@pmo/orchestration';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase, TestDatabase } from './test-database';
import { timeSkippingServerPath, workflowBundlePath } from './tools';

/** The admin at every organisation of every test engine, by configuration. */
export const TEST_ADMIN = 'pmo.admin@test.nhs.example';

export interface EngineOptions {
  temporal: TestWorkflowEnvironment;
  /** Boot the HTTP API too (the time-skipping tests drive the use cases' ports directly). */
  withApi?: boolean;
  /** Wraps the real activities, to inject faults. */
  activities?: (real: ProgrammeActivities) => ProgrammeActivities;
  /** Run no worker in this process: the test runs the worker app itself, to kill it. */
  withoutWorker?: boolean;
  /** Settings of the engine's own for this test (PMO_ variables), over the process's environment. */
  environment?: NodeJS.ProcessEnv;
  /** Run no notifier in this process: the test runs the notifier app itself, to kill it. */
  withoutNotifier?: boolean;
}

/**
 * The three apps in this process, on the real services: a fresh PostgreSQL database, Redis under a
 * key prefix of its own, the given Temporal server, and a real SMTP receiver.
 */
export class TestEngine {
  private workerRun?: Promise<void>;

  private constructor(
    readonly config: EngineConfig,
    readonly database: TestDatabase,
    readonly inbox: MailCatcher,
    readonly workerContext: INestApplicationContext,
    readonly worker: Worker | undefined,
    readonly notifier: INestApplicationContext | undefined,
    readonly api: INestApplication | undefined,
    private readonly adminToken: string,
  ) {}

  static async start(options: EngineOptions): Promise<TestEngine> {
    const database = await createTestDatabase(loadConfig({ ...process.env, ...options.environment }).database);
    const inbox = await MailCatcher.start();
    const config = loadConfig({
      ...process.env,
      // A test is one client making many requests quickly; a test of the limit sets its own.
      PMO_RATE_LIMIT_PER_MINUTE: '1000000',
      PMO_LOG_LEVEL: 'warn',
      PMO_AUTH_LOCAL_KEY_FILE: join(tmpdir(), `pmo-test-signing-key-${randomBytes(6).toString('hex')}.json`),
      PMO_ADMIN_EMAILS: TEST_ADMIN,
      ...options.environment,
      PMO_DATABASE_URL: database.url,
      PMO_MIGRATION_DATABASE_URL: database.migrationUrl,
      PMO_QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      PMO_TEMPORAL_ADDRESS: options.temporal.address,
      PMO_SMTP_PORT: String(inbox.port),
      PMO_WORKFLOW_BUNDLE: workflowBundlePath(),
      PMO_TEMPORAL_TEST_SERVER: timeSkippingServerPath(),
    });
    const workerContext = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn'] });
    const real = programmeActivitiesOf(workerContext);
    const worker = options.withoutWorker
      ? undefined
      : await createProgrammeWorker({
          connection: options.temporal.nativeConnection,
          namespace: options.temporal.namespace ?? 'default',
          workflowBundlePath: config.temporal.workflowBundlePath,
          activities: options.activities ? options.activities(real) : real,
        });
    const notifier = options.withoutNotifier ? undefined : await NestFactory.createApplicationContext(NotifierModule.forRoot(config), { logger: ['error', 'warn'] });
    await notifier?.init();
    let api: INestApplication | undefined;
    if (options.withApi) {
      const app = await createApi(config);
      await app.init();
      api = app;
    }
    const engine = new TestEngine(config, database, inbox, workerContext, worker, notifier, api, await mintLocalToken(config.auth, TEST_ADMIN));
    engine.workerRun = worker?.run();
    return engine;
  }

  /** Loads the synthetic Dorset organisation sample into this engine's database. */
  async seedOrganisations(): Promise<OrganisationSample> {
    const sample = readOrganisationSample();
    const dataSource = await openMigratedDataSource(this.config.database);
    try {
      await new TypeormOrganisationRepository(dataSource).upsert(sample);
    } finally {
      await dataSource.destroy();
    }
    return sample;
  }

  /** Serves the API on a local port (a free one unless given), for clients outside this process; answers its base URL. */
  async listen(port = 0): Promise<string> {
    if (!this.api) throw new Error('the engine was started without its API');
    await this.api.listen(port, '127.0.0.1');
    return this.api.getUrl();
  }

  /** A bearer token of the configured admin, for clients outside this process. */
  get adminBearer(): string {
    return `Bearer ${this.adminToken}`;
  }

  /** The API as the configured admin: an admin at every organisation. */
  get client(): InstanceType<typeof request.agent> {
    return this.withHeader('authorization', this.adminBearer);
  }

  /** The API as a person signed in with a token of the local issuer; what they may do is what they are granted. */
  async as(email: string): Promise<InstanceType<typeof request.agent>> {
    return this.withHeader('authorization', `Bearer ${await mintLocalToken(this.config.auth, email)}`);
  }

  /** The API as a person given a role at an organisation (once; granting it again is a conflict, ignored). */
  async granted(email: string, role: string, organisation: string): Promise<InstanceType<typeof request.agent>> {
    const grant = await this.client.post('/access/grants').send({ email, role, organisation });
    if (grant.status !== 201 && grant.status !== 409) throw new Error(`could not grant ${role} at ${organisation} to ${email}: ${grant.status} ${JSON.stringify(grant.body)}`);
    return this.as(email);
  }

  /** The API as an automation presenting an API key. */
  withApiKey(key: string): InstanceType<typeof request.agent> {
    return this.withHeader('x-api-key', key);
  }

  private withHeader(name: string, value: string): InstanceType<typeof request.agent> {
    return request.agent(this.http).set(name, value);
  }

  get http(): ReturnType<INestApplication['getHttpServer']> {
    if (!this.api) throw new Error('the engine was started without its API');
    return this.api.getHttpServer();
  }

  /** The environment that points an app (the worker, the notifier) at this engine's services. */
  appEnvironment(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PMO_SMTP_PORT: String(this.config.smtp.port),
      PMO_DATABASE_URL: this.config.database.url,
      PMO_MIGRATION_DATABASE_URL: this.config.database.migrationUrl,
      PMO_REDIS_URL: this.config.redis.url,
      PMO_QUEUE_PREFIX: this.config.redis.queuePrefix,
      PMO_TEMPORAL_ADDRESS: this.config.temporal.address,
      PMO_WORKFLOW_BUNDLE: this.config.temporal.workflowBundlePath,
      PMO_AUTH_LOCAL_KEY_FILE: this.config.auth.localKeyFile,
      PMO_ADMIN_EMAILS: this.config.auth.adminEmails.join(','),
      NO_COLOR: '1',
    };
  }

  async stop(): Promise<void> {
    try {
      this.worker?.shutdown();
      await this.workerRun;
      await this.api?.close();
      await this.notifier?.close();
      await this.workerContext.close();
      await this.inbox.stop();
    } finally {
      await this.database.drop();
    }
  }
}
