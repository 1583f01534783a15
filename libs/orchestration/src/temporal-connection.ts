import { Connection } from '@temporalio/client';
import type { TLSConfig } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalConfig } from '@pmo/config';

/** What the client's Connection and the worker's NativeConnection both take, and all the engine sets. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/** The one description of how to reach Temporal: the dev server, a self-hosted cluster (mTLS) or Temporal Cloud (mTLS or an API key). */
export function temporalConnectionOptions(config: TemporalConfig): TemporalConnectionOptions {
  const tls = config.tls;
  return {
    address: config.address,
    ...(tls === null
      ? {}
      : {
          tls: {
            ...(tls.clientCertPair === null ? {} : { clientCertPair: tls.clientCertPair }),
            ...(tls.serverRootCaCertificate === null ? {} : { serverRootCACertificate: tls.serverRootCaCertificate }),
            ...(tls.serverNameOverride === null ? {} : { serverNameOverride: tls.serverNameOverride }),
          },
        }),
    ...(config.apiKey === null ? {} : { apiKey: config.apiKey }),
  };
}

/** For clients: starting, signalling and querying workflows, schedules, the readiness probe. */
export function connectTemporalClient(config: TemporalConfig): Promise<Connection> {
  return Connection.connect(temporalConnectionOptions(config));
}

/** For workers. */
export function connectTemporalWorker(config: TemporalConfig): Promise<NativeConnection> {
  return NativeConnection.connect(temporalConnectionOptions(config));
}
