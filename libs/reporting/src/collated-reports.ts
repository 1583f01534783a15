import type { FinancialPeriod, RagStatus } from '@pmo/domain';
import { asAtLabel } from './document';
import type { Block, ReportDocument } from './document';
import type { HighlightReport } from './highlight-report';

const RAG_ORDER: Record<RagStatus, number> = { Red: 0, Amber: 1, Green: 2 };

/** Red first, then Amber, then Green; by name within each, so the papers read worst news first. */
const worstFirst = (a: HighlightReport, b: HighlightReport) => RAG_ORDER[a.overall.status] - RAG_ORDER[b.overall.status] || a.programme.name.localeCompare(b.programme.name);

function countByRag(reports: readonly HighlightReport[]): string {
  const count = (status: RagStatus) => reports.filter((report) => report.overall.status === status).length;
  return `${reports.length} programme${reports.length === 1 ? '' : 's'}: ${count('Red')} Red, ${count('Amber')} Amber, ${count('Green')} Green`;
}

const missingUpdates = (reports: readonly HighlightReport[]) => reports.filter((report) => report.update === null);

/** Every programme of the period on one page, for the PMO and the directors: status, milestones, updates. */
export function portfolioSummaryDocument(period: FinancialPeriod, asAt: string, reports: readonly HighlightReport[], organisationNames: ReadonlyMap<string, string>): ReportDocument {
  const missing = missingUpdates(reports);
  return {
    title: `Portfolio summary, ${period.label}`,
    blocks: [
      { kind: 'caption', text: `Portfolio summary · ${period.label}` },
      { kind: 'heading', level: 1, text: 'Primary care transformation portfolio' },
      { kind: 'fields', fields: [['As at', asAtLabel(asAt)], ['Programmes', countByRag(reports)], ['Monthly updates missing', missing.length]] },
      reports.length === 0
        ? { kind: 'note', text: 'No programme ran in this period.' }
        : {
            kind: 'table',
            caption: 'Programmes, Red first',
            headings: ['Programme', 'Organisation', 'GPFV area', 'RAG', 'Delivery confidence', 'Direction', 'Milestones complete', 'Milestones Red', 'Update'],
            rows: [...reports].sort(worstFirst).map((report) => [
              report.programme.name,
              report.programme.organisation === null ? null : (organisationNames.get(report.programme.organisation) ?? report.programme.organisation),
              report.programme.gpfvArea,
              { status: report.overall.status },
              { status: report.overall.deliveryConfidence },
              report.overall.direction,
              `${report.milestones.filter((m) => m.status === 'Complete').length} of ${report.milestones.length}`,
              report.milestones.filter((m) => m.status === 'Red').length,
              { status: report.update === null ? 'Missing' : 'Received' },
            ]),
          },
      ...(missing.length === 0
        ? []
        : ([
            { kind: 'heading', level: 2, text: 'Monthly updates missing' },
            { kind: 'bullets', items: missing.map((report) => `${report.programme.name} (${report.programme.leadEmail})`) },
          ] as const)),
    ],
  };
}

/**
 * A committee paper for one organisation, in the shape of a CCG's Primary Care Commissioning Committee
 * "primary care update": a cover table, an introduction, a numbered section per programme with numbered
 * paragraphs, and the recommendation to note.
 */
export function monthlyUpdatePaperDocument(period: FinancialPeriod, asAt: string, organisation: { odsCode: string; name: string }, reports: readonly HighlightReport[]): ReportDocument {
  const ordered = [...reports].sort(worstFirst);
  const sections = ordered.flatMap((report, index): Block[] => {
    const number = index + 2;
    const paragraph = (n: number, text: string): Block => ({ kind: 'text', text: `${number}.${n} ${text}` });
    const red = report.milestones.filter((m) => m.status === 'Red' || m.status === 'Amber');
    return [
      { kind: 'heading', level: 2, text: `${number}. ${report.programme.name}`, status: report.overall.status },
      paragraph(1, `Status ${report.overall.status}; delivery confidence ${report.overall.deliveryConfidence}; direction of travel ${report.overall.direction}. Programme lead ${report.programme.leadEmail}.`),
      paragraph(2, report.update === null ? 'The monthly update for this period is missing and has been escalated to the programme lead.' : report.update.commentary),
      ...(report.update?.achievements ? [paragraph(3, `Achievements this period: ${report.update.achievements}`)] : []),
      ...(report.update?.nextPeriodPlans ? [paragraph(4, `Plans for next period: ${report.update.nextPeriodPlans}`)] : []),
      ...(red.length === 0
        ? [paragraph(5, 'All milestones are complete or on track.')]
        : [
            paragraph(5, 'Milestones needing the Committee’s attention:'),
            {
              kind: 'table',
              caption: `${report.programme.name}: milestones at Amber or Red`,
              headings: ['Milestone', 'Baseline', 'Forecast', 'Variance (working days)', 'Status'],
              rows: red.map((m) => [m.name, m.baselineDate, m.forecastDate, m.varianceWorkingDays, { status: m.status }]),
            } as const,
          ]),
      ...(report.topRisksAndIssues.length === 0
        ? []
        : [paragraph(6, `Top risks and issues: ${report.topRisksAndIssues.map((r) => `${r.title} (score ${r.score})`).join('; ')}.`)]),
      ...(report.decisionsNeeded.length === 0 ? [] : [paragraph(7, `Decisions needed: ${report.decisionsNeeded.map((d) => d.title).join('; ')}.`)]),
    ];
  });
  const last = ordered.length + 2;
  return {
    title: `${organisation.name}: primary care programmes monthly update, ${period.label}`,
    blocks: [
      { kind: 'caption', text: `${organisation.name} · Primary Care Commissioning Committee` },
      { kind: 'heading', level: 1, text: 'Primary care programmes: monthly update' },
      {
        kind: 'fields',
        fields: [
          ['Period', period.label],
          ['As at', asAtLabel(asAt)],
          ['Purpose of report', 'The report provides an update on the delivery of the primary care transformation programmes.'],
          ['Recommendation', 'The Committee is asked to note the report.'],
        ],
      },
      { kind: 'heading', level: 2, text: '1. Introduction' },
      { kind: 'text', text: `1.1 The purpose of this report is to provide assurance on the programmes that deliver the General Practice Forward View in ${organisation.name} (${organisation.odsCode}).` },
      { kind: 'text', text: `1.2 It covers ${countByRag(reports)}. ${missingUpdates(reports).length} monthly update(s) are missing.` },
      ...sections,
      { kind: 'heading', level: 2, text: `${last}. Recommendation` },
      { kind: 'text', text: `${last}.1 The Committee is asked to note the report.` },
    ],
  };
}
