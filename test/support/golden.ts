import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The golden text at a path, for a test to compare with what it made. With PMO_UPDATE_GOLDEN=1 (or no
 * file yet) the made text becomes the golden one, to be reviewed in the diff; under CI a missing golden
 * file fails, because a golden file recorded by the run that checks it proves nothing.
 */
export function golden(path: string, made: string): string {
  if (process.env.PMO_UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI) throw new Error(`no golden file ${path}: record it with PMO_UPDATE_GOLDEN=1 and commit it`);
    writeFileSync(path, made);
  }
  return readFileSync(path, 'utf8');
}
