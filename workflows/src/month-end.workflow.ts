import { patched, proxyActivities } from '@temporalio/workflow';
import type { MonthEndInput, MonthEndSummary, ProgrammeActivities } from '@pmo/contracts';

const { listProgrammesForPeriod, makeHighlightReport } = proxyActivities<ProgrammeActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The collated papers and the return read every programme of the period, so they get longer. */
const { makeCollatedReports, makeMonthlyReturn } = proxyActivities<ProgrammeActivities>({
  startToCloseTimeout: '20 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

/** Programmes reported on at once: enough to keep the worker busy, few enough not to swamp PostgreSQL. */
const CONCURRENCY = 10;

/**
 * The month-end cycle for a period: every programme running in it gets its highlight report, made
 * as at the period's end and kept once; then the portfolio summary and each organisation's committee
 * paper; then the first version of the NHS England return. Running the period again changes nothing.
 */
export async function monthEndWorkflow(input: MonthEndInput): Promise<MonthEndSummary> {
  const programmeIds = await listProgrammesForPeriod(input);
  const highlightReports: MonthEndSummary['highlightReports'] = [];
  for (let start = 0; start < programmeIds.length; start += CONCURRENCY) {
    const batch = programmeIds.slice(start, start + CONCURRENCY);
    const made = await Promise.all(batch.map((programmeId) => makeHighlightReport({ ...input, programmeId })));
    made.forEach((reports, index) => highlightReports.push({ programmeId: batch[index], reports }));
  }
  // Cycles recorded before the papers and the return made highlight reports only.
  if (!patched('month-end-papers-and-return')) return { period: input.period, highlightReports, collated: [], monthlyReturn: null };
  const collated = await makeCollatedReports(input);
  const monthlyReturn = await makeMonthlyReturn(input);
  return { period: input.period, highlightReports, collated, monthlyReturn };
}
