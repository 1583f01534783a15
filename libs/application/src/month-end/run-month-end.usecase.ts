import { Injectable } from '@nestjs/common';
import type { MonthEndSummary } from '@pmo/contracts';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { monthSchema } from '../programme-definition/programme-definition.schema';
import { parseOrThrow } from '../validation';

/** The month-end cycle for a period, now, on request; running it again makes nothing twice. */
@Injectable()
export class RunMonthEndUseCase {
  constructor(private readonly scheduler: ProgrammeScheduler) {}

  execute(period: string): Promise<MonthEndSummary> {
    return this.scheduler.runMonthEnd(parseOrThrow(monthSchema, period, 'period'));
  }
}
