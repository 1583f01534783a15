import { createHmac } from 'node:crypto';
import { OnApplicationShutdown } from '@nestjs/common';
import { Courier, DeliveryFailed } from '@pmo/application';
import type { EmailMessage, Route } from '@pmo/application';
import type { DeliveryConfig, SmtpConfig } from '@pmo/config';
import { SmtpMailer } from './smtp.mailer';

const HTTP_TIMEOUT_MS = 10_000;

/** Trying again can help after a timeout, throttling or a server error; never after another 4xx. */
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/** The message as an Adaptive Card in a Teams Workflows webhook's envelope. */
export function teamsCard(message: EmailMessage): object {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: `For ${message.to}`, isSubtle: true, spacing: 'None', wrap: true },
            ...message.text.split(/\n\s*\n/).map((paragraph) => ({ type: 'TextBlock', text: paragraph, wrap: true })),
          ],
        },
      },
    ],
  };
}

/**
 * The signature a webhook receiver checks: HMAC-SHA256, keyed by the shared secret, over the timestamp,
 * a dot and the raw body, so that neither can be replayed with the other changed.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** An email's Message-ID: its delivery's key, so that every try of one delivery carries the same. */
export function messageIdOf(deliveryKey: string): string {
  return `<${deliveryKey.replace(/[^A-Za-z0-9.-]/g, '_')}@pmo-engine>`;
}

/** Email by SMTP; Teams and generic webhooks by HTTPS POST, the latter signed. */
export class ChannelCourier extends Courier implements OnApplicationShutdown {
  private readonly mailer: SmtpMailer;

  constructor(
    smtp: SmtpConfig,
    private readonly config: DeliveryConfig,
  ) {
    super();
    this.mailer = new SmtpMailer(smtp);
  }

  async send(route: Route, message: EmailMessage, deliveryKey: string): Promise<{ reference: string }> {
    switch (route.channel) {
      case 'email':
        // The Message-ID is the delivery's: a message sent again after a crash carries the same one, so that
        // mail systems (and the receivers in the tests) can drop the repeat.
        return this.email({ ...message, to: route.address, messageId: messageIdOf(deliveryKey), headers: { ...message.headers, 'X-PMO-Delivery-Key': deliveryKey } });
      case 'teams':
        return this.post(route.address, JSON.stringify(teamsCard(message)), {});
      case 'webhook': {
        if (this.config.webhookSigningSecret === null) throw new DeliveryFailed('no PMO_WEBHOOK_SIGNING_SECRET is configured, so webhooks cannot be signed', true);
        const body = JSON.stringify({ deliveryKey, to: message.to, subject: message.subject, text: message.text, headers: message.headers });
        const timestamp = String(Math.floor(Date.now() / 1000));
        return this.post(route.address, body, {
          'x-pmo-delivery-key': deliveryKey,
          'x-pmo-timestamp': timestamp,
          'x-pmo-signature': `sha256=${webhookSignature(this.config.webhookSigningSecret, timestamp, body)}`,
        });
      }
    }
  }

  private async email(message: EmailMessage & { messageId: string }): Promise<{ reference: string }> {
    try {
      return { reference: (await this.mailer.send(message)).messageId };
    } catch (error) {
      // nodemailer carries the SMTP reply code: 5xx (no such mailbox, policy) is final, 4xx and no reply are not.
      const code = (error as { responseCode?: number }).responseCode;
      throw new DeliveryFailed(`SMTP: ${(error as Error).message}`, code !== undefined && code >= 500);
    }
  }

  private async post(url: string, body: string, headers: Record<string, string>): Promise<{ reference: string }> {
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
    } catch (error) {
      throw new DeliveryFailed(`POST ${url}: ${(error as Error).message}`, false);
    }
    await response.arrayBuffer();
    if (!response.ok) throw new DeliveryFailed(`POST ${url} answered ${response.status}`, !retryable(response.status));
    return { reference: `HTTP ${response.status}` };
  }

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
