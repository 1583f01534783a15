import { Injectable, Logger } from '@nestjs/common';
import { escapeHtml } from '../deliver-escalation-email/escalation-email';
import { Clock } from '../ports/clock';
import { Courier, DeliveryFailed } from '../ports/courier';
import type { Route } from '../ports/courier';
import { ContactDirectory, DeadLetters, DeliveryLog, DigestStore } from '../ports/delivery-log';
import type { AttemptOutcome } from '../ports/delivery-log';
import type { EmailMessage } from '../ports/mailer';
import { writtenAfterSending } from './after-sending';

/** Who hears when a delivery fails for good. */
export abstract class DeliverySettings {
  abstract readonly pmoAlertEmails: readonly string[];
}

/**
 * Sends a message on the channel its recipient chose, and logs every attempt. A permanent failure is
 * put in the dead letters and the PMO is emailed about it, then rethrown for the queue not to retry.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly courier: Courier,
    private readonly contacts: ContactDirectory,
    private readonly log: DeliveryLog,
    private readonly deadLetters: DeadLetters,
    private readonly digests: DigestStore,
    private readonly settings: DeliverySettings,
    private readonly clock: Clock,
  ) {}

  /**
   * Delivers now, or, for someone who takes a daily digest, holds the message for it (`now: true` is the
   * digest itself, which always goes now).
   */
  async deliver(deliveryKey: string, message: EmailMessage, options: { now?: boolean } = {}): Promise<{ reference: string }> {
    const preference = await this.contacts.preference(message.to);
    const route: Route = preference === null || preference.address === null ? { channel: 'email', address: message.to } : { channel: preference.channel, address: preference.address };
    if (preference?.dailyDigest && options.now !== true) {
      const heldAt = this.clock.now().toISOString();
      if (await this.digests.hold({ deliveryKey, recipient: message.to.toLowerCase(), subject: message.subject, body: message.text, heldAt })) {
        await this.record(deliveryKey, message, route, 'held-for-digest', 'held for the daily digest');
      }
      return { reference: 'held for the daily digest' };
    }
    let sent: { reference: string };
    try {
      sent = await this.courier.send(route, message, deliveryKey);
    } catch (error) {
      const permanent = error instanceof DeliveryFailed && error.permanent;
      await this.record(deliveryKey, message, route, permanent ? 'failed-permanently' : 'failed', (error as Error).message);
      if (permanent) await this.putInDeadLetters(deliveryKey, message, route, (error as Error).message);
      throw error;
    }
    // Sent: failing now would have the job send it again, so the log waits out the database instead.
    await writtenAfterSending(`delivery ${deliveryKey}`, () => this.record(deliveryKey, message, route, 'sent', sent.reference));
    return sent;
  }

  private async record(deliveryKey: string, message: EmailMessage, route: Route, outcome: AttemptOutcome, detail: string): Promise<void> {
    await this.log.recordAttempt({
      deliveryKey,
      recipient: message.to,
      channel: route.channel,
      address: route.address,
      subject: message.subject,
      outcome,
      detail: detail.slice(0, 1000),
      attemptedAt: this.clock.now().toISOString(),
    });
  }

  private async putInDeadLetters(deliveryKey: string, message: EmailMessage, route: Route, error: string): Promise<void> {
    await this.deadLetters.add({ deliveryKey, recipient: message.to, route: `${route.channel} ${route.address}`, subject: message.subject, error });
    this.logger.warn(`delivery ${deliveryKey} to ${message.to} failed for good: ${error}`);
    // The alert goes by email whatever the PMO's own preference, so a broken webhook cannot hide it.
    for (const pmo of this.settings.pmoAlertEmails) {
      const text = [
        'A message could not be delivered and will not be retried.',
        '',
        `To: ${message.to} (${route.channel} ${route.address})`,
        `Subject: ${message.subject}`,
        `Error: ${error}`,
        `Delivery key: ${deliveryKey}`,
      ].join('\n');
      const alert: EmailMessage = {
        to: pmo,
        subject: `Delivery failed: '${message.subject}' to ${message.to}`,
        text,
        html: `<pre>${escapeHtml(text)}</pre>`,
        headers: { 'X-PMO-Alert': 'delivery-failed', 'X-PMO-Failed-Delivery-Key': deliveryKey },
      };
      const sent = await this.courier.send({ channel: 'email', address: pmo }, alert, `alert.${deliveryKey}.${pmo}`);
      await this.record(`alert.${deliveryKey}.${pmo}`, alert, { channel: 'email', address: pmo }, 'sent', sent.reference);
    }
  }
}
