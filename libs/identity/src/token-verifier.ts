import { createHash } from 'node:crypto';
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

/** A verified token's person, and until when the token is taken without checking its signature again. */
interface Verified {
  email: string;
  until: number;
}

/**
 * A person's client sends the same token with every request, and checking its signature was a tenth of the
 * API's work on a status read. A verified token is kept for a minute at most, and never past its expiry: a
 * key the issuer withdraws works a minute longer than jose's cache of the issuer's keys (10 minutes) allows.
 */
const VERIFIED_FOR_MS = 60_000;
/** Tokens kept: one or two per person signed in, so a whole ICB's staff fit. */
const VERIFIED_KEPT = 10_000;

export interface TokenVerifierOptions {
  /** The time in epoch milliseconds, for the tests to move. */
  clock?: () => number;
  /** How many verified tokens are kept, for the tests to fill. */
  kept?: number;
}

/** Checks bearer tokens against the configured issuer's keys: its JWKS, or the local signing key. */
export class TokenVerifier {
  /** By the token's SHA-256, so that no bearer token is held here beyond its request. */
  private readonly verified = new Map<string, Verified>();

  private constructor(
    private readonly auth: AuthConfig,
    private readonly keys: JWTVerifyGetKey,
    private readonly clock: () => number,
    private readonly kept: number,
  ) {}

  static async create(auth: AuthConfig, { clock = Date.now, kept = VERIFIED_KEPT }: TokenVerifierOptions = {}): Promise<TokenVerifier> {
    const keys =
      auth.jwksUrl !== null
        ? createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 })
        : createLocalJWKSet({ keys: [(await ensureLocalSigningKey(auth.localKeyFile)).publicJwk] });
    return new TokenVerifier(auth, keys, clock, kept);
  }

  /** Answers the person's email. */
  async verify(token: string): Promise<string> {
    const now = this.clock();
    const key = createHash('sha256').update(token).digest('base64');
    const kept = this.verified.get(key);
    if (kept !== undefined && now < kept.until) return kept.email;
    try {
      const { payload } = await jwtVerify(token, this.keys, { issuer: this.auth.issuer, audience: this.auth.audience, clockTolerance: 30, currentDate: new Date(now) });
      const email = emailOf(payload);
      if (email === null) throw new TokenRejected('the token names no email, preferred_username or upn');
      this.keep(key, { email, until: Math.min(now + VERIFIED_FOR_MS, payload.exp === undefined ? Infinity : payload.exp * 1000) });
      return email;
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenRejected('the token has expired');
      if (error instanceof errors.JOSEError) throw new TokenRejected(`the token is not valid here (${error.code})`);
      throw error;
    }
  }

  private keep(key: string, verified: Verified): void {
    this.verified.delete(key);
    this.verified.set(key, verified);
    // A Map iterates in insertion order: the first token is the one verified longest ago.
    if (this.verified.size > this.kept) this.verified.delete(this.verified.keys().next().value as string);
  }
}
