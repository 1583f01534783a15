import { OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { RedisConfig } from '@pmo/config';
import { createRedisConnection } from '@pmo/notifications';
import type { RedisConnection } from '@pmo/notifications';

/** Each probe answers within this, so that readiness turns within seconds of a service stopping. */
const PROBE_TIMEOUT_MS = 2_000;

async function withinTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Probes of the services the engine needs: PostgreSQL, Redis and Temporal. The Redis connection is the
 * probes' own, and queues nothing while Redis is away, so a probe fails at once instead of waiting for it.
 */
export class ReadinessProbes implements OnApplicationShutdown {
  private readonly redis: RedisConnection;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly temporal: Connection,
    redis: RedisConfig,
  ) {
    this.redis = createRedisConnection(redis, { for: 'probe', timeoutMs: PROBE_TIMEOUT_MS });
    // A refused reconnection is what the probe reports; unhandled, ioredis would log each one.
    this.redis.on('error', () => undefined);
  }

  postgres(): Promise<HealthIndicatorResult> {
    return this.probe('postgres', () => this.dataSource.query('SELECT 1'));
  }

  async redisServer(): Promise<HealthIndicatorResult> {
    return this.probe('redis', async () => {
      if (this.redis.status === 'wait') await this.redis.connect();
      await this.redis.ping();
    });
  }

  temporalServer(): Promise<HealthIndicatorResult> {
    return this.probe('temporal', () => this.temporal.healthService.check({}));
  }

  private async probe(key: string, check: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await withinTimeout(check(), key);
      return indicator.up();
    } catch (error) {
      return indicator.down({ reason: (error as Error).message });
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
