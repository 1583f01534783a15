import { WorkingCalendar } from '@pmo/domain';
import { PackagedBankHolidays } from './bank-holidays';

describe('England and Wales bank holidays', () => {
  const holidays = new PackagedBankHolidays().englandAndWales();

  it('include substitute and one-off days', () => {
    expect(holidays).toEqual(expect.arrayContaining(['2017-12-26', '2018-03-30', '2018-04-02', '2020-05-08', '2020-12-28', '2022-06-03', '2022-09-19']));
    expect(holidays).not.toContain('2020-05-04');
  });

  it('make working days skip Easter and Christmas', () => {
    const calendar = new WorkingCalendar(holidays);
    expect(calendar.addWorkingDays('2018-03-29', 1)).toBe('2018-04-03');
    expect(calendar.workingDaysBetween('2018-12-21', '2019-01-02')).toBe(5);
  });
});
