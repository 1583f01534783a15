import { Injectable, Logger } from '@nestjs/common';
import { ApplicationError } from '../application.error';
import type { DeliveryOutcome } from '../deliver-escalation-email/deliver-escalation-email.usecase';
import { escapeHtml } from '../deliver-escalation-email/escalation-email';
import { Clock } from '../ports/clock';
import { writtenAfterSending } from '../delivery/after-sending';
import { DeliveryService } from '../delivery/delivery.service';
import { NotificationRepository } from '../ports/notification.repository';

/** Sends one month-end notification on its recipient's channel; one already sent is not sent again. */
@Injectable()
export class DeliverNotificationEmailUseCase {
  private readonly logger = new Logger(DeliverNotificationEmailUseCase.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly delivery: DeliveryService,
    private readonly clock: Clock,
  ) {}

  async execute(notificationId: string): Promise<DeliveryOutcome> {
    const notification = await this.notifications.findForDelivery(notificationId);
    if (notification === null) throw ApplicationError.notFound(`no notification ${notificationId}`);
    if (notification.status === 'sent') return 'already-sent';
    try {
      const { reference } = await this.delivery.deliver(`notification.${notification.dedupeKey}`, {
        to: notification.recipient,
        subject: notification.subject,
        text: notification.body,
        html: notification.body
          .split('\n\n')
          .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
          .join(''),
        headers: { 'X-PMO-Notification-Id': notification.id, 'X-PMO-Notification-Kind': notification.kind, 'X-PMO-Period': notification.period },
      });
      await writtenAfterSending(`notification ${notificationId}`, () => this.notifications.markSent(notificationId, this.clock.now(), reference));
      this.logger.log(`notification ${notificationId} (${notification.kind}) sent (${reference})`);
      return 'sent';
    } catch (error) {
      await this.notifications.markAttemptFailed(notificationId, (error as Error).message);
      throw error;
    }
  }
}
