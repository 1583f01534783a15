import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { DeadLetters, EscalationQueue, NotificationQueue } from '@pmo/application';
import type { RedisConfig } from '@pmo/config';
import {
  DEAD_LETTER_JOB,
  DEAD_LETTER_QUEUE,
  ESCALATION_EMAIL_JOB,
  ESCALATION_QUEUE,
  escalationEmailJobId,
  NOTIFICATION_EMAIL_JOB,
  NOTIFICATION_QUEUE,
  notificationEmailJobId,
} from '@pmo/contracts';
import type { EscalationCause } from '@pmo/contracts';
import { createRedisConnection } from './redis-connection';

const DAY_SECONDS = 24 * 60 * 60;

/** Delivery retries: about two hours of exponential backoff before the job is given up. */
const EMAIL_JOB_ATTEMPTS = 12;

/**
 * A lost Redis connection is logged, not thrown: an 'error' event with no listener would end the process,
 * while ioredis reconnects by itself and an enqueue made meanwhile waits (maxRetriesPerRequest is null).
 */
function watchConnection(queue: Queue, name: string): void {
  const logger = new Logger(`queue:${name}`);
  queue.on('error', (error) => logger.warn(`Redis: ${error.message}`));
}

/** One BullMQ queue of email jobs, each under an id derived from its cause so that it is added once. */
class EmailJobs implements OnApplicationShutdown {
  private readonly connection: IORedis;
  private readonly queue: Queue;

  constructor(config: RedisConfig, name: string) {
    this.connection = createRedisConnection(config.url);
    this.queue = new Queue(name, { connection: this.connection, prefix: config.queuePrefix });
    watchConnection(this.queue, name);
  }

  async add(jobName: string, data: object, jobId: string): Promise<void> {
    // Adding a job whose id exists is a no-op, so completed jobs are kept long enough to dedupe late retries.
    await this.queue.add(jobName, data, {
      jobId,
      attempts: EMAIL_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { age: 30 * DAY_SECONDS },
      removeOnFail: false,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

export class BullmqEscalationQueue extends EscalationQueue implements OnApplicationShutdown {
  private readonly jobs: EmailJobs;

  constructor(config: RedisConfig) {
    super();
    this.jobs = new EmailJobs(config, ESCALATION_QUEUE);
  }

  async enqueueEmail(cause: EscalationCause, escalationId: string): Promise<void> {
    await this.jobs.add(ESCALATION_EMAIL_JOB, { escalationId }, escalationEmailJobId(cause));
  }

  onApplicationShutdown(): Promise<void> {
    return this.jobs.onApplicationShutdown();
  }
}

export class BullmqNotificationQueue extends NotificationQueue implements OnApplicationShutdown {
  private readonly jobs: EmailJobs;

  constructor(config: RedisConfig) {
    super();
    this.jobs = new EmailJobs(config, NOTIFICATION_QUEUE);
  }

  async enqueueEmail(dedupeKey: string, notificationId: string): Promise<void> {
    await this.jobs.add(NOTIFICATION_EMAIL_JOB, { notificationId }, notificationEmailJobId(dedupeKey));
  }

  onApplicationShutdown(): Promise<void> {
    return this.jobs.onApplicationShutdown();
  }
}

/** The dead-letter queue: deliveries that failed for good, kept (nothing consumes them) for the PMO to put right. */
export class BullmqDeadLetters extends DeadLetters implements OnApplicationShutdown {
  private readonly connection: IORedis;
  private readonly queue: Queue;

  constructor(config: RedisConfig) {
    super();
    this.connection = createRedisConnection(config.url);
    this.queue = new Queue(DEAD_LETTER_QUEUE, { connection: this.connection, prefix: config.queuePrefix });
    watchConnection(this.queue, DEAD_LETTER_QUEUE);
  }

  async add(entry: { deliveryKey: string; recipient: string; route: string; subject: string; error: string }): Promise<void> {
    // One entry per delivery: its key is the job id, so a retried failure adds nothing.
    await this.queue.add(DEAD_LETTER_JOB, entry, { jobId: `dead-letter.${entry.deliveryKey}`, removeOnComplete: false, removeOnFail: false });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
