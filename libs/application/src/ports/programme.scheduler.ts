import type { Acknowledgement, EscalationInput, EscalationState, MonthEndSummary, ProgrammeChange, Snooze } from '@pmo/contracts';

/** The programme's workflow, as the application sees it. */
export abstract class ProgrammeScheduler {
  /** Tells the workflow that the record changed, starting it if it is not running. */
  abstract programmeChanged(programmeId: string, change: ProgrammeChange): Promise<void>;
  /**
   * Completes a milestone through the workflow's update; a refusal comes back as an ApplicationError
   * (not found, conflict, unprocessable) with the workflow's reason.
   */
  abstract completeMilestone(programmeId: string, milestoneId: string, completedAt: string): Promise<void>;
  /** Confirms a milestone through the workflow's update; refusals as for completions. */
  abstract confirmMilestone(programmeId: string, milestoneId: string): Promise<void>;
  /** Tells a phase's rollout workflow that a member went live; nothing to tell when it is not running. */
  abstract phaseChanged(programmeId: string, phaseRef: string): Promise<void>;
  /** Runs (or joins the run of) the month-end cycle for a period and answers with what it made. */
  abstract runMonthEnd(period: string): Promise<MonthEndSummary>;
  /** The ladder of an overdue milestone, or null when it never fell overdue (or its ladder is gone from history). */
  abstract escalationState(cause: EscalationInput): Promise<EscalationState | null>;
  /** Stops the ladder; false when there is no ladder climbing for the cause. */
  abstract acknowledgeEscalation(cause: EscalationInput, acknowledgement: Acknowledgement): Promise<boolean>;
  abstract snoozeEscalation(cause: EscalationInput, snooze: Snooze): Promise<boolean>;
}
