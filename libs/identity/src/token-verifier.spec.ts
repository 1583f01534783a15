import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthConfig } from '@pmo/config';
import { mintLocalToken } from './local-signing-key';
import { TokenRejected, TokenVerifier } from './token-verifier';

describe('the token verifier', () => {
  let directory: string;
  let auth: AuthConfig;
  let offsetMs: number;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'pmo-token-verifier-'));
    auth = { issuer: 'pmo-engine-local', audience: 'pmo-engine', jwksUrl: null, localKeyFile: join(directory, 'key.json'), adminEmails: [], webSignIn: null };
    offsetMs = 0;
    verifier = await TokenVerifier.create(auth, () => Date.now() + offsetMs);
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
});
