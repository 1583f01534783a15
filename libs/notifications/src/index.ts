export { BullmqEscalationQueue } from './bullmq-escalation.queue';
export { createRedisConnection } from './redis-connection';
export { SmtpMailer } from './smtp.mailer';
