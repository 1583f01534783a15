import { ApplicationFailure } from '@temporalio/common';
import { ApplicationError, ApplicationErrorCode } from '@pmo/application';
import type { EvaluateProgrammeUseCase, RaiseEscalationUseCase } from '@pmo/application';
import type { ProgrammeActivities } from '@pmo/contracts';

export interface ProgrammeActivityDependencies {
  evaluateProgramme: EvaluateProgrammeUseCase;
  raiseEscalation: RaiseEscalationUseCase;
}

/** The programme workflow's activities, as a factory over the use cases they hand off to. */
export function createProgrammeActivities(dependencies: ProgrammeActivityDependencies): ProgrammeActivities {
  return {
    evaluateProgramme: (input) => failFastOnBadInput(() => dependencies.evaluateProgramme.execute(input)),
    raiseEscalation: async (input) => {
      await failFastOnBadInput(() => dependencies.raiseEscalation.execute(input));
    },
  };
}

/** A missing record or bad input will not mend itself: fail the activity for good instead of retrying. */
async function failFastOnBadInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApplicationError && (error.code === ApplicationErrorCode.NotFound || error.code === ApplicationErrorCode.ValidationFailed)) {
      throw ApplicationFailure.nonRetryable(error.message, error.code);
    }
    throw error;
  }
}
