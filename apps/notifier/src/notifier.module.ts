import { DynamicModule, Module } from '@nestjs/common';
import { AcknowledgementLinks, Clock, Courier, DeadLetters, DeliverEscalationEmailUseCase, DeliverNotificationEmailUseCase, DeliveryService, DeliverySettings, LinkSettings, SystemClock } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { ESCALATION_EMAIL_JOB, ESCALATION_QUEUE, NOTIFICATION_EMAIL_JOB, NOTIFICATION_QUEUE } from '@pmo/contracts';
import type { EscalationEmailJob, NotificationEmailJob } from '@pmo/contracts';
import { BullmqDeadLetters, ChannelCourier } from '@pmo/notifications';
import { PersistenceModule } from '@pmo/persistence';
import { EmailJobProcessor } from './email-job.processor';

const ESCALATIONS = Symbol('escalation emails');
const NOTIFICATIONS = Symbol('notification emails');

@Module({})
export class NotifierModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return {
      module: NotifierModule,
      imports: [PersistenceModule.forRoot(config.database)],
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
      ],
    };
  }
}
