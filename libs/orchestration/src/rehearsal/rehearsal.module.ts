import { DynamicModule, Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import {
  BankHolidays,
  Clock,
  MonthEndSettings,
  NotificationQueue,
  CompleteMilestoneUseCase,
  ConfirmMilestoneUseCase,
  CreateProgrammeUseCase,
  EscalationQueue,
  InstantiateTemplateUseCase,
  ProgrammeScheduler,
  ProgrammeTemplates,
  RecordTrajectoryActualsUseCase,
} from '@pmo/application';
import type { DatabaseConfig } from '@pmo/config';
import { DEFAULT_CYCLE_RULE } from '@pmo/domain';
import { PersistenceModule } from '@pmo/persistence';
import { PackagedBankHolidays, YamlProgrammeTemplates } from '@pmo/reference-data';
import { ACTIVITY_PROVIDERS } from '../programme-worker';
import { TemporalProgrammeScheduler } from '../temporal-programme.scheduler';

/** The rehearsal's clock: the time-skipping server's time, set by the runner as it moves time on. */
export class RehearsalClock extends Clock {
  private current = new Date(0);

  set(instant: Date): void {
    this.current = instant;
  }

  now(): Date {
    return this.current;
  }
}

/** A rehearsal records its escalations but sends nothing to anybody. */
export class SilentEscalationQueue extends EscalationQueue {
  async enqueueEmail(): Promise<void> {}
}

/** Nor its month-end reminders. */
export class SilentNotificationQueue extends NotificationQueue {
  async enqueueEmail(): Promise<void> {}
}

/** The production use cases, on a scratch database, a rehearsal clock and the time-skipping server. */
@Module({})
export class RehearsalModule {
  static forRoot(database: DatabaseConfig, temporal: Client, clock: RehearsalClock): DynamicModule {
    return {
      module: RehearsalModule,
      imports: [PersistenceModule.forRoot(database)],
      providers: [
        { provide: Clock, useValue: clock },
        { provide: ProgrammeScheduler, useValue: new TemporalProgrammeScheduler(temporal) },
        { provide: EscalationQueue, useValue: new SilentEscalationQueue() },
        { provide: NotificationQueue, useValue: new SilentNotificationQueue() },
        { provide: ProgrammeTemplates, useFactory: () => new YamlProgrammeTemplates() },
        { provide: BankHolidays, useFactory: () => new PackagedBankHolidays() },
        { provide: MonthEndSettings, useValue: { rule: DEFAULT_CYCLE_RULE, signOffEmails: [], escalationEmails: [] } },
        ...ACTIVITY_PROVIDERS,
        CreateProgrammeUseCase,
        InstantiateTemplateUseCase,
        CompleteMilestoneUseCase,
        ConfirmMilestoneUseCase,
        RecordTrajectoryActualsUseCase,
      ],
    };
  }
}
