/**
 * A RAID item's score, out of 25: likelihood (1 rare to 5 almost certain) times impact (1 negligible to 5 severe).
 * A risk is scored on both; an issue has happened, so it has an impact and no likelihood; assumptions and
 * decisions may carry an impact alone.
 */
export type RaidType = 'risk' | 'issue' | 'assumption' | 'decision';

/** What is wrong with which scores an item of a type is given, whether it came as JSON, a sheet or a form. */
export function raidScoreProblems(type: RaidType, given: { likelihood: boolean; impact: boolean }): { key: 'likelihood' | 'impact'; reason: string }[] {
  if (type === 'risk') return (['likelihood', 'impact'] as const).filter((key) => !given[key]).map((key) => ({ key, reason: 'is required for a risk' }));
  return given.likelihood ? [{ key: 'likelihood', reason: 'must be blank unless the type is risk' }] : [];
}

/** Likelihood times impact, or null for an item that is not scored on both. */
export function raidScore(item: { likelihood: number | null; impact: number | null }): number | null {
  return item.likelihood === null || item.impact === null ? null : item.likelihood * item.impact;
}
