export { BullmqEscalationQueue, BullmqNotificationQueue } from './bullmq-email.queues';
export { createRedisConnection } from './redis-connection';
export { SmtpMailer } from './smtp.mailer';
