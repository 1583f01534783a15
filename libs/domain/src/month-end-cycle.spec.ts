import fc from 'fast-check';
import { addDays } from './london-time';
import { checkCycleRule, cycleDays, DEFAULT_CYCLE_RULE, periodRunningOn } from './month-end-cycle';
import { WorkingCalendar } from './working-calendar';

// England and Wales bank holidays of 2018 and 2019.
const calendar = new WorkingCalendar([
  '2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26',
  '2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26',
]);

describe('month-end cycle days', () => {
  it('put the run on the 5th working day, the deadline on the 10th, and the reminders before them', () => {
    // March 2018 ends on a Saturday, then Easter Monday: the 5th working day is Monday 9 April.
    expect(cycleDays('2018-03', DEFAULT_CYCLE_RULE, calendar)).toEqual({
      period: '2018-03',
      updateReminderDay: '2018-04-05',
      runDay: '2018-04-09',
      returnAsAt: '2018-04-08T23:00:00.000Z',
      returnReminderDay: '2018-04-12',
      returnDeadline: '2018-04-16',
    });
    // After the clocks go back the London day starts at midnight UTC.
    expect(cycleDays('2018-10', DEFAULT_CYCLE_RULE, calendar).returnAsAt).toBe('2018-11-07T00:00:00.000Z');
  });

  it('name the period that runs on a day, and only on its run day', () => {
    expect(periodRunningOn('2018-04-09', DEFAULT_CYCLE_RULE, calendar)).toBe('2018-03');
    expect(periodRunningOn('2018-04-10', DEFAULT_CYCLE_RULE, calendar)).toBeNull();
    expect(periodRunningOn('2019-01-08', DEFAULT_CYCLE_RULE, calendar)).toBe('2018-12');
  });

  it('give every period of 2018 exactly one run day, on a working day', () => {
    const runs: string[] = [];
    for (let day = '2018-02-01'; day <= '2019-01-31'; day = addDays(day, 1)) {
      const period = periodRunningOn(day, DEFAULT_CYCLE_RULE, calendar);
      if (period !== null) runs.push(`${period} ${day}`);
    }
    expect(runs).toHaveLength(12);
    expect(runs.map((run) => run.slice(0, 7))).toEqual(Array.from({ length: 12 }, (_, index) => `2018-${String(index + 1).padStart(2, '0')}`));
    expect(runs.every((run) => calendar.isWorkingDay(run.slice(8)))).toBe(true);
  });

  it('find the run day again from any rule and period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 22 }), (runWorkingDay, offset) => {
        const period = `${2018 + Math.floor(offset / 12)}-${String((offset % 12) + 1).padStart(2, '0')}`;
        const rule = { ...DEFAULT_CYCLE_RULE, runWorkingDay, returnDeadlineWorkingDay: 20 };
        return periodRunningOn(cycleDays(period, rule, calendar).runDay, rule, calendar) === period;
      }),
    );
  });

  it('refuse a rule that is not whole working days or puts the deadline before the run', () => {
    expect(checkCycleRule(DEFAULT_CYCLE_RULE)).toEqual([]);
    expect(checkCycleRule({ ...DEFAULT_CYCLE_RULE, runWorkingDay: 0 })).toEqual(['runWorkingDay must be a whole number of working days from 1 to 20']);
    expect(checkCycleRule({ ...DEFAULT_CYCLE_RULE, returnDeadlineWorkingDay: 3 })).toEqual(['returnDeadlineWorkingDay must not come before runWorkingDay']);
  });
});
