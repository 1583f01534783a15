import { createHash, randomBytes } from 'node:crypto';
import type { AuthConfig, WebSignInConfig } from '@pmo/config';

/** What a browser carries between leaving for the identity provider and coming back, in a cookie of its own. */
export interface PendingSignIn {
  state: string;
  verifier: string;
}

/** Why signing in at the identity provider did not finish, in words safe to show the person. */
export class SignInFailed extends Error {}

interface ProviderEndpoints {
  authorization_endpoint: string;
  token_endpoint: string;
}

const PROVIDER_TIMEOUT_MS = 10_000;

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * OpenID Connect sign-in for the web pages, as NHS organisations' Entra ID expects of a web app: the
 * authorization code flow with PKCE (and a client secret for a confidential client). What it answers
 * is the provider's access token, which the API's own verifier then checks like any bearer token.
 */
export class OidcSignIn {
  private endpoints?: Promise<ProviderEndpoints>;

  constructor(
    private readonly auth: AuthConfig,
    private readonly client: WebSignInConfig,
  ) {}

  /** Where to send the browser, and what it must bring back. */
  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const pending = { state: base64url(randomBytes(24)), verifier: base64url(randomBytes(32)) };
    const url = new URL((await this.discovered()).authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.client.clientId,
      redirect_uri: this.client.redirectUri,
      scope: this.client.scope,
      state: pending.state,
      code_challenge: base64url(createHash('sha256').update(pending.verifier).digest()),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), pending };
  }

  /** The access token the provider gives for the code it sent back, once the state matches. */
  async finish(pending: PendingSignIn, returned: { code?: unknown; state?: unknown; error?: unknown; error_description?: unknown }): Promise<string> {
    if (typeof returned.error === 'string') throw new SignInFailed(`your organisation’s sign-in said: ${typeof returned.error_description === 'string' ? returned.error_description : returned.error}`);
    if (typeof returned.code !== 'string' || returned.state !== pending.state) throw new SignInFailed('the sign-in came back without its code, or not for this browser');
    const response = await fetch((await this.discovered()).token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: returned.code,
        redirect_uri: this.client.redirectUri,
        client_id: this.client.clientId,
        code_verifier: pending.verifier,
        ...(this.client.clientSecret === null ? {} : { client_secret: this.client.clientSecret }),
      }),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown; error_description?: unknown };
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new SignInFailed(`your organisation’s sign-in refused the code (${response.status}${typeof body.error === 'string' ? `: ${body.error}` : ''})`);
    }
    return body.access_token;
  }

  /** The provider's endpoints from its discovery document, read once; a failed read is tried again next time. */
  private discovered(): Promise<ProviderEndpoints> {
    this.endpoints ??= (async () => {
      const url = `${this.auth.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(url, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
      const document = (await response.json().catch(() => ({}))) as Partial<ProviderEndpoints>;
      if (!response.ok || typeof document.authorization_endpoint !== 'string' || typeof document.token_endpoint !== 'string') {
        throw new SignInFailed(`the identity provider’s discovery document at ${url} could not be read (${response.status})`);
      }
      return { authorization_endpoint: document.authorization_endpoint, token_endpoint: document.token_endpoint };
    })();
    this.endpoints.catch(() => {
      this.endpoints = undefined;
    });
    return this.endpoints;
  }
}
