/** What the month-end Schedule says of itself. */
export interface MonthEndScheduleState {
  scheduleId: string;
  paused: boolean;
  note: string | null;
  /** Every day at this London time the schedule starts the day's tick. */
  runTime: string;
  timezone: 'Europe/London';
  /** The next instants it will start a tick, UTC. */
  nextTicks: string[];
  recentTicks: { scheduledAt: string; takenAt: string; workflowId: string }[];
}

/** The Temporal Schedule that drives the month-end cadence, as the application sees it. */
export abstract class MonthEndSchedule {
  /** Creates the schedule, or brings an existing one's time of day up to date; the engine's workers call it at boot. */
  abstract ensure(): Promise<void>;
  abstract state(): Promise<MonthEndScheduleState>;
  abstract pause(note: string): Promise<void>;
  abstract resume(note: string): Promise<void>;
  /** Starts today's tick now, as if it were the scheduled time. */
  abstract trigger(): Promise<void>;
}

/** An adapter's answer when the schedule does not exist, named by the port rather than by Temporal. */
export class MonthEndScheduleMissing extends Error {}
