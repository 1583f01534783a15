/** The BullMQ queue that carries escalation deliveries. */
export const ESCALATION_QUEUE = 'escalations';

export const ESCALATION_EMAIL_JOB = 'escalation-email';

export interface EscalationEmailJob {
  escalationId: string;
}

/** One message of a ladder: the cause, the rung and the person it tells. */
export interface EscalationCause {
  programmeId: string;
  milestoneId: string;
  rung: number;
  recipient: string;
}

/**
 * The job id of an escalation message: the same cause, rung and recipient always give the same id, so
 * BullMQ keeps one job however often an activity retries the enqueue. BullMQ forbids ':' in custom ids.
 */
export function escalationEmailJobId(cause: EscalationCause): string {
  return `escalation-email.${cause.programmeId}.${cause.milestoneId}.rung-${cause.rung}.${cause.recipient.toLowerCase()}`;
}

/** The BullMQ queue that carries the month-end cycle's reminders and escalations. */
export const NOTIFICATION_QUEUE = 'notifications';

export const NOTIFICATION_EMAIL_JOB = 'notification-email';

export interface NotificationEmailJob {
  notificationId: string;
}

/** The job id of a notification email: its dedupe key, so a notification is enqueued once however often it is raised. */
export function notificationEmailJobId(dedupeKey: string): string {
  return `notification-email.${dedupeKey}`;
}

/** Deliveries that failed for good; nothing consumes the queue, its jobs are the record. */
export const DEAD_LETTER_QUEUE = 'dead-letters';

export const DEAD_LETTER_JOB = 'dead-letter';

/** The daily digest: a repeatable job, one run a day at the configured London time. */
export const DIGEST_QUEUE = 'digests';

export const DIGEST_JOB = 'daily-digest';
