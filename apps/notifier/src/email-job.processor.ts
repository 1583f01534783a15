import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { ApplicationError, ApplicationErrorCode, DeliveryFailed } from '@pmo/application';
import type { RedisConfig } from '@pmo/config';
import { withRequestId } from '@pmo/logging';
import { createRedisConnection } from '@pmo/notifications';
import type { RedisConnection } from '@pmo/notifications';

/** Consumes one queue of jobs of one name (a delivery, the daily digest); each job hands off to its use case in one call. */
export class EmailJobProcessor<Data extends object> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private connection?: RedisConnection;
  private worker?: Worker<Data, unknown>;

  constructor(
    private readonly config: RedisConfig,
    private readonly queueName: string,
    private readonly jobName: string,
    private readonly deliver: (data: Data) => Promise<unknown>,
    private readonly concurrency = 10,
  ) {
    this.logger = new Logger(`${EmailJobProcessor.name}:${queueName}`);
  }

  onApplicationBootstrap(): void {
    this.connection = createRedisConnection(this.config);
    this.worker = new Worker<Data, unknown>(this.queueName, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.queuePrefix,
      concurrency: this.concurrency,
    });
    this.worker.on('failed', (job, error) => this.logger.warn(`job ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`queue error: ${error.message}`));
    this.logger.log(`consuming ${this.config.queuePrefix}:${this.queueName} with concurrency ${this.concurrency}`);
  }

  private async process(job: Job<Data, unknown>): Promise<unknown> {
    if (job.name !== this.jobName) throw new UnrecoverableError(`no handler for job ${job.name}`);
    try {
      // The job's log lines carry the id of the request it came from.
      return await withRequestId((job.data as { requestId?: string }).requestId, () => this.deliver(job.data));
    } catch (error) {
      // A job naming no record, or a delivery refused for good, can never succeed: do not spend retries on it.
      if (error instanceof ApplicationError && error.code === ApplicationErrorCode.NotFound) throw new UnrecoverableError(error.message);
      if (error instanceof DeliveryFailed && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /** Lets the jobs in flight finish before the connection closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.connection?.disconnect();
  }
}
