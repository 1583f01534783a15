export { BullmqDeadLetters, BullmqDigestSchedule, BullmqEscalationQueue, BullmqNotificationQueue } from './bullmq-email.queues';
export { ChannelCourier, teamsCard, webhookSignature } from './channel.courier';
export { createRedisConnection } from './redis-connection';
