import { Injectable } from '@nestjs/common';
import type { MonthEndSummary } from '@pmo/contracts';
import { addMonths, lastDayOfMonth, londonDay } from '@pmo/domain';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { Clock } from '../ports/clock';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { monthSchema } from '../programme-definition/programme-definition.schema';
import { parseOrThrow } from '../validation';

/** The month-end cycle for a month that has ended, now, on request; running it again makes nothing twice. */
@Injectable()
export class RunMonthEndUseCase {
  constructor(
    private readonly scheduler: ProgrammeScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(period: string): Promise<MonthEndSummary> {
    const month = parseOrThrow(monthSchema, period, 'period');
    // A month's reports are as at its end and kept once: made before then, they would keep the month half told.
    const today = londonDay(this.clock.now());
    if (lastDayOfMonth(month) >= today) {
      throw new ApplicationError(ApplicationErrorCode.Unprocessable, `${month} has not ended`, [{ field: 'period', reason: `has not ended: its cycle can run from the day after its last day (today is ${today})` }]);
    }
    return this.scheduler.runMonthEnd(month);
  }

  /** The months whose cycle may run now, the latest first: those that have ended, a year back. */
  endedPeriods(): string[] {
    const thisMonth = londonDay(this.clock.now()).slice(0, 7);
    return Array.from({ length: 12 }, (_, index) => addMonths(thisMonth, -1 - index));
  }
}
