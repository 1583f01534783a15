import { OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { EscalationQueue } from '@pmo/application';
import type { RedisConfig } from '@pmo/config';
import { ESCALATION_EMAIL_JOB, ESCALATION_QUEUE, escalationEmailJobId } from '@pmo/contracts';
import type { EscalationCause, EscalationEmailJob } from '@pmo/contracts';
import { createRedisConnection } from './redis-connection';

const DAY_SECONDS = 24 * 60 * 60;

/** Delivery retries: about two hours of exponential backoff before the job is given up. */
const ESCALATION_JOB_ATTEMPTS = 12;

export class BullmqEscalationQueue extends EscalationQueue implements OnApplicationShutdown {
  private readonly connection: IORedis;
  private readonly queue: Queue<EscalationEmailJob>;

  constructor(config: RedisConfig) {
    super();
    this.connection = createRedisConnection(config.url);
    this.queue = new Queue<EscalationEmailJob>(ESCALATION_QUEUE, { connection: this.connection, prefix: config.queuePrefix });
  }

  async enqueueEmail(cause: EscalationCause, escalationId: string): Promise<void> {
    // Adding a job whose id exists is a no-op, so completed jobs are kept long enough to dedupe late retries.
    await this.queue.add(
      ESCALATION_EMAIL_JOB,
      { escalationId },
      {
        jobId: escalationEmailJobId(cause),
        attempts: ESCALATION_JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 30 * DAY_SECONDS },
        removeOnFail: false,
      },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
