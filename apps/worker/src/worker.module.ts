import { DynamicModule, Module } from '@nestjs/common';
import { BankHolidays, Clock, EscalationQueue, SystemClock } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { BullmqEscalationQueue } from '@pmo/notifications';
import { PersistenceModule } from '@pmo/persistence';
import { ACTIVITY_PROVIDERS } from '@pmo/orchestration';
import { PackagedBankHolidays } from '@pmo/reference-data';

/** What the worker's activities need: the record, the rules' calendar, the escalation queue and a clock. */
@Module({})
export class WorkerModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PersistenceModule.forRoot(config.database)],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: EscalationQueue, useFactory: () => new BullmqEscalationQueue(config.redis) },
        { provide: BankHolidays, useFactory: () => new PackagedBankHolidays() },
        ...ACTIVITY_PROVIDERS,
      ],
    };
  }
}
