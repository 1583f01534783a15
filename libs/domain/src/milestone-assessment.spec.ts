import fc from 'fast-check';
import { DEFAULT_RULE_SETTINGS } from './assessment-settings';
import type { AssessmentSettings } from './assessment-settings';
import { overdueFrom } from './london-time';
import { assessMilestones } from './milestone-assessment';
import type { MilestoneRecord } from './milestone-assessment';
import { severity } from './rag-status';
import { WorkingCalendar } from './working-calendar';

// England and Wales bank holidays of 2018, enough for these cases.
const calendar = new WorkingCalendar(['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26']);
const settings: AssessmentSettings = {
  ...DEFAULT_RULE_SETTINGS,
  calendar,
  tolerances: { amberSlipWorkingDays: 5, redSlipWorkingDays: 15, amberBelowPlanPercent: 5, redBelowPlanPercent: 15 },
};

function milestone(overrides: Partial<MilestoneRecord> = {}): MilestoneRecord {
  const forecastDate = overrides.forecastDate ?? '2018-01-31';
  return {
    id: 'm1',
    name: 'Advert out',
    baselineDate: '2018-01-31',
    forecastDate,
    dueAt: overdueFrom(forecastDate).toISOString(),
    completedAt: null,
    confirmedAt: null,
    predecessorIds: [],
    ...overrides,
  };
}
const at = (iso: string) => new Date(iso);
const only = (record: MilestoneRecord, asAt: Date) => assessMilestones([record], asAt, settings)[0];

describe('milestone rules', () => {
  it('is Green on track, saying when it is due in working days', () => {
    expect(only(milestone(), at('2018-01-10T09:00:00Z'))).toEqual({
      milestoneId: 'm1',
      status: 'Green',
      overdue: false,
      awaitingConfirmation: false,
      reasons: ["milestone 'Advert out' on track, due 2018-01-31 in 15 working days"],
    });
  });

  it('is Amber inside the warning window without the owner’s confirmation, and Green once confirmed', () => {
    expect(only(milestone(), at('2018-01-25T09:00:00Z')).reasons).toEqual([
      "milestone 'Advert out' is due in 4 working days (2018-01-31) without its owner's confirmation",
    ]);
    expect(only(milestone(), at('2018-01-25T09:00:00Z')).awaitingConfirmation).toBe(true);
    expect(only(milestone({ confirmedAt: '2018-01-24T10:00:00Z' }), at('2018-01-25T09:00:00Z'))).toEqual(expect.objectContaining({ status: 'Green', awaitingConfirmation: false }));
    // A confirmation given before the window opened does not count for it.
    expect(only(milestone({ confirmedAt: '2018-01-02T10:00:00Z' }), at('2018-01-25T09:00:00Z')).status).toBe('Amber');
  });

  it('is Amber when the forecast slips within tolerance and Red beyond it', () => {
    expect(only(milestone({ forecastDate: '2018-02-12' }), at('2018-01-10T09:00:00Z'))).toEqual(
      expect.objectContaining({ status: 'Amber', reasons: [expect.stringContaining('8 working days after its baseline 2018-01-31, within the Red tolerance of 15')] }),
    );
    expect(only(milestone({ forecastDate: '2018-02-28' }), at('2018-01-10T09:00:00Z')).status).toBe('Red');
  });

  it('is Red and overdue from its due instant, counting working days', () => {
    const result = only(milestone(), at('2018-02-16T12:00:00Z'));
    expect(result).toEqual({ milestoneId: 'm1', status: 'Red', overdue: true, awaitingConfirmation: false, reasons: ["milestone 'Advert out' 12 working days overdue (due 2018-01-31)"] });
  });

  it('is Red when a predecessor is Red', () => {
    const tender = milestone({ id: 'm0', name: 'Tender documents finalised', baselineDate: '2018-01-05', forecastDate: '2018-01-05' });
    const advert = milestone({ predecessorIds: ['m0'] });
    const [first, second] = assessMilestones([tender, advert], at('2018-01-10T09:00:00Z'), settings);
    expect(first.status).toBe('Red');
    expect(second).toEqual(expect.objectContaining({ status: 'Red', overdue: false, reasons: ["milestone 'Advert out' depends on milestone 'Tender documents finalised', which is Red"] }));
  });

  it('is Complete once completed, saying how late against its baseline', () => {
    expect(only(milestone({ completedAt: '2018-02-02T12:00:00Z' }), at('2018-03-01T00:00:00Z')).reasons).toEqual([
      "milestone 'Advert out' completed on 2018-02-02, 2 working days after its baseline",
    ]);
  });
});

describe('milestone laws', () => {
  const day = fc.integer({ min: 0, max: 700 }).map((offset) => new Date(Date.UTC(2017, 0, 2) + offset * 86_400_000).toISOString().slice(0, 10));
  const instant = fc.integer({ min: Date.UTC(2017, 0, 1), max: Date.UTC(2019, 6, 1) });
  const record = fc.record({ baseline: day, forecast: day, confirmed: fc.option(instant, { nil: null }) }).map(({ baseline, forecast, confirmed }) =>
    milestone({ baselineDate: baseline, forecastDate: forecast, dueAt: overdueFrom(forecast).toISOString(), confirmedAt: confirmed === null ? null : new Date(confirmed).toISOString() }),
  );

  it('completing a milestone never worsens its status', () => {
    fc.assert(
      fc.property(record, instant, instant, (open, completion, asAt) => {
        const completed = { ...open, completedAt: new Date(completion).toISOString() };
        return severity(only(completed, new Date(asAt)).status) <= severity(only(open, new Date(asAt)).status);
      }),
    );
  });

  it('more slip never improves it: a later forecast, not yet due, is never judged better', () => {
    fc.assert(
      fc.property(record, fc.integer({ min: 0, max: 60 }), instant, (earlier, extraDays, asAtMs) => {
        const asAt = new Date(asAtMs);
        fc.pre(Date.parse(earlier.dueAt) > asAtMs);
        const laterForecast = new Date(Date.parse(`${earlier.forecastDate}T00:00:00Z`) + extraDays * 86_400_000).toISOString().slice(0, 10);
        const later = { ...earlier, forecastDate: laterForecast, dueAt: overdueFrom(laterForecast).toISOString() };
        const beforeWindow = (m: MilestoneRecord) => calendar.addWorkingDays(m.forecastDate, -settings.warningWorkingDays) > asAt.toISOString().slice(0, 10);
        // The warning window is about nearness, not slip: compare both outside it, or both inside it.
        fc.pre(beforeWindow(earlier) === beforeWindow(later));
        return severity(only(later, asAt).status) >= severity(only(earlier, asAt).status);
      }),
    );
  });

  it('as time passes, an open milestone never improves once it is overdue', () => {
    fc.assert(
      fc.property(record, instant, fc.nat({ max: 10 ** 10 }), (open, asAt, later) => {
        fc.pre(only(open, new Date(asAt)).overdue);
        return severity(only(open, new Date(asAt + later)).status) >= severity(only(open, new Date(asAt)).status);
      }),
    );
  });

  it('the status as at an instant ignores every completion and confirmation recorded after it', () => {
    fc.assert(
      fc.property(record, instant, fc.integer({ min: 1, max: 10 ** 10 }), (open, asAt, after) => {
        const laterEvents = { ...open, completedAt: new Date(asAt + after).toISOString(), confirmedAt: new Date(asAt + after).toISOString() };
        const withoutThem = { ...open, completedAt: null, confirmedAt: null };
        return JSON.stringify(only(laterEvents, new Date(asAt))) === JSON.stringify(only(withoutThem, new Date(asAt)));
      }),
    );
  });
});
