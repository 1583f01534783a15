import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApplicationError, ApplicationErrorCode, ProgrammeScheduler } from '@pmo/application';
import type { FieldProblem } from '@pmo/application';
import {
  acknowledgeEscalationSignal,
  completeMilestoneUpdate,
  confirmMilestoneUpdate,
  escalationStateQuery,
  escalationWorkflowId,
  MONTH_END_WORKFLOW_TYPE,
  monthEndWorkflowId,
  phaseChangedSignal,
  phaseRolloutWorkflowId,
  PROGRAMME_TASK_QUEUE,
  PROGRAMME_WORKFLOW_TYPE,
  programmeChangedSignal,
  programmeWorkflowId,
  snoozeEscalationSignal,
  UPDATE_REFUSALS,
} from '@pmo/contracts';
import type { Acknowledgement, EscalationInput, EscalationState, MonthEndInput, MonthEndSummary, ProgrammeChange, ProgrammeWorkflowInput, Snooze } from '@pmo/contracts';

const CODE_BY_REFUSAL: Record<string, ApplicationErrorCode> = {
  [UPDATE_REFUSALS.notFound]: ApplicationErrorCode.NotFound,
  [UPDATE_REFUSALS.conflict]: ApplicationErrorCode.Conflict,
  [UPDATE_REFUSALS.unprocessable]: ApplicationErrorCode.Unprocessable,
};

/** The programme's workflow through the Temporal client: signal-with-start for changes, an update for progress. */
export class TemporalProgrammeScheduler extends ProgrammeScheduler {
  constructor(private readonly client: Client) {
    super();
  }

  async programmeChanged(programmeId: string, change: ProgrammeChange): Promise<void> {
    const input: ProgrammeWorkflowInput = { programmeId };
    await this.client.workflow.signalWithStart(PROGRAMME_WORKFLOW_TYPE, {
      workflowId: programmeWorkflowId(programmeId),
      taskQueue: PROGRAMME_TASK_QUEUE,
      args: [input],
      signal: programmeChangedSignal,
      signalArgs: [change],
    });
  }

  async runMonthEnd(period: string): Promise<MonthEndSummary> {
    const input: MonthEndInput = { period };
    try {
      return await this.client.workflow.execute(MONTH_END_WORKFLOW_TYPE, { workflowId: monthEndWorkflowId(period), taskQueue: PROGRAMME_TASK_QUEUE, args: [input] });
    } catch (error) {
      // A cycle for the period is already running: wait for it rather than run it twice at once.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return this.client.workflow.getHandle(monthEndWorkflowId(period)).result();
    }
  }

  async phaseChanged(programmeId: string, phaseRef: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(phaseRolloutWorkflowId(programmeId, phaseRef)).signal(phaseChangedSignal);
    } catch (error) {
      // Not started yet (the programme workflow starts it and it reads the record) or already live.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }

  completeMilestone(programmeId: string, milestoneId: string, completedAt: string): Promise<void> {
    return this.progress(programmeId, milestoneId, (handle) => handle.executeUpdate(completeMilestoneUpdate, { args: [{ milestoneId, completedAt }] }));
  }

  confirmMilestone(programmeId: string, milestoneId: string): Promise<void> {
    return this.progress(programmeId, milestoneId, (handle) => handle.executeUpdate(confirmMilestoneUpdate, { args: [{ milestoneId }] }));
  }

  async escalationState(cause: EscalationInput): Promise<EscalationState | null> {
    try {
      return await this.client.workflow.getHandle(escalationWorkflowId(cause.programmeId, cause.milestoneId)).query(escalationStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  }

  acknowledgeEscalation(cause: EscalationInput, acknowledgement: Acknowledgement): Promise<boolean> {
    return this.signalLadder(cause, (handle) => handle.signal(acknowledgeEscalationSignal, acknowledgement));
  }

  snoozeEscalation(cause: EscalationInput, snooze: Snooze): Promise<boolean> {
    return this.signalLadder(cause, (handle) => handle.signal(snoozeEscalationSignal, snooze));
  }

  /** Signals a ladder still climbing; one that has finished (or never started) cannot hear it. */
  private async signalLadder(cause: EscalationInput, send: (handle: WorkflowHandle) => Promise<void>): Promise<boolean> {
    try {
      await send(this.client.workflow.getHandle(escalationWorkflowId(cause.programmeId, cause.milestoneId)));
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /** Sends a progress update, starting the workflow first when it has ended; refusals become ApplicationErrors. */
  private async progress(programmeId: string, milestoneId: string, send: (handle: WorkflowHandle) => Promise<unknown>): Promise<void> {
    const update = () => send(this.client.workflow.getHandle(programmeWorkflowId(programmeId)));
    try {
      try {
        await update();
      } catch (error) {
        // A programme whose workflow has ended (every milestone was done) is started again first.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        await this.programmeChanged(programmeId, { kind: 'milestone-completed', milestoneId });
        await update();
      }
    } catch (error) {
      throw refusal(error) ?? error;
    }
  }
}

/** The workflow's refusal of an update, as the application's error; undefined for any other failure. */
function refusal(error: unknown): ApplicationError | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  let cause: unknown = error.cause;
  while (cause instanceof Error && !(cause instanceof ApplicationFailure && cause.type && CODE_BY_REFUSAL[cause.type])) {
    cause = (cause as Error & { cause?: unknown }).cause;
  }
  if (!(cause instanceof ApplicationFailure) || !cause.type) return undefined;
  const fields = (cause.details ?? []).filter((detail): detail is FieldProblem => typeof (detail as FieldProblem | null)?.field === 'string');
  return new ApplicationError(CODE_BY_REFUSAL[cause.type], cause.message, fields);
}
