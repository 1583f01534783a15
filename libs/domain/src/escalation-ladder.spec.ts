import { DEFAULT_OVERDUE_LADDER, ladderProblems, rungInstants, snoozeEndsAt } from './escalation-ladder';
import { WorkingCalendar } from './working-calendar';

const calendar = new WorkingCalendar(['2018-03-30', '2018-04-02']);

describe('escalation ladder', () => {
  it('fires each rung its working days after the overdue day, at the same London time, over Easter', () => {
    // Due by the end of Thursday 29 March 2018: overdue from 00:00 BST on Good Friday.
    const overdueAt = new Date('2018-03-29T23:00:00.000Z');
    expect(rungInstants(overdueAt, DEFAULT_OVERDUE_LADDER, calendar)).toEqual([
      '2018-03-29T23:00:00.000Z',
      // Easter Monday is skipped: Tuesday 3, Wednesday 4, Thursday 5 April, at 00:00 BST.
      '2018-04-04T23:00:00.000Z',
      // Ten working days: Monday 16 April.
      '2018-04-15T23:00:00.000Z',
    ]);
  });

  it('keeps the London time of day across the autumn clock change', () => {
    // Overdue at 09:00 BST on Friday 26 October 2018; three working days later is Wednesday 31 October, 09:00 GMT.
    expect(rungInstants(new Date('2018-10-26T08:00:00.000Z'), DEFAULT_OVERDUE_LADDER, calendar)[1]).toBe('2018-10-31T09:00:00.000Z');
  });

  it('ends a snooze at the start of the London day after its last day', () => {
    expect(snoozeEndsAt('2018-06-15')).toBe('2018-06-15T23:00:00.000Z');
    expect(snoozeEndsAt('2018-12-14')).toBe('2018-12-15T00:00:00.000Z');
  });

  it('refuses a ladder that tells nobody, goes backwards or has too many rungs', () => {
    expect(ladderProblems(DEFAULT_OVERDUE_LADDER)).toEqual([]);
    expect(ladderProblems([])).toEqual(['a ladder has one to six rungs']);
    expect(ladderProblems([{ afterWorkingDays: 2, to: ['lead'] }, { afterWorkingDays: 2, to: [] }])).toEqual(['rung 2: must come later than rung 1', 'rung 2: must tell someone']);
  });
});
