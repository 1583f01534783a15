import fc from 'fast-check';
import { WorkingCalendar } from './working-calendar';

const calendar = new WorkingCalendar(['2018-03-30', '2018-04-02', '2018-12-25', '2018-12-26']);

describe('WorkingCalendar', () => {
  it('skips weekends and bank holidays', () => {
    expect(calendar.isWorkingDay('2018-03-29')).toBe(true);
    expect(calendar.isWorkingDay('2018-03-30')).toBe(false);
    expect(calendar.isWorkingDay('2018-03-31')).toBe(false);
    expect(calendar.addWorkingDays('2018-03-29', 1)).toBe('2018-04-03');
    expect(calendar.addWorkingDays('2018-04-03', -1)).toBe('2018-03-29');
    expect(calendar.workingDaysBetween('2018-12-21', '2018-12-31')).toBe(4);
    expect(calendar.workingDaysBetween('2018-12-31', '2018-12-21')).toBe(-4);
  });

  it('adding n working days and counting them back agree', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((offset) => new Date(Date.UTC(2018, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    fc.assert(fc.property(day, fc.integer({ min: -40, max: 40 }), (start, n) => calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n)) === n));
  });
});
