import { Injectable } from '@nestjs/common';
import type { RecordMilestoneCompletionInput, RecordMilestoneConfirmationInput } from '@pmo/contracts';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { Clock } from '../ports/clock';
import { ProgrammeRepository } from '../ports/programme.repository';

/** Records a completion the programme's workflow accepted: the record is the last word on what exists. */
@Injectable()
export class RecordMilestoneCompletionUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: RecordMilestoneCompletionInput): Promise<void> {
    const result = await this.programmes.completeMilestone(input.programmeId, input.milestoneId, input.completedAt, this.clock.now());
    switch (result.outcome) {
      case 'programme-not-found':
        throw ApplicationError.notFound(`no programme ${input.programmeId}`);
      case 'milestone-not-found':
        throw ApplicationError.notFound(`no milestone ${input.milestoneId} in programme ${input.programmeId}`);
      case 'already-completed':
        // The same completion again (an activity retried after it wrote) is done already.
        if (result.completedAt === new Date(input.completedAt).toISOString()) return;
        throw new ApplicationError(ApplicationErrorCode.Conflict, `milestone ${input.milestoneId} was already completed at ${result.completedAt}`);
      case 'completed':
        return;
    }
  }
}

/** Records a confirmation the programme's workflow accepted, at the workflow's time. */
@Injectable()
export class RecordMilestoneConfirmationUseCase {
  constructor(private readonly programmes: ProgrammeRepository) {}

  async execute(input: RecordMilestoneConfirmationInput): Promise<void> {
    const result = await this.programmes.confirmMilestone(input.programmeId, input.milestoneId, new Date(input.confirmedAt));
    if (result === 'milestone-not-found') throw ApplicationError.notFound(`no milestone ${input.milestoneId} in programme ${input.programmeId}`);
    if (result === 'already-complete') throw new ApplicationError(ApplicationErrorCode.Conflict, `milestone ${input.milestoneId} is already complete`);
  }
}
