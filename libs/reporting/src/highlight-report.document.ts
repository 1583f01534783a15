import { asAtLabel, formatPence } from './document';
import type { Block, ReportDocument } from './document';
import type { HighlightReport } from './highlight-report';
import { renderTrajectoryChart } from './trajectory-chart';

/** The highlight report's content, in the order a PRINCE2/MSP highlight report gives it. */
export function highlightReportDocument(report: HighlightReport): ReportDocument {
  const { programme, overall, update } = report;
  const trajectories: Block[] = report.trajectories.flatMap((trajectory): Block[] => [
    { kind: 'heading', level: 3, text: `${trajectory.name} (${trajectory.basis})`, status: trajectory.status },
    ...(trajectory.months.length === 0
      ? [{ kind: 'note', text: 'No months to report yet.' } as const]
      : [
          { kind: 'figure', svg: renderTrajectoryChart(trajectory.name, trajectory.months, trajectory.basis.endsWith('-percent')) } as const,
          { kind: 'table', caption: `${trajectory.name}: plan and actual by month`, headings: ['Month', 'Plan', 'Actual'], rows: trajectory.months.map((m) => [m.month, m.planned, m.actual]) } as const,
        ]),
  ]);
  return {
    title: `Highlight report: ${programme.name}, ${report.period.label}`,
    blocks: [
      { kind: 'caption', text: `Highlight report · ${report.period.label}` },
      { kind: 'heading', level: 1, text: programme.name },
      {
        kind: 'fields',
        fields: [
          ['As at', asAtLabel(report.asAt)],
          ['Organisation', programme.organisation],
          ['GPFV area', programme.gpfvArea],
          ['Programme lead', programme.leadEmail],
          ['Programme manager', programme.managerEmail],
          ['SRO', programme.sroEmail],
        ],
      },
      { kind: 'heading', level: 2, text: 'Overall status' },
      {
        kind: 'table',
        caption: 'RAG, delivery confidence and direction of travel',
        headings: ['RAG', 'Delivery confidence', 'Direction of travel'],
        rows: [[{ status: overall.status }, { status: overall.deliveryConfidence }, `${overall.direction}${overall.overridden ? ' (confidence overridden)' : ''}`]],
      },
      { kind: 'bullets', items: overall.reasons },
      { kind: 'heading', level: 2, text: 'Summary' },
      update === null
        ? { kind: 'warning', title: 'Update missing', text: 'The monthly update for this period is missing.' }
        : { kind: 'text', text: update.commentary },
      ...(update === null ? [] : [{ kind: 'note', text: `Update by ${update.authorEmail}.` } as const]),
      { kind: 'heading', level: 2, text: 'Achievements this period' },
      update?.achievements ? { kind: 'text', text: update.achievements } : { kind: 'note', text: 'None recorded.' },
      { kind: 'heading', level: 2, text: 'Plans for next period' },
      update?.nextPeriodPlans ? { kind: 'text', text: update.nextPeriodPlans } : { kind: 'note', text: 'None recorded.' },
      { kind: 'heading', level: 2, text: 'Milestones' },
      {
        kind: 'table',
        caption: 'Milestones: baseline, forecast and actual dates',
        headings: ['Ref', 'Milestone', 'Baseline', 'Forecast', 'Actual', 'Variance (working days)', 'Status'],
        rows: report.milestones.map((m) => [m.ref, m.name, m.baselineDate, m.forecastDate, m.actualDate, m.varianceWorkingDays, { status: m.status }]),
      },
      { kind: 'heading', level: 2, text: 'Trajectories' },
      ...trajectories,
      { kind: 'heading', level: 2, text: 'Top risks and issues' },
      report.topRisksAndIssues.length === 0
        ? { kind: 'note', text: 'None open.' }
        : {
            kind: 'table',
            caption: 'Open risks and issues, highest score first (likelihood × impact; an issue by its impact)',
            headings: ['Ref', 'Type', 'Title', 'Score', 'Owner', 'Mitigation'],
            rows: report.topRisksAndIssues.map((r) => [r.ref, r.type, r.title, r.score, r.ownerEmail, r.mitigation]),
          },
      { kind: 'heading', level: 2, text: 'Decisions and escalations needed' },
      report.decisionsNeeded.length === 0
        ? { kind: 'note', text: 'None.' }
        : { kind: 'bullets', items: report.decisionsNeeded.map((d) => `${d.ref}: ${d.title}${d.ownerEmail ? ` (${d.ownerEmail})` : ''}`) },
      { kind: 'heading', level: 2, text: 'Finance' },
      report.finance.length === 0
        ? { kind: 'note', text: 'No funding lines.' }
        : {
            kind: 'table',
            caption: 'Budget against spend',
            headings: ['Funding line', 'Financial year', 'Budget', 'Spend', 'Remaining'],
            rows: report.finance.map((f) => [f.name, f.financialYear, formatPence(f.budgetPence), formatPence(f.spendPence), formatPence(f.budgetPence - f.spendPence)]),
          },
    ],
  };
}
