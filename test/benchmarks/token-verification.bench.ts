import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthConfig } from '@pmo/config';
import { mintLocalToken, TokenVerifier } from '@pmo/identity';

/**
 * What the API spends on a bearer token: the signature checked (a token it has not seen, the baseline) against a
 * token it verified within the minute and keeps. CPU time of this process, so noise from others counts less.
 * Not part of the suite; run it with
 *   npm run bench:tokens
 */
const TOKENS = 2_000;

describe('token verification benchmark', () => {
  let directory: string;

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('measures a kept token beside a checked signature', async () => {
    directory = mkdtempSync(join(tmpdir(), 'pmo-token-bench-'));
    const auth: AuthConfig = { issuer: 'pmo-engine-local', audience: 'pmo-engine', jwksUrl: null, localKeyFile: join(directory, 'key.json'), adminEmails: [], webSignIn: null };
    const verifier = await TokenVerifier.create(auth);
    // Each its own person, so each is a token the verifier has not yet seen.
    const fresh = await Promise.all(Array.from({ length: TOKENS }, (_, index) => mintLocalToken(auth, `person${index}@nhs.example`)));
    const kept = await mintLocalToken(auth, 'lead@nhs.example');
    await verifier.verify(kept);

    const cpuMsPer = async (tokens: readonly string[]) => {
      const before = process.cpuUsage();
      for (const token of tokens) await verifier.verify(token);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000 / tokens.length;
    };
    const checked = await cpuMsPer(fresh);
    const keptMs = await cpuMsPer(Array.from({ length: TOKENS }, () => kept));

    process.stdout.write(
      [
        '',
        `token verification benchmark: ${cpus().length} CPUs, node ${process.version}, ES256, ${TOKENS} tokens each way`,
        `signature checked (baseline): ${checked.toFixed(3)} ms of CPU a token`,
        `kept token:                   ${keptMs.toFixed(4)} ms of CPU a token (${(keptMs / checked).toFixed(3)} of the baseline)`,
        '',
      ].join('\n') + '\n',
    );
  }, 120_000);
});
