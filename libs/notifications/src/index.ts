export { BullmqEscalationQueue, ESCALATION_JOB_ATTEMPTS } from './bullmq-escalation.queue';
export { createRedisConnection } from './redis-connection';
export { SmtpMailer } from './smtp.mailer';
