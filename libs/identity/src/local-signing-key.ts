import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { JWK } from 'jose';
import type { AuthConfig } from '@pmo/config';

export const LOCAL_SIGNING_ALGORITHM = 'ES256';

/** The local stack's token signing key: the private JWK, kept in a file only its owner reads. */
export interface LocalSigningKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

function publicPart(privateJwk: JWK): JWK {
  const { kty, crv, x, y, kid } = privateJwk;
  return { kty, crv, x, y, kid, alg: LOCAL_SIGNING_ALGORITHM, use: 'sig' };
}

function read(path: string): LocalSigningKey {
  const privateJwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  return { privateJwk, publicJwk: publicPart(privateJwk) };
}

/**
 * The local key, made on first use. Created exclusively, so that the API and the command that mints a
 * token, started together, agree on one key.
 */
export async function ensureLocalSigningKey(path: string): Promise<LocalSigningKey> {
  try {
    return read(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair(LOCAL_SIGNING_ALGORITHM, { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: LOCAL_SIGNING_ALGORITHM };
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, JSON.stringify(privateJwk), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return read(path);
}

/** A bearer token for a person, signed by the local key: for the local stack, its demo and its tests. */
export async function mintLocalToken(auth: AuthConfig, email: string, ttlSeconds = 8 * 3600): Promise<string> {
  const { privateJwk } = await ensureLocalSigningKey(auth.localKeyFile);
  return new SignJWT({ email: email.toLowerCase() })
    .setProtectedHeader({ alg: LOCAL_SIGNING_ALGORITHM, kid: privateJwk.kid })
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setSubject(email.toLowerCase())
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(await importJWK(privateJwk, LOCAL_SIGNING_ALGORITHM));
}
