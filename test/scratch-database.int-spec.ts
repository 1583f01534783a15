import { Client } from 'pg';
import { loadConfig } from '@pmo/config';
import { createScratchDatabase, dropLeftBehind } from '@pmo/persistence';

const { database } = loadConfig();

async function asCreator<T>(use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: database.migrationUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const exists = (name: string) => asCreator(async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
const HOUR_MS = 3_600_000;

describe('scratch databases for rehearsals and tests', () => {
  it('creates a migrated database and drops it while one of its creator\'s sessions is still open', async () => {
    const scratch = await createScratchDatabase('pmo_scratch', database.migrationUrl, database);
    const lingering = new Client({ connectionString: scratch.migrationUrl });
    lingering.on('error', () => undefined);
    await lingering.connect();
    const migrated = await lingering.query<{ count: string }>('SELECT count(*) FROM migrations');
    expect(Number(migrated.rows[0].count)).toBeGreaterThan(0);
    expect(await exists(scratch.name)).toBe(true);

    await scratch.drop();

    expect(await exists(scratch.name)).toBe(false);
    await expect(lingering.query('SELECT 1')).rejects.toThrow();
    await lingering.end().catch(() => undefined);
  });

  it('drops only the scratch databases a killed run left behind: over an hour old and idle', async () => {
    const prefix = `pmo_sweep${process.pid}`;
    const madeAt = (ms: number) => `${prefix}_${ms.toString(36)}_0123abcd`;
    const now = Date.now();
    const leftBehind = madeAt(now - 2 * HOUR_MS);
    const beforeNamesHadTimes = `${prefix}_0123456789ab`;
    const anotherPrefix = `${prefix}_extra_${(now - 2 * HOUR_MS).toString(36)}_0123abcd`;
    const stillInUse = madeAt(now - 3 * HOUR_MS);
    const recent = madeAt(now - HOUR_MS / 2);
    const notAScratchDatabase = `${prefix}_reports`;
    const names = [leftBehind, beforeNamesHadTimes, stillInUse, recent, notAScratchDatabase, anotherPrefix];
    await asCreator(async (client) => {
      for (const name of names) await client.query(`CREATE DATABASE ${name}`);
    });
    const session = new Client({ connectionString: Object.assign(new URL(database.migrationUrl), { pathname: `/${stillInUse}` }).toString() });
    await session.connect();
    try {
      expect(await dropLeftBehind(prefix, database.migrationUrl, now)).toEqual([leftBehind]);

      expect(await Promise.all(names.map(exists))).toEqual([false, true, true, true, true, true]);
    } finally {
      await session.end();
      await asCreator(async (client) => {
        for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name}`);
      });
    }
  });

  it('names a scratch database with when it was made, so that a run an hour later takes it for left behind', async () => {
    const prefix = `pmo_made${process.pid}`;
    const scratch = await createScratchDatabase(prefix, database.migrationUrl, database);
    try {
      expect(await dropLeftBehind(prefix, database.migrationUrl, Date.now() + HOUR_MS / 2)).toEqual([]);
      expect(await dropLeftBehind(prefix, database.migrationUrl, Date.now() + 2 * HOUR_MS)).toEqual([scratch.name]);
      expect(await exists(scratch.name)).toBe(false);
    } finally {
      await scratch.drop();
    }
  });

  it('refuses a prefix that SQL would fold or a pattern would misread', async () => {
    await expect(dropLeftBehind('PMO_Test', database.migrationUrl)).rejects.toThrow("a scratch database's prefix must be lower-case letters, digits and underscores, not PMO_Test");
  });
});
