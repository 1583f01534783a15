import { Injectable, Logger } from '@nestjs/common';
import { ApplicationError } from '../application.error';
import { Clock } from '../ports/clock';
import { EscalationRepository } from '../ports/escalation.repository';
import { writtenAfterSending } from '../delivery/after-sending';
import { DeliveryService } from '../delivery/delivery.service';
import { AcknowledgementLinks } from '../raise-escalation/acknowledgement-links';
import { DeliveryFailed } from '../ports/courier';
import { escalationEmail } from './escalation-email';

export type DeliveryOutcome = 'sent' | 'already-sent';

/** Sends one escalation on its recipient's channel and records the attempt; an escalation already sent is not sent again. */
@Injectable()
export class DeliverEscalationEmailUseCase {
  private readonly logger = new Logger(DeliverEscalationEmailUseCase.name);

  constructor(
    private readonly escalations: EscalationRepository,
    private readonly delivery: DeliveryService,
    private readonly links: AcknowledgementLinks,
    private readonly clock: Clock,
  ) {}

  async execute(escalationId: string): Promise<DeliveryOutcome> {
    const escalation = await this.escalations.findForDelivery(escalationId);
    if (escalation === null) throw ApplicationError.notFound(`no escalation ${escalationId}`);
    if (escalation.status === 'sent') return 'already-sent';
    try {
      const { reference } = await this.delivery.deliver(
        `escalation.${escalationId}`,
        escalationEmail(escalation, this.links.linkFor({ programmeId: escalation.programme.id, milestoneId: escalation.milestone.id }, escalation.recipient)),
      );
      await writtenAfterSending(`escalation ${escalationId}`, () => this.escalations.markSent(escalationId, this.clock.now(), reference));
      this.logger.log(`escalation ${escalationId} sent (${reference})`);
      return 'sent';
    } catch (error) {
      await this.escalations.markAttemptFailed(escalationId, (error as Error).message, error instanceof DeliveryFailed && error.permanent);
      throw error;
    }
  }
}
