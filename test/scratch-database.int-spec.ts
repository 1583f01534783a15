import { Client } from 'pg';
import { loadConfig } from '@pmo/config';
import { createScratchDatabase } from '@pmo/persistence';

const { database } = loadConfig();

async function exists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: database.migrationUrl });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

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
});
