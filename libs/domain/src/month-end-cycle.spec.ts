import fc from 'fast-check';
import { addDays } from './london-time';
import { cycleDays, DEFAULT_CYCLE_RULE, dutiesOn } from './month-end-cycle';
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
      returnEscalationDay: '2018-04-17',
    });
    // After the clocks go back the London day starts at midnight UTC.
    expect(cycleDays('2018-10', DEFAULT_CYCLE_RULE, calendar).returnAsAt).toBe('2018-11-07T00:00:00.000Z');
  });

  it('name the duties of a day, each for its period', () => {
    expect(dutiesOn('2018-04-09', DEFAULT_CYCLE_RULE, calendar)).toEqual({
      day: '2018-04-09',
      remindMissingUpdates: null,
      runCycle: '2018-03',
      remindReturnSignOff: null,
      escalateReturnSignOff: null,
    });
    expect(dutiesOn('2018-04-05', DEFAULT_CYCLE_RULE, calendar).remindMissingUpdates).toBe('2018-03');
    expect(dutiesOn('2018-04-17', DEFAULT_CYCLE_RULE, calendar).escalateReturnSignOff).toBe('2018-03');
    expect(dutiesOn('2019-01-08', DEFAULT_CYCLE_RULE, calendar).runCycle).toBe('2018-12');
    expect(dutiesOn('2018-04-10', DEFAULT_CYCLE_RULE, calendar)).toEqual({ day: '2018-04-10', remindMissingUpdates: null, runCycle: null, remindReturnSignOff: null, escalateReturnSignOff: null });
  });

  it('give every period of 2018 exactly one run day and one of each duty, on working days', () => {
    const duties = { remindMissingUpdates: [] as string[], runCycle: [] as string[], remindReturnSignOff: [] as string[], escalateReturnSignOff: [] as string[] };
    for (let day = '2018-01-15'; day <= '2019-02-28'; day = addDays(day, 1)) {
      const due = dutiesOn(day, DEFAULT_CYCLE_RULE, calendar);
      for (const duty of Object.keys(duties) as (keyof typeof duties)[]) {
        if (due[duty] === null) continue;
        expect(calendar.isWorkingDay(day)).toBe(true);
        duties[duty].push(due[duty] as string);
      }
    }
    const months = Array.from({ length: 12 }, (_, index) => `2018-${String(index + 1).padStart(2, '0')}`);
    for (const periods of Object.values(duties)) expect(periods.filter((period) => period.startsWith('2018'))).toEqual(months);
  });

  it('remind about a period before it begins when told to: 20 working days before a run on the 1st', () => {
    // December 2018's run is on Wednesday 2 January; 20 working days before it, over Christmas, is Friday 30 November.
    const rule = { ...DEFAULT_CYCLE_RULE, runWorkingDay: 1, updateReminderWorkingDays: 20 };
    expect(cycleDays('2018-12', rule, calendar).updateReminderDay).toBe('2018-11-30');
    expect(dutiesOn('2018-11-30', rule, calendar).remindMissingUpdates).toBe('2018-12');
  });

  it('find the run day again from any rule and period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 22 }), (runWorkingDay, updateReminderWorkingDays, offset) => {
        const period = `${2018 + Math.floor(offset / 12)}-${String((offset % 12) + 1).padStart(2, '0')}`;
        const rule = { ...DEFAULT_CYCLE_RULE, runWorkingDay, updateReminderWorkingDays, returnDeadlineWorkingDay: 20 };
        const days = cycleDays(period, rule, calendar);
        return dutiesOn(days.runDay, rule, calendar).runCycle === period && (updateReminderWorkingDays === 0 || dutiesOn(days.updateReminderDay, rule, calendar).remindMissingUpdates === period);
      }),
    );
  });
});
