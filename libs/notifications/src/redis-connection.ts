import { Cluster, Redis } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import type { RedisConfig, RedisNode } from '@pmo/config';

export type RedisConnection = Redis | Cluster;

/** What a connection is for, which decides how it behaves while Redis is away. */
export type RedisConnectionUse =
  /** BullMQ's: a command waits out a restart or a failover instead of failing (maxRetriesPerRequest null, as BullMQ's workers require). */
  | { for: 'queue' }
  /** A readiness probe's: connects when first asked, queues nothing, gives up after the timeout and reconnects within a second. */
  | { for: 'probe'; timeoutMs: number };

/** ioredis's constructor arguments: `new Redis(options)` for a server or Sentinel, `new Cluster(nodes, options)`. */
export type RedisConnectionOptions = { kind: 'redis'; options: RedisOptions } | { kind: 'cluster'; nodes: RedisNode[]; options: ClusterOptions };

const reconnectWithinASecond = (attempt: number): number => Math.min(attempt * 250, 1_000);

/** The user, password and TLS the URL gives every node. */
function credentialsOf(url: URL): RedisOptions {
  return {
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** How to connect, for each way of finding Redis; pure, so that every case can be checked without a Redis. */
export function redisConnectionOptions(config: RedisConfig, use: RedisConnectionUse): RedisConnectionOptions {
  const url = new URL(config.url);
  const tls = url.protocol === 'rediss:';
  const commands: RedisOptions = use.for === 'queue' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 0, connectTimeout: use.timeoutMs };
  const offline = use.for === 'queue' ? {} : { lazyConnect: true, enableOfflineQueue: false };
  // What a server and a Sentinel-found primary share: credentials, database, and how commands behave while Redis is away.
  const node: RedisOptions = {
    ...credentialsOf(url),
    db: Number(url.pathname.slice(1) || 0),
    ...commands,
    ...offline,
    ...(use.for === 'probe' ? { retryStrategy: reconnectWithinASecond } : {}),
  };
  const topology = config.topology;
  switch (topology.kind) {
    case 'server':
      return { kind: 'redis', options: { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 6379), ...node } };
    case 'sentinel':
      return {
        kind: 'redis',
        options: {
          sentinels: topology.sentinels,
          name: topology.primaryName,
          ...(topology.sentinelPassword === null ? {} : { sentinelPassword: topology.sentinelPassword }),
          // rediss: is TLS to the sentinels and to the primary they name alike.
          ...(tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
          ...node,
        },
      };
    case 'cluster':
      return {
        kind: 'cluster',
        nodes: topology.nodes,
        options: {
          redisOptions: { ...credentialsOf(url), ...commands },
          // Connect by name, not by the address it resolves to, so that TLS checks the certificate against the name (ElastiCache's case).
          ...(tls ? { dnsLookup: (address: string, found: (error: null, address: string) => void) => found(null, address) } : {}),
          ...offline,
          ...(use.for === 'probe' ? { clusterRetryStrategy: reconnectWithinASecond } : {}),
        },
      };
  }
}

/** Every Redis connection the engine makes: BullMQ's queues and workers, and the readiness probe. */
export function createRedisConnection(config: RedisConfig, use: RedisConnectionUse = { for: 'queue' }): RedisConnection {
  const connection = redisConnectionOptions(config, use);
  return connection.kind === 'cluster' ? new Cluster(connection.nodes, connection.options) : new Redis(connection.options);
}
