import { DynamicModule, Module } from '@nestjs/common';
import { Clock, DeliverEscalationEmailUseCase, Mailer, SystemClock } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { SmtpMailer } from '@pmo/notifications';
import { PersistenceModule } from '@pmo/persistence';
import { EscalationProcessor } from './escalation.processor';

@Module({})
export class NotifierModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return {
      module: NotifierModule,
      imports: [PersistenceModule.forRoot(config.database)],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: Mailer, useFactory: () => new SmtpMailer(config.smtp) },
        DeliverEscalationEmailUseCase,
        {
          provide: EscalationProcessor,
          useFactory: (deliver: DeliverEscalationEmailUseCase) => new EscalationProcessor(config.redis, deliver),
          inject: [DeliverEscalationEmailUseCase],
        },
      ],
    };
  }
}
