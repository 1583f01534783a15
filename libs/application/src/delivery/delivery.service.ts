import { Injectable, Logger } from '@nestjs/common';
import { escapeHtml } from '../deliver-escalation-email/escalation-email';
import { Clock } from '../ports/clock';
import { Courier, DeliveryFailed } from '../ports/courier';
import type { Route } from '../ports/courier';
import { ContactDirectory, DeadLetters, DeliveryLog, DigestStore } from '../ports/delivery-log';
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
        await this.log.recordAttempt({ ...this.attempt(deliveryKey, message, route), outcome: 'held-for-digest', detail: 'held for the daily digest' });
      }
      return { reference: 'held for the daily digest' };
    }
    try {
      return await this.loggedSend(deliveryKey, message, route);
    } catch (error) {
      if (error instanceof DeliveryFailed && error.permanent) await this.putInDeadLetters(deliveryKey, message, route, error.message);
      throw error;
    }
  }

  /**
   * One try, logged as `sending` before the message leaves and settled with what came of it. A delivery an
   * earlier try sent is not sent again, though its own record (the escalation, the notification, the digest)
   * may not say so yet: that try may have stopped between the log and the record.
   */
  private async loggedSend(deliveryKey: string, message: EmailMessage, route: Route): Promise<{ reference: string }> {
    const earlier = await this.log.earlierTries(deliveryKey);
    if (earlier.sentReference !== null) return { reference: earlier.sentReference };
    if (earlier.interrupted > 0) {
      // SMTP gives no way to ask whether the cut-short try arrived: sending again risks a repeat under the same
      // Message-ID, which many mail systems drop; not sending risks losing an escalation.
      this.logger.warn(`delivery ${deliveryKey} to ${message.to}: an earlier try was cut short before its outcome was recorded; sending again`);
    }
    const tryId = await this.log.beginTry(this.attempt(deliveryKey, message, route));
    let sent: { reference: string };
    try {
      sent = await this.courier.send(route, message, deliveryKey);
    } catch (error) {
      await this.log
        .settle(tryId, error instanceof DeliveryFailed && error.permanent ? 'failed-permanently' : 'failed', detailOf((error as Error).message))
        // The delivery's own error is the one the queue must see; a try left `sending` is settled by the next.
        .catch((logError: Error) => this.logger.warn(`delivery ${deliveryKey}: its failure could not be logged (${logError.message})`));
      throw error;
    }
    // Sent: failing now would have the job send it again, so the log waits out the database instead.
    await writtenAfterSending(`delivery ${deliveryKey}`, () => this.log.settle(tryId, 'sent', detailOf(sent.reference)));
    return sent;
  }

  private attempt(deliveryKey: string, message: EmailMessage, route: Route) {
    return { deliveryKey, recipient: message.to, channel: route.channel, address: route.address, subject: message.subject, attemptedAt: this.clock.now().toISOString() };
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
      await this.loggedSend(`alert.${deliveryKey}.${pmo}`, alert, { channel: 'email', address: pmo });
    }
  }
}

/** The log keeps the first 1,000 characters of a reference or an error. */
function detailOf(text: string): string {
  return text.slice(0, 1000);
}
