import type { EmailMessage } from './mailer';

/** How a person is reached: by email, in a Microsoft Teams channel (a Workflows webhook), or by a signed webhook. */
export type Channel = 'email' | 'teams' | 'webhook';

export interface Route {
  channel: Channel;
  /** The email address, or the webhook's URL. */
  address: string;
}

/**
 * A send that did not go. Permanent when trying again cannot help (an SMTP 5xx, an HTTP 4xx other than
 * 408 or 429): the delivery goes to the dead letters and the PMO is told; otherwise the queue retries it.
 */
export class DeliveryFailed extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryFailed';
  }
}

/** Sends one message on one route; the delivery key lets receivers drop a message they already have. */
export abstract class Courier {
  abstract send(route: Route, message: EmailMessage, deliveryKey: string): Promise<{ reference: string }>;
}
