import { condition, continueAsNew, log, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { completeMilestoneUpdate, programmeChangedSignal, programmeStatusQuery } from '@pmo/contracts';
import type { ProgrammeActivities, ProgrammeWorkflowInput } from '@pmo/contracts';
import type { ProgrammeAssessment } from '@pmo/domain';
import { milestonesToEscalate } from './escalation-policy';
import { validateCompletion } from './progress-updates';

const { evaluateProgramme, raiseEscalation, recordMilestoneCompletion } = proxyActivities<ProgrammeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One per programme, for its whole life: evaluates the programme whenever its record changes or a
 * milestone boundary passes, and escalates each milestone that falls overdue, once.
 * Ends once every milestone is complete and no boundary is left; a later change starts it again
 * (signal-with-start), and raiseEscalation is idempotent per (milestone, rung), so a new run never
 * escalates twice. Completions arrive as an Update whose validator refuses a bad one at once.
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
  setHandler(
    completeMilestoneUpdate,
    async (update) => {
      await recordMilestoneCompletion({ programmeId: input.programmeId, ...update });
      assessment = await evaluateProgramme({ programmeId: input.programmeId, asAt: new Date().toISOString() });
      // The main loop re-plans its timers for the new record.
      changed = true;
      return assessment;
    },
    { validator: (update) => validateCompletion(update, assessment) },
  );

  for (;;) {
    changed = false;
    assessment = await evaluateProgramme({ programmeId: input.programmeId, asAt: new Date().toISOString() });

    for (const milestoneId of milestonesToEscalate(assessment, escalated)) {
      await raiseEscalation({ programmeId: input.programmeId, milestoneId, rung: 1 });
      escalated.add(milestoneId);
    }

    if (assessment.nextBoundaryAt === null) {
      if (changed) continue;
      // Runs recorded before progress came as updates ended here; now the workflow waits for the
      // milestones still open, so that their completion always finds it running.
      const open = assessment.milestones.some((milestone) => milestone.status !== 'Complete');
      if (!patched('stay-open-while-milestones-are-open') || !open) return;
      await condition(() => changed);
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof programmeWorkflow>({ programmeId: input.programmeId, escalatedMilestoneIds: [...escalated] });
    }
    const untilBoundary = Date.parse(assessment.nextBoundaryAt) - Date.now();
    if (untilBoundary > 0) await condition(() => changed, untilBoundary);
  }
}
