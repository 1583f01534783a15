import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@pmo/config';
import { freePort } from './free-port';

const run = promisify(execFile);
const POSTGRES_SCRIPT = resolve(__dirname, '../../infra/postgres.sh');
/** Managing a cluster needs root, as in infra/: sudo when not root. */
const asRoot = (command: string, args: string[]) => (process.getuid?.() === 0 ? run(command, args) : run('sudo', [command, ...args]));

/**
 * A PostgreSQL cluster of the test's own beside infra's, made by infra/postgres.sh under another cluster
 * name and port (the same roles and database), so that it can be restarted under the apps without
 * touching other suites. Dropped, data and all, by `drop()`.
 */
export class OwnPostgres {
  private constructor(
    readonly cluster: string,
    readonly version: string,
    readonly port: number,
  ) {}

  static async start(cluster = 'nhs_pmo_faults'): Promise<OwnPostgres> {
    // A cluster left by an interrupted run keeps the port it was made with.
    const port = (await OwnPostgres.listed(cluster))?.port ?? (await freePort());
    await run('bash', [POSTGRES_SCRIPT], { env: { ...process.env, PMO_PG_CLUSTER: cluster, PMO_PG_PORT: String(port) } });
    const listed = await OwnPostgres.listed(cluster);
    if (listed === null) throw new Error(`infra/postgres.sh made no cluster ${cluster}`);
    return new OwnPostgres(cluster, listed.version, listed.port);
  }

  private static async listed(cluster: string): Promise<{ version: string; port: number } | null> {
    const { stdout } = await run('pg_lsclusters', ['-h']);
    const row = stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .find((fields) => fields[1] === cluster);
    return row === undefined ? null : { version: row[0], port: Number(row[2]) };
  }

  /** The engine's two connections (apps' role, schema owner) as configured, pointed at this cluster. */
  environment(): NodeJS.ProcessEnv {
    const { url, migrationUrl } = loadConfig().database;
    const here = (configured: string) => Object.assign(new URL(configured), { port: String(this.port) }).toString();
    return { PMO_DATABASE_URL: here(url), PMO_MIGRATION_DATABASE_URL: here(migrationUrl) };
  }

  /** Fast mode, as an operator stops it for a restart: every session is ended at once. */
  async down(): Promise<void> {
    await asRoot('pg_ctlcluster', [this.version, this.cluster, 'stop', '-m', 'fast']);
  }

  /** Back on the same port with the same data. */
  async up(): Promise<void> {
    await asRoot('pg_ctlcluster', [this.version, this.cluster, 'start']);
  }

  async drop(): Promise<void> {
    await asRoot('pg_dropcluster', ['--stop', this.version, this.cluster]);
  }
}
