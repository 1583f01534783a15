import fc from 'fast-check';
import { DEFAULT_RULE_SETTINGS } from './assessment-settings';
import type { AssessmentSettings } from './assessment-settings';
import { overdueFrom } from './london-time';
import type { MilestoneRecord } from './milestone-assessment';
import { assessProgramme } from './programme-assessment';
import { severity } from './rag-status';
import { WorkingCalendar } from './working-calendar';

const settings: AssessmentSettings = {
  ...DEFAULT_RULE_SETTINGS,
  calendar: new WorkingCalendar(['2017-12-25', '2017-12-26', '2018-01-01']),
  tolerances: { amberSlipWorkingDays: 5, redSlipWorkingDays: 15, amberBelowPlanPercent: 5, redBelowPlanPercent: 15 },
};

const milestone = (id: string, forecastDate: string, completedAt: string | null = null): MilestoneRecord => ({
  id,
  name: id,
  baselineDate: forecastDate,
  forecastDate,
  dueAt: overdueFrom(forecastDate).toISOString(),
  completedAt,
  confirmedAt: null,
  predecessorIds: [],
});

const plan = {
  milestones: [
    milestone('Tender documents finalised', '2017-10-31', '2017-10-30T12:00:00.000Z'),
    milestone('Governing Body approval', '2017-11-30'),
    milestone('Advert out', '2018-01-31'),
  ],
  trajectories: [
    {
      ref: 'T01',
      name: 'Population covered',
      unit: '% of registered population',
      months: [
        { month: '2017-10', planned: 10, actual: 9.8 },
        { month: '2017-11', planned: 20, actual: 15 },
        { month: '2017-12', planned: 30, actual: null },
      ],
    },
  ],
  confidenceOverride: null,
};

describe('programme rules', () => {
  it('rolls up worst-of, explains itself and names the next boundary', () => {
    const result = assessProgramme(plan, new Date('2017-11-01T09:00:00Z'), settings);
    expect(result.status).toBe('Green');
    expect(result.trajectories[0].status).toBe('Green');
    expect(result.nextBoundaryAt).toBe('2017-11-01T00:00:00.000Z' < result.asAt ? result.nextBoundaryAt : null);
  });

  it('turns Red on an overdue milestone, with direction of travel and a suggested delivery confidence', () => {
    const result = assessProgramme(plan, new Date('2017-12-05T12:00:00Z'), settings);
    expect(result.status).toBe('Red');
    expect(result.reasons).toEqual(["milestone 'Governing Body approval' 3 working days overdue (due 2017-11-30)", expect.stringContaining("trajectory 'Population covered' 2017-11: 15")]);
    expect(result.directionOfTravel).toEqual({ direction: 'worsening', lastMonth: 'Amber', lastMonthEnd: '2017-11-30' });
    expect(result.deliveryConfidence).toEqual({ value: 'Red', suggested: 'Red', overridden: false, reasons: ['suggested Red from 2 Red and 0 Amber tolerance breaches'] });
  });

  it('judges a missing actual Amber after its data deadline, then Red', () => {
    const amber = assessProgramme(plan, new Date('2018-01-10T09:00:00Z'), settings).trajectories[0].months[2];
    expect(amber).toEqual({ month: '2017-12', status: 'Amber', reasons: ["trajectory 'Population covered' 2017-12: no data, due by 2018-01-08"] });
    expect(assessProgramme(plan, new Date('2018-01-16T09:00:00Z'), settings).trajectories[0].months[2].status).toBe('Red');
    expect(assessProgramme(plan, new Date('2018-01-03T09:00:00Z'), settings).trajectories[0].months[2].status).toBe('Pending');
    const nothingPlanned = { ...plan.trajectories[0], months: [{ month: '2017-12', planned: 0, actual: null }] };
    expect(assessProgramme({ ...plan, trajectories: [nothingPlanned] }, new Date('2018-01-16T09:00:00Z'), settings).trajectories[0].status).toBe('Pending');
  });

  it('shows a manual delivery confidence override until it expires', () => {
    const overridden = { ...plan, confidenceOverride: { confidence: 'Amber' as const, reason: 'Approval slot booked for 7 December', setBy: 'pmo@nhs.example', expiresOn: '2017-12-08' } };
    expect(assessProgramme(overridden, new Date('2017-12-05T12:00:00Z'), settings).deliveryConfidence).toEqual({
      value: 'Amber',
      suggested: 'Red',
      overridden: true,
      reasons: ['overridden to Amber by pmo@nhs.example until 2017-12-08: Approval slot booked for 7 December', 'suggested Red from 2 Red and 0 Amber tolerance breaches'],
    });
    expect(assessProgramme(overridden, new Date('2017-12-09T12:00:00Z'), settings).deliveryConfidence.overridden).toBe(false);
  });

  it('can leave trajectories out of the roll-up', () => {
    const delivered = { ...plan, milestones: plan.milestones.map((m) => ({ ...m, completedAt: '2017-10-30T12:00:00.000Z' })) };
    const asAt = new Date('2017-12-05T12:00:00Z');
    expect(assessProgramme(delivered, asAt, settings).status).toBe('Red');
    const milestonesOnly = assessProgramme(delivered, asAt, { ...settings, rollUp: 'milestones-only' });
    expect(milestonesOnly.status).toBe('Green');
    expect(milestonesOnly.trajectories[0].status).toBe('Red');
  });
});

describe('programme laws', () => {
  const day = fc.integer({ min: 0, max: 500 }).map((offset) => new Date(Date.UTC(2017, 3, 3) + offset * 86_400_000).toISOString().slice(0, 10));
  const instant = fc.integer({ min: Date.UTC(2017, 3, 1), max: Date.UTC(2019, 0, 1) });
  const milestones = fc.array(fc.record({ forecast: day, completed: fc.option(instant, { nil: null }) }), { minLength: 1, maxLength: 12 }).map((rows) =>
    rows.map((row, index) => milestone(`m${index}`, row.forecast, row.completed === null ? null : new Date(row.completed).toISOString())),
  );

  it('a worst-of roll-up is never better than its worst part', () => {
    fc.assert(
      fc.property(milestones, instant, (records, asAt) => {
        const result = assessProgramme({ milestones: records, trajectories: plan.trajectories, confidenceOverride: null }, new Date(asAt), settings);
        const parts = [...result.milestones.map((m) => m.status), ...result.trajectories.flatMap((t) => (t.status === 'Pending' ? [] : [t.status]))];
        return parts.every((part) => severity(result.status) >= severity(part));
      }),
    );
  });

  it('the status as at an instant ignores every completion recorded after it', () => {
    fc.assert(
      fc.property(milestones, instant, fc.integer({ min: 1, max: 10 ** 10 }), (records, asAt, after) => {
        const withLater = records.map((record, index) => (index % 2 === 0 ? { ...record, completedAt: new Date(asAt + after).toISOString() } : record));
        const withoutThem = records.map((record, index) => (index % 2 === 0 ? { ...record, completedAt: null } : record));
        const status = (ms: MilestoneRecord[]) => {
          const result = assessProgramme({ milestones: ms, trajectories: [], confidenceOverride: null }, new Date(asAt), settings);
          return JSON.stringify([result.status, result.reasons, result.milestones, result.deliveryConfidence]);
        };
        return status(withLater) === status(withoutThem);
      }),
    );
  });
});
