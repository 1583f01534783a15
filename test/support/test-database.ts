import { Client } from 'pg';
import { loadConfig } from '@pmo/config';
import type { DatabaseConfig } from '@pmo/config';
import { createScratchDatabase, dropLeftBehind } from '@pmo/persistence';

export interface TestDatabase {
  /** The apps' connection, as the apps' role. */
  url: string;
  /** The schema owner's, as migrations run. */
  migrationUrl: string;
  /** Counts rows, for checks that nothing was written. */
  count(table: string): Promise<number>;
  drop(): Promise<void>;
}

/** Before a test file's first database (jest gives each file its modules afresh): those of runs killed before their clean-up, which would otherwise pile up. */
let leftBehindDropped: Promise<unknown> | undefined;

/** A fresh, migrated database of its own for one test file, on the real PostgreSQL of infra/ (or the one given). */
export async function createTestDatabase(database: DatabaseConfig = loadConfig().database): Promise<TestDatabase> {
  leftBehindDropped ??= dropLeftBehind('pmo_test', database.migrationUrl).catch((error: Error) => console.warn(`test databases left behind were not dropped: ${error.message}`));
  await leftBehindDropped;
  const scratch = await createScratchDatabase('pmo_test', database.migrationUrl, database);
  const client = new Client({ connectionString: scratch.migrationUrl });
  // A server restarted under a fault run ends this session: count() then fails, not the whole test process.
  client.on('error', () => undefined);
  await client.connect();
  return {
    url: scratch.url,
    migrationUrl: scratch.migrationUrl,
    async count(table) {
      const result = await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
      return Number(result.rows[0].count);
    },
    async drop() {
      await client.end();
      // A suite never fails over its clean-up.
      await scratch.drop().catch((error: Error) => console.warn(`test database ${scratch.name} left behind: ${error.message}`));
    },
  };
}
