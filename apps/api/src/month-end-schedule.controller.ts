import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { MonthEndScheduleUseCases } from '@pmo/application';
import type { MonthEndScheduleView } from '@pmo/application';
import { Access } from './access/access.decorators';

/** The Temporal Schedule behind the month-end cadence: its state, the next cycles' days, pause, resume and trigger. */
@Controller('month-end-schedule')
export class MonthEndScheduleController {
  constructor(private readonly schedule: MonthEndScheduleUseCases) {}

  @Get()
  @Access('run-month-end', 'every-organisation')
  view(): Promise<MonthEndScheduleView> {
    return this.schedule.view();
  }

  /** `{ "note": why }`: the schedule starts no tick until resumed; missed ticks within its catch-up window run on resume. */
  @Post('pause')
  @Access('run-month-end', 'every-organisation')
  @HttpCode(200)
  pause(@Body() body: unknown): Promise<MonthEndScheduleView> {
    return this.schedule.pause(body);
  }

  @Post('resume')
  @Access('run-month-end', 'every-organisation')
  @HttpCode(200)
  resume(@Body() body: unknown): Promise<MonthEndScheduleView> {
    return this.schedule.resume(body);
  }

  /** Starts today's tick now: whatever falls due today (a cycle, a reminder) is done at once. */
  @Post('trigger')
  @Access('run-month-end', 'every-organisation')
  @HttpCode(202)
  async trigger(): Promise<void> {
    await this.schedule.trigger();
  }
}
