import { proxyActivities } from '@temporalio/workflow';
import type { MonthEndInput, MonthEndSummary, ProgrammeActivities } from '@pmo/contracts';

const { listProgrammesForPeriod, makeHighlightReport } = proxyActivities<ProgrammeActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Programmes reported on at once: enough to keep the worker busy, few enough not to swamp PostgreSQL. */
const CONCURRENCY = 10;

/**
 * The month-end cycle for a period: every programme running in it gets its highlight report, made
 * as at the period's end and kept once, so running the period again changes nothing.
 */
export async function monthEndWorkflow(input: MonthEndInput): Promise<MonthEndSummary> {
  const programmeIds = await listProgrammesForPeriod(input);
  const reports: MonthEndSummary['reports'] = [];
  for (let start = 0; start < programmeIds.length; start += CONCURRENCY) {
    const batch = programmeIds.slice(start, start + CONCURRENCY);
    const made = await Promise.all(batch.map((programmeId) => makeHighlightReport({ ...input, programmeId })));
    made.forEach((report, index) => reports.push({ programmeId: batch[index], ...report }));
  }
  return { period: input.period, reports };
}
