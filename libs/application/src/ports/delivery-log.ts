import type { Channel } from './courier';

/**
 * `sending` is a try under way: logged before anything leaves, so that a try still `sending` once its process
 * has died is known to be in doubt. The next try settles it as `interrupted`: the message may have arrived.
 * `sent-again` is a try that was sent when another of the same delivery already was (two tries at once).
 */
export type AttemptOutcome = 'sending' | 'sent' | 'sent-again' | 'failed' | 'failed-permanently' | 'held-for-digest' | 'interrupted';

/** What a delivery's earlier tries left: a try that was sent, or tries cut short before their outcome was known. */
export interface EarlierTries {
  /** The receiver's reference of the try that was sent, or null. */
  sentReference: string | null;
  /** Tries found `sending` and now settled as `interrupted`. */
  interrupted: number;
}

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
  /** Appends an attempt that has its outcome already (a message held for a digest). */
  abstract recordAttempt(attempt: DeliveryAttempt): Promise<void>;
  /** Appends a try as `sending`, before anything leaves; answers its id, for `settle`. */
  abstract beginTry(attempt: Omit<DeliveryAttempt, 'outcome' | 'detail'>): Promise<string>;
  /**
   * A begun try's outcome, though the next try has meanwhile taken it for interrupted. One try of a delivery key
   * is ever `sent` (a unique key): a second is logged `sent-again`.
   */
  abstract settle(tryId: string, outcome: Exclude<AttemptOutcome, 'sending' | 'sent-again'>, detail: string): Promise<void>;
  /** Before a new try of a delivery: the earlier try that was sent, and the tries cut short, settled as `interrupted`. */
  abstract earlierTries(deliveryKey: string): Promise<EarlierTries>;
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
