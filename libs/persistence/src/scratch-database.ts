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
/** PostgreSQL's insufficient_privilege: the database is another role's. */
const INSUFFICIENT_PRIVILEGE = '42501';
const DROP_ATTEMPTS = 5;

/**
 * How old a scratch database must be before it is taken for one a killed run left behind: far longer than a
 * rehearsal or a test file takes.
 */
const LEFT_BEHIND_AFTER_MS = 60 * 60_000;

/** A prefix goes unquoted into SQL and into a pattern, and PostgreSQL folds unquoted names to lower case. */
function scratchPrefix(prefix: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`a scratch database's prefix must be lower-case letters, digits and underscores, not ${prefix}`);
  return prefix;
}

/** The same connection string, pointed at another database on the same server. */
const inDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

/**
 * Creates and migrates a throwaway database beside the configured one, for a rehearsal or a test file.
 * `creator` connects to create and drop it; the returned URLs are the given ones pointed at it. The name
 * says when it was made (milliseconds, base 36), for `dropLeftBehind`.
 */
export async function createScratchDatabase(prefix: string, creator: string, config: DatabaseConfig): Promise<ScratchDatabase> {
  const name = `${scratchPrefix(prefix)}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(creator, (client) => client.query(`CREATE DATABASE ${name}`));
  const database = { ...config, url: inDatabase(config.url, name), migrationUrl: inDatabase(config.migrationUrl, name) };
  await migrateDatabase(database);
  return { ...database, name, drop: () => withClient(creator, (client) => dropDatabase(client, name)) };
}

/**
 * Drops the scratch databases of a prefix that runs killed before their clean-up left behind: made over an hour
 * before `now` by their names, with no session in them (a plain DROP refuses a database in use, so a long run's
 * own is kept) and the creator's own. Returns the names dropped.
 */
export async function dropLeftBehind(prefix: string, creator: string, now = Date.now()): Promise<string[]> {
  // The names createScratchDatabase makes: nobody else's.
  const scratchName = new RegExp(`^${scratchPrefix(prefix)}_([0-9a-z]+)_[0-9a-f]{8}$`);
  return withClient(creator, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname', [`${prefix}_`]);
    const dropped: string[] = [];
    for (const { datname } of rows) {
      const match = scratchName.exec(datname);
      if (match === null || now - parseInt(match[1], 36) < LEFT_BEHIND_AFTER_MS) continue;
      try {
        await client.query(`DROP DATABASE IF EXISTS ${datname}`);
        dropped.push(datname);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== OBJECT_IN_USE && code !== INSUFFICIENT_PRIVILEGE) throw error;
      }
    }
    return dropped;
  });
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
