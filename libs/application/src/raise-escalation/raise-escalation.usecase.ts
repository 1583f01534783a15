import { Injectable } from '@nestjs/common';
import type { RaiseEscalationInput } from '@pmo/contracts';
import type { EscalationRole } from '@pmo/domain';
import { Clock } from '../ports/clock';
import { EscalationQueue } from '../ports/escalation.queue';
import { EscalationRepository } from '../ports/escalation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { MilestoneInProgramme } from '../ports/programme.repository';
import { milestoneInProgrammeOrNotFound } from './milestone-in-programme';

/** Rung 1 of runs recorded before ladders: the programme lead alone. */
const LEGACY_RUNG: EscalationRole[] = ['lead'];

/** The people a role names on this programme; a manager or SRO not named falls back to the programme lead. */
export function recipientsOf(
  roles: readonly EscalationRole[],
  plan: Pick<MilestoneInProgramme['programme'], 'leadEmail' | 'managerEmail' | 'sroEmail' | 'pmoEmails'>,
  milestone: Pick<MilestoneInProgramme['milestone'], 'ownerEmail'>,
): string[] {
  const emails = roles.flatMap((role) => {
    switch (role) {
      case 'owner':
        return [milestone.ownerEmail];
      case 'manager':
        return [plan.managerEmail ?? plan.leadEmail];
      case 'lead':
        return [plan.leadEmail];
      case 'sro':
        return [plan.sroEmail ?? plan.leadEmail];
      case 'pmo':
        return plan.pmoEmails;
    }
  });
  return [...new Set(emails.map((email) => email.toLowerCase()))];
}

/**
 * Records a rung's escalation to each of its people and queues each delivery. Safe to repeat: a record is
 * unique per (milestone, rung, channel, recipient) and its job id is derived from the same, so a retried
 * activity cannot send twice.
 */
@Injectable()
export class RaiseEscalationUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly escalations: EscalationRepository,
    private readonly queue: EscalationQueue,
    private readonly clock: Clock,
  ) {}

  async execute(input: RaiseEscalationInput): Promise<string[]> {
    const { programme, milestone } = await milestoneInProgrammeOrNotFound(this.programmes, input);
    const ids: string[] = [];
    for (const recipient of recipientsOf(input.to ?? LEGACY_RUNG, programme, milestone)) {
      const escalation = { programmeId: input.programmeId, milestoneId: input.milestoneId, rung: input.rung, channel: 'email' as const, recipient };
      const escalationId = await this.escalations.record(escalation, this.clock.now());
      await this.queue.enqueueEmail(escalation, escalationId);
      ids.push(escalationId);
    }
    return ids;
  }
}
