import { loadConfig } from '@pmo/config';
import { redisConnectionOptions } from './redis-connection';

const redisOf = (environment: NodeJS.ProcessEnv) => loadConfig(environment).redis;
const probe = { for: 'probe', timeoutMs: 2_000 } as const;

describe('redisConnectionOptions', () => {
  it('connects BullMQ to one server so that a command waits out a restart', () => {
    expect(redisConnectionOptions(redisOf({ PMO_REDIS_URL: 'rediss://pmo:secret@redis.pmo.internal:6380/3' }), { for: 'queue' })).toEqual({
      kind: 'redis',
      options: { host: 'redis.pmo.internal', port: 6380, username: 'pmo', password: 'secret', tls: {}, db: 3, maxRetriesPerRequest: null },
    });
    expect(redisConnectionOptions(redisOf({ PMO_REDIS_URL: 'redis://[::1]' }), { for: 'queue' }).options).toMatchObject({ host: '::1', port: 6379, db: 0 });
  });

  it('gives the readiness probe a connection that fails at once while Redis is away', () => {
    const { options } = redisConnectionOptions(redisOf({}), probe);
    expect(options).toMatchObject({ host: '127.0.0.1', port: 56379, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2_000 });
    expect((options as { retryStrategy: (attempt: number) => number }).retryStrategy(10)).toBe(1_000);
  });

  it('asks the sentinels for the primary, with the URL’s password and TLS for the primary and the sentinels alike', () => {
    const redis = redisOf({
      PMO_REDIS_URL: 'rediss://:secret@ignored/1',
      PMO_REDIS_SENTINELS: 'sentinel-1:26379,sentinel-2:26379',
      PMO_REDIS_SENTINEL_NAME: 'pmo-primary',
      PMO_REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
    });
    expect(redisConnectionOptions(redis, { for: 'queue' })).toEqual({
      kind: 'redis',
      options: {
        sentinels: [
          { host: 'sentinel-1', port: 26379 },
          { host: 'sentinel-2', port: 26379 },
        ],
        name: 'pmo-primary',
        sentinelPassword: 'sentinel-secret',
        password: 'secret',
        tls: {},
        enableTLSForSentinelMode: true,
        sentinelTLS: {},
        db: 1,
        maxRetriesPerRequest: null,
      },
    });
    expect(redisConnectionOptions(redis, probe).options).toMatchObject({ name: 'pmo-primary', lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  });

  it('seeds a Cluster, with BullMQ’s setting on every node and TLS checked against the nodes’ names', () => {
    const connection = redisConnectionOptions(redisOf({ PMO_REDIS_URL: 'rediss://:secret@ignored', PMO_REDIS_CLUSTER_NODES: 'redis-1:6379,redis-2:6379' }), { for: 'queue' });
    expect(connection).toMatchObject({
      kind: 'cluster',
      nodes: [
        { host: 'redis-1', port: 6379 },
        { host: 'redis-2', port: 6379 },
      ],
      options: { redisOptions: { password: 'secret', tls: {}, maxRetriesPerRequest: null } },
    });
    const lookup = connection.kind === 'cluster' ? connection.options.dnsLookup : undefined;
    const found = jest.fn();
    lookup?.('clustercfg.pmo.cache.amazonaws.com', found);
    expect(found).toHaveBeenCalledWith(null, 'clustercfg.pmo.cache.amazonaws.com');

    const plain = redisConnectionOptions(redisOf({ PMO_REDIS_CLUSTER_NODES: 'redis-1:6379' }), probe);
    expect(plain.options).toMatchObject({ lazyConnect: true, enableOfflineQueue: false, redisOptions: { maxRetriesPerRequest: 0, connectTimeout: 2_000 } });
    expect(plain.options).not.toHaveProperty('dnsLookup');
  });
});
