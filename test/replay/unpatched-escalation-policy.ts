import type { ProgrammeAssessment } from '@pmo/domain';

/**
 * A change made the wrong way, for replay.int-spec.ts: escalations moved elsewhere without `patched()`,
 * so a workflow already running would now issue different commands than its history records.
 */
export function milestonesToEscalate(_assessment: ProgrammeAssessment, _escalated: ReadonlySet<string>): string[] {
  return [];
}
