import { resolve } from 'node:path';
import type { ProgrammePlanRecord } from '@pmo/application';
import { assessProgramme, DEFAULT_RULE_SETTINGS, endOfLondonDay, financialPeriod, overdueFrom, WorkingCalendar } from '@pmo/domain';
import { golden } from '../../../test/support/golden';
import { buildHighlightReport } from './highlight-report';
import { renderHtml, renderMarkdown } from './document';
import { highlightReportDocument } from './highlight-report.document';

const calendar = new WorkingCalendar(['2017-12-25', '2017-12-26', '2018-01-01', '2018-03-30', '2018-04-02']);

const milestone = (ref: string, name: string, baselineDate: string, forecastDate: string, actualDate: string | null, kind: 'delivery' | 'governance-gate' = 'delivery') => ({
  id: `00000000-0000-4000-8000-0000000000${ref.slice(1)}`,
  ref,
  name,
  kind,
  ownerEmail: 'lead@dorset.nhs.example',
  baselineDate,
  forecastDate,
  actualDate,
  dueAt: overdueFrom(forecastDate).toISOString(),
  completedAt: actualDate === null ? null : endOfLondonDay(actualDate).toISOString(),
  confirmedAt: null,
  phase: null,
  predecessors: [],
  acceptedOverlap: false,
  evidence: null,
  baselines: [{ version: 1, baselineDate, reason: null, approvedBy: null, recordedAt: '2017-10-01T09:00:00.000Z' }],
  forecasts: [{ forecastDate, dueAt: overdueFrom(forecastDate).toISOString(), recordedAt: '2017-10-01T09:00:00.000Z', knownAt: null }],
});

/** Dorset's extended access procurement as it stood at the end of January 2018. */
const plan: ProgrammePlanRecord = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Extended access procurement | Dorset',
  leadEmail: 'lead@dorset.nhs.example',
  managerEmail: 'manager@dorset.nhs.example',
  sroEmail: 'sro@dorset.nhs.example',
  pmoEmails: [],
  organisationOdsCode: '11J',
  gpfvArea: 'improving-access',
  startDate: '2017-10-01',
  endDate: '2019-03-31',
  tolerances: { amberSlipWorkingDays: 5, redSlipWorkingDays: 15, amberBelowPlanPercent: 5, redBelowPlanPercent: 15 },
  rules: { warningWorkingDays: 5, dataDeadlineWorkingDays: 5, noDataRedWorkingDays: 10, rollUp: 'worst-of' },
  confidenceOverride: null,
  closure: null,
  template: { id: 'dorset-extended-access-procurement', version: 1 },
  phases: [],
  milestones: [
    milestone('M01', 'Tender documents finalised', '2017-10-31', '2017-10-31', '2017-10-30'),
    milestone('M02', 'Governing Body approval', '2017-11-30', '2017-11-30', '2017-11-29', 'governance-gate'),
    milestone('M03', 'Advert out', '2018-01-31', '2018-02-14', null),
    milestone('M04', 'Provider interviews', '2018-05-31', '2018-05-31', null),
  ],
  trajectories: [
    {
      ref: 'T01',
      metric: 'extended-access-population-coverage',
      name: 'Registered population with extended access',
      unit: 'percent',
      basis: 'registered-population-percent',
      plan: [{ month: '2018-01', plannedValue: 0 }],
      actuals: [],
    },
  ],
  raid: [
    { ref: 'R01', type: 'risk', title: 'Too few providers bid', description: null, ownerEmail: 'lead@dorset.nhs.example', likelihood: 3, impact: 4, mitigation: 'Market engagement event', reviewDate: '2018-02-28', status: 'open' },
    { ref: 'R02', type: 'issue', title: 'Evening GP cover thin in West Dorset', description: null, ownerEmail: null, likelihood: null, impact: 3, mitigation: null, reviewDate: null, status: 'open' },
    { ref: 'D01', type: 'decision', title: 'Lot structure: one county-wide lot or three cluster lots', description: null, ownerEmail: 'sro@dorset.nhs.example', likelihood: null, impact: null, mitigation: null, reviewDate: null, status: 'open' },
  ],
  funding: [{ ref: 'F01', name: 'Extended access (£3.34 a head)', financialYear: '2018/19', budgetPence: 255_176_000, spendPence: 0 }],
  monthlyUpdates: [
    {
      month: '2018-01',
      commentary: 'The advert slipped two weeks while the lot structure was settled.',
      achievements: 'Evaluation panel agreed.',
      nextPeriodPlans: 'Publish the contract notice.',
      authorEmail: 'pm@dorset.nhs.example',
      updatedAt: '2018-02-02T10:00:00.000Z',
    },
  ],
};

describe('highlight report', () => {
  const asAt = endOfLondonDay('2018-01-31');
  const assessment = assessProgramme(
    {
      milestones: plan.milestones.map((m) => ({ id: m.id, name: m.name, baselineDate: m.baselineDate, forecastDate: m.forecastDate, dueAt: m.dueAt, completedAt: m.completedAt, confirmedAt: null, predecessorIds: [] })),
      trajectories: [{ ref: 'T01', name: 'Registered population with extended access', unit: '% of registered population', months: [{ month: '2018-01', planned: 0, actual: null }] }],
      confidenceOverride: null,
    },
    asAt,
    { ...DEFAULT_RULE_SETTINGS, calendar, tolerances: plan.tolerances },
  );
  const report = buildHighlightReport(plan, assessment, financialPeriod('2018-01'), [{ ref: 'T01', months: [{ month: '2018-01', planned: 0, actual: null }] }], calendar);

  it('holds the period, status, milestones with working-day variance, top risks and finance', () => {
    expect(report.period.label).toBe('M10 2017/18 (January 2018)');
    expect(report.milestones.map((m) => [m.ref, m.varianceWorkingDays, m.status])).toEqual([
      ['M01', -1, 'Complete'],
      ['M02', -1, 'Complete'],
      ['M03', 10, 'Amber'],
      ['M04', 0, 'Green'],
    ]);
    expect(report.topRisksAndIssues.map((item) => [item.ref, item.score])).toEqual([
      ['R01', 12],
      ['R02', 3],
    ]);
    expect(report.decisionsNeeded).toEqual([{ ref: 'D01', title: 'Lot structure: one county-wide lot or three cluster lots', ownerEmail: 'sro@dorset.nhs.example' }]);
  });

  it('renders as the golden Markdown', () => {
    const markdown = renderMarkdown(highlightReportDocument(report));
    expect(markdown).toBe(golden(resolve(__dirname, 'golden/highlight-report.md'), markdown));
    expect(markdown).toContain('# Extended access procurement | Dorset');
    expect(markdown).toContain('£2,551,760.00');
  });

  it('renders as the golden HTML page in the NHS.UK styles, with the trajectory drawn', () => {
    const html = renderHtml(highlightReportDocument(report));
    expect(html).toBe(golden(resolve(__dirname, 'golden/highlight-report.html'), html));
    expect(html).toContain('<link rel="stylesheet" href="assets/nhsuk-frontend.min.css">');
    expect(html).toContain('<strong class="nhsuk-tag nhsuk-tag--yellow">Amber</strong>');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('Extended access procurement | Dorset');
  });

  it('escapes what people typed, so an update cannot inject markup', () => {
    const typed = { ...report, update: { commentary: '<script>alert(1)</script> & "more"', achievements: '', nextPeriodPlans: '', authorEmail: 'pm@x.nhs.example' } };
    const html = renderHtml(highlightReportDocument(typed));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
  });
});
