import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { EscalationInput } from '@pmo/contracts';
import { DEFAULT_OVERDUE_LADDER, ESCALATION_ROLES, ladderProblems, rungInstants } from '@pmo/domain';
import type { EscalationRole, LadderRung } from '@pmo/domain';
import { ApplicationError } from '../application.error';
import { Clock } from '../ports/clock';
import { EscalationRepository } from '../ports/escalation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { MilestoneInProgramme } from '../ports/programme.repository';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import { isUuid, parseOrThrow } from '../validation';
import { milestoneInProgrammeOrNotFound } from './milestone-in-programme';

export const escalationLadderSchema = z
  .strictObject({
    rungs: z
      .array(
        z.strictObject({
          afterWorkingDays: z.number().int('must be whole working days').min(0).max(60),
          to: z.array(z.enum(ESCALATION_ROLES as [EscalationRole, ...EscalationRole[]], { message: `must be one of ${ESCALATION_ROLES.join(', ')}` })).min(1, 'must tell someone'),
        }),
      )
      .nullable(),
    setBy: z.email('must be the email address of whoever sets it'),
  })
  .superRefine((body, context) => {
    if (body.rungs === null) return;
    for (const problem of ladderProblems(body.rungs)) context.addIssue({ code: 'custom', path: ['rungs'], message: problem });
  });

/** A programme's ladder for overdue milestones, and each rung's instant for one milestone. */
@Injectable()
export class EscalationLadderUseCases {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly escalations: EscalationRepository,
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  async ladderOf(programmeId: string): Promise<{ rungs: LadderRung[]; isDefault: boolean }> {
    if (!isUuid(programmeId) || (await this.programmes.findById(programmeId)) === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    const own = await this.escalations.ladderFor(programmeId);
    return { rungs: own ?? [...DEFAULT_OVERDUE_LADDER], isDefault: own === null };
  }

  /** `{ rungs: null }` puts the programme back on the default ladder. Ladders already climbing keep theirs. */
  async setLadder(programmeId: string, body: unknown): Promise<{ rungs: LadderRung[]; isDefault: boolean }> {
    const { rungs, setBy } = parseOrThrow(escalationLadderSchema, body);
    const saved = isUuid(programmeId) ? await this.escalations.setLadder(programmeId, rungs, setBy, this.clock.now()) : 'programme-not-found';
    if (saved === 'programme-not-found') throw ApplicationError.notFound(`no programme ${programmeId}`);
    return this.ladderOf(programmeId);
  }

  /** Each rung's instant, from the milestone's due instant (when it fell overdue) in working days. */
  async plan(input: EscalationInput): Promise<{ rung: number; at: string; to: EscalationRole[] }[]> {
    const milestone = await this.milestone(input);
    const { rungs } = await this.ladderOf(input.programmeId);
    const instants = rungInstants(new Date(milestone.dueAt), rungs, this.status.workingCalendar());
    return rungs.map((rung, index) => ({ rung: index + 1, at: instants[index], to: rung.to }));
  }

  /** Whether the milestone is still open in a programme still running: a closed programme escalates nothing more. */
  async causeOpen(input: EscalationInput): Promise<boolean> {
    const { programme, milestone } = await milestoneInProgrammeOrNotFound(this.programmes, input);
    return milestone.completedAt === null && programme.closure === null;
  }

  private async milestone(input: EscalationInput): Promise<MilestoneInProgramme['milestone']> {
    return (await milestoneInProgrammeOrNotFound(this.programmes, input)).milestone;
  }
}
