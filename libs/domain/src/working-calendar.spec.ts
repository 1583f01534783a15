import fc from 'fast-check';
import { addDays } from './london-time';
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

  it('counts as a walk from day to day does, over any span, with holidays on weekdays and at weekends', () => {
    // A holiday on a Saturday (2018-12-29, made up) must not be taken off twice.
    const withWeekendHoliday = new WorkingCalendar(['2018-03-30', '2018-04-02', '2018-12-25', '2018-12-26', '2018-12-29']);
    const dayAt = (offset: number) => new Date(Date.UTC(2017, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    // The definition, day by day: after `from` up to and including `to`; backwards, minus `to` up to but not including `from`.
    const walked = (from: string, to: string) => {
      const forward = to >= from;
      const [start, end] = forward ? [addDays(from, 1), to] : [to, addDays(from, -1)];
      let count = 0;
      for (let day = start; day <= end; day = addDays(day, 1)) if (withWeekendHoliday.isWorkingDay(day)) count += 1;
      return forward ? count : -count;
    };
    const offset = fc.integer({ min: 0, max: 1_000 });
    fc.assert(fc.property(offset, offset, (a, b) => withWeekendHoliday.workingDaysBetween(dayAt(a), dayAt(b)) === walked(dayAt(a), dayAt(b))));
  });
});
