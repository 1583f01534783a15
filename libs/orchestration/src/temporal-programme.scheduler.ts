import { Client } from '@temporalio/client';
import { ProgrammeScheduler } from '@pmo/application';
import { PROGRAMME_TASK_QUEUE, PROGRAMME_WORKFLOW_TYPE, programmeChangedSignal, programmeWorkflowId } from '@pmo/contracts';
import type { ProgrammeChange, ProgrammeWorkflowInput } from '@pmo/contracts';

/** Signal-with-start: signals the programme's workflow, starting it first when no run is open. */
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
}
