import { DynamicModule, Module } from '@nestjs/common';
import { AcknowledgementLinks, Clock, Courier, DeadLetters, DigestService, DeliverEscalationEmailUseCase, DeliverNotificationEmailUseCase, DeliveryService, DeliverySettings, LinkSettings, SystemClock } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { DIGEST_JOB, DIGEST_QUEUE, ESCALATION_EMAIL_JOB, ESCALATION_QUEUE, NOTIFICATION_EMAIL_JOB, NOTIFICATION_QUEUE } from '@pmo/contracts';
import type { EscalationEmailJob, NotificationEmailJob } from '@pmo/contracts';
import { BullmqDeadLetters, BullmqDigestSchedule, ChannelCourier } from '@pmo/notifications';
import { loggingModule } from '@pmo/logging';
import { PersistenceModule } from '@pmo/persistence';
import { EmailJobProcessor } from './email-job.processor';

const ESCALATIONS = Symbol('escalation emails');
const NOTIFICATIONS = Symbol('notification emails');
const DIGESTS = Symbol('daily digests');

@Module({})
export class NotifierModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return {
      module: NotifierModule,
      imports: [PersistenceModule.forRoot(config.database), loggingModule('notifier', config.logLevel)],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: Courier, useFactory: () => new ChannelCourier(config.smtp, config.delivery) },
        { provide: DeadLetters, useFactory: () => new BullmqDeadLetters(config.redis) },
        { provide: DeliverySettings, useValue: { pmoAlertEmails: config.delivery.pmoAlertEmails } },
        DeliveryService,
        { provide: LinkSettings, useValue: { publicUrl: config.delivery.publicUrl, signingSecret: config.delivery.linkSigningSecret } },
        AcknowledgementLinks,
        DeliverEscalationEmailUseCase,
        DeliverNotificationEmailUseCase,
        {
          provide: ESCALATIONS,
          useFactory: (deliver: DeliverEscalationEmailUseCase) =>
            new EmailJobProcessor<EscalationEmailJob>(config.redis, ESCALATION_QUEUE, ESCALATION_EMAIL_JOB, (job) => deliver.execute(job.escalationId)),
          inject: [DeliverEscalationEmailUseCase],
        },
        {
          provide: NOTIFICATIONS,
          useFactory: (deliver: DeliverNotificationEmailUseCase) =>
            new EmailJobProcessor<NotificationEmailJob>(config.redis, NOTIFICATION_QUEUE, NOTIFICATION_EMAIL_JOB, (job) => deliver.execute(job.notificationId)),
          inject: [DeliverNotificationEmailUseCase],
        },
        DigestService,
        { provide: BullmqDigestSchedule, useFactory: () => new BullmqDigestSchedule(config.redis, config.delivery.digestTime) },
        {
          provide: DIGESTS,
          useFactory: (digests: DigestService) => new EmailJobProcessor<object>(config.redis, DIGEST_QUEUE, DIGEST_JOB, () => digests.sendDigests(), 1),
          inject: [DigestService],
        },
      ],
    };
  }
}
