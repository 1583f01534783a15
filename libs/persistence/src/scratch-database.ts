import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '@pmo/config';
import { migrateDatabase } from './data-source';

export interface ScratchDatabase extends DatabaseConfig {
  name: string;
  /** Drops the database; throws only if it is still in use after several tries. */
  drop(): Promise<void>;
}

/** PostgreSQL's object_in_use: another session is connected to the database being dropped. */
const OBJECT_IN_USE = '55006';
const DROP_ATTEMPTS = 5;

/** The same connection string, pointed at another database on the same server. */
const inDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

/**
 * Creates and migrates a throwaway database beside the configured one, for a rehearsal or a test file.
 * `creator` connects to create and drop it; the returned URLs are the given ones pointed at it.
 */
export async function createScratchDatabase(prefix: string, creator: string, config: DatabaseConfig): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(creator, (client) => client.query(`CREATE DATABASE ${name}`));
  const database = { ...config, url: inDatabase(config.url, name), migrationUrl: inDatabase(config.migrationUrl, name) };
  await migrateDatabase(database);
  return { ...database, name, drop: () => withClient(creator, (client) => dropDatabase(client, name)) };
}

/**
 * A plain DROP first: PostgreSQL stops an autovacuum worker on the database itself, which WITH (FORCE)
 * refuses to do for a role that is not a superuser (the worker belongs to no role). FORCE is for sessions
 * of ours still closing; between them the drop is tried again until it holds.
 */
async function dropDatabase(client: Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= DROP_ATTEMPTS) throw error;
    }
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt >= DROP_ATTEMPTS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
