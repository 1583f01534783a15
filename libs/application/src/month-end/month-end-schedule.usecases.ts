import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { addMonths, cycleDays, londonDay } from '@pmo/domain';
import type { CycleDays, CycleRule } from '@pmo/domain';
import { ApplicationError } from '../application.error';
import { Clock } from '../ports/clock';
import { MonthEndSchedule, MonthEndScheduleMissing } from '../ports/month-end.schedule';
import type { MonthEndScheduleState } from '../ports/month-end.schedule';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import { parseOrThrow } from '../validation';
import { MonthEndSettings } from './month-end-settings';

export const scheduleNoteSchema = z.strictObject({ note: z.string().trim().min(1, 'must say why, for whoever reads the schedule next').max(500) });

/** The schedule with the rule it runs by and the days of the next cycles, as a PMO analyst plans by them. */
export interface MonthEndScheduleView extends MonthEndScheduleState {
  rule: CycleRule;
  upcomingCycles: CycleDays[];
}

/** The month-end Schedule through the API: read it, pause and resume it with a note, trigger today's tick. */
@Injectable()
export class MonthEndScheduleUseCases {
  constructor(
    private readonly schedule: MonthEndSchedule,
    private readonly settings: MonthEndSettings,
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  async view(): Promise<MonthEndScheduleView> {
    const { schedule, ...plan } = await this.overview();
    if (schedule === null) throw missing();
    return { ...schedule, ...plan };
  }

  /** The schedule's state, or null before a worker has created it, with the rule and the next cycles' days either way. */
  async overview(): Promise<{ schedule: MonthEndScheduleState | null; rule: CycleRule; upcomingCycles: CycleDays[] }> {
    const schedule = await this.schedule.state().catch((error: unknown) => {
      if (error instanceof MonthEndScheduleMissing) return null;
      throw error;
    });
    const calendar = this.status.workingCalendar();
    const today = londonDay(this.clock.now());
    const thisMonth = today.slice(0, 7);
    // Last month's cycle may still be ahead of today; the two after it always are.
    const upcomingCycles = [-1, 0, 1, 2]
      .map((offset) => cycleDays(addMonths(thisMonth, offset), this.settings.rule, calendar))
      .filter((days) => days.returnEscalationDay >= today)
      .slice(0, 3);
    return { schedule, rule: this.settings.rule, upcomingCycles };
  }

  async pause(body: unknown): Promise<MonthEndScheduleView> {
    await this.schedule.pause(parseOrThrow(scheduleNoteSchema, body).note).catch(notFoundAsApplicationError);
    return this.view();
  }

  async resume(body: unknown): Promise<MonthEndScheduleView> {
    await this.schedule.resume(parseOrThrow(scheduleNoteSchema, body).note).catch(notFoundAsApplicationError);
    return this.view();
  }

  async trigger(): Promise<void> {
    await this.schedule.trigger().catch(notFoundAsApplicationError);
  }
}

function missing(): ApplicationError {
  return ApplicationError.notFound('the month-end schedule is not created yet: it is created when a worker starts');
}

function notFoundAsApplicationError(error: unknown): never {
  throw error instanceof MonthEndScheduleMissing ? missing() : error;
}
