import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '@pmo/config';
import { ensureLocalSigningKey } from './local-signing-key';

/** Why a token was refused, in words safe to send back (never the token itself). */
export class TokenRejected extends Error {}

/** Entra ID puts the sign-in name in preferred_username (v2) or upn (v1); other issuers in email. */
function emailOf(payload: JWTPayload): string | null {
  for (const claim of ['email', 'preferred_username', 'upn']) {
    const value = payload[claim];
    if (typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value)) return value.toLowerCase();
  }
  return null;
}

/** Checks bearer tokens against the configured issuer's keys: its JWKS, or the local signing key. */
export class TokenVerifier {
  private constructor(
    private readonly auth: AuthConfig,
    private readonly keys: JWTVerifyGetKey,
  ) {}

  static async create(auth: AuthConfig): Promise<TokenVerifier> {
    if (auth.jwksUrl !== null) return new TokenVerifier(auth, createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 }));
    const { publicJwk } = await ensureLocalSigningKey(auth.localKeyFile);
    return new TokenVerifier(auth, createLocalJWKSet({ keys: [publicJwk] }));
  }

  /** Answers the person's email. */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.keys, { issuer: this.auth.issuer, audience: this.auth.audience, clockTolerance: 30 });
      const email = emailOf(payload);
      if (email === null) throw new TokenRejected('the token names no email, preferred_username or upn');
      return email;
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenRejected('the token has expired');
      if (error instanceof errors.JOSEError) throw new TokenRejected(`the token is not valid here (${error.code})`);
      throw error;
    }
  }
}
