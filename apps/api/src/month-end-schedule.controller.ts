import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { MonthEndScheduleUseCases } from '@pmo/application';
import type { MonthEndScheduleView } from '@pmo/application';

/** The Temporal Schedule behind the month-end cadence: its state, the next cycles' days, pause, resume and trigger. */
@Controller('month-end-schedule')
export class MonthEndScheduleController {
  constructor(private readonly schedule: MonthEndScheduleUseCases) {}

  @Get()
  view(): Promise<MonthEndScheduleView> {
    return this.schedule.view();
  }

  /** `{ "note": why }`: the schedule starts no tick until resumed; missed ticks within its catch-up window run on resume. */
  @Post('pause')
  @HttpCode(200)
  pause(@Body() body: unknown): Promise<MonthEndScheduleView> {
    return this.schedule.pause(body);
  }

  @Post('resume')
  @HttpCode(200)
  resume(@Body() body: unknown): Promise<MonthEndScheduleView> {
    return this.schedule.resume(body);
  }

  /** Starts today's tick now: whatever falls due today (a cycle, a reminder) is done at once. */
  @Post('trigger')
  @HttpCode(202)
  async trigger(): Promise<void> {
    await this.schedule.trigger();
  }
}
