import type { EscalationCause } from '@pmo/contracts';

/** Puts a delivery on the queue; the same cause enqueues once however often it is called. */
export abstract class EscalationQueue {
  abstract enqueueEmail(cause: EscalationCause, escalationId: string): Promise<void>;
}
