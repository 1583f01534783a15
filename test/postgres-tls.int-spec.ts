import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { loadConfig } from '@pmo/config';
import type { DatabaseConfig } from '@pmo/config';
import { createDataSource } from '@pmo/persistence';

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

/**
 * TLS to PostgreSQL is the URL's business, as on a managed server: the local stack's PostgreSQL (Debian's, with
 * its self-signed certificate) is reached over TLS, and pg checks the certificate and the host name whatever
 * sslmode says short of no-verify. The pool is as large as configured.
 */
describe('PostgreSQL over TLS, by the URL', () => {
  const database = loadConfig().database;
  const opened: DataSource[] = [];
  const open = async (config: Partial<DatabaseConfig>): Promise<DataSource> => {
    const dataSource = createDataSource({ ...database, ...config });
    opened.push(dataSource);
    return dataSource.initialize();
  };

  afterAll(async () => {
    for (const dataSource of opened) if (dataSource.isInitialized) await dataSource.destroy();
  });

  it('connects over TLS with the pool size configured', async () => {
    const dataSource = await open({ url: withQuery(database.url, 'sslmode=no-verify'), poolSize: 3 });
    const [session] = (await dataSource.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')) as { ssl: boolean }[];
    expect(session.ssl).toBe(true);
    expect(((dataSource.driver as PostgresDriver).master as Pool).options.max).toBe(3);
  });

  it('checks the certificate against sslrootcert and the host name, and sslmode=require does the same', async () => {
    const plain = await open({});
    const [{ ssl_cert_file: certificate }] = (await plain.query('SHOW ssl_cert_file')) as { ssl_cert_file: string }[];
    await expect(open({ url: withQuery(database.url, `sslmode=verify-full&sslrootcert=${encodeURIComponent(certificate)}`) })).rejects.toThrow(
      /does not match certificate's altnames/,
    );
    await expect(open({ url: withQuery(database.url, 'sslmode=require') })).rejects.toThrow(/self-signed certificate/);
  });
});
