import Holidays from 'date-holidays';
import { BankHolidays } from '@pmo/application';

/** Programmes in the record run from the GP Forward View (2016) on; deadlines reach a decade ahead. */
const FIRST_YEAR = 2010;
const LAST_YEAR = 2045;

/**
 * England and Wales bank holidays from the date-holidays package's own rules (no network): the
 * fixed and moveable holidays, substitute days, and one-off days such as the 2022 Jubilee.
 */
export class PackagedBankHolidays extends BankHolidays {
  private readonly days: readonly string[];

  constructor() {
    super();
    const england = new Holidays('GB', 'ENG');
    const days: string[] = [];
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
      for (const holiday of england.getHolidays(year)) {
        if (holiday.type === 'public') days.push(holiday.date.slice(0, 10));
      }
    }
    this.days = days.sort();
  }

  englandAndWales(): readonly string[] {
    return this.days;
  }
}
