import { Injectable } from '@nestjs/common';
import { ApplicationError } from '../application.error';
import { Clock } from '../ports/clock';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import type { ProgrammeView } from '../programme-view';
import { CompleteMilestoneCommand } from './complete-milestone.command';

/**
 * Completes a milestone through its programme's workflow: the workflow's validator refuses a bad
 * completion at once (unknown, already complete, in the future) and its activity records a good one.
 */
@Injectable()
export class CompleteMilestoneUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  async execute(command: CompleteMilestoneCommand): Promise<ProgrammeView> {
    if ((await this.programmes.findById(command.programmeId)) === null) throw ApplicationError.notFound(`no programme ${command.programmeId}`);
    const completedAt = command.completedAt ?? this.clock.now().toISOString();
    await this.scheduler.completeMilestone(command.programmeId, command.milestoneId, completedAt);
    return this.status.currentView(command.programmeId);
  }
}
