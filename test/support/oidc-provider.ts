import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK, KeyLike } from 'jose';

interface IssuedCode {
  email: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
}

/**
 * A real OpenID Connect provider over HTTP, as small as a test needs: discovery, a sign-in page that
 * asks who you are (in place of a password and a second factor), the authorization code flow with
 * PKCE S256, and access tokens signed with a key its JWKS publishes. It stands where Entra ID would.
 */
export class OidcProvider {
  /** Every token request it answered, to show what the engine sent. */
  readonly tokenRequests: URLSearchParams[] = [];
  private readonly codes = new Map<string, IssuedCode>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly audience: string,
    private readonly clientId: string,
    private readonly key: KeyLike,
    private readonly publicJwk: JWK,
  ) {
    server.on('request', (request, response) => void this.handle(request, response));
  }

  static async start(options: { audience: string; clientId: string }): Promise<OidcProvider> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const server = createServer();
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tenant`;
    return new OidcProvider(server, issuer, options.audience, options.clientId, privateKey, { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' });
  }

  get jwksUrl(): string {
    return `${this.issuer}/keys`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((closed) => this.server.close(closed));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.issuer);
    const path = url.pathname.replace(/^\/tenant/, '');
    if (request.method === 'GET' && path === '/.well-known/openid-configuration') {
      return json(response, 200, { issuer: this.issuer, authorization_endpoint: `${this.issuer}/authorize`, token_endpoint: `${this.issuer}/token`, jwks_uri: this.jwksUrl });
    }
    if (request.method === 'GET' && path === '/keys') return json(response, 200, { keys: [this.publicJwk] });
    if (request.method === 'GET' && path === '/authorize') {
      // The query goes back with the person's answer, as a real provider keeps it across its pages.
      const hidden = [...url.searchParams].map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`).join('');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><title>Sign in to your organisation</title><form method="post" action="${this.issuer}/authorize">${hidden}<label for="email">Email address</label><input id="email" name="email"><button>Continue</button></form></html>`);
      return;
    }
    const form = new URLSearchParams(await body(request));
    if (request.method === 'POST' && path === '/authorize') {
      if (form.get('client_id') !== this.clientId || form.get('code_challenge_method') !== 'S256' || form.get('response_type') !== 'code') {
        return json(response, 400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      const redirectUri = form.get('redirect_uri') ?? '';
      this.codes.set(code, { email: form.get('email') ?? '', clientId: this.clientId, redirectUri, challenge: form.get('code_challenge') ?? '' });
      const back = new URL(redirectUri);
      back.search = new URLSearchParams({ code, state: form.get('state') ?? '' }).toString();
      response.writeHead(302, { location: back.toString() });
      response.end();
      return;
    }
    if (request.method === 'POST' && path === '/token') {
      this.tokenRequests.push(form);
      const issued = this.codes.get(form.get('code') ?? '');
      // A code is good once, for the client and the redirect it was issued for, with the verifier of its challenge.
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (
        issued === undefined ||
        form.get('grant_type') !== 'authorization_code' ||
        form.get('client_id') !== issued.clientId ||
        form.get('redirect_uri') !== issued.redirectUri ||
        createHash('sha256').update(verifier).digest('base64url') !== issued.challenge
      ) {
        return json(response, 400, { error: 'invalid_grant' });
      }
      const accessToken = await new SignJWT({ preferred_username: issued.email })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(this.issuer)
        .setAudience(this.audience)
        .setSubject(createHash('sha256').update(issued.email).digest('hex'))
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(this.key);
      return json(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
    }
    json(response, 404, { error: 'not_found' });
  }
}

function json(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(payload));
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
