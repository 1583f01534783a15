import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { ScheduleSpec } from '@temporalio/client';
import { MonthEndSchedule, MonthEndScheduleMissing } from '@pmo/application';
import type { MonthEndScheduleState } from '@pmo/application';
import type { MonthEndConfig } from '@pmo/config';
import { MONTH_END_SCHEDULE_ID, MONTH_END_TICK_WORKFLOW_TYPE, PROGRAMME_TASK_QUEUE } from '@pmo/contracts';

const TIMEZONE = 'Europe/London';

/**
 * Missed ticks taken when the server comes back: a little over a month, so an outage across a month end
 * still runs that month's cycle (each late tick does the duties of the day it stands for).
 */
const CATCHUP_WINDOW = '35 days';

/**
 * The month-end cadence as a Temporal Schedule: every day at the configured London time, across the
 * clock changes, it starts monthEndTickWorkflow, which does that day's duties under the working-day rule.
 */
export class TemporalMonthEndSchedule extends MonthEndSchedule {
  constructor(
    private readonly client: Client,
    private readonly config: MonthEndConfig,
  ) {
    super();
  }

  async ensure(): Promise<void> {
    try {
      await this.client.schedule.create({
        scheduleId: MONTH_END_SCHEDULE_ID,
        spec: this.spec(),
        action: { type: 'startWorkflow', workflowType: MONTH_END_TICK_WORKFLOW_TYPE, workflowId: 'month-end-tick', taskQueue: PROGRAMME_TASK_QUEUE, args: [] },
        // Ticks run one after another and none is dropped: a cycle that outlasts a day makes the next
        // tick wait, and the ticks missed in an outage all run, in order, each for its own day.
        policies: { overlap: ScheduleOverlapPolicy.BUFFER_ALL, catchupWindow: CATCHUP_WINDOW, pauseOnFailure: false },
        state: { note: `created by the engine: every day at ${this.config.runTime} ${TIMEZONE}` },
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      // Already there: bring its time of day in line with the configuration, keeping its paused state.
      await this.client.schedule.getHandle(MONTH_END_SCHEDULE_ID).update((previous) => ({ ...previous, spec: this.spec() }));
    }
  }

  async state(): Promise<MonthEndScheduleState> {
    const description = await this.handled(() => this.client.schedule.getHandle(MONTH_END_SCHEDULE_ID).describe());
    return {
      scheduleId: MONTH_END_SCHEDULE_ID,
      paused: description.state.paused,
      note: description.state.note ?? null,
      runTime: this.config.runTime,
      timezone: TIMEZONE,
      nextTicks: description.info.nextActionTimes.map((time) => time.toISOString()),
      recentTicks: description.info.recentActions.map((action) => ({
        scheduledAt: action.scheduledAt.toISOString(),
        takenAt: action.takenAt.toISOString(),
        workflowId: action.action.workflow.workflowId,
      })),
    };
  }

  async pause(note: string): Promise<void> {
    await this.handled(() => this.client.schedule.getHandle(MONTH_END_SCHEDULE_ID).pause(note));
  }

  async resume(note: string): Promise<void> {
    await this.handled(() => this.client.schedule.getHandle(MONTH_END_SCHEDULE_ID).unpause(note));
  }

  async trigger(): Promise<void> {
    await this.handled(() => this.client.schedule.getHandle(MONTH_END_SCHEDULE_ID).trigger());
  }

  private spec(): ScheduleSpec {
    const [hour, minute] = this.config.runTime.split(':').map(Number);
    return { calendars: [{ hour, minute, comment: `every day at ${this.config.runTime} London time` }], timezone: TIMEZONE };
  }

  private async handled<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw new MonthEndScheduleMissing(error.message);
      throw error;
    }
  }
}
