import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from './config';

/** The problems a bad environment is refused for. */
function problemsOf(environment: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(environment);
  } catch (thrown) {
    if (thrown instanceof ConfigurationError) return thrown.problems;
    throw thrown;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig', () => {
  it('defaults to the local stack of infra/', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ url: 'postgres://pmo_app:pmo_app@127.0.0.1:55432/pmo', migrationUrl: 'postgres://pmo:pmo@127.0.0.1:55432/pmo', poolSize: 10 });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:56379', topology: { kind: 'server' }, queuePrefix: 'pmo' });
    expect(config.temporal).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', tls: null, apiKey: null });
    expect(config.smtp).toEqual({ host: '127.0.0.1', port: 1025, secure: false, from: 'pmo-engine@localhost.localdomain' });
    expect(config.pdf).toEqual({ chromiumPath: '/usr/bin/chromium' });
    expect(config.delivery).toEqual({ webhookSigningSecret: null, pmoAlertEmails: ['pmo@icb.nhs.example'], publicUrl: 'http://127.0.0.1:3000', linkSigningSecret: null, digestTime: '07:30' });
  });

  it('names every bad variable', () => {
    const error = ((): unknown => {
      try {
        loadConfig({ PMO_API_PORT: '70000', PMO_REDIS_URL: 'http://x', PMO_SMTP_SECURE: 'yes', PMO_CHROMIUM_PATH: 'chromium' });
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.map((problem) => problem.split(':')[0])).toEqual(['PMO_REDIS_URL', 'PMO_API_PORT', 'PMO_SMTP_SECURE', 'PMO_CHROMIUM_PATH']);
  });

  it('wants SMTP credentials in pairs', () => {
    expect(() => loadConfig({ PMO_SMTP_USER: 'pmo' })).toThrow(/set both or neither/);
    expect(loadConfig({ PMO_SMTP_USER: 'pmo', PMO_SMTP_PASSWORD: 'secret' }).smtp.auth).toEqual({ user: 'pmo', pass: 'secret' });
  });

  it('reads the month-end cycle rule and its people, refusing a deadline before the run', () => {
    expect(loadConfig({}).monthEnd).toEqual({
      runWorkingDay: 5,
      runTime: '07:00',
      returnDeadlineWorkingDay: 10,
      returnReminderWorkingDays: 2,
      updateReminderWorkingDays: 2,
      returnSignOffEmails: ['pmo@icb.nhs.example'],
      returnEscalationEmails: ['director.primary-care@icb.nhs.example'],
    });
    expect(loadConfig({ PMO_RETURN_SIGN_OFF_EMAILS: 'a@icb.nhs.example, b@icb.nhs.example' }).monthEnd.returnSignOffEmails).toEqual(['a@icb.nhs.example', 'b@icb.nhs.example']);
    expect(() => loadConfig({ PMO_MONTH_END_RUN_TIME: '7am' })).toThrow(/PMO_MONTH_END_RUN_TIME: must be a London time of day/);
    expect(() => loadConfig({ PMO_RETURN_SIGN_OFF_EMAILS: 'nobody' })).toThrow(/PMO_RETURN_SIGN_OFF_EMAILS/);
    expect(() => loadConfig({ PMO_MONTH_END_RUN_WORKING_DAY: '12' })).toThrow(/must not come before PMO_MONTH_END_RUN_WORKING_DAY/);
  });

  it('checks tokens against the local key unless an issuer’s JWKS is given, and keeps configured admins in lower case', () => {
    expect(loadConfig({}).auth).toEqual({ issuer: 'pmo-engine-local', audience: 'pmo-engine', jwksUrl: null, localKeyFile: '.data/auth/local-signing-key.json', adminEmails: [], webSignIn: null });
    const entra = loadConfig({
      PMO_AUTH_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
      PMO_AUTH_JWKS_URL: 'https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys',
      PMO_ADMIN_EMAILS: 'Head.Of.PMO@icb.nhs.example',
    }).auth;
    expect([entra.jwksUrl, entra.adminEmails]).toEqual(['https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys', ['head.of.pmo@icb.nhs.example']]);
    expect(() => loadConfig({ PMO_AUTH_JWKS_URL: 'file:///etc/keys' })).toThrow(/PMO_AUTH_JWKS_URL/);
    expect(() => loadConfig({ PMO_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/PMO_RATE_LIMIT_PER_MINUTE/);
  });

  it('sends the web pages to the identity provider to sign in once they are its client, coming back to the public URL', () => {
    const entra = {
      PMO_AUTH_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
      PMO_AUTH_JWKS_URL: 'https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys',
      PMO_PUBLIC_URL: 'https://pmo.icb.nhs.example',
    };
    expect(loadConfig(entra).auth.webSignIn).toBeNull();
    expect(loadConfig({ ...entra, PMO_AUTH_CLIENT_ID: 'client-id', PMO_AUTH_SCOPE: 'openid email api://pmo/access' }).auth.webSignIn).toEqual({
      clientId: 'client-id',
      clientSecret: null,
      scope: 'openid email api://pmo/access',
      redirectUri: 'https://pmo.icb.nhs.example/app/sign-in/callback',
    });
    expect(() => loadConfig({ PMO_AUTH_CLIENT_ID: 'client-id' })).toThrow(/PMO_AUTH_CLIENT_ID: needs PMO_AUTH_JWKS_URL/);
  });

  it('sizes the database pool', () => {
    expect(loadConfig({ PMO_DATABASE_POOL_SIZE: '25' }).database.poolSize).toBe(25);
    expect(problemsOf({ PMO_DATABASE_POOL_SIZE: '0' })).toEqual([expect.stringMatching(/^PMO_DATABASE_POOL_SIZE: /)]);
  });

  it('believes no proxy unless told how many stand in front', () => {
    expect(loadConfig({}).api.trustProxyHops).toBe(0);
    expect(loadConfig({ PMO_TRUST_PROXY_HOPS: '1' }).api.trustProxyHops).toBe(1);
    expect(problemsOf({ PMO_TRUST_PROXY_HOPS: '-1' })).toEqual([expect.stringMatching(/^PMO_TRUST_PROXY_HOPS: /)]);
  });

  it('keeps 1,000 workflows cached in a worker unless told otherwise', () => {
    expect(loadConfig({}).temporal.maxCachedWorkflows).toBe(1000);
    expect(loadConfig({ PMO_WORKER_MAX_CACHED_WORKFLOWS: '0' }).temporal.maxCachedWorkflows).toBe(0);
    expect(problemsOf({ PMO_WORKER_MAX_CACHED_WORKFLOWS: 'many' })).toEqual([expect.stringMatching(/^PMO_WORKER_MAX_CACHED_WORKFLOWS: /)]);
  });

  describe('Temporal beyond the dev server', () => {
    let directory: string;
    let pem: { cert: string; key: string; ca: string; notPem: string };
    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'pmo-config-'));
      const write = (name: string, content: string) => {
        writeFileSync(join(directory, name), content);
        return join(directory, name);
      };
      pem = {
        cert: write('client.pem', '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n'),
        key: write('client.key', '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n'),
        ca: write('ca.pem', '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n'),
        notPem: write('client.der', 'not a certificate'),
      };
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('reads the client certificate, its key and the CA once, for mTLS', () => {
      const temporal = loadConfig({
        PMO_TEMPORAL_ADDRESS: 'temporal-frontend.pmo.internal:7233',
        PMO_TEMPORAL_NAMESPACE: 'pmo',
        PMO_TEMPORAL_TLS_CERT_FILE: pem.cert,
        PMO_TEMPORAL_TLS_KEY_FILE: pem.key,
        PMO_TEMPORAL_TLS_CA_FILE: pem.ca,
        PMO_TEMPORAL_TLS_SERVER_NAME: 'temporal.pmo.internal',
      }).temporal;
      expect(temporal).toMatchObject({ address: 'temporal-frontend.pmo.internal:7233', namespace: 'pmo', apiKey: null });
      expect(temporal.tls?.clientCertPair?.crt.toString()).toContain('client');
      expect(temporal.tls?.clientCertPair?.key.toString()).toContain('PRIVATE KEY');
      expect(temporal.tls?.serverRootCaCertificate?.toString()).toContain('ca');
      expect(temporal.tls?.serverNameOverride).toBe('temporal.pmo.internal');
    });

    it('takes an API key over TLS with the system CAs, or TLS alone when asked', () => {
      expect(loadConfig({ PMO_TEMPORAL_API_KEY: 'key' }).temporal).toMatchObject({ apiKey: 'key', tls: { clientCertPair: null, serverRootCaCertificate: null, serverNameOverride: null } });
      expect(loadConfig({ PMO_TEMPORAL_TLS: 'true' }).temporal).toMatchObject({ apiKey: null, tls: { clientCertPair: null } });
      expect(loadConfig({ PMO_TEMPORAL_TLS: 'false' }).temporal.tls).toBeNull();
    });

    it('names each variable whose file is missing or not PEM, and wants a certificate and key in pairs', () => {
      expect(problemsOf({ PMO_TEMPORAL_TLS_CERT_FILE: join(directory, 'missing.pem'), PMO_TEMPORAL_TLS_KEY_FILE: pem.notPem })).toEqual([
        `PMO_TEMPORAL_TLS_CERT_FILE: cannot read ${join(directory, 'missing.pem')} (ENOENT)`,
        `PMO_TEMPORAL_TLS_KEY_FILE: ${pem.notPem} is not PEM (no -----BEGIN line)`,
      ]);
      expect(problemsOf({ PMO_TEMPORAL_TLS_CA_FILE: directory })).toEqual([`PMO_TEMPORAL_TLS_CA_FILE: cannot read ${directory} (EISDIR)`]);
      expect(problemsOf({ PMO_TEMPORAL_TLS_CERT_FILE: pem.cert })).toEqual(['PMO_TEMPORAL_TLS_CERT_FILE and PMO_TEMPORAL_TLS_KEY_FILE: set both or neither']);
    });

    it('refuses TLS turned off under settings that need it', () => {
      expect(problemsOf({ PMO_TEMPORAL_TLS: 'false', PMO_TEMPORAL_API_KEY: 'key', PMO_TEMPORAL_TLS_CA_FILE: pem.ca })).toEqual([
        'PMO_TEMPORAL_TLS: is false, but PMO_TEMPORAL_TLS_CA_FILE, PMO_TEMPORAL_API_KEY need TLS',
      ]);
    });
  });

  describe('Redis beyond one server', () => {
    it('finds the primary through sentinels, with the URL giving the password, database and TLS', () => {
      const redis = loadConfig({
        PMO_REDIS_URL: 'rediss://:secret@redis/2',
        PMO_REDIS_SENTINELS: 'sentinel-1.pmo.internal:26379, sentinel-2.pmo.internal:26379,[fd00::3]:26380',
        PMO_REDIS_SENTINEL_NAME: 'pmo-primary',
        PMO_REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
      }).redis;
      expect(redis).toEqual({
        url: 'rediss://:secret@redis/2',
        topology: {
          kind: 'sentinel',
          sentinels: [
            { host: 'sentinel-1.pmo.internal', port: 26379 },
            { host: 'sentinel-2.pmo.internal', port: 26379 },
            { host: 'fd00::3', port: 26380 },
          ],
          primaryName: 'pmo-primary',
          sentinelPassword: 'sentinel-secret',
        },
        queuePrefix: 'pmo',
      });
    });

    it('seeds a Cluster from some of its nodes, with the queue prefix as a hash tag so that each queue keeps to one slot', () => {
      const redis = loadConfig({ PMO_REDIS_CLUSTER_NODES: 'redis-1:6379,redis-2:6379', PMO_QUEUE_PREFIX: 'pmo-live' }).redis;
      expect(redis.topology).toEqual({ kind: 'cluster', nodes: [{ host: 'redis-1', port: 6379 }, { host: 'redis-2', port: 6379 }] });
      expect(redis.queuePrefix).toBe('{pmo-live}');
    });

    it('names what is wrong with a node list, a URL or the settings together', () => {
      const nodeList = 'must be host:port pairs separated by commas, as redis-1.example:26379,redis-2.example:26379';
      expect(problemsOf({ PMO_REDIS_SENTINELS: 'sentinel-1', PMO_REDIS_CLUSTER_NODES: 'redis-1:70000' })).toEqual([`PMO_REDIS_SENTINELS: ${nodeList}`, `PMO_REDIS_CLUSTER_NODES: ${nodeList}`]);
      expect(problemsOf({ PMO_REDIS_CLUSTER_NODES: ' , ' })).toEqual([`PMO_REDIS_CLUSTER_NODES: ${nodeList}`]);
      expect(problemsOf({ PMO_REDIS_URL: 'redis://redis:6379/queues' })).toEqual(['PMO_REDIS_URL: may name only a database number after the port, as redis://host:6379/0']);
      expect(problemsOf({ PMO_REDIS_SENTINELS: 'sentinel-1:26379' })).toEqual(['PMO_REDIS_SENTINEL_NAME: needed with PMO_REDIS_SENTINELS, the name the sentinels monitor the primary under']);
      expect(problemsOf({ PMO_REDIS_SENTINEL_NAME: 'pmo-primary', PMO_REDIS_SENTINEL_PASSWORD: 'secret' })).toEqual([
        'PMO_REDIS_SENTINEL_NAME: only with PMO_REDIS_SENTINELS',
        'PMO_REDIS_SENTINEL_PASSWORD: only with PMO_REDIS_SENTINELS',
      ]);
      expect(problemsOf({ PMO_REDIS_SENTINELS: 'sentinel-1:26379', PMO_REDIS_SENTINEL_NAME: 'pmo-primary', PMO_REDIS_CLUSTER_NODES: 'redis-1:6379' })).toEqual([
        'PMO_REDIS_SENTINELS and PMO_REDIS_CLUSTER_NODES: set one or neither',
      ]);
      expect(problemsOf({ PMO_REDIS_URL: 'redis://redis:6379/1', PMO_REDIS_CLUSTER_NODES: 'redis-1:6379' })).toEqual(['PMO_REDIS_URL: a Redis Cluster has database 0 only']);
    });
  });
});
