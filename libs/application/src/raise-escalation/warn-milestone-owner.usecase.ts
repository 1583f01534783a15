import { Injectable } from '@nestjs/common';
import type { EscalationInput } from '@pmo/contracts';
import { Clock } from '../ports/clock';
import { NotificationQueue, NotificationRepository } from '../ports/notification.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import { milestoneInProgrammeOrNotFound } from './milestone-in-programme';

/**
 * Warns a milestone's owner, once per forecast day, that it falls due soon and wants their confirmation
 * (or a new forecast): the rung before the escalation ladder.
 */
@Injectable()
export class WarnMilestoneOwnerUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly notifications: NotificationRepository,
    private readonly queue: NotificationQueue,
    private readonly clock: Clock,
  ) {}

  async execute(input: EscalationInput): Promise<boolean> {
    const { programme, milestone } = await milestoneInProgrammeOrNotFound(this.programmes, input);
    // A closed programme's owners are asked to confirm nothing.
    if (programme.closure !== null) return false;
    const dedupeKey = `milestone-warning.${milestone.id}.${milestone.forecastDate}`;
    const { id, created } = await this.notifications.recordOnce(
      {
        dedupeKey,
        kind: 'milestone-warning',
        period: milestone.forecastDate.slice(0, 7),
        programmeId: programme.id,
        recipient: milestone.ownerEmail,
        subject: `Due ${milestone.forecastDate}: '${milestone.name}' (${programme.name}): please confirm it`,
        body: [
          `The milestone '${milestone.name}' of '${programme.name}' is due on ${milestone.forecastDate}, and you are its owner.`,
          `Please confirm it will land on that day, or record a new forecast; left unconfirmed it stays Amber, and once overdue it is escalated.`,
        ].join('\n\n'),
      },
      this.clock.now(),
    );
    await this.queue.enqueueEmail(dedupeKey, id);
    return created;
  }
}
