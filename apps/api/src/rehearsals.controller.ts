import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { parseOrThrow } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { rehearsalScriptSchema, rehearse } from '@pmo/orchestration';
import type { RehearsalResult } from '@pmo/orchestration';
import { Access } from './access/access.decorators';

export const ENGINE_CONFIG = Symbol('EngineConfig');

/** Rehearse a plan before committing to it: a template and scripted updates, month by month on the time-skipping server. */
@Controller('rehearsals')
export class RehearsalsController {
  constructor(@Inject(ENGINE_CONFIG) private readonly config: EngineConfig) {}

  @Post()
  @Access('use-catalogue', 'anywhere')
  @HttpCode(200)
  rehearse(@Body() body: unknown): Promise<RehearsalResult> {
    return rehearse(parseOrThrow(rehearsalScriptSchema, body), {
      database: this.config.database,
      workflowBundlePath: this.config.temporal.workflowBundlePath,
      timeSkippingServerPath: this.config.temporal.timeSkippingServerPath,
    });
  }
}
