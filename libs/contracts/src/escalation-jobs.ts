/** The BullMQ queue that carries escalation deliveries. */
export const ESCALATION_QUEUE = 'escalations';

export const ESCALATION_EMAIL_JOB = 'escalation-email';

export interface EscalationEmailJob {
  escalationId: string;
}

export interface EscalationCause {
  programmeId: string;
  milestoneId: string;
  rung: number;
}

/**
 * The job id of an escalation email: the same cause and rung always give the same id, so BullMQ
 * keeps one job however often an activity retries the enqueue. BullMQ forbids ':' in custom ids.
 */
export function escalationEmailJobId(cause: EscalationCause): string {
  return `escalation-email.${cause.programmeId}.${cause.milestoneId}.rung-${cause.rung}`;
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
