import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import {
  completeMilestoneUpdate,
  confirmMilestoneUpdate,
  escalationCauseClearedSignal,
  escalationWorkflowId,
  phaseRolloutWorkflowId,
  programmeChangedSignal,
  programmeStatusQuery,
} from '@pmo/contracts';
import type { ProgrammeActivities, ProgrammeWorkflowInput } from '@pmo/contracts';
import type { ProgrammeAssessment } from '@pmo/domain';
import { milestonesToEscalate } from './escalation-policy';
import { escalationWorkflow } from './escalation.workflow';
import { phaseRolloutWorkflow } from './phase-rollout.workflow';
import { validateCompletion, validateOpenMilestone } from './progress-updates';

const { evaluateProgramme, raiseEscalation, recordMilestoneCompletion, recordMilestoneConfirmation, listPhases, warnMilestoneOwner } = proxyActivities<ProgrammeActivities>({
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
  const startedPhases = new Set(input.startedPhaseRefs ?? []);
  const warned = new Set(input.warnedMilestoneIds ?? []);
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
      if (escalated.has(update.milestoneId) && patched('escalation-ladders')) await clearEscalationLadder(input.programmeId, update.milestoneId);
      assessment = await evaluateProgramme({ programmeId: input.programmeId, asAt: new Date().toISOString() });
      // The main loop re-plans its timers for the new record.
      changed = true;
      return assessment;
    },
    { validator: (update) => validateCompletion(update, assessment) },
  );
  setHandler(
    confirmMilestoneUpdate,
    async (update) => {
      await recordMilestoneConfirmation({ programmeId: input.programmeId, milestoneId: update.milestoneId, confirmedAt: new Date().toISOString() });
      assessment = await evaluateProgramme({ programmeId: input.programmeId, asAt: new Date().toISOString() });
      changed = true;
      return assessment;
    },
    { validator: (update) => validateOpenMilestone(update, assessment) },
  );

  for (;;) {
    changed = false;
    assessment = await evaluateProgramme({ programmeId: input.programmeId, asAt: new Date().toISOString() });

    if (patched('phase-rollout-children')) await startPhaseRollouts(input.programmeId, startedPhases);

    for (const milestoneId of milestonesToEscalate(assessment, escalated)) {
      // Runs recorded before ladders told the programme lead once; now each overdue milestone climbs its own.
      if (patched('escalation-ladders')) await startEscalationLadder(input.programmeId, milestoneId);
      else await raiseEscalation({ programmeId: input.programmeId, milestoneId, rung: 1 });
      escalated.add(milestoneId);
    }

    for (const milestone of assessment.milestones) {
      if (!milestone.awaitingConfirmation || warned.has(milestone.milestoneId)) continue;
      // Runs recorded before owners were warned went straight from Amber to the ladder.
      if (!patched('owner-warnings')) break;
      await warnMilestoneOwner({ programmeId: input.programmeId, milestoneId: milestone.milestoneId });
      warned.add(milestone.milestoneId);
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
      await continueAsNew<typeof programmeWorkflow>({
        programmeId: input.programmeId,
        escalatedMilestoneIds: [...escalated],
        startedPhaseRefs: [...startedPhases],
        warnedMilestoneIds: [...warned],
      });
    }
    const untilBoundary = Date.parse(assessment.nextBoundaryAt) - Date.now();
    if (untilBoundary > 0) await condition(() => changed, untilBoundary);
  }
}

/** One PhaseRolloutWorkflow per phase, started once; it outlives this run across continue-as-new. */
async function startPhaseRollouts(programmeId: string, started: Set<string>): Promise<void> {
  for (const phaseRef of await listPhases({ programmeId })) {
    if (started.has(phaseRef)) continue;
    try {
      await startChild(phaseRolloutWorkflow, {
        workflowId: phaseRolloutWorkflowId(programmeId, phaseRef),
        args: [{ programmeId, phaseRef }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (error) {
      // Started by an earlier run of this programme's workflow: it is tracking the phase already.
      if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    }
    started.add(phaseRef);
  }
}

/** The milestone's ladder, started once: a later run of this workflow finds it climbing or done. */
async function startEscalationLadder(programmeId: string, milestoneId: string): Promise<void> {
  try {
    await startChild(escalationWorkflow, {
      workflowId: escalationWorkflowId(programmeId, milestoneId),
      args: [{ programmeId, milestoneId }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (error) {
    if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error;
  }
}

/** A completed milestone stops its ladder at once; one that already finished climbing has nothing to hear. */
async function clearEscalationLadder(programmeId: string, milestoneId: string): Promise<void> {
  try {
    await getExternalWorkflowHandle(escalationWorkflowId(programmeId, milestoneId)).signal(escalationCauseClearedSignal);
  } catch (error) {
    log.info('escalation ladder already closed', { milestoneId, error: (error as Error).message });
  }
}
