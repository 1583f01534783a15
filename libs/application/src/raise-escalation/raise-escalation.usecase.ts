import { Injectable } from '@nestjs/common';
import type { RaiseEscalationInput } from '@pmo/contracts';
import { ApplicationError } from '../application.error';
import { Clock } from '../ports/clock';
import { EscalationQueue } from '../ports/escalation.queue';
import { EscalationRepository } from '../ports/escalation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';

/**
 * Records an escalation and queues its delivery. Safe to repeat: the record is unique per cause and
 * rung, and the job id is derived from them, so a retried activity cannot send twice.
 */
@Injectable()
export class RaiseEscalationUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly escalations: EscalationRepository,
    private readonly queue: EscalationQueue,
    private readonly clock: Clock,
  ) {}

  async execute(input: RaiseEscalationInput): Promise<string> {
    const programme = await this.programmes.findById(input.programmeId);
    if (programme === null) throw ApplicationError.notFound(`no programme ${input.programmeId}`);
    if (!programme.milestones.some((milestone) => milestone.id === input.milestoneId)) {
      throw ApplicationError.notFound(`no milestone ${input.milestoneId} in programme ${input.programmeId}`);
    }
    // The first rung goes to the programme lead; later rungs (SRO, director) arrive with the escalation policy.
    const escalationId = await this.escalations.record(
      { programmeId: input.programmeId, milestoneId: input.milestoneId, rung: input.rung, channel: 'email', recipient: programme.leadEmail },
      this.clock.now(),
    );
    await this.queue.enqueueEmail(input, escalationId);
    return escalationId;
  }
}
