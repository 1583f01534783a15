import IORedis from 'ioredis';

/** BullMQ needs maxRetriesPerRequest null: its blocking commands must wait out a Redis restart, not fail. */
export function createRedisConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null });
}
