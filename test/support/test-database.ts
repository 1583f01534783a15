import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '@pmo/config';
import { migrateDatabase } from '@pmo/persistence';

export interface TestDatabase {
  /** The apps' connection, as the apps' role. */
  url: string;
  /** The schema owner's, as migrations run. */
  migrationUrl: string;
  /** Counts rows, for checks that nothing was written. */
  count(table: string): Promise<number>;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file, on the real PostgreSQL of infra/. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { url: appUrl, migrationUrl: adminUrl } = loadConfig().database;
  const name = `pmo_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const inDatabase = (url: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const database = { url: inDatabase(appUrl), migrationUrl: inDatabase(adminUrl) };
  await migrateDatabase(database);
  const client = new Client({ connectionString: database.migrationUrl });
  await client.connect();
  return {
    ...database,
    async count(table) {
      const result = await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
      return Number(result.rows[0].count);
    },
    async drop() {
      await client.end();
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        // An autovacuum worker on the new database belongs to the superuser, and FORCE may not end it:
        // try again a few times, and never fail a suite over its clean-up.
        for (let attempt = 1; ; attempt += 1) {
          try {
            await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            return;
          } catch (error) {
            if (attempt >= 10) {
              console.warn(`test database ${name} left behind: ${(error as Error).message}`);
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      } finally {
        await dropper.end();
      }
    },
  };
}
