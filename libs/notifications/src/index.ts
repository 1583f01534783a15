export { BullmqDeadLetters, BullmqDigestSchedule, BullmqEscalationQueue, BullmqNotificationQueue } from './bullmq-email.queues';
export { ChannelCourier, messageIdOf, teamsCard, webhookSignature } from './channel.courier';
export { createRedisConnection, redisConnectionOptions } from './redis-connection';
export type { RedisConnection, RedisConnectionOptions, RedisConnectionUse } from './redis-connection';
