import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { ProgrammeScheduler, ResumeProgrammesUseCase } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { connectTemporalClient, TemporalProgrammeScheduler } from '@pmo/orchestration';
import { PersistenceModule } from '@pmo/persistence';

@Module({})
class ResumeModule {
  static forRoot(config: EngineConfig, temporal: Client): DynamicModule {
    return {
      module: ResumeModule,
      imports: [PersistenceModule.forRoot(config.database)],
      providers: [{ provide: ProgrammeScheduler, useValue: new TemporalProgrammeScheduler(temporal) }, ResumeProgrammesUseCase],
    };
  }
}

/** `resume-programmes`: after a move to another Temporal (docs/scaling.md), every programme's workflow is started there. */
export async function resumeProgrammes(config: EngineConfig): Promise<number> {
  const connection = await connectTemporalClient(config.temporal);
  try {
    const temporal = new Client({ connection, namespace: config.temporal.namespace });
    const context = await NestFactory.createApplicationContext(ResumeModule.forRoot(config, temporal), { logger: ['error', 'warn'] });
    try {
      const { programmes } = await context.get(ResumeProgrammesUseCase).execute();
      console.log(`signalled ${programmes} programme workflows on ${config.temporal.address} (namespace ${config.temporal.namespace}): started where missing`);
      return 0;
    } finally {
      await context.close();
    }
  } finally {
    await connection.close();
  }
}
