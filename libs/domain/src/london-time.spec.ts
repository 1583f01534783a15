import fc from 'fast-check';
import { addMonths, endOfLondonDay, lastDayOfMonth, londonDay, monthsBetween, startOfLondonDay } from './london-time';

describe('London days', () => {
  it('start at midnight GMT in winter and 23:00 UTC the evening before in summer', () => {
    expect(startOfLondonDay('2018-01-15').toISOString()).toBe('2018-01-15T00:00:00.000Z');
    expect(startOfLondonDay('2018-07-15').toISOString()).toBe('2018-07-14T23:00:00.000Z');
  });

  it('handle the days the clocks change', () => {
    expect(startOfLondonDay('2018-03-25').toISOString()).toBe('2018-03-25T00:00:00.000Z');
    expect(endOfLondonDay('2018-03-25').toISOString()).toBe('2018-03-25T22:59:59.999Z');
    expect(startOfLondonDay('2018-10-28').toISOString()).toBe('2018-10-27T23:00:00.000Z');
    expect(endOfLondonDay('2018-10-28').toISOString()).toBe('2018-10-28T23:59:59.999Z');
  });

  it('name the London day of an instant', () => {
    expect(londonDay(new Date('2018-07-14T23:30:00Z'))).toBe('2018-07-15');
    expect(londonDay(new Date('2018-01-14T23:30:00Z'))).toBe('2018-01-14');
  });

  it('count months and find month ends', () => {
    expect(addMonths('2017-10', 15)).toBe('2019-01');
    expect(addMonths('2018-01', -1)).toBe('2017-12');
    expect(monthsBetween('2017-10', '2019-03')).toBe(17);
    expect(lastDayOfMonth('2019-02')).toBe('2019-02-28');
    expect(lastDayOfMonth('2020-02')).toBe('2020-02-29');
  });

  it('gives every instant the London day that Intl gives it, across clock changes and from memory alike', () => {
    const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    // 2015 to 2030, to the millisecond, so that instants near each hour's edge and each clock change come up.
    const instant = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 11, 31) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, (at) => {
        const expected = london.format(at);
        return londonDay(at) === expected && londonDay(new Date(at.getTime())) === expected && startOfLondonDay(expected).getTime() <= at.getTime();
      }),
      { numRuns: 2_000 },
    );
  });
});
