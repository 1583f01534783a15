import type { ProgrammeChange } from '@pmo/contracts';

/** Tells a programme's workflow that its record changed, starting the workflow if it is not running. */
export abstract class ProgrammeScheduler {
  abstract programmeChanged(programmeId: string, change: ProgrammeChange): Promise<void>;
}
