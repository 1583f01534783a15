import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import type { Server } from 'node:tls';
import { Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '@pmo/config';
import { connectTemporalClient, connectTemporalWorker, temporalConnectionOptions } from '@pmo/orchestration';
import { startLocalTemporal } from './support/temporal';

const SERVER_NAME = 'temporal.pmo.test';

/** A CA of the test's own, a server certificate for SERVER_NAME and a client certificate, all by openssl. */
function makeCertificates(directory: string): Record<'ca' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string> {
  const at = (name: string) => join(directory, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: directory, stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=pmo test CA', '-keyout', 'ca.key', '-out', 'ca.pem', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  for (const [name, extensions] of [
    ['server', `subjectAltName=DNS:${SERVER_NAME}\nextendedKeyUsage=serverAuth\n`],
    ['client', 'extendedKeyUsage=clientAuth\n'],
  ]) {
    writeFileSync(at(`${name}.ext`), `basicConstraints=CA:FALSE\n${extensions}`);
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
  }
  return { ca: at('ca.pem'), serverCert: at('server.pem'), serverKey: at('server.key'), clientCert: at('client.pem'), clientKey: at('client.key') };
}

/**
 * mTLS to Temporal as a cluster asks for it: a TLS front end of the test's own (HTTP/2, client certificates
 * required) before a dev server, since the dev server speaks plain gRPC only. The client's and the worker's
 * connections both get through with the configured certificate, and neither does without it.
 */
describe('Temporal over mTLS', () => {
  const directory = mkdtempSync(join(tmpdir(), 'pmo-temporal-tls-'));
  let temporal: TestWorkflowEnvironment;
  let frontEnd: Server;
  let files: ReturnType<typeof makeCertificates>;
  let environment: NodeJS.ProcessEnv;

  beforeAll(async () => {
    files = makeCertificates(directory);
    temporal = await startLocalTemporal();
    const [host, port] = temporal.address.split(':');
    frontEnd = createServer(
      { cert: readFileSync(files.serverCert), key: readFileSync(files.serverKey), ca: readFileSync(files.ca), requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] },
      (client) => {
        const upstream = connectTcp({ host, port: Number(port) });
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
        client.pipe(upstream).pipe(client);
      },
    );
    frontEnd.on('tlsClientError', () => undefined);
    await new Promise<void>((listening) => frontEnd.listen(0, '127.0.0.1', listening));
    environment = {
      PMO_TEMPORAL_ADDRESS: `127.0.0.1:${(frontEnd.address() as AddressInfo).port}`,
      PMO_TEMPORAL_NAMESPACE: temporal.namespace ?? 'default',
      PMO_TEMPORAL_TLS_CA_FILE: files.ca,
      PMO_TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
    };
  });

  afterAll(async () => {
    await new Promise((closed) => frontEnd?.close(closed));
    await temporal?.teardown();
    rmSync(directory, { recursive: true, force: true });
  });

  it('connects the client and the worker with the configured certificate, checking the server against the CA and name', async () => {
    const config = loadConfig({ ...environment, PMO_TEMPORAL_TLS_CERT_FILE: files.clientCert, PMO_TEMPORAL_TLS_KEY_FILE: files.clientKey }).temporal;
    const client = await connectTemporalClient(config);
    const worker = await connectTemporalWorker(config);
    try {
      const namespace = { namespace: config.namespace };
      expect((await client.workflowService.describeNamespace(namespace)).namespaceInfo?.name).toBe(config.namespace);
      expect((await worker.workflowService.describeNamespace(namespace)).namespaceInfo?.name).toBe(config.namespace);
    } finally {
      await client.close();
      await worker.close();
    }
  });

  it('gets nowhere without a client certificate', async () => {
    const config = loadConfig({ ...environment, PMO_TEMPORAL_TLS: 'true' }).temporal;
    // The client would keep trying for its default 10 s; a second shows the same refusal.
    await expect(Connection.connect({ ...temporalConnectionOptions(config), connectTimeout: 1_000 })).rejects.toThrow(/Failed to connect before the deadline/);
    // TLS 1.3 finishes the client's side of the handshake before the server asks for its certificate: the
    // refusal arrives either as the server's certificate_required alert or as the connection it then closes.
    await expect(connectTemporalWorker(config)).rejects.toThrow(/CertificateRequired|connection closed/);
  });
});
