import { loadConfig } from '@pmo/config';
import type { TemporalConfig } from '@pmo/config';
import { temporalConnectionOptions } from './temporal-connection';

const temporal = (overrides: Partial<TemporalConfig>): TemporalConfig => ({ ...loadConfig({}).temporal, ...overrides });

describe('temporalConnectionOptions', () => {
  it('speaks plain gRPC to the local dev server', () => {
    expect(temporalConnectionOptions(loadConfig({}).temporal)).toEqual({ address: '127.0.0.1:7233' });
  });

  it('presents a client certificate to a cluster that asks for one, checking the server against its own CA and name', () => {
    const crt = Buffer.from('certificate');
    const key = Buffer.from('key');
    const ca = Buffer.from('ca');
    const options = temporalConnectionOptions(
      temporal({
        address: 'pmo.a1b2c.tmprl.cloud:7233',
        tls: { clientCertPair: { crt, key }, serverRootCaCertificate: ca, serverNameOverride: 'temporal.pmo.internal' },
      }),
    );
    expect(options).toEqual({
      address: 'pmo.a1b2c.tmprl.cloud:7233',
      tls: { clientCertPair: { crt, key }, serverRootCACertificate: ca, serverNameOverride: 'temporal.pmo.internal' },
    });
  });

  it('sends an API key over TLS with the system CAs', () => {
    const options = temporalConnectionOptions(
      temporal({ address: 'eu-west-2.aws.api.temporal.io:7233', tls: { clientCertPair: null, serverRootCaCertificate: null, serverNameOverride: null }, apiKey: 'key' }),
    );
    expect(options).toEqual({ address: 'eu-west-2.aws.api.temporal.io:7233', tls: {}, apiKey: 'key' });
  });
});
