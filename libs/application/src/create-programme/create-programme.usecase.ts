import { Injectable } from '@nestjs/common';
import { londonDay } from '@pmo/domain';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import type { FieldProblem } from '../application.error';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { newProgramme } from '../programme-definition/new-programme';
import type { NewProgramme } from '../programme-definition/new-programme';
import { startOrSignal } from '../programme-signalling';
import type { ProgrammeView } from '../programme-view';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import { CreateProgrammeCommand } from './create-programme.command';

@Injectable()
export class CreateProgrammeUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly organisations: OrganisationRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  execute(command: CreateProgrammeCommand): Promise<ProgrammeView> {
    return this.record(newProgramme(command.plan, command.people, this.clock.now()));
  }

  /** Checks the programme against the record (organisations, today's date), writes it and starts its workflow. */
  async record(programme: NewProgramme): Promise<ProgrammeView> {
    await this.check(programme);
    const record = await this.programmes.create(programme, this.clock.now());
    await startOrSignal(this.scheduler, record.id, { kind: 'created' });
    return this.status.currentView(record.id);
  }

  /** What the record refuses of a programme before it is saved: actual dates after today, organisations unknown or outside. */
  async check(programme: NewProgramme): Promise<void> {
    const problems: FieldProblem[] = [];
    const today = londonDay(this.clock.now());
    programme.milestones.forEach((milestone, index) => {
      if (milestone.actualDate !== null && milestone.actualDate > today) {
        problems.push({ field: `milestones.${index}.actualDate`, reason: `is after today (${today})` });
      }
    });
    if (programme.organisationOdsCode !== null && (await this.organisations.unknown([programme.organisationOdsCode])).length > 0) {
      problems.push({ field: 'organisation', reason: `names no known organisation: ${programme.organisationOdsCode}` });
    }
    for (const [index, phase] of programme.phases.entries()) {
      const unknown = new Set(await this.organisations.unknown(phase.members));
      const outside =
        programme.organisationOdsCode === null ? new Set<string>() : new Set(await this.organisations.outside(programme.organisationOdsCode, phase.members));
      phase.members.forEach((member, position) => {
        if (unknown.has(member)) problems.push({ field: `phases.${index}.members.${position}`, reason: `names no known organisation: ${member}` });
        else if (outside.has(member)) {
          problems.push({ field: `phases.${index}.members.${position}`, reason: `is not part of the programme's organisation ${programme.organisationOdsCode}` });
        }
      });
    }
    if (problems.length > 0) throw new ApplicationError(ApplicationErrorCode.Unprocessable, 'the programme does not fit the record', problems);
  }
}
