import { DynamicModule, Module } from '@nestjs/common';
import { Clock, EscalationQueue, EvaluateProgrammeUseCase, RaiseEscalationUseCase, SystemClock } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { BullmqEscalationQueue } from '@pmo/notifications';
import { PersistenceModule } from '@pmo/persistence';

/** What the worker's activities need: the record, the escalation queue and a clock. */
@Module({})
export class WorkerModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PersistenceModule.forRoot(config.database)],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: EscalationQueue, useFactory: () => new BullmqEscalationQueue(config.redis) },
        EvaluateProgrammeUseCase,
        RaiseEscalationUseCase,
      ],
      exports: [EvaluateProgrammeUseCase, RaiseEscalationUseCase],
    };
  }
}
