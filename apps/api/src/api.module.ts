import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import {
  Clock,
  CompleteMilestoneUseCase,
  CreateProgrammeUseCase,
  GetProgrammeUseCase,
  ProgrammeScheduler,
  SystemClock,
} from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { PersistenceModule } from '@pmo/persistence';
import { HealthController } from './health.controller';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ProgrammesController } from './programmes.controller';
import { TemporalProgrammeScheduler } from './temporal-programme.scheduler';

class TemporalConnection implements OnApplicationShutdown {
  constructor(readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Module({})
export class ApiModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PersistenceModule.forRoot(config.database)],
      controllers: [ProgrammesController, HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: Clock, useClass: SystemClock },
        {
          provide: TemporalConnection,
          useFactory: async () => new TemporalConnection(await Connection.connect({ address: config.temporal.address })),
        },
        {
          provide: ProgrammeScheduler,
          useFactory: (temporal: TemporalConnection) =>
            new TemporalProgrammeScheduler(new Client({ connection: temporal.connection, namespace: config.temporal.namespace })),
          inject: [TemporalConnection],
        },
        CreateProgrammeUseCase,
        GetProgrammeUseCase,
        CompleteMilestoneUseCase,
      ],
    };
  }
}
