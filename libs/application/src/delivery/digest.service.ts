import { Injectable, Logger } from '@nestjs/common';
import { londonDay } from '@pmo/domain';
import { escapeHtml } from '../deliver-escalation-email/escalation-email';
import { Clock } from '../ports/clock';
import { DigestStore } from '../ports/delivery-log';
import type { DigestItem } from '../ports/delivery-log';
import { writtenAfterSending } from './after-sending';
import { DeliveryService } from './delivery.service';

/**
 * The daily digest: every message held for a person since their last digest goes to them as one message,
 * on their channel. The digest's key names the person and its first message, so a retried run sends the
 * same digest under the same key (and Message-ID), and a digest is never built from the same message twice.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly digests: DigestStore,
    private readonly delivery: DeliveryService,
    private readonly clock: Clock,
  ) {}

  /** Sends each waiting digest; answers how many people got one. */
  async sendDigests(): Promise<number> {
    const now = this.clock.now();
    const today = londonDay(now);
    const waiting = await this.digests.waitingBefore(now);
    for (const [recipient, items] of waiting) {
      const digestKey = `digest.${recipient}.${items[0].deliveryKey}`;
      await this.delivery.deliver(digestKey, digestMessage(recipient, today, items), { now: true });
      await writtenAfterSending(`digest ${digestKey}`, () =>
        this.digests.markDigested(
          items.map((item) => item.deliveryKey),
          digestKey,
        ),
      );
    }
    if (waiting.size > 0) this.logger.log(`sent ${waiting.size} daily digest(s) on ${today}`);
    return waiting.size;
  }
}

function digestMessage(recipient: string, day: string, items: DigestItem[]) {
  const text = [
    `${items.length} message(s) from the PMO engine since your last digest:`,
    ...items.map((item, index) => `${index + 1}. ${item.subject}\n\n${item.body}`),
  ].join('\n\n');
  return {
    to: recipient,
    subject: `PMO digest, ${day}: ${items.length} message(s)`,
    text,
    html: items.map((item) => `<h3>${escapeHtml(item.subject)}</h3><p>${escapeHtml(item.body).replace(/\n/g, '<br>')}</p>`).join(''),
    headers: { 'X-PMO-Digest': day, 'X-PMO-Digest-Items': String(items.length) },
  };
}
