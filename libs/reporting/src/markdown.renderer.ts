import type { HighlightReport } from './highlight-report';

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Pence as pounds, the way a board paper shows money. */
export function formatPence(pence: number): string {
  return POUNDS.format(pence / 100);
}

/** A table cell: pipes and line breaks would break the table. */
function cell(text: string | number | null): string {
  return text === null ? '' : String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(headings: string[], rows: (string | number | null)[][]): string {
  return [`| ${headings.join(' | ')} |`, `|${headings.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

/** The highlight report as Markdown, for papers and for reading in a repository or an email. */
export function renderHighlightReportMarkdown(report: HighlightReport): string {
  const { programme, overall, update } = report;
  const sections = [
    `# Highlight report: ${programme.name}`,
    `**Period:** ${report.period.label} · **As at:** ${report.asAt} · **Organisation:** ${programme.organisation ?? 'not set'} · **GPFV area:** ${programme.gpfvArea ?? 'not set'}`,
    `**Programme lead:** ${programme.leadEmail} · **SRO:** ${programme.sroEmail ?? 'not set'}`,
    `## Overall status`,
    table(
      ['RAG', 'Delivery confidence', 'Direction of travel'],
      [[overall.status, `${overall.deliveryConfidence}${overall.overridden ? ' (overridden)' : ''}`, overall.direction]],
    ),
    overall.reasons.map((reason) => `- ${reason}`).join('\n'),
    `## Summary`,
    update === null ? '_The monthly update for this period is missing._' : `${update.commentary}\n\n_Update by ${update.authorEmail}._`,
    `## Achievements this period`,
    update?.achievements || '_None recorded._',
    `## Plans for next period`,
    update?.nextPeriodPlans || '_None recorded._',
    `## Milestones`,
    table(
      ['Ref', 'Milestone', 'Baseline', 'Forecast', 'Actual', 'Variance (working days)', 'Status'],
      report.milestones.map((m) => [m.ref, m.name, m.baselineDate, m.forecastDate, m.actualDate, m.varianceWorkingDays, m.status]),
    ),
    `## Trajectories`,
    ...report.trajectories.map((trajectory) =>
      [
        `### ${trajectory.name} (${trajectory.basis}): ${trajectory.status}`,
        trajectory.months.length === 0 ? '_No months to report yet._' : table(['Month', 'Plan', 'Actual'], trajectory.months.map((m) => [m.month, m.planned, m.actual])),
      ].join('\n\n'),
    ),
    `## Top risks and issues`,
    report.topRisksAndIssues.length === 0
      ? '_None open._'
      : table(['Ref', 'Type', 'Title', 'Score', 'Owner', 'Mitigation'], report.topRisksAndIssues.map((r) => [r.ref, r.type, r.title, r.score, r.ownerEmail, r.mitigation])),
    `## Decisions and escalations needed`,
    report.decisionsNeeded.length === 0 ? '_None._' : report.decisionsNeeded.map((d) => `- ${d.ref}: ${d.title}${d.ownerEmail ? ` (${d.ownerEmail})` : ''}`).join('\n'),
    `## Finance`,
    report.finance.length === 0
      ? '_No funding lines._'
      : table(['Funding line', 'Financial year', 'Budget', 'Spend', 'Remaining'], report.finance.map((f) => [f.name, f.financialYear, formatPence(f.budgetPence), formatPence(f.spendPence), formatPence(f.budgetPence - f.spendPence)])),
  ];
  return `${sections.join('\n\n')}\n`;
}
