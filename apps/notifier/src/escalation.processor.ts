import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { ApplicationError, ApplicationErrorCode, DeliverEscalationEmailUseCase } from '@pmo/application';
import type { DeliveryOutcome } from '@pmo/application';
import type { RedisConfig } from '@pmo/config';
import { ESCALATION_EMAIL_JOB, ESCALATION_QUEUE } from '@pmo/contracts';
import type { EscalationEmailJob } from '@pmo/contracts';
import { createRedisConnection } from '@pmo/notifications';

/** Consumes the escalation queue; each job hands off to its use case in one call. */
export class EscalationProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EscalationProcessor.name);
  private connection?: IORedis;
  private worker?: Worker<EscalationEmailJob, DeliveryOutcome>;

  constructor(
    private readonly config: RedisConfig,
    private readonly deliverEscalationEmail: DeliverEscalationEmailUseCase,
    private readonly concurrency = 10,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = createRedisConnection(this.config.url);
    this.worker = new Worker<EscalationEmailJob, DeliveryOutcome>(ESCALATION_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.queuePrefix,
      concurrency: this.concurrency,
    });
    this.worker.on('failed', (job, error) => this.logger.warn(`job ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`queue error: ${error.message}`));
    this.logger.log(`consuming ${this.config.queuePrefix}:${ESCALATION_QUEUE} with concurrency ${this.concurrency}`);
  }

  private async process(job: Job<EscalationEmailJob, DeliveryOutcome>): Promise<DeliveryOutcome> {
    if (job.name !== ESCALATION_EMAIL_JOB) throw new UnrecoverableError(`no handler for job ${job.name}`);
    try {
      return await this.deliverEscalationEmail.execute(job.data.escalationId);
    } catch (error) {
      // A job naming no escalation can never succeed: do not spend retries on it.
      if (error instanceof ApplicationError && error.code === ApplicationErrorCode.NotFound) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /** Lets the jobs in flight finish before the connection closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.connection?.disconnect();
  }
}
