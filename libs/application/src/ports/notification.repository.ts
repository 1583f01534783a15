export type NotificationKind = 'update-reminder' | 'update-escalation' | 'return-reminder' | 'return-escalation' | 'programme-red' | 'milestone-warning';

/**
 * An email the month-end cycle owes somebody. Its dedupe key names the duty, the period and the
 * recipient, so raising it again (a retried activity, a re-run day) finds the one already recorded.
 */
export interface NewNotification {
  dedupeKey: string;
  kind: NotificationKind;
  period: string;
  programmeId: string | null;
  recipient: string;
  subject: string;
  body: string;
}

export interface NotificationForDelivery extends NewNotification {
  id: string;
  status: 'pending' | 'sent';
}

export abstract class NotificationRepository {
  /** Records the notification unless its dedupe key is recorded; answers its id and whether this call recorded it. */
  abstract recordOnce(notification: NewNotification, createdAt: Date): Promise<{ id: string; created: boolean }>;
  abstract findForDelivery(notificationId: string): Promise<NotificationForDelivery | null>;
  abstract markSent(notificationId: string, sentAt: Date, messageId: string): Promise<void>;
  abstract markAttemptFailed(notificationId: string, error: string): Promise<void>;
  abstract list(filter: { period?: string; kind?: NotificationKind }): Promise<(NotificationForDelivery & { createdAt: string; sentAt: string | null })[]>;
}

/** Puts a notification's delivery on the queue; the same dedupe key enqueues once. */
export abstract class NotificationQueue {
  abstract enqueueEmail(dedupeKey: string, notificationId: string): Promise<void>;
}
