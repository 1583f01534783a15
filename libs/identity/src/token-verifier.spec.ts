import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import type { AuthConfig } from '@pmo/config';
import { mintLocalToken } from './local-signing-key';
import { TokenRejected, TokenVerifier } from './token-verifier';

// jose's own check, counted: a kept token must not reach it.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});
const signatureChecks = jest.mocked(jwtVerify);

describe('the token verifier', () => {
  let directory: string;
  let auth: AuthConfig;
  let offsetMs: number;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'pmo-token-verifier-'));
    auth = { issuer: 'pmo-engine-local', audience: 'pmo-engine', jwksUrl: null, localKeyFile: join(directory, 'key.json'), adminEmails: [], webSignIn: null };
    offsetMs = 0;
    verifier = await TokenVerifier.create(auth, { clock: () => Date.now() + offsetMs, kept: 2 });
    signatureChecks.mockClear();
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('answers the email of a token signed by the local key, each time it is sent', async () => {
    const token = await mintLocalToken(auth, 'Lead@NHS.example');
    await expect(verifier.verify(token)).resolves.toBe('lead@nhs.example');
    await expect(verifier.verify(token)).resolves.toBe('lead@nhs.example');
  });

  it('refuses a token it has already taken once the token expires, though that is within the minute it is kept', async () => {
    const token = await mintLocalToken(auth, 'lead@nhs.example', 10);
    await expect(verifier.verify(token)).resolves.toBe('lead@nhs.example');
    // Past the expiry and the 30 s of clock tolerance, but only 45 s after it was verified.
    offsetMs = 45_000;
    await expect(verifier.verify(token)).rejects.toThrow(new TokenRejected('the token has expired'));
  });

  it('refuses a token whose signature was altered after the original was taken', async () => {
    const token = await mintLocalToken(auth, 'lead@nhs.example');
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const altered = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await expect(verifier.verify(altered)).rejects.toThrow(TokenRejected);
  });

  it('refuses a token for another audience each time it is sent', async () => {
    const token = await mintLocalToken({ ...auth, audience: 'another-service' }, 'lead@nhs.example');
    await expect(verifier.verify(token)).rejects.toThrow('the token is not valid here (ERR_JWT_CLAIM_VALIDATION_FAILED)');
    await expect(verifier.verify(token)).rejects.toThrow('the token is not valid here (ERR_JWT_CLAIM_VALIDATION_FAILED)');
  });

  it('checks a token\'s signature once a minute, however often it is sent', async () => {
    const token = await mintLocalToken(auth, 'lead@nhs.example');
    for (let request = 0; request < 3; request += 1) await verifier.verify(token);
    expect(signatureChecks).toHaveBeenCalledTimes(1);

    offsetMs = 61_000;
    await expect(verifier.verify(token)).resolves.toBe('lead@nhs.example');
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  it('keeps as many tokens as it is told, letting go of the one verified longest ago', async () => {
    const [first, second, third] = await Promise.all(['a', 'b', 'c'].map((name) => mintLocalToken(auth, `${name}@nhs.example`)));
    for (const token of [first, second, third]) await verifier.verify(token);
    signatureChecks.mockClear();

    await expect(verifier.verify(third)).resolves.toBe('c@nhs.example');
    await expect(verifier.verify(second)).resolves.toBe('b@nhs.example');
    expect(signatureChecks).not.toHaveBeenCalled();
    await expect(verifier.verify(first)).resolves.toBe('a@nhs.example');
    expect(signatureChecks).toHaveBeenCalledTimes(1);
  });
});
