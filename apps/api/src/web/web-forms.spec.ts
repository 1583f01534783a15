import { ApplicationError, ApplicationErrorCode } from '@pmo/application';
import { dayOf, formProblems, penceOf } from './web-forms';
import { sameSitePath } from './web-error.filter';

describe('web forms', () => {
  const date = (day: string, month: string, year: string) => ({ day, month, year });

  it('reads a real date from the three fields of the NHS.UK date input', () => {
    expect(dayOf(date('7', '3', '2026'), 'the date')).toEqual({ day: '2026-03-07' });
    expect(dayOf(date('29', '2', '2028'), 'the date')).toEqual({ day: '2028-02-29' });
  });

  it('says what is wrong with a date in the service manual’s words', () => {
    expect(dayOf(date('', '', ''), 'the date it was completed')).toEqual({ problem: 'Enter the date it was completed' });
    expect(dayOf(date('', '3', '2026'), 'the date')).toEqual({ problem: 'The date must include a day' });
    expect(dayOf(date('7', '', '2026'), 'the date')).toEqual({ problem: 'The date must include a month' });
    expect(dayOf(date('31', '2', '2026'), 'the date')).toEqual({ problem: 'The date must be a real date' });
    expect(dayOf(date('29', '2', '2026'), 'the date')).toEqual({ problem: 'The date must be a real date' });
    expect(dayOf(date('1', '1', '26'), 'the date')).toEqual({ problem: 'The date must be a real date' });
    expect(dayOf(date('1', 'March', '2026'), 'the date')).toEqual({ problem: 'The date must be a real date' });
  });

  it('reads pounds as typed into integer pence, and refuses what is not an amount', () => {
    expect(penceOf('£1,250.50', 'the budget')).toEqual({ pence: 125050 });
    expect(penceOf('200000', 'the budget')).toEqual({ pence: 20000000 });
    expect(penceOf('0.5', 'the budget')).toEqual({ pence: 50 });
    expect(penceOf('', 'the budget')).toEqual({ problem: 'Enter the budget' });
    for (const typed of ['-5', '1.234', 'ten pounds', '1e6', '£']) {
      expect(penceOf(typed, 'the budget')).toEqual({ problem: 'The budget must be an amount in pounds, such as 1250 or 1250.50' });
    }
  });

  it('puts a use case’s field problems against the form’s fields, and leaves other errors alone', () => {
    const fields = { reason: { id: 'reason', label: 'The reason' } };
    const first = { id: 'forecast-day', label: 'The date' };
    const invalid = ApplicationError.validationFailed([{ field: 'reason', reason: 'must say why the forecast moves' }]);
    expect(formProblems(invalid, fields, first)).toEqual([{ field: 'reason', text: 'The reason must say why the forecast moves' }]);
    const conflict = new ApplicationError(ApplicationErrorCode.Conflict, 'milestone M01 is complete');
    expect(formProblems(conflict, fields, first)).toEqual([{ field: 'forecast-day', text: 'Milestone M01 is complete' }]);
    expect(formProblems(ApplicationError.notFound('no programme'), fields, first)).toBeNull();
    expect(formProblems(new Error('database away'), fields, first)).toBeNull();
  });

  it('goes back after signing in only to a page of this service', () => {
    expect(sameSitePath('/app/programmes?status=Red')).toBe('/app/programmes?status=Red');
    expect(sameSitePath('https://elsewhere.example/app')).toBe('/app');
    expect(sameSitePath('//elsewhere.example/app')).toBe('/app');
    expect(sameSitePath('/docs')).toBe('/app');
  });
});
