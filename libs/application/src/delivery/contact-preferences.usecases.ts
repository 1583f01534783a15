import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ApplicationError } from '../application.error';
import { Clock } from '../ports/clock';
import { ContactDirectory, DeliveryLog } from '../ports/delivery-log';
import type { ContactPreference, DeliveryAttempt } from '../ports/delivery-log';
import { parseOrThrow } from '../validation';

const emailSchema = z.email('must be an email address').transform((email) => email.toLowerCase());

export const contactPreferenceSchema = z
  .strictObject({
    channel: z.enum(['email', 'teams', 'webhook'], { message: 'must be email, teams or webhook' }),
    address: z.url({ protocol: /^https?$/, message: 'must be the http(s) URL of the webhook' }).optional(),
    dailyDigest: z.boolean('must be true or false').default(false),
  })
  .superRefine((preference, context) => {
    if (preference.channel !== 'email' && preference.address === undefined) context.addIssue({ code: 'custom', path: ['address'], message: `a ${preference.channel} channel needs its webhook URL` });
    if (preference.channel === 'email' && preference.address !== undefined) context.addIssue({ code: 'custom', path: ['address'], message: 'email goes to the person’s own address: leave address out' });
  });

/** How each person is reached, and the log of what was sent to them. */
@Injectable()
export class ContactPreferencesUseCases {
  constructor(
    private readonly contacts: ContactDirectory,
    private readonly log: DeliveryLog,
    private readonly clock: Clock,
  ) {}

  async get(email: string): Promise<ContactPreference> {
    const address = parseOrThrow(emailSchema, email);
    const preference = await this.contacts.preference(address);
    if (preference === null) throw ApplicationError.notFound(`no preference recorded for ${address}: messages go to them by email`);
    return preference;
  }

  save(email: string, body: unknown): Promise<ContactPreference> {
    const address = parseOrThrow(emailSchema, email);
    const { channel, address: url, dailyDigest } = parseOrThrow(contactPreferenceSchema, body);
    return this.contacts.savePreference({ email: address, channel, address: url ?? null, dailyDigest }, this.clock.now());
  }

  attempts(filter: { recipient?: string; deliveryKey?: string }): Promise<DeliveryAttempt[]> {
    return this.log.attempts({ ...filter, ...(filter.recipient === undefined ? {} : { recipient: parseOrThrow(emailSchema, filter.recipient) }) });
  }

  /**
   * The attempts as a page may show them, newest first: a Teams or webhook address, and any address an error quotes,
   * cut to its scheme and host, since the rest of such a URL is its secret.
   */
  async attemptsToRead(filter: { recipient?: string }): Promise<DeliveryAttempt[]> {
    const attempts = await this.attempts(filter);
    return attempts.reverse().map((attempt) => ({ ...attempt, address: attempt.channel === 'email' ? attempt.address : withoutSecrets(attempt.address), detail: withoutSecrets(attempt.detail) }));
  }
}

/** Every URL in a text cut to its origin: `https://host/...`. */
export function withoutSecrets(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => {
    try {
      return `${new URL(url).origin}/…`;
    } catch {
      return '(an address)';
    }
  });
}
