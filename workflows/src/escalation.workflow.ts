import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import { acknowledgeEscalationSignal, escalationCauseClearedSignal, escalationStateQuery, snoozeEscalationSignal } from '@pmo/contracts';
import type { EscalationInput, EscalationState, ProgrammeActivities } from '@pmo/contracts';
import { snoozeEndsAt } from '@pmo/domain';

const { planEscalationLadder, escalationCauseOpen, raiseEscalation } = proxyActivities<ProgrammeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The escalation ladder of one overdue milestone. Each rung waits on a durable timer until its instant,
 * then, if the milestone is still open, tells its people (raiseEscalation records each message once per
 * rung and recipient). An acknowledgement stops the climb; the milestone's completion closes it; a snooze
 * holds every rung until the day after it ends. Rungs already passed when the ladder gets to them are not told,
 * but for the last of them. The workflow id is the cause's, so a cause climbs once.
 */
export async function escalationWorkflow(input: EscalationInput): Promise<EscalationState> {
  const status: EscalationState = { ...input, rungs: [], acknowledgement: null, snooze: null, state: 'climbing' };
  let woken = false;
  setHandler(acknowledgeEscalationSignal, (acknowledgement) => {
    status.acknowledgement ??= { ...acknowledgement, at: new Date().toISOString() };
  });
  setHandler(snoozeEscalationSignal, (snooze) => {
    status.snooze = snooze;
    woken = true;
  });
  setHandler(escalationCauseClearedSignal, () => {
    if (status.state === 'climbing') status.state = 'cleared';
  });
  setHandler(escalationStateQuery, () => status);
  const stopped = () => status.acknowledgement !== null || status.state !== 'climbing';

  status.rungs = (await planEscalationLadder(input)).map((rung) => ({ ...rung, raised: false }));
  // Runs recorded before a late ladder told only its reached rung told every rung it had passed, and replay keeps that.
  const reachedRungOnly = patched('escalate-reached-rung-only');
  for (const [index, rung] of status.rungs.entries()) {
    // Sleeps until the rung's instant or the snooze's end, whichever is later; a new snooze re-plans the sleep.
    for (;;) {
      const wakeAt = Math.max(Date.parse(rung.at), status.snooze === null ? 0 : Date.parse(snoozeEndsAt(status.snooze.until)));
      if (wakeAt <= Date.now() || stopped()) break;
      woken = false;
      await condition(() => stopped() || woken, wakeAt - Date.now());
    }
    if (stopped()) break;
    // A ladder that starts late (a programme brought in with a milestone long overdue) or wakes late (after a snooze)
    // tells the rung the milestone's age has reached, not every rung it passed on the way, all at once.
    const next = status.rungs[index + 1];
    if (reachedRungOnly && next !== undefined && Date.parse(next.at) <= Date.now()) continue;
    if (!(await escalationCauseOpen(input))) {
      status.state = 'cleared';
      break;
    }
    await raiseEscalation({ ...input, rung: rung.rung, to: rung.to });
    rung.raised = true;
  }
  if (status.acknowledgement !== null) status.state = 'acknowledged';
  else if (status.state === 'climbing') status.state = 'complete';
  return status;
}
