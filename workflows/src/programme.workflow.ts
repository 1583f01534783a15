import { condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { programmeChangedSignal, programmeStatusQuery } from '@pmo/contracts';
import type { ProgrammeActivities, ProgrammeWorkflowInput } from '@pmo/contracts';
import type { ProgrammeAssessment } from '@pmo/domain';
import { milestonesToEscalate } from './escalation-policy';

const { evaluateProgramme, raiseEscalation } = proxyActivities<ProgrammeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One per programme, for its whole life: evaluates the programme whenever its record changes or a
 * milestone boundary passes, and escalates each milestone that falls overdue, once.
 * Ends when no boundary is left to wait for; a later change starts it again (signal-with-start), and
 * raiseEscalation is idempotent per (milestone, rung), so a new run never escalates twice.
 */
export async function programmeWorkflow(input: ProgrammeWorkflowInput): Promise<void> {
  const escalated = new Set(input.escalatedMilestoneIds ?? []);
  let changed = false;
  let assessment: ProgrammeAssessment | undefined;

  setHandler(programmeChangedSignal, (change) => {
    log.info('programme changed', { change });
    changed = true;
  });
  setHandler(programmeStatusQuery, () => assessment);

  for (;;) {
    changed = false;
    assessment = await evaluateProgramme({ programmeId: input.programmeId, asAt: new Date().toISOString() });

    for (const milestoneId of milestonesToEscalate(assessment, escalated)) {
      await raiseEscalation({ programmeId: input.programmeId, milestoneId, rung: 1 });
      escalated.add(milestoneId);
    }

    if (assessment.nextBoundaryAt === null) {
      if (changed) continue;
      return;
    }
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof programmeWorkflow>({ programmeId: input.programmeId, escalatedMilestoneIds: [...escalated] });
    }
    const untilBoundary = Date.parse(assessment.nextBoundaryAt) - Date.now();
    if (untilBoundary > 0) await condition(() => changed, untilBoundary);
  }
}
