import type { Located, ParsedWorkbook, ProgrammeWorkbook } from '../programme-workbook';

/**
 * A plan with every column filled somewhere, null cells elsewhere, and the text that trips spreadsheets:
 * a would-be formula, a leading @, + and -, an apostrophe already in place, a comma, a quote and a line break.
 */
export const fullWorkbook: ProgrammeWorkbook = {
  milestones: [
    {
      ref: 'M1',
      name: '=SUM(A1)',
      kind: 'governance-gate',
      phase: 'Procurement',
      baselineDate: '2018-01-15',
      forecastDate: '2018-01-22',
      actualDate: '2018-01-20',
      ownerEmail: 'jane.smith@nhs.net',
      predecessors: [],
      acceptedOverlap: false,
      evidence: 'Board minutes, item 4',
      rebaselineReason: 'Bidder clarification "round two"',
      rebaselineApprover: 'Dr A Patel',
    },
    {
      ref: 'M2',
      name: 'Contract award',
      kind: 'decision',
      phase: null,
      baselineDate: '2018-02-28',
      forecastDate: '2018-03-05',
      actualDate: null,
      ownerEmail: 'raj.kumar@nhs.net',
      predecessors: ['M1', 'M3.b'],
      // Due before M3.b finishes: an overlap the programme accepts.
      acceptedOverlap: true,
      evidence: null,
      rebaselineReason: null,
      rebaselineApprover: null,
    },
    {
      ref: 'M3.b',
      name: 'Go live\nacross all hubs',
      kind: 'delivery',
      phase: 'Mobilisation',
      baselineDate: '2018-04-01',
      forecastDate: '2018-04-01',
      actualDate: null,
      ownerEmail: 'hub.lead@dorsetccg.nhs.uk',
      predecessors: ['M1'],
      acceptedOverlap: false,
      evidence: '-5 practices still to sign',
      rebaselineReason: null,
      rebaselineApprover: null,
    },
  ],
  trajectoryPlan: [
    {
      trajectoryRef: 'T1',
      metric: 'extended-access-coverage',
      name: 'Population with extended access',
      unit: '%',
      basis: 'registered-population-percent',
      month: '2018-01',
      plannedValue: 12.5,
    },
    {
      trajectoryRef: 'T1',
      metric: 'extended-access-coverage',
      name: 'Population with extended access',
      unit: '%',
      basis: 'registered-population-percent',
      month: '2018-02',
      plannedValue: 0.1 + 0.2,
    },
    {
      trajectoryRef: 'T2',
      metric: 'gpfv-investment',
      name: 'GP Forward View investment',
      unit: 'pence',
      basis: 'money-pence',
      month: '2018-01',
      plannedValue: 1_500_000_00,
    },
  ],
  trajectoryActuals: [
    { trajectoryRef: 'T1', month: '2018-01', odsCode: 'J81001', value: 11.75 },
    { trajectoryRef: 'T1', month: '2018-01', odsCode: 'J81002', value: 0 },
  ],
  raid: [
    {
      ref: 'R1',
      type: 'risk',
      title: '@risk: estates capacity',
      description: 'Too few consulting rooms at the hub sites',
      ownerEmail: 'estates@dorsetccg.nhs.uk',
      likelihood: 4,
      impact: 5,
      mitigation: '+2 rooms from the community trust',
      reviewDate: '2018-02-01',
      status: 'open',
    },
    {
      ref: 'I1',
      type: 'issue',
      title: "'=already quoted",
      description: null,
      ownerEmail: null,
      likelihood: null,
      impact: 3,
      mitigation: null,
      reviewDate: null,
      status: 'closed',
    },
  ],
};

/** The rows as a reader gives them back: in order, from spreadsheet row 2. */
export function located<Row>(rows: readonly Row[]): Located<Row>[] {
  return rows.map((row, index) => ({ ...row, rowNumber: index + 2 }));
}

export const fullWorkbookParsed: ParsedWorkbook = {
  milestones: located(fullWorkbook.milestones),
  trajectoryPlan: located(fullWorkbook.trajectoryPlan),
  trajectoryActuals: located(fullWorkbook.trajectoryActuals),
  raid: located(fullWorkbook.raid),
};
