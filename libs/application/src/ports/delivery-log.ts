import type { Channel } from './courier';

export type AttemptOutcome = 'sent' | 'failed' | 'failed-permanently' | 'held-for-digest';

/** One try at delivering one message: the programme office's record of who was told what, and when. */
export interface DeliveryAttempt {
  deliveryKey: string;
  recipient: string;
  channel: Channel;
  address: string;
  subject: string;
  outcome: AttemptOutcome;
  /** The receiver's reference when sent (an SMTP message id, an HTTP status); the error otherwise. */
  detail: string;
  attemptedAt: string;
}

export interface ContactPreference {
  email: string;
  channel: Channel;
  /** The webhook's URL for Teams and webhook; null for email, which goes to the address itself. */
  address: string | null;
  /** Messages are held and sent together once a day, instead of one by one. */
  dailyDigest: boolean;
  updatedAt: string;
}

/** A message held for its recipient's next daily digest. */
export interface DigestItem {
  deliveryKey: string;
  recipient: string;
  subject: string;
  body: string;
  heldAt: string;
}

export abstract class DeliveryLog {
  /** Appends an attempt; a second `sent` for one delivery key is kept out by a unique key. */
  abstract recordAttempt(attempt: DeliveryAttempt): Promise<void>;
  abstract attempts(filter: { recipient?: string; deliveryKey?: string }): Promise<DeliveryAttempt[]>;
}

export abstract class ContactDirectory {
  abstract preference(email: string): Promise<ContactPreference | null>;
  abstract savePreference(preference: Omit<ContactPreference, 'updatedAt'>, updatedAt: Date): Promise<ContactPreference>;
}

/** The messages held for daily digests, and which digest took each. */
export abstract class DigestStore {
  /** Holds a message once per delivery key; answers false when it is held already. */
  abstract hold(item: DigestItem): Promise<boolean>;
  /** Every recipient's messages held up to an instant and not yet in a digest, oldest first. */
  abstract waitingBefore(instant: Date): Promise<Map<string, DigestItem[]>>;
  abstract markDigested(deliveryKeys: string[], digestKey: string): Promise<void>;
}

/** Deliveries that failed for good, kept for the PMO to look at and put right. */
export abstract class DeadLetters {
  abstract add(entry: { deliveryKey: string; recipient: string; route: string; subject: string; error: string }): Promise<void>;
}
