import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { phaseChangedSignal, phaseStatusQuery } from '@pmo/contracts';
import type { PhaseRolloutInput, ProgrammeActivities } from '@pmo/contracts';
import type { PhaseAssessment } from '@pmo/domain';

const { assessPhase } = proxyActivities<ProgrammeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * A child of the programme workflow for one phase of a phased rollout (the PCH phases): tracks each
 * member's go-live, wakes when the phase falls due, and ends with the phase live everywhere.
 */
export async function phaseRolloutWorkflow(input: PhaseRolloutInput): Promise<PhaseAssessment> {
  let changed = false;
  let assessment: PhaseAssessment | undefined;
  setHandler(phaseChangedSignal, () => {
    changed = true;
  });
  setHandler(phaseStatusQuery, () => assessment);

  for (;;) {
    changed = false;
    assessment = await assessPhase({ ...input, asAt: new Date().toISOString() });
    if (assessment.status === 'Live') return assessment;
    const untilDue = assessment.nextBoundaryAt === null ? undefined : Date.parse(assessment.nextBoundaryAt) - Date.now();
    if (untilDue === undefined) await condition(() => changed);
    else if (untilDue > 0) await condition(() => changed, untilDue);
  }
}
