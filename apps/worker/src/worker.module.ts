import { DynamicModule, Module } from '@nestjs/common';
import { BankHolidays, Clock, EscalationQueue, MonthEndSettings, NotificationQueue, SystemClock } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { BullmqEscalationQueue, BullmqNotificationQueue } from '@pmo/notifications';
import { loggingModule } from '@pmo/logging';
import { PersistenceModule } from '@pmo/persistence';
import { ACTIVITY_PROVIDERS, monthEndSettingsOf } from '@pmo/orchestration';
import { PackagedBankHolidays } from '@pmo/reference-data';

/** What the worker's activities need: the record, the rules' calendar, the cycle rule, the email queues and a clock. */
@Module({})
export class WorkerModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PersistenceModule.forRoot(config.database), loggingModule('worker', config.logLevel)],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: EscalationQueue, useFactory: () => new BullmqEscalationQueue(config.redis) },
        { provide: NotificationQueue, useFactory: () => new BullmqNotificationQueue(config.redis) },
        { provide: BankHolidays, useFactory: () => new PackagedBankHolidays() },
        { provide: MonthEndSettings, useValue: monthEndSettingsOf(config.monthEnd) },
        ...ACTIVITY_PROVIDERS,
      ],
    };
  }
}
