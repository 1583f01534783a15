import { WorkingCalendar } from '@pmo/domain';
import { PackagedBankHolidays } from './bank-holidays';

describe('England and Wales bank holidays', () => {
  const holidays = new PackagedBankHolidays().englandAndWales();

  it('include substitute and one-off days', () => {
    expect(holidays).toEqual(expect.arrayContaining(['2017-12-26', '2018-03-30', '2018-04-02', '2020-05-08', '2020-12-28', '2022-06-03', '2022-09-19']));
    expect(holidays).not.toContain('2020-05-04');
  });

  it('are the published England and Wales bank holidays of 2017-2019 and 2025-2027', () => {
    // Holidays that fall at a weekend (New Year's Day 2017, a Sunday) are substituted and change no working day.
    const inYears = (years: number[]) =>
      holidays.filter((day) => years.includes(Number(day.slice(0, 4))) && new Date(`${day}T00:00:00Z`).getUTCDay() % 6 !== 0);
    expect(inYears([2017, 2018, 2019])).toEqual([
      '2017-01-02', '2017-04-14', '2017-04-17', '2017-05-01', '2017-05-29', '2017-08-28', '2017-12-25', '2017-12-26',
      '2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26',
      '2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26',
    ]);
    expect(inYears([2025, 2026, 2027])).toEqual([
      '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
      '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
    ]);
  });

  it('make working days skip Easter and Christmas', () => {
    const calendar = new WorkingCalendar(holidays);
    expect(calendar.addWorkingDays('2018-03-29', 1)).toBe('2018-04-03');
    expect(calendar.workingDaysBetween('2018-12-21', '2019-01-02')).toBe(5);
  });
});
