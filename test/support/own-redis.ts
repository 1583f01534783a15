import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** A Redis of the test's own, append-only on disk, so that it can be restarted under the apps without touching other tests. */
export class OwnRedis {
  private process?: ChildProcess;
  private readonly directory = mkdtempSync(join(tmpdir(), 'pmo-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.process = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(this.port), '--dir', this.directory, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    for (let tries = 0; ; tries += 1) {
      const answered = await new Promise<boolean>((done) => spawn('redis-cli', ['-p', String(this.port), 'ping'], { stdio: 'ignore' }).on('exit', (code) => done(code === 0)));
      if (answered) return;
      if (tries > 100) throw new Error(`redis-server did not start on ${this.port}`);
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }

  /** SIGTERM: Redis writes its append-only file and exits, as an orderly restart does. */
  async down(): Promise<void> {
    const exited = new Promise((done) => this.process?.once('exit', done));
    this.process?.kill('SIGTERM');
    await exited;
  }
}
