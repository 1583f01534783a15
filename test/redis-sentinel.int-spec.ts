import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { loadConfig } from '@pmo/config';
import { createRedisConnection } from '@pmo/notifications';
import type { RedisConnection } from '@pmo/notifications';
import { waitUntil } from './support/eventually';
import { freePort } from './support/free-port';

const PRIMARY_NAME = 'pmo-test';
const QUEUE = 'sentinel-check';

/** What redis-cli answers on a port, or null while nothing does. */
function redisCli(port: number, ...command: string[]): string | null {
  const answer = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...command], { encoding: 'utf8', timeout: 2_000 });
  return answer.status === 0 ? answer.stdout : null;
}

/** The port of the server a connection is talking to now. */
async function portOf(connection: RedisConnection): Promise<number> {
  return Number(/tcp_port:(\d+)/.exec(await connection.info('server'))?.[1]);
}

/**
 * Sentinel end to end, on Debian's redis-server: a primary, its replica and a sentinel of the test's own. The engine
 * finds the primary through the sentinel alone (the URL's host is never used), a BullMQ job goes round, and after the
 * primary is killed the same connections carry on with the replica the sentinel promotes.
 */
describe('Redis through Sentinel', () => {
  const directory = mkdtempSync(join(tmpdir(), 'pmo-sentinel-'));
  const processes: ChildProcess[] = [];
  let ports: { primary: number; replica: number; sentinel: number; unused: number };
  let connections: RedisConnection[] = [];
  let queue: Queue | undefined;
  let worker: Worker | undefined;

  const start = (...args: string[]): ChildProcess => {
    const child = spawn('redis-server', args, { cwd: directory, stdio: 'ignore' });
    processes.push(child);
    return child;
  };
  const server = (port: number, ...args: string[]) => {
    const data = mkdtempSync(join(directory, `${port}-`));
    return start('--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', data, ...args);
  };

  beforeAll(async () => {
    ports = { primary: await freePort(), replica: await freePort(), sentinel: await freePort(), unused: await freePort() };
    // No wait for other replicas before the first sync (Redis waits 5 s by default).
    const primary = server(ports.primary, '--repl-diskless-sync-delay', '0');
    await waitUntil(() => redisCli(ports.primary, 'ping')?.trim() === 'PONG', 5_000, 'the primary answering');
    server(ports.replica, '--replicaof', '127.0.0.1', String(ports.primary));
    await waitUntil(() => redisCli(ports.replica, 'info', 'replication')?.includes('master_link_status:up') === true, 5_000, 'the replica in step');
    const sentinelConf = join(directory, 'sentinel.conf');
    writeFileSync(
      sentinelConf,
      [
        `port ${ports.sentinel}`,
        'bind 127.0.0.1',
        `dir ${directory}`,
        `sentinel monitor ${PRIMARY_NAME} 127.0.0.1 ${ports.primary} 1`,
        `sentinel down-after-milliseconds ${PRIMARY_NAME} 1000`,
        `sentinel failover-timeout ${PRIMARY_NAME} 10000`,
        '',
      ].join('\n'),
    );
    start(sentinelConf, '--sentinel');
    await waitUntil(() => redisCli(ports.sentinel, 'sentinel', 'replicas', PRIMARY_NAME)?.includes(String(ports.replica)) === true, 5_000, 'the sentinel knowing the replica');
    expect(primary.exitCode).toBeNull();
  });

  afterAll(async () => {
    await worker?.close(true).catch(() => undefined);
    await queue?.close().catch(() => undefined);
    for (const connection of connections) connection.disconnect();
    for (const child of processes) child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  });

  it('round-trips a BullMQ job on the primary the sentinel names, and again on the replica it promotes', async () => {
    const config = loadConfig({
      PMO_REDIS_URL: `redis://127.0.0.1:${ports.unused}`,
      PMO_REDIS_SENTINELS: `127.0.0.1:${ports.sentinel}`,
      PMO_REDIS_SENTINEL_NAME: PRIMARY_NAME,
      PMO_QUEUE_PREFIX: 'sentinel-test',
    });
    connections = [createRedisConnection(config.redis), createRedisConnection(config.redis)];
    const [forQueue, forWorker] = connections;
    const done: string[] = [];
    queue = new Queue(QUEUE, { connection: forQueue, prefix: config.redis.queuePrefix });
    worker = new Worker(QUEUE, async (job) => void done.push(job.name), { connection: forWorker, prefix: config.redis.queuePrefix });
    // Errors while the primary is away are expected; unheard, an 'error' event would end the process.
    const ignore = () => undefined;
    queue.on('error', ignore);
    worker.on('error', ignore);
    for (const connection of connections) connection.on('error', ignore);

    await queue.add('before-failover', {});
    await waitUntil(() => done.includes('before-failover'), 5_000, 'the job before the failover');
    expect(await portOf(forQueue)).toBe(ports.primary);

    processes[0].kill('SIGKILL');
    await queue.add('after-failover', {});
    await waitUntil(() => done.includes('after-failover'), 12_000, 'the job after the failover');
    expect(await portOf(forQueue)).toBe(ports.replica);
    expect(redisCli(ports.replica, 'role')?.split('\n')[0]).toBe('master');
  }, 30_000);
});
