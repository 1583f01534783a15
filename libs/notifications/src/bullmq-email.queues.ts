import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DeadLetters, EscalationQueue, NotificationQueue } from '@pmo/application';
import type { RedisConfig } from '@pmo/config';
import {
  DEAD_LETTER_JOB,
  DEAD_LETTER_QUEUE,
  DIGEST_JOB,
  DIGEST_QUEUE,
  ESCALATION_EMAIL_JOB,
  ESCALATION_QUEUE,
  escalationEmailJobId,
  NOTIFICATION_EMAIL_JOB,
  NOTIFICATION_QUEUE,
  notificationEmailJobId,
} from '@pmo/contracts';
import type { EscalationCause } from '@pmo/contracts';
import { currentRequestId } from '@pmo/logging';
import { createRedisConnection } from './redis-connection';
import type { RedisConnection } from './redis-connection';

const DAY_SECONDS = 24 * 60 * 60;

/** Delivery retries: about two hours of exponential backoff before the job is given up. */
const EMAIL_JOB_ATTEMPTS = 12;

/** A BullMQ queue on a Redis connection of its own, both closed with the app. */
class OwnedQueue implements OnApplicationShutdown {
  readonly queue: Queue;
  private readonly connection: RedisConnection;

  constructor(config: RedisConfig, name: string) {
    this.connection = createRedisConnection(config);
    this.queue = new Queue(name, { connection: this.connection, prefix: config.queuePrefix });
    // A lost connection is logged, not thrown: an 'error' event with no listener would end the process,
    // while ioredis reconnects by itself and an enqueue made meanwhile waits (maxRetriesPerRequest is null).
    const logger = new Logger(`queue:${name}`);
    this.queue.on('error', (error) => logger.warn(`Redis: ${error.message}`));
  }

  /**
   * Adds a delivery job; adding a job whose id exists is a no-op, and completed jobs are kept to dedupe late retries.
   * The job carries the id of the request it came from, when it came from one.
   */
  async addDelivery(jobName: string, data: object, jobId: string): Promise<void> {
    await this.queue.add(jobName, { ...data, requestId: currentRequestId() }, {
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
  private readonly jobs: OwnedQueue;

  constructor(config: RedisConfig) {
    super();
    this.jobs = new OwnedQueue(config, ESCALATION_QUEUE);
  }

  async enqueueEmail(cause: EscalationCause, escalationId: string): Promise<void> {
    await this.jobs.addDelivery(ESCALATION_EMAIL_JOB, { escalationId }, escalationEmailJobId(cause));
  }

  onApplicationShutdown(): Promise<void> {
    return this.jobs.onApplicationShutdown();
  }
}

export class BullmqNotificationQueue extends NotificationQueue implements OnApplicationShutdown {
  private readonly jobs: OwnedQueue;

  constructor(config: RedisConfig) {
    super();
    this.jobs = new OwnedQueue(config, NOTIFICATION_QUEUE);
  }

  async enqueueEmail(dedupeKey: string, notificationId: string): Promise<void> {
    await this.jobs.addDelivery(NOTIFICATION_EMAIL_JOB, { notificationId }, notificationEmailJobId(dedupeKey));
  }

  onApplicationShutdown(): Promise<void> {
    return this.jobs.onApplicationShutdown();
  }
}

/** The dead-letter queue: deliveries that failed for good, kept (nothing consumes them) for the PMO to put right. */
export class BullmqDeadLetters extends DeadLetters implements OnApplicationShutdown {
  private readonly jobs: OwnedQueue;

  constructor(config: RedisConfig) {
    super();
    this.jobs = new OwnedQueue(config, DEAD_LETTER_QUEUE);
  }

  async add(entry: { deliveryKey: string; recipient: string; route: string; subject: string; error: string }): Promise<void> {
    // One entry per delivery: its key is the job id, so a retried failure adds nothing.
    await this.jobs.queue.add(DEAD_LETTER_JOB, entry, { jobId: `dead-letter.${entry.deliveryKey}`, removeOnComplete: false, removeOnFail: false });
  }

  onApplicationShutdown(): Promise<void> {
    return this.jobs.onApplicationShutdown();
  }
}

/** Registers the daily digest's repeatable job: every day at a London time, across the clock changes. */
export class BullmqDigestSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly jobs: OwnedQueue;

  constructor(
    config: RedisConfig,
    private readonly time: string,
  ) {
    this.jobs = new OwnedQueue(config, DIGEST_QUEUE);
  }

  async onApplicationBootstrap(): Promise<void> {
    const [hour, minute] = this.time.split(':').map(Number);
    // Upserted: every notifier registers the same one scheduler, and a changed time replaces the old.
    await this.jobs.queue.upsertJobScheduler(DIGEST_JOB, { pattern: `${minute} ${hour} * * *`, tz: 'Europe/London' }, { name: DIGEST_JOB, data: {} });
  }

  onApplicationShutdown(): Promise<void> {
    return this.jobs.onApplicationShutdown();
  }
}
