import { Injectable } from '@nestjs/common';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { Clock } from '../ports/clock';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { startOrSignal } from '../programme-signalling';
import type { ProgrammeView } from '../programme-view';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import { CompleteMilestoneCommand } from './complete-milestone.command';

/** Clocks of the API and its callers differ by a little; a completion this far ahead is still "now". */
const CLOCK_SKEW_MS = 60_000;

@Injectable()
export class CompleteMilestoneUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  async execute(command: CompleteMilestoneCommand): Promise<ProgrammeView> {
    const now = this.clock.now();
    const completedAt = command.completedAt ?? now.toISOString();
    if (Date.parse(completedAt) > now.getTime() + CLOCK_SKEW_MS) {
      throw new ApplicationError(ApplicationErrorCode.Unprocessable, 'a milestone cannot be completed in the future', [
        { field: 'completedAt', reason: `is after now (${now.toISOString()})` },
      ]);
    }
    const result = await this.programmes.completeMilestone(command.programmeId, command.milestoneId, completedAt, now);
    switch (result.outcome) {
      case 'programme-not-found':
        throw ApplicationError.notFound(`no programme ${command.programmeId}`);
      case 'milestone-not-found':
        throw ApplicationError.notFound(`no milestone ${command.milestoneId} in programme ${command.programmeId}`);
      case 'already-completed':
        throw new ApplicationError(ApplicationErrorCode.Conflict, `milestone ${command.milestoneId} was already completed at ${result.completedAt}`);
      case 'completed':
        break;
    }
    await startOrSignal(this.scheduler, command.programmeId, { kind: 'milestone-completed', milestoneId: command.milestoneId });
    return this.status.view(command.programmeId, this.clock.now());
  }
}
