import { executeChild, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import { londonDay } from '@pmo/domain';
import { monthEndWorkflowId } from '@pmo/contracts';
import type { MonthEndInput, MonthEndSummary, MonthEndTickResult, ProgrammeActivities } from '@pmo/contracts';

const REPORT_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

/** The collated papers and the return read every programme of the period, so they get longer. */
const COLLATED_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '20 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
};

/**
 * The month-end's activities heartbeat while they run: an activity whose worker died (killed, its machine
 * lost) is tried again once this passes without a beat, not when its start-to-close timeout runs out.
 */
const HEARTBEAT_TIMEOUT = '20 seconds';

/** Cycles and ticks recorded before the activities heartbeated wait out the start-to-close timeout instead. */
function heartbeating(options: ActivityOptions): ActivityOptions {
  return patched('month-end-heartbeats') ? { ...options, heartbeatTimeout: HEARTBEAT_TIMEOUT } : options;
}

/** Programmes reported on at once: enough to keep the worker busy, few enough not to swamp PostgreSQL. */
const CONCURRENCY = 10;

/**
 * The month-end cycle for a period: every programme running in it gets its highlight report, made
 * as at the period's end and kept once; then the portfolio summary and each organisation's committee
 * paper; then the first version of the NHS England return. Running the period again changes nothing.
 */
export async function monthEndWorkflow(input: MonthEndInput): Promise<MonthEndSummary> {
  const { listProgrammesForPeriod, makeHighlightReport } = proxyActivities<ProgrammeActivities>(heartbeating(REPORT_OPTIONS));
  const { makeCollatedReports, makeMonthlyReturn } = proxyActivities<ProgrammeActivities>(heartbeating(COLLATED_OPTIONS));
  const programmeIds = await listProgrammesForPeriod(input);
  const highlightReports = { programmes: programmeIds.length, reports: 0 };
  for (let start = 0; start < programmeIds.length; start += CONCURRENCY) {
    const made = await Promise.all(programmeIds.slice(start, start + CONCURRENCY).map((programmeId) => makeHighlightReport({ ...input, programmeId })));
    highlightReports.reports += made.reduce((sum, reports) => sum + reports.length, 0);
  }
  // Cycles recorded before the papers and the return made highlight reports only.
  if (!patched('month-end-papers-and-return')) return { period: input.period, highlightReports, collated: [], monthlyReturn: null };
  const collated = await makeCollatedReports(input);
  const monthlyReturn = await makeMonthlyReturn(input);
  return { period: input.period, highlightReports, collated, monthlyReturn };
}

const DUTY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
};

/**
 * The time a tick stands for: the schedule's nominal time, which a late run (catching up after an
 * outage) still carries; a tick started by hand stands for when it started.
 */
function scheduledTime(): Date {
  const info = workflowInfo();
  return info.typedSearchAttributes.get({ name: 'TemporalScheduledStartTime', type: 'DATETIME' }) ?? info.startTime;
}

/**
 * One day of the month-end cadence, started every day by the month-end Schedule: it does the duties
 * that fall on the London day it stands for, under the working-day rule: reminding programme managers
 * of missing updates, running the cycle (escalating the updates still missing), chasing the return's
 * sign-off and escalating it when the deadline passed. Every duty is idempotent, so a day run twice
 * sends and keeps nothing twice.
 */
export async function monthEndTickWorkflow(): Promise<MonthEndTickResult> {
  const { dutiesOn, remindMissingUpdates, escalateMissingUpdates, escalateRedProgrammes, remindReturnSignOff, escalateReturnSignOff } = proxyActivities<ProgrammeActivities>(
    heartbeating(DUTY_OPTIONS),
  );
  const scheduledAt = scheduledTime();
  const day = londonDay(scheduledAt);
  const duties = await dutiesOn({ day });
  const result: MonthEndTickResult = {
    day,
    scheduledAt: scheduledAt.toISOString(),
    cycle: null,
    updateReminders: null,
    updateEscalations: null,
    returnReminder: null,
    returnEscalation: null,
  };
  if (duties.remindMissingUpdates !== null) {
    result.updateReminders = { period: duties.remindMissingUpdates, raised: await remindMissingUpdates({ period: duties.remindMissingUpdates }) };
  }
  if (duties.runCycle !== null) {
    const period = duties.runCycle;
    const summary = await executeChild(monthEndWorkflow, { workflowId: monthEndWorkflowId(period), args: [{ period }] });
    result.cycle = { period, highlightReports: summary.highlightReports.reports, collated: summary.collated.length, monthlyReturn: summary.monthlyReturn };
    result.updateEscalations = { period, raised: await escalateMissingUpdates({ period }) };
    // Ticks recorded before this escalated missing updates only.
    if (patched('escalate-red-programmes')) result.redProgrammes = { period, raised: await escalateRedProgrammes({ period }) };
  }
  if (duties.remindReturnSignOff !== null) {
    result.returnReminder = { period: duties.remindReturnSignOff, raised: await remindReturnSignOff({ period: duties.remindReturnSignOff }) };
  }
  if (duties.escalateReturnSignOff !== null) {
    result.returnEscalation = { period: duties.escalateReturnSignOff, raised: await escalateReturnSignOff({ period: duties.escalateReturnSignOff }) };
  }
  return result;
}
