import fc from 'fast-check';
import { financialPeriod, nthWorkingDayAfterMonthEnd, periodBefore } from './financial-calendar';
import { addMonths } from './london-time';
import { WorkingCalendar } from './working-calendar';

// England and Wales bank holidays of 2017-2019 and 2025-2027, as published.
const HOLIDAYS = [
  '2017-01-02', '2017-04-14', '2017-04-17', '2017-05-01', '2017-05-29', '2017-08-28', '2017-12-25', '2017-12-26',
  '2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26',
  '2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26',
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  // the New Year holidays that the last runs of 2019 and 2027 reach into
  '2020-01-01', '2028-01-03',
];
const calendar = new WorkingCalendar(HOLIDAYS);

describe('financial periods', () => {
  it('run April to March, with quarters and M1 to M12', () => {
    expect(financialPeriod('2018-04')).toEqual({ month: '2018-04', financialYear: '2018/19', quarter: 'Q1', monthNumber: 1, label: 'M1 2018/19 (April 2018)' });
    expect(financialPeriod('2018-01')).toEqual({ month: '2018-01', financialYear: '2017/18', quarter: 'Q4', monthNumber: 10, label: 'M10 2017/18 (January 2018)' });
    expect(financialPeriod('2019-03').monthNumber).toBe(12);
    expect(financialPeriod('2099-12').financialYear).toBe('2099/00');
    expect(periodBefore('2018-01-08')).toBe('2017-12');
  });
});

describe('month-end run days', () => {
  it('match the golden 5th working days after month end for 2017-2019 and 2025-2027', () => {
    const fifth = (year: number) => Array.from({ length: 12 }, (_, index) => nthWorkingDayAfterMonthEnd(`${year}-${String(index + 1).padStart(2, '0')}`, 5, calendar));
    expect(fifth(2017)).toEqual(['2017-02-07', '2017-03-07', '2017-04-07', '2017-05-08', '2017-06-07', '2017-07-07', '2017-08-07', '2017-09-07', '2017-10-06', '2017-11-07', '2017-12-07', '2018-01-08']);
    expect(fifth(2018)).toEqual(['2018-02-07', '2018-03-07', '2018-04-09', '2018-05-08', '2018-06-07', '2018-07-06', '2018-08-07', '2018-09-07', '2018-10-05', '2018-11-07', '2018-12-07', '2019-01-08']);
    expect(fifth(2019)).toEqual(['2019-02-07', '2019-03-07', '2019-04-05', '2019-05-08', '2019-06-07', '2019-07-05', '2019-08-07', '2019-09-06', '2019-10-07', '2019-11-07', '2019-12-06', '2020-01-08']);
    expect(fifth(2025)).toEqual(['2025-02-07', '2025-03-07', '2025-04-07', '2025-05-08', '2025-06-06', '2025-07-07', '2025-08-07', '2025-09-05', '2025-10-07', '2025-11-07', '2025-12-05', '2026-01-08']);
    expect(fifth(2026)).toEqual(['2026-02-06', '2026-03-06', '2026-04-09', '2026-05-08', '2026-06-05', '2026-07-07', '2026-08-07', '2026-09-07', '2026-10-07', '2026-11-06', '2026-12-07', '2027-01-08']);
    expect(fifth(2027)).toEqual(['2027-02-05', '2027-03-05', '2027-04-07', '2027-05-10', '2027-06-07', '2027-07-07', '2027-08-06', '2027-09-07', '2027-10-07', '2027-11-05', '2027-12-07', '2028-01-10']);
  });

  it('never fall on a weekend or a bank holiday, and fall after the month ends', () => {
    // Every month of 2017-2019 and 2025-2027, the years whose holidays are listed above.
    const month = fc.integer({ min: 0, max: 71 }).map((offset) => (offset < 36 ? addMonths('2017-01', offset) : addMonths('2025-01', offset - 36)));
    fc.assert(
      fc.property(month, fc.integer({ min: 1, max: 20 }), (period, n) => {
        const day = nthWorkingDayAfterMonthEnd(period, n, calendar);
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
        return weekday !== 0 && weekday !== 6 && !HOLIDAYS.includes(day) && day.slice(0, 7) > period;
      }),
    );
  });
});
