import type { ProgrammeChange } from '@pmo/contracts';
import { ApplicationError, ApplicationErrorCode } from './application.error';
import type { ProgrammeScheduler } from './ports/programme.scheduler';

/**
 * Signals the programme's workflow after its record was committed. The record stands either way;
 * a failure is reported as the dependency being unavailable so that the caller can retry.
 */
export async function startOrSignal(scheduler: ProgrammeScheduler, programmeId: string, change: ProgrammeChange): Promise<void> {
  try {
    await scheduler.programmeChanged(programmeId, change);
  } catch (error) {
    throw new ApplicationError(
      ApplicationErrorCode.DependencyUnavailable,
      `programme ${programmeId} was saved, but its workflow could not be signalled: ${(error as Error).message}`,
    );
  }
}
